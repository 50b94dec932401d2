#!/usr/bin/env bash
# Owns: the package tests (`make package-test`). Builds the packages twice
# (release 1 and release 2 with a changed default config) into a temp dir
# and checks, failing loudly at the first wrong result:
#   unit       packaging/check-unit.sh passes, and fails on a unit using
#              directives newer than systemd 219 (the checker checks);
#   rpm        -qpl lists every expected file, -qpc the config files,
#              --scripts the scriptlets, payload xz, no GLIBC above what
#              the binaries need (reported);
#   rpm root   rpm --root install into a scratch root whose /bin is
#              busybox and whose systemctl, dkms and driver-loader are
#              logging stubs: files and modes there, %post ran preset
#              only; edit lanner.yaml, rpm -U release 2: the edit is kept,
#              release 2's default is lanner.yaml.rpmnew, the service got
#              try-restart; rpm -e: disabled, stopped, driver-loader
#              unload run, the edit saved as .rpmsave; lanner-dkms:
#              %posttrans ran dkms add/build/install (headers present),
#              %preun dkms remove;
#   deb        dpkg-deb -c / dpkg -I contents, conffiles and scripts;
#   deb root   dpkg --root install with the same stubs: enabled and
#              started via deb-systemd-helper/-invoke; edit, upgrade with
#              --force-confold keeps the edit (+ .dpkg-dist); remove keeps
#              the config, stops, unloads; purge deletes it; lanner-dkms
#              without kernel headers explains and still installs;
#   payload    the installed config, rules and binaries work: `lanner
#              validate` on rules.d, `lanner run` on the installed config
#              gets past config, rules and outputs to opening the device;
#              every program the unit runs is in the package;
#              load-driver turns the real `driver-loader explain` into
#              driver.env; the DKMS tree builds lanner.ko with dkms
#              against a cached kernel's headers (tests/vm's cache; skipped
#              with a notice when absent);
#   lint       lintian (overrides in the packages) and rpmlint (with
#              packaging/rpmlintrc) report no error or warning.
# Nothing here touches the host's package databases, services, /dev/log
# or kernel: scriptlets run chrooted in scratch roots with stubs.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
P=$REPO/packaging
cd "$REPO"
# Run from `make`: the top make's flags would make dkms's own make queries
# print "Entering directory" lines into the values it reads (CC=...).
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES

T=$(mktemp -d "${TMPDIR:-/tmp}/lanner-pkgtest.XXXXXX")
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$T"' EXIT
fail() { echo "package-test: FAIL: $*" >&2; exit 1; }
ok() { echo "package-test: ok: $*"; }
# has FILE REGEX WHAT: FILE must contain a line matching REGEX.
has() { grep -Eq -- "$2" "$1" || { echo "--- $1:" >&2; cat "$1" >&2; fail "$3"; }; }
hasnt() { ! grep -Eq -- "$2" "$1" || { echo "--- $1:" >&2; cat "$1" >&2; fail "$3"; }; }
[ "$(id -u)" = 0 ] || fail "needs root (rpm --root and dpkg --root chroot into the scratch roots)"
for t in rpm rpmbuild dpkg dpkg-deb lintian rpmlint busybox; do
	command -v "$t" >/dev/null || fail "$t missing: run make setup"
done

VERSION=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version *= *"\(.*\)"/\1/p' Cargo.toml)
V1=$VERSION-1 V2=$VERSION-2

# --- unit ---------------------------------------------------------------
"$P/check-unit.sh" >"$T/unit.log" 2>&1 || { cat "$T/unit.log" >&2; fail "check-unit.sh rejects the unit"; }
printf '[Service]\nExecStart=/bin/true\nProtectKernelModules=yes\nExecCondition=/bin/true\n' >"$T/new.service"
if "$P/check-unit.sh" "$T/new.service" >"$T/unit-bad.log" 2>&1; then
	fail "check-unit.sh accepts ProtectKernelModules/ExecCondition (systemd 232/243)"
fi
has "$T/unit-bad.log" 'ProtectKernelModules needs systemd 232' "check-unit.sh: no reason for ProtectKernelModules"
ok "unit: every directive exists in systemd 219 (and the checker rejects 232/243 ones)"

