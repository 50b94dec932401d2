#!/bin/sh
# Runs as root in each Vagrant box (see Vagrantfile): installs lanner's
# packages from /packages, explains the driver choice, starts the service
# and checks the end-to-end alert. Exit 0 = PASS. FAMILY=el|deb.
set -eu
say() { echo "lanner-vagrant: $*"; }
fail() { echo "lanner-vagrant: FAIL: $*" >&2; journalctl -u lanner --no-pager -n 80 >&2 || true; exit 1; }

rel=$(uname -r)
ls /packages/lanner* >/dev/null 2>&1 || fail "no packages in /packages: run 'make package' on the host first"
main_rpm=$(ls /packages/lanner-[0-9]*.x86_64.rpm 2>/dev/null | sort -V | tail -1)
dkms_rpm=$(ls /packages/lanner-dkms-[0-9]*.noarch.rpm 2>/dev/null | sort -V | tail -1)
main_deb=$(ls /packages/lanner_*_amd64.deb 2>/dev/null | sort -V | tail -1)
dkms_deb=$(ls /packages/lanner-dkms_*_all.deb 2>/dev/null | sort -V | tail -1)

# The package managers fetch dkms and this kernel's headers (the one step
# that needs a repository; the packages themselves are local files).
case $FAMILY in
el)
	if [ "${LANNER_NO_DKMS:-0}" = 1 ]; then
		yum install -y "$main_rpm"
	else
		. /etc/os-release
		# dkms is in EPEL.
		rpm -q epel-release >/dev/null 2>&1 || yum install -y epel-release
		yum install -y "kernel-devel-$rel" || say "no kernel-devel-$rel in the repositories: DKMS cannot build"
		yum install -y "$main_rpm" "$dkms_rpm"
	fi
	systemctl enable lanner.service   # EL does not enable services on install
	;;
deb)
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	if [ "${LANNER_NO_DKMS:-0}" = 1 ]; then
		apt-get install -y "$main_deb"
	else
		apt-get install -y "linux-headers-$rel" || say "no linux-headers-$rel: DKMS cannot build"
		apt-get install -y "$main_deb" "$dkms_deb"
	fi
	;;
*) fail "FAMILY must be el or deb" ;;
esac

say "installed: $(rpm -qa 'lanner*' 2>/dev/null; dpkg-query -W 'lanner*' 2>/dev/null | tr '\t' ' ')"
[ -x /usr/bin/lanner ] && [ -x /usr/bin/driver-loader ] && [ -f /etc/lanner/lanner.yaml ] || fail "files missing"

say "driver-loader explain:"
driver-loader explain || say "explain: no driver can run here (see the reasons above)"

# Debian's postinst already started it; restart either way for a clean run.
systemctl restart lanner.service || fail "lanner.service did not start"
i=0
while ! systemctl is-active --quiet lanner.service; do
	i=$((i + 1)); [ $i -lt 60 ] || fail "lanner.service not active after 60 s"; sleep 1
done
sleep 3   # capture starts after the rules are loaded
say "service active: $(cat /run/lanner/driver.env 2>/dev/null)"

since=$(date '+%Y-%m-%d %H:%M:%S')
# A program not trusted to read it, as an ordinary admin would: cat.
cat /etc/shadow >/dev/null
i=0
while :; do
	if journalctl --since "$since" --no-pager 2>/dev/null | grep -q 'Sensitive file opened for reading' &&
		grep -q '/etc/shadow' /var/log/lanner/alerts.log 2>/dev/null; then
		break
	fi
	i=$((i + 1)); [ $i -lt 30 ] || fail "no alert for 'cat /etc/shadow' in the journal and /var/log/lanner/alerts.log after 30 s"
	sleep 1
done
journalctl --since "$since" --no-pager | grep 'Sensitive file opened for reading' | tail -1
say "alert in the journal and in /var/log/lanner/alerts.log"

# Log rotation reopens the file (SIGHUP), the service keeps running.
logrotate -f /etc/logrotate.d/lanner
sleep 2
systemctl is-active --quiet lanner.service || fail "lanner.service died on logrotate's SIGHUP"
cat /etc/shadow >/dev/null
i=0
until grep -q '/etc/shadow' /var/log/lanner/alerts.log 2>/dev/null; do
	i=$((i + 1)); [ $i -lt 30 ] || fail "no alert in the new alerts.log after rotation"; sleep 1
done
say "logrotate: file reopened, alerts continue"

systemctl stop lanner.service
if grep -q '^lanner ' /proc/modules; then fail "lanner.ko still loaded after stop"; fi
say "stopped, module unloaded"
say "PASS ($(. /etc/os-release; echo "$PRETTY_NAME"), kernel $rel)"
