/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fillers/file_fd.h - exit records of syscalls that make, copy or use
 * file descriptors: close, dup, dup2, dup3, fcntl, chdir and fchdir.
 *
 * Owns: what kmod/fillers/file_fd.c owns, with the same conversions
 * (driver-common/lanner_flags.h): fd arguments are C ints sent
 * sign-extended, dup family results are the new fd as an int, the fcntl
 * command is portable (PPM_FCNTL_*, unknown ones PPM_FCNTL_UNKNOWN) and
 * its third argument raw. Must never: look at the files behind the fds
 * (the consumer tracks them from the records).
 */
#ifndef LANNER_FILL_FILE_FD_H
#define LANNER_FILL_FILE_FD_H

#include "filler.h"
#include "user.h"

LANNER_FILLER(fd_ops)
{
	const unsigned long *a = s->args;

	switch (s->type) {
	case PPME_SYSCALL_CLOSE_X:
	case PPME_SYSCALL_FCHDIR_X:
		lanner_rec_put_s64(r, s->ret);
		lanner_rec_put_s64(r, lanner_fd_arg(a[0]));
		break;
	case PPME_SYSCALL_CHDIR_X:
		lanner_rec_put_s64(r, s->ret);
		lanner_put_upath(r, a[0]);
		break;
	case PPME_SYSCALL_DUP_1_X:
		lanner_rec_put_s64(r, (s32)s->ret);
		lanner_rec_put_s64(r, lanner_fd_arg(a[0]));
		break;
	case PPME_SYSCALL_DUP2_X:
		lanner_rec_put_s64(r, (s32)s->ret);
		lanner_rec_put_s64(r, lanner_fd_arg(a[0]));
		lanner_rec_put_s64(r, lanner_fd_arg(a[1]));
		break;
	case PPME_SYSCALL_DUP3_X:
		lanner_rec_put_s64(r, (s32)s->ret);
		lanner_rec_put_s64(r, lanner_fd_arg(a[0]));
		lanner_rec_put_s64(r, lanner_fd_arg(a[1]));
		lanner_rec_put_u32(r, lanner_dup3_flags(a[2]));
		break;
	case PPME_SYSCALL_FCNTL_X:
		lanner_rec_put_s64(r, s->ret);
		lanner_rec_put_s64(r, lanner_fd_arg(a[0]));
		lanner_rec_put_u8(r, lanner_fcntl_cmd((u32)a[1]));
		lanner_rec_put_u64(r, a[2]);
		break;
	default:
		break;	/* wrong count: the record is dropped as INTERNAL */
	}
}

#endif /* LANNER_FILL_FILE_FD_H */
