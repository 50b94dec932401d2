/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hooks/hooks.h - what every tracepoint probe of lanner shares.
 *
 * Owns: the probe prototypes (registered by hooks/register.c) and the
 * common prologue: capture started, CPU pinned with get_cpu(), n_hits
 * counted, filter loaded. Must never: sleep or allocate; every probe pairs
 * lanner_hook_begin() with lanner_hook_end() on all paths.
 */
#ifndef LANNER_HOOKS_H
#define LANNER_HOOKS_H

#include <linux/smp.h>
#include <linux/sched.h>
#include "ring.h"

struct linux_binprm;

void lanner_sys_exit_probe(void *data, struct pt_regs *regs, long ret);
void lanner_sys_enter_probe(void *data, struct pt_regs *regs, long id);
void lanner_sched_exec_probe(void *data, struct task_struct *p,
			     pid_t old_pid, struct linux_binprm *bprm);
void lanner_sched_exit_probe(void *data, struct task_struct *p);

struct lanner_hook {
	struct lanner_ring *ring;
	const struct lanner_filter *filter;
};

/* False: capture is off, nothing to undo. */
static inline bool lanner_hook_begin(struct lanner_hook *h)
{
	if (!lanner_started())
		return false;
	h->ring = lanner_ring(get_cpu());
	lanner_ctrl_inc(h->ring, n_hits, 1);
	h->filter = lanner_filter();
	return true;
}

static inline void lanner_hook_end(struct lanner_hook *h)
{
	put_cpu();
}

#endif /* LANNER_HOOKS_H */
