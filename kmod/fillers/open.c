// SPDX-License-Identifier: GPL-2.0-only
/*
 * fillers/open.c - open, openat and openat2 exit records.
 *
 * Owns: fd, dirfd, name, portable flags and mode, openat2's resolve (from
 * struct open_how, read without faulting). dev and ino are sent empty in
 * this cut. Must never: resolve the path in the kernel or look at the fd
 * table (TOCTOU-free capture is the enter side's job, not done yet).
 */
#include <linux/fcntl.h>
#include "fillers.h"
#include "compat/uaccess.h"

/* struct open_how (uapi/linux/openat2.h, >= 5.6): fixed 24-byte ABI. */
struct lanner_open_how {
	u64 flags;
	u64 mode;
	u64 resolve;
};

static s64 lanner_dirfd(unsigned long arg)
{
	int fd = (int)arg;

	return fd == AT_FDCWD ? PPM_AT_FDCWD : fd;
}

void lanner_fill_open(struct lanner_rec *r, const struct lanner_sys *s)
{
	const unsigned long *a = s->args;
	struct lanner_open_how how = { 0 };

	lanner_rec_put_s64(r, s->ret);
	switch (s->type) {
	case PPME_SYSCALL_OPEN_X:
		lanner_rec_put_ustr(r, (const char __user *)a[0],
				    LANNER_MAX_PATH_LEN);
		lanner_rec_put_u32(r, lanner_open_flags(a[1]));
		lanner_rec_put_u32(r, lanner_open_mode(a[1], a[2]));
		break;
	case PPME_SYSCALL_OPENAT_2_X:
		lanner_rec_put_s64(r, lanner_dirfd(a[0]));
		lanner_rec_put_ustr(r, (const char __user *)a[1],
				    LANNER_MAX_PATH_LEN);
		lanner_rec_put_u32(r, lanner_open_flags(a[2]));
		lanner_rec_put_u32(r, lanner_open_mode(a[2], a[3]));
		break;
	case PPME_SYSCALL_OPENAT2_X:
		lanner_rec_put_s64(r, lanner_dirfd(a[0]));
		lanner_rec_put_ustr(r, (const char __user *)a[1],
				    LANNER_MAX_PATH_LEN);
		if (a[2] && a[3] >= sizeof(how) &&
		    lanner_copy_from_user_nofault(&how,
				(const void __user *)a[2], sizeof(how))) {
			lanner_rec_user_fault(r);
			memset(&how, 0, sizeof(how));
		}
		lanner_rec_put_u32(r, lanner_open_flags(how.flags));
		lanner_rec_put_u32(r, lanner_open_mode(how.flags, how.mode));
		lanner_rec_put_u32(r, lanner_openat2_resolve(how.resolve));
		break;
	default:
		return;	/* wrong count: the record is dropped as INTERNAL */
	}
	lanner_rec_put_empty(r);	/* dev */
	lanner_rec_put_empty(r);	/* ino */
}
