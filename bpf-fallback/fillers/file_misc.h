/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fillers/file_misc.h - exit records of mount, umount2, memfd_create,
 * userfaultfd, init_module, finit_module and bpf.
 *
 * Owns: what kmod/fillers/file_misc.c owns, with the same conversions
 * (driver-common/lanner_flags.h): flags in portable encodings (PPM_MS_*,
 * PPM_MNT_*, PPM_MFD_*, PPM_O_*, PPM_MODULE_INIT_*, PPM_BPF_*).
 * init_module's image is sent cut to LANNER_MODULE_IMG_SNAPLEN bytes (its
 * full length is the next parameter), like Falco's default snaplen. The
 * x86_64 kernel has no umount syscall: umount(2) from libc is umount2 with
 * flags 0. Must never: read more of the module image than the snaplen.
 */
#ifndef LANNER_FILL_FILE_MISC_H
#define LANNER_FILL_FILE_MISC_H

#include "filler.h"
#include "user.h"

#define LANNER_MODULE_IMG_SNAPLEN 80	/* Falco's default snaplen */

/* The first bytes of the module image (init_module's "img"). */
static __always_inline void lanner_put_module_img(struct lanner_scratch *r,
						  unsigned long img,
						  unsigned long len)
{
	u32 n = len < LANNER_MODULE_IMG_SNAPLEN ? len :
						  LANNER_MODULE_IMG_SNAPLEN;

	lanner_rec_put_ubuf(r, (const void *)img, n);
}

/* A string argument that is not a path (same limit as a path). */
static __always_inline void lanner_put_ustr_arg(struct lanner_scratch *r,
						unsigned long arg)
{
	lanner_rec_put_ustr(r, (const void *)arg, LANNER_MAX_PATH_LEN);
}

LANNER_FILLER(file_misc)
{
	const unsigned long *a = s->args;

	lanner_rec_put_s64(r, s->ret);
	switch (s->type) {
	case PPME_SYSCALL_MOUNT_X:
		lanner_put_ustr_arg(r, a[0]);
		lanner_put_upath(r, s, 1);
		lanner_put_ustr_arg(r, a[2]);
		lanner_rec_put_u32(r, lanner_mount_flags(a[3]));
		break;
	case PPME_SYSCALL_UMOUNT2_X:
		lanner_put_upath(r, s, 0);
		lanner_rec_put_u32(r, lanner_umount_flags((u32)a[1]));
		break;
	case PPME_SYSCALL_MEMFD_CREATE_X:
		lanner_put_ustr_arg(r, a[0]);
		lanner_rec_put_u32(r, lanner_memfd_flags((u32)a[1]));
		break;
	case PPME_SYSCALL_USERFAULTFD_X:
		lanner_rec_put_u32(r, lanner_userfaultfd_flags((u32)a[0]));
		break;
	case PPME_SYSCALL_INIT_MODULE_X:
		lanner_put_module_img(r, a[0], a[1]);
		lanner_rec_put_u64(r, a[1]);
		lanner_put_ustr_arg(r, a[2]);
		break;
	case PPME_SYSCALL_FINIT_MODULE_X:
		lanner_rec_put_s64(r, lanner_fd_arg(a[0]));
		lanner_put_ustr_arg(r, a[1]);
		lanner_rec_put_u32(r,
				   lanner_finit_module_flags((u32)a[2]));
		break;
	case PPME_SYSCALL_BPF_2_X:
		lanner_rec_put_u32(r, lanner_bpf_cmd((u32)a[0]));
		break;
	default:
		break;	/* wrong count: the record is dropped as INTERNAL */
	}
}

#endif /* LANNER_FILL_FILE_MISC_H */
