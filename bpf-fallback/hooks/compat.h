/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hooks/compat.h - which 32-bit (ia32) syscalls the consumer selected.
 *
 * Owns: the BPF side of the module's ia32.c, from the same table
 * (driver-common/lanner_ia32.h, ia32 numbers generated into lanner_uapi.h
 * as __NR_ia32_*). Must never: decode a 32-bit call.
 */
#ifndef LANNER_HOOK_COMPAT_H
#define LANNER_HOOK_COMPAT_H

#include "lanner_bpf.h"

static __always_inline bool lanner_compat_selected(const struct lanner_filter *f,
						   long nr)
{
	return false;	/* TODO wired to driver-common/lanner_ia32.h */
}

#endif /* LANNER_HOOK_COMPAT_H */