# --- build --------------------------------------------------------------
R1=$T/r1 R2=$T/r2
PKG_OUT=$R1 PKG_RELEASE=1 "$P/build.sh" >"$T/build1.log" 2>&1 || { cat "$T/build1.log" >&2; fail "build.sh (release 1)"; }
# Release 2 ships a changed default config: the upgrade must not overwrite an edited one.
{ cat "$P/config/lanner.yaml"; echo "# release 2 default"; } >"$T/lanner-r2.yaml"
PKG_OUT=$R2 PKG_RELEASE=2 PKG_CONFIG=$T/lanner-r2.yaml "$P/build.sh" >"$T/build2.log" 2>&1 || { cat "$T/build2.log" >&2; fail "build.sh (release 2)"; }
RPM1=$R1/lanner-$V1.x86_64.rpm RPM2=$R2/lanner-$V2.x86_64.rpm
DRPM1=$R1/lanner-dkms-$V1.noarch.rpm
DEB1=$R1/lanner_${V1}_amd64.deb DEB2=$R2/lanner_${V2}_amd64.deb
DDEB1=$R1/lanner-dkms_${V1}_all.deb
for f in "$RPM1" "$RPM2" "$DRPM1" "$DEB1" "$DEB2" "$DDEB1"; do [ -s "$f" ] || fail "build.sh made no $f"; done
ok "build: $(cd "$R1" && echo *)"

# --- rpm queries --------------------------------------------------------
MAIN_FILES="/usr/bin/lanner /usr/bin/driver-loader /usr/libexec/lanner/load-driver
/etc/lanner/lanner.yaml /etc/lanner/rules.d/lanner_rules.yaml /etc/logrotate.d/lanner
/var/log/lanner /usr/share/doc/lanner/copyright /usr/share/doc/lanner/README.md
/usr/share/man/man8/lanner.8.gz /usr/share/man/man8/driver-loader.8.gz"
CONF_FILES="/etc/lanner/lanner.yaml
/etc/lanner/rules.d/lanner_rules.yaml
/etc/logrotate.d/lanner"
DKMS_FILES="/usr/src/lanner-$VERSION/dkms.conf /usr/src/lanner-$VERSION/kmod/Kbuild
/usr/src/lanner-$VERSION/kmod/Makefile /usr/src/lanner-$VERSION/kmod/main.c
/usr/src/lanner-$VERSION/kmod/probes/run.sh /usr/src/lanner-$VERSION/abi/lanner_abi.h
/usr/src/lanner-$VERSION/driver-common/lanner_flags.h"
rpm -qpl "$RPM1" >"$T/rpm-l.txt" 2>/dev/null
for f in $MAIN_FILES /usr/lib/systemd/system/lanner.service; do has "$T/rpm-l.txt" "^$f\$" "rpm -qpl: no $f"; done
rpm -qpc "$RPM1" 2>/dev/null | sort >"$T/rpm-c.txt"
[ "$(cat "$T/rpm-c.txt")" = "$(echo "$CONF_FILES" | sort)" ] || { cat "$T/rpm-c.txt" >&2; fail "rpm -qpc: config files differ"; }
rpm -qp --qf '[%{FILEFLAGS:fflags} %{FILENAMES}\n]' "$RPM1" 2>/dev/null >"$T/rpm-flags.txt"
for f in $CONF_FILES; do has "$T/rpm-flags.txt" "^cn $f\$" "rpm: $f is not %config(noreplace)"; done
rpm -qp --scripts "$RPM1" >"$T/rpm-scripts.txt" 2>/dev/null
has "$T/rpm-scripts.txt" '^postinstall scriptlet' "rpm: no %post"
has "$T/rpm-scripts.txt" 'systemctl preset lanner.service' "rpm %post: no preset"
has "$T/rpm-scripts.txt" '^preuninstall scriptlet' "rpm: no %preun"
has "$T/rpm-scripts.txt" 'driver-loader unload' "rpm %preun: no driver-loader unload"
has "$T/rpm-scripts.txt" 'try-restart lanner.service' "rpm %postun: no try-restart"
[ "$(rpm -qp --qf '%{PAYLOADCOMPRESSOR}' "$RPM1" 2>/dev/null)" = xz ] || fail "rpm payload is not xz (EL7's rpm reads no zstd)"
rpm -qpl "$DRPM1" >"$T/drpm-l.txt" 2>/dev/null
for f in $DKMS_FILES; do has "$T/drpm-l.txt" "^$f\$" "lanner-dkms rpm: no $f"; done
rpm -qp --scripts "$DRPM1" >"$T/drpm-scripts.txt" 2>/dev/null
has "$T/drpm-scripts.txt" '^posttrans scriptlet' "lanner-dkms rpm: no %posttrans"
has "$T/drpm-scripts.txt" "dkms remove -m lanner -v $VERSION --all" "lanner-dkms rpm: %preun does not dkms remove"
glibc=$(rpm -qp --requires "$RPM1" 2>/dev/null | sed -n 's/^libc\.so\.6(GLIBC_\([0-9.]*\)).*/\1/p' | sort -V | tail -1)
ok "rpm: files, config(noreplace), scriptlets, xz payload (binaries need GLIBC_$glibc)"

