#!/bin/sh
# Owns: what runs inside the guest. kmod: driver-loader explains and loads lanner.ko, driver
# test, end-to-end alert through a real rsyslogd, driver-loader unloads, storm (small ring),
# CPU hotplug, load/unload loop under a syscall storm. bpf: the same driver test against the
# eBPF fallback (probed features, then forced perf buffer + raw_tp), storm, hotplug, end-to-end
# alert, and (with kmod) the parity test of one scenario under both drivers. It only collects evidence in /results/ (files + steps.txt
# key=value); tests/vm/check.py on the host decides pass/fail.
# Kernel command line: lanner.drivers=kmod,bpf (which drivers), lanner.only=GLOB,... (only the
# driver suites, restricted to those drivertest checks).
# usage: /vm/test.sh [test|demo|loader]   demo: the scenario is paced and the rsyslog files
#                                  are followed on the console so a person sees alerts arrive.
#                                  loader: a boot with module signatures enforced or lockdown on
#                                  (lanner.scenario= names which): driver-loader must fall back to
#                                  eBPF and say why, the kernel must refuse the unsigned module,
#                                  and the agent's end-to-end alert must work with eBPF.
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
DRIVERS=${LANNER_DRIVERS:-kmod,bpf}
rec drivers "$DRIVERS"
has() { case ",$DRIVERS," in *",$1,"*) return 0 ;; esac; return 1; }
ONLY=
for g in $(echo "${LANNER_ONLY:-}" | tr , ' '); do ONLY="$ONLY --only $g"; done
[ -n "$ONLY" ] && rec quick 1
full() { [ "$MODE" = test ] && [ -z "$ONLY" ]; }

# e2e SUFFIX LANNER-ARGS...: kernel -> lanner -> rsyslogd (unix socket and TCP) -> files
# syslog-{unix,tcp}SUFFIX.log, cat /etc/shadow alerting once and harmless commands not at all.
e2e() {
	sfx=$1; shift
	stamp "e2e$sfx"
	: > $R/syslog-unix.log; : > $R/syslog-tcp.log
	rsyslogd -n -f /etc/rsyslog.conf -i /run/rsyslogd.pid > $R/rsyslogd$sfx.out 2>&1 &
	RS=$!
	wait_for 100 test -S /dev/log && wait_for 100 listening 5514; rec "rsyslog_ready$sfx" $?
	if [ "$MODE" = demo ]; then
		say "following the rsyslog output files; alerts appear below as they arrive"
		tail -f $R/syslog-unix.log $R/syslog-tcp.log & TAIL=$!
	fi
	lanner run -c /etc/lanner/lanner.yaml --ready-file $R/lanner$sfx.ready "$@" \
		> $R/lanner$sfx.out 2> $R/lanner$sfx.err &
	LP=$!
	wait_for 300 test -e $R/lanner$sfx.ready; rec "lanner_ready$sfx" $?
	stamp "scenario$sfx"
	pace 3
	# Binaries by path: busybox ash would otherwise re-exec itself as /proc/self/exe
	# (comm "exe"); /bin/cat is a real execve of a program named cat.
	say "running: cat /etc/shadow   (sensitive file, expect ONE alert)"
	readlink -f /bin/cat > $R/shadow$sfx.exe
	/bin/cat /etc/shadow > /dev/null & echo $! > $R/shadow$sfx.pid; wait $!
	pace 3
	say "running: cat /etc/hostname; ls /   (harmless, expect no alert)"
	/bin/cat /etc/hostname > /dev/null; /bin/ls / > /dev/null
	pace 3
	wait_for 50 both_alerted
	sleep 0.5   # a late duplicate or false alert would land here
	stamp "alerts$sfx"
	stop $LP 20; rec "lanner_rc$sfx" $STOPPED
	stop $RS 10; rec "rsyslog_rc$sfx" $STOPPED
	[ -n "${TAIL:-}" ] && { kill "$TAIL"; wait "$TAIL"; } 2>/dev/null
	if [ -n "$sfx" ]; then
		mv $R/syslog-unix.log $R/syslog-unix$sfx.log; mv $R/syslog-tcp.log $R/syslog-tcp$sfx.log
	fi
	say "lanner: $(tail -2 $R/lanner$sfx.err | tr '\n' ' ')"
}

