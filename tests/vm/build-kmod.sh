#!/usr/bin/env bash
# Owns: building lanner.ko for one cached kernel.
# usage: build-kmod.sh VER
# Copies the sources of kmod/, abi/ and driver-common/ into build/vm/VER/src/ (keeping ../abi/lanner_abi.h reachable from kmod/),
# runs kbuild against the cached headers and leaves build/vm/VER/lanner.ko + kmod-build.log.
# env: VM_SRC   tree holding kmod/ and abi/ (default: the repo)
#      VM_KCC   compiler when the one the headers name is missing (default gcc-12; pitfall P5)
#      VM_KMOD_REBUILD=1   rebuild even if sources, kernel and compiler are unchanged
set -euo pipefail
. "$(dirname "$0")/lib.sh"

VER=$1; known_kernel "$VER"
SRC=${VM_SRC:-$REPO}
[ -f "$SRC/kmod/Makefile" ] || die "$VER: no kmod/Makefile in $SRC (set VM_SRC for a stand-in)"
. "$CACHE/k/$VER/kernel.env"
OUT=$BUILD/$VER
mkdir -p "$OUT"

# The headers name the compiler Debian built the kernel with (.kernelvariables: CC = ... gcc-10).
want=$(sed -n 's/^CC *=.*[ )]\([^ )]*gcc[^ ]*\)$/\1/p' "$HEADERS/.kernelvariables" | tail -1)
CC=$want; CCARG=()
if [ -z "$want" ] || ! command -v "$want" >/dev/null; then
	CC=${VM_KCC:-gcc-12}; CCARG=(CC="$CC")
fi

# Sources only: objects left by an in-tree `make kmod` (another kernel) must never leak in.
EXCL=(--exclude='*.o' --exclude='*.ko' --exclude='*.a' --exclude='*.mod' --exclude='*.mod.c'
	--exclude='.*.cmd' --exclude=Module.symvers --exclude=modules.order --exclude=.tmp_versions
	--exclude=abi/target)
# Rebuild only when the sources, kernel or compiler changed (VM_KMOD_REBUILD=1 forces it).
key=$( { echo "$KREL $CC $("$CC" --version | head -1) $(sha256sum "$0" | cut -c1-16)"
	tar -c -C "$SRC" "${EXCL[@]}" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner kmod abi driver-common | sha256sum
	} | sha256sum | cut -c1-32)
if [ "${VM_KMOD_REBUILD:-0}" != 1 ] && [ -f "$OUT/lanner.ko" ] && [ "$(cat "$OUT/kmod.key" 2>/dev/null)" = "$key" ]; then
	log "$VER: lanner.ko for $KREL unchanged (sources, kernel, compiler), not rebuilt"; exit 0
fi
rm -rf "$OUT/src" "$OUT/lanner.ko" "$OUT/kmod.key"
mkdir -p "$OUT/src"
tar -c -C "$SRC" "${EXCL[@]}" kmod abi driver-common | tar -x -C "$OUT/src"

t0=$(now_s)
if ! make -C "$HEADERS" M="$OUT/src/kmod" "${CCARG[@]}" -j"$(nproc)" modules > "$OUT/kmod-build.log" 2>&1; then
	tail -30 "$OUT/kmod-build.log" >&2
	die "$VER: module build failed (full log: $OUT/kmod-build.log)"
fi
[ -f "$OUT/src/kmod/lanner.ko" ] || die "$VER: kbuild produced no lanner.ko"
cp "$OUT/src/kmod/lanner.ko" "$OUT/lanner.ko"
echo "$key" > "$OUT/kmod.key"
log "$VER: lanner.ko for $KREL built in $(elapsed "$t0") s (compiler: ${want:-?}${CCARG:+ -> ${CCARG[0]#CC=}})"
