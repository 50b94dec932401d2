#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# run.sh - compile-time feature probes for the lanner module.
#
# usage: run.sh MAKE KDIR PROBEDIR [make variable assignments...]
#
# Compiles every PROBEDIR/<NAME>.c against the kernel build tree KDIR in
# one kbuild invocation (single-object targets, -k, parallel) and prints
# " -DHAS_<NAME>" for each probe that compiled. Called from kmod/Kbuild
# through $(shell ...). Prints nothing else on stdout, never fails the
# build (a broken probe only means the fallback is used), and leaves no
# files behind. Set LANNER_PROBE_LOG=<file> to keep kbuild's output.
set -u
mk=$1; kdir=$2; pdir=$3; shift 3
# Never recurse: a probe build must not re-enter a module build.
[ -z "${LANNER_PROBING:-}" ] || exit 0

tmp=$(mktemp -d "${TMPDIR:-/tmp}/lanner-probes.XXXXXX") || exit 0
trap 'rm -rf "$tmp"' EXIT INT TERM
# 3.10 kbuild (RHEL 7) writes <name>.mod into M/.tmp_versions after each
# single-object target but creates that directory only for "make modules"
# (4.x creates it in "prepare"; 5.3+ has no such directory): without it every
# probe that compiles ends in "cannot create .tmp_versions/<n>.mod" and still
# counts only because 3.10 leaves the .o behind (no .DELETE_ON_ERROR).
mkdir "$tmp/.tmp_versions" || exit 0

names=
for f in "$pdir"/*.c; do
	[ -f "$f" ] || continue
	n=$(basename "$f" .c)
	cp "$f" "$tmp/$n.c"
	names="$names $n"
done
[ -n "$names" ] || exit 0

{
	for n in $names; do echo "obj-m += $n.o"; done
	# A probe fails only on the errors that tell API variants apart, not
	# on unrelated warnings some compiler/kernel pairs produce.
	echo "ccflags-y := -Werror=incompatible-pointer-types" \
	     "-Werror=implicit-function-declaration -Werror=int-conversion"
} > "$tmp/Kbuild"

targets=
for n in $names; do targets="$targets $n.o"; done
jobs=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)

# A clean environment: the outer kbuild exports its state (MAKEFLAGS,
# KBUILD_EXTMOD, sub_make_done, ...), which would make the inner make
# build the outer module again instead of the probes.
env -i PATH="$PATH" LANNER_PROBING=1 \
	"$mk" -C "$kdir" M="$tmp" -k -j"$jobs" "$@" $targets \
	> "$tmp/log" 2>&1 < /dev/null

for n in $names; do
	[ -s "$tmp/$n.o" ] && printf ' -DHAS_%s' "$n"
done
[ -n "${LANNER_PROBE_LOG:-}" ] && cp "$tmp/log" "$LANNER_PROBE_LOG"
exit 0
