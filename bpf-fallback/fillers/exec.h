/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fillers/exec.h - execve and execveat exit records.
 *
 * Owns: what kmod/fillers/exec.c owns: the successful exec record, built
 * by the sched_process_exec hook from the new image (argv/env from its
 * mm, exe file from bprm, the new credentials), and the failed exec
 * record (family exec_failed), built at sys_exit from the syscall's own
 * arguments. execveat has the same parameters minus the final filename.
 * The exe file's "flags": PPM_EXE_WRITABLE as generic_permission() would
 * decide for the new creds (owner, group, other bits, CAP_DAC_OVERRIDE)
 * on a writable, mutable inode, and PPM_EXE_FROM_MEMFD; overlay layers
 * are not reported, as in the module.
 *
 * Must never: read the old image, or ask the file system anything (the
 * module computes permissions instead of calling ->permission()).
 */
#ifndef LANNER_FILL_EXEC_H
#define LANNER_FILL_EXEC_H

#include "fillers/process.h"
#include "fillers/cred.h"	/* lanner_put_caps(), as kmod's cred.c */

#define LANNER_NSEC_PER_SEC	1000000000ULL

/* 6.11+: inode times split into seconds and nanoseconds fields. */
struct inode___v611 {
	time64_t i_ctime_sec;
	time64_t i_mtime_sec;
	u32 i_ctime_nsec;
	u32 i_mtime_nsec;
};

/* 6.6 .. 6.10: i_ctime renamed __i_ctime; 6.7 .. 6.10: i_mtime too. */
struct inode___v66 {
	struct timespec64 __i_ctime;
	struct timespec64 __i_mtime;
};

static __always_inline u64 lanner_ts_ns(s64 sec, s64 nsec)
{
	return (u64)sec * LANNER_NSEC_PER_SEC + nsec;
}

/* inode_get_ctime() in ns, on every layout since 4.18. */
static __always_inline u64 lanner_inode_ctime_ns(struct inode *inode)
{
	struct inode___v611 *a = (void *)inode;
	struct inode___v66 *b = (void *)inode;

	if (bpf_core_field_exists(a->i_ctime_sec))
		return lanner_ts_ns(BPF_CORE_READ(a, i_ctime_sec),
				    BPF_CORE_READ(a, i_ctime_nsec));
	if (bpf_core_field_exists(b->__i_ctime))
		return lanner_ts_ns(BPF_CORE_READ(b, __i_ctime.tv_sec),
				    BPF_CORE_READ(b, __i_ctime.tv_nsec));
	return lanner_ts_ns(BPF_CORE_READ(inode, i_ctime.tv_sec),
			    BPF_CORE_READ(inode, i_ctime.tv_nsec));
}

/* inode_get_mtime() in ns. */
static __always_inline u64 lanner_inode_mtime_ns(struct inode *inode)
{
	struct inode___v611 *a = (void *)inode;
	struct inode___v66 *b = (void *)inode;

	if (bpf_core_field_exists(a->i_mtime_sec))
		return lanner_ts_ns(BPF_CORE_READ(a, i_mtime_sec),
				    BPF_CORE_READ(a, i_mtime_nsec));
	if (bpf_core_field_exists(b->__i_mtime))
		return lanner_ts_ns(BPF_CORE_READ(b, __i_mtime.tv_sec),
				    BPF_CORE_READ(b, __i_mtime.tv_nsec));
	return lanner_ts_ns(BPF_CORE_READ(inode, i_mtime.tv_sec),
			    BPF_CORE_READ(inode, i_mtime.tv_nsec));
}

/* generic_permission(MAY_WRITE) of a regular file for cred, computed. */
static __always_inline bool lanner_exe_writable(struct inode *inode,
						const struct cred *cred)
{
	u32 mode = BPF_CORE_READ(inode, i_mode);

	if (BPF_CORE_READ(inode, i_sb, s_flags) & LANNER_SB_RDONLY)
		return false;
	if (BPF_CORE_READ(inode, i_flags) & LANNER_S_IMMUTABLE)
		return false;
	if (lanner_cred_cap(cred, LANNER_CAP_EFF) & (1ULL << CAP_DAC_OVERRIDE))
		return true;
	if (BPF_CORE_READ(cred, fsuid.val) == BPF_CORE_READ(inode, i_uid.val))
		return mode & 0200;	/* S_IWUSR */
	if (lanner_cred_in_group(cred, BPF_CORE_READ(inode, i_gid.val)))
		return mode & 0020;	/* S_IWGRP */
	return mode & 0002;	/* S_IWOTH */
}

