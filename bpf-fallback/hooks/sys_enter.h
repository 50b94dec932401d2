/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hooks/sys_enter.h - the raw_syscalls:sys_enter hook (tp_btf and raw_tp
 * flavours).
 *
 * Owns: what the module's hooks/sys_enter.c owns: for a selected syscall
 * listed by LANNER_SYS_ENTER_COPY, the copy of its path and/or buffer
 * into the stash (include/stash.h), built in the CPU's scratch and stored
 * under the thread id. Writes no record. Must never: copy for a syscall
 * the filter does not select, or for a 32-bit syscall.
 */
#ifndef LANNER_HOOK_SYS_ENTER_H
#define LANNER_HOOK_SYS_ENTER_H

#include "stash.h"
#include "task.h"

static __always_inline unsigned long lanner_reg_arg(struct pt_regs *regs,
						    u8 i)
{
	switch (i) {
	case 0: return BPF_CORE_READ(regs, di);
	case 1: return BPF_CORE_READ(regs, si);
	case 2: return BPF_CORE_READ(regs, dx);
	case 3: return BPF_CORE_READ(regs, r10);
	case 4: return BPF_CORE_READ(regs, r8);
	default: return BPF_CORE_READ(regs, r9);
	}
}

static __always_inline int lanner_sys_enter(struct pt_regs *regs, long id)
{
	struct lanner_bpf_settings *set = lanner_settings_get();
	const struct lanner_enter_spec *sp;
	struct lanner_scratch *r;
	struct lanner_stash *st;
	u32 tid = (u32)bpf_get_current_pid_tgid();
	unsigned long len;
	long n;

	if (!set || !set->started || !lanner_stash_wanted(id))
		return 0;
	if (lanner_in_compat_syscall() || !lanner_filter_has(&set->filter, id))
		return 0;
	sp = &lanner_enter_specs[LANNER_BOUND(id, LANNER_SYSCALL_MASK_WORDS * 64 - 1)];
	r = lanner_scratch_get();
	if (!r)
		return 0;
	st = (struct lanner_stash *)r->tmp;
	st->nr = id;
	st->str_ptr = 0;
	st->buf_ptr = 0;
	st->str_len = 0;
	st->buf_len = 0;
	if (sp->str) {
		st->str_ptr = lanner_reg_arg(regs, sp->str - 1);
		n = bpf_probe_read_user_str(st->str, sizeof(st->str),
					    (const void *)st->str_ptr);
		if (n > 0)
			st->str_len = n;
	}
	if (sp->buf) {
		st->buf_ptr = lanner_reg_arg(regs, sp->buf - 1);
		len = sp->len ? lanner_reg_arg(regs, sp->len - 1) : sp->max;
		if (len > sp->max)
			len = sp->max;
		if (len > LANNER_STASH_BUF_MAX)
			len = LANNER_STASH_BUF_MAX;
		if (len && !bpf_probe_read_user(st->buf, len,
						(const void *)st->buf_ptr))
			st->buf_len = len;
	}
	if (!st->str_len && !st->buf_len)
		return 0;
	bpf_map_update_elem(&lanner_stash, &tid, st, BPF_ANY);
	return 0;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(sys_enter, struct pt_regs *regs, long id)
{
	return lanner_sys_enter(regs, id);
}

SEC("raw_tp/sys_enter")
int sys_enter_raw(struct bpf_raw_tracepoint_args *ctx)
{
	return lanner_sys_enter((struct pt_regs *)ctx->args[0],
				(long)ctx->args[1]);
}

#endif /* LANNER_HOOK_SYS_ENTER_H */
