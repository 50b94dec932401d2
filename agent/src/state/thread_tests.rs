//! Tests of `thread.rs`: in-place rewrites against fresh parses, the
//! straight-line fill against the per-parameter reference loop, and the
//! inline byte compares against the slice operations they replace.

use super::*;

#[test]
fn in_place_rewrites_equal_fresh_parses() {
    let mut args = vec!["old".to_string(); 5];
    let mut cg = parse_cgroups(b"a=1\0b=2\0c=3\0d=4\0");
    for (raw, cgs) in [
        (&b"x\0yy\0\xff"[..], &b"cpu=/x\0bad\0mem=/y\0"[..]),
        (&b"only"[..], &b"=/u\0"[..]),
        (&b"only"[..], &b"=/u\0x=\xff\0"[..]),
        (&b"a\0b\0c\0d\0e\0f\0g"[..], &b""[..]),
    ] {
        // Twice: a rewrite with the same bytes (the compare-first path).
        for _ in 0..2 {
            set_lossy_list(&mut args, raw);
            assert_eq!(args, split_nul(raw).map(lossy).collect::<Vec<_>>());
        }
        set_cgroups(&mut cg, cgs);
        set_cgroups(&mut cg, cgs);
        let fresh: Vec<(String, String)> = split_nul(cgs)
            .filter_map(|c| {
                let s = lossy(c);
                let (k, v) = s.split_once('=')?;
                Some((k.to_string(), v.to_string()))
            })
            .collect();
        assert_eq!(cg, fresh);
    }
}

#[test]
fn tail_of_known_text_sets_what_set_lossy_does() {
    let texts: [&[u8]; 9] = [
        b"",
        b"ls",
        b"/usr/bin/ls",
        b"s",
        "/tmp/é".as_bytes(),
        "é".as_bytes(),
        b"\xa9",
        b"x\xff",
        b"\xff",
    ];
    let known = ["/usr/bin/ls", "/tmp/é", "x\u{fffd}", "", "ls"];
    for old in texts {
        for b in texts {
            for k in known {
                let (mut fast, mut slow) = (lossy(old), lossy(old));
                let changed = set_lossy_tail_of(&mut fast, b, k);
                assert_eq!(changed, set_lossy(&mut slow, b), "{old:?} {b:?} {k:?}");
                assert_eq!(fast, slow, "{old:?} {b:?} {k:?}");
            }
        }
    }
}

#[test]
fn short_compares_agree_with_slice_eq() {
    for n in 0..40usize {
        let a: Vec<u8> = (0..n as u8).map(|i| i.wrapping_mul(37)).collect();
        assert!(bytes_eq(&a, &a.clone()));
        // One byte differs, anywhere; or the lengths do.
        for i in 0..n {
            let mut b = a.clone();
            b[i] ^= 0x80;
            assert!(!bytes_eq(&a, &b), "{n} {i}");
            assert_eq!(strip(&b, &a), None);
        }
        assert!(!bytes_eq(&a, &a[..n.saturating_sub(1)]) || n == 0);
        let mut long = a.clone();
        long.extend_from_slice(b"xyz");
        assert_eq!(strip(&long, &a), Some(&b"xyz"[..]));
        assert_eq!(strip(&a, &long), None);
    }
}

#[test]
fn unchanged_lists_are_exactly_the_split_ones() {
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let same = |d: &[String], b: &[u8]| list_unchanged(d, b, |x, r| r.strip_prefix(x.as_bytes()));
    for (d, b, want) in [
        (s(&["a", "b"]), &b"a\0b\0"[..], true),
        (s(&["a", "b"]), b"a\0b", true),
        (s(&["a", ""]), b"a\0\0", true),
        (s(&["a", "b"]), b"a\0b\0\0", false),
        (s(&["a"]), b"a\0b", false),
        (s(&[]), b"", true),
        (s(&[]), b"\0", true),
        (s(&[""]), b"\0", false),
        (s(&["", ""]), b"\0\0", true),
        (s(&["a\0b"]), b"a\0b", false),
        (s(&["ab"]), b"a", false),
    ] {
        assert_eq!(same(&d, b), want, "{d:?} {b:?}");
        // The fast answer agrees with a full parse.
        let parsed: Vec<String> = split_nul(b).map(lossy).collect();
        assert_eq!(parsed == d, want, "{d:?} {b:?}");
    }
    let long: Vec<u8> = (0..1000u32).map(|i| (i % 7) as u8).collect();
    assert_eq!(nul_count(&long), long.iter().filter(|b| **b == 0).count());
    let mut cg = vec![("a=b".to_string(), "c".to_string())];
    set_cgroups(&mut cg, b"a=b=c\0");
    assert_eq!(cg, vec![("a".to_string(), "b=c".to_string())]);
}

