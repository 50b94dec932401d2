/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hooks/sched_exit.h - the sched:sched_process_exit hook (tp_btf and
 * raw_tp flavours).
 *
 * Owns: what the module's hooks/sched_exit.c owns: one PROCEXIT_1_E
 * record per exiting user thread when the consumer asked for
 * LANNER_TP_PROCEXIT (settings filter.tracepoints); kernel threads
 * (PF_KTHREAD) are skipped. Same prologue as the module's hooks: capture
 * started, n_hits counted before any filtering. Must never: read the
 * exiting task's user memory, mm or files (already released here).
 */
#ifndef LANNER_HOOK_SCHED_EXIT_H
#define LANNER_HOOK_SCHED_EXIT_H

#include "fillers/process.h"

static __always_inline int lanner_sched_exit(void *ctx, struct task_struct *p)
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
	if (!(set->filter.tracepoints & LANNER_TP_PROCEXIT))
		return 0;
	if (!p || (BPF_CORE_READ(p, flags) & LANNER_PF_KTHREAD))
		return 0;
	r = lanner_scratch_get();
	if (!r)
		return 0;
	if (lanner_rec_begin(r, set, PPME_PROCEXIT_1_E,
			     BPF_CORE_READ(p, pid))) {
		lanner_fill_procexit(r, p);
		lanner_rec_finish(ctx, r);
	}
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(sched_exit, struct task_struct *p)
{
	return lanner_sched_exit(ctx, p);
}

SEC("raw_tp/sched_process_exit")
int sched_exit_raw(struct bpf_raw_tracepoint_args *ctx)
{
	return lanner_sched_exit(ctx, (struct task_struct *)ctx->args[0]);
}

#endif /* LANNER_HOOK_SCHED_EXIT_H */
