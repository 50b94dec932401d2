#!/usr/bin/env bash
# Owns: the guest root filesystems (gzip newc initramfs).
# usage: mkinitramfs.sh VER...
# Builds build/vm/base.cpio.gz once (busybox, /init, /vm/test.sh, lanner, driver-loader,
# lanner-drivertest, rules, config, a real rsyslogd with its libraries and modules), then for
# each VER build/vm/VER/initramfs.cpio.gz = base + a small archive holding the module where a
# package puts it, /usr/lib/lanner/kmod/<release>/lanner.ko (driver-loader's prebuilt_dir),
# /lib/lanner/lanner.ko (a link to it, for the tests' own insmod) and /boot/config-<release>
# (the kernel unpacks concatenated archives in order).
# env: VM_LANNER, VM_DRIVERTEST, VM_DRIVER_LOADER   agent, driver-test and driver-loader
#                                binaries (default build/static/*)
#      VM_RULES                   directory of rules *.yaml (default rules/)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

LANNER=${VM_LANNER:-$REPO/build/static/lanner}
DRIVERTEST=${VM_DRIVERTEST:-$REPO/build/static/lanner-drivertest}
DRIVER_LOADER=${VM_DRIVER_LOADER:-$REPO/build/static/driver-loader}
RULES=${VM_RULES:-$REPO/rules}
RSYSLOG_MODS=/usr/lib/x86_64-linux-gnu/rsyslog
# What rsyslog.conf makes rsyslogd load (read from /proc/PID/maps of a host rsyslogd running
# guest/rsyslog.conf): the two inputs and the network/TCP-server helper libraries.
RSYSLOG_MODULES=(imuxsock imtcp lmnet lmnetstrms lmtcpsrv lmnsd_ptcp)
# Loaded by glibc at run time, not listed by ldd: without it rsyslogd aborts on exit
# ("libgcc_s.so.1 must be installed for pthread_exit to work").
DLOPENED=(libgcc_s.so.1)

for f in "$LANNER" "$DRIVERTEST" "$DRIVER_LOADER"; do
	[ -x "$f" ] || die "missing $f (run 'make static', or set VM_LANNER/VM_DRIVERTEST/VM_DRIVER_LOADER)"
done
compgen -G "$RULES/*.yaml" >/dev/null || die "no rules in $RULES/*.yaml (set VM_RULES)"
[ -x /bin/busybox ] && busybox --list-full >/dev/null || die "busybox-static is not installed"
command -v rsyslogd >/dev/null || die "rsyslog is not installed"
for m in "${RSYSLOG_MODULES[@]}"; do [ -f "$RSYSLOG_MODS/$m.so" ] || die "rsyslog module $m.so not found in $RSYSLOG_MODS"; done
mkdir -p "$BUILD"
t0=$(now_s)

R=$(mktemp -d "$BUILD/root.XXXXXX")
trap 'rm -rf "$R"' EXIT

# copy_elf FILE...: copy each file and, for dynamic ELF files, every library ldd names,
# to the same absolute path under $R (symlinks resolved).
copy_elf() {
	local f lib
	for f in "$@"; do
		install -D -m 0755 "$(readlink -f "$f")" "$R$f"
		ldd "$f" 2>/dev/null | grep -o '/[^ ]*' | while read -r lib; do
			[ -e "$R$lib" ] || install -D -m 0755 "$(readlink -f "$lib")" "$R$lib"
		done
	done
}

mkdir -p "$R"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,run,results,root,etc/lanner/rules.d,lib/lanner,vm}
install -m 0755 /bin/busybox "$R/bin/busybox"
for a in $(busybox --list-full); do [ -e "$R/$a" ] || ln -s /bin/busybox "$R/$a"; done

install -m 0755 "$VM_DIR/guest/init" "$R/init"
install -m 0755 "$VM_DIR/guest/test.sh" "$R/vm/test.sh"
install -m 0644 "$VM_DIR/guest/lanner.yaml" "$R/etc/lanner/lanner.yaml"
install -m 0644 "$VM_DIR/guest/rsyslog.conf" "$R/etc/rsyslog.conf"
install -m 0644 "$RULES"/*.yaml "$R/etc/lanner/rules.d/"
install -D -m 0755 "$LANNER" "$R/usr/bin/lanner"
install -D -m 0755 "$DRIVERTEST" "$R/usr/bin/lanner-drivertest"
install -D -m 0755 "$DRIVER_LOADER" "$R/usr/bin/driver-loader"
mods=(); for m in "${RSYSLOG_MODULES[@]}"; do mods+=("$RSYSLOG_MODS/$m.so"); done
for l in "${DLOPENED[@]}"; do
	p=$(ldconfig -p | awk -v l="$l" '$1 == l && /x86-64/ { print $NF; exit }')
	[ -n "$p" ] || die "$l not found (ldconfig -p)"; mods+=("$p")
done
copy_elf "$(command -v rsyslogd)" "${mods[@]}"
# The agent and driver test are meant to be static; if not, their libraries come along.
copy_elf /usr/bin/lanner /usr/bin/lanner-drivertest /usr/bin/driver-loader 2>/dev/null || :

echo lanner-guest > "$R/etc/hostname"
printf '127.0.0.1\tlocalhost lanner-guest\n' > "$R/etc/hosts"
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$R/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$R/etc/group"
printf 'root:*:19000:0:99999:7:::\nnobody:*:19000:0:99999:7:::\n' > "$R/etc/shadow"
chmod 0640 "$R/etc/shadow"

cpio_gz() { (cd "$1" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) | gzip -1; }
cpio_gz "$R" > "$BUILD/base.cpio.gz.tmp"
mv "$BUILD/base.cpio.gz.tmp" "$BUILD/base.cpio.gz"
log "base initramfs: $(du -h "$BUILD/base.cpio.gz" | cut -f1) in $(elapsed "$t0") s"

for VER in "$@"; do
	known_kernel "$VER"
	KO=$BUILD/$VER/lanner.ko
	[ -f "$KO" ] || die "$VER: no $KO (run build-kmod.sh $VER)"
	KREL=$(. "$CACHE/k/$VER/kernel.env"; echo "$KREL")
	KCONFIG=$(kernel_root "$VER")/boot/config-$KREL
	[ -f "$KCONFIG" ] || die "$VER: no $KCONFIG in the cached kernel"
	O=$BUILD/$VER/overlay; rm -rf "$O"; mkdir -p "$O/lib/lanner" "$O/usr/lib/lanner/kmod/$KREL" "$O/boot"
	install -m 0644 "$KO" "$O/usr/lib/lanner/kmod/$KREL/lanner.ko"
	ln -s "/usr/lib/lanner/kmod/$KREL/lanner.ko" "$O/lib/lanner/lanner.ko"
	install -m 0644 "$KCONFIG" "$O/boot/config-$KREL"
	{ cat "$BUILD/base.cpio.gz"; cpio_gz "$O"; } > "$BUILD/$VER/initramfs.cpio.gz"
	rm -rf "$O"
done
