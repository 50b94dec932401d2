// SPDX-License-Identifier: GPL-2.0-only
/*
 * fillers/file_misc.c - exit records of mount, umount2, memfd_create,
 * userfaultfd, init_module, finit_module and bpf.
 *
 * Owns: their parameters in Falco's order, flags in portable encodings
 * (PPM_MS_*, PPM_MNT_*, PPM_MFD_*, PPM_O_*, PPM_MODULE_INIT_*, PPM_BPF_*).
 * init_module's image is sent cut to LANNER_MODULE_IMG_SNAPLEN bytes (its
 * full length is the next parameter), like Falco's default snaplen. The
 * x86_64 kernel has no umount syscall: umount(2) from libc is umount2 with
 * flags 0. Must never: read more of the module image than the snaplen.
 */
#include "fillers.h"
#include "compat/uaccess.h"

#define LANNER_MODULE_IMG_SNAPLEN 80	/* Falco's default snaplen */

/* The first bytes of the module image (init_module's "img"). */
static void lanner_put_module_img(struct lanner_rec *r, unsigned long img,
				  unsigned long len)
{
	u32 avail, n;
	u8 *p = lanner_rec_space(r, &avail);

	if (!p)
		return;
	n = min_t(unsigned long, len, LANNER_MODULE_IMG_SNAPLEN);
	if (!img || !n) {
		lanner_rec_commit(r, 0);
		return;
	}
	if (n > avail) {
		lanner_rec_overflow(r);
		return;
	}
	if (lanner_copy_from_user_nofault(p, (const void __user *)img, n)) {
		lanner_rec_user_fault(r);
		n = 0;
	}
	lanner_rec_commit(r, n);
}

static void lanner_put_ustr_arg(struct lanner_rec *r, unsigned long arg)
{
	lanner_rec_put_ustr(r, (const char __user *)arg, LANNER_MAX_PATH_LEN);
}

void lanner_fill_file_misc(struct lanner_rec *r, const struct lanner_sys *s)
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
		lanner_rec_put_u32(r, lanner_finit_module_flags((u32)a[2]));
		break;
	case PPME_SYSCALL_BPF_2_X:
		lanner_rec_put_u32(r, lanner_bpf_cmd((u32)a[0]));
		break;
	default:
		break;	/* wrong count: the record is dropped as INTERNAL */
	}
}
