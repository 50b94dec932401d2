// SPDX-License-Identifier: GPL-2.0-only
/*
 * hooks/sched_exit.c - the sched:sched_process_exit probe.
 *
 * Owns: one PROCEXIT_1_E record per exiting user thread when the consumer
 * asked for LANNER_TP_PROCEXIT; kernel threads are skipped. Must never:
 * sleep, allocate, or read the exiting task's user memory.
 */
#include <linux/sched.h>
#include "hooks.h"
#include "fillers/fillers.h"

void lanner_sched_exit_probe(void *data, struct task_struct *p)
{
	struct lanner_hook h;
	struct lanner_rec r;

	if (!lanner_hook_begin(&h))
		return;
	if (!(READ_ONCE(h.filter->tracepoints) & LANNER_TP_PROCEXIT))
		goto out;
	if (p->flags & PF_KTHREAD)
		goto out;
	if (!lanner_ring_enter(h.ring))
		goto out;
	if (lanner_rec_begin(&r, h.ring, PPME_PROCEXIT_1_E, p->pid)) {
		lanner_fill_procexit(&r, p);
		lanner_rec_finish(&r);
	}
	lanner_ring_exit(h.ring);
out:
	lanner_hook_end(&h);
}
