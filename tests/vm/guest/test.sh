#!/bin/sh
# Owns: what runs inside the guest - load lanner.ko, driver test, end-to-end alert through a
# real rsyslogd, unload, storm (small ring), CPU hotplug, load/unload loop under a syscall
# storm. It only collects evidence in /results/ (files + steps.txt key=value);
# tests/vm/check.py on the host decides pass/fail.
# usage: /vm/test.sh [test|demo]   demo: the scenario is paced and the rsyslog files are
#                                  followed on the console so a person sees alerts arrive.
MODE=${1:-test}
R=/results
say() { echo "lanner-vm: $*"; }
rec() { echo "$1=$2" >> $R/steps.txt; }
stamp() { rec "t_$1" "$(cut -d' ' -f1 /proc/uptime)"; }
pace() { [ "$MODE" = demo ] && sleep "$1"; return 0; }
# wait_for TENTHS CMD...: poll every 0.1 s until CMD succeeds.
wait_for() {
	n=$1; shift
	while [ "$n" -gt 0 ]; do "$@" && return 0; sleep 0.1; n=$((n - 1)); done
	return 1
}
listening() { grep -q ":$(printf %04X "$1") 00000000:0000 0A" /proc/net/tcp; }
alerted() { grep -q '|Read_sensitive_file_untrusted|' "$1" 2>/dev/null; }
both_alerted() { alerted $R/syslog-unix.log && alerted $R/syslog-tcp.log; }
holds_dev() { [ "$(readlink "/proc/$1/fd/0")" = /dev/lanner ]; }
# stop PID SECS: TERM, then KILL after SECS; exit status in $STOPPED.
stop() {
	kill -TERM "$1"; (sleep "$2"; kill -KILL "$1" 2>/dev/null) & wd=$!
	wait "$1"; STOPPED=$?; kill "$wd" 2>/dev/null
}

: > $R/steps.txt
rec mode "$MODE"

# 1. Load.
stamp insmod
dmesg > $R/dmesg-boot.txt
insmod /lib/lanner/lanner.ko > $R/insmod.txt 2>&1; rec insmod_rc $?
wait_for 20 test -c /dev/lanner
ls -l /dev/lanner > $R/dev.txt 2>&1
dmesg > $R/dmesg-insmod.txt
say "insmod: $(cat $R/insmod.txt) $(cat $R/dev.txt)"

# 2. Record-level driver test.
if [ "$MODE" = test ]; then
	stamp drivertest
	timeout 60 lanner-drivertest --device /dev/lanner > $R/drivertest.txt 2> $R/drivertest.err
	rec drivertest_rc $?
	say "$(tail -1 $R/drivertest.txt)"
fi

# 3. End to end: kernel -> lanner -> rsyslogd (unix socket and TCP) -> files.
stamp e2e
: > $R/syslog-unix.log; : > $R/syslog-tcp.log
rsyslogd -n -f /etc/rsyslog.conf -i /run/rsyslogd.pid > $R/rsyslogd.out 2>&1 &
RS=$!
wait_for 100 test -S /dev/log && wait_for 100 listening 5514; rec rsyslog_ready $?
if [ "$MODE" = demo ]; then
	say "following the rsyslog output files; alerts appear below as they arrive"
	tail -f $R/syslog-unix.log $R/syslog-tcp.log & TAIL=$!
fi
lanner run -c /etc/lanner/lanner.yaml --ready-file $R/lanner.ready > $R/lanner.out 2> $R/lanner.err &
LP=$!
wait_for 300 test -e $R/lanner.ready; rec lanner_ready $?
stamp scenario
pace 3
# Binaries by path: busybox ash would otherwise re-exec itself as /proc/self/exe
# (comm "exe"); /bin/cat is a real execve of a program named cat.
say "running: cat /etc/shadow   (sensitive file, expect ONE alert)"
readlink -f /bin/cat > $R/shadow.exe
/bin/cat /etc/shadow > /dev/null & echo $! > $R/shadow.pid; wait $!
pace 3
say "running: cat /etc/hostname; ls /   (harmless, expect no alert)"
/bin/cat /etc/hostname > /dev/null; /bin/ls / > /dev/null
pace 3
wait_for 50 both_alerted
sleep 0.5   # a late duplicate or false alert would land here
stamp alerts
stop $LP 20; rec lanner_rc $STOPPED
stop $RS 10; rec rsyslog_rc $STOPPED
[ -n "${TAIL:-}" ] && { kill "$TAIL"; wait "$TAIL"; } 2>/dev/null
say "lanner: $(tail -2 $R/lanner.err | tr '\n' ' ')"

