/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * filler.h - how a filler program is declared.
 *
 * Owns: LANNER_FILLER(family), which defines the family's body once and
 * two programs around it: fill_<family> (tp_btf/sys_exit) and
 * fill_<family>_raw (raw_tp/sys_exit). The sys_exit hook of the same
 * flavour tail-calls them through the prog array lanner_fill, which the
 * loader fills with the flavour it loaded, at the slot of the family in
 * driver-common/lanner_sys_events.h. A filler pushes exactly the
 * parameters of r->sys.type, in lanner_abi.h's order, like the module's
 * fillers. Must never: begin, finish or drop records itself.
 */
#ifndef LANNER_FILLER_H
#define LANNER_FILLER_H

#include "record.h"
#include "stash.h"
#include "task.h"

enum lanner_family {
#define LANNER_SYS_EVENT(nr, type, family)
#define LANNER_FILLER_FAMILY(name) LANNER_FAM_##name,
#include "lanner_sys_events.h"
#undef LANNER_SYS_EVENT
#undef LANNER_FILLER_FAMILY
	LANNER_NR_FAMILIES
};

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, LANNER_NR_FAMILIES);
	__type(key, u32);
	__type(value, u32);
} lanner_fill SEC(".maps");

#define LANNER_FILLER(fam)							\
static __always_inline void lanner_fill_##fam(struct lanner_scratch *r,	\
					      const struct lanner_sys *s);	\
static __always_inline int lanner_run_##fam(void *ctx)				\
{										\
	struct lanner_bpf_settings *set = lanner_settings_get();		\
	struct lanner_scratch *r = lanner_scratch_get();			\
										\
	if (!set || !r)								\
		return 0;							\
	if (lanner_rec_begin(r, set, r->sys.type, lanner_tid())) {		\
		lanner_fill_##fam(r, &r->sys);					\
		lanner_rec_finish(ctx, r);					\
	}									\
	lanner_stash_done(r->sys.nr);						\
	return 0;								\
}										\
SEC("tp_btf/sys_exit")								\
int fill_##fam(void *ctx)							\
{										\
	return lanner_run_##fam(ctx);						\
}										\
SEC("raw_tp/sys_exit")								\
int fill_##fam##_raw(void *ctx)							\
{										\
	return lanner_run_##fam(ctx);						\
}										\
static __always_inline void lanner_fill_##fam(struct lanner_scratch *r,	\
					      const struct lanner_sys *s)

#endif /* LANNER_FILLER_H */
