/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fillers/open.h - open, openat, openat2 and creat exit records.
 *
 * Owns: what kmod/fillers/open.c owns, with the same conversions
 * (driver-common/lanner_flags.h): fd, dirfd, name, flags (+
 * PPM_O_F_CREATED), mode, openat2's resolve, dev and ino of the opened
 * file. Must never: resolve the path in the kernel.
 */
#ifndef LANNER_FILL_OPEN_H
#define LANNER_FILL_OPEN_H

#include "filler.h"
#include "user.h"

/* struct open_how (uapi/linux/openat2.h): fixed 24-byte ABI. */
struct lanner_open_how {
	u64 flags;
	u64 mode;
	u64 resolve;
};

static __always_inline void lanner_read_open_how(const struct lanner_sys *s,
						 struct lanner_open_how *how)
{
	const void *u = (const void *)s->args[2];

	how->flags = 0;
	how->mode = 0;
	how->resolve = 0;
	if (!u || s->args[3] < sizeof(*how))
		return;
	if (lanner_stash_buf(s->nr, s->args[2], how, sizeof(*how)) ==
	    sizeof(*how))
		return;
	if (bpf_probe_read_user(how, sizeof(*how), u)) {
		lanner_count_user_fault();
		how->flags = 0;
		how->mode = 0;
		how->resolve = 0;
	}
}

LANNER_FILLER(open)
{
	const unsigned long *a = s->args;
	struct lanner_open_how how;
	struct lanner_fd_info fi;

	lanner_fd_info(s->ret, &fi);
	lanner_rec_put_s64(r, s->ret);
	switch (s->type) {
	case PPME_SYSCALL_OPEN_X:
		lanner_put_upath(r, s, 0);
		lanner_rec_put_u32(r, lanner_opened_flags(a[1], fi.created));
		lanner_rec_put_u32(r, lanner_open_mode(a[1], a[2]));
		break;
	case PPME_SYSCALL_OPENAT_2_X:
		lanner_rec_put_s64(r, lanner_dirfd_arg(a[0]));
		lanner_put_upath(r, s, 1);
		lanner_rec_put_u32(r, lanner_opened_flags(a[2], fi.created));
		lanner_rec_put_u32(r, lanner_open_mode(a[2], a[3]));
		break;
	case PPME_SYSCALL_OPENAT2_X:
		lanner_read_open_how(s, &how);
		lanner_rec_put_s64(r, lanner_dirfd_arg(a[0]));
		lanner_put_upath(r, s, 1);
		lanner_rec_put_u32(r, lanner_opened_flags(how.flags, fi.created));
		lanner_rec_put_u32(r, lanner_open_mode(how.flags, how.mode));
		lanner_rec_put_u32(r, lanner_openat2_resolve(how.resolve));
		break;
	default:
		return;	/* wrong count: the record is dropped as INTERNAL */
	}
	lanner_rec_put_u32(r, fi.dev);
	lanner_rec_put_u64(r, fi.ino);
}

/* creat(path, mode) is open(path, O_CREAT | O_WRONLY | O_TRUNC, mode). */
LANNER_FILLER(creat)
{
	struct lanner_fd_info fi;

	lanner_fd_info(s->ret, &fi);
	lanner_rec_put_s64(r, s->ret);
	lanner_put_upath(r, s, 0);
	lanner_rec_put_u32(r, lanner_open_mode(O_CREAT, s->args[1]));
	lanner_rec_put_u32(r, fi.dev);
	lanner_rec_put_u64(r, fi.ino);
	lanner_rec_put_u16(r, 0);	/* creat_flags: overlayfs layer, not yet */
}

#endif /* LANNER_FILL_OPEN_H */
