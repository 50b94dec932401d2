"""Owns: the verdict on driver-loader's evidence from the guests, field by field.

Normal boot (guest/test.sh step 1 and 4): `explain` is a dry run naming the prebuilt module
and loads nothing; `load --json` chooses the prebuilt module for this exact release, from its
package path, and the module is then in sysfs; a second `load` finds it loaded, with the ABI
the module publishes in /sys/module/lanner/parameters/abi_version (= its .modinfo); `unload` is
refused (exit 3) while /dev/lanner is open, removes the module after, and finds nothing the
third time.
Fallback boots (guest mode loader, build/vm/VER/boot-SCENARIO/): `load` chooses eBPF, the
prebuilt module's step is rejected with the reason naming the cause (module.sig_enforce=1 or
lockdown=integrity, and not the other one), the text output prints that reason, nothing is
loaded, and the kernel itself refuses the unsigned module.
Must never: decide from anything but files the guest sent back; hard-code what the loader
"should" have printed beyond the cause it must name.
"""
import json
import os

PREBUILT_DIR = "/usr/lib/lanner/kmod"
# scenario -> (kernel command line word, words the prebuilt step's reason must contain,
#              facts the node must show: lockdown mode, sig_enforce)
FALLBACKS = {
    "sig_enforce": ("module.sig_enforce=1", ["module.sig_enforce=1", "unsigned"], ("none", True)),
    "lockdown": ("lockdown=integrity", ["lockdown=integrity", "unsigned"], ("integrity", False)),
}
OTHER_CAUSE = {"sig_enforce": "lockdown=", "lockdown": "sig_enforce"}


