// SPDX-License-Identifier: GPL-2.0-only
/*
 * fillers/generic.c - the GENERIC_X record of a syscall without its own
 * event.
 *
 * Owns: the two parameters Falco gives it: ID, the portable PPM_SC_* code
 * of the syscall (syscall_codes.c; PPM_SC_UNKNOWN for a number it does not
 * know), and nativeID, the native syscall number. Must never: decode the
 * syscall's arguments (a syscall worth decoding gets its own event).
 */
#include "fillers.h"

void lanner_fill_generic(struct lanner_rec *r, const struct lanner_sys *s)
{
	lanner_rec_put_u16(r, lanner_ppm_sc(s->nr));
	lanner_rec_put_u16(r, (u16)s->nr);
}
