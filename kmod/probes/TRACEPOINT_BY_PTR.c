// SPDX-License-Identifier: GPL-2.0-only
/*
 * >= 3.15: tracepoints are found with for_each_kernel_tracepoint() and
 * registered by struct pointer; 3.10 registers them by name.
 */
#include <linux/tracepoint.h>

static void lanner_probe_fn(struct tracepoint *tp, void *priv)
{
	tracepoint_probe_register(tp, NULL, priv);
}

void lanner_probe(void);
void lanner_probe(void)
{
	for_each_kernel_tracepoint(lanner_probe_fn, NULL);
}
