// SPDX-License-Identifier: GPL-2.0-only
/*
 * fillers/ptrace.c - the ptrace exit record.
 *
 * Owns: the request as PPM_PTRACE_* and the "addr"/"data" PT_DYN
 * parameters: one index byte (PPM_PTRACE_IDX_*) then the value. data is
 * the word read for PEEK* requests, the signal for the resuming requests
 * (CONT, SINGLESTEP, DETACH, SYSCALL), the raw argument otherwise; both
 * are index UINT64 with value 0 when the call failed. Must never: fault
 * (the peeked word is read with the nofault helper; unreadable -> 0 and
 * a counted user fault).
 */
#include <linux/ptrace.h>
#include "fillers.h"
#include "compat/uaccess.h"

struct lanner_req {
	u32 kernel;
	u16 ppm;
};

/* uapi request numbers (linux/ptrace.h, asm/ptrace-abi.h) -> PPM_PTRACE_* */
static const struct lanner_req lanner_ptrace_reqs[] = {
	{ PTRACE_TRACEME, PPM_PTRACE_TRACEME },
	{ PTRACE_PEEKTEXT, PPM_PTRACE_PEEKTEXT },
	{ PTRACE_PEEKDATA, PPM_PTRACE_PEEKDATA },
	{ PTRACE_PEEKUSR, PPM_PTRACE_PEEKUSR },
	{ PTRACE_POKETEXT, PPM_PTRACE_POKETEXT },
	{ PTRACE_POKEDATA, PPM_PTRACE_POKEDATA },
	{ PTRACE_POKEUSR, PPM_PTRACE_POKEUSR },
	{ PTRACE_CONT, PPM_PTRACE_CONT },
	{ PTRACE_KILL, PPM_PTRACE_KILL },
	{ PTRACE_SINGLESTEP, PPM_PTRACE_SINGLESTEP },
	{ PTRACE_ATTACH, PPM_PTRACE_ATTACH },
	{ PTRACE_DETACH, PPM_PTRACE_DETACH },
	{ PTRACE_SYSCALL, PPM_PTRACE_SYSCALL },
	{ PTRACE_SETOPTIONS, PPM_PTRACE_SETOPTIONS },
	{ PTRACE_GETEVENTMSG, PPM_PTRACE_GETEVENTMSG },
	{ PTRACE_GETSIGINFO, PPM_PTRACE_GETSIGINFO },
	{ PTRACE_SETSIGINFO, PPM_PTRACE_SETSIGINFO },
	{ 0x4204, PPM_PTRACE_GETREGSET },	/* PTRACE_GETREGSET */
	{ 0x4205, PPM_PTRACE_SETREGSET },	/* PTRACE_SETREGSET */
	{ 0x4206, PPM_PTRACE_SEIZE },		/* PTRACE_SEIZE */
	{ 0x4207, PPM_PTRACE_INTERRUPT },	/* PTRACE_INTERRUPT */
	{ 0x4208, PPM_PTRACE_LISTEN },		/* PTRACE_LISTEN */
	{ 0x4209, PPM_PTRACE_PEEKSIGINFO },	/* PTRACE_PEEKSIGINFO, 3.10 */
	{ 0x420a, PPM_PTRACE_GETSIGMASK },	/* PTRACE_GETSIGMASK, 3.11 */
	{ 0x420b, PPM_PTRACE_SETSIGMASK },	/* PTRACE_SETSIGMASK, 3.11 */
#ifdef CONFIG_X86
	{ 12, PPM_PTRACE_GETREGS },		/* asm/ptrace-abi.h (x86) */
	{ 13, PPM_PTRACE_SETREGS },
	{ 14, PPM_PTRACE_GETFPREGS },
	{ 15, PPM_PTRACE_SETFPREGS },
	{ 18, PPM_PTRACE_GETFPXREGS },
	{ 19, PPM_PTRACE_SETFPXREGS },
	{ 21, PPM_PTRACE_OLDSETOPTIONS },
	{ 25, PPM_PTRACE_GET_THREAD_AREA },
	{ 26, PPM_PTRACE_SET_THREAD_AREA },
	{ 30, PPM_PTRACE_ARCH_PRCTL },
	{ 31, PPM_PTRACE_SYSEMU },
	{ 32, PPM_PTRACE_SYSEMU_SINGLESTEP },
	{ 33, PPM_PTRACE_SINGLEBLOCK },
#endif
};

static u16 lanner_ptrace_req(unsigned long req)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(lanner_ptrace_reqs); i++)
		if (lanner_ptrace_reqs[i].kernel == req)
			return lanner_ptrace_reqs[i].ppm;
	return PPM_PTRACE_UNKNOWN;
}

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
	lanner_rec_put_s64(r, (s32)a[1]);
}
