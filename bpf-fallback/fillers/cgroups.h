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
 * LANNER_CGROUP_MAX_DEPTH levels, or whose full path is longer than
 * LANNER_CGROUP_END - 1 characters, gets no entry (the module prints its
 * first LANNER_CGROUP_PATH_MAX - 1 characters); no kernfs_rename_lock,
 * so a cgroup renamed meanwhile may read mixed.
 *
 * Must never: write past the parameter's room, or loop without a bound.
 */
#ifndef LANNER_FILL_CGROUPS_H
#define LANNER_FILL_CGROUPS_H

#include "record.h"
#include "task.h"
#include "path.h"

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
		__builtin_memcpy(&r->buf[at], #name "=", sizeof(#name));\
		break

/*
 * kernfs_path() of kn, built backwards in r->tmp[pos .. LANNER_CGROUP_END)
 * without its NUL: returns pos, or -1 if deeper than
 * LANNER_CGROUP_MAX_DEPTH or longer than the build area. Each name is
 * read once into r->tmp's name slot, then placed.
 */
#define LANNER_CGROUP_BUF	LANNER_MAX_PATH_LEN	/* build area */
#define LANNER_CGROUP_END	(LANNER_CGROUP_BUF - 1)	/* path end */
#define LANNER_CGROUP_NAME	256	/* NAME_MAX + NUL */

static __always_inline int lanner_kernfs_path(struct lanner_scratch *r,
					      struct kernfs_node *kn)
{
	u32 *posp = LANNER_TMP_WORD(r, LANNER_TMPW_KERNFS_POS);
	u8 *slot = &r->tmp[LANNER_CGROUP_BUF];
	struct kernfs_node *parent;
	const char *name;
	u32 pos, i;
	long n;

	*posp = LANNER_CGROUP_END;
	for (i = 0; i < LANNER_CGROUP_MAX_DEPTH; i++) {
		parent = lanner_kn_parent(kn);
		if (!parent)
			break;	/* the root: not named in paths */
		name = BPF_CORE_READ(kn, name);
		n = name ? bpf_probe_read_kernel_str(slot, LANNER_CGROUP_NAME,
						     name) : 1;
		if (n < 1)
			n = 1;
		n -= 1;	/* characters */
		pos = *posp & (LANNER_CGROUP_BUF - 1);
		if (n + 1 > pos)
			return -1;
		pos = (pos - n) & (LANNER_CGROUP_BUF - 1);
		bpf_probe_read_kernel(&r->tmp[pos],
				      n & (LANNER_CGROUP_NAME - 1), slot);
		pos = (pos - 1) & (LANNER_CGROUP_BUF - 1);
		r->tmp[pos] = '/';
		*posp = pos;
		kn = parent;
	}
	if (i == LANNER_CGROUP_MAX_DEPTH)
		return -1;
	pos = *posp & (LANNER_CGROUP_BUF - 1);
	if (pos == LANNER_CGROUP_END) {
		pos = LANNER_CGROUP_END - 1;
		r->tmp[pos] = '/';	/* the root cgroup */
	}
	return pos;
}

/*
 * One "name=/path" entry of controller `which` at r->buf[at] of this
 * CPU's scratch (room bytes left in the parameter); its length with the
 * NUL, or 0. A global function: verified once, with unknown arguments,
 * instead of once per controller and per caller state.
 */
__noinline u32 lanner_cgroup_entry(u32 at, u32 room, u32 which)
{
	struct lanner_scratch *r = lanner_scratch_get();
	struct cgroup_subsys_state *css = NULL;
	struct kernfs_node *kn;
	struct css_set *cset;
	u32 id, nlen, buflen, len;
	int pos;

	if (!r || room > LANNER_MAX_PARAM_LEN)
		return 0;
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
	pos = lanner_kernfs_path(r, kn);
	if (pos < 0 || pos >= LANNER_CGROUP_END)
		return 0;
	/* kernfs_path() into buflen bytes: a cut path keeps its prefix */
	len = LANNER_CGROUP_END - pos;
	buflen = room - nlen - 1;
	if (buflen > LANNER_CGROUP_PATH_MAX)
		buflen = LANNER_CGROUP_PATH_MAX;
	if (len > buflen - 1)
		len = buflen - 1;
	bpf_probe_read_kernel(&r->buf[(at + nlen + 1) & LANNER_REC_MASK],
			      len & (LANNER_CGROUP_PATH_MAX - 1),
			      &r->tmp[pos & (LANNER_CGROUP_BUF - 1)]);
	r->buf[(at + nlen + 1 + len) & LANNER_REC_MASK] = '\0';
	return nlen + 1 + len + 1;
}

#undef LANNER_CGRP

/*
 * The cgroups parameter: the module's lanner_put_cgroups(). The running
 * length is kept in r->tmp (path.h's LANNER_TMP_WORD), not in a
 * register: the verifier then sees one state per controller instead of
 * one per combination of entry outcomes.
 */
static __always_inline void lanner_put_cgroups(struct lanner_scratch *r)
{
	u32 *used = LANNER_TMP_WORD(r, LANNER_TMPW_CGROUP_USED);
	u32 off, avail, u, i;

	if (!lanner_rec_space(r, &off, &avail))
		return;
	*used = 0;
	for (i = 0; i < 9; i++) {
		u = *used;
		if (u >= avail || u > LANNER_MAX_PARAM_LEN)
			break;
		*used = u + lanner_cgroup_entry(off + u, avail - u, i);
	}
	u = *used;
	if (u > avail)
		u = avail;
	lanner_rec_commit(r, u);
}

#endif /* LANNER_FILL_CGROUPS_H */
