#!/usr/bin/env bash
# Owns: the private apt configuration of one kernel's Debian suites.
# usage: apt.sh VER apt-get|apt-cache ARGS...
# The source list is written from the mirror the host's apt already uses (apt-mirror.py);
# lists and the package cache live under .cache/vm/apt/VER/. Never installs anything:
# callers only run `update`, `show`, `download`.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

VER=$1; TOOL=$2; shift 2
known_kernel "$VER"
case $TOOL in apt-get|apt-cache) ;; *) die "apt.sh: tool must be apt-get or apt-cache";; esac

D=$CACHE/apt/$VER
mkdir -p "$D/lists/partial" "$D/cache/archives/partial"
M_main=; M_security=; M_keyring=
while IFS='=' read -r k v; do
	case $k in main) M_main=$v ;; security) M_security=$v ;; keyring) M_keyring=$v ;; esac
done < <("$VM_DIR/apt-mirror.py")
[ -n "$M_main" ] || die "no Debian mirror found in the host's apt sources"
{
	for s in ${KSUITES[$VER]}; do
		case $s in *-security) uri=$M_security;; *) uri=$M_main;; esac
		echo "deb [arch=amd64 signed-by=$M_keyring] $uri $s main"
	done
} > "$D/sources.list.new"
# Rewrite only on change so apt's list cache stays valid.
if cmp -s "$D/sources.list.new" "$D/sources.list"; then rm "$D/sources.list.new"; else mv "$D/sources.list.new" "$D/sources.list"; fi

OPTS=(
	-o "Dir::Etc::sourcelist=$D/sources.list" -o Dir::Etc::sourceparts=/dev/null
	-o Dir::Etc::preferences=/dev/null -o Dir::Etc::preferencesparts=/dev/null
	-o "Dir::State::Lists=$D/lists" -o "Dir::Cache=$D/cache"
	-o APT::Architecture=amd64 -o Acquire::Languages=none -o quiet=1
)
# Only Packages indices: skip AppStream/Contents/Translations targets that host config may enable.
for t in $(apt-config dump | sed -n 's/^Acquire::IndexTargets::deb::\([^:]*\) .*/\1/p; s/^Acquire::IndexTargets::deb::\([^:]*\)::.*/\1/p' | sort -u); do
	[ "$t" = Packages ] || OPTS+=(-o "Acquire::IndexTargets::deb::$t::DefaultEnabled=false")
done
[ "$(id -u)" = 0 ] && OPTS+=(-o APT::Sandbox::User=root)
exec "$TOOL" "${OPTS[@]}" "$@"
