// SPDX-License-Identifier: GPL-2.0-only
/*
 * hooks/sched_exec.c - the sched:sched_process_exec probe.
 *
 * Owns: the record of every successful execve/execveat (as in Falco, so
 * the new image's argv, env, exe file and credentials are what is seen).
 * The record is always PPME_SYSCALL_EXECVE_19_X, as in both Falco drivers:
 * by the time this tracepoint fires the ELF loader has rewritten the
 * syscall number in the task's registers to execve ("pretend that this
 * comes from a 64bit execve", set_personality_64bit()), so execveat cannot
 * be told apart. It is emitted when the filter selects execve or execveat.
 * Kernel-initiated execs of usermode helpers are recorded too. The record
 * does not decode syscall arguments, so 32-bit execs are recorded as well.
 * Must never: sleep, fault or allocate.
 */
#include <linux/binfmts.h>
#include <linux/unistd.h>
#include "hooks.h"
#include "fillers/fillers.h"

static bool lanner_exec_selected(const struct lanner_filter *f)
{
#ifdef __NR_execveat
	if (lanner_filter_has(f, __NR_execveat))
		return true;
#endif
	return lanner_filter_has(f, __NR_execve);
}

void lanner_sched_exec_probe(void *data, struct task_struct *p,
			     pid_t old_pid, struct linux_binprm *bprm)
{
	struct lanner_hook h;
	struct lanner_rec r;

	if (!lanner_hook_begin(&h))
		return;
	if (!lanner_exec_selected(h.filter))
		goto out;
	if (!lanner_ring_enter(h.ring))
		goto out;
	if (lanner_rec_begin(&r, h.ring, PPME_SYSCALL_EXECVE_19_X,
			     current->pid)) {
		lanner_fill_exec(&r, PPME_SYSCALL_EXECVE_19_X, bprm);
		lanner_rec_finish(&r);
	}
	lanner_ring_exit(h.ring);
out:
	lanner_hook_end(&h);
}
