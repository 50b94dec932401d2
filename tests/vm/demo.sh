#!/usr/bin/env bash
# Owns: the live demo (`make demo`) - one guest whose scenario runs slowly while the console
# follows rsyslog's output files, so a person sees lanner's alert arrive as `cat /etc/shadow` runs.
# usage: tests/vm/demo.sh [VER]      VER: 5.10 | 6.1 | 6.12 (default 6.1)
# Same kernel cache, module build and initramfs as run.sh; the guest runs /vm/test.sh demo
# (no driver test, pauses between steps). Ends with check.py's verdict on what came back.
# env: as run.sh (ACCEL, VM_TIMEOUT, VM_SRC, VM_LANNER, ...)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

VER=${1:-6.1}; known_kernel "$VER"
mkdir -p "$BUILD/$VER"
rm -f "$BUILD/$VER"/{setup-error.txt,verdict.txt,loader-boots.txt}
log "preparing kernel $VER (first run downloads it), lanner.ko and the guest root..."
"$VM_DIR/fetch-kernel.sh" "$VER"
"$VM_DIR/build-kmod.sh" "$VER"
"$VM_DIR/mkinitramfs.sh" "$VER"
. "$CACHE/k/$VER/kernel.env"
cat <<EOT

=== lanner demo on Debian kernel $KREL (qemu, ${ACCEL:-tcg}) ===
The guest loads lanner.ko, starts a real rsyslogd (unix socket /dev/log and TCP 127.0.0.1:5514)
and lanner, then runs 'cat /etc/shadow' (an alert is expected on both transports) and some
harmless commands (no alert expected). Lines under '==> /results/syslog-*.log <==' are what
rsyslog received. Ctrl-A x stops qemu.

EOT
"$VM_DIR/boot.sh" "$VER" demo
echo
"$VM_DIR/check.py" "$BUILD/$VER"
