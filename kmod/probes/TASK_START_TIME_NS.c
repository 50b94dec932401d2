// SPDX-License-Identifier: GPL-2.0-only
/*
 * >= 3.17: task_struct.start_time is u64 ns (before: struct timespec)
 */
#include <linux/sched.h>

u64 lanner_probe(struct task_struct *t);
u64 lanner_probe(struct task_struct *t)
{
	u64 *p = &t->start_time;

	return *p;
}