loaded() { test -d /sys/module/lanner; }

# The fallback boots (module.sig_enforce=1, lockdown=integrity): the loader must pick eBPF and
# print why, load nothing; the kernel's own answer to the unsigned module is recorded; then the
# agent runs the end-to-end scenario on the eBPF driver the loader chose.
if [ "$MODE" = loader ]; then
	rec scenario "${LANNER_SCENARIO:-}"
	stamp loader
	cat /sys/kernel/security/lockdown > $R/lockdown.txt 2>&1; rec lockdown_rc $?
	cat /sys/module/module/parameters/sig_enforce > $R/sig_enforce.txt 2>&1
	cp /proc/cmdline $R/cmdline.txt
	driver-loader explain > $R/loader-explain.txt 2>&1; rec loader_explain_rc $?
	driver-loader load > $R/loader-load.txt 2> $R/loader-load.err; rec loader_load_rc $?
	driver-loader load --json > $R/loader-load.json 2>> $R/loader-load.err; rec loader_load_json_rc $?
	loaded; rec loader_module_loaded $((1 - $?))
	say "driver-loader load ($LANNER_SCENARIO): $(head -1 $R/loader-load.txt)"
	grep -E '^  [0-9]\. ' $R/loader-load.txt | sed 's/^/lanner-vm:   /'
	# What the loader did not need to try: the kernel refuses the unsigned module.
	stamp insmod_refused
	insmod /lib/lanner/lanner.ko > $R/insmod.txt 2>&1; rec insmod_rc $?
	loaded; rec insmod_module_loaded $((1 - $?))
	say "insmod of the unsigned module: rc $(sed -n 's/^insmod_rc=//p' $R/steps.txt) $(cat $R/insmod.txt)"
	e2e -ebpf --driver bpf
	cat /proc/sys/kernel/tainted > $R/tainted.txt
	dmesg > $R/dmesg-final.txt
	stamp end
	rec done 1
	exit 0
fi

if has kmod; then
# 1. Load, through driver-loader: explain (dry run, loads nothing), load (picks the prebuilt
#    module for this exact kernel release), load again (finds it loaded: a service restart).
stamp loader
dmesg > $R/dmesg-boot.txt
driver-loader explain > $R/loader-explain.txt 2>&1; rec loader_explain_rc $?
loaded; rec explain_module_loaded $((1 - $?))
driver-loader load --json > $R/loader-load.json 2> $R/loader-load.err; rec loader_load_rc $?
wait_for 20 test -c /dev/lanner
loaded; rec loader_module_loaded $((1 - $?))
driver-loader load --json > $R/loader-reload.json 2> $R/loader-reload.err; rec loader_reload_rc $?
ls -l /dev/lanner > $R/dev.txt 2>&1
dmesg > $R/dmesg-insmod.txt
say "driver-loader explain: $(head -1 $R/loader-explain.txt)"
say "driver-loader load: rc $(sed -n 's/^loader_load_rc=//p' $R/steps.txt), $(cat $R/dev.txt)"

# 2. Record-level driver test.
if [ "$MODE" = test ]; then
	stamp drivertest
	timeout 60 lanner-drivertest --device /dev/lanner $ONLY > $R/drivertest.txt 2> $R/drivertest.err
	rec drivertest_rc $?
	say "$(tail -1 $R/drivertest.txt)"
fi

