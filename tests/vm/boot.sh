#!/usr/bin/env bash
# Owns: one guest boot - qemu invocation, time limit, console log, results read back.
# usage: boot.sh VER [test|demo|sig_enforce|lockdown|pkg]
# Boots .cache/vm/k/VER with build/vm/VER/initramfs.cpio.gz, no network device. Writes
# OUT/console.log (guest ttyS0), serial1.raw (guest ttyS1: tar of /results),
# results/ (that tar unpacked, only if size and md5 match what the guest announced) and
# boot.env (qemu status, time out, wall time, results status) for check.py.
# OUT is build/vm/VER for test and demo. sig_enforce and lockdown are the driver-loader's
# fallback boots (guest mode loader): the kernel command line gets module.sig_enforce=1 or
# lockdown=integrity, and OUT is build/vm/VER/boot-sig_enforce or boot-lockdown.
# pkg is the package boot: build/vm/VER/pkg-initramfs.cpio.gz (mkpkgroot.sh: a Debian root,
# systemd as PID 1, guest/pkgtest.sh), VM_PKG_MEM (2G) of memory, VM_PKG_TIMEOUT (1200) s,
# OUT build/vm/VER/boot-pkg.
# env: ACCEL=tcg|kvm (tcg)  VM_TIMEOUT seconds (180)  VM_SMP (2)  VM_MEM (1G)
#      VM_DRIVERS (kmod,bpf: which drivers the guest tests)  VM_ONLY (drivertest --only globs, comma-
#      separated; set: only the driver suites run)
#      VM_PVH=1|0 (1: boot the extracted ELF via its PVH note - no in-guest decompression)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

VER=$1; MODE=${2:-test}; known_kernel "$VER"
. "$CACHE/k/$VER/kernel.env"
OUT=$BUILD/$VER
INITRD=$OUT/initramfs.cpio.gz
GUEST="lanner.mode=$MODE"
case $MODE in
test|demo) ;;
sig_enforce) OUT=$OUT/boot-$MODE; GUEST="lanner.mode=loader lanner.scenario=$MODE module.sig_enforce=1" ;;
lockdown) OUT=$OUT/boot-$MODE; GUEST="lanner.mode=loader lanner.scenario=$MODE lockdown=integrity" ;;
# The root file system lives in RAM; DKMS compiles under TCG (about 7 min).
pkg) INITRD=$OUT/pkg-initramfs.cpio.gz; OUT=$OUT/boot-$MODE; GUEST="lanner.mode=pkg"
	VM_MEM=${VM_PKG_MEM:-2G}; VM_TIMEOUT=${VM_PKG_TIMEOUT:-1200} ;;
*) die "mode must be test, demo, sig_enforce, lockdown or pkg" ;;
esac
mkdir -p "$OUT"
[ -f "$INITRD" ] || die "$VER: no $INITRD (run mkinitramfs.sh $VER)"
KERNEL=$VMLINUX; [ "${VM_PVH:-1}" = 1 ] || KERNEL=$VMLINUZ

case ${ACCEL:-tcg} in
# One TCG thread for all vCPUs: with a thread per vCPU, a vCPU can keep
# running a stale translation of kernel text another vCPU just patched
# (static keys flip on every tracepoint attach/detach) and spin there
# forever (seen: soft lockup at a jump-label site in syscall_trace_enter).
tcg) ACC=(-accel "tcg,thread=${VM_TCG_THREAD:-single}" -cpu max) ;;
kvm) ACC=(-accel kvm -cpu host) ;;
*) die "ACCEL must be tcg or kvm" ;;
esac

rm -rf "$OUT/results" "$OUT/serial1.raw" "$OUT/console.log" "$OUT/boot.env"
QEMU=(qemu-system-x86_64 "${ACC[@]}" -m "${VM_MEM:-1G}" -smp "${VM_SMP:-2}"
	-nographic -no-reboot -nic none
	-serial mon:stdio -serial "file:$OUT/serial1.raw"   # order matters: console first (P3)
	-kernel "$KERNEL" -initrd "$INITRD"
	-append "console=ttyS0 loglevel=5 oops=panic panic=-1 $GUEST lanner.drivers=${VM_DRIVERS:-kmod,bpf} lanner.only=${VM_ONLY:-}")

t0=$(now_s)
rc=0
if [ "$MODE" = demo ]; then
	# A person watches: console on the terminal as well as in the log (Ctrl-A x quits qemu).
	timeout --foreground "${VM_TIMEOUT:-420}" "${QEMU[@]}" 2>&1 | tee "$OUT/console.log" || rc=${PIPESTATUS[0]}
else
	timeout "${VM_TIMEOUT:-420}" "${QEMU[@]}" < /dev/null > "$OUT/console.log" 2>&1 || rc=$?
fi
wall=$(elapsed "$t0")

# Results: accepted only when the copy matches the size and md5 the guest printed.
results=missing
announce=$(tr -d '\r' < "$OUT/console.log" | sed -n 's/^LANNER-VM-RESULTS bytes=\([0-9]*\) md5=\([0-9a-f]*\)$/\1 \2/p' | tail -1)
if [ -n "$announce" ] && [ -f "$OUT/serial1.raw" ]; then
	read -r want_bytes want_md5 <<< "$announce"
	got_bytes=$(stat -c %s "$OUT/serial1.raw"); got_md5=$(md5sum < "$OUT/serial1.raw" | cut -d' ' -f1)
	if [ "$got_bytes" = "$want_bytes" ] && [ "$got_md5" = "$want_md5" ]; then
		mkdir -p "$OUT/results" && tar -x -f "$OUT/serial1.raw" -C "$OUT/results" && results=ok || results=untar-failed
	else
		results="torn(got $got_bytes bytes md5 $got_md5, guest sent $want_bytes bytes md5 $want_md5)"
	fi
fi
timed_out=0; [ "$rc" = 124 ] && timed_out=1
cat > "$OUT/boot.env" <<EOV
kernel=$KREL
qemu_rc=$rc
timed_out=$timed_out
timeout_s=${VM_TIMEOUT:-420}
wall_s=$wall
results=$results
accel=${ACCEL:-tcg}
mode=$MODE
EOV
log "$VER${OUT#"$BUILD/$VER"}: guest $KREL ($MODE) finished in $wall s (qemu rc $rc, results $results)"
