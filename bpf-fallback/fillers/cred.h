/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fillers/cred.h - exit records of identity, capability, namespace,
 * signal and prctl syscalls: setuid, setgid, setresuid, setresgid,
 * setreuid, setregid, capset, setns, unshare, kill, tkill, tgkill, prctl.
 *
 * Owns: what kmod/fillers/cred.c owns, with the same conversions
 * (driver-common/lanner_flags.h): id arguments as the raw u32 passed
 * (-1 stays 0xffffffff), capset's capability sets of the caller's cred
 * after the call (also when it failed) cut to the bits lanner_abi.h
 * names, namespace flags as PPM_CL_*, signals as their u8 numbers, and
 * prctl's option-dependent arg2. Must never: write kernel memory, or read
 * more of a prctl name than TASK_COMM_LEN.
 */
#ifndef LANNER_FILL_CRED_H
#define LANNER_FILL_CRED_H

#include "filler.h"
#include "proc.h"

/* cap_inheritable, cap_permitted, cap_effective of cred (include/proc.h) */
static __always_inline void lanner_put_caps(struct lanner_scratch *r,
					    const struct cred *cred)
{
	lanner_rec_put_u64(r, lanner_cap_bits(lanner_cred_cap(cred,
							      LANNER_CAP_INH)));
	lanner_rec_put_u64(r, lanner_cap_bits(lanner_cred_cap(cred,
							      LANNER_CAP_PRM)));
	lanner_rec_put_u64(r, lanner_cap_bits(lanner_cred_cap(cred,
							      LANNER_CAP_EFF)));
}

static __always_inline void lanner_put_ids(struct lanner_scratch *r,
					   const struct lanner_sys *s,
					   u32 n)
{
	u32 i;

	lanner_rec_put_s64(r, s->ret);
	for (i = 0; i < n && i < 3; i++)
		lanner_rec_put_u32(r, lanner_id_arg(s->args[i]));
}

static __always_inline void lanner_put_prctl(struct lanner_scratch *r,
					     const struct lanner_sys *s)
{
	unsigned long arg2 = s->args[1];
	s32 v = 0;

	lanner_rec_put_s64(r, s->ret);
	lanner_rec_put_u32(r, lanner_prctl_option(s->args[0]));
	switch (s->args[0]) {
	case PR_SET_NAME:
	case PR_GET_NAME:
		lanner_rec_put_ustr(r, (const void *)arg2,
				    LANNER_MAX_COMM_LEN);
		lanner_rec_put_s64(r, 0);
		break;
	case PR_GET_CHILD_SUBREAPER:
		lanner_rec_put_empty(r);
		if (s->ret == 0 &&
		    bpf_probe_read_user(&v, sizeof(v), (const void *)arg2))
			v = 0;
		lanner_rec_put_s64(r, v);
		break;
	default:
		lanner_rec_put_empty(r);
		lanner_rec_put_s64(r, (s64)arg2);
		break;
	}
}

LANNER_FILLER(cred)
{
	const unsigned long *a = s->args;

	switch (s->type) {
	case PPME_SYSCALL_SETUID_X:
	case PPME_SYSCALL_SETGID_X:
		lanner_put_ids(r, s, 1);
		break;
	case PPME_SYSCALL_SETREUID_X:
	case PPME_SYSCALL_SETREGID_X:
		lanner_put_ids(r, s, 2);
		break;
	case PPME_SYSCALL_SETRESUID_X:
	case PPME_SYSCALL_SETRESGID_X:
		lanner_put_ids(r, s, 3);
		break;
	case PPME_SYSCALL_CAPSET_X:
		lanner_rec_put_s64(r, s->ret);
		lanner_put_caps(r, BPF_CORE_READ(lanner_current(), cred));
		break;
	case PPME_SYSCALL_SETNS_X:
		lanner_rec_put_s64(r, s->ret);
		lanner_rec_put_s64(r, lanner_fd_arg(a[0]));
		lanner_rec_put_u32(r, lanner_clone_flags(a[1]));
		break;
	case PPME_SYSCALL_UNSHARE_X:
		lanner_rec_put_s64(r, s->ret);
		lanner_rec_put_u32(r, lanner_clone_flags(a[0]));
		break;
	case PPME_SYSCALL_KILL_X:
	case PPME_SYSCALL_TKILL_X:
		lanner_rec_put_s64(r, s->ret);
		lanner_rec_put_s64(r, lanner_pid_arg(a[0]));
		lanner_rec_put_u8(r, lanner_signal_arg(a[1]));
		break;
	case PPME_SYSCALL_TGKILL_X:
		lanner_rec_put_s64(r, s->ret);
		lanner_rec_put_s64(r, lanner_pid_arg(a[0]));
		lanner_rec_put_s64(r, lanner_pid_arg(a[1]));
		lanner_rec_put_u8(r, lanner_signal_arg(a[2]));
		break;
	case PPME_SYSCALL_PRCTL_X:
		lanner_put_prctl(r, s);
		break;
	default:
		break;	/* wrong count: the record is dropped as INTERNAL */
	}
}

#endif /* LANNER_FILL_CRED_H */
