#!/usr/bin/env bash
# Installs the toolchain for the portable (glibc 2.17 / EL7 and newer)
# build into the tree's .cache/glibc217-tools/: a Python venv holding zig
# (PyPI package ziglang, a self-contained compiler + glibc 2.17 link stubs)
# and cargo-zigbuild (PyPI wheel with the prebuilt binary: seconds instead of
# the minutes `cargo install --locked cargo-zigbuild` compiles for on a
# 2-core CI machine). Versions are pinned; the pair below is the one the
# glibc check was proven with. Idempotent: does nothing when the pinned
# versions are already there. Needs python3 with venv (and network access to
# the Python package index on first run; air-gapped machines can point
# PIP_INDEX_URL / PIP_FIND_LINKS at a local mirror or wheel directory).
#
# Prints nothing but progress; `make glibc217` puts $TOOLS/venv/bin first on
# PATH, so the tools never leak into the user's environment.
set -euo pipefail

ZIGLANG_VERSION=0.15.2
CARGO_ZIGBUILD_VERSION=0.24.1

root="$(cd "$(dirname "$0")/.." && pwd)"
tools="${GLIBC217_TOOLS:-$root/.cache/glibc217-tools}"
venv="$tools/venv"

version_of() {
	"$venv/bin/python3" -m pip show "$1" 2>/dev/null | sed -n 's/^Version: //p'
}

have() {
	[ -x "$venv/bin/python3" ] || return 1
	[ "$(version_of ziglang)" = "$ZIGLANG_VERSION" ] || return 1
	[ "$(version_of cargo-zigbuild)" = "$CARGO_ZIGBUILD_VERSION" ] || return 1
}

if have; then
	echo "install-glibc217-tools: ziglang $ZIGLANG_VERSION + cargo-zigbuild $CARGO_ZIGBUILD_VERSION present in $venv"
	exit 0
fi

echo "install-glibc217-tools: installing ziglang $ZIGLANG_VERSION + cargo-zigbuild $CARGO_ZIGBUILD_VERSION into $venv"
mkdir -p "$tools"
[ -x "$venv/bin/python3" ] || python3 -m venv "$venv"
"$venv/bin/python3" -m pip install -q --disable-pip-version-check \
	"ziglang==$ZIGLANG_VERSION" "cargo-zigbuild==$CARGO_ZIGBUILD_VERSION"
have || { echo "install-glibc217-tools: pinned versions not found after install" >&2; exit 1; }
"$venv/bin/cargo-zigbuild" --version
"$venv/bin/python3" -m ziglang version
echo "install-glibc217-tools: done"