/* PPM_EXE_* of the new image. */
static __noinline u32 lanner_exe_flags(struct file *file,
				       const struct cred *cred)
{
	struct inode *inode = BPF_CORE_READ(file, f_inode);
	const unsigned char *name;
	char pfx[6] = {};
	u32 flags = 0;

	if (!inode)
		return 0;
	if (lanner_exe_writable(inode, cred))
		flags |= PPM_EXE_WRITABLE;
	name = BPF_CORE_READ(file, f_path.dentry, d_name.name);
	/* strncmp(name, "memfd:", 6) == 0 */
	if (name && !bpf_probe_read_kernel(pfx, sizeof(pfx), name) &&
	    pfx[0] == 'm' && pfx[1] == 'e' && pfx[2] == 'm' &&
	    pfx[3] == 'f' && pfx[4] == 'd' && pfx[5] == ':')
		flags |= PPM_EXE_FROM_MEMFD;
	return flags;
}

/*
 * tty .. cap_effective: parameters 17 to 23. flags only for a new image
 * (file != NULL); a failed exec sends it empty.
 */
static __noinline void lanner_put_exec_creds(struct lanner_scratch *r,
					     struct file *file)
{
	struct task_struct *t = lanner_current();
	const struct cred *cred = lanner_task_cred(t);

	lanner_rec_put_u32(r, lanner_tty(t));
	lanner_rec_put_s64(r, lanner_task_vpgid(t));
	lanner_rec_put_u32(r, lanner_loginuid(t));
	if (file)
		lanner_rec_put_u32(r, lanner_exe_flags(file, cred));
	else
		lanner_rec_put_empty(r);
	lanner_put_caps(r, cred);
}

/* exe_ino .. trusted_exepath, pgid, gid of a new image (file may be NULL). */
static __noinline void lanner_put_exec_image(struct lanner_scratch *r,
					     struct file *file)
{
	struct inode *inode = file ? BPF_CORE_READ(file, f_inode) : NULL;

	if (inode) {
		lanner_rec_put_u64(r, BPF_CORE_READ(inode, i_ino));
		lanner_rec_put_u64(r, lanner_inode_ctime_ns(inode));
		lanner_rec_put_u64(r, lanner_inode_mtime_ns(inode));
	} else {
		lanner_rec_put_empty(r);
		lanner_rec_put_empty(r);
		lanner_rec_put_empty(r);
	}
	lanner_rec_put_u32(r, lanner_euid());
	if (file)
		lanner_rec_put_path(r, BPF_CORE_READ(file, f_path.dentry),
				    BPF_CORE_READ(file, f_path.mnt));
	else
		lanner_rec_put_empty(r);
	lanner_rec_put_s64(r, lanner_task_pgid(lanner_current()));
	lanner_rec_put_u32(r, lanner_egid());
}

/*
 * The successful exec record (PPME_SYSCALL_EXECVE_19_X) at
 * sched_process_exec: current is the task running the new image.
 */
static __always_inline void lanner_fill_exec(struct lanner_scratch *r,
					     struct linux_binprm *bprm)
{
	struct file *file = BPF_CORE_READ(bprm, file);

	lanner_rec_put_s64(r, 0);
	lanner_put_mm_args(r, false, true);
	lanner_put_task_common(r);
	lanner_put_mm_args(r, true, false);
	lanner_put_exec_creds(r, file);
	lanner_put_exec_image(r, file);
	lanner_rec_put_kstr(r, BPF_CORE_READ(bprm, filename),
			    LANNER_MAX_PATH_LEN);
}

LANNER_FILLER(exec_failed)
{
	bool at = s->type == PPME_SYSCALL_EXECVEAT_X;
	/* filename, argv, envp */
	unsigned long fn = at ? s->args[1] : s->args[0];
	unsigned long argv = at ? s->args[2] : s->args[1];
	unsigned long envp = at ? s->args[3] : s->args[2];

	lanner_rec_put_s64(r, s->ret);
	lanner_put_uargv(argv, true);
	lanner_put_task_common(r);
	lanner_put_uargv(envp, false);
	lanner_put_exec_creds(r, NULL);
	lanner_put_exec_image(r, NULL);
	if (!at)
		lanner_rec_put_ustr(r, (const void *)fn, LANNER_MAX_PATH_LEN);
}

#endif /* LANNER_FILL_EXEC_H */
