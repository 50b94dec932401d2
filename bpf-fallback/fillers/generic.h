/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fillers/generic.h - the GENERIC_X record of a syscall without its own
 * event: ID, the portable PPM_SC_* code (driver-common/lanner_sc_codes.h,
 * the module's table), and nativeID. Must never: decode arguments.
 */
#ifndef LANNER_FILL_GENERIC_H
#define LANNER_FILL_GENERIC_H

#include "filler.h"

static const u16 lanner_sc_codes[LANNER_SYSCALL_MASK_WORDS * 64] = {
#define LANNER_SC_CODE(nr, code) \
	[nr] = code,
#include "lanner_sc_codes.h"
#undef LANNER_SC_CODE
};

static __always_inline u16 lanner_ppm_sc(long nr)
{
	if (nr < 0 || nr >= LANNER_SYSCALL_MASK_WORDS * 64)
		return PPM_SC_UNKNOWN;
	return lanner_sc_codes[LANNER_BOUND(nr, LANNER_SYSCALL_MASK_WORDS * 64 - 1)];
}

LANNER_FILLER(generic)
{
	lanner_rec_put_u16(r, lanner_ppm_sc(s->nr));
	lanner_rec_put_u16(r, (u16)s->nr);
}

#endif /* LANNER_FILL_GENERIC_H */
