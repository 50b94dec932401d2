#!/usr/bin/env bash
# Fails when a binary needs a newer glibc than MAX (default 2.17, the EL7
# glibc): reads the versioned dynamic symbols each binary imports
# (`readelf --dyn-syms -W`, undefined entries only: a symbol the binary
# defines itself does not constrain the host) and every GLIBC_x.y[.z] it
# requires (`readelf -V`, .gnu.version_r), and prints the offending symbols
# with their versions.
#
#   scripts/check-glibc.sh BINARY... [MAX=2.17]
#
# Exit 0: all binaries within MAX; 1: some need more (or are not
# dynamically linked ELF files); 2: usage error.
set -euo pipefail

max=2.17
bins=()
for a in "$@"; do
	case "$a" in
	MAX=*) max="${a#MAX=}" ;;
	*) bins+=("$a") ;;
	esac
done
if [ ${#bins[@]} -eq 0 ] || ! [[ "$max" =~ ^[0-9]+(\.[0-9]+)+$ ]]; then
	echo "usage: $0 BINARY... [MAX=2.17]" >&2
	exit 2
fi
command -v readelf >/dev/null || { echo "check-glibc: readelf missing (binutils)" >&2; exit 2; }

# newer A B: true when version A > version B (sort -V).
newer() { [ "$1" != "$2" ] && [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | tail -1)" = "$1" ]; }

rc=0
for b in "${bins[@]}"; do
	if ! [ -f "$b" ] || ! readelf -h "$b" >/dev/null 2>&1; then
		echo "check-glibc: $b: not an ELF file" >&2
		rc=1
		continue
	fi
	# Version needs (.gnu.version_r): "Name: GLIBC_2.17  Flags: ..." lines.
	needs="$(readelf -V -W "$b" | sed -n 's/.*Name: GLIBC_\([0-9.]*\).*/\1/p' | sort -Vu)"
	if [ -z "$needs" ]; then
		if readelf -d "$b" | grep -q 'NEEDED'; then
			echo "check-glibc: $b: dynamically linked but requires no GLIBC version" >&2
		else
			echo "check-glibc: $b: statically linked (no glibc needed at run time)" >&2
		fi
		rc=1
		continue
	fi
	highest="$(tail -1 <<<"$needs")"
	bad=()
	while IFS= read -r v; do
		newer "$v" "$max" && bad+=("$v")
	done <<<"$needs"
	# Weak unversioned imports (Rust std's statx, getrandom, gettid,
	# __cxa_thread_atexit_impl) bind to whatever the host has and are null
	# on older hosts, where std falls back: listed, never a failure.
	weak="$(readelf --dyn-syms -W "$b" | awk '$5 == "WEAK" && $7 == "UND" && $8 != "" && $8 !~ /@/ { print $8 }' | sort -u | tr '\n' ' ' | sed 's/ $//')"
	if [ ${#bad[@]} -eq 0 ]; then
		echo "check-glibc: $b: OK, highest GLIBC_$highest <= $max${weak:+ (weak, optional: $weak)}"
		continue
	fi
	rc=1
	echo "check-glibc: $b: FAIL, highest GLIBC_$highest > $max; symbols needing more than $max:"
	# Undefined dynamic symbols look like "... UND fstat@GLIBC_2.33 (5)".
	readelf --dyn-syms -W "$b" | awk '$7 == "UND" && $8 ~ /@GLIBC_/ { print $8 }' |
		sed 's/ (.*//' | sort -u | while IFS= read -r s; do
			v="${s##*@GLIBC_}"
			for x in "${bad[@]}"; do
				[ "$v" = "$x" ] && printf '  %s\n' "$s"
			done
		done
done
exit $rc
