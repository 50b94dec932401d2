// SPDX-License-Identifier: GPL-2.0-only
/*
 * ia32.c - which 32-bit (ia32) syscalls the consumer selected.
 *
 * Owns: the expansion of the map from the ia32 numbers of the syscalls
 * that have events of their own to their native numbers, and of the
 * socket syscalls socketcall(2) stands for (both listed in
 * driver-common/lanner_ia32.h, shared with the eBPF fallback; the numbers
 * come from the target kernel's generated unistd_32_ia32.h, so a kernel
 * without a syscall has no entry), and the decision itself. A selected
 * 32-bit syscall is counted as LANNER_DROP_COMPAT by the sys_exit hook:
 * lanner decodes only native layouts, and nothing may be lost silently.
 * Syscalls without an event of their own are not mapped: their 32-bit
 * calls are not counted. Must never: decode a 32-bit call.
 */
#include <linux/kernel.h>
#include <linux/unistd.h>
#include "lanner.h"

#if defined(CONFIG_X86_64) && defined(CONFIG_IA32_EMULATION)
#include <asm/unistd_32_ia32.h>

/* ia32 number -> native number + 1; 0: not mapped */
static const u16 lanner_ia32_native[] = {
#define LANNER_IA32_SYSCALL(ia32, native) \
	[ia32] = (native) + 1,
#include "lanner_ia32.h"
#undef LANNER_IA32_SYSCALL
};

static const u16 lanner_socketcall_natives[] = {
#define LANNER_IA32_SOCKETCALL(native) native,
#include "lanner_ia32.h"
#undef LANNER_IA32_SOCKETCALL
};

bool lanner_compat_selected(const struct lanner_filter *f, long nr)
{
	unsigned int i;

	if (nr == __NR_ia32_socketcall) {
		for (i = 0; i < ARRAY_SIZE(lanner_socketcall_natives); i++)
			if (lanner_filter_has(f, lanner_socketcall_natives[i]))
				return true;
		return false;
	}
	if (nr < 0 || nr >= ARRAY_SIZE(lanner_ia32_native) ||
	    !lanner_ia32_native[nr])
		return false;
	return lanner_filter_has(f, lanner_ia32_native[nr] - 1);
}
#else
bool lanner_compat_selected(const struct lanner_filter *f, long nr)
{
	return false;
}
#endif /* CONFIG_X86_64 && CONFIG_IA32_EMULATION */
