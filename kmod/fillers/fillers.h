/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fillers/fillers.h - the parameter fillers of every record lanner emits.
 *
 * Owns: struct lanner_sys (what a syscall-exit hook knows) and the filler
 * entry points. A filler pushes exactly the parameters of its event, in
 * the order of lanner_abi.h's table, into a record the hook has begun.
 * Must never: begin, finish or drop records (the hooks do), sleep, fault
 * or allocate.
 */
#ifndef LANNER_FILLERS_H
#define LANNER_FILLERS_H

#include <linux/sched.h>
#include "record.h"

struct linux_binprm;
struct cred;

struct lanner_sys {
	long nr;		/* native syscall number */
	long ret;		/* return value */
	u16 type;		/* event code being filled */
	unsigned long args[6];
};

void lanner_fill_open(struct lanner_rec *r, const struct lanner_sys *s);
void lanner_fill_clone(struct lanner_rec *r, const struct lanner_sys *s);
void lanner_fill_exec_failed(struct lanner_rec *r, const struct lanner_sys *s);
void lanner_fill_exec(struct lanner_rec *r, u16 type,
		      struct linux_binprm *bprm);
void lanner_fill_procexit(struct lanner_rec *r, struct task_struct *p);
void lanner_fill_generic(struct lanner_rec *r, const struct lanner_sys *s);
/* file and file-system events (fillers/file_*.c, fs_*.c) */
void lanner_fill_creat(struct lanner_rec *r, const struct lanner_sys *s);
void lanner_fill_fd_ops(struct lanner_rec *r, const struct lanner_sys *s);
void lanner_fill_fs_path(struct lanner_rec *r, const struct lanner_sys *s);
void lanner_fill_fs_at(struct lanner_rec *r, const struct lanner_sys *s);
void lanner_fill_file_misc(struct lanner_rec *r, const struct lanner_sys *s);
/* identity, signal, namespace and tracing events (fillers/cred.c, ptrace.c) */
void lanner_fill_cred(struct lanner_rec *r, const struct lanner_sys *s);
void lanner_put_caps(struct lanner_rec *r, const struct cred *cred);
void lanner_fill_ptrace(struct lanner_rec *r, const struct lanner_sys *s);
/* socket events (fillers/net.c, sockaddr.c) */
void lanner_fill_net(struct lanner_rec *r, const struct lanner_sys *s);

/* fillers/common.c: parameter groups shared by several events */
void lanner_put_mm_strings(struct lanner_rec *r, unsigned long start,
			   unsigned long end, bool split_exe);
void lanner_put_uargv(struct lanner_rec *r, unsigned long argv,
		      bool split_exe);
void lanner_put_cwd(struct lanner_rec *r);
void lanner_put_proc_stats(struct lanner_rec *r);
void lanner_put_comm(struct lanner_rec *r);
void lanner_put_task_common(struct lanner_rec *r);
void lanner_put_cgroups(struct lanner_rec *r);	/* fillers/cgroups.c */
s64 lanner_ptid(struct task_struct *t);
u32 lanner_euid(void);
u32 lanner_egid(void);

/* fillers/file_common.c: user paths, the file behind an fd */
struct lanner_fd_info {
	u32 dev;		/* lanner_encode_dev() of the super block's dev */
	u64 ino;
	bool created;		/* FMODE_CREATED: this open created it */
};

void lanner_put_upath(struct lanner_rec *r, const struct lanner_sys *s,
		      unsigned int arg);
void lanner_fd_info(long fd, struct lanner_fd_info *fi);

#endif /* LANNER_FILLERS_H */
