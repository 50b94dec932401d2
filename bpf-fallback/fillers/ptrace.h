/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fillers/ptrace.h - the ptrace exit record.
 *
 * Owns: what kmod/fillers/ptrace.c owns: the request as PPM_PTRACE_*
 * (lanner_ptrace_req, driver-common/lanner_flags.h) and the "addr" and
 * "data" PT_DYN parameters: one index byte (PPM_PTRACE_IDX_*) then the
 * value. data is the word the kernel stored for PEEK* requests, the
 * signal for the resuming requests (CONT, SINGLESTEP, DETACH, SYSCALL),
 * the raw argument otherwise; both are index UINT64 with value 0 when the
 * call failed. Must never: fail on an unreadable peeked word (-> 0 and a
 * counted user fault).
 */
#ifndef LANNER_FILL_PTRACE_H
#define LANNER_FILL_PTRACE_H

#include "filler.h"

/* A PT_DYN parameter: index byte, then len (1 or 8) bytes of v. */
static __always_inline void lanner_put_dyn(struct lanner_scratch *r, u8 idx,
					   u64 v, u32 len)
{
	u32 off, avail;

	if (!lanner_rec_space(r, &off, &avail))
		return;
	if (avail < 1 + len) {
		lanner_rec_overflow(r);
		return;
	}
	off &= LANNER_REC_MASK;
	r->buf[off] = idx;
	if (len == sizeof(u64))
		__builtin_memcpy(&r->buf[off + 1], &v, sizeof(u64));
	else
		r->buf[off + 1] = (u8)v;
	lanner_rec_commit(r, 1 + len);
}

static __always_inline void lanner_put_dyn_u64(struct lanner_scratch *r,
					       u64 v)
{
	lanner_put_dyn(r, PPM_PTRACE_IDX_UINT64, v, sizeof(u64));
}

static __always_inline void lanner_put_ptrace_data(struct lanner_scratch *r,
						   u16 req, unsigned long data)
{
	u64 word = 0;

	switch (req) {
	case PPM_PTRACE_PEEKTEXT:
	case PPM_PTRACE_PEEKDATA:
	case PPM_PTRACE_PEEKUSR:
		if (bpf_probe_read_user(&word, sizeof(word),
					(const void *)data)) {
			lanner_count_user_fault();
			word = 0;
		}
		lanner_put_dyn_u64(r, word);
		break;
	case PPM_PTRACE_CONT:
	case PPM_PTRACE_SINGLESTEP:
	case PPM_PTRACE_DETACH:
	case PPM_PTRACE_SYSCALL:
		lanner_put_dyn(r, PPM_PTRACE_IDX_SIGTYPE,
			       lanner_signal_arg(data), sizeof(u8));
		break;
	default:
		lanner_put_dyn_u64(r, data);
		break;
	}
}

LANNER_FILLER(ptrace)
{
	const unsigned long *a = s->args;
	u16 req = lanner_ptrace_req(a[0]);

	lanner_rec_put_s64(r, s->ret);
	if (s->ret < 0) {
		lanner_put_dyn_u64(r, 0);
		lanner_put_dyn_u64(r, 0);
	} else {
		lanner_put_dyn_u64(r, a[2]);
		lanner_put_ptrace_data(r, req, a[3]);
	}
	lanner_rec_put_u16(r, req);
	lanner_rec_put_s64(r, lanner_pid_arg(a[1]));
}

#endif /* LANNER_FILL_PTRACE_H */
