// SPDX-License-Identifier: GPL-2.0-only
/*
 * fillers/common.c - parameter groups shared by the clone and exec fillers.
 *
 * Owns: argv/env capture (from the new image's mm, or from user argv
 * arrays for failed execs), the exe/args split, cwd, the fdlimit / page
 * fault / memory group, comm, parent tid and effective ids. Must never:
 * read user memory except through the non-faulting helpers, take a
 * sleeping lock, or exceed LANNER_MAX_ARGS_LEN / LANNER_MAX_PATH_LEN.
 */
#include <linux/mm.h>
#include <linux/fs_struct.h>
#include <linux/path.h>
#include <linux/rcupdate.h>
#include <linux/cred.h>
#include <linux/uidgid.h>
#include "fillers.h"
#include "compat/uaccess.h"
#include "compat/task.h"
#include "compat/mm.h"

#define LANNER_MAX_ARGV 1024	/* strings read from one argv/envp array */

/* Pushes `total` bytes of NUL-separated strings as one or two params. */
static void lanner_commit_strings(struct lanner_rec *r, u32 total,
				  u32 exe_len, bool split_exe)
{
	if (split_exe) {
		lanner_rec_commit(r, exe_len);
		lanner_rec_commit(r, total - exe_len);
	} else {
		lanner_rec_commit(r, total);
	}
}

/*
 * Strings in [start, end) of the current mm (argv or environment of the
 * image): copied in one non-faulting read. With split_exe the first string
 * becomes "exe" and the rest "args".
 */
void lanner_put_mm_strings(struct lanner_rec *r, unsigned long start,
			   unsigned long end, bool split_exe)
{
	u32 avail, len, exe_len;
	u8 *p = lanner_rec_space(r, &avail);

	if (!p)
		return;
	if (!current->mm || end <= start) {
		lanner_commit_strings(r, 0, 0, split_exe);
		return;
	}
	len = min_t(unsigned long, end - start, LANNER_MAX_ARGS_LEN);
	if (len > avail) {
		lanner_rec_overflow(r);
		return;
	}
	if (lanner_copy_from_user_nofault(p, (const void __user *)start, len)) {
		lanner_rec_user_fault(r);
		lanner_commit_strings(r, 0, 0, split_exe);
		return;
	}
	p[len - 1] = '\0';
	exe_len = strnlen((char *)p, len) + 1;
	lanner_commit_strings(r, len, exe_len, split_exe);
}

/* Strings of a user argv/envp array (the syscall's own arguments). */
void lanner_put_uargv(struct lanner_rec *r, unsigned long argv,
		      bool split_exe)
{
	const char __user *const __user *uv = (const void __user *)argv;
	u32 avail, limit, total = 0, exe_len = 0, i;
	u8 *p = lanner_rec_space(r, &avail);
	bool cut = false;

	if (!p)
		return;
	limit = min_t(u32, avail, LANNER_MAX_ARGS_LEN);
	for (i = 0; uv && i < LANNER_MAX_ARGV && total < limit && !cut; i++) {
		const char __user *s;
		long n;

		if (lanner_copy_from_user_nofault(&s, uv + i, sizeof(s))) {
			lanner_rec_user_fault(r);
			break;
		}
		if (!s)
			break;
		n = lanner_strncpy_from_user_nofault((char *)p + total, s,
						     limit - total, &cut);
		if (n < 0) {
			lanner_rec_user_fault(r);
			break;
		}
		if (i == 0)
			exe_len = n;
		total += n;
	}
	/* cut by the room left rather than by LANNER_MAX_ARGS_LEN: no room */
	if (cut && limit < LANNER_MAX_ARGS_LEN) {
		lanner_rec_overflow(r);
		return;
	}
	lanner_commit_strings(r, total, exe_len, split_exe);
}

/*
 * The task's working directory, without taking references: releasing a
 * path reference (dput) may reschedule, which must never happen in a hook
 * (get_cpu() does not stop cond_resched() on kernels without
 * CONFIG_PREEMPT_COUNT). The path is copied under fs->lock and resolved
 * under RCU, which keeps dentries and mounts from being freed meanwhile.
 */
void lanner_put_cwd(struct lanner_rec *r)
{
	struct fs_struct *fs = current->fs;
	struct path pwd;

	if (!fs) {
		lanner_rec_put_empty(r);
		return;
	}
	rcu_read_lock();
	spin_lock(&fs->lock);
	pwd = fs->pwd;
	spin_unlock(&fs->lock);
	lanner_rec_put_path(r, &pwd);
	rcu_read_unlock();
}

/* fdlimit, pgft_maj, pgft_min, vm_size, vm_rss, vm_swap (KiB). */
void lanner_put_proc_stats(struct lanner_rec *r)
{
	struct mm_struct *mm = current->mm;
	u32 vm_size = 0, vm_rss = 0, vm_swap = 0;

	if (mm) {
		vm_size = mm->total_vm << (PAGE_SHIFT - 10);
		vm_rss = lanner_mm_rss(mm) << (PAGE_SHIFT - 10);
		vm_swap = lanner_mm_counter(mm, MM_SWAPENTS) <<
			  (PAGE_SHIFT - 10);
	}
	lanner_rec_put_s64(r, rlimit(RLIMIT_NOFILE));
	lanner_rec_put_u64(r, current->maj_flt);
	lanner_rec_put_u64(r, current->min_flt);
	lanner_rec_put_u32(r, vm_size);
	lanner_rec_put_u32(r, vm_rss);
	lanner_rec_put_u32(r, vm_swap);
}

void lanner_put_comm(struct lanner_rec *r)
{
	lanner_rec_put_kstr(r, current->comm, LANNER_MAX_COMM_LEN);
}

/*
 * tid, pid, ptid, cwd, fdlimit .. vm_swap, comm, cgroups: parameters 4 to
 * 15 of both the exec and the clone-family exit events.
 */
void lanner_put_task_common(struct lanner_rec *r)
{
	lanner_rec_put_s64(r, current->pid);
	lanner_rec_put_s64(r, current->tgid);
	lanner_rec_put_s64(r, lanner_ptid(current));
	lanner_put_cwd(r);
	lanner_put_proc_stats(r);
	lanner_put_comm(r);
	lanner_put_cgroups(r);
}

/* Thread id of the task's parent (Falco's "ptid"). */
s64 lanner_ptid(struct task_struct *t)
{
	struct task_struct *parent;
	s64 ptid = 0;

	rcu_read_lock();
	parent = rcu_dereference(t->real_parent);
	if (parent)
		ptid = parent->pid;
	rcu_read_unlock();
	return ptid;
}

u32 lanner_euid(void)
{
	return from_kuid(&init_user_ns, current_euid());
}

u32 lanner_egid(void)
{
	return from_kgid(&init_user_ns, current_egid());
}
