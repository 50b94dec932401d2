// SPDX-License-Identifier: GPL-2.0-only
/*
 * syscall_codes.c - native syscall number to Falco's portable PPM_SC_*
 * code, the "ID" of GENERIC_X records.
 *
 * Owns: the lookup in the x86_64 table, which is listed (with its rules)
 * in driver-common/lanner_sc_codes.h, shared with the eBPF fallback;
 * numbers beyond the table give PPM_SC_UNKNOWN. Other architectures get
 * PPM_SC_UNKNOWN for every syscall until they have a table. Must never:
 * guess a code.
 */
#include <linux/kernel.h>
#include <linux/unistd.h>
#include "lanner.h"

#ifdef CONFIG_X86_64
static const u16 lanner_sc_codes[LANNER_NR_SYSCALLS] = {
#define LANNER_SC_CODE(nr, code) \
	[nr] = code,
#include "lanner_sc_codes.h"
#undef LANNER_SC_CODE
};

u16 lanner_ppm_sc(long nr)
{
	if (nr < 0 || nr >= ARRAY_SIZE(lanner_sc_codes))
		return PPM_SC_UNKNOWN;
	return lanner_sc_codes[nr];
}
#else
u16 lanner_ppm_sc(long nr)
{
	return PPM_SC_UNKNOWN;
}
#endif /* CONFIG_X86_64 */
