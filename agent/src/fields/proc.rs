//! `proc.*` and `thread.*`: the event's thread, its process, its parent
//! and ancestors, its session and process group leaders.
//!
//! Owns: the process family of [`EventFields::value`], including the
//! ancestor walks (`proc.aname[N]`, `proc.aname` = any ancestor).
//! Must never: walk further than `MAX_ANCESTORS` or allocate for plain
//! string fields (they borrow from the table).

use super::caps::cap_names;
use super::{bstr, EventFields};
use crate::engine::{Field, FieldArg, Value};
use crate::state::proc::ThreadInfo;
use lanner_abi as abi;
use std::borrow::Cow;

/// Which attribute of a process an ancestor or leader field reads.
fn attr(f: Field, t: &ThreadInfo) -> Value<'_> {
    match f {
        Field::ProcAname
        | Field::ProcPname
        | Field::ProcVpgidName
        | Field::ProcPgidName
        | Field::ProcSname => bstr(&t.comm),
        Field::ProcAexe
        | Field::ProcPexe
        | Field::ProcVpgidExe
        | Field::ProcPgidExe
        | Field::ProcSidExe => bstr(&t.exe),
        Field::ProcAexepath
        | Field::ProcPexepath
        | Field::ProcSidExepath
        | Field::ProcVpgidExepath
        | Field::ProcPgidExepath => bstr(&t.exepath),
        Field::ProcAcmdline | Field::ProcPcmdline => bstr(t.cmdline()),
        _ => Value::Int(t.pid),
    }
}

fn joined(v: &[String]) -> String {
    v.join(" ")
}

