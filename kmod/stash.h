/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * stash.h - syscall arguments copied at sys_enter for the exit record.
 *
 * Owns: the API between the sys_enter probe, which copies the user
 * memory a syscall is about to use (a path, a sockaddr, a small struct),
 * and the exit fillers, which prefer that copy to re-reading user memory
 * the task may have changed meanwhile (time-of-check/time-of-use). Design
 * and limits: stash.c. Must never: be needed for a record to be built (a
 * missing copy means "read user memory now"), sleep, or allocate in a
 * probe.
 */
#ifndef LANNER_STASH_H
#define LANNER_STASH_H

#include <linux/types.h>

#define LANNER_STASH_BUF_MAX 128	/* sockaddr_storage; open_how is 24 */

/* Device open/close: before the probes attach, after they are drained. */
int lanner_stash_alloc(void);
void lanner_stash_free(void);

/*
 * sys_enter: copies the string at user address `str` (0: none, at most
 * LANNER_MAX_PATH_LEN bytes) and `buf_len` bytes at `buf` (0: none, at
 * most LANNER_STASH_BUF_MAX) for syscall `nr` of the current task.
 * Best effort: nothing is kept when no slot is free or memory unreadable.
 */
void lanner_stash_save(long nr, unsigned long str, unsigned long buf,
		       u32 buf_len);

/*
 * sys_exit: the string the current task's syscall `nr` had at `str` on
 * enter, copied into dst (max bytes); returns its length with the NUL,
 * -ENOSPC if it needs more than max, or -ENOENT if there is no copy (read
 * user memory instead).
 */
long lanner_stash_str(long nr, unsigned long str, char *dst, u32 max);

/* Same for the buffer at `buf`: bytes copied (<= max), or -ENOENT. */
long lanner_stash_buf(long nr, unsigned long buf, void *dst, u32 max);

/* sys_exit: the copy of syscall `nr` is no longer needed. */
void lanner_stash_done(long nr);

#endif /* LANNER_STASH_H */
