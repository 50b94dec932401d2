/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * task.h - reading the current task and its files through CO-RE.
 *
 * Owns: the fd table walk (fd -> struct file), the dev/ino/created facts of
 * an open file, and the x86 compat-syscall test. Every read goes through
 * bpf_probe_read_kernel (BPF_CORE_READ), so these work from tp_btf and
 * raw_tp programs alike. Must never: write kernel memory or follow a
 * pointer without a bounded loop.
 */
#ifndef LANNER_TASK_H
#define LANNER_TASK_H

#include "lanner_bpf.h"

/*
 * Kernel-internal constants BTF cannot carry (macros): their values have
 * not changed from 4.19 to 6.12 (include/linux/fs.h,
 * arch/x86/include/asm/thread_info.h).
 */
#define LANNER_FMODE_CREATED	0x100000
#define LANNER_TS_COMPAT	0x0002

static __always_inline struct task_struct *lanner_current(void)
{
	return (struct task_struct *)bpf_get_current_task();
}

/* The thread id the module puts in headers: current->pid. */
static __always_inline u64 lanner_tid(void)
{
	return (u32)bpf_get_current_pid_tgid();
}

/* A 32-bit syscall on x86_64 (TS_COMPAT in thread_info.status). */
static __always_inline bool lanner_in_compat_syscall(void)
{
	struct task_struct *t = lanner_current();

	if (!bpf_core_field_exists(t->thread_info.status))
		return false;
	return BPF_CORE_READ(t, thread_info.status) & LANNER_TS_COMPAT;
}

/* The file open at fd in the current task, or NULL. */
static __always_inline struct file *lanner_fd_file(long fd)
{
	struct task_struct *t = lanner_current();
	struct files_struct *files = BPF_CORE_READ(t, files);
	struct fdtable *fdt;
	struct file **fds;
	struct file *f = NULL;

	if (fd < 0 || !files)
		return NULL;
	fdt = BPF_CORE_READ(files, fdt);
	if (!fdt || fd >= BPF_CORE_READ(fdt, max_fds))
		return NULL;
	fds = BPF_CORE_READ(fdt, fd);
	if (!fds || bpf_probe_read_kernel(&f, sizeof(f), &fds[fd]))
		return NULL;
	return f;
}

struct lanner_fd_info {
	u32 dev;	/* new_encode_dev() of the super block's dev */
	u64 ino;
	bool created;	/* FMODE_CREATED: this open created it */
};

static __always_inline void lanner_fd_info(long fd, struct lanner_fd_info *fi)
{
	struct file *f = lanner_fd_file(fd);
	struct inode *inode;

	fi->dev = 0;
	fi->ino = 0;
	fi->created = false;
	if (!f)
		return;
	fi->created = (BPF_CORE_READ(f, f_mode) & LANNER_FMODE_CREATED) != 0;
	inode = BPF_CORE_READ(f, f_inode);
	if (!inode)
		return;
	fi->ino = BPF_CORE_READ(inode, i_ino);
	fi->dev = lanner_encode_dev(BPF_CORE_READ(inode, i_sb, s_dev));
}

#endif /* LANNER_TASK_H */
