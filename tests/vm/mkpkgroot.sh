#!/usr/bin/env bash
# Owns: the package boot's guest - a real Debian root file system (systemd as PID 1) with the
# built .debs beside it, as one gzip newc initramfs.
# usage: mkpkgroot.sh VER      (VER: a kernel of lib.sh's matrix whose suite is a Debian release)
# mmdebstrap builds the root of VER's suites (minbase + systemd, dkms with its compiler, kmod
# and linux-headers-<release> of the cached kernel, so DKMS builds against exactly the
# kernel the guest boots) from the mirror the host's apt uses (apt-mirror.py). The root is kept
# in .cache/vm/pkgroot/<release>-<hash of the package list>/ and reused. Then
# build/vm/VER/pkg-initramfs.cpio.gz = that root + /vm/pkgs/*.deb (from VM_DEBS) +
# /vm/pkgtest.sh, run once by lanner-pkgtest.service; consoles' gettys are masked (no udev).
# env: VM_DEBS   directory holding lanner_*.deb and lanner-dkms_*.deb (default build/package)
# Must never: install the packages under test into the cached root (the guest does, with dpkg).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

VER=$1; known_kernel "$VER"
DEBS=${VM_DEBS:-$REPO/build/package}
command -v mmdebstrap >/dev/null || die "mmdebstrap is not installed (make setup)"
[ "$(id -u)" = 0 ] || die "mmdebstrap --mode=root needs root"
compgen -G "$DEBS/lanner_*_amd64.deb" >/dev/null || die "no $DEBS/lanner_*_amd64.deb (make package)"
compgen -G "$DEBS/lanner-dkms_*_all.deb" >/dev/null || die "no $DEBS/lanner-dkms_*_all.deb (make package)"
KREL=$(. "$CACHE/k/$VER/kernel.env"; echo "$KREL")
read -r -a SUITES <<< "${KSUITES[$VER]}"
case ${SUITES[0]} in *-*) die "$VER: suite ${SUITES[0]} is not a Debian release (no package boot for it)";; esac

PKGS=(systemd-sysv dkms kmod procps "linux-headers-$KREL")
key=$(printf '%s\n' "$KREL" "${SUITES[@]}" "${PKGS[@]}" | md5sum | cut -c1-12)
ROOT=$CACHE/pkgroot/$KREL-$key
t0=$(now_s)
if [ ! -f "$ROOT.done" ]; then
	M_main=; M_security=; M_keyring=
	while IFS='=' read -r k v; do
		case $k in main) M_main=$v ;; security) M_security=$v ;; keyring) M_keyring=$v ;; esac
	done < <("$VM_DIR/apt-mirror.py")
	[ -n "$M_main" ] || die "no Debian mirror found in the host's apt sources"
	srcs=()
	for s in "${SUITES[@]}"; do
		case $s in *-security) uri=$M_security;; *) uri=$M_main;; esac
		srcs+=("deb [signed-by=$M_keyring] $uri $s main")
	done
	rm -rf "$ROOT" "$ROOT.done"; mkdir -p "$(dirname "$ROOT")"
	# Documentation, manuals and translations are left out: the root lives in guest RAM.
	mmdebstrap --mode=root --variant=minbase --architectures=amd64 \
		--include="$(IFS=,; echo "${PKGS[*]}")" \
		--dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
		--dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
		--aptopt='Acquire::Languages "none"' \
		"${SUITES[0]}" "$ROOT" "${srcs[@]}"
	touch "$ROOT.done"
	log "$VER: Debian root for $KREL built in $(elapsed "$t0") s ($(du -sh "$ROOT" | cut -f1))"
fi

R=$(mktemp -d "$BUILD/pkgroot.XXXXXX")
trap 'rm -rf "$R"' EXIT
cp -a "$ROOT/." "$R/"
mkdir -p "$R/vm/pkgs" "$R/results"
install -m 0644 "$DEBS"/lanner_*_amd64.deb "$DEBS"/lanner-dkms_*_all.deb "$R/vm/pkgs/"
install -m 0755 "$VM_DIR/guest/pkgtest.sh" "$R/vm/pkgtest.sh"
install -m 0644 "$VM_DIR/guest/lanner-pkgtest.service" "$R/etc/systemd/system/"
ln -sf /etc/systemd/system/lanner-pkgtest.service "$R/etc/systemd/system/multi-user.target.wants/"
# The kernel runs /init from the initramfs: systemd, as on an installed system.
ln -sf /lib/systemd/systemd "$R/init"
# Gettys wait for tty device units, which need udev (not installed): mask them.
for u in getty.target serial-getty@.service console-getty.service; do ln -sf /dev/null "$R/etc/systemd/system/$u"; done
echo lanner-pkg > "$R/etc/hostname"
printf '127.0.0.1\tlocalhost lanner-pkg\n' > "$R/etc/hosts"
: > "$R/etc/machine-id"
mkdir -p "$BUILD/$VER"
(cd "$R" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) | gzip -1 > "$BUILD/$VER/pkg-initramfs.cpio.gz.tmp"
mv "$BUILD/$VER/pkg-initramfs.cpio.gz.tmp" "$BUILD/$VER/pkg-initramfs.cpio.gz"
log "$VER: package-boot initramfs $(du -h "$BUILD/$VER/pkg-initramfs.cpio.gz" | cut -f1) in $(elapsed "$t0") s"
