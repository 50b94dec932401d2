// SPDX-License-Identifier: GPL-2.0-only
/*
 * fillers/cgroups.c - the "cgroups" parameter of clone and exec records.
 *
 * Owns: the current task's cgroup per controller as Falco sends it,
 * "controller=/path" entries separated by NULs, for the controllers built
 * into the kernel among cpuset, cpu, cpuacct, memory, devices, freezer,
 * perf_event, hugetlb and pids. Works on cgroup v1 (each controller its
 * own hierarchy, EL7) and v2 (one unified path). blkio/io and net_cls/
 * net_prio are left out: their ids changed names or could be modules on
 * older kernels. Must never: take cgroup_mutex or css_set_lock; the walk
 * runs under rcu_read_lock() and is bounded by the parameter's room.
 */
#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include "fillers.h"
#include "compat/cgroup.h"

#define LANNER_CGROUP_PATH_MAX	1024	/* longer paths are cut */

struct lanner_cgrp {
	const char *name;
	int id;
};

static const struct lanner_cgrp lanner_cgrps[] = {
#if IS_BUILTIN(CONFIG_CPUSETS)
	{ "cpuset", LANNER_CGRP_ID(cpuset, cpuset) },
#endif
#if IS_BUILTIN(CONFIG_CGROUP_SCHED)
	{ "cpu", LANNER_CGRP_ID(cpu, cpu_cgroup) },
#endif
#if IS_BUILTIN(CONFIG_CGROUP_CPUACCT)
	{ "cpuacct", LANNER_CGRP_ID(cpuacct, cpuacct) },
#endif
#if IS_BUILTIN(CONFIG_MEMCG)
	{ "memory", LANNER_CGRP_ID(memory, mem_cgroup) },
#endif
#if IS_BUILTIN(CONFIG_CGROUP_DEVICE)
	{ "devices", LANNER_CGRP_ID(devices, devices) },
#endif
#if IS_BUILTIN(CONFIG_CGROUP_FREEZER)
	{ "freezer", LANNER_CGRP_ID(freezer, freezer) },
#endif
#if IS_BUILTIN(CONFIG_CGROUP_PERF)
	{ "perf_event", LANNER_CGRP_ID(perf_event, perf) },
#endif
#if IS_BUILTIN(CONFIG_CGROUP_HUGETLB)
	{ "hugetlb", LANNER_CGRP_ID(hugetlb, hugetlb) },
#endif
#if IS_BUILTIN(CONFIG_CGROUP_PIDS)
	{ "pids", LANNER_CGRP_ID(pids, pids) },
#endif
};

/* One "name=/path" entry at dst (room bytes); its length with NUL, or 0. */
static u32 lanner_cgroup_entry(u8 *dst, u32 room, const struct lanner_cgrp *c)
{
	size_t nlen = strlen(c->name);
	struct cgroup *cgrp;
	int len;

	if (room < nlen + 3)
		return 0;
	cgrp = lanner_task_cgroup(current, c->id);
	if (!cgrp)
		return 0;
	memcpy(dst, c->name, nlen);
	dst[nlen] = '=';
	len = lanner_cgroup_path(cgrp, (char *)dst + nlen + 1,
				 min_t(u32, room - nlen - 1,
				       LANNER_CGROUP_PATH_MAX));
	if (len <= 0)
		return 0;
	len = min_t(u32, len, room - nlen - 2);	/* a cut path stays ended */
	dst[nlen + 1 + len] = '\0';
	return nlen + 1 + len + 1;
}

void lanner_put_cgroups(struct lanner_rec *r)
{
	u32 avail, used = 0;
	unsigned int i;
	u8 *dst;

	dst = lanner_rec_space(r, &avail);
	if (!dst)
		return;
	rcu_read_lock();
	for (i = 0; i < ARRAY_SIZE(lanner_cgrps); i++)
		used += lanner_cgroup_entry(dst + used, avail - used,
					    &lanner_cgrps[i]);
	rcu_read_unlock();
	lanner_rec_commit(r, used);
}