# --- scratch roots --------------------------------------------------------
# $1 root: busybox /bin (only harmless applets: no insmod, rpm or dpkg) and
# logging stubs for what scriptlets call; /run/systemd/system makes them
# take their "systemd is running" branches.
mkroot() {
	local r=$1 a
	mkdir -p "$r/bin" "$r/usr/bin" "$r/usr/sbin" "$r/sbin" "$r/run/systemd/system" "$r/tmp" "$r/var/lib/stub"
	cp /bin/busybox "$r/bin/busybox"
	# Scriptlets redirect to /dev/null (a plain file where mknod is refused).
	mkdir -p "$r/dev"
	mknod -m 0666 "$r/dev/null" c 1 3 2>/dev/null || touch "$r/dev/null"
	for a in sh mkdir rm rmdir printf echo cat sed grep head tail mv cp ln chmod uname test [ true \
		false ls touch find id cut tr sort env sleep basename dirname readlink mktemp stat xargs md5sum expr; do
		ln -s busybox "$r/bin/$a"
	done
	for a in systemctl deb-systemd-helper deb-systemd-invoke; do
		printf '#!/bin/sh\necho "%s $*" >>/var/lib/stub/calls\nexit 0\n' "$a" >"$r/usr/bin/$a"
		chmod 0755 "$r/usr/bin/$a"
	done
	# dkms: remembers add/remove so that `status` answers as the real one.
	cat >"$r/usr/sbin/dkms" <<'STUB'
#!/bin/sh
echo "dkms $*" >>/var/lib/stub/calls
case $1 in
add) touch /var/lib/stub/dkms-added ;;
remove) rm -f /var/lib/stub/dkms-added ;;
status) [ ! -e /var/lib/stub/dkms-added ] || echo "lanner/x: added" ;;
esac
exit 0
STUB
	chmod 0755 "$r/usr/sbin/dkms"
}
# The packaged driver-loader cannot run in the chroot (no libc there, and it
# must never touch the host's kernel): a stub records what scriptlets ask.
stub_loader() {
	printf '#!/bin/sh\necho "driver-loader $*" >>/var/lib/stub/calls\nexit 0\n' >"$1/usr/bin/driver-loader"
	chmod 0755 "$1/usr/bin/driver-loader"
}
calls() { cat "$1/var/lib/stub/calls" 2>/dev/null || true; }
reset_calls() { : >"$1/var/lib/stub/calls"; }

# --- rpm --root ----------------------------------------------------------
RR=$T/rpmroot
mkroot "$RR"
mkdir -p "$RR/lib/modules/$(uname -r)/build"   # "headers present": dkms build runs
RPMQ=(rpm --root "$RR" --dbpath /var/lib/rpm)
"${RPMQ[@]}" --initdb
"${RPMQ[@]}" -i --nodeps "$RPM1" "$DRPM1" >"$T/rpm-i.log" 2>&1 || { cat "$T/rpm-i.log" >&2; fail "rpm --root -i"; }
for f in $MAIN_FILES /usr/lib/systemd/system/lanner.service $DKMS_FILES; do
	[ -e "$RR$f" ] || fail "rpm --root: $f not installed"
