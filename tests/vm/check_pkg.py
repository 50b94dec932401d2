#!/usr/bin/env python3
"""Owns: the verdict on the package boot (guest/pkgtest.sh), from the files the guest sent back.

usage: check_pkg.py BUILD_VM_DIR/VER...      (reads VER/boot-pkg/)
Prints per kernel `PASS pkg <release> ...` or `FAIL pkg <release>: <reasons>`, then
"N passed, M failed"; exit status 1 if any failed. What must hold:
- dpkg installed lanner-dkms, whose postinst built and installed lanner.ko with DKMS for the
  booted release (dkms status, the module's vermagic);
- dpkg installed lanner, whose postinst enabled and started lanner.service; its ExecStartPre
  (driver-loader) chose the kernel module built by DKMS and wrote `--driver kmod`;
- `cat /etc/shadow` raised exactly one alert per process in the packaged JSON file output,
  typed as Falco types it, and reached the journal through the syslog output (/dev/log) at
  severity warning;
- after `kill -KILL` of the agent, systemd restarted it (Restart=on-failure) and it alerted
  again; reload kept it running; stop unloaded the module (ExecStopPost);
- started again, `dpkg -r lanner` stopped it and unloaded the module (prerm);
- remove and purge left neither files, nor the DKMS module, nor dpkg state;
- the kernel log has no BUG, WARNING, Oops or Call Trace.
Must never: decide from anything but files the guest sent back.
"""
import json
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the repo
from check import DMESG_BAD, RULE, keyvals as kv, read, verdicts  # noqa: E402  (tests/vm/)

MUST_PASS = ["versions", "install-dkms", "dkms-status", "dkms-module", "install", "enabled",
             "started", "trigger", "module-loaded", "driver-env", "kill", "restarted",
             "trigger-again", "alerts-final", "reload", "after-reload", "stop", "module-gone",
             "start-again", "running-again", "remove", "module-gone-after-remove", "remove-dkms",
             "purge"]


def steps(res):
    """steps.txt: `NAME rc=N uptime=S` per step -> {NAME: rc}."""
    out = {}
    for line in (read(os.path.join(res, "steps.txt")) or "").splitlines():
        m = re.fullmatch(r"(\S+) rc=(\d+) uptime=\S+", line.strip())
        if m:
            out[m[1]] = m[2]
    return out


def pids(res, name):
    return [p.strip() for p in (read(os.path.join(res, name)) or "").split() if p.strip()]


def check_alerts(res):
    errs = []
    tried = set(pids(res, "shadow.pids") + pids(res, "shadow2.pids"))
    hit = [p for p in (pids(res, "shadow.pid") + pids(res, "shadow2.pid"))]
    if len(hit) != 2:
        return [f"alerts: want an alerted cat before and after the restart, got {hit}"]
    exe = (read(os.path.join(res, "cat.exe")) or "").strip()
    seen = {}
    for n, line in enumerate((read(os.path.join(res, "alerts-final.txt")) or "").splitlines(), 1):
        try:
            a = json.loads(line)
        except ValueError as e:
            errs.append(f"alerts.log line {n} is not JSON: {e}")
            continue
        f = a.get("output_fields", {})
        pid = f.get("proc.pid")
        if a.get("rule") != RULE or str(pid) not in tried:
            errs.append(f"alerts.log line {n}: unexpected alert {a.get('rule')!r} pid {pid!r}")
            continue
        seen[str(pid)] = seen.get(str(pid), 0) + 1
        want = {"fd.name": "/etc/shadow", "proc.name": "cat", "proc.exepath": exe,
                "user.uid": 0, "proc.pid": int(pid)}
        bad = [f"{k}={f.get(k)!r} (want {v!r})" for k, v in want.items()
               if f.get(k) != v or type(f.get(k)) is not type(v)]
        if a.get("priority") != "Warning" or a.get("source") != "syscall":
            bad.append(f"priority {a.get('priority')!r} source {a.get('source')!r}")
        if not isinstance(f.get("evt.time"), int) or not a.get("time", "").endswith("Z"):
            bad.append("evt.time/time missing or untyped")
        if bad:
            errs.append(f"alerts.log line {n}: " + ", ".join(bad))
    for p in hit:
        if seen.get(p) != 1:
            errs.append(f"alerts.log: {seen.get(p, 0)} alerts for pid {p}, want exactly 1")
    dup = [p for p, c in seen.items() if c > 1]
    if dup:
        errs.append(f"alerts.log: duplicate alerts for pids {dup}")
    # The syslog output (/dev/log) as journald stored it.
    jl = []
    for line in (read(os.path.join(res, "journal-syslog.txt")) or "").splitlines():
        try:
            jl.append(json.loads(line))
        except ValueError:
            pass
    mine = [j for j in jl if f"pid={hit[0]} " in j.get("MESSAGE", "")]
    if len(mine) != 1:
        errs.append(f"journal (syslog output): {len(mine)} messages for pid {hit[0]}, want 1")
    for j in mine:
        if j.get("PRIORITY") != "4" or "/etc/shadow" not in j.get("MESSAGE", ""):
            errs.append(f"journal (syslog output): priority {j.get('PRIORITY')!r}, message {j.get('MESSAGE')!r}")
    return errs


