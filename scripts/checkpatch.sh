#!/usr/bin/env bash
# Runs the kernel's checkpatch.pl over lanner's kernel C (kmod/, the
# conversions shared with the eBPF driver in driver-common/, and the shared
# ABI header). checkpatch.pl is taken from Debian's linux-source
# package (apt-get download, no install) and cached in .cache/checkpatch/.
# Exit status is checkpatch's: non-zero on any error or warning.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cache=$top/.cache/checkpatch
cp_pl=$cache/scripts/checkpatch.pl

if [ ! -x "$cp_pl" ]; then
	mkdir -p "$cache/dl"
	pkg=$(apt-cache depends linux-source 2>/dev/null | sed -n 's/.*Depends: \(linux-source-[0-9.]*\)$/\1/p' | head -1)
	pkg=${pkg:-linux-source-6.1}
	(cd "$cache/dl" && apt-get download -q "$pkg" >/dev/null 2>&1)
	ver=${pkg#linux-source-}
	dpkg-deb --fsys-tarfile "$cache"/dl/"$pkg"_*.deb |
		tar -xO "./usr/src/linux-source-$ver.tar.xz" | xz -dc |
		tar -x -C "$cache" --strip-components=1 --wildcards \
			"linux-source-$ver/scripts/checkpatch.pl" \
			"linux-source-$ver/scripts/spelling.txt" \
			"linux-source-$ver/scripts/const_structs.checkpatch"
	rm -rf "$cache/dl"
	chmod +x "$cp_pl"
fi

cd "$top"
status=0
# Kernel-only C: checked with every rule.
mapfile -t files < <(find kmod -name '*.[ch]' -not -name '*.mod.c' 2>/dev/null | sort)
if [ ${#files[@]} -gt 0 ]; then
	"$cp_pl" --no-tree --terse --show-types -f "${files[@]}" || status=1
fi
# The conversions and syscall tables both drivers compile (driver-common/):
# kernel C with every rule, like kmod/.
mapfile -t files < <(find driver-common -name '*.h' 2>/dev/null | sort)
if [ ${#files[@]} -gt 0 ]; then
	"$cp_pl" --no-tree --terse --show-types -f "${files[@]}" || status=1
fi
# The ABI header is also compiled by user space (bindgen, cc) and BPF,
# where the kernel's __packed shorthand does not exist: it defines it
# itself with __attribute__, which checkpatch flags. That one rule only.
"$cp_pl" --no-tree --terse --show-types --ignore PREFER_DEFINED_ATTRIBUTE_MACRO \
	-f abi/lanner_abi.h abi/src/event_table.c || status=1
# The eBPF fallback (vmlinux.h is generated). Two BPF idioms checkpatch
# cannot know are ignored there: VOLATILE ("const volatile" .rodata is how
# libbpf lets the loader set constants before the verifier sees them, and
# a volatile scratch struct keeps clang from caching what the verifier must
# see re-read) and MULTISTATEMENT_MACRO_USE_DO_WHILE (a macro that expands
# to a switch case per cgroup controller cannot be a do-while). In
# lanner_bpf.h also COMPLEX_MACRO: it gives driver-common's LANNER_SHARED
# its BPF storage class, "static __always_inline", two keywords by nature.
bpf_ignore=VOLATILE,MULTISTATEMENT_MACRO_USE_DO_WHILE
"$cp_pl" --no-tree --terse --show-types --ignore "$bpf_ignore" \
	-f bpf-fallback/lanner.bpf.c bpf-fallback/gen/nparams.c \
	$(ls bpf-fallback/include/*.h bpf-fallback/hooks/*.h bpf-fallback/fillers/*.h |
		grep -v -e vmlinux.h -e lanner_bpf.h) || status=1
"$cp_pl" --no-tree --terse --show-types --ignore "$bpf_ignore,COMPLEX_MACRO" \
	-f bpf-fallback/include/lanner_bpf.h || status=1
exit $status
