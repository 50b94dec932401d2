#!/usr/bin/env bash
# Owns: building lanner.ko for one cached kernel.
# usage: build-kmod.sh VER
# Copies kmod/ and abi/ into build/vm/VER/src/ (keeping ../abi/lanner_abi.h reachable from kmod/),
# runs kbuild against the cached headers and leaves build/vm/VER/lanner.ko + kmod-build.log.
# env: VM_SRC   tree holding kmod/ and abi/ (default: the repo)
#      VM_KCC   compiler when the one the headers name is missing (default gcc-12; pitfall P5)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

VER=$1; known_kernel "$VER"
SRC=${VM_SRC:-$REPO}
[ -f "$SRC/kmod/Makefile" ] || die "$VER: no kmod/Makefile in $SRC (set VM_SRC for a stand-in)"
. "$CACHE/k/$VER/kernel.env"
OUT=$BUILD/$VER
mkdir -p "$OUT"

# Fresh copy each time: stale objects from another kernel must never leak in.
rm -rf "$OUT/src" "$OUT/lanner.ko"
mkdir -p "$OUT/src"
cp -a "$SRC/kmod" "$SRC/abi" "$OUT/src/"
rm -rf "$OUT/src/abi/target"   # cargo output, if any, is not kernel source

# The headers name the compiler Debian built the kernel with (.kernelvariables: CC = ... gcc-10).
want=$(sed -n 's/^CC *=.*[ )]\([^ )]*gcc[^ ]*\)$/\1/p' "$HEADERS/.kernelvariables" | tail -1)
CCARG=()
if [ -z "$want" ] || ! command -v "$want" >/dev/null; then
	CCARG=(CC="${VM_KCC:-gcc-12}")
fi

t0=$(now_s)
if ! make -C "$HEADERS" M="$OUT/src/kmod" "${CCARG[@]}" -j"$(nproc)" modules > "$OUT/kmod-build.log" 2>&1; then
	tail -30 "$OUT/kmod-build.log" >&2
	die "$VER: module build failed (full log: $OUT/kmod-build.log)"
fi
[ -f "$OUT/src/kmod/lanner.ko" ] || die "$VER: kbuild produced no lanner.ko"
cp "$OUT/src/kmod/lanner.ko" "$OUT/lanner.ko"
log "$VER: lanner.ko for $KREL built in $(elapsed "$t0") s (compiler: ${want:-?}${CCARG:+ -> ${CCARG[0]#CC=}})"
