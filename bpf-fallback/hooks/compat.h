/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hooks/compat.h - which 32-bit (ia32) syscalls the consumer selected.
 *
 * Owns: the BPF side of the module's ia32.c, from the same lists
 * (driver-common/lanner_ia32.h; the ia32 numbers are generated into
 * lanner_uapi.h as __NR_ia32_*). A selected 32-bit syscall is counted as
 * LANNER_DROP_COMPAT by the sys_exit hook. Must never: decode a 32-bit
 * call.
 */
#ifndef LANNER_HOOK_COMPAT_H
#define LANNER_HOOK_COMPAT_H

#include "lanner_bpf.h"

#define LANNER_IA32_MAX 512	/* ia32 numbers are below 512 */

/* ia32 number -> native number + 1; 0: not mapped */
static const u16 lanner_ia32_native[LANNER_IA32_MAX] = {
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

static __always_inline bool lanner_compat_selected(const struct lanner_filter *f,
						   long nr)
{
	u32 i;
	u16 native;

	if (nr == __NR_ia32_socketcall) {
		for (i = 0; i < LANNER_ARRAY_SIZE(lanner_socketcall_natives); i++)
			if (lanner_filter_has(f, lanner_socketcall_natives[i]))
				return true;
		return false;
	}
	if (nr < 0 || nr >= LANNER_IA32_MAX)
		return false;
	native = lanner_ia32_native[LANNER_BOUND(nr, LANNER_IA32_MAX - 1)];
	return native && lanner_filter_has(f, native - 1);
}

#endif /* LANNER_HOOK_COMPAT_H */