def _read(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return None


def _json(res, name):
    """(parsed JSON or None, error or None)."""
    text = _read(os.path.join(res, name))
    if text is None:
        return None, f"{name}: missing"
    try:
        return json.loads(text), None
    except ValueError as e:
        return None, f"{name}: not JSON ({e}): {text.strip()[:200]}"


def _step(doc, candidate):
    for st in doc.get("decision", {}).get("steps", []):
        if st.get("candidate") == candidate:
            return st
    return {}


def _chosen(doc):
    return (doc.get("decision") or {}).get("chosen") or {}


def _tail(res, name, n=200):
    return (_read(os.path.join(res, name)) or "").strip()[:n]


def normal(res, steps, release):
    """Step 1 (explain, load, reload) and 4 (unload) of the normal boot -> (summary, errs)."""
    errs = []
    # explain: dry run, names the prebuilt module, loads nothing.
    explain = (_read(os.path.join(res, "loader-explain.txt")) or "").splitlines()
    want = "decision: kmod (kmod: prebuilt module) [dry run: nothing loaded]"
    if steps.get("loader_explain_rc") != "0" or not explain or explain[0] != want:
        errs.append(f"explain: rc {steps.get('loader_explain_rc')}, first line "
                    f"{explain[0] if explain else 'missing'!r}, want {want!r}")
    if steps.get("explain_module_loaded") != "0":
        errs.append("explain: /sys/module/lanner exists after the dry run")

    # load: the prebuilt module for this release, from its package path.
    doc, err = _json(res, "loader-load.json")
    summary = "normal->?"
    if err:
        errs.append(f"load: {err}; stderr: {_tail(res, 'loader-load.err')}")
    else:
        ch = _chosen(doc)
        summary = f"normal->{ch.get('driver', 'none')}({ch.get('candidate', 'none')})"
        path = f"{PREBUILT_DIR}/{release}/lanner.ko"
        if steps.get("loader_load_rc") != "0":
            errs.append(f"load: exit {steps.get('loader_load_rc')}: {_tail(res, 'loader-load.err')}")
        if (ch.get("driver"), ch.get("candidate"), ch.get("module")) != ("kmod", "prebuilt-module", path):
            errs.append(f"load: chose {ch or 'nothing'}, want kmod prebuilt-module {path}")
        st = _step(doc, "prebuilt-module")
        if st.get("outcome") != "chosen" or f"from {path}" not in st.get("reason", ""):
            errs.append(f"load: prebuilt step {st.get('outcome')}: {st.get('reason', '')[:200]}")
        if doc.get("decision", {}).get("dry_run") is not False:
            errs.append("load: reported a dry run")
        facts = doc.get("facts", {})
        if facts.get("release") != release:
            errs.append(f"load: facts.release {facts.get('release')!r} != uname {release!r}")
        if facts.get("lockdown") != "none" or facts.get("sig_enforce", {}).get("enforced") is not False:
            errs.append(f"load: normal boot shows lockdown {facts.get('lockdown')!r}, "
                        f"sig_enforce {facts.get('sig_enforce')}")
    if steps.get("loader_module_loaded") != "1":
        errs.append("load: /sys/module/lanner absent after load")

    # load again: the module is found loaded (a service restart loads nothing twice).
    doc, err = _json(res, "loader-reload.json")
    if err:
        errs.append(f"second load: {err}")
    elif steps.get("loader_reload_rc") != "0" or _chosen(doc).get("candidate") != "loaded-module":
        errs.append(f"second load: exit {steps.get('loader_reload_rc')}, chose {_chosen(doc) or 'nothing'}, "
                    "want loaded-module")
    else:
        # The module publishes its ABI in sysfs; it must be the one in its file's .modinfo.
        facts = doc.get("facts", {})
        loaded = facts.get("loaded") or {}
        info = ((facts.get("prebuilt") or {}).get("info") or {}).get("Ok") or {}
        if not loaded.get("abi_in_sysfs") or not info.get("abi_version") \
                or loaded.get("abi_version") != info.get("abi_version"):
            errs.append(f"second load: ABI from sysfs {loaded.get('abi_version')!r} "
                        f"(in sysfs: {loaded.get('abi_in_sysfs')}), .modinfo says {info.get('abi_version')!r}")

    # unload (step 4, not run in quick mode).
    if steps.get("quick") != "1":
        busy = _tail(res, "unload-busy.txt")
        if steps.get("holder_open") != "0":
            errs.append("unload-while-open not tested: the holder never opened /dev/lanner")
        elif steps.get("unload_busy_rc") != "3" or "in use" not in busy:
            errs.append(f"unload while /dev/lanner is open: exit {steps.get('unload_busy_rc')} "
                        f"(want 3, 'in use'): {busy}")
        if steps.get("unload_rc") != "0" or _tail(res, "unload.txt") != "lanner module removed":
            errs.append(f"unload: exit {steps.get('unload_rc')}: {_tail(res, 'unload.txt')}")
        elif (_read(os.path.join(res, "modules-after.txt")) or "").strip() != "0":
            errs.append("lanner still in /proc/modules after unload")
        if steps.get("unload_again_rc") != "0" or _tail(res, "unload-again.txt") != "lanner module is not loaded":
            errs.append(f"second unload: exit {steps.get('unload_again_rc')}: {_tail(res, 'unload-again.txt')}")
    return summary, errs


def fallback(res, steps, scenario):
    """A fallback boot's loader evidence -> (summary, errs)."""
    word, must, (lockdown, enforced) = FALLBACKS[scenario]
    errs = []
    if steps.get("scenario") != scenario:
        errs.append(f"guest ran scenario {steps.get('scenario')!r}, want {scenario!r}")
    if word not in (_read(os.path.join(res, "cmdline.txt")) or "").split():
        errs.append(f"{word} is not on the guest's kernel command line")
    if steps.get("lockdown_rc") != "0":
        errs.append(f"/sys/kernel/security/lockdown unreadable: {_tail(res, 'lockdown.txt')}")

    doc, err = _json(res, "loader-load.json")
    if err:
        return f"{scenario}->?", [*errs, f"load: {err}; stderr: {_tail(res, 'loader-load.err')}"]
    ch = _chosen(doc)
    summary = f"{scenario}->{ch.get('driver', 'none')}"
    for rc in ("loader_load_rc", "loader_load_json_rc"):
        if steps.get(rc) != "0":
            errs.append(f"load: {rc} {steps.get(rc)}: {_tail(res, 'loader-load.err')}")
    if (ch.get("driver"), ch.get("candidate")) != ("ebpf", "ebpf"):
        errs.append(f"load: chose {ch or 'nothing'}, want the eBPF fallback")
    if _step(doc, "ebpf").get("outcome") != "chosen":
        errs.append(f"load: ebpf step {_step(doc, 'ebpf')}")
    st = _step(doc, "prebuilt-module")
    reason = st.get("reason", "")
    if st.get("outcome") != "rejected" or not all(w in reason for w in must):
        errs.append(f"load: prebuilt step {st.get('outcome')}: {reason[:200]!r}, want rejected naming {must}")
    elif OTHER_CAUSE[scenario] in reason:
        errs.append(f"load: prebuilt step names the other cause too: {reason[:200]!r}")
    facts = doc.get("facts", {})
    if facts.get("lockdown") != lockdown or facts.get("sig_enforce", {}).get("enforced") is not enforced:
        errs.append(f"load: facts lockdown {facts.get('lockdown')!r} (want {lockdown}), sig_enforce "
                    f"{facts.get('sig_enforce')} (want enforced={enforced})")
    pre = (facts.get("prebuilt") or {}).get("info", {}).get("Ok")
    if not pre or pre.get("signed") is not False:
        errs.append(f"load: facts.prebuilt is not the unsigned module: {facts.get('prebuilt')}")

    # What the operator reads: the decision and the same reason, in the text output.
    text = _read(os.path.join(res, "loader-load.txt")) or ""
    if not text.startswith("decision: ebpf (ebpf: eBPF fallback)\n"):
        errs.append(f"load text: first line {text.splitlines()[:1]}")
    if reason and f"kmod: prebuilt module: rejected: {reason}" not in text:
        errs.append("load text does not print the prebuilt module's rejection reason")

    # Nothing loaded, and the kernel agrees: the unsigned module is refused.
    if steps.get("loader_module_loaded") != "0":
        errs.append("load: /sys/module/lanner exists after choosing eBPF")
    if steps.get("insmod_rc") in (None, "0") or steps.get("insmod_module_loaded") != "0":
        errs.append(f"the kernel accepted the unsigned module (insmod rc {steps.get('insmod_rc')}, "
                    f"loaded {steps.get('insmod_module_loaded')}): {_tail(res, 'insmod.txt')}")
    return summary, errs
