//! Thread lifecycle records: clone/fork/vfork/clone3 (a new thread
//! inheriting its creator's state, sharing or copying its fd table) and
//! execve/execveat (a new image; O_CLOEXEC fds closed).
//!
//! Owns: `ProcTable::on_clone` and `ProcTable::on_exec`.
//! Must never: create a thread for a failed call, or count the two records
//! of one clone (parent side, child side) as two threads.

use super::{ProcTable, ThreadInfo, NO_LOGINUID};
use crate::event::decode::Event;
use crate::event::param;
use crate::state::fd::FdTable;
use lanner_abi as abi;

impl ProcTable {
    pub(super) fn on_clone(&mut self, ev: &Event<'_>) {
        let Some(res) = ev.int_of(&param::RES) else {
            return;
        };
        if res < 0 {
            return;
        }
        let (tid, pid, ptid) = (
            ev.int_of(&param::TID),
            ev.int_of(&param::PID),
            ev.int_of(&param::PTID),
        );
        let flags = ev.int_of(&param::FLAGS).unwrap_or(0) as u32;
        let thread = flags & abi::PPM_CL_CLONE_THREAD != 0;
        let (new_tid, new_pid, new_ptid, creator);
        if res == 0 {
            // Child side: the record describes the new thread itself.
            new_tid = tid.unwrap_or(ev.tid());
            new_pid = pid.unwrap_or(new_tid);
            new_ptid = ptid.unwrap_or(0);
            creator = if thread { new_pid } else { new_ptid };
        } else {
            // Parent side: the child is `res`; only create it if the
            // child's own record has not done so already.
            if self.threads.contains_key(&res) {
                return;
            }
            let caller = tid.unwrap_or(ev.tid());
            new_tid = res;
            new_pid = if thread { pid.unwrap_or(caller) } else { res };
            new_ptid = if thread || flags & abi::PPM_CL_CLONE_PARENT != 0 {
                ptid.unwrap_or(0)
            } else {
                caller
            };
            creator = ev.tid();
        }
        // A child-side record after the parent-side one keeps what the
        // first one set up (fd table, creation time).
        let existing = self.threads.get(&new_tid).cloned();
        let mut t = match existing.clone() {
            Some(t) => t,
            None => {
                // Inherit everything from the creator, as the kernel does.
                let mut t = self
                    .threads
                    .get(&creator)
                    .or_else(|| self.threads.get(&new_ptid))
                    .cloned()
                    .unwrap_or_default();
                t.clone_ts = ev.ts();
                t.vtid = 0;
                t.vpid = 0;
                let shared = thread || flags & abi::PPM_CL_CLONE_FILES != 0;
                if !shared {
                    let copy = self
                        .fdtabs
                        .get(&t.fdtab)
                        .map_or_else(|| FdTable::new(false), FdTable::fork_copy);
                    t.fdtab = new_tid;
                    self.drop_fdtab_if_unused(new_tid);
                    self.fdtabs.insert(new_tid, copy);
                }
                if t.fdtab == 0 {
                    t.fdtab = new_tid;
                }
                t
            }
        };
        t.tid = new_tid;
        t.pid = new_pid;
        t.ptid = new_ptid;
        t.fill_from_record(ev);
        if existing.is_none() {
            self.stats.created += 1;
        }
        self.insert(t);
    }

    /// A stale table under a reused key (no thread uses it) is replaced.
    fn drop_fdtab_if_unused(&mut self, key: i64) {
        if self.fdtabs.get(&key).is_some_and(|t| t.refs == 0) {
            self.fdtabs.remove(&key);
        }
    }

    pub(super) fn on_exec(&mut self, ev: &Event<'_>) {
        if ev.int_of(&param::RES) != Some(0) {
            self.ensure(ev.tid());
            return;
        }
        let tid = ev.int_of(&param::TID).unwrap_or(ev.tid());
        self.stats.execs += 1;
        // A known thread (the common case) gets its new image in place:
        // what `insert` would do for it is a no-op here (same fd table and
        // place in the eviction order; a live tid is never in `reaped`),
        // except the container, looked up again from the new cgroups.
        if let Some(t) = self.threads.get_mut(&tid).filter(|t| t.fdtab != 0) {
            exec_image(t, ev);
            if let Some(r) = self.containers.as_mut() {
                if !t.cgroups.is_empty() {
                    t.container = Some(r.for_cgroups(&t.cgroups));
                }
            }
            let key = t.fdtab;
            if let Some(tab) = self.fdtabs.get_mut(&key) {
                tab.close_on_exec();
            }
            return;
        }
        let mut t = match self.threads.get_mut(&tid) {
            // Moved out instead of cloned (its strings and vectors are
            // reused); the placeholder left behind keeps the fd table key,
            // the only thing `insert` reads from the replaced entry.
            Some(old) => {
                let t = std::mem::take(old);
                old.tid = t.tid;
                old.fdtab = t.fdtab;
                t
            }
            None => ThreadInfo {
                tid,
                loginuid: NO_LOGINUID,
                clone_ts: ev.ts(),
                ..ThreadInfo::default()
            },
        };
        exec_image(&mut t, ev);
        let key = t.fdtab;
        self.insert(t);
        if let Some(tab) = self.fdtabs.get_mut(&key) {
            tab.close_on_exec();
        }
    }
}

/// What a successful execve record sets in its thread: ids, the new
/// image (exe, args, comm, cwd, env, cgroups, credentials...), exe flags
/// and path.
fn exec_image(t: &mut ThreadInfo, ev: &Event<'_>) {
    t.fill_from_exec(ev);
}
