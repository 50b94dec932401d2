#!/usr/bin/env bash
# Owns: regenerating include/vmlinux.h, the kernel type definitions the
# CO-RE programs compile against. Any kernel with BTF will do (CO-RE
# relocates field offsets at load time on each node); lanner's copy comes
# from Debian's 6.1 kernel, which the guest tests already fetch.
# usage: bpf-fallback/gen-vmlinux.sh [VER]     (VER: a tests/vm kernel, default 6.1)
#        bpf-fallback/gen-vmlinux.sh --btf FILE (raw BTF or an ELF with .BTF,
#                                                e.g. /sys/kernel/btf/vmlinux)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
if [ "${1:-}" = --btf ]; then
	src=$2
else
	ver=${1:-6.1}
	"$repo/tests/vm/fetch-kernel.sh" "$ver" >&2
	# shellcheck disable=SC1090
	. "$repo/.cache/vm/k/$ver/kernel.env"
	src=$VMLINUX	# the ELF extracted from vmlinuz keeps .BTF
fi
bpftool btf dump file "$src" format c > "$here/include/vmlinux.h.tmp"
mv "$here/include/vmlinux.h.tmp" "$here/include/vmlinux.h"
echo "include/vmlinux.h regenerated from $src ($(wc -l < "$here/include/vmlinux.h") lines)"
