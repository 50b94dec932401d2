#!/usr/bin/env python3
"""Owns: the verdict on each guest, decided only from evidence the guest sent back.

usage: check.py BUILD_VM_DIR/VER...
Reads VER/boot.env (written by boot.sh) and VER/results/ (the guest's /results, copied
back over the second serial port, md5-checked), and the same for each driver-loader fallback
boot VER/loader-boots.txt lists (VER/boot-SCENARIO/). Prints per kernel
    PASS <kernel-release> [drivers] driver-loader: normal->kmod(prebuilt-module) sig_enforce->ebpf ...
    FAIL <kernel-release> [drivers] driver-loader: ...: <reason>; <reason>...
then "N passed, M failed" alone on a line. Exit status 1 if any kernel failed.
"""
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the repo
import check_loader  # noqa: E402  (tests/vm/, the script's own directory)

RULE = "Read sensitive file untrusted"
MSGID = "Read_sensitive_file_untrusted"
PRI = 12  # facility user (1) * 8 + severity warning (4)
MIN_DRIVER_CHECKS = 15
DMESG_BAD = re.compile(r"\bBUG\b|\bWARNING\b|\bOops\b|Call Trace")
SUMMARY = re.compile(r"drivertest: (\d+) passed, (\d+) failed")
STORM = re.compile(r"storm: (\d+) passed, (\d+) failed")
HOTPLUG = re.compile(r"hotplug: (\d+) passed, (\d+) failed")
PARITY = re.compile(r"parity: (\d+) passed, (\d+) failed")
# Memory that may move during a load/unload loop without being a leak
# (slab caches and vmalloc bookkeeping settle in steps); one leaked ring
# (64 KiB x CPUs) or enter-copy table (~2 MiB) per cycle is far above it.
LEAK_SLACK_KB = {"VmallocUsed": 1024, "SUnreclaim": 4096, "Percpu": 256}
CRASH = re.compile(r"\bBUG:|\bWARNING:|\bOops:|Kernel panic|hung_task|soft lockup")


def read(path, default=None):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return default


def keyvals(path):
    out = {}
    for line in (read(path) or "").splitlines():
        if "=" in line:
            k, v = line.split("=", 1)
            out[k.strip()] = v.strip()
    return out


def split_sd(rest):
    """Split 'STRUCTURED-DATA|MSG' where SD is '-' or [id k="v"...]... with \\-escapes."""
    if rest.startswith("-|"):
        return "-", rest[2:]
    i, n = 0, len(rest)
    while i < n and rest[i] == "[":
        quoted = False
        i += 1
        while i < n:
            c = rest[i]
            if quoted and c == "\\":
                i += 2
                continue
            if c == '"':
                quoted = not quoted
            elif c == "]" and not quoted:
                break
            i += 1
        i += 1
    if i == 0 or i >= n or rest[i] != "|":
        return None
    return rest[:i], rest[i + 1:]


def parse_syslog(text):
    """Lines of the rsyslog template PRI|TIME|HOST|APP|PROCID|MSGID|SD|MSG -> dicts."""
    recs = []
    for line in text.splitlines():
        parts = line.split("|", 6)
        rec = {"line": line}
        if len(parts) == 7:
            sd_msg = split_sd(parts[6])
            if sd_msg:
                keys = ("pri", "time", "host", "app", "procid", "msgid")
                rec.update(zip(keys, parts[:6]))
                rec["sd"], rec["msg"] = sd_msg
        recs.append(rec)
    return recs


def has_field(msg, key, value):
    """key=value as a whole token: pid=12 matches neither ppid=12 nor pid=123."""
    return re.search(r"(?<![\w.])" + re.escape(key) + "=" + re.escape(value) + r"(?![\w./-])", msg) is not None


def check_alerts(name, text, pid, exe):
    errs = []
    if text is None:
        return [f"{name}: missing"]
    recs = parse_syslog(text)
    if any("/etc/hostname" in r["line"] for r in recs):
        errs.append(f"{name}: a line mentions /etc/hostname (false alert)")
    alerts = [r for r in recs if r.get("msgid") == MSGID]
    if len(alerts) != 1:
        errs.append(f"{name}: {len(alerts)} lines with msgid {MSGID}, want exactly 1")
    for a in alerts:
        want = []
        if a["pri"] != str(PRI):
            want.append(f"PRI {a['pri']} != {PRI}")
        if f'rule="{RULE}"' not in a["sd"]:
            want.append(f'structured data lacks rule="{RULE}"')
        for key, value in (("pid", pid), ("file", "/etc/shadow"), ("process", "cat"),
                           ("proc_exepath", exe)):
            if not has_field(a["msg"], key, value):
                want.append(f"message lacks {key}={value}")
        if want:
            errs.append(f"{name}: " + ", ".join(want) + f" in: {a['line'][:300]}")
    bad = [r["line"] for r in recs if "msgid" not in r]
    if bad:
        errs.append(f"{name}: {len(bad)} unparsable lines, first: {bad[0][:200]}")
    return errs


