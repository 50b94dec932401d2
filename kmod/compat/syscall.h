/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * compat/syscall.h - syscall number, arguments and ABI of the current task.
 *
 * Owns: lanner_syscall_args() (probe SYSCALL_GET_ARGUMENTS_3: >= 5.1 the
 * call lost its i, n arguments), lanner_in_compat_syscall() (probe
 * IN_COMPAT_SYSCALL: >= 4.6, before is_compat_task()). Which 32-bit
 * calls are selected is ia32.c's. Must never: decode 32-bit arguments.
 */
#ifndef LANNER_COMPAT_SYSCALL_H
#define LANNER_COMPAT_SYSCALL_H

#include <linux/sched.h>
#include <linux/compat.h>
#include <linux/unistd.h>
#include <asm/syscall.h>

static inline void lanner_syscall_args(struct pt_regs *regs,
				       unsigned long args[6])
{
#ifdef HAS_SYSCALL_GET_ARGUMENTS_3
	syscall_get_arguments(current, regs, args);
#else
	syscall_get_arguments(current, regs, 0, 6, args);
#endif /* HAS_SYSCALL_GET_ARGUMENTS_3 */
}

static inline bool lanner_in_compat_syscall(void)
{
#ifdef HAS_IN_COMPAT_SYSCALL
	return in_compat_syscall();
#else
	return is_compat_task();
#endif /* HAS_IN_COMPAT_SYSCALL */
}

#endif /* LANNER_COMPAT_SYSCALL_H */
