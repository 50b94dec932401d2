#!/usr/bin/env bash
# Owns: one Debian kernel in the cache - ABI resolution, .deb download, extraction, header fix-up.
# usage: fetch-kernel.sh VER            (VER: 5.10 | 6.1 | 6.12)
# Result: .cache/vm/k/VER -> ABI/ (symlink) holding boot/vmlinuz-*, vmlinux.elf (for PVH boot),
#         usr/src/linux-headers-*, and kernel.env (KREL, HEADERS, VMLINUZ, VMLINUX).
# env: VM_REFRESH=1   re-read the suite indices even if fresh (default: when older than VM_APT_MAX_AGE h, 24)
#      VM_OFFLINE=1   use the cached kernel without asking the mirror
set -euo pipefail
. "$(dirname "$0")/lib.sh"

VER=$1; known_kernel "$VER"
APT=("$VM_DIR/apt.sh" "$VER")
mkdir -p "$CACHE/k" "$CACHE/debs" "$CACHE/apt/$VER"
LINK=$CACHE/k/$VER

cached() { [ -L "$LINK" ] && [ -f "$LINK/kernel.env" ]; }

if [ "${VM_OFFLINE:-0}" = 1 ]; then
	cached || die "$VER: VM_OFFLINE=1 but no cached kernel"
	log "$VER: offline, using cached $(readlink "$LINK")"; exit 0
fi

# 1. Suite indices: refreshed when missing, stale or asked for.
LISTS=$CACHE/apt/$VER/lists
stamp=$CACHE/apt/$VER/updated
age_max=$(( ${VM_APT_MAX_AGE:-24} * 3600 ))
if [ "${VM_REFRESH:-0}" = 1 ] || [ ! -f "$stamp" ] || [ $(( $(date +%s) - $(stat -c %Y "$stamp") )) -gt $age_max ]; then
	if "${APT[@]}" apt-get update > "$CACHE/apt/$VER/update.log" 2>&1; then
		touch "$stamp"
	elif cached; then
		log "$VER: apt-get update failed (see $CACHE/apt/$VER/update.log); using cached $(readlink "$LINK")"; exit 0
	else
		cat "$CACHE/apt/$VER/update.log" >&2; die "$VER: apt-get update failed"
	fi
fi

# 2. Current ABI from the linux-image-amd64 metapackage; header/kbuild packages from the
#    headers' own Depends (linux-headers-ABI-common, linux-kbuild-X).
depends() { "${APT[@]}" apt-cache show --no-all-versions "$1" | sed -n 's/^Depends: //p' | tr ',|' '\n\n' | awk '{print $1}'; }
resolved=$CACHE/apt/$VER/image   # resolution cached until the indices change
if [ -s "$resolved" ] && [ "$resolved" -nt "$stamp" ]; then
	IMG=$(cat "$resolved")
else
	IMG=$(depends linux-image-amd64 | grep -E '^linux-image-[0-9].*-amd64$' | head -1) ||:
	[ -n "$IMG" ] || die "$VER: cannot resolve linux-image-amd64 in ${KSUITES[$VER]}"
	echo "$IMG" > "$resolved"
fi
ABI=${IMG#linux-image-}; ABI=${ABI%-amd64}
KREL=$ABI-amd64
ROOT=$CACHE/k/$ABI
if [ -f "$ROOT/kernel.env" ]; then
	ln -sfn "$ABI" "$LINK"; log "$VER: $KREL (cached)"; exit 0
fi

# 3. Download (apt verifies every .deb against the signed suite index).
HDR=linux-headers-$KREL
PKGS=("$IMG" "$HDR" $(depends "$HDR" | grep -E '^linux-(headers|kbuild)-'))
t0=$(now_s)
DEBS=$CACHE/debs/$ABI; mkdir -p "$DEBS"
(cd "$DEBS" && "${APT[@]}" apt-get download "${PKGS[@]}" > download.log 2>&1) || { cat "$DEBS/download.log" >&2; die "$VER: download failed"; }
log "$VER: downloaded ${PKGS[*]} in $(elapsed "$t0") s"

# 4. Extract into a temp dir, then rename: an interrupted run never leaves a half tree.
t0=$(now_s)
TMP=$ROOT.tmp; rm -rf "$TMP"; mkdir -p "$TMP"
for deb in "$DEBS"/*.deb; do
	case $(basename "$deb") in
	linux-image-*) dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$TMP" --wildcards './boot/*' ;;  # no modules needed
	*) dpkg-deb -x "$deb" "$TMP" ;;
	esac
done
H=$TMP/usr/src/$HDR
[ -f "$H/Makefile" ] || die "$VER: no $HDR/Makefile in the packages"
# P4: the arch headers' Makefile includes the common headers by absolute /usr/src path.
sed -i "s#^include /usr/src/#include $ROOT/usr/src/#" "$H/Makefile"
VMLINUZ=$(ls "$TMP"/boot/vmlinuz-*)
"$VM_DIR/extract-vmlinux.py" "$VMLINUZ" "$TMP/vmlinux.elf" >/dev/null
cat > "$TMP/kernel.env" <<EOV
KREL=$KREL
HEADERS=$ROOT/usr/src/$HDR
VMLINUZ=$ROOT/boot/$(basename "$VMLINUZ")
VMLINUX=$ROOT/vmlinux.elf
EOV
rm -rf "$ROOT"; mv "$TMP" "$ROOT"
old=$(readlink "$LINK" 2>/dev/null) ||:
ln -sfn "$ABI" "$LINK"
# The superseded ABI of this suite is no longer used by anything.
[ -n "$old" ] && [ "$old" != "$ABI" ] && rm -rf "${CACHE:?}/k/$old" "${CACHE:?}/debs/$old" && log "$VER: removed superseded $old"
log "$VER: $KREL extracted in $(elapsed "$t0") s"