def check_kernel(d):
    boot = keyvals(os.path.join(d, "boot.env"))
    res = os.path.join(d, "results")
    release = ((read(os.path.join(res, "uname.txt")) or "").strip() or boot.get("kernel")
               or (read(os.path.join(d, "kernel.txt")) or "").strip() or os.path.basename(d))
    errs = []
    setup = read(os.path.join(d, "setup-error.txt"))
    if setup is not None:
        return release, [setup.strip()]
    loader = []
    steps = keyvals(os.path.join(res, "steps.txt"))
    drivers = steps.get("drivers", "?").split(",")
    failed = boot_failure(d, boot)
    if failed:
        errs.append(failed)
    else:
        if steps.get("done") != "1":
            errs.append("guest test script did not finish")
        quick = steps.get("quick") == "1"
        if "kmod" in drivers:
            summary, lerrs = check_loader.normal(res, steps, release)
            loader.append(summary)
            errs += [f"kmod: driver-loader {e}" for e in lerrs]
            errs += [f"kmod: {e}" for e in check_kmod(res, steps, quick)]
        if "bpf" in drivers:
            errs += [f"bpf: {e}" for e in check_bpf(res, steps, quick, "kmod" in drivers)]
        errs += dmesg_errs(res)
    # The fallback boots are checked even when the test boot failed: they are separate guests.
    for scenario in (read(os.path.join(d, "loader-boots.txt")) or "").split():
        summary, ferrs = check_fallback_boot(os.path.join(d, "boot-" + scenario), scenario)
        loader.append(summary)
        errs += [f"{scenario} boot: {e}" for e in ferrs]
    label = f"{release} [{','.join(drivers)}]"
    if loader:
        label += " driver-loader: " + " ".join(loader)
    return label, errs


def dmesg_errs(res):
    dmesg = read(os.path.join(res, "dmesg-final.txt"))
    if dmesg is None:
        return ["no final dmesg"]
    bad = [l.strip() for l in dmesg.splitlines() if DMESG_BAD.search(l)]
    if bad:
        return [f"dmesg has {len(bad)} BUG/WARNING/Oops/Call Trace lines, first: {bad[0][:200]}"]
    return []


def check_fallback_boot(d, scenario):
    """A boot with module signatures enforced or lockdown on -> (summary, errs)."""
    if scenario not in check_loader.FALLBACKS:
        return f"{scenario}->?", [f"unknown fallback boot {scenario!r}"]
    failed = boot_failure(d, keyvals(os.path.join(d, "boot.env")))
    if failed:
        return f"{scenario}->?", [failed]
    res = os.path.join(d, "results")
    steps = keyvals(os.path.join(res, "steps.txt"))
    summary, errs = check_loader.fallback(res, steps, scenario)
    if steps.get("done") != "1":
        errs.append("guest script did not finish")
    errs += [f"agent on eBPF: {e}" for e in check_e2e(res, steps, "-ebpf")]
    return summary, errs + dmesg_errs(res)


def boot_failure(d, boot):
    """Why a boot sent no usable results back (None when it did)."""
    if boot.get("results") != "ok":
        why = f"no results from the guest ({boot.get('results', 'not booted')}"
        if boot.get("timed_out") == "1":
            why += f", timed out after {boot.get('timeout_s')} s"
        elif boot.get("qemu_rc", "0") != "0":
            why += f", qemu exit {boot.get('qemu_rc')}"
        console = (read(os.path.join(d, "console.log")) or "").replace("\r", "").strip().splitlines()
        crash = [l for l in console if CRASH.search(l)]
        steps = [l for l in console if l.startswith("lanner-vm: ")]
        why += ")"
        if crash:
            why += "; guest kernel: " + " / ".join(crash[:3])
        why += "; last step: " + (steps[-1] if steps else "none")
        if console:
            why += "; console ends: " + console[-1][:200]
        return why
    return None