# 3. End to end through rsyslog.
if [ -z "$ONLY" ]; then
e2e -kmod
# 4. Unload with driver-loader: refused while the device is open (exit 3), accepted after,
#    and a second unload finds nothing to do.
stamp rmmod
sleep 100 < /dev/lanner & HOLD=$!
wait_for 50 holds_dev $HOLD; rec holder_open $?
driver-loader unload > $R/unload-busy.txt 2>&1; rec unload_busy_rc $?
kill $HOLD; wait $HOLD 2>/dev/null
driver-loader unload > $R/unload.txt 2>&1; rec unload_rc $?
grep -c '^lanner ' /proc/modules > $R/modules-after.txt
driver-loader unload > $R/unload-again.txt 2>&1; rec unload_again_rc $?
say "driver-loader unload: $(cat $R/unload-busy.txt) / $(cat $R/unload.txt) / $(cat $R/unload-again.txt)"

fi	# [ -z "$ONLY" ]

if full; then
	# 5a. Parameters the module must refuse at load: a ring size that is not
	#     a power of two, and any value for the read-only abi_version.
	stamp bad_params
	insmod /lib/lanner/lanner.ko ring_size=100000 > $R/badring-insmod.txt 2>&1
	rec badring_insmod_rc $?
	loaded; rec badring_loaded $((1 - $?))
	insmod /lib/lanner/lanner.ko abi_version=0.0.0 > $R/abiset-insmod.txt 2>&1
	rec abiset_insmod_rc $?
	loaded; rec abiset_loaded $((1 - $?))
	say "insmod ring_size=100000: rc $(sed -n 's/^badring_insmod_rc=//p' $R/steps.txt); abi_version=0.0.0: rc $(sed -n 's/^abiset_insmod_rc=//p' $R/steps.txt)"

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
fi	# has kmod

# eBPF fallback. B1/B2: the same driver suite, probed features then forced fallbacks.
if has bpf && [ "$MODE" = test ]; then
	for d in bpf bpf-perf; do
		stamp "drivertest_$d"
		LANNER_BPF_TRACE=1 timeout 120 lanner-drivertest --driver $d $ONLY > $R/drivertest-$d.txt 2> $R/drivertest-$d.err
		rec "drivertest_${d}_rc" $?
		say "$d: $(tail -1 $R/drivertest-$d.txt)"
	done
fi
if has bpf && full; then
	# B3. Storm with small rings: per CPU, produced = consumed + drops.
	stamp storm_bpf
	nproc > $R/nproc.txt
	timeout 60 lanner-drivertest storm --driver bpf --ring-size 65536 --seconds 4 \
		> $R/storm-bpf.txt 2> $R/storm-bpf.err
	rec storm_bpf_rc $?
	say "bpf $(tail -1 $R/storm-bpf.txt)"
	# B4. CPU hotplug.
	stamp hotplug_bpf
	if [ -w /sys/devices/system/cpu/cpu1/online ]; then
		echo 0 > /sys/devices/system/cpu/cpu1/online
		timeout 30 lanner-drivertest hotplug --driver bpf --cpu 1 > $R/hotplug-bpf.txt 2> $R/hotplug-bpf.err
		rec hotplug_bpf_rc $?
		echo 1 > /sys/devices/system/cpu/cpu1/online 2>/dev/null
		say "bpf $(tail -1 $R/hotplug-bpf.txt)"
	else
		rec hotplug_bpf_rc no-cpu1
	fi
	# B5. End to end with the eBPF fallback.
	e2e -bpf --driver bpf
	# B6. Parity: one scripted scenario under the module and under eBPF.
	if has kmod; then
		stamp parity
		insmod /lib/lanner/lanner.ko > $R/parity-insmod.txt 2>&1
		wait_for 20 test -c /dev/lanner
		timeout 120 lanner-drivertest parity > $R/parity.txt 2> $R/parity.err
		rec parity_rc $?
		rmmod lanner >> $R/parity-insmod.txt 2>&1
		say "$(tail -1 $R/parity.txt)"
	fi
fi
cat /proc/sys/kernel/tainted > $R/tainted.txt
dmesg > $R/dmesg-final.txt
stamp end
rec done 1
