// SPDX-License-Identifier: GPL-2.0-only
/*
 * >= 4.6 (and RHEL 7.9): in_compat_syscall(); before, is_compat_task()
 */
#include <linux/compat.h>

int lanner_probe(void);
int lanner_probe(void)
{
	return in_compat_syscall();
}
