// SPDX-License-Identifier: GPL-2.0-only
/*
 * >= 6.3: kernel_cap_t is { u64 val; } instead of { u32 cap[2]; }
 */
#include <linux/capability.h>

u64 lanner_probe(const kernel_cap_t *c);
u64 lanner_probe(const kernel_cap_t *c)
{
	return c->val;
}