done
[ "$(stat -c %a "$RR/var/log/lanner")" = 750 ] || fail "rpm --root: /var/log/lanner is not 0750"
[ -x "$RR/usr/bin/lanner" ] && [ -x "$RR/usr/libexec/lanner/load-driver" ] || fail "rpm --root: binaries not executable"
cmp -s "$RR/etc/lanner/lanner.yaml" "$P/config/lanner.yaml" || fail "rpm --root: lanner.yaml is not packaging/config/lanner.yaml"
calls "$RR" >"$T/rpm-calls1.txt"
has "$T/rpm-calls1.txt" '^systemctl preset lanner.service$' "rpm %post: no systemctl preset"
has "$T/rpm-calls1.txt" '^systemctl daemon-reload$' "rpm %post: no daemon-reload"
hasnt "$T/rpm-calls1.txt" '^systemctl (start|enable|restart)' "rpm %post starts or enables the service (EL policy: presets decide)"
has "$T/rpm-calls1.txt" "^dkms add -m lanner -v $VERSION\$" "lanner-dkms %posttrans: no dkms add"
has "$T/rpm-calls1.txt" "^dkms build -m lanner -v $VERSION -k $(uname -r)\$" "lanner-dkms %posttrans: no dkms build"
has "$T/rpm-calls1.txt" "^dkms install -m lanner -v $VERSION -k $(uname -r)\$" "lanner-dkms %posttrans: no dkms install"
ok "rpm --root install: files, modes, %post (preset only), lanner-dkms %posttrans (dkms add/build/install)"

echo "# edited by the admin" >>"$RR/etc/lanner/lanner.yaml"
cp "$RR/etc/lanner/lanner.yaml" "$T/edited.yaml"
reset_calls "$RR"
"${RPMQ[@]}" -U --nodeps "$RPM2" >"$T/rpm-U.log" 2>&1 || { cat "$T/rpm-U.log" >&2; fail "rpm --root -U release 2"; }
[ "$("${RPMQ[@]}" -q lanner)" = "lanner-$V2.x86_64" ] || fail "rpm -U: lanner-$V2 not installed"
cmp -s "$RR/etc/lanner/lanner.yaml" "$T/edited.yaml" || fail "rpm -U overwrote the edited /etc/lanner/lanner.yaml"
cmp -s "$RR/etc/lanner/lanner.yaml.rpmnew" "$T/lanner-r2.yaml" || fail "rpm -U: no lanner.yaml.rpmnew with release 2's default"
calls "$RR" >"$T/rpm-calls2.txt"
has "$T/rpm-calls2.txt" '^systemctl try-restart lanner.service$' "rpm -U: service not try-restarted"
hasnt "$T/rpm-calls2.txt" '^systemctl (stop|disable)|^driver-loader' "rpm -U: old %preun stopped/disabled the service on upgrade"
ok "rpm -U: edited lanner.yaml kept, lanner.yaml.rpmnew written, service try-restarted"

stub_loader "$RR"
reset_calls "$RR"
"${RPMQ[@]}" -e --nodeps lanner lanner-dkms >"$T/rpm-e.log" 2>&1 || { cat "$T/rpm-e.log" >&2; fail "rpm --root -e"; }
calls "$RR" >"$T/rpm-calls3.txt"
has "$T/rpm-calls3.txt" '^systemctl --no-reload disable lanner.service$' "rpm -e: not disabled"
has "$T/rpm-calls3.txt" '^systemctl stop lanner.service$' "rpm -e: not stopped"
has "$T/rpm-calls3.txt" '^driver-loader unload$' "rpm -e: driver-loader unload not run"
has "$T/rpm-calls3.txt" "^dkms remove -m lanner -v $VERSION --all\$" "rpm -e lanner-dkms: no dkms remove"
[ ! -e "$RR/usr/bin/lanner" ] && [ ! -e "$RR/usr/src/lanner-$VERSION/dkms.conf" ] || fail "rpm -e left files"
cmp -s "$RR/etc/lanner/lanner.yaml.rpmsave" "$T/edited.yaml" || fail "rpm -e: the edited config was not saved as .rpmsave"
ok "rpm -e: disabled, stopped, module unloaded, dkms remove, edited config kept as .rpmsave"

