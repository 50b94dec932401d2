/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fillers/fs_path.h - exit records of syscalls that change names and
 * modes in the file system: link, unlink, rename, mkdir, rmdir, symlink,
 * chmod, fchmod (family fs_path) and their *at variants linkat, unlinkat,
 * renameat, renameat2, mkdirat, symlinkat, fchmodat (family fs_at).
 *
 * Owns: what kmod/fillers/fs_path.c owns, with the same conversions
 * (driver-common/lanner_flags.h): res, then the paths as the caller
 * passed them (relative ones next to their dirfd, AT_FDCWD as
 * PPM_AT_FDCWD), then portable flags (PPM_AT_*, PPM_RENAME_*) or modes
 * (chmod family: PPM_S_* bits; mkdir family: the raw mode, as Falco).
 * Must never: resolve a path in the kernel.
 */
#ifndef LANNER_FILL_FS_PATH_H
#define LANNER_FILL_FS_PATH_H

#include "filler.h"
#include "user.h"

/* Syscalls taking plain paths (and fchmod). */
LANNER_FILLER(fs_path)
{
	const unsigned long *a = s->args;

	lanner_rec_put_s64(r, s->ret);
	switch (s->type) {
	case PPME_SYSCALL_LINK_2_X:
	case PPME_SYSCALL_RENAME_X:
	case PPME_SYSCALL_SYMLINK_X:
		lanner_put_upath(r, a[0]);
		lanner_put_upath(r, a[1]);
		break;
	case PPME_SYSCALL_UNLINK_2_X:
	case PPME_SYSCALL_RMDIR_2_X:
		lanner_put_upath(r, a[0]);
		break;
	case PPME_SYSCALL_MKDIR_2_X:
		lanner_put_upath(r, a[0]);
		lanner_rec_put_u32(r, (u32)a[1]);
		break;
	case PPME_SYSCALL_CHMOD_X:
		lanner_put_upath(r, a[0]);
		lanner_rec_put_u32(r, lanner_chmod_mode(a[1]));
		break;
	case PPME_SYSCALL_FCHMOD_X:
		lanner_rec_put_s64(r, lanner_fd_arg(a[0]));
		lanner_rec_put_u32(r, lanner_chmod_mode(a[1]));
		break;
	default:
		break;	/* wrong count: the record is dropped as INTERNAL */
	}
}

/* The *at variants: every path follows the dirfd it is relative to. */
LANNER_FILLER(fs_at)
{
	const unsigned long *a = s->args;

	lanner_rec_put_s64(r, s->ret);
	switch (s->type) {
	case PPME_SYSCALL_LINKAT_2_X:
	case PPME_SYSCALL_RENAMEAT_X:
	case PPME_SYSCALL_RENAMEAT2_X:
		lanner_rec_put_s64(r, lanner_dirfd_arg(a[0]));
		lanner_put_upath(r, a[1]);
		lanner_rec_put_s64(r, lanner_dirfd_arg(a[2]));
		lanner_put_upath(r, a[3]);
		if (s->type == PPME_SYSCALL_LINKAT_2_X)
			lanner_rec_put_u32(r, lanner_linkat_flags((u32)a[4]));
		else if (s->type == PPME_SYSCALL_RENAMEAT2_X)
			lanner_rec_put_u32(r,
					   lanner_renameat2_flags((u32)a[4]));
		break;
	case PPME_SYSCALL_UNLINKAT_2_X:
		lanner_rec_put_s64(r, lanner_dirfd_arg(a[0]));
		lanner_put_upath(r, a[1]);
		lanner_rec_put_u32(r, lanner_unlinkat_flags((u32)a[2]));
		break;
	case PPME_SYSCALL_MKDIRAT_X:
		lanner_rec_put_s64(r, lanner_dirfd_arg(a[0]));
		lanner_put_upath(r, a[1]);
		lanner_rec_put_u32(r, (u32)a[2]);
		break;
	case PPME_SYSCALL_SYMLINKAT_X:
		lanner_put_upath(r, a[0]);
		lanner_rec_put_s64(r, lanner_dirfd_arg(a[1]));
		lanner_put_upath(r, a[2]);
		break;
	case PPME_SYSCALL_FCHMODAT_X:
		lanner_rec_put_s64(r, lanner_dirfd_arg(a[0]));
		lanner_put_upath(r, a[1]);
		lanner_rec_put_u32(r, lanner_chmod_mode(a[2]));
		break;
	default:
		break;	/* wrong count: the record is dropped as INTERNAL */
	}
}

#endif /* LANNER_FILL_FS_PATH_H */
