/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hooks/sched_exec.h - the sched:sched_process_exec hook (tp_btf and
 * raw_tp flavours).
 *
 * Owns: what the module's hooks/sched_exec.c owns: the record of every
 * successful execve/execveat, always PPME_SYSCALL_EXECVE_19_X (by the
 * time this tracepoint fires the ELF loader has rewritten the syscall
 * number to execve, so execveat cannot be told apart; the sys_exit hook
 * suppresses successful execs), emitted when the filter selects execve or
 * execveat. Kernel-initiated execs of usermode helpers are recorded too;
 * the record decodes no syscall argument, so 32-bit execs are recorded as
 * well. The prologue is the module's lanner_hook_begin(): capture
 * started, n_hits counted before any filtering, filter consulted.
 * Must never: tail-call (the record is built here), or read the old image.
 */
#ifndef LANNER_HOOK_SCHED_EXEC_H
#define LANNER_HOOK_SCHED_EXEC_H

#include "fillers/exec.h"

static __always_inline bool lanner_exec_selected(const struct lanner_filter *f)
{
	return lanner_filter_has(f, __NR_execveat) ||
	       lanner_filter_has(f, __NR_execve);
}

static __always_inline int lanner_sched_exec(void *ctx,
					     struct linux_binprm *bprm)
{
	struct lanner_bpf_settings *set = lanner_settings_get();
	struct lanner_ring_ctrl *c;
	struct lanner_scratch *r;

	if (!set || !set->started)
		return 0;
	c = lanner_ctrl();
	if (!c)
		return 0;
	lanner_ctrl_inc(c, n_hits, 1);
	if (!lanner_exec_selected(&set->filter))
		return 0;
	r = lanner_scratch_get();
	if (!r)
		return 0;
	if (lanner_rec_begin(r, set, PPME_SYSCALL_EXECVE_19_X, lanner_tid())) {
		lanner_fill_exec(r, bprm);
		lanner_rec_finish(ctx, r);
	}
	return 0;
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(sched_exec, struct task_struct *p, pid_t old_pid,
	     struct linux_binprm *bprm)
{
	return lanner_sched_exec(ctx, bprm);
}

SEC("raw_tp/sched_process_exec")
int sched_exec_raw(struct bpf_raw_tracepoint_args *ctx)
{
	return lanner_sched_exec(ctx, (struct linux_binprm *)ctx->args[2]);
}

#endif /* LANNER_HOOK_SCHED_EXEC_H */