# --- deb queries -----------------------------------------------------------
dpkg-deb -c "$DEB1" | awk '{print $NF}' | sed 's|^\./|/|; s|/$||' >"$T/deb-c.txt"
for f in $MAIN_FILES /lib/systemd/system/lanner.service; do has "$T/deb-c.txt" "^$f\$" "dpkg-deb -c: no $f"; done
dpkg-deb -c "$DDEB1" | awk '{print $NF}' | sed 's|^\./|/|' >"$T/ddeb-c.txt"
for f in $DKMS_FILES; do has "$T/ddeb-c.txt" "^$f\$" "lanner-dkms deb: no $f"; done
dpkg -I "$DEB1" >"$T/deb-I.txt"
for f in conffiles postinst prerm postrm md5sums; do has "$T/deb-I.txt" " $f( |\$)" "dpkg -I: no $f"; done
[ "$(dpkg-deb -f "$DEB1" Package Version Architecture | tr '\n' ' ')" = "Package: lanner Version: $V1 Architecture: amd64 " ] ||
	fail "dpkg-deb -f: wrong Package/Version/Architecture"
dpkg-deb -e "$DEB1" "$T/deb-ctl"
[ "$(sort "$T/deb-ctl/conffiles")" = "$(echo "$CONF_FILES" | sort)" ] || fail "deb conffiles differ"
ok "deb: contents, control, conffiles, maintainer scripts"

# --- dpkg --root -----------------------------------------------------------
DR=$T/debroot
mkroot "$DR"
mkdir -p "$DR/var/lib/dpkg/updates" "$DR/var/lib/dpkg/info" "$DR/var/lib/dpkg/triggers"
touch "$DR/var/lib/dpkg/status" "$DR/var/lib/dpkg/available"
DPKG=(dpkg --root="$DR" --force-depends --force-confold)
"${DPKG[@]}" -i "$DEB1" "$DDEB1" >"$T/dpkg-i.log" 2>&1 || { cat "$T/dpkg-i.log" >&2; fail "dpkg --root -i"; }
for f in $MAIN_FILES /lib/systemd/system/lanner.service $DKMS_FILES; do
	[ -e "$DR$f" ] || fail "dpkg --root: $f not installed"
done
[ "$(stat -c %a "$DR/var/log/lanner")" = 750 ] || fail "dpkg --root: /var/log/lanner is not 0750"
calls "$DR" >"$T/deb-calls1.txt"
has "$T/deb-calls1.txt" '^deb-systemd-helper enable lanner.service$' "deb postinst: not enabled (Debian enables on install)"
has "$T/deb-calls1.txt" '^systemctl --system daemon-reload$' "deb postinst: no daemon-reload"
has "$T/deb-calls1.txt" '^deb-systemd-invoke start lanner.service$' "deb postinst: not started"
has "$T/deb-calls1.txt" "^dkms add -m lanner -v $VERSION\$" "lanner-dkms postinst: no dkms add"
hasnt "$T/deb-calls1.txt" '^dkms build' "lanner-dkms postinst: dkms build without kernel headers"
has "$T/dpkg-i.log" 'no kernel headers for the running kernel' "lanner-dkms postinst: missing headers not explained"
dpkg-query --admindir="$DR/var/lib/dpkg" -W -f='${Status}\n' lanner lanner-dkms >"$T/deb-status.txt"
[ "$(grep -c '^install ok installed$' "$T/deb-status.txt")" = 2 ] || { cat "$T/deb-status.txt" >&2; fail "dpkg --root: packages not configured"; }
ok "dpkg --root install: files, enabled + started, lanner-dkms installed without headers (explained)"

echo "# edited by the admin" >>"$DR/etc/lanner/lanner.yaml"
cp "$DR/etc/lanner/lanner.yaml" "$T/edited-deb.yaml"
reset_calls "$DR"
"${DPKG[@]}" -i "$DEB2" >"$T/dpkg-U.log" 2>&1 || { cat "$T/dpkg-U.log" >&2; fail "dpkg --root upgrade to $V2"; }
cmp -s "$DR/etc/lanner/lanner.yaml" "$T/edited-deb.yaml" || fail "dpkg upgrade overwrote the edited /etc/lanner/lanner.yaml"
cmp -s "$DR/etc/lanner/lanner.yaml.dpkg-dist" "$T/lanner-r2.yaml" || fail "dpkg upgrade: no lanner.yaml.dpkg-dist with release 2's default"
calls "$DR" >"$T/deb-calls2.txt"
has "$T/deb-calls2.txt" '^deb-systemd-invoke try-restart lanner.service$' "deb upgrade: not try-restarted"
hasnt "$T/deb-calls2.txt" 'stop|^driver-loader' "deb upgrade: stopped or unloaded"
ok "dpkg upgrade: edited conffile kept (.dpkg-dist written), service try-restarted"

