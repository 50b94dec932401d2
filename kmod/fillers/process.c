// SPDX-License-Identifier: GPL-2.0-only
/*
 * fillers/process.c - process and thread birth and death records.
 *
 * Owns: clone, fork, vfork and clone3 exit records on both sides of a
 * creation: the parent's record (res = child tid) and the child's (res =
 * 0, from its own first syscall exit). Portable flags: clone's argument,
 * 0 for fork, CLONE_VM | CLONE_VFORK for vfork, struct clone_args.flags
 * (read without faulting) for clone3. And PROCEXIT_1_E: status (the raw
 * exit_code), ret (exit status), sig (terminating signal), core,
 * reaper_tid (0: the consumer finds reapers itself). Must never: look at
 * the other side's task, or touch an exiting task's mm or files (already
 * released when sched_process_exit fires).
 */
#include <linux/pid_namespace.h>
#include <linux/sched.h>
#include <linux/rcupdate.h>
#include "fillers.h"
#include "compat/uaccess.h"
#include "compat/task.h"

static u64 lanner_clone_raw_flags(struct lanner_rec *r,
				  const struct lanner_sys *s)
{
	u64 flags = 0;

	switch (s->type) {
	case PPME_SYSCALL_CLONE_20_X:
#ifdef CONFIG_CLONE_BACKWARDS2
		return s->args[1];	/* s390: clone(newsp, flags, ...) */
#else
		return s->args[0];
#endif
	case PPME_SYSCALL_VFORK_20_X:
		return CLONE_VM | CLONE_VFORK;
	case PPME_SYSCALL_CLONE3_X:
		/* struct clone_args starts with its u64 flags */
		if (s->args[0] &&
		    lanner_copy_from_user_nofault(&flags,
				(const void __user *)s->args[0], sizeof(flags))) {
			lanner_rec_user_fault(r);
			flags = 0;
		}
		return flags;
	default:
		return 0;
	}
}

/* Start time of the pid namespace's init, only on the child side. */
static u64 lanner_pidns_init_start(long ret)
{
	struct pid_namespace *ns;
	struct task_struct *reaper;
	u64 start = 0;

	if (ret != 0)
		return 0;
	rcu_read_lock();	/* the reaper task is freed after a grace period */
	ns = task_active_pid_ns(current);
	reaper = ns ? READ_ONCE(ns->child_reaper) : NULL;
	if (reaper)
		start = lanner_task_start_ns(reaper);
	rcu_read_unlock();
	return start;
}

void lanner_fill_clone(struct lanner_rec *r, const struct lanner_sys *s)
{
	struct mm_struct *mm = current->mm;

	lanner_rec_put_s64(r, s->ret);
	if (s->ret < 0 || !mm)
		lanner_put_mm_strings(r, 0, 0, true);
	else
		lanner_put_mm_strings(r, mm->arg_start, mm->arg_end, true);
	lanner_put_task_common(r);
	lanner_rec_put_u32(r, lanner_clone_flags(lanner_clone_raw_flags(r, s)));
	lanner_rec_put_u32(r, lanner_euid());
	lanner_rec_put_u32(r, lanner_egid());
	lanner_rec_put_s64(r, task_pid_vnr(current));
	lanner_rec_put_s64(r, task_tgid_vnr(current));
	lanner_rec_put_u64(r, lanner_pidns_init_start(s->ret));
}

void lanner_fill_procexit(struct lanner_rec *r, struct task_struct *p)
{
	u32 code = READ_ONCE(p->exit_code);

	lanner_rec_put_s64(r, lanner_exit_status(code));
	lanner_rec_put_s64(r, lanner_exit_ret(code));
	lanner_rec_put_u8(r, lanner_exit_sig(code));
	lanner_rec_put_u8(r, lanner_exit_core(code));
	lanner_rec_put_s64(r, 0);
}
