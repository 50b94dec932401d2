#!/usr/bin/env bash
# Installs what building and testing lanner needs on a Debian 12 host:
# the Rust build's C side (libclang for bindgen; clang -target bpf, libbpf's headers, static
# libelf/zlib for the eBPF fallback), the guest-kernel harness
# (qemu under TCG, busybox, cpio, kernel build helpers) and the real syslog
# receiver the tests talk to (rsyslog, with rsyslog-gnutls for the TLS
# input) and the packaging tools (`make package`, `make package-test`:
# rpmbuild from rpm, lintian, rpmlint, dkms for the DKMS tree; dpkg-deb is in
# every Debian), mmdebstrap for the package boot's Debian guest root
# (tests/vm/mkpkgroot.sh), python3-venv for the portable-build tools
# (install-glibc217-tools.sh). Idempotent: installs only what is
# missing. Needs root (apt-get). Rust itself is expected on the machine.
set -euo pipefail

PKGS=(
	build-essential gcc-12 make bc flex bison libelf-dev pahole kmod
	clang libclang-dev
	llvm libbpf-dev zlib1g-dev bpftool linux-libc-dev
	qemu-system-x86 busybox-static cpio xz-utils zstd
	rsyslog rsyslog-gnutls python3 python3-venv ca-certificates
	valgrind rpm lintian rpmlint dkms mmdebstrap
)

missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
	echo "setup-host: all ${#PKGS[@]} packages present"
	exit 0
fi

echo "setup-host: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup-host: done"