# 4. Unload: refused while the device is open, accepted after.
stamp rmmod
sleep 100 < /dev/lanner & HOLD=$!
wait_for 50 holds_dev $HOLD; rec holder_open $?
rmmod lanner > $R/rmmod-busy.txt 2>&1; rec rmmod_busy_rc $?
kill $HOLD; wait $HOLD 2>/dev/null
rmmod lanner > $R/rmmod.txt 2>&1; rec rmmod_rc $?
grep -c '^lanner ' /proc/modules > $R/modules-after.txt

if [ "$MODE" = test ]; then
	# 5. Storm with a small ring: per CPU, produced = consumed + drops.
	stamp storm
	nproc > $R/nproc.txt
	insmod /lib/lanner/lanner.ko ring_size=65536 > $R/storm-insmod.txt 2>&1
	wait_for 20 test -c /dev/lanner
	timeout 60 lanner-drivertest storm --seconds 4 > $R/storm.txt 2> $R/storm.err
	rec storm_rc $?
	say "$(tail -1 $R/storm.txt)"

	# 6. CPU hotplug: cpu1 is offline when the device is opened; once it
	#    comes online its syscalls must land in its ring.
	stamp hotplug
	if [ -w /sys/devices/system/cpu/cpu1/online ]; then
		echo 0 > /sys/devices/system/cpu/cpu1/online; rec cpu1_offline $?
		timeout 30 lanner-drivertest hotplug --cpu 1 > $R/hotplug.txt 2> $R/hotplug.err
		rec hotplug_rc $?
		echo 1 > /sys/devices/system/cpu/cpu1/online 2>/dev/null
		say "$(tail -1 $R/hotplug.txt)"
	else
		rec hotplug_rc no-cpu1
	fi
	rmmod lanner > $R/storm-rmmod.txt 2>&1; rec storm_rmmod_rc $?

	# 7. Load, capture every syscall, unload: LOADLOOP times while every
	#    vCPU runs a fork/exec/open loop. Memory is compared before/after.
	stamp loadloop
	say "load/unload loop under a syscall storm"
	sleep 1; grep -E '^(VmallocUsed|SUnreclaim|Percpu):' /proc/meminfo > $R/mem-before.txt
	STORM=
	for c in $(seq 1 "$(nproc)"); do
		( while :; do /bin/cat /etc/hostname > /dev/null; done ) & STORM="$STORM $!"
	done
	cyc=0; dump_fail=0	# not n: wait_for() uses n
	while [ $cyc -lt "${LOADLOOP:-100}" ]; do
		insmod /lib/lanner/lanner.ko ring_size=65536 >> $R/loadloop.txt 2>&1 || break
		wait_for 50 test -c /dev/lanner || break
		lanner dump --all-syscalls --duration 0.2 > /dev/null 2>> $R/loadloop.err ||
			dump_fail=$((dump_fail + 1))
		rmmod lanner >> $R/loadloop.txt 2>&1 || break
		cyc=$((cyc + 1))
		[ $((cyc % 10)) = 0 ] && say "load/unload: $cyc cycles"
	done
	kill $STORM; wait $STORM 2>/dev/null
	rec loadloop_want "${LOADLOOP:-100}"; rec loadloop_done $cyc; rec loadloop_dump_fail $dump_fail
	grep -c '^lanner ' /proc/modules > $R/loadloop-modules.txt
	sleep 2; grep -E '^(VmallocUsed|SUnreclaim|Percpu):' /proc/meminfo > $R/mem-after.txt
	say "load/unload: $cyc of ${LOADLOOP:-100} cycles, $dump_fail reader failures"
fi
cat /proc/sys/kernel/tainted > $R/tainted.txt
dmesg > $R/dmesg-final.txt
stamp end
rec done 1
