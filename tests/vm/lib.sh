# shellcheck shell=bash
# Owns: paths, the kernel matrix and small helpers shared by the tests/vm scripts.
# Sourced, never executed.

VM_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$VM_DIR/../.." && pwd)
CACHE=${VM_CACHE:-$REPO/.cache/vm}   # downloads + extracted kernels (git-ignored)
BUILD=${VM_BUILD:-$REPO/build/vm}    # per-kernel module builds, initramfs, logs, results

# Kernel matrix: short name -> the Debian suites whose linux-image-amd64 gives the ABI.
# The first suite names the private apt config; the others are added to its source list.
declare -A KSUITES=(
	[5.10]="bullseye bullseye-updates bullseye-security"
	[6.1]="bookworm bookworm-updates bookworm-security"
	[6.12]="bookworm-backports"
)
ALL_KERNELS=(5.10 6.1 6.12)

log() { printf '[vm %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# now_s: wall-clock seconds with milliseconds, for timings in logs.
now_s() { printf '%s' "${EPOCHREALTIME}"; }
elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

known_kernel() { [ -n "${KSUITES[$1]+x}" ] || die "unknown kernel '$1' (known: ${ALL_KERNELS[*]})"; }

# kernel_root VER: the extracted tree of the cached kernel (via the per-VER symlink fetch-kernel.sh keeps).
kernel_root() { readlink -f "$CACHE/k/$1"; }
