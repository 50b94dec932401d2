/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * compat/syscall.h - syscall number, arguments and ABI of the current task.
 *
 * Owns: lanner_syscall_args() (probe SYSCALL_GET_ARGUMENTS_3: >= 5.1 the
 * call lost its i, n arguments), lanner_in_compat_syscall() (probe
 * IN_COMPAT_SYSCALL: >= 4.6, before is_compat_task()), and the map from
 * the ia32 numbers of the syscalls lanner decodes to native numbers, so a
 * 32-bit call the consumer selected is counted as LANNER_DROP_COMPAT.
 * Must never: decode 32-bit arguments (not supported in this cut).
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

/*
 * Native number of a 32-bit syscall lanner would decode, or -1. The ia32
 * numbers are fixed by the i386 ABI.
 */
static inline long lanner_compat_to_native(long nr)
{
#if defined(CONFIG_X86_64) && defined(CONFIG_IA32_EMULATION)
	switch (nr) {
	case 2:
		return __NR_fork;
	case 5:
		return __NR_open;
	case 11:
		return __NR_execve;
	case 120:
		return __NR_clone;
	case 190:
		return __NR_vfork;
	case 295:
		return __NR_openat;
#ifdef __NR_execveat
	case 358:
		return __NR_execveat;
#endif
#ifdef __NR_clone3
	case 435:
		return __NR_clone3;
#endif
#ifdef __NR_openat2
	case 437:
		return __NR_openat2;
#endif
	}
#endif /* CONFIG_X86_64 && CONFIG_IA32_EMULATION */
	return -1;
}

#endif /* LANNER_COMPAT_SYSCALL_H */