def check_pkg(d):
    out = os.path.join(d, "boot-pkg")
    res = os.path.join(out, "results")
    boot = kv(os.path.join(out, "boot.env"))
    release = boot.get("kernel") or (read(os.path.join(d, "kernel.txt")) or "?").strip()
    if boot.get("results") != "ok":
        return release, [f"no results from the guest (results {boot.get('results')}, qemu rc "
                         f"{boot.get('qemu_rc')}, timed out {boot.get('timed_out')}; see {out}/console.log)"], ""
    errs = []
    st = steps(res)
    for s in MUST_PASS:
        if st.get(s) != "0":
            tail = (read(os.path.join(res, f"{s}.txt")) or "").strip().splitlines()[-2:]
            errs.append(f"step {s}: rc {st.get(s, 'missing')}: {' | '.join(tail)[:300]}")
    if (read(os.path.join(res, "uname.txt")) or "").strip() != release:
        errs.append("the guest ran another kernel")
    dkms = read(os.path.join(res, "dkms-status.txt")) or ""
    if not re.search(rf"^lanner/\S+, {re.escape(release)}, x86_64: installed", dkms, re.M):
        errs.append(f"dkms status does not show lanner installed for {release}: {dkms.strip()[:200]}")
    mod = (read(os.path.join(res, "dkms-module.txt")) or "").split("\n")
    if len(mod) < 2 or mod[0] != "lanner" or not mod[1].startswith(release + " "):
        errs.append(f"DKMS module: name/vermagic {mod[:2]}")
    if (read(os.path.join(res, "enabled.txt")) or "").strip() != "enabled":
        errs.append("lanner.service is not enabled after install")
    env = (read(os.path.join(res, "driver-env.txt")) or "").strip()
    if env != "LANNER_DRIVER_ARGS=--driver kmod":
        errs.append(f"/run/lanner/driver.env: {env!r}, want --driver kmod")
    j = read(os.path.join(res, "journal-start.txt")) or ""
    if not re.search(r"^decision: kmod \(kmod: DKMS build\)$", j, re.M):
        errs.append("driver-loader's decision in the journal is not the DKMS-built module")
    if not re.search(r"DKMS build: chosen: .*loaded with finit_module\(2\) from /var/lib/dkms/lanner/", j):
        errs.append("the DKMS step does not say it loaded the DKMS-built file")
    if "lanner: capturing with the kernel module" not in j:
        errs.append("the agent never reported capturing with the kernel module")
    errs += check_alerts(res)
    if pids(res, "killed.pid") == pids(res, "restarted.pid") or not pids(res, "restarted.pid"):
        errs.append("the agent was not restarted with a new pid after kill -KILL")
    if (read(os.path.join(res, "after-reload.txt")) or "").strip() != "active":
        errs.append("lanner.service is not active after reload")
    ja = read(os.path.join(res, "journal-all.txt")) or ""
    if "lanner module removed" not in ja:
        errs.append("stop: ExecStopPost did not report the module removed")
    if len(re.findall(r"^Started lanner.service", ja, re.M)) < 2:
        errs.append("the journal does not show lanner.service started twice (install, restart)")
    left = (read(os.path.join(res, "leftovers.txt")) or "").strip().splitlines()
    still = [l for l in left if "No such file" not in l]
    if still or len(left) < 6:
        errs.append(f"after purge, still present: {still or left}")
    if re.search(r"installed", read(os.path.join(res, "dkms-after.txt")) or ""):
        errs.append("dkms still lists lanner after remove")
    state = read(os.path.join(res, "dpkg-state.txt")) or ""
    if re.search(r"^lanner(-dkms)? (ii|rc|iU|iF)", state, re.M):
        errs.append(f"dpkg still knows the packages after purge: {state.strip()}")
    dm = [l for l in (read(os.path.join(res, "dmesg.txt")) or "").splitlines() if DMESG_BAD.search(l)]
    if dm:
        errs.append(f"dmesg: {dm[0][:200]}")
    summary = (f"dkms build+install, service started, alert, restart, stop, remove (module unloaded), "
               f"purge ({boot.get('wall_s')} s)")
    return release, errs, summary


def main():
    dirs = sys.argv[1:]
    if not dirs:
        sys.exit(__doc__)
    return verdicts(dirs, check_pkg, label="pkg", sub="boot-pkg")


if __name__ == "__main__":
    sys.exit(main())
