/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * compat/task.h - task, credential and inode fields whose type changed.
 *
 * Owns: lanner_cap_u64() (probe KERNEL_CAP_VAL: >= 6.3 kernel_cap_t is one
 * u64, before two u32 words), lanner_task_start_ns() (probe
 * TASK_START_TIME_NS: >= 3.17 start_time is u64 ns, before a timespec),
 * lanner_inode_ctime_ns()/lanner_inode_mtime_ns() (probes INODE_GET_CTIME,
 * INODE_GET_MTIME: accessors from 6.6/6.7, backported to some stable
 * trees, before direct timespec fields), and the <linux/sched/signal.h>
 * split of 4.11 (probe SCHED_SIGNAL_H, for rlimit()). Must never: take
 * locks.
 */
#ifndef LANNER_COMPAT_TASK_H
#define LANNER_COMPAT_TASK_H

#include <linux/capability.h>
#include <linux/sched.h>
#include <linux/fs.h>
#include <linux/time.h>
#ifdef HAS_SCHED_SIGNAL_H
#include <linux/sched/signal.h>
#endif /* HAS_SCHED_SIGNAL_H */

static inline u64 lanner_cap_u64(const kernel_cap_t *c)
{
#ifdef HAS_KERNEL_CAP_VAL
	return (u64)c->val;
#else
	return ((u64)c->cap[1] << 32) | c->cap[0];
#endif /* HAS_KERNEL_CAP_VAL */
}

static inline u64 lanner_task_start_ns(const struct task_struct *t)
{
#ifdef HAS_TASK_START_TIME_NS
	return t->start_time;
#else
	return timespec_to_ns(&t->start_time);
#endif /* HAS_TASK_START_TIME_NS */
}

static inline u64 lanner_inode_ctime_ns(const struct inode *inode)
{
#ifdef HAS_INODE_GET_CTIME
	struct timespec64 t = inode_get_ctime(inode);
#else
	typeof(inode->i_ctime) t = inode->i_ctime;
#endif /* HAS_INODE_GET_CTIME */
	return (u64)t.tv_sec * NSEC_PER_SEC + t.tv_nsec;
}

static inline u64 lanner_inode_mtime_ns(const struct inode *inode)
{
#ifdef HAS_INODE_GET_MTIME
	struct timespec64 t = inode_get_mtime(inode);
#else
	typeof(inode->i_mtime) t = inode->i_mtime;
#endif /* HAS_INODE_GET_MTIME */
	return (u64)t.tv_sec * NSEC_PER_SEC + t.tv_nsec;
}

#endif /* LANNER_COMPAT_TASK_H */
