#!/usr/bin/env bash
# Builds the portable agent and driver-loader: x86_64 Linux binaries that
# need nothing newer than glibc 2.17 (EL7), so one build runs on CentOS 7
# through Rocky 9 and Debian/Ubuntu. cargo-zigbuild links against zig's
# glibc 2.17 stubs (target x86_64-unknown-linux-gnu.2.17); the Rust side
# (std) supports 2.17 itself. Output: $OUT/{lanner,driver-loader}, checked
# afterwards by scripts/check-glibc.sh (make glibc217 does both).
#
# Cost from scratch: ~350 CPU-seconds (user+sys; 9m40s wall measured on a
# 2-core machine shared with other builds at load 4-6, so ~3-5 min on two
# free cores); later runs rebuild only what changed (own target dir).
#
# Workarounds, each needed for a C dependency built or linked under zig cc:
#  1. libbpf (vendored in libbpf-sys, compiled by its build script with the
#     cc crate's compiler = zig cc) includes <libelf.h>, <gelf.h> and
#     <zlib.h>, which zig's libc headers lack. Putting /usr/include on the
#     path would mix glibc 2.36 headers into a 2.17 build, so a private
#     directory ($SYSDEPS/include) holds symlinks to just those headers and
#     LIBBPF_SYS_EXTRA_CFLAGS adds it.
#  2. The agent links libelf and zlib statically (libbpf-rs feature
#     `static`): libelf.a and libz.a from the host (libelf-dev, zlib1g-dev).
#     zig's linker does not search /usr/lib, and adding that directory would
#     let it pick up the host's libc/libm, so $SYSDEPS/lib holds symlinks to
#     just those two archives and LIBBPF_SYS_LIBRARY_PATH points there. The
#     archives were compiled against the host's newer glibc headers; the
#     symbols they call all exist in 2.17 (fstat/stat resolve to zig's
#     libc_nonshared wrappers over __fxstat), and check-glibc.sh is the
#     guard should a future host archive reference something newer. (The
#     alternative, libbpf-rs feature `vendored`, builds elfutils from source
#     and needs autoconf/autopoint/gawk on the host plus several minutes.)
#  3. bindgen (abi/build.rs) parses abi/lanner_abi.h with libclang; cargo-
#     zigbuild hands it zig's libc include directories (from `zig libc
#     -includes`), but zig prints those relative to the current directory
#     when they lie below it -- which they do, the tools live in .cache/ --
#     and the build script runs in abi/, so <linux/types.h> is not found.
#     (cargo-zigbuild overwrites a BINDGEN_EXTRA_CLANG_ARGS_<target> of our
#     own.) So cargo runs from the target directory, which is not above
#     .cache/, with --manifest-path: zig then prints absolute paths. clang -target bpf
#     (bpf-fallback/build.rs) only emits BPF bytecode: unaffected.
#  4. ring (rustls' crypto provider) compiles C and assembly through the cc
#     crate, which cargo-zigbuild points at zig cc: works as is. The cc crate
#     in abi/build.rs prints one warning ("version '.2.17' in target triple
#     ... is invalid") from a compiler probe; the compile itself gets zig's
#     own -target x86_64-linux-gnu.2.17 from the wrapper and succeeds: benign.
#  5. A separate target dir (target/glibc217) keeps these artefacts from
#     invalidating the normal and the crt-static builds (`make static` uses
#     target/x86_64-unknown-linux-gnu too, with different RUSTFLAGS).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
OUT="${1:-build/glibc217}"
TOOLS="${GLIBC217_TOOLS:-$root/.cache/glibc217-tools}"
TARGET_DIR="${GLIBC217_TARGET_DIR:-$root/target/glibc217}"
CARGO="${CARGO:-cargo}"
ZTARGET=x86_64-unknown-linux-gnu.2.17
SYSDEPS="$TARGET_DIR/sysdeps"
HOST_LIB=/usr/lib/x86_64-linux-gnu

[ -x "$TOOLS/venv/bin/cargo-zigbuild" ] || {
	echo "build-glibc217: cargo-zigbuild missing; run scripts/install-glibc217-tools.sh" >&2
	exit 1
}
export PATH="$TOOLS/venv/bin:$PATH"

# Workarounds 1 and 2: private include and library directories.
mkdir -p "$SYSDEPS/include" "$SYSDEPS/lib"  # also creates $TARGET_DIR
for h in libelf.h gelf.h nlist.h zlib.h zconf.h; do
	[ -e "/usr/include/$h" ] || { echo "build-glibc217: /usr/include/$h missing (make setup)" >&2; exit 1; }
	ln -sfn "/usr/include/$h" "$SYSDEPS/include/$h"
done
for a in libelf.a libz.a; do
	[ -e "$HOST_LIB/$a" ] || { echo "build-glibc217: $HOST_LIB/$a missing (make setup)" >&2; exit 1; }
	ln -sfn "$HOST_LIB/$a" "$SYSDEPS/lib/$a"
done
export LIBBPF_SYS_EXTRA_CFLAGS="-I$SYSDEPS/include"
export LIBBPF_SYS_LIBRARY_PATH="$SYSDEPS/lib"

# Workaround 3: run from the target directory (see above).
(cd "$TARGET_DIR" && "$CARGO" zigbuild --release --locked --manifest-path "$root/Cargo.toml" \
	--target "$ZTARGET" --target-dir "$TARGET_DIR" -p lanner -p lanner-driver-loader)

mkdir -p "$OUT"
for b in lanner driver-loader; do
	cp "$TARGET_DIR/x86_64-unknown-linux-gnu/release/$b" "$OUT/$b"
done
echo "build-glibc217: $OUT/lanner $OUT/driver-loader"
