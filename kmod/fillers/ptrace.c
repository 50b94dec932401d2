// SPDX-License-Identifier: GPL-2.0-only
/*
 * fillers/ptrace.c - the ptrace exit record.
 *
 * Owns: the request as PPM_PTRACE_* (lanner_ptrace_req, defined in
 * driver-common/lanner_flags.h) and the "addr"/"data" PT_DYN parameters:
 * one index byte (PPM_PTRACE_IDX_*) then the value. data is the word read
 * for PEEK* requests, the signal for the resuming requests (CONT,
 * SINGLESTEP, DETACH, SYSCALL), the raw argument otherwise; both are
 * index UINT64 with value 0 when the call failed. Must never: fault (the
 * peeked word is read with the nofault helper; unreadable -> 0 and a
 * counted user fault).
 */
#include "fillers.h"
#include "compat/uaccess.h"

static void lanner_put_dyn_u64(struct lanner_rec *r, u64 v)
{
	u8 b[1 + sizeof(u64)];

	b[0] = PPM_PTRACE_IDX_UINT64;
	memcpy(&b[1], &v, sizeof(v));
	lanner_rec_put_raw(r, b, sizeof(b));
}

static void lanner_put_dyn_sig(struct lanner_rec *r, u8 sig)
{
	u8 b[2] = { PPM_PTRACE_IDX_SIGTYPE, sig };

	lanner_rec_put_raw(r, b, sizeof(b));
}

static void lanner_put_ptrace_data(struct lanner_rec *r, u16 req,
				   unsigned long data)
{
	u64 word = 0;

	switch (req) {
	case PPM_PTRACE_PEEKTEXT:
	case PPM_PTRACE_PEEKDATA:
	case PPM_PTRACE_PEEKUSR:
		if (lanner_copy_from_user_nofault(&word,
				(const void __user *)data, sizeof(word))) {
			lanner_rec_user_fault(r);
			word = 0;
		}
		lanner_put_dyn_u64(r, word);
		break;
	case PPM_PTRACE_CONT:
	case PPM_PTRACE_SINGLESTEP:
	case PPM_PTRACE_DETACH:
	case PPM_PTRACE_SYSCALL:
		lanner_put_dyn_sig(r, (u8)data);
		break;
	default:
		lanner_put_dyn_u64(r, data);
		break;
	}
}

void lanner_fill_ptrace(struct lanner_rec *r, const struct lanner_sys *s)
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
