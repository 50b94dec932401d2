/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hooks/sys_exit.h - the raw_syscalls:sys_exit hook (tp_btf and raw_tp
 * flavours).
 *
 * Owns: what the module's hooks/sys_exit.c owns, with the same table
 * (driver-common/lanner_sys_events.h): the filter decision (mask bit,
 * DROP_FAILED), suppression of successful execs (sched_process_exec
 * records them), 32-bit syscalls counted as LANNER_DROP_COMPAT, and the
 * tail call into the family's filler (GENERIC_X for a syscall without an
 * event of its own). Must never: decode arguments itself, or decode a
 * compat syscall with native layouts.
 */
#ifndef LANNER_HOOK_SYS_EXIT_H
#define LANNER_HOOK_SYS_EXIT_H

#include "filler.h"
#include "compat.h"

struct lanner_sys_event {
	u16 type;
	u16 family;
};

static const struct lanner_sys_event
lanner_sys_events[LANNER_SYSCALL_MASK_WORDS * 64] = {
#define LANNER_SYS_EVENT(nr, t, fam) \
	[nr] = { t, LANNER_FAM_##fam },
#define LANNER_FILLER_FAMILY(name)
#include "lanner_sys_events.h"
#undef LANNER_SYS_EVENT
#undef LANNER_FILLER_FAMILY
};

static __always_inline bool lanner_is_exec(u16 type)
{
	return type == PPME_SYSCALL_EXECVE_19_X ||
	       type == PPME_SYSCALL_EXECVEAT_X;
}

static __always_inline int lanner_sys_exit(void *ctx, struct pt_regs *regs,
					   long ret)
{
	struct lanner_bpf_settings *set = lanner_settings_get();
	struct lanner_ring_ctrl *c;
	struct lanner_scratch *r;
	struct lanner_sys_event ev;
	long nr;

	if (!set || !set->started)
		return 0;
	c = lanner_ctrl();
	if (!c)
		return 0;
	lanner_ctrl_inc(c, n_hits, 1);
	nr = BPF_CORE_READ(regs, orig_ax);
	if (lanner_in_compat_syscall()) {
		if (lanner_compat_selected(&set->filter, nr))
			lanner_ctrl_inc(c, n_drops[LANNER_DROP_COMPAT], 1);
		return 0;
	}
	if (!lanner_filter_has(&set->filter, nr))
		return 0;
	ev = lanner_sys_events[LANNER_BOUND(nr, LANNER_SYSCALL_MASK_WORDS * 64 - 1)];
	if (!ev.type) {
		ev.type = PPME_GENERIC_X;	/* no event of its own */
		ev.family = LANNER_FAM_generic;
	}
	if (ret < 0 && (set->filter.flags & LANNER_FILTER_DROP_FAILED)) {
		lanner_stash_done(nr);
		return 0;
	}
	if (ret == 0 && lanner_is_exec(ev.type))
		return 0;	/* recorded by the sched_process_exec hook */
	r = lanner_scratch_get();
	if (!r)
		return 0;
	r->sys.nr = nr;
	r->sys.ret = ret;
	r->sys.type = ev.type;
	r->sys.family = ev.family;
	r->sys.args[0] = BPF_CORE_READ(regs, di);
	r->sys.args[1] = BPF_CORE_READ(regs, si);
	r->sys.args[2] = BPF_CORE_READ(regs, dx);
	r->sys.args[3] = BPF_CORE_READ(regs, r10);
	r->sys.args[4] = BPF_CORE_READ(regs, r8);
	r->sys.args[5] = BPF_CORE_READ(regs, r9);
	bpf_tail_call(ctx, &lanner_fill, ev.family);
	/* only reached when the slot is empty: a loader bug, never silent */
	lanner_ctrl_inc(c, n_drops[LANNER_DROP_INTERNAL], 1);
	lanner_stash_done(nr);
	return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(sys_exit, struct pt_regs *regs, long ret)
{
	return lanner_sys_exit(ctx, regs, ret);
}

SEC("raw_tp/sys_exit")
int sys_exit_raw(struct bpf_raw_tracepoint_args *ctx)
{
	return lanner_sys_exit(ctx, (struct pt_regs *)ctx->args[0],
			       (long)ctx->args[1]);
}

#endif /* LANNER_HOOK_SYS_EXIT_H */
