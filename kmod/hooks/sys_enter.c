// SPDX-License-Identifier: GPL-2.0-only
/*
 * hooks/sys_enter.c - the raw_syscalls:sys_enter probe.
 *
 * Owns: the copy at enter of user-memory arguments (a path, a sockaddr,
 * struct open_how; which ones: driver-common/lanner_sys_events.h) so that
 * the exit record shows what the kernel was given, not what the buffer
 * holds after the syscall (see stash.c for the slots). Writes no record:
 * the one record of a syscall is built at sys_exit. Runs only for
 * syscalls the filter selects while capture is started; 32-bit syscalls
 * are not decoded.
 * Must never: sleep, fault, allocate, or touch a ring.
 */
#include <linux/unistd.h>
#include <asm/syscall.h>
#include "hooks.h"
#include "stash.h"
#include "compat/syscall.h"

/*
 * Which arguments to copy. Argument numbers are stored plus one so that
 * 0 means "none" and the rest of the table stays empty.
 */
struct lanner_enter_spec {
	u8 str;		/* 1 + index of a NUL-terminated path */
	u8 buf;		/* 1 + index of a buffer */
	u8 len;		/* 1 + index of the buffer's length, 0: use max */
	u8 max;		/* bytes of the buffer to keep at most */
};

/* Listed in driver-common/lanner_sys_events.h, shared with eBPF. */
static const struct lanner_enter_spec lanner_enter_specs[LANNER_NR_SYSCALLS] = {
#define LANNER_SYS_ENTER_COPY(nr, s, b, l, m) \
	[nr] = { .str = s, .buf = b, .len = l, .max = m },
#include "lanner_sys_events.h"
#undef LANNER_SYS_ENTER_COPY
};

void lanner_sys_enter_probe(void *data, struct pt_regs *regs, long id)
{
	const struct lanner_enter_spec *sp;
	unsigned long args[6];
	unsigned long str = 0, buf = 0;
	u32 len = 0;

	if (!lanner_started() || id < 0 || id >= LANNER_NR_SYSCALLS)
		return;
	sp = &lanner_enter_specs[id];
	if (!sp->str && !sp->buf)
		return;
	if (unlikely(lanner_in_compat_syscall()))
		return;
	if (!lanner_filter_has(lanner_filter(), id))
		return;
	lanner_syscall_args(regs, args);
	if (sp->str)
		str = args[sp->str - 1];
	if (sp->buf) {
		buf = args[sp->buf - 1];
		len = sp->len ? min_t(unsigned long, args[sp->len - 1], sp->max)
			      : sp->max;
	}
	lanner_stash_save(id, str, buf, len);
}
