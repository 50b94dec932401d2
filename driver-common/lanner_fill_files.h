/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * lanner_fill_files.h - the exit records both drivers build from syscall
 * arguments alone: fd_ops (close, dup, dup2, dup3, fcntl, chdir,
 * fchdir), fs_path (link, unlink, rename, mkdir, rmdir, symlink, chmod,
 * fchmod) and fs_at (linkat, unlinkat, renameat, renameat2, mkdirat,
 * symlinkat, fchmodat).
 *
 * Owns: their parameters in Falco's order, written once for the module and
 * the eBPF fallback. fd arguments are C ints sent sign-extended, dup
 * family results the new fd as an int, the fcntl command portable
 * (PPM_FCNTL_*, every command recorded) with its third argument raw;
 * paths as the caller passed them (the sys_enter copy when there is one;
 * relative ones next to their dirfd, AT_FDCWD as PPM_AT_FDCWD), then
 * portable flags (PPM_AT_*, PPM_RENAME_*) or modes (chmod family: PPM_S_*
 * bits; mkdir family: the raw mode, as Falco).
 * The includer defines LANNER_FILLER_BODY(family) (the function head, with
 * parameters r, the record, and s, the syscall) and provides the record
 * API (lanner_rec_put_*, lanner_put_upath(r, s, i)), struct lanner_sys,
 * the PPME_* codes and lanner_flags.h.
 *
 * Must never: include a header, resolve a path, or look at the files
 * behind the fds (the consumer tracks them from the records).
 */
#ifndef LANNER_FILL_FILES_H
#define LANNER_FILL_FILES_H

LANNER_FILLER_BODY(fd_ops)
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
		lanner_put_upath(r, s, 0);
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

LANNER_FILLER_BODY(fs_path)
{
	const unsigned long *a = s->args;

	lanner_rec_put_s64(r, s->ret);
	switch (s->type) {
	case PPME_SYSCALL_LINK_2_X:
	case PPME_SYSCALL_RENAME_X:
	case PPME_SYSCALL_SYMLINK_X:
		lanner_put_upath(r, s, 0);
		lanner_put_upath(r, s, 1);
		break;
	case PPME_SYSCALL_UNLINK_2_X:
	case PPME_SYSCALL_RMDIR_2_X:
		lanner_put_upath(r, s, 0);
		break;
	case PPME_SYSCALL_MKDIR_2_X:
		lanner_put_upath(r, s, 0);
		lanner_rec_put_u32(r, (u32)a[1]);
		break;
	case PPME_SYSCALL_CHMOD_X:
		lanner_put_upath(r, s, 0);
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
LANNER_FILLER_BODY(fs_at)
{
	const unsigned long *a = s->args;

	lanner_rec_put_s64(r, s->ret);
	switch (s->type) {
	case PPME_SYSCALL_LINKAT_2_X:
	case PPME_SYSCALL_RENAMEAT_X:
	case PPME_SYSCALL_RENAMEAT2_X:
		lanner_rec_put_s64(r, lanner_dirfd_arg(a[0]));
		lanner_put_upath(r, s, 1);
		lanner_rec_put_s64(r, lanner_dirfd_arg(a[2]));
		lanner_put_upath(r, s, 3);
		if (s->type == PPME_SYSCALL_LINKAT_2_X)
			lanner_rec_put_u32(r, lanner_linkat_flags((u32)a[4]));
		else if (s->type == PPME_SYSCALL_RENAMEAT2_X)
			lanner_rec_put_u32(r, lanner_renameat2_flags((u32)a[4]));
		break;
	case PPME_SYSCALL_UNLINKAT_2_X:
		lanner_rec_put_s64(r, lanner_dirfd_arg(a[0]));
		lanner_put_upath(r, s, 1);
		lanner_rec_put_u32(r, lanner_unlinkat_flags((u32)a[2]));
		break;
	case PPME_SYSCALL_MKDIRAT_X:
		lanner_rec_put_s64(r, lanner_dirfd_arg(a[0]));
		lanner_put_upath(r, s, 1);
		lanner_rec_put_u32(r, (u32)a[2]);
		break;
	case PPME_SYSCALL_SYMLINKAT_X:
		lanner_put_upath(r, s, 0);
		lanner_rec_put_s64(r, lanner_dirfd_arg(a[1]));
		lanner_put_upath(r, s, 2);
		break;
	case PPME_SYSCALL_FCHMODAT_X:
		lanner_rec_put_s64(r, lanner_dirfd_arg(a[0]));
		lanner_put_upath(r, s, 1);
		lanner_rec_put_u32(r, lanner_chmod_mode(a[2]));
		break;
	default:
		break;	/* wrong count: the record is dropped as INTERNAL */
	}
}

#endif /* LANNER_FILL_FILES_H */