stub_loader "$DR"
reset_calls "$DR"
"${DPKG[@]}" -r lanner lanner-dkms >"$T/dpkg-r.log" 2>&1 || { cat "$T/dpkg-r.log" >&2; fail "dpkg --root -r"; }
calls "$DR" >"$T/deb-calls3.txt"
has "$T/deb-calls3.txt" '^deb-systemd-invoke stop lanner.service$' "deb remove: not stopped"
has "$T/deb-calls3.txt" '^driver-loader unload$' "deb remove: driver-loader unload not run"
has "$T/deb-calls3.txt" "^dkms remove -m lanner -v $VERSION --all\$" "lanner-dkms remove: no dkms remove"
[ ! -e "$DR/usr/bin/lanner" ] || fail "dpkg -r left /usr/bin/lanner"
cmp -s "$DR/etc/lanner/lanner.yaml" "$T/edited-deb.yaml" || fail "dpkg -r did not keep /etc/lanner/lanner.yaml"
"${DPKG[@]}" -P lanner >"$T/dpkg-P.log" 2>&1 || { cat "$T/dpkg-P.log" >&2; fail "dpkg --root -P"; }
[ ! -e "$DR/etc/lanner" ] || { find "$DR/etc/lanner" >&2; fail "dpkg -P left /etc/lanner"; }
[ ! -e "$DR/var/log/lanner" ] || fail "dpkg -P left /var/log/lanner"
ok "dpkg -r: stopped, unloaded, config kept; dpkg -P: config and logs gone"

# --- payload --------------------------------------------------------------
X=$T/x
dpkg-deb -x "$DEB1" "$X"
"$X/usr/bin/lanner" validate -r "$X/etc/lanner/rules.d" >"$T/validate.log" 2>&1 || { cat "$T/validate.log" >&2; fail "lanner validate rejects /etc/lanner/rules.d"; }
# The installed config with its absolute paths moved into the extracted
# tree (and /dev/log to a socket nobody listens on).
mkdir -p "$X/var/log/lanner"
sed -e "s|/etc/lanner/|$X/etc/lanner/|; s|/var/log/lanner|$X/var/log/lanner|; s|/dev/log|$T/nolog.sock|" \
	"$X/etc/lanner/lanner.yaml" >"$T/run.yaml"
if "$X/usr/bin/lanner" run -c "$T/run.yaml" --driver kmod --device "$T/no-such-device" --duration 1 >"$T/run.log" 2>&1; then
	fail "lanner run with no device succeeded"
fi
has "$T/run.log" 'opening the kmod driver' "lanner run on the installed config failed before opening the driver"
[ -e "$X/var/log/lanner/alerts.log" ] || fail "lanner run did not create the file output /var/log/lanner/alerts.log"
ok "payload: rules.d validates; the installed config, rules and outputs start (up to the device)"

