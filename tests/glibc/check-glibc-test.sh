#!/usr/bin/env bash
# Proves scripts/check-glibc.sh tells a too-new binary from a portable one,
# with binaries built here from a three-line C program by the host compiler
# (Debian 12: glibc 2.36, so even main() needs __libc_start_main@GLIBC_2.34):
#  - host build, MAX=2.17: must fail and name __libc_start_main@GLIBC_2.34;
#  - same binary, MAX = the host's own glibc version: must pass;
#  - a static build: must fail (no glibc versions to check is not "portable");
#  - a non-ELF file and a bad MAX: must fail / be a usage error.
# Runs in a temp dir; needs cc and readelf (build-essential).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
check="$root/scripts/check-glibc.sh"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fails=0
pass() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

printf '#include <stdio.h>\nint main(void) { puts("hi"); return 0; }\n' >"$tmp/hello.c"
cc -O1 -o "$tmp/hello" "$tmp/hello.c"
host_glibc="$(getconf GNU_LIBC_VERSION | awk '{print $2}')"

if out="$("$check" "$tmp/hello" 2>&1)"; then
	fail "host binary passed MAX=2.17: $out"
elif grep -q '__libc_start_main@GLIBC_2\.34' <<<"$out" && grep -q 'FAIL, highest GLIBC_' <<<"$out"; then
	pass "host binary rejected at 2.17 with the offending symbol named"
else
	fail "host binary rejected without naming __libc_start_main@GLIBC_2.34: $out"
fi

if out="$("$check" "$tmp/hello" "MAX=$host_glibc" 2>&1)"; then
	pass "host binary accepted at MAX=$host_glibc"
else
	fail "host binary rejected at its own glibc $host_glibc: $out"
fi

if cc -static -O1 -o "$tmp/hello-static" "$tmp/hello.c" 2>/dev/null; then
	if out="$("$check" "$tmp/hello-static" 2>&1)"; then
		fail "static binary passed: $out"
	else
		pass "static binary rejected: $out"
	fi
fi

if "$check" "$tmp/hello.c" >/dev/null 2>&1; then fail "non-ELF file passed"; else pass "non-ELF file rejected"; fi
rc=0
"$check" "$tmp/hello" MAX=two >/dev/null 2>&1 || rc=$?
[ "$rc" = 2 ] && pass "bad MAX is a usage error" || fail "bad MAX gave exit $rc, want 2"

[ "$fails" = 0 ] && echo "check-glibc-test: PASS" || { echo "check-glibc-test: $fails FAILED"; exit 1; }
