// SPDX-License-Identifier: GPL-2.0-only
/*
 * hooks/sys_exit.c - the raw_syscalls:sys_exit probe.
 *
 * Owns: the expansion of the native syscall -> event table (listed in
 * driver-common/lanner_sys_events.h), the filter decision for
 * syscalls (mask bit, DROP_FAILED), suppression of successful execs (they
 * come from sched_process_exec), counting selected 32-bit syscalls as
 * LANNER_DROP_COMPAT, and writing one exit record per selected syscall
 * (GENERIC_X for a syscall that has no event of its own).
 * Must never: sleep, fault, allocate, or decode a compat syscall with
 * native argument layouts.
 */
#include <linux/unistd.h>
#include <asm/syscall.h>
#include "hooks.h"
#include "fillers/fillers.h"
#include "compat/syscall.h"

typedef void (*lanner_sys_filler)(struct lanner_rec *r,
				  const struct lanner_sys *s);

/* Filler families in the order of the shared list (BPF's tail calls). */
enum lanner_filler_family {
#define LANNER_FILLER_FAMILY(name) LANNER_FAMILY_##name,
#include "lanner_sys_events.h"
#undef LANNER_FILLER_FAMILY
	LANNER_NR_FAMILIES
};

/*
 * family is not used at run time: naming it makes the build fail when
 * lanner_sys_events.h uses a family its family list lacks.
 */
struct lanner_sys_event {
	u16 type;
	u8 family;
	lanner_sys_filler fill;
};

/* The native syscall -> event table, shared with the eBPF fallback. */
static const struct lanner_sys_event lanner_sys_events[LANNER_NR_SYSCALLS] = {
#define LANNER_SYS_EVENT(nr, type, family) \
	[nr] = { type, LANNER_FAMILY_##family, lanner_fill_##family },
#include "lanner_sys_events.h"
#undef LANNER_SYS_EVENT
};

static const struct lanner_sys_event lanner_sys_generic = {
	PPME_GENERIC_X, LANNER_FAMILY_generic, lanner_fill_generic
};

static bool lanner_is_exec(u16 type)
{
	return type == PPME_SYSCALL_EXECVE_19_X ||
	       type == PPME_SYSCALL_EXECVEAT_X;
}

void lanner_sys_exit_probe(void *data, struct pt_regs *regs, long ret)
{
	const struct lanner_sys_event *ev;
	struct lanner_sys sys;
	struct lanner_hook h;
	struct lanner_rec r;
	long nr;

	if (!lanner_hook_begin(&h))
		return;
	nr = syscall_get_nr(current, regs);
	if (unlikely(lanner_in_compat_syscall())) {
		if (lanner_compat_selected(h.filter, nr))
			lanner_ring_drop(h.ring, LANNER_DROP_COMPAT);
		goto out;
	}
	if (!lanner_filter_has(h.filter, nr))
		goto out;
	ev = &lanner_sys_events[nr];
	if (!ev->fill)
		ev = &lanner_sys_generic;	/* no event of its own */
	if (ret < 0 && (READ_ONCE(h.filter->flags) & LANNER_FILTER_DROP_FAILED))
		goto out;
	if (ret == 0 && lanner_is_exec(ev->type))
		goto out;	/* recorded by the sched_process_exec probe */
	if (!lanner_ring_enter(h.ring))
		goto out;

	sys.nr = nr;
	sys.ret = ret;
	sys.type = ev->type;
	lanner_syscall_args(regs, sys.args);
	if (lanner_rec_begin(&r, h.ring, ev->type, current->pid)) {
		ev->fill(&r, &sys);
		lanner_rec_finish(&r);
	}
	lanner_ring_exit(h.ring);
out:
	lanner_hook_end(&h);
}
