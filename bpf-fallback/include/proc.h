/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * proc.h - reading a task, its pid numbers, mm counters and credentials
 * through CO-RE.
 *
 * Owns: what the module reads with task_pid_vnr(), task_tgid_vnr(),
 * task_pgrp_nr_ns(), task_active_pid_ns(), rlimit(), get_mm_counter() /
 * get_mm_counter_sum(), audit_get_loginuid(), get_current_tty(),
 * current_cred() and in_group_p(), as plain values: the record layer
 * (fillers/process.h, fillers/exec.h) decides what to push. Every read is
 * a bpf_probe_read_kernel (BPF_CORE_READ), so these work from tp_btf and
 * raw_tp programs alike; fields that moved between kernels are read
 * through `___flavour` structs. Must never: write kernel memory, take a
 * lock (the module's rcu_read_lock() sections are plain reads here), or
 * loop without a compile-time bound.
 */
#ifndef LANNER_PROC_H
#define LANNER_PROC_H

#include "task.h"

/*
 * Kernel-internal constants BTF cannot carry (macros), unchanged from
 * 4.18 to 6.12: PF_KTHREAD (include/linux/sched.h), PAGE_SHIFT
 * (arch/x86/include/asm/page_types.h), SB_RDONLY and S_IMMUTABLE
 * (include/linux/fs.h). MINORBITS is lanner_flags.h's LANNER_KDEV_MINORBITS.
 */
#define LANNER_PF_KTHREAD	0x00200000
#define LANNER_PAGE_SHIFT	12
#define LANNER_SB_RDONLY	1
#define LANNER_S_IMMUTABLE	8

/*
 * CPU ids summed for the per-CPU mm counters of 6.2+ (nr_cpu_ids ends the
 * walk earlier on every machine with fewer); beyond, the sum is partial.
 */
#define LANNER_MAX_PCPU		1024
/* Supplementary groups searched (binary search, NGROUPS_MAX = 65536). */
#define LANNER_GROUPS_STEPS	17

/* 4.18 and older: pids[] of struct pid_link, no thread_pid/signal->pids. */
struct pid_link___old {
	struct hlist_node node;
	struct pid *pid;
};

struct task_struct___old {
	struct pid_link___old pids[4];
};

/* 6.2+: one per-CPU counter per MM_* member (struct mm_rss_stat gone). */
struct mm_struct___pcpu {
	struct percpu_counter rss_stat[4];
};

/*
 * The per-CPU area offsets and the number of CPU ids (x86
 * arch/x86/kernel/setup_percpu.c, kernel/smp.c): untyped ksyms, resolved
 * by libbpf from /proc/kallsyms on every kernel. Unresolved (weak), they
 * are 0 and the per-CPU part of a sum reads as nothing.
 */
extern const void __per_cpu_offset __ksym __weak;
extern const void nr_cpu_ids __ksym __weak;

/* ---- pids ------------------------------------------------------------- */

/* task_pid(): the struct pid of the thread. */
static __always_inline struct pid *lanner_task_pid(struct task_struct *t)
{
	struct task_struct___old *o = (void *)t;

	if (bpf_core_field_exists(t->thread_pid))
		return BPF_CORE_READ(t, thread_pid);
	return BPF_CORE_READ(o, pids[0].pid);	/* PIDTYPE_PID = 0 */
}

/*
 * *task_pid_ptr(t, type) for PIDTYPE_TGID and PIDTYPE_PGID: in the
 * signal struct since 4.19, in the group leader's pid_link before.
 */
static __always_inline struct pid *lanner_task_pid_type(struct task_struct *t,
							 bool pgid)
{
	struct signal_struct *sig = BPF_CORE_READ(t, signal);
	struct task_struct___old *leader;
	struct pid *p = NULL;
	u32 type;

	if (bpf_core_field_exists(sig->pids)) {
		type = pgid ? bpf_core_enum_value(enum pid_type, PIDTYPE_PGID) :
			      bpf_core_enum_value(enum pid_type, PIDTYPE_TGID);
		if (!sig || type >= 4)
			return NULL;
		bpf_core_read(&p, sizeof(p), &sig->pids[type & 3]);
		return p;
	}
	leader = (void *)BPF_CORE_READ(t, group_leader);
	if (!pgid)
		return BPF_CORE_READ(leader, pids[0].pid);
	return BPF_CORE_READ(leader, pids[2].pid);	/* PIDTYPE_PGID = 2 */
}

/* pid->numbers[level]: its nr and namespace. */
static __always_inline int lanner_upid(struct pid *pid, u32 level,
				       struct pid_namespace **ns)
{
	struct upid *up;
	int nr = 0;

	*ns = NULL;
	if (!pid)
		return 0;
	up = (void *)pid + bpf_core_field_offset(struct pid, numbers) +
	     (u64)(level & 0xff) * bpf_core_type_size(struct upid);
	bpf_core_read(&nr, sizeof(nr), &up->nr);
	bpf_core_read(ns, sizeof(*ns), &up->ns);
	return nr;
}

/* ns_of_pid(task_pid(t)): task_active_pid_ns(). */
static __always_inline struct pid_namespace *
lanner_task_active_ns(struct task_struct *t)
{
	struct pid *pid = lanner_task_pid(t);
	struct pid_namespace *ns;

	if (!pid)
		return NULL;
	lanner_upid(pid, BPF_CORE_READ(pid, level), &ns);
	return ns;
}

/* pid_nr_ns(): the number of pid in ns, 0 if pid is not visible there. */
static __always_inline s64 lanner_pid_nr_ns(struct pid *pid,
					    struct pid_namespace *ns)
{
	struct pid_namespace *at;
	u32 level;
	int nr;

	if (!pid || !ns)
		return 0;
	level = BPF_CORE_READ(ns, level);
	if (level > BPF_CORE_READ(pid, level))
		return 0;
	nr = lanner_upid(pid, level, &at);
	return at == ns ? nr : 0;
}

/* task_pid_vnr(t) */
static __always_inline s64 lanner_task_vtid(struct task_struct *t)
{
	return lanner_pid_nr_ns(lanner_task_pid(t), lanner_task_active_ns(t));
}

/* task_tgid_vnr(t) */
static __always_inline s64 lanner_task_vpid(struct task_struct *t)
{
	return lanner_pid_nr_ns(lanner_task_pid_type(t, false),
				lanner_task_active_ns(t));
}

/* task_pgrp_nr_ns(t, task_active_pid_ns(t)) */
static __always_inline s64 lanner_task_vpgid(struct task_struct *t)
{
	return lanner_pid_nr_ns(lanner_task_pid_type(t, true),
				lanner_task_active_ns(t));
}

/* task_pgrp_nr_ns(t, &init_pid_ns): numbers[0] is always init_pid_ns. */
static __always_inline s64 lanner_task_pgid(struct task_struct *t)
{
	struct pid_namespace *ns;

	return lanner_upid(lanner_task_pid_type(t, true), 0, &ns);
}

/* Thread id of the task's parent (Falco's "ptid"). */
static __always_inline s64 lanner_task_ptid(struct task_struct *t)
{
	struct task_struct *parent = BPF_CORE_READ(t, real_parent);

	return parent ? BPF_CORE_READ(parent, pid) : 0;
}

/* start_time (u64 ns since 3.17) of the init of t's pid namespace. */
static __always_inline u64 lanner_pidns_init_start(struct task_struct *t)
{
	struct pid_namespace *ns = lanner_task_active_ns(t);
	struct task_struct *reaper;

	if (!ns)
		return 0;
	reaper = BPF_CORE_READ(ns, child_reaper);
	return reaper ? BPF_CORE_READ(reaper, start_time) : 0;
}

/* ---- resources and memory --------------------------------------------- */

/* rlimit(RLIMIT_NOFILE): the soft limit, RLIM_INFINITY as -1. */
static __always_inline s64 lanner_fdlimit(struct task_struct *t)
{
	struct signal_struct *sig = BPF_CORE_READ(t, signal);

	if (!sig)
		return 0;
	return BPF_CORE_READ(sig, rlim[RLIMIT_NOFILE].rlim_cur);
}

struct lanner_mm_stats {
	u32 vm_size;	/* KiB */
	u32 vm_rss;	/* KiB */
	u32 vm_swap;	/* KiB */
};

/* get_mm_counter() before 6.2: one atomic_long_t, negative read as 0. */
static __always_inline u64 lanner_mm_counter_atomic(struct mm_struct *mm,
						    u32 member)
{
	long v = 0;

	bpf_core_read(&v, sizeof(v),
		      &mm->rss_stat.count[member & 3].counter);
	return v < 0 ? 0 : v;
}

/*
 * get_mm_counter_sum() of 6.2+ for the members rss and swap need: count
 * plus every CPU's delta (percpu_counter_sum_positive()), each member
 * clamped at 0. Counter i's per-CPU s32 of a CPU lives at counters +
 * __per_cpu_offset[cpu]. CPUs never online hold 0 (per-CPU memory is
 * zeroed, and a CPU going offline folds its delta into count), so summing
 * every CPU id gives what the kernel's online-CPU sum gives.
 */
static __noinline void lanner_mm_counters_pcpu(struct mm_struct *mm, s64 *v)
{
	struct mm_struct___pcpu *m = (void *)mm;
	const unsigned long *offs = &__per_cpu_offset;
	unsigned long off;
	u32 cpu, i, ncpu = 0;
	s32 *ctr[4];
	s32 d;

	for (i = 0; i < 4; i++) {
		v[i] = BPF_CORE_READ(m, rss_stat[i].count);
		ctr[i] = BPF_CORE_READ(m, rss_stat[i].counters);
	}
	/* a live mm always has its per-CPU counters; else count alone */
	if (offs && ctr[0] && ctr[1] && ctr[2] && ctr[3])
		bpf_probe_read_kernel(&ncpu, sizeof(ncpu), &nr_cpu_ids);
	for (cpu = 0; cpu < LANNER_MAX_PCPU && cpu < ncpu; cpu++) {
		off = 0;
		if (bpf_probe_read_kernel(&off, sizeof(off), &offs[cpu]))
			break;
		/* no branch per counter: the verifier sees one path */
		for (i = 0; i < 4; i++) {
			d = 0;
			bpf_probe_read_kernel(&d, sizeof(d),
					      (void *)ctr[i] + off);
			v[i] += d;
		}
	}
	for (i = 0; i < 4; i++)
		if (v[i] < 0)
			v[i] = 0;
}

/*
 * total_vm, get_mm_rss() and MM_SWAPENTS, in KiB as the module sends.
 * The MM_* members (an anonymous enum) have kept their values since 4.5.
 */
static __always_inline void lanner_mm_stats(struct mm_struct *mm,
					    struct lanner_mm_stats *st)
{
	u64 rss, swp;
	s64 v[4];

	st->vm_size = 0;
	st->vm_rss = 0;
	st->vm_swap = 0;
	if (!mm)
		return;
	if (bpf_core_type_exists(struct mm_rss_stat)) {
		rss = lanner_mm_counter_atomic(mm, MM_FILEPAGES) +
		      lanner_mm_counter_atomic(mm, MM_ANONPAGES) +
		      lanner_mm_counter_atomic(mm, MM_SHMEMPAGES);
		swp = lanner_mm_counter_atomic(mm, MM_SWAPENTS);
	} else {
		lanner_mm_counters_pcpu(mm, v);
		rss = v[MM_FILEPAGES] + v[MM_ANONPAGES] + v[MM_SHMEMPAGES];
		swp = v[MM_SWAPENTS];
	}
	st->vm_size = BPF_CORE_READ(mm, total_vm) << (LANNER_PAGE_SHIFT - 10);
	st->vm_rss = rss << (LANNER_PAGE_SHIFT - 10);
	st->vm_swap = swp << (LANNER_PAGE_SHIFT - 10);
}

/* ---- credentials and terminal ----------------------------------------- */

static __always_inline const struct cred *
lanner_task_cred(struct task_struct *t)
{
	return BPF_CORE_READ(t, cred);
}

/* from_kuid(&init_user_ns, current_euid()): the global id. */
static __always_inline u32 lanner_euid(void)
{
	return BPF_CORE_READ(lanner_current(), cred, euid.val);
}

static __always_inline u32 lanner_egid(void)
{
	return BPF_CORE_READ(lanner_current(), cred, egid.val);
}

/*
 * A kernel_cap_t as one u64: { u64 val } since 6.3, { u32 cap[2] }
 * before, which is the same 8 bytes on little-endian x86.
 */
static __always_inline u64 lanner_cap_read(const kernel_cap_t *c)
{
	u64 v = 0;

	bpf_probe_read_kernel(&v, sizeof(v), c);
	return v;
}

enum lanner_cap_set {
	LANNER_CAP_INH,
	LANNER_CAP_PRM,
	LANNER_CAP_EFF,
};

static __always_inline u64 lanner_cred_cap(const struct cred *cred,
					   enum lanner_cap_set which)
{
	if (!cred)
		return 0;
	switch (which) {
	case LANNER_CAP_INH:
		return lanner_cap_read(&cred->cap_inheritable);
	case LANNER_CAP_PRM:
		return lanner_cap_read(&cred->cap_permitted);
	default:
		return lanner_cap_read(&cred->cap_effective);
	}
}

/* audit_get_loginuid(t), INVALID_UID (-1) without CONFIG_AUDIT. */
static __always_inline u32 lanner_loginuid(struct task_struct *t)
{
	if (!bpf_core_field_exists(t->loginuid))
		return (u32)-1;
	return BPF_CORE_READ(t, loginuid.val);
}

/* tty_devnum(get_current_tty()) as new_encode_dev(), 0 without a tty. */
static __always_inline u32 lanner_tty(struct task_struct *t)
{
	struct tty_struct *tty = BPF_CORE_READ(t, signal, tty);
	struct tty_driver *drv;
	u32 dev;

	if (!tty)
		return 0;
	drv = BPF_CORE_READ(tty, driver);
	if (!drv)
		return 0;
	dev = ((u32)BPF_CORE_READ(drv, major) << LANNER_KDEV_MINORBITS) |
	      (u32)BPF_CORE_READ(drv, minor_start);
	return lanner_encode_dev(dev + BPF_CORE_READ(tty, index));
}

/* in_group_p(gid) for cred: fsgid, then groups_search() (sorted array). */
static __noinline bool lanner_cred_in_group(const struct cred *cred, u32 gid)
{
	struct group_info *gi;
	u32 left = 0, right, mid, g, i;
	void *base;

	if (BPF_CORE_READ(cred, fsgid.val) == gid)
		return true;
	gi = BPF_CORE_READ(cred, group_info);
	if (!gi)
		return false;
	right = BPF_CORE_READ(gi, ngroups);
	base = (void *)gi + bpf_core_field_offset(struct group_info, gid);
	for (i = 0; i < LANNER_GROUPS_STEPS && left < right; i++) {
		mid = (left + right) / 2;
		g = 0;
		bpf_probe_read_kernel(&g, sizeof(g),
				      base + (u64)(mid & 0xffff) * sizeof(g));
		if (gid > g)
			left = mid + 1;
		else if (gid < g)
			right = mid;
		else
			return true;
	}
	return false;
}

#endif /* LANNER_PROC_H */
