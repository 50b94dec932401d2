/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fillers/cgroups.h - the "cgroups" parameter of clone and exec records.
 *
 * Owns: what kmod/fillers/cgroups.c owns: the current task's cgroup per
 * controller, "controller=/path" entries separated by NULs, for the
 * controllers the kernel has among cpuset, cpu, cpuacct, memory, devices,
 * freezer, perf_event, hugetlb and pids, in that order. The module picks
 * them with IS_BUILTIN(CONFIG_...); here a controller is present when its
 * <name>_cgrp_id exists in the kernel's enum cgroup_subsys_id (cgroup
 * controllers cannot be modules, so both tests agree). The css is
 * task->cgroups->subsys[id] (task_css()), the path is kernfs_path() of
 * its cgroup's kernfs node: "/" for the root, else "/a/b", cut to
 * LANNER_CGROUP_PATH_MAX - 1 characters like the module's buffer.
 *
 * Differences from the module: a cgroup nested deeper than
 * LANNER_CGROUP_MAX_DEPTH levels gets no entry (the module prints it);
 * no kernfs_rename_lock, so a cgroup renamed meanwhile may read mixed.
 *
 * Must never: write past the parameter's room, or loop without a bound.
 */
#ifndef LANNER_FILL_CGROUPS_H
#define LANNER_FILL_CGROUPS_H

#include "record.h"
#include "task.h"

#define LANNER_CGROUP_PATH_MAX	1024	/* longer paths are cut */
#define LANNER_CGROUP_MAX_DEPTH	64

/* 6.15+: kernfs_node.parent became the RCU pointer __parent. */
struct kernfs_node___rcu {
	struct kernfs_node *__parent;
};

static __always_inline struct kernfs_node *
lanner_kn_parent(struct kernfs_node *kn)
{
	struct kernfs_node___rcu *n = (void *)kn;

	if (bpf_core_field_exists(n->__parent))
		return BPF_CORE_READ(n, __parent);
	return BPF_CORE_READ(kn, parent);
}

#define LANNER_CGRP(i, name)						\
	case i:								\
		if (!bpf_core_enum_value_exists(enum cgroup_subsys_id,	\
						name##_cgrp_id))	\
			return 0;					\
		id = bpf_core_enum_value(enum cgroup_subsys_id,		\
					 name##_cgrp_id);		\
		nlen = sizeof(#name) - 1;				\
		if (room < nlen + 3)					\
			return 0;					\
		__builtin_memcpy(&r->buf[at], #name "=", sizeof(#name));	\
		break

/*
 * One "name=/path" entry of controller `which` at r->buf[at] (room bytes
 * left in the parameter); its length with the NUL, or 0.
 */
static __noinline u32 lanner_cgroup_entry(struct lanner_scratch *r, u32 at,
					  u32 room, u32 which)
{
	u64 *nodes = (u64 *)r->tmp;	/* kernfs nodes, leaf first */
	struct cgroup_subsys_state *css = NULL;
	struct kernfs_node *kn, *parent;
	struct css_set *cset;
	u32 id, nlen, buflen, depth, k, p, i;
	const char *name;
	long n;

	at &= LANNER_REC_MASK;
	switch (which) {
	LANNER_CGRP(0, cpuset);
	LANNER_CGRP(1, cpu);
	LANNER_CGRP(2, cpuacct);
	LANNER_CGRP(3, memory);
	LANNER_CGRP(4, devices);
	LANNER_CGRP(5, freezer);
	LANNER_CGRP(6, perf_event);
	LANNER_CGRP(7, hugetlb);
	LANNER_CGRP(8, pids);
	default:
		return 0;
	}
	cset = BPF_CORE_READ(lanner_current(), cgroups);
	if (!cset || id >= 64)
		return 0;
	bpf_core_read(&css, sizeof(css), &cset->subsys[id & 63]);
	if (!css)
		return 0;
	kn = BPF_CORE_READ(css, cgroup, kn);
	if (!kn)
		return 0;
	for (depth = 0; depth < LANNER_CGROUP_MAX_DEPTH; depth++) {
		parent = lanner_kn_parent(kn);
		if (!parent)
			break;
		nodes[depth & (LANNER_CGROUP_MAX_DEPTH - 1)] = (u64)kn;
		kn = parent;
	}
	if (depth == LANNER_CGROUP_MAX_DEPTH)
		return 0;

	/* kernfs_path() into a buffer of buflen bytes: a cut path stays ended */
	buflen = room - nlen - 1;
	if (buflen > LANNER_CGROUP_PATH_MAX)
		buflen = LANNER_CGROUP_PATH_MAX;
	p = at + nlen + 1;
	k = 0;
	if (depth == 0) {
		r->buf[(p + k) & LANNER_REC_MASK] = '/';
		k = 1;
	}
	for (i = 0; i < LANNER_CGROUP_MAX_DEPTH && i < depth; i++) {
		if (k + 1 >= buflen)
			break;
		r->buf[(p + k) & LANNER_REC_MASK] = '/';
		k++;
		kn = (void *)nodes[(depth - 1 - i) &
				   (LANNER_CGROUP_MAX_DEPTH - 1)];
		name = BPF_CORE_READ(kn, name);
		if (k >= buflen || !name)
			continue;
		n = bpf_probe_read_kernel_str(&r->buf[(p + k) & LANNER_REC_MASK],
					      (buflen - k) &
					      (2 * LANNER_CGROUP_PATH_MAX - 1),
					      name);
		if (n > 1)
			k += n - 1;
	}
	if (k >= buflen)
		k = buflen - 1;
	r->buf[(p + k) & LANNER_REC_MASK] = '\0';
	return nlen + 1 + k + 1;
}

#undef LANNER_CGRP

/* The cgroups parameter: the module's lanner_put_cgroups(). */
static __always_inline void lanner_put_cgroups(struct lanner_scratch *r)
{
	u32 off, avail, used = 0, i;

	if (!lanner_rec_space(r, &off, &avail))
		return;
	for (i = 0; i < 9; i++) {
		if (used >= avail)
			break;
		used += lanner_cgroup_entry(r, off + used, avail - used, i);
	}
	if (used > avail)
		used = avail;
	lanner_rec_commit(r, used);
}

#endif /* LANNER_FILL_CGROUPS_H */