def check_kmod(res, steps, quick):
    errs = []
    # 1. Loaded by driver-loader (check_loader.normal); the device node.
    dev = (read(os.path.join(res, "dev.txt")) or "").strip()
    if not dev.startswith("crw------- "):
        errs.append(f"/dev/lanner is not crw-------: {dev[:120] or 'missing'}")

    # 2. Driver test (not run by the demo).
    if steps.get("mode", "test") == "test":
        errs += check_drivertest(res, "drivertest.txt", steps.get("drivertest_rc"), quick)
    if quick:
        return errs

    # 3. End to end through rsyslog.
    errs += check_e2e(res, steps, "-kmod")

    # 4. Unloaded by driver-loader (check_loader.normal).
    if steps.get("mode", "test") == "test":
        errs += check_stress(res, steps)
    return errs


def check_drivertest(res, name, rc, quick):
    """One run of lanner-drivertest: summary agrees with the lines, all PASS."""
    errs = []
    out = read(os.path.join(res, name))
    if out is None:
        return [f"{name}: no output"]
    lines = [l for l in out.splitlines() if l.strip()]
    passed = [l for l in lines if l.startswith("PASS ")]
    failed = [l for l in lines if l.startswith("FAIL ")]
    summaries = [m for m in (SUMMARY.fullmatch(l.strip()) for l in lines) if m]
    others = [l for l in lines if l.startswith("drivertest:") and not SUMMARY.fullmatch(l.strip())]
    if not summaries:
        errs.append(f"{name}: no summary line (rc {rc})")
    elif (int(summaries[-1][1]), int(summaries[-1][2])) != (len(passed), len(failed)):
        errs.append(f"{name}: summary '{summaries[-1][0]}' disagrees with {len(passed)} PASS / {len(failed)} FAIL lines")
    if others:
        errs.append(" | ".join(others[:3]))
    if failed:
        errs.append(f"{name}: {len(failed)} failed: " + " | ".join(failed[:5]))
    if not quick and len(passed) < MIN_DRIVER_CHECKS:
        errs.append(f"{name}: only {len(passed)} checks passed, want >= {MIN_DRIVER_CHECKS}")
    if rc != "0":
        errs.append(f"{name}: exited {rc}")
    return errs


def check_e2e(res, steps, sfx):
    """The alert of `cat /etc/shadow` in both rsyslog files, exactly once."""
    errs = []
    if steps.get("rsyslog_ready" + sfx) != "0":
        errs.append("rsyslogd did not come up (/dev/log, 127.0.0.1:5514): " + (read(os.path.join(res, f"rsyslogd{sfx}.out")) or "").strip()[:200])
    if steps.get("lanner_ready" + sfx) != "0":
        errs.append("lanner never wrote its ready file: " + (read(os.path.join(res, f"lanner{sfx}.err")) or "").strip()[-300:])
    pid = (read(os.path.join(res, f"shadow{sfx}.pid")) or "").strip()
    exe = (read(os.path.join(res, f"shadow{sfx}.exe")) or "").strip()
    if not pid.isdigit() or not exe.startswith("/"):
        errs.append("no pid or executable of the cat /etc/shadow process")
    else:
        for log in (f"syslog-unix{sfx}.log", f"syslog-tcp{sfx}.log"):
            errs += check_alerts(log, read(os.path.join(res, log)), pid, exe)
    if steps.get("lanner_rc" + sfx) != "0":
        tail = (read(os.path.join(res, f"lanner{sfx}.err")) or "").strip().splitlines()[-2:]
        errs.append(f"lanner exited {steps.get('lanner_rc' + sfx)}: " + " / ".join(tail))
    return errs


def check_bpf(res, steps, quick, with_kmod):
    """The eBPF fallback: both driver suites, storm, hotplug, e2e, parity."""
    errs = []
    if steps.get("mode", "test") != "test":
        return errs
    for d in ("bpf", "bpf-perf"):
        errs += check_drivertest(res, f"drivertest-{d}.txt", steps.get(f"drivertest_{d}_rc"), quick)
    if quick:
        return errs
    ncpu = int(read(os.path.join(res, "nproc.txt"), "1").strip() or 1)
    errs += summary_errs("storm", read(os.path.join(res, "storm-bpf.txt")), STORM,
                         steps.get("storm_bpf_rc"), ncpu + 1)
    if steps.get("hotplug_bpf_rc") == "no-cpu1":
        errs.append("hotplug: the guest has no cpu1 (boot it with VM_SMP >= 2)")
    else:
        errs += summary_errs("hotplug", read(os.path.join(res, "hotplug-bpf.txt")), HOTPLUG,
                             steps.get("hotplug_bpf_rc"), 2)
    errs += check_e2e(res, steps, "-bpf")
    if with_kmod:
        errs += summary_errs("parity", read(os.path.join(res, "parity.txt")), PARITY,
                             steps.get("parity_rc"), 2)
    return errs


