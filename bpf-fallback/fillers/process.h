/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fillers/process.h - process and thread birth and death records, and
 * the parameter groups clone and exec records share.
 *
 * Owns: what kmod/fillers/process.c and kmod/fillers/common.c own. The
 * clone family (clone, fork, vfork, clone3) exit record on both sides of
 * a creation: the parent's (res = child tid) and the child's (res = 0):
 * the child returns from the syscall through ret_from_fork, whose
 * sys_exit tracepoint runs this same filler in the child, as the module's
 * probe does. Portable flags: clone's argument, 0 for fork, CLONE_VM |
 * CLONE_VFORK for vfork, struct clone_args.flags (read without faulting)
 * for clone3. PROCEXIT_1_E (fields of exit_code, lanner_flags.h) for the
 * sched_process_exit hook. The shared groups: argv/env from the current
 * mm or from user argv arrays (exe/args split), cwd, fdlimit / page
 * faults / memory, comm, cgroups, ptid, effective ids.
 *
 * Must never: look at the other side's task, touch an exiting task's mm
 * or files, read user memory except with bpf_probe_read_user*, or exceed
 * LANNER_MAX_ARGS_LEN / LANNER_MAX_PATH_LEN.
 */
#ifndef LANNER_FILL_PROCESS_H
#define LANNER_FILL_PROCESS_H

#include "filler.h"
#include "proc.h"
#include "path.h"
#include "fillers/cgroups.h"

#define LANNER_MAX_ARGV		1024	/* strings per argv/envp */
#define LANNER_ARGS_MASK	(2 * LANNER_MAX_ARGS_LEN - 1)

/* Pushes `total` bytes of NUL-separated strings as one or two params. */
static __always_inline void lanner_commit_strings(struct lanner_scratch *r,
						  u32 total, u32 exe_len,
						  bool split_exe)
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
 * image), copied in one read. With split_exe the first string becomes
 * "exe" and the rest "args".
 */
static __noinline void lanner_put_mm_strings(struct lanner_scratch *r,
					     unsigned long start,
					     unsigned long end,
					     bool split_exe)
{
	u32 off, avail, len, exe_len;
	long n;

	if (!lanner_rec_space(r, &off, &avail))
		return;
	if (!BPF_CORE_READ(lanner_current(), mm) || end <= start) {
		lanner_commit_strings(r, 0, 0, split_exe);
		return;
	}
	len = end - start > LANNER_MAX_ARGS_LEN ? LANNER_MAX_ARGS_LEN :
						  end - start;
	if (len > avail) {
		lanner_rec_overflow(r);
		return;
	}
	if (bpf_probe_read_user(&r->buf[off], len & LANNER_ARGS_MASK,
				(const void *)start)) {
		lanner_count_user_fault();
		lanner_commit_strings(r, 0, 0, split_exe);
		return;
	}
	r->buf[(off + len - 1) & LANNER_REC_MASK] = '\0';
	/* strnlen() + 1 of the first string: its copy's length, NUL counted */
	n = bpf_probe_read_kernel_str(r->tmp, len & LANNER_ARGS_MASK,
				      &r->buf[off]);
	exe_len = n > 0 ? n : 0;
	if (exe_len > len)
		exe_len = len;
	lanner_commit_strings(r, len, exe_len, split_exe);
}

/* argv or env of the current mm (exec) or of a clone's sides. */
static __always_inline void lanner_put_mm_args(struct lanner_scratch *r,
					       bool env, bool split_exe)
{
	struct mm_struct *mm = BPF_CORE_READ(lanner_current(), mm);
	unsigned long start = 0, end = 0;

	if (mm) {
		start = env ? BPF_CORE_READ(mm, env_start) :
			      BPF_CORE_READ(mm, arg_start);
		end = env ? BPF_CORE_READ(mm, env_end) :
			    BPF_CORE_READ(mm, arg_end);
	}
	lanner_put_mm_strings(r, start, end, split_exe);
}

/*
 * Strings of a user argv/envp array (the syscall's own arguments), as
 * the module's lanner_put_uargv(): at most LANNER_MAX_ARGV strings and
 * LANNER_MAX_ARGS_LEN bytes, an unreadable pointer or string ends the
 * list (counted as a user fault). A global function on this CPU's
 * scratch (verified once per program); the running length lives in
 * r->tmp (path.h's LANNER_TMP_WORD) so the verifier's paths through one
 * string merge before the next.
 */
__noinline int lanner_put_uargv(u64 argv, u32 split_exe)
{
	struct lanner_scratch *r = lanner_scratch_get();
	const char *const *uv = (const void *)argv;
	u32 off, avail, limit, total, exe_len = 0, i, want;
	u32 *totalp;
	const char *s;
	long n;

	if (!r || !lanner_rec_space(r, &off, &avail))
		return 0;
	totalp = LANNER_TMP_WORD(r, LANNER_TMPW_ARGV_TOTAL);
	*totalp = 0;
	limit = avail < LANNER_MAX_ARGS_LEN ? avail : LANNER_MAX_ARGS_LEN;
	for (i = 0; uv && i < LANNER_MAX_ARGV; i++) {
		total = *totalp;
		if (total >= limit)
			break;
		s = NULL;
		if (bpf_probe_read_user(&s, sizeof(s), &uv[i])) {
			lanner_count_user_fault();
			break;
		}
		if (!s)
			break;
		want = (limit - total) & LANNER_ARGS_MASK;
		n = bpf_probe_read_user_str(
			&r->buf[(off + total) & LANNER_REC_MASK], want, s);
		if (n < 0) {
			lanner_count_user_fault();
			break;
		}
		if (i == 0)
			exe_len = n;
		*totalp = total + n;
		if (n < want)
			continue;
		/*
		 * Filled to the limit: cut unless its last byte was the NUL.
		 * Cut by the room left rather than by LANNER_MAX_ARGS_LEN:
		 * no room, as in the module.
		 */
		if (limit < LANNER_MAX_ARGS_LEN) {
			char c = 1;

			if (bpf_probe_read_user(&c, 1, s + want - 1) || c) {
				lanner_rec_overflow(r);
				return 0;
			}
		}
		break;
	}
	total = *totalp;
	if (total > limit)
		total = limit;
	if (exe_len > total)
		exe_len = total;
	lanner_commit_strings(r, total, exe_len, split_exe);
	return 0;
}