# Every program and file the unit names is in the package.
for f in $(sed -n 's/^\(ExecStart\|ExecStartPre\|ExecStopPost\|EnvironmentFile\)=-\{0,1\}\([^ ]*\).*/\2/p' \
	"$X/lib/systemd/system/lanner.service") /etc/lanner/lanner.yaml; do
	case $f in
	/run/*) ;; # written at start
	*) [ -e "$X$f" ] || fail "lanner.service names $f, which the package lacks" ;;
	esac
done
ok "unit: ExecStartPre, ExecStart, ExecStopPost name files the package ships"

# load-driver on the real driver-loader's dry run (explain loads nothing).
set +e
DRIVER_LOADER="$X/usr/bin/driver-loader" LANNER_RUN_DIR="$T/run" \
	LANNER_LOADER_ARGS="explain --config $X/etc/lanner/lanner.yaml" \
	"$X/usr/libexec/lanner/load-driver" >"$T/load-driver.log" 2>&1
rc=$?
"$X/usr/bin/driver-loader" explain --config "$X/etc/lanner/lanner.yaml" >"$T/explain.log" 2>&1
erc=$?
set -e
# 0: a driver is chosen, 1: none can run here; anything else (2: bad
# driver_loader config) is a broken package.
[ "$erc" = 0 ] || [ "$erc" = 1 ] || { cat "$T/explain.log" >&2; fail "driver-loader explain on the installed config exited $erc"; }
[ "$rc" = "$erc" ] || { cat "$T/load-driver.log" >&2; fail "load-driver exited $rc, driver-loader explain $erc"; }
chosen=$(sed -n 's/^decision: \([a-z]*\) .*/\1/p' "$T/explain.log")
case $chosen in
kmod | ebpf)
	[ "$chosen" = kmod ] && want=kmod || want=bpf
	[ "$(cat "$T/run/driver.env")" = "LANNER_DRIVER_ARGS=--driver $want" ] ||
		{ cat "$T/load-driver.log" >&2; fail "load-driver: driver.env does not say --driver $want"; }
	ok "load-driver: driver-loader chose $chosen here, driver.env says --driver $want"
	;;
*)
	[ "$rc" != 0 ] && [ ! -e "$T/run/driver.env" ] || fail "load-driver: wrote driver.env although no driver can run"
	ok "load-driver: no driver can run here (exit $rc), no driver.env written"
	;;
esac

# The DKMS tree as installed, built by dkms against a cached kernel's headers.
KENV=${VM_CACHE:-$REPO/.cache/vm}/k/${PKG_TEST_KERNEL:-6.1}/kernel.env
if [ -f "$KENV" ] && command -v dkms >/dev/null; then
	HEADERS=$(sed -n 's/^HEADERS=//p' "$KENV") KREL=$(sed -n 's/^KREL=//p' "$KENV")
	D=$T/dkms
	mkdir -p "$D/tree" "$D/src"
	dpkg-deb -x "$DDEB1" "$D/x"
	mv "$D/x/usr/src/lanner-$VERSION" "$D/src/"
	DK=(--dkmstree "$D/tree" --sourcetree "$D/src")
	dkms add -m lanner -v "$VERSION" "${DK[@]}" >"$T/dkms.log" 2>&1 || { cat "$T/dkms.log" >&2; fail "dkms add"; }
	if ! dkms build -m lanner -v "$VERSION" -k "$KREL" --kernelsourcedir "$HEADERS" "${DK[@]}" >>"$T/dkms.log" 2>&1; then
		cat "$T/dkms.log" >&2
		cat "$D/tree/lanner/$VERSION/build/make.log" >&2 2>/dev/null || true
		fail "dkms build of the packaged tree against $KREL"
	fi
	ko=$(find "$D/tree/lanner/$VERSION/$KREL" -name 'lanner.ko*' | head -1)
	[ -n "$ko" ] || fail "dkms build made no lanner.ko for $KREL"
	ok "dkms: the packaged tree builds lanner.ko against $KREL's headers ($(basename "$ko"))"
else
	echo "package-test: notice: no cached kernel headers ($KENV; make vm-test fetches them) or no dkms: DKMS build not tried"
fi

# --- lint -----------------------------------------------------------------
lintian --allow-root --fail-on error,warning --suppress-tags unused-override "$R1"/*.deb >"$T/lintian.log" 2>&1 ||
	{ cat "$T/lintian.log" >&2; fail "lintian"; }
[ ! -s "$T/lintian.log" ] || cat "$T/lintian.log"
rpmlint -c "$P/rpmlint.toml" -r "$P/rpmlintrc" "$R1"/*.rpm >"$T/rpmlint.log" 2>&1 || true
if grep -E '^[^ ]+: [EW]: ' "$T/rpmlint.log" >&2; then
	fail "rpmlint (justify a filter in packaging/rpmlintrc or fix it)"
fi
grep -q '2 packages and 0 specfiles checked' "$T/rpmlint.log" || { cat "$T/rpmlint.log" >&2; fail "rpmlint did not check both packages"; }
ok "lint: lintian and rpmlint clean (exceptions: packaging/lintian/*, packaging/rpmlintrc)"
echo "package-test: PASS"