def summary_errs(name, text, pattern, rc, min_passed):
    """A sub-suite's output: a summary line, all PASS, exit status 0."""
    if text is None:
        return [f"{name}: no output"]
    m = [pattern.fullmatch(l.strip()) for l in text.splitlines()]
    m = [x for x in m if x]
    if not m:
        return [f"{name}: no summary line (rc {rc})"]
    passed, failed = int(m[-1][1]), int(m[-1][2])
    errs = []
    if failed or rc != "0":
        bad = [l for l in text.splitlines() if l.startswith("FAIL ")]
        errs.append(f"{name}: {failed} failed, rc {rc}: " + " | ".join(bad[:3]))
    if passed < min_passed:
        errs.append(f"{name}: only {passed} checks passed, want >= {min_passed}")
    return errs


def meminfo(path):
    out = {}
    for line in (read(path) or "").splitlines():
        k, _, v = line.partition(":")
        if v.strip().split():
            out[k.strip()] = int(v.split()[0])
    return out


def check_stress(res, steps):
    """Refused load parameters, storm (per-CPU accounting), CPU hotplug, load/unload loop
    without leaks."""
    errs = []
    for what, key in (("ring_size=100000", "badring"), ("abi_version=0.0.0", "abiset")):
        rc, loaded = steps.get(f"{key}_insmod_rc"), steps.get(f"{key}_loaded")
        if rc in (None, "0") or loaded != "0":
            msg = (read(os.path.join(res, f"{key}-insmod.txt")) or "").strip()[:200]
            errs.append(f"insmod {what} must be refused: rc {rc}, module loaded {loaded}: {msg}")
    ncpu = int(read(os.path.join(res, "nproc.txt"), "1").strip() or 1)
    errs += summary_errs("storm", read(os.path.join(res, "storm.txt")), STORM,
                         steps.get("storm_rc"), ncpu + 1)
    if steps.get("hotplug_rc") == "no-cpu1":
        errs.append("hotplug: the guest has no cpu1 (boot it with VM_SMP >= 2)")
    else:
        errs += summary_errs("hotplug", read(os.path.join(res, "hotplug.txt")), HOTPLUG,
                             steps.get("hotplug_rc"), 2)
    if steps.get("storm_rmmod_rc") != "0":
        errs.append("rmmod after the storm/hotplug steps failed")
    want, done = steps.get("loadloop_want"), steps.get("loadloop_done")
    if not want or done != want:
        tail = (read(os.path.join(res, "loadloop.txt")) or "").strip().splitlines()[-1:]
        errs.append(f"load/unload loop: {done} of {want} cycles" + (f": {tail[0][:200]}" if tail else ""))
    if steps.get("loadloop_dump_fail", "0") != "0":
        tail = (read(os.path.join(res, "loadloop.err")) or "").strip().splitlines()[-1:]
        errs.append(f"load/unload loop: reader failed {steps.get('loadloop_dump_fail')} times: {tail}")
    if (read(os.path.join(res, "loadloop-modules.txt")) or "").strip() != "0":
        errs.append("lanner still loaded after the load/unload loop")
    before, after = meminfo(os.path.join(res, "mem-before.txt")), meminfo(os.path.join(res, "mem-after.txt"))
    for key, slack in LEAK_SLACK_KB.items():
        if key in before and key in after and after[key] - before[key] > slack:
            errs.append(f"load/unload loop: {key} grew {after[key] - before[key]} kB (> {slack} kB)")
    if not before or not after:
        errs.append("load/unload loop: no /proc/meminfo snapshots")
    return errs


def verdicts(dirs, judge, label="", sub=""):
    """Prints `PASS [label ]<release>[: summary]` or `FAIL ...: reasons` per directory (also
    written to DIR/sub/verdict.txt), then "N passed, M failed"; returns the exit status.
    judge(dir) -> (release, errors, summary)."""
    passed = failed = 0
    for d in dirs:
        d = d.rstrip("/")
        release, errs, summary = judge(d)
        name = f"{label} {release}" if label else release
        if errs:
            verdict = f"FAIL {name}: " + "; ".join(errs)
        else:
            verdict = f"PASS {name}" + (f": {summary}" if summary else "")
        print(verdict, flush=True)
        os.makedirs(os.path.join(d, sub), exist_ok=True)
        with open(os.path.join(d, sub, "verdict.txt"), "w") as f:
            f.write(verdict + "\n")
        passed, failed = (passed + 1, failed) if not errs else (passed, failed + 1)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


def main():
    dirs = sys.argv[1:]
    if not dirs:
        sys.exit(__doc__)
    return verdicts(dirs, lambda d: check_kernel(d) + ("",))


if __name__ == "__main__":
    sys.exit(main())