/*
 * The task's working directory (the module's lanner_put_cwd(); no
 * fs->lock here: the pair is read without it).
 */
static __always_inline void lanner_put_cwd(struct lanner_scratch *r)
{
	struct fs_struct *fs = BPF_CORE_READ(lanner_current(), fs);

	if (!fs) {
		lanner_rec_put_empty(r);
		return;
	}
	lanner_rec_put_path(r, BPF_CORE_READ(fs, pwd.dentry),
			    BPF_CORE_READ(fs, pwd.mnt));
}

/* fdlimit, pgft_maj, pgft_min, vm_size, vm_rss, vm_swap (KiB). */
static __noinline void lanner_put_proc_stats(struct lanner_scratch *r)
{
	struct task_struct *t = lanner_current();
	struct lanner_mm_stats st;

	lanner_mm_stats(BPF_CORE_READ(t, mm), &st);
	lanner_rec_put_s64(r, lanner_fdlimit(t));
	lanner_rec_put_u64(r, BPF_CORE_READ(t, maj_flt));
	lanner_rec_put_u64(r, BPF_CORE_READ(t, min_flt));
	lanner_rec_put_u32(r, st.vm_size);
	lanner_rec_put_u32(r, st.vm_rss);
	lanner_rec_put_u32(r, st.vm_swap);
}

static __always_inline void lanner_put_comm(struct lanner_scratch *r)
{
	struct task_struct *t = lanner_current();

	lanner_rec_put_kstr(r, __builtin_preserve_access_index(&t->comm),
			    LANNER_MAX_COMM_LEN);
}

/*
 * tid, pid, ptid, cwd, fdlimit .. vm_swap, comm, cgroups: parameters 4 to
 * 15 of both the exec and the clone-family exit events.
 */
static __always_inline void lanner_put_task_common(struct lanner_scratch *r)
{
	struct task_struct *t = lanner_current();

	lanner_rec_put_s64(r, BPF_CORE_READ(t, pid));
	lanner_rec_put_s64(r, BPF_CORE_READ(t, tgid));
	lanner_rec_put_s64(r, lanner_task_ptid(t));
	lanner_put_cwd(r);
	lanner_put_proc_stats(r);
	lanner_put_comm(r);
	lanner_put_cgroups(r);
}

/* struct clone_args starts with its u64 flags (uapi/linux/sched.h). */
static __always_inline u64 lanner_clone_raw_flags(const struct lanner_sys *s)
{
	u64 flags = 0;

	switch (s->type) {
	case PPME_SYSCALL_CLONE_20_X:
		return s->args[0];	/* x86: clone(flags, newsp, ...) */
	case PPME_SYSCALL_VFORK_20_X:
		return CLONE_VM | CLONE_VFORK;
	case PPME_SYSCALL_CLONE3_X:
		if (s->args[0] &&
		    bpf_probe_read_user(&flags, sizeof(flags),
					(const void *)s->args[0])) {
			lanner_count_user_fault();
			flags = 0;
		}
		return flags;
	default:
		return 0;
	}
}

LANNER_FILLER(clone)
{
	struct task_struct *t = lanner_current();
	long ret = s->ret;
	u64 raw;

	lanner_rec_put_s64(r, ret);
	if (ret < 0)
		lanner_put_mm_strings(r, 0, 0, true);
	else
		lanner_put_mm_args(r, false, true);
	lanner_put_task_common(r);
	raw = lanner_clone_raw_flags(s);
	lanner_rec_put_u32(r, lanner_clone_flags(raw));
	lanner_rec_put_u32(r, lanner_euid());
	lanner_rec_put_u32(r, lanner_egid());
	lanner_rec_put_s64(r, lanner_task_vtid(t));
	lanner_rec_put_s64(r, lanner_task_vpid(t));
	/* start of the pid namespace's init, only on the child side */
	lanner_rec_put_u64(r, ret == 0 ? lanner_pidns_init_start(t) : 0);
}

/* PROCEXIT_1_E of task p (sched_process_exit; p is current). */
static __always_inline void lanner_fill_procexit(struct lanner_scratch *r,
						 struct task_struct *p)
{
	u32 code = BPF_CORE_READ(p, exit_code);

	lanner_rec_put_s64(r, lanner_exit_status(code));
	lanner_rec_put_s64(r, lanner_exit_ret(code));
	lanner_rec_put_u8(r, lanner_exit_sig(code));
	lanner_rec_put_u8(r, lanner_exit_core(code));
	lanner_rec_put_s64(r, 0);	/* reaper_tid: found by the consumer */
}

#endif /* LANNER_FILL_PROCESS_H */
