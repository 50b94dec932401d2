/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * user.h - parameters read from the calling process's memory.
 *
 * Owns: user paths (what the module's lanner_put_upath() pushes) and
 * other argument-pointed data shared by several families. Reads never
 * fault: bpf_probe_read_user*, an unreadable pointer gives an empty
 * parameter and a counted user fault (record.h). Must never: read more
 * than the parameter's limit.
 */
#ifndef LANNER_USER_H
#define LANNER_USER_H

#include "record.h"
#include "stash.h"

/*
 * Syscall argument i, a path of at most LANNER_MAX_PATH_LEN bytes with
 * its NUL: the
 * copy taken at sys_enter when there is one (what the kernel was given),
 * else read from user memory now.
 */
static __always_inline void lanner_put_upath(struct lanner_scratch *r,
					     const struct lanner_sys *s,
					     unsigned int i)
{
	unsigned long arg = s->args[i < 6 ? i : 5];
	struct lanner_stash *st = lanner_stash_get(s->nr);
	u32 off, avail, n;

	if (st && st->str_len && st->str_ptr == arg) {
		if (!lanner_rec_space(r, &off, &avail))
			return;
		n = st->str_len;
		if (n > avail) {
			lanner_rec_overflow(r);
			return;
		}
		if (n > LANNER_MAX_PATH_LEN ||
		    bpf_probe_read_kernel(&r->buf[off], n, st->str))
			n = 0;
		lanner_rec_commit(r, n);
		return;
	}
	lanner_rec_put_ustr(r, (const void *)arg, LANNER_MAX_PATH_LEN);
}

#endif /* LANNER_USER_H */
