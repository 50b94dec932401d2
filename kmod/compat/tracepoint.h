/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * compat/tracepoint.h - finding and (un)registering kernel tracepoints.
 *
 * Owns: struct lanner_tp and its lookup/register/unregister wrappers.
 * >= 3.15 (probe TRACEPOINT_BY_PTR) a tracepoint is found by name with
 * for_each_kernel_tracepoint() and registered by struct pointer; 3.10
 * registers by name. Must never: register anything itself (hooks/register.c
 * decides when).
 */
#ifndef LANNER_COMPAT_TRACEPOINT_H
#define LANNER_COMPAT_TRACEPOINT_H

#include <linux/tracepoint.h>
#include <linux/string.h>

struct lanner_tp {
	const char *name;
	void *probe;
#ifdef HAS_TRACEPOINT_BY_PTR
	struct tracepoint *tp;
#endif
	bool registered;
};

#ifdef HAS_TRACEPOINT_BY_PTR
struct lanner_tp_table {
	struct lanner_tp *tps;
	unsigned int n;
};

static inline void lanner_tp_match(struct tracepoint *tp, void *priv)
{
	struct lanner_tp_table *t = priv;
	unsigned int i;

	for (i = 0; i < t->n; i++)
		if (!t->tps[i].tp && strcmp(tp->name, t->tps[i].name) == 0)
			t->tps[i].tp = tp;
}
#endif /* HAS_TRACEPOINT_BY_PTR */

/* Resolves every tracepoint of tps[0..n); -ENOENT names the first missing. */
static inline int lanner_tp_lookup(struct lanner_tp *tps, unsigned int n,
				   const char **missing)
{
#ifdef HAS_TRACEPOINT_BY_PTR
	struct lanner_tp_table t = { .tps = tps, .n = n };
	unsigned int i;

	for_each_kernel_tracepoint(lanner_tp_match, &t);
	for (i = 0; i < n; i++) {
		if (!tps[i].tp) {
			*missing = tps[i].name;
			return -ENOENT;
		}
	}
#endif /* HAS_TRACEPOINT_BY_PTR */
	return 0;
}

static inline int lanner_tp_register(struct lanner_tp *t)
{
#ifdef HAS_TRACEPOINT_BY_PTR
	return tracepoint_probe_register(t->tp, t->probe, NULL);
#else
	return tracepoint_probe_register(t->name, t->probe, NULL);
#endif /* HAS_TRACEPOINT_BY_PTR */
}

static inline void lanner_tp_unregister(struct lanner_tp *t)
{
#ifdef HAS_TRACEPOINT_BY_PTR
	tracepoint_probe_unregister(t->tp, t->probe, NULL);
#else
	tracepoint_probe_unregister(t->name, t->probe, NULL);
#endif /* HAS_TRACEPOINT_BY_PTR */
}

#endif /* LANNER_COMPAT_TRACEPOINT_H */
