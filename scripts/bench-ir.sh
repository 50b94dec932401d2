#!/usr/bin/env bash
# Instructions per event through the processing stage for each event mix
# of agent/benches/mixes (stable ruleset), counted by callgrind inside
# run_mix only: exact and repeatable for the same binary, unlike wall time
# on a shared machine. Needs valgrind (scripts/setup-host.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "bench-ir: valgrind missing; run make setup" >&2; exit 1; }
out=$(cargo bench -p lanner --bench rules_ir --no-run --message-format=json 2>/dev/null |
	python3 -c 'import json,sys
for l in sys.stdin:
    m=json.loads(l)
    if m.get("reason")=="compiler-artifact" and m["target"]["name"]=="rules_ir" and m.get("executable"):
        print(m["executable"])' | tail -1)
[ -x "$out" ] || { echo "bench-ir: rules_ir bench binary not built" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd agent
for mix in opens exec connect; do
	n=$("$out" "$mix" | sed -nE 's/^mix [a-z]+: ([0-9]+) events.*/\1/p')
	valgrind --tool=callgrind --callgrind-out-file="$tmp/$mix.out" \
		--toggle-collect='*run_mix*' "$out" "$mix" >/dev/null 2>"$tmp/$mix.log"
	ir=$(sed -nE 's/.*Collected : ([0-9]+).*/\1/p' "$tmp/$mix.log")
	[ -n "$ir" ] && [ -n "$n" ] || { cat "$tmp/$mix.log" >&2; exit 1; }
	echo "$mix: $((ir / n)) Ir/event ($n events)"
done
