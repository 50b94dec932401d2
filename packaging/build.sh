#!/usr/bin/env bash
# Owns: building lanner's packages from binaries already built, with the
# distribution's own tools (dpkg-deb, rpmbuild): nothing is compiled here.
# usage: packaging/build.sh        (make package)
# Writes to $PKG_OUT (default build/package/):
#   lanner_<ver>-<rel>_amd64.deb  lanner-dkms_<ver>-<rel>_all.deb
#   lanner-<ver>-<rel>.x86_64.rpm lanner-dkms-<ver>-<rel>.noarch.rpm
# env: LANNER_BIN, DRIVER_LOADER_BIN  the binaries (default target/release/;
#        `make package` builds them; a glibc-2.17 build can be passed here)
#      PKG_RELEASE      package release (default 1)
#      PKG_CONFIG       the /etc/lanner/lanner.yaml to ship (default
#                       packaging/config/lanner.yaml)
#      PKG_OUT          output directory
#      PKG_MAINTAINER   "Name <address>"
# Must never: compile, reach the network, or write outside $PKG_OUT.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
P=$REPO/packaging
cd "$REPO"

die() { echo "package: $*" >&2; exit 1; }

VERSION=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version *= *"\(.*\)"/\1/p' Cargo.toml)
[ -n "$VERSION" ] || die "no [workspace.package] version in Cargo.toml"
RELEASE=${PKG_RELEASE:-1}
LANNER_BIN=${LANNER_BIN:-$REPO/target/release/lanner}
DRIVER_LOADER_BIN=${DRIVER_LOADER_BIN:-$REPO/target/release/driver-loader}
CONFIG=${PKG_CONFIG:-$P/config/lanner.yaml}
OUT=${PKG_OUT:-$REPO/build/package}
MAINTAINER=${PKG_MAINTAINER:-lanner developers <lanner@example.org>}
DEBVERSION=$VERSION-$RELEASE
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}

for b in "$LANNER_BIN" "$DRIVER_LOADER_BIN"; do
	[ -x "$b" ] || die "$b is missing: build it first (make build)"
done
for t in dpkg-deb rpmbuild strip; do
	command -v "$t" >/dev/null || die "$t is missing: run make setup"
done
grep -q '^rules_files:' "$CONFIG" || die "$CONFIG has no rules_files"

