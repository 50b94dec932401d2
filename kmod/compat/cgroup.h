/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * compat/cgroup.h - a task's cgroup per controller, and its path.
 *
 * Owns: LANNER_CGRP_ID(name, old name) and lanner_task_cgroup() (probe TASK_CSS:
 * >= 3.15 task_css() and <name>_cgrp_id, before task_subsys_state() and
 * <name>_subsys_id), and lanner_cgroup_path() (probe CGROUP_PATH_INT:
 * whether cgroup_path() returns an int or a pointer into the buffer).
 * Callers hold rcu_read_lock(). Must never: take cgroup_mutex or
 * css_set_lock (the path walks take only kernfs's rename spinlock).
 */
#ifndef LANNER_COMPAT_CGROUP_H
#define LANNER_COMPAT_CGROUP_H

#include <linux/cgroup.h>
#include <linux/string.h>

#ifdef HAS_TASK_CSS
#define LANNER_CGRP_ID(name, old) name##_cgrp_id
static inline struct cgroup *lanner_task_cgroup(struct task_struct *t, int id)
{
	struct cgroup_subsys_state *css = task_css(t, id);

	return css ? css->cgroup : NULL;
}
#else
#define LANNER_CGRP_ID(name, old) old##_subsys_id
static inline struct cgroup *lanner_task_cgroup(struct task_struct *t, int id)
{
	struct cgroup_subsys_state *css = task_subsys_state(t, id);

	return css ? css->cgroup : NULL;
}
#endif /* HAS_TASK_CSS */

/* Writes the NUL-ended path of `cgrp` at buf; its length, or < 0. */
static inline int lanner_cgroup_path(struct cgroup *cgrp, char *buf, int len)
{
#ifdef HAS_CGROUP_PATH_INT
	int err = cgroup_path(cgrp, buf, len);

	if (err < 0)
		return err;
	return strnlen(buf, len);
#else
	char *p = cgroup_path(cgrp, buf, len);

	if (!p)
		return -ENAMETOOLONG;
	len = strnlen(p, len - (p - buf));
	memmove(buf, p, len + 1);
	return len;
#endif /* HAS_CGROUP_PATH_INT */
}

#endif /* LANNER_COMPAT_CGROUP_H */
