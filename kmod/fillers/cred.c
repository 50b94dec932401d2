// SPDX-License-Identifier: GPL-2.0-only
/*
 * fillers/cred.c - exit records of identity, capability, namespace,
 * signal and prctl syscalls: setuid, setgid, setresuid, setresgid,
 * setreuid, setregid, capset, setns, unshare, kill, tkill, tgkill, prctl.
 *
 * Owns: their parameters in Falco's order. Id arguments are sent as the
 * raw u32 the caller passed (-1 stays 0xffffffff: "unchanged"); capset
 * reports the caller's capability sets after the call (also when it
 * failed), masked to the bits lanner_abi.h names; namespace flags are
 * PPM_CL_*; signals are their u8 numbers. Must never: sleep or fault
 * (a task reads its own creds without locks; user memory only through
 * the nofault helpers).
 */
#include <linux/cred.h>
#include <linux/prctl.h>
#include "fillers.h"
#include "compat/task.h"
#include "compat/uaccess.h"

static void lanner_put_ids(struct lanner_rec *r, const struct lanner_sys *s,
			   unsigned int n)
{
	unsigned int i;

	lanner_rec_put_s64(r, s->ret);
	for (i = 0; i < n; i++)
		lanner_rec_put_u32(r, lanner_id_arg(s->args[i]));
}

/* cap_inheritable, cap_permitted, cap_effective of `cred` (also exec's) */
void lanner_put_caps(struct lanner_rec *r, const struct cred *cred)
{
	lanner_rec_put_u64(r,
			   lanner_cap_bits(lanner_cap_u64(&cred->cap_inheritable)));
	lanner_rec_put_u64(r,
			   lanner_cap_bits(lanner_cap_u64(&cred->cap_permitted)));
	lanner_rec_put_u64(r,
			   lanner_cap_bits(lanner_cap_u64(&cred->cap_effective)));
}

static void lanner_put_prctl(struct lanner_rec *r, const struct lanner_sys *s)
{
	unsigned long arg2 = s->args[1];
	s32 v = 0;

	lanner_rec_put_s64(r, s->ret);
	lanner_rec_put_u32(r, lanner_prctl_option(s->args[0]));
	switch (s->args[0]) {
	case PR_SET_NAME:
	case PR_GET_NAME:
		lanner_rec_put_ustr(r, (const char __user *)arg2,
				    LANNER_MAX_COMM_LEN);
		lanner_rec_put_s64(r, 0);
		break;
	case PR_GET_CHILD_SUBREAPER:
		lanner_rec_put_empty(r);
		if (s->ret == 0 &&
		    lanner_copy_from_user_nofault(&v, (const void __user *)arg2,
						  sizeof(v)))
			v = 0;
		lanner_rec_put_s64(r, v);
		break;
	default:
		lanner_rec_put_empty(r);
		lanner_rec_put_s64(r, (s64)arg2);
		break;
	}
}

void lanner_fill_cred(struct lanner_rec *r, const struct lanner_sys *s)
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
		lanner_put_caps(r, current_cred());
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
