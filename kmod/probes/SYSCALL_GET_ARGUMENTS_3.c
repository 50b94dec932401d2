// SPDX-License-Identifier: GPL-2.0-only
/*
 * >= 5.1: syscall_get_arguments(task, regs, args) without i, n
 */
#include <linux/sched.h>
#include <asm/syscall.h>

unsigned long lanner_probe(struct pt_regs *regs);
unsigned long lanner_probe(struct pt_regs *regs)
{
	unsigned long args[6];

	syscall_get_arguments(current, regs, args);
	return args[0];
}