impl<'t> EventFields<'_, 't> {
    /// The leader of the group `id` (session or process group): on the
    /// host the thread whose id it is; in a pid namespace, or when that
    /// thread is gone, the eldest ancestor still in the group (as Falco).
    fn leader(&self, t: &'t ThreadInfo, id: i64, key: fn(&ThreadInfo) -> i64) -> &'t ThreadInfo {
        let in_pidns = t.vtid > 0 && t.vtid != t.tid;
        if !in_pidns {
            if let Some(l) = self.procs().get(id) {
                return l;
            }
        }
        let mut best = t;
        for a in self.procs().ancestors(t) {
            if key(a) != id {
                break;
            }
            best = a;
        }
        best
    }

    /// The eldest shell (comm ending in "sh") among self and ancestors.
    fn login_shell(&self, t: &'t ThreadInfo) -> Option<i64> {
        let mut found = None;
        for a in std::iter::once(t).chain(self.procs().ancestors(t)) {
            if a.comm.ends_with("sh") {
                found = Some(a.pid);
            }
        }
        found
    }

    fn ancestor_field(&self, f: Field, t: &'t ThreadInfo, arg: &FieldArg) -> Option<Value<'t>> {
        match arg {
            FieldArg::Index(0) => Some(attr(f, t)),
            FieldArg::Index(n) => self
                .procs()
                .ancestors(t)
                .nth(*n as usize - 1)
                .map(|a| attr(f, a)),
            _ => Some(Value::list(
                self.procs().ancestors(t).map(|a| attr(f, a)).collect(),
            )),
        }
    }

    pub(super) fn proc_field(&self, f: Field, arg: &FieldArg) -> Option<Value<'_>> {
        let t = self.thread()?;
        let parent = || self.parent();
        let ts = self.event().ts();
        let since =
            |start: u64| (start > 0 && ts >= start).then(|| Value::Int((ts - start) as i64));
        Some(match f {
            Field::ProcName => bstr(&t.comm),
            Field::ProcExe => bstr(&t.exe),
            Field::ProcExepath => bstr(&t.exepath),
            Field::ProcCmdline => bstr(t.cmdline()),
            Field::ProcArgs => match arg {
                FieldArg::Index(i) => bstr(t.args.get(*i as usize)?),
                _ => bstr(t.args_joined()),
            },
            // Falco joins exe and the arguments with a space even when
            // there are none.
            Field::ProcExeline => Value::Str(Cow::Owned(format!("{} {}", t.exe, t.args_joined()))),
            Field::ProcCmdnargs => Value::Int(t.args.len() as i64),
            Field::ProcCmdlenargs => Value::Int(t.args.iter().map(|a| a.len() as i64).sum()),
            Field::ProcEnv => match arg {
                FieldArg::Key(k) => bstr(t.env_get(k)?),
                _ => Value::Str(Cow::Owned(joined(&t.env))),
            },
            Field::ProcCwd => bstr(&t.cwd),
            Field::ProcPid => Value::Int(t.pid),
            Field::ProcPpid => Value::Int(parent().map_or(t.ptid, |p| p.pid)),
            Field::ProcVpid => Value::Int(t.vpid_or_pid()),
            Field::ProcPvpid => Value::Int(parent()?.vpid_or_pid()),
            Field::ProcSid => Value::Int(t.sid),
            Field::ProcVpgid => Value::Int(t.vpgid),
            Field::ProcIsSidLeader => Value::Bool(t.sid == t.vpid_or_pid()),
            Field::ProcIsVpgidLeader => Value::Bool(t.vpgid == t.vpid_or_pid()),
            Field::ProcSname | Field::ProcSidExe | Field::ProcSidExepath => {
                attr(f, self.leader(t, t.sid, |a| a.sid))
            }
            Field::ProcVpgidName | Field::ProcVpgidExe | Field::ProcVpgidExepath => {
                attr(f, self.leader(t, t.vpgid, |a| a.vpgid))
            }
            Field::ProcPgid => Value::Int(t.pgid),
            Field::ProcIsPgidLeader => Value::Bool(t.pgid == t.pid),
            Field::ProcPgidName | Field::ProcPgidExe | Field::ProcPgidExepath => {
                // Host ids: the leader is the thread with that id, else the
                // eldest ancestor in the group.
                let l = self.procs().get(t.pgid).unwrap_or_else(|| {
                    let mut best = t;
                    for a in self.procs().ancestors(t) {
                        if a.pgid != t.pgid {
                            break;
                        }
                        best = a;
                    }
                    best
                });
                attr(f, l)
            }
            Field::ProcIsExeLowerLayer => Value::Bool(t.exe_flags & abi::PPM_EXE_LOWER_LAYER != 0),
            Field::ProcFdlimit => Value::Int(t.fdlimit),
            Field::ProcPidnsInitStartTs => Value::Int(t.pidns_init_start_ts as i64).filter_pos()?,
            Field::ProcExeInoCtimeDurationPidnsStart => {
                let (c, ns) = (t.exe_ino_ctime, t.pidns_init_start_ts);
                if ns == 0 || c <= ns {
                    return None;
                }
                Value::Int((c - ns) as i64)
            }
            Field::ThreadVmsize | Field::ThreadVmrss => {
                let kib = if f == Field::ThreadVmsize {
                    t.vm_size
                } else {
                    t.vm_rss
                };
                Value::Int(if t.tid == t.pid { i64::from(kib) } else { 0 })
            }
            Field::ProcTty => Value::Int(i64::from(t.tty)),
            Field::ProcLoginshellid => Value::Int(self.login_shell(t)?),
            Field::ProcDuration => since(t.clone_ts)?,
            Field::ProcPpidDuration => since(parent()?.clone_ts)?,
            Field::ProcPidTs => Value::Int(t.clone_ts as i64).filter_pos()?,
            Field::ProcPpidTs => Value::Int(parent()?.clone_ts as i64),
            Field::ProcExeIno => Value::Int(t.exe_ino as i64).filter_pos()?,
            Field::ProcExeInoCtime => Value::Int(t.exe_ino_ctime as i64).filter_pos()?,
            Field::ProcExeInoMtime => Value::Int(t.exe_ino_mtime as i64).filter_pos()?,
            Field::ProcExeInoCtimeDurationProcStart => {
                let (c, s) = (t.exe_ino_ctime, t.clone_ts);
                if c == 0 || s <= c {
                    return None;
                }
                Value::Int((s - c) as i64)
            }
            Field::ProcIsExeWritable => Value::Bool(t.exe_flags & abi::PPM_EXE_WRITABLE != 0),
            Field::ProcIsExeUpperLayer => Value::Bool(t.exe_flags & abi::PPM_EXE_UPPER_LAYER != 0),
            Field::ProcIsExeFromMemfd => Value::Bool(t.exe_flags & abi::PPM_EXE_FROM_MEMFD != 0),
            Field::ProcPname | Field::ProcPexe | Field::ProcPexepath | Field::ProcPcmdline => {
                attr(f, parent()?)
            }
            Field::ProcAname
            | Field::ProcAexe
            | Field::ProcAexepath
            | Field::ProcAcmdline
            | Field::ProcApid => return self.ancestor_field(f, t, arg),
            Field::ProcNthreads | Field::ProcNchilds => {
                let threads = self.procs().threads().filter(|x| x.pid == t.pid);
                let (n, leader) =
                    threads.fold((0, false), |(n, l), x| (n + 1, l || x.tid == x.pid));
                let v = if f == Field::ProcNthreads {
                    n
                } else {
                    n - i64::from(leader)
                };
                Value::Int(v)
            }
            Field::ProcVmsize => Value::Int(i64::from(t.vm_size)),
            Field::ProcVmrss => Value::Int(i64::from(t.vm_rss)),
            Field::ProcVmswap => Value::Int(i64::from(t.vm_swap)),
            Field::ProcFdopencount => Value::Int(self.procs().fd_table(t)?.len() as i64),
            Field::ThreadTid => Value::Int(t.tid),
            Field::ThreadVtid => Value::Int(t.vtid_or_tid()),
            Field::ThreadIsmain => Value::Bool(t.tid == t.pid),
            Field::ThreadCapEffective => Value::Str(Cow::Owned(cap_names(t.cap_effective))),
            Field::ThreadCapPermitted => Value::Str(Cow::Owned(cap_names(t.cap_permitted))),
            Field::ThreadCapInheritable => Value::Str(Cow::Owned(cap_names(t.cap_inheritable))),
            Field::ThreadCgroups => {
                if t.cgroups.is_empty() {
                    return None;
                }
                let v: Vec<String> = t.cgroups.iter().map(|(c, p)| format!("{c}={p}")).collect();
                Value::Str(Cow::Owned(v.join(" ")))
            }
            Field::ThreadCgroup => match arg {
                FieldArg::Key(k) => bstr(t.cgroup(k)?),
                _ => return None,
            },
            _ => return None,
        })
    }
}

trait PositiveInt: Sized {
    fn filter_pos(self) -> Option<Self>;
}

impl PositiveInt for Value<'_> {
    /// A zero timestamp or inode means "unknown".
    fn filter_pos(self) -> Option<Self> {
        match self {
            Value::Int(i) if i <= 0 => None,
            v => Some(v),
        }
    }
}