mkdir -p "$OUT"
WORK=$(mktemp -d "$OUT/.work.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# @NAME@ -> value; @DKMS_INSTALL@/@DKMS_REMOVE@ -> the shared shell functions.
subst() {
	local dkms_install dkms_remove
	dkms_install=$(sed "s/@VERSION@/$VERSION/g" "$P/dkms/install.sh")
	dkms_remove=$(sed "s/@VERSION@/$VERSION/g" "$P/dkms/remove.sh")
	DKMS_INSTALL=$dkms_install DKMS_REMOVE=$dkms_remove VERSION=$VERSION \
		RELEASE=$RELEASE DEBVERSION=$DEBVERSION MAINTAINER=$MAINTAINER \
		CHANGELOG_DATE=$(LC_ALL=C date -u -d "@$SOURCE_DATE_EPOCH" '+%a %b %d %Y') \
		INSTALLED_SIZE=${INSTALLED_SIZE:-0} SHLIBDEPS=${SHLIBDEPS:-} \
		python3 -c '
import os, re, sys
text = sys.stdin.read()
def rep(m):
    k = m.group(1)
    if k not in os.environ:
        sys.exit("package: no value for @%s@" % k)
    return os.environ[k]
sys.stdout.write(re.sub(r"@([A-Z_]+)@", rep, text))'
}

# $1 root, $2 unit directory (deb: /lib/systemd/system, rpm: /usr/lib/...)
stage_lanner() {
	local r=$1 unitdir=$2 doc=$1/usr/share/doc/lanner
	install -d -m 0755 "$r/usr/bin" "$r/usr/libexec/lanner" "$r$unitdir" \
		"$r/etc/lanner/rules.d" "$r/etc/logrotate.d" "$doc"
	install -d -m 0750 "$r/var/log/lanner"
	install -d -m 0755 "$r/usr/share/man/man8"
	local m
	for m in lanner driver-loader; do
		gzip -9n <"$P/man/$m.8" >"$r/usr/share/man/man8/$m.8.gz"
		chmod 0644 "$r/usr/share/man/man8/$m.8.gz"
	done
	# dh_strip's flags: no symbol table or debug info in the package.
	strip --remove-section=.comment --remove-section=.note --strip-unneeded \
		-o "$r/usr/bin/lanner" "$LANNER_BIN"
	strip --remove-section=.comment --remove-section=.note --strip-unneeded \
		-o "$r/usr/bin/driver-loader" "$DRIVER_LOADER_BIN"
	chmod 0755 "$r/usr/bin/lanner" "$r/usr/bin/driver-loader"
	install -m 0755 "$P/load-driver" "$r/usr/libexec/lanner/load-driver"
	install -m 0644 "$P/systemd/lanner.service" "$r$unitdir/lanner.service"
	install -m 0644 "$CONFIG" "$r/etc/lanner/lanner.yaml"
	install -m 0644 rules/lanner_rules.yaml "$r/etc/lanner/rules.d/lanner_rules.yaml"
	install -m 0644 "$P/logrotate/lanner" "$r/etc/logrotate.d/lanner"
	install -m 0644 README.md "$doc/README.md"
	install -m 0644 "$P/README.md" "$doc/README.packaging.md"
	install -m 0644 driver-loader/README.md "$doc/README.driver-loader.md"
	install -m 0644 agent/config/lanner.yaml "$doc/lanner.yaml.default"
	subst <"$P/deb/copyright.in" >"$doc/copyright"
}

# $1 root: /usr/src/lanner-<ver> laid out as the repository (kmod/ with
# ../abi and ../driver-common, which kmod/Kbuild expects).
stage_dkms() {
	local r=$1 src=$1/usr/src/lanner-$VERSION doc=$1/usr/share/doc/lanner-dkms
	install -d -m 0755 "$src/abi" "$doc"
	# Sources only: objects of an in-tree `make kmod` must never leak in.
	tar -c --exclude='*.o' --exclude='*.ko' --exclude='*.a' --exclude='*.mod' \
		--exclude='*.mod.c' --exclude='.*.cmd' --exclude=Module.symvers \
		--exclude=modules.order --exclude=.tmp_versions --exclude='*.orig' \
		--exclude=README.md \
		kmod driver-common | tar -x -C "$src"
	install -m 0644 abi/lanner_abi.h "$src/abi/lanner_abi.h"
	subst <"$P/dkms/dkms.conf.in" >"$src/dkms.conf"
	chmod -R u+rwX,go+rX,go-w "$src"
	subst <"$P/deb/copyright.in" >"$doc/copyright"
}

# dpkg-shlibdeps needs a debian/control to run in.
shlibdeps() {
	local d=$WORK/shlibdeps
	mkdir -p "$d/debian"
	printf 'Source: lanner\n\nPackage: lanner\nArchitecture: amd64\n' >"$d/debian/control"
	(cd "$d" && dpkg-shlibdeps -O "$@" 2>/dev/null) | sed -n 's/^shlibs:Depends=//p'
}

# $1 package, $2 root, $3 template dir, $4 output file
build_deb() {
	local pkg=$1 r=$2 t=$3 out=$4 f
	local doc=$r/usr/share/doc/$pkg
	printf '%s (%s) unstable; urgency=medium\n\n  * Built from the lanner repository by make package.\n\n -- %s  %s\n' \
		"$pkg" "$DEBVERSION" "$MAINTAINER" "$(LC_ALL=C date -u -R -d "@$SOURCE_DATE_EPOCH")" |
		gzip -9n >"$doc/changelog.Debian.gz"
	chmod 0644 "$doc/changelog.Debian.gz"
	if [ -f "$P/lintian/$pkg" ]; then
		install -d -m 0755 "$r/usr/share/lintian/overrides"
		install -m 0644 "$P/lintian/$pkg" "$r/usr/share/lintian/overrides/$pkg"
	fi
	install -d -m 0755 "$r/DEBIAN"
	for f in postinst prerm postrm; do
		[ -f "$t/$f" ] || continue
		subst <"$t/$f" >"$r/DEBIAN/$f"
		chmod 0755 "$r/DEBIAN/$f"
	done
	[ -f "$t/conffiles" ] && install -m 0644 "$t/conffiles" "$r/DEBIAN/conffiles"
	(cd "$r" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z |
		xargs -0r md5sum) >"$r/DEBIAN/md5sums"
	chmod 0644 "$r/DEBIAN/md5sums"
	INSTALLED_SIZE=$(du -sk --exclude=DEBIAN "$r" | cut -f1) subst <"$t/control.in" >"$r/DEBIAN/control"
	find "$r" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
	dpkg-deb --root-owner-group -Zxz --build "$r" "$out" >/dev/null
	echo "package: $out"
}

# $1 spec template, $2 staged root, $3 arch
build_rpm() {
	local spec=$1 r=$2 arch=$3 top=$WORK/rpm-$3
	mkdir -p "$top/SOURCES" "$top/SPECS" "$top/RPMS" "$top/BUILD" "$top/BUILDROOT"
	cp -a "$r" "$top/SOURCES/root"
	local name
	name=$(basename "$spec" .spec.in)
	subst <"$spec" >"$top/SPECS/$name.spec"
	# xz payload and sha256 file digests: what EL7's rpm 4.11 reads.
	rpmbuild --quiet -bb --target "$arch" \
		--define "_topdir $top" --define "_sourcedir $top/SOURCES" \
		--define "_binary_payload w9.xzdio" --define "_binary_filedigest_algorithm 8" \
		--define "_buildhost lanner-build" \
		--define "use_source_date_epoch_as_buildtime 1" \
		--define "_rpmfilename %{NAME}-%{VERSION}-%{RELEASE}.%{ARCH}.rpm" \
		"$top/SPECS/$name.spec" >"$WORK/rpmbuild-$name.log" 2>&1 ||
		{ cat "$WORK/rpmbuild-$name.log" >&2; die "rpmbuild $name failed"; }
	local f=$top/RPMS/$name-$VERSION-$RELEASE.$arch.rpm
	[ -f "$f" ] || die "rpmbuild made no $f"
	mv "$f" "$OUT/"
	echo "package: $OUT/$(basename "$f")"
}

SHLIBDEPS=$(shlibdeps "$LANNER_BIN" "$DRIVER_LOADER_BIN") ||
	die "dpkg-shlibdeps failed"
[ -n "$SHLIBDEPS" ] || die "dpkg-shlibdeps found no library dependency"
export SHLIBDEPS

rm -f "$OUT"/lanner*_"$DEBVERSION"_*.deb "$OUT"/lanner*-"$VERSION-$RELEASE".*.rpm
stage_lanner "$WORK/deb-lanner" /lib/systemd/system
build_deb lanner "$WORK/deb-lanner" "$P/deb/lanner" "$OUT/lanner_${DEBVERSION}_amd64.deb"
stage_dkms "$WORK/deb-dkms"
build_deb lanner-dkms "$WORK/deb-dkms" "$P/deb/lanner-dkms" "$OUT/lanner-dkms_${DEBVERSION}_all.deb"

stage_lanner "$WORK/rpm-lanner" /usr/lib/systemd/system
build_rpm "$P/rpm/lanner.spec.in" "$WORK/rpm-lanner" x86_64
stage_dkms "$WORK/rpm-dkms"
build_rpm "$P/rpm/lanner-dkms.spec.in" "$WORK/rpm-dkms" noarch
