// SPDX-License-Identifier: GPL-2.0-only
/*
 * fillers/exec.c - execve and execveat exit records.
 *
 * Owns: the successful exec record, built at sched_process_exec from the
 * new image (argv/env from its mm, exe file from bprm, new credentials),
 * and the failed exec record, built at sys_exit from the syscall's own
 * arguments. execveat has the same parameters minus the final filename.
 * Must never: take mmap_lock or the exe_file lock, or read the old image.
 */
#include <linux/binfmts.h>
#include <linux/cred.h>
#include <linux/audit.h>
#include <linux/pid_namespace.h>
#include <linux/fs.h>
#include <linux/tty.h>
#include <linux/kdev_t.h>
#include <linux/string.h>
#include "fillers.h"
#include "compat/task.h"

/* Controlling terminal as Falco encodes it: new_encode_dev(), 0 if none. */
static u32 lanner_tty(void)
{
	struct tty_struct *tty = get_current_tty();
	u32 nr = 0;

	if (tty) {
		nr = lanner_encode_dev(tty_devnum(tty));
		tty_kref_put(tty);
	}
	return nr;
}

/*
 * Whether the new creds may write the executable, as generic_permission()
 * would decide for a regular file (owner, group, other bits, then
 * CAP_DAC_OVERRIDE), on a writable, mutable inode. Computed, never asked
 * of the file system: ->permission() may sleep.
 */
static bool lanner_exe_writable(const struct inode *inode,
				const struct cred *cred)
{
	umode_t mode = inode->i_mode;

	if (IS_RDONLY(inode) || IS_IMMUTABLE(inode))
		return false;
	if (cap_raised(cred->cap_effective, CAP_DAC_OVERRIDE))
		return true;
	if (uid_eq(cred->fsuid, inode->i_uid))
		return mode & 0200;
	if (in_group_p(inode->i_gid))
		return mode & 0020;
	return mode & 0002;
}

/* PPM_EXE_* of the new image; lower/upper overlay layers not reported. */
static u32 lanner_exe_flags(const struct file *file, const struct cred *cred)
{
	const struct inode *inode = file ? file_inode(file) : NULL;
	u32 flags = 0;

	if (!inode)
		return 0;
	if (lanner_exe_writable(inode, cred))
		flags |= PPM_EXE_WRITABLE;
	if (!strncmp(file->f_path.dentry->d_name.name, "memfd:", 6))
		flags |= PPM_EXE_FROM_MEMFD;
	return flags;
}

/*
 * tty .. cap_effective: parameters 17 to 23. flags only for a new image
 * (file != NULL); a failed exec sends it empty.
 */
static void lanner_put_exec_creds(struct lanner_rec *r,
				  const struct file *file)
{
	const struct cred *cred = current_cred();

	lanner_rec_put_u32(r, lanner_tty());
	lanner_rec_put_s64(r, task_pgrp_nr_ns(current,
					      task_active_pid_ns(current)));
	lanner_rec_put_u32(r, from_kuid(&init_user_ns,
					audit_get_loginuid(current)));
	if (file)
		lanner_rec_put_u32(r, lanner_exe_flags(file, cred));
	else
		lanner_rec_put_empty(r);
	lanner_put_caps(r, cred);
}

void lanner_fill_exec(struct lanner_rec *r, u16 type,
		      struct linux_binprm *bprm)
{
	struct mm_struct *mm = current->mm;
	struct file *file = bprm->file;
	struct inode *inode = file ? file_inode(file) : NULL;

	lanner_rec_put_s64(r, 0);
	if (mm)
		lanner_put_mm_strings(r, mm->arg_start, mm->arg_end, true);
	else
		lanner_put_mm_strings(r, 0, 0, true);
	lanner_put_task_common(r);
	if (mm)
		lanner_put_mm_strings(r, mm->env_start, mm->env_end, false);
	else
		lanner_put_mm_strings(r, 0, 0, false);
	lanner_put_exec_creds(r, file);
	if (inode) {
		lanner_rec_put_u64(r, inode->i_ino);
		lanner_rec_put_u64(r, lanner_inode_ctime_ns(inode));
		lanner_rec_put_u64(r, lanner_inode_mtime_ns(inode));
	} else {
		lanner_rec_put_empty(r);
		lanner_rec_put_empty(r);
		lanner_rec_put_empty(r);
	}
	lanner_rec_put_u32(r, lanner_euid());
	if (file)
		lanner_rec_put_path(r, &file->f_path);
	else
		lanner_rec_put_empty(r);
	lanner_rec_put_s64(r, task_pgrp_nr_ns(current, &init_pid_ns));
	lanner_rec_put_u32(r, lanner_egid());
	if (type == PPME_SYSCALL_EXECVE_19_X)
		lanner_rec_put_kstr(r, bprm->filename, LANNER_MAX_PATH_LEN);
}

void lanner_fill_exec_failed(struct lanner_rec *r, const struct lanner_sys *s)
{
	bool at = s->type == PPME_SYSCALL_EXECVEAT_X;
	const unsigned long *a = at ? s->args + 1 : s->args;

	/* a[0] = filename, a[1] = argv, a[2] = envp */
	lanner_rec_put_s64(r, s->ret);
	lanner_put_uargv(r, a[1], true);
	lanner_put_task_common(r);
	lanner_put_uargv(r, a[2], false);
	lanner_put_exec_creds(r, NULL);
	lanner_rec_put_empty(r);	/* exe_ino: no new image */
	lanner_rec_put_empty(r);	/* exe_ino_ctime */
	lanner_rec_put_empty(r);	/* exe_ino_mtime */
	lanner_rec_put_u32(r, lanner_euid());
	lanner_rec_put_empty(r);	/* trusted_exepath */
	lanner_rec_put_s64(r, task_pgrp_nr_ns(current, &init_pid_ns));
	lanner_rec_put_u32(r, lanner_egid());
	if (!at)
		lanner_rec_put_ustr(r, (const char __user *)a[0],
				    LANNER_MAX_PATH_LEN);
}
