// SPDX-License-Identifier: GPL-2.0-only
/*
 * >= 3.15: task_css() and <name>_cgrp_id subsystem ids; before,
 * task_subsys_state() and <name>_subsys_id.
 */
#include <linux/cgroup.h>

struct cgroup_subsys_state *lanner_probe(struct task_struct *t);
struct cgroup_subsys_state *lanner_probe(struct task_struct *t)
{
	return task_css(t, cpu_cgrp_id);
}
