// SPDX-License-Identifier: GPL-2.0-only
/*
 * flags.c - the module's one instantiation of driver-common/lanner_flags.h,
 * the kernel value -> PPM_* conversions shared with the eBPF fallback.
 *
 * Owns: the kernel headers those conversions take their constants from
 * (O_*, S_I*, CLONE_*, F_*, AT_*, PTRACE_*, PR_*, AF_*, SOCK_*), and the
 * storage class: external linkage for the conversions, which lanner.h
 * declares (the header's helpers and tables stay static). Checks at
 * build time that the header's spelled-out kernel numbers match this
 * kernel's. Must never: define a conversion itself (they live only in
 * lanner_flags.h, so both drivers encode every parameter the same way).
 */
#include <linux/fcntl.h>
#include <linux/stat.h>
#include <linux/sched.h>
#include <linux/ptrace.h>
#include <linux/prctl.h>
#include <linux/socket.h>
#include <linux/net.h>
#include <linux/kdev_t.h>
#include <linux/fs.h>
#include "lanner.h"

#define LANNER_SHARED		/* external linkage: declared in lanner.h */
#include "lanner_flags.h"

_Static_assert(LANNER_KDEV_MINORBITS == MINORBITS, "kernel dev_t layout");
_Static_assert(LANNER_MNT_FORCE == MNT_FORCE, "umount2 flags");
_Static_assert(LANNER_MNT_DETACH == MNT_DETACH, "umount2 flags");
_Static_assert(LANNER_MNT_EXPIRE == MNT_EXPIRE, "umount2 flags");
_Static_assert(LANNER_UMOUNT_NOFOLLOW == UMOUNT_NOFOLLOW, "umount2 flags");
#ifdef RENAME_NOREPLACE
_Static_assert(LANNER_RENAME_NOREPLACE == RENAME_NOREPLACE, "renameat2 flags");
_Static_assert(LANNER_RENAME_EXCHANGE == RENAME_EXCHANGE, "renameat2 flags");
_Static_assert(LANNER_RENAME_WHITEOUT == RENAME_WHITEOUT, "renameat2 flags");
#endif
