#!/bin/sh
# Owns: the package boot's test, run by systemd (PID 1) in a Debian root file system as
# lanner-pkgtest.service. Installs the built .debs with dpkg as an operator would and checks
# what an operator relies on: lanner-dkms's postinst builds lanner.ko with DKMS against this
# guest's headers; lanner's postinst enables and starts lanner.service; the service's
# driver-loader picks the DKMS-built module; `cat /etc/shadow` alerts in the packaged file
# output and in the journal (syslog output through /dev/log); a killed agent is restarted
# (Restart=on-failure); stop unloads the module; removing a running lanner stops it and
# unloads the module; purge leaves nothing behind.
# Every step's output is saved in /results (NAME.txt, exit codes in steps.txt); the verdict
# is the host's (check_pkg.py). Ends by shipping /results over ttyS1 and powering off.
# Must never: decide pass/fail itself, or touch anything the packages did not install
# except what a test needs (a trigger process, reading logs).
set -u
R=/results
P=/vm/pkgs
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
mkdir -p $R
up() { cut -d' ' -f1 /proc/uptime; }
say() { echo "LANNER-PKG $*" > /dev/console; }
# step NAME CMD...: output to NAME.txt; exit code and uptime to steps.txt.
step() {
	n=$1; shift
	"$@" > "$R/$n.txt" 2>&1
	rc=$?
	echo "$n rc=$rc uptime=$(up)" >> $R/steps.txt
	say "step $n rc=$rc uptime=$(up)"
	return $rc
}
# wait_for TENTHS CMD...: until CMD succeeds, at most TENTHS tenths of a second.
wait_for() {
	t=$1; shift
	while [ "$t" -gt 0 ]; do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; t=$((t - 1)); done
	return 1
}
main_pid() { systemctl show -p MainPID --value lanner; }
running() { systemctl is-active --quiet lanner && [ "$(main_pid)" != 0 ]; }
alerted() { grep -q "\"proc.pid\":$1[,}]" /var/log/lanner/alerts.log 2>/dev/null; }
# trigger NAME: `cat /etc/shadow` every 2 s until the file output holds its alert (the agent
# may still be opening its rings); the pids tried go to NAME.pids, the one alerted to NAME.pid.
trigger() {
	: > "$R/$1.pids"
	i=0
	while [ $i -lt 30 ]; do
		/bin/cat /etc/shadow > /dev/null & p=$!; wait $p
		echo $p >> "$R/$1.pids"
		if wait_for 20 alerted $p; then echo $p > "$R/$1.pid"; return 0; fi
		i=$((i + 1))
	done
	return 1
}

say "start uptime=$(up) kernel=$(uname -r)"
uname -r > $R/uname.txt
readlink -f /bin/cat > $R/cat.exe
step versions sh -c 'systemctl --version | head -1; dkms --version; gcc --version | head -1; dpkg-query -W "linux-headers-$(uname -r)"'

# 1. lanner-dkms first: its postinst registers the source and builds for the running kernel.
step install-dkms dpkg -i $P/lanner-dkms_*.deb
step dkms-status dkms status -m lanner
step dkms-module sh -c 'm=$(ls /lib/modules/$(uname -r)/updates/dkms/lanner.ko*) && modinfo -F name "$m" && modinfo -F vermagic "$m"'

# 2. lanner: its postinst enables and starts the service.
step install dpkg -i $P/lanner_*.deb
step enabled systemctl is-enabled lanner
step started wait_for 3000 running
step trigger trigger shadow
step status-started systemctl status --no-pager -l lanner
step module-loaded sh -c 'test -d /sys/module/lanner && cat /sys/module/lanner/srcversion'
step driver-env cat /run/lanner/driver.env
step journal-start journalctl -b --no-pager -o cat -u lanner
step alerts-file cat /var/log/lanner/alerts.log
step journal-syslog journalctl -b --no-pager -o json SYSLOG_IDENTIFIER=lanner

# 3. Restart=on-failure: a killed agent comes back (RestartSec=5) and alerts again.
main_pid > $R/killed.pid
step kill kill -KILL "$(cat $R/killed.pid)"
step restarted wait_for 600 sh -c '[ "$(systemctl show -p MainPID --value lanner)" != 0 ] && [ "$(systemctl show -p MainPID --value lanner)" != "$(cat '$R'/killed.pid)" ] && systemctl is-active --quiet lanner'
main_pid > $R/restarted.pid
step trigger-again trigger shadow2
step alerts-final cat /var/log/lanner/alerts.log
step files dpkg -L lanner lanner-dkms

# 4. reload (SIGHUP: the file output reopens) keeps it running.
step reload systemctl reload lanner
step after-reload sh -c 'sleep 1; systemctl is-active lanner'

# 5. stop: ExecStopPost unloads the module.
step stop systemctl stop lanner
step module-gone sh -c '! test -e /sys/module/lanner'
step journal-all journalctl -b --no-pager -o cat -u lanner

# 6. remove while running: prerm stops the service and the module is unloaded.
step start-again systemctl start lanner
step running-again wait_for 600 sh -c 'systemctl is-active --quiet lanner && test -e /sys/module/lanner'
step remove dpkg -r lanner
step module-gone-after-remove sh -c '! test -e /sys/module/lanner && ! systemctl is-active --quiet lanner'
step remove-dkms dpkg -r lanner-dkms
step dkms-after sh -c 'dkms status -m lanner; ls /lib/modules/$(uname -r)/updates/dkms/ 2>&1'
step purge dpkg -P lanner lanner-dkms
step leftovers sh -c 'ls -d /etc/lanner /usr/bin/lanner /usr/bin/driver-loader /usr/src/lanner-* /var/lib/dkms/lanner /lib/systemd/system/lanner.service 2>&1'
step dpkg-state sh -c 'dpkg-query -W -f "\${Package} \${db:Status-Abbrev}\n" lanner lanner-dkms 2>&1'
dmesg > $R/dmesg.txt 2>&1
journalctl -b --no-pager > $R/journal.txt 2>&1

say "done uptime=$(up)"
tar -c -f /tmp/results.tar -C $R .
stty -F /dev/ttyS1 raw -echo -opost
cat /tmp/results.tar > /dev/ttyS1
echo "LANNER-VM-RESULTS bytes=$(wc -c < /tmp/results.tar) md5=$(md5sum < /tmp/results.tar | cut -d' ' -f1)" > /dev/console
echo "LANNER-VM-DONE uptime=$(up)" > /dev/console
systemctl poweroff --force --force
