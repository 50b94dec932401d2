// SPDX-License-Identifier: GPL-2.0-only
/*
 * fillers/open.c - open, openat, openat2 and creat exit records.
 *
 * Owns: fd, dirfd, name, portable flags and mode, openat2's resolve (from
 * struct open_how), and dev/ino of the opened file. The name and open_how
 * come from the copy taken at sys_enter (stash.c) when there is one, so
 * they are what the kernel was given; else they are read at exit. flags
 * gain PPM_O_F_CREATED when the open created the file (4.19+).
 * PPM_FD_UPPER_LAYER/LOWER_LAYER (overlayfs) and creat_flags stay 0.
 * Must never: resolve the path in the kernel, or keep a reference on
 * the opened file.
 */
#include <linux/fcntl.h>
#include "fillers.h"
#include "stash.h"
#include "compat/uaccess.h"

/* struct open_how (uapi/linux/openat2.h, >= 5.6): fixed 24-byte ABI. */
struct lanner_open_how {
	u64 flags;
	u64 mode;
	u64 resolve;
};

static void lanner_read_open_how(struct lanner_rec *r,
				 const struct lanner_sys *s,
				 struct lanner_open_how *how)
{
	const void __user *u = (const void __user *)s->args[2];

	memset(how, 0, sizeof(*how));
	if (!u || s->args[3] < sizeof(*how))
		return;
	if (lanner_stash_buf(s->nr, s->args[2], how, sizeof(*how)) ==
	    sizeof(*how))
		return;
	if (lanner_copy_from_user_nofault(how, u, sizeof(*how))) {
		lanner_rec_user_fault(r);
		memset(how, 0, sizeof(*how));
	}
}

void lanner_fill_open(struct lanner_rec *r, const struct lanner_sys *s)
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
		lanner_read_open_how(r, s, &how);
		lanner_rec_put_s64(r, lanner_dirfd_arg(a[0]));
		lanner_put_upath(r, s, 1);
		lanner_rec_put_u32(r, lanner_opened_flags(how.flags, fi.created));
		lanner_rec_put_u32(r, lanner_open_mode(how.flags, how.mode));
		lanner_rec_put_u32(r, lanner_openat2_resolve(how.resolve));
		break;
	default:
		goto out;	/* wrong count: the record is dropped as INTERNAL */
	}
	lanner_rec_put_u32(r, fi.dev);
	lanner_rec_put_u64(r, fi.ino);
out:
	lanner_stash_done(s->nr);
}

/* creat(path, mode) is open(path, O_CREAT | O_WRONLY | O_TRUNC, mode). */
void lanner_fill_creat(struct lanner_rec *r, const struct lanner_sys *s)
{
	struct lanner_fd_info fi;

	lanner_fd_info(s->ret, &fi);
	lanner_rec_put_s64(r, s->ret);
	lanner_put_upath(r, s, 0);
	lanner_rec_put_u32(r, lanner_open_mode(O_CREAT, s->args[1]));
	lanner_rec_put_u32(r, fi.dev);
	lanner_rec_put_u64(r, fi.ino);
	lanner_rec_put_u16(r, 0);	/* creat_flags: overlayfs layer, not yet */
	lanner_stash_done(s->nr);
}