/// The per-parameter loop `fill` replaced: every parameter whose name
/// is a slot, in order, dispatched on its kind and slot.
fn fill_reference(t: &mut ThreadInfo, ev: &Event<'_>, exec: bool) {
    let Some(info) = ev.info() else {
        return;
    };
    let mut image_changed = false;
    let (mut trusted, mut filename, mut exe_raw) = (None, None, None);
    for (i, p) in info.params.iter().enumerate() {
        let (slot, kind) = (Slot::of(p.name), ParamKind::of(p.ptype));
        let Some(raw) = ev.param(i).filter(|r| !r.is_empty()) else {
            continue;
        };
        let b = match kind {
            ParamKind::Int(_) | ParamKind::Uint(_) => {
                let Some(n) = kind.int(raw) else {
                    continue;
                };
                match slot {
                    Slot::Uid => t.uid = n as u32,
                    Slot::Gid => t.gid = n as u32,
                    Slot::Loginuid => t.loginuid = n as u32,
                    Slot::Tty => t.tty = n as u32,
                    Slot::Vpgid => t.vpgid = n,
                    Slot::Pgid => t.pgid = n,
                    Slot::Vtid => t.vtid = n,
                    Slot::Vpid => t.vpid = n,
                    Slot::CapInheritable => t.cap_inheritable = n as u64,
                    Slot::CapPermitted => t.cap_permitted = n as u64,
                    Slot::CapEffective => t.cap_effective = n as u64,
                    Slot::ExeIno => t.exe_ino = n as u64,
                    Slot::ExeInoCtime => t.exe_ino_ctime = n as u64,
                    Slot::ExeInoMtime => t.exe_ino_mtime = n as u64,
                    Slot::VmSize => t.vm_size = n as u32,
                    Slot::VmRss => t.vm_rss = n as u32,
                    Slot::VmSwap => t.vm_swap = n as u32,
                    Slot::Fdlimit => t.fdlimit = n,
                    Slot::PidnsInitStartTs => t.pidns_init_start_ts = n as u64,
                    Slot::Pid if exec => t.pid = n,
                    Slot::Ptid if exec => t.ptid = n,
                    Slot::Flags if exec => t.exe_flags = n as u32,
                    _ => {}
                }
                continue;
            }
            ParamKind::Str => raw.strip_suffix(&[0]).unwrap_or(raw),
            ParamKind::Bytes => raw,
        };
        match slot {
            Slot::Exe => {
                t.exe = lossy(b);
                exe_raw = Some(b);
            }
            // Changed as the helpers (tested above) tell it.
            Slot::Args => image_changed |= set_lossy_list(&mut t.args, b),
            Slot::Comm => image_changed |= set_lossy(&mut t.comm, b),
            Slot::Cwd if !b.is_empty() => t.cwd = lossy(b),
            Slot::Env => t.env = split_nul(b).map(lossy).collect(),
            Slot::Cgroups => t.cgroups = parse_cgroups(b),
            Slot::TrustedExepath => trusted = Some(b),
            Slot::Filename => filename = Some(b),
            _ => {}
        }
    }
    let _ = exe_raw;
    if exec {
        let path = trusted.filter(|p| !p.is_empty()).or(filename);
        t.exepath = lossy(path.unwrap_or_default());
    }
    if image_changed {
        t.reset_caches();
    }
}

#[test]
fn fill_sets_what_the_per_parameter_loop_did() {
    // Every code, records of random parameters: absent, a number of
    // the right or a wrong width, text (sometimes the previous
    // record's, sometimes not UTF-8), a list; applied in sequence to
    // one thread through both paths.
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut rnd = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let texts: [&[u8]; 8] = [
        b"/usr/bin/ls\0",
        b"/usr/bin/ls",
        b"ls\0",
        b"a\0b\0",
        b"cpu=/x\0=/u\0",
        b"\xff\xfe\0",
        b"\0",
        b"HOME=/root\0PATH=/bin\0",
    ];
    for code in 0..lanner_abi::PPM_EVENT_MAX as u16 {
        let Some(info) = lanner_abi::event_info(code) else {
            continue;
        };
        if info.params.iter().all(|p| Slot::of(p.name) == Slot::Other) {
            continue;
        }
        for exec in [false, true] {
            let (mut fast, mut slow) = (ThreadInfo::unknown(7), ThreadInfo::unknown(7));
            for _ in 0..200 {
                let params: Vec<Vec<u8>> = info
                    .params
                    .iter()
                    .map(|_| match rnd(6) {
                        0 => Vec::new(),
                        1 => (rnd(1 << 40) as i64 - (1 << 39)).to_le_bytes().to_vec(),
                        2 => (rnd(1 << 32) as u32).to_le_bytes().to_vec(),
                        3 => vec![rnd(256) as u8; 1 + rnd(2) as usize],
                        _ => texts[rnd(texts.len() as u64) as usize].to_vec(),
                    })
                    .collect();
                let p: Vec<&[u8]> = params.iter().map(|v| &v[..]).collect();
                let r = crate::event::decode::tests::record(u32::from(code), 1, 7, &p);
                let ev = Event::parse(&r).unwrap();
                let _ = (fast.cmdline(), slow.cmdline(), fast.args_joined());
                let _ = slow.args_joined();
                fast.fill(&ev, exec);
                fill_reference(&mut slow, &ev, exec);
                assert_eq!(fast, slow, "code {code} exec {exec} {ev:?}");
            }
        }
    }
}

#[test]
fn cmdline_env_and_cgroups() {
    let mut t = ThreadInfo {
        comm: "sh".into(),
        args: vec!["-c".into(), "id".into()],
        env: vec!["HOME=/root".into(), "HOMEX=1".into()],
        cgroups: parse_cgroups(b"cpu,cpuacct=/docker/abc\0memory=/m\0=/unified\0"),
        ..Default::default()
    };
    assert_eq!(t.cmdline(), "sh -c id");
    assert_eq!(t.args_joined(), "-c id");
    t.comm = "bash".into();
    t.reset_caches();
    assert_eq!(t.cmdline(), "bash -c id");
    assert_eq!(t.env_get("HOME"), Some("/root"));
    assert_eq!(t.env_get("HOM"), None);
    assert_eq!(t.cgroup("cpuacct"), Some("/docker/abc"));
    assert_eq!(t.cgroup("memory"), Some("/m"));
    assert_eq!(t.cgroup("pids"), Some("/unified"));
    assert_eq!((t.vpid_or_pid(), t.vtid_or_tid()), (0, 0));
}
