// SPDX-License-Identifier: GPL-2.0-only
/*
 * >= 4.11 (and RHEL 7.9): signal/rlimit helpers moved to
 * <linux/sched/signal.h>
 */
#include <linux/sched/signal.h>

unsigned long lanner_probe(void);
unsigned long lanner_probe(void)
{
	return rlimit(RLIMIT_NOFILE);
}
