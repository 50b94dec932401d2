// SPDX-License-Identifier: GPL-2.0-only
/*
 * flags_fs.c - file-system syscall arguments to their PPM_* encodings.
 *
 * Owns: fcntl commands, unlinkat/linkat/renameat2 AT_* and RENAME_* flags,
 * mount MS_* and umount MNT_* flags, memfd_create MFD_*, finit_module
 * MODULE_INIT_*, bpf commands, chmod modes and the O_* subsets dup3 and
 * userfaultfd take. Kernel values are spelled here with their uapi
 * numbers (fixed ABI) when an old kernel's headers may lack the name
 * (RENAME_* < 3.15, F_OFD_* < 3.15, MFD_* < 3.17, MS_LAZYTIME < 4.0),
 * and the conversion is the same on every kernel. Must never: pass an
 * unknown kernel bit through (it is dropped; an unknown fcntl command
 * becomes PPM_FCNTL_UNKNOWN).
 */
#include <linux/fcntl.h>
#include "lanner.h"

/* renameat2(2) flags (uapi/linux/fs.h, 3.15+) */
#define LANNER_RENAME_NOREPLACE		0x1
#define LANNER_RENAME_EXCHANGE		0x2
#define LANNER_RENAME_WHITEOUT		0x4

/* umount2(2) flags (linux/fs.h, ABI) */
#define LANNER_MNT_FORCE		0x1
#define LANNER_MNT_DETACH		0x2
#define LANNER_MNT_EXPIRE		0x4
#define LANNER_UMOUNT_NOFOLLOW		0x8

/* memfd_create(2) flags (uapi/linux/memfd.h, 3.17+) */
#define LANNER_MFD_CLOEXEC		0x1
#define LANNER_MFD_ALLOW_SEALING	0x2
#define LANNER_MFD_HUGETLB		0x4

/* finit_module(2) flags (uapi/linux/module.h) */
#define LANNER_MODULE_INIT_IGNORE_MODVERSIONS	0x1
#define LANNER_MODULE_INIT_IGNORE_VERMAGIC	0x2
#define LANNER_MODULE_INIT_COMPRESSED_FILE	0x4

/* mount(2): the pre-2.4 magic number some callers still put on top */
#define LANNER_MS_MGC_MSK		0xffff0000UL
#define LANNER_MS_MGC_VAL		0xc0ed0000UL

/* open file description locks (asm-generic/fcntl.h, 3.15+) */
#ifndef F_OFD_GETLK
#define F_OFD_GETLK	36
#define F_OFD_SETLK	37
#define F_OFD_SETLKW	38
#endif

/* The last bpf command lanner_abi.h names (PPM_BPF_PROG_BIND_MAP). */
#define LANNER_BPF_LAST_CMD		35

struct lanner_fbit {
	u64 kernel;
	u32 ppm;
};

static u32 lanner_fmap(u64 v, const struct lanner_fbit *map, size_t n)
{
	u32 res = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (v & map[i].kernel)
			res |= map[i].ppm;
	return res;
}

u8 lanner_fcntl_cmd(u64 cmd)
{
	switch (cmd) {
	case F_DUPFD:
		return PPM_FCNTL_F_DUPFD;
	case F_GETFD:
		return PPM_FCNTL_F_GETFD;
	case F_SETFD:
		return PPM_FCNTL_F_SETFD;
	case F_GETFL:
		return PPM_FCNTL_F_GETFL;
	case F_SETFL:
		return PPM_FCNTL_F_SETFL;
	case F_GETLK:
		return PPM_FCNTL_F_GETLK;
	case F_SETLK:
		return PPM_FCNTL_F_SETLK;
	case F_SETLKW:
		return PPM_FCNTL_F_SETLKW;
	case F_SETOWN:
		return PPM_FCNTL_F_SETOWN;
	case F_GETOWN:
		return PPM_FCNTL_F_GETOWN;
	case F_SETSIG:
		return PPM_FCNTL_F_SETSIG;
	case F_GETSIG:
		return PPM_FCNTL_F_GETSIG;
	case F_SETOWN_EX:
		return PPM_FCNTL_F_SETOWN_EX;
	case F_GETOWN_EX:
		return PPM_FCNTL_F_GETOWN_EX;
	case F_SETLEASE:
		return PPM_FCNTL_F_SETLEASE;
	case F_GETLEASE:
		return PPM_FCNTL_F_GETLEASE;
	case F_CANCELLK:
		return PPM_FCNTL_F_CANCELLK;
	case F_DUPFD_CLOEXEC:
		return PPM_FCNTL_F_DUPFD_CLOEXEC;
	case F_NOTIFY:
		return PPM_FCNTL_F_NOTIFY;
	case F_SETPIPE_SZ:
		return PPM_FCNTL_F_SETPIPE_SZ;
	case F_GETPIPE_SZ:
		return PPM_FCNTL_F_GETPIPE_SZ;
	case F_OFD_GETLK:
		return PPM_FCNTL_F_OFD_GETLK;
	case F_OFD_SETLK:
		return PPM_FCNTL_F_OFD_SETLK;
	case F_OFD_SETLKW:
		return PPM_FCNTL_F_OFD_SETLKW;
	default:
		return PPM_FCNTL_UNKNOWN;
	}
}

u32 lanner_unlinkat_flags(u64 flags)
{
	return (flags & AT_REMOVEDIR) ? PPM_AT_REMOVEDIR : 0;
}

static const struct lanner_fbit lanner_linkat_bits[] = {
	{ AT_SYMLINK_FOLLOW, PPM_AT_SYMLINK_FOLLOW },
	{ AT_EMPTY_PATH, PPM_AT_EMPTY_PATH },
};

u32 lanner_linkat_flags(u64 flags)
{
	return lanner_fmap(flags, lanner_linkat_bits,
			   ARRAY_SIZE(lanner_linkat_bits));
}

static const struct lanner_fbit lanner_rename_bits[] = {
	{ LANNER_RENAME_NOREPLACE, PPM_RENAME_NOREPLACE },
	{ LANNER_RENAME_EXCHANGE, PPM_RENAME_EXCHANGE },
	{ LANNER_RENAME_WHITEOUT, PPM_RENAME_WHITEOUT },
};

u32 lanner_renameat2_flags(u64 flags)
{
	return lanner_fmap(flags, lanner_rename_bits,
			   ARRAY_SIZE(lanner_rename_bits));
}

/* MS_* (uapi/linux/mount.h; uapi/linux/fs.h before 5.2) by bit number */
static const struct lanner_fbit lanner_mount_bits[] = {
	{ 1UL << 0, PPM_MS_RDONLY }, { 1UL << 1, PPM_MS_NOSUID },
	{ 1UL << 2, PPM_MS_NODEV }, { 1UL << 3, PPM_MS_NOEXEC },
	{ 1UL << 4, PPM_MS_SYNCHRONOUS }, { 1UL << 5, PPM_MS_REMOUNT },
	{ 1UL << 6, PPM_MS_MANDLOCK }, { 1UL << 7, PPM_MS_DIRSYNC },
	{ 1UL << 10, PPM_MS_NOATIME }, { 1UL << 11, PPM_MS_NODIRATIME },
	{ 1UL << 12, PPM_MS_BIND }, { 1UL << 13, PPM_MS_MOVE },
	{ 1UL << 14, PPM_MS_REC }, { 1UL << 15, PPM_MS_SILENT },
	{ 1UL << 16, PPM_MS_POSIXACL }, { 1UL << 17, PPM_MS_UNBINDABLE },
	{ 1UL << 18, PPM_MS_PRIVATE }, { 1UL << 19, PPM_MS_SLAVE },
	{ 1UL << 20, PPM_MS_SHARED }, { 1UL << 21, PPM_MS_RELATIME },
	{ 1UL << 22, PPM_MS_KERNMOUNT }, { 1UL << 23, PPM_MS_I_VERSION },
	{ 1UL << 24, PPM_MS_STRICTATIME }, { 1UL << 25, PPM_MS_LAZYTIME },
	{ 1UL << 28, PPM_MS_NOSEC }, { 1UL << 29, PPM_MS_BORN },
	{ 1UL << 30, PPM_MS_ACTIVE }, { 1UL << 31, PPM_MS_NOUSER },
};

u32 lanner_mount_flags(u64 flags)
{
	/* as do_mount() does: a leading magic number is not a flag */
	if ((flags & LANNER_MS_MGC_MSK) == LANNER_MS_MGC_VAL)
		flags &= ~LANNER_MS_MGC_MSK;
	return lanner_fmap(flags, lanner_mount_bits,
			   ARRAY_SIZE(lanner_mount_bits));
}

static const struct lanner_fbit lanner_umount_bits[] = {
	{ LANNER_MNT_FORCE, PPM_MNT_FORCE },
	{ LANNER_MNT_DETACH, PPM_MNT_DETACH },
	{ LANNER_MNT_EXPIRE, PPM_MNT_EXPIRE },
	{ LANNER_UMOUNT_NOFOLLOW, PPM_UMOUNT_NOFOLLOW },
};

u32 lanner_umount_flags(u64 flags)
{
	return lanner_fmap(flags, lanner_umount_bits,
			   ARRAY_SIZE(lanner_umount_bits));
}

static const struct lanner_fbit lanner_memfd_bits[] = {
	{ LANNER_MFD_CLOEXEC, PPM_MFD_CLOEXEC },
	{ LANNER_MFD_ALLOW_SEALING, PPM_MFD_ALLOW_SEALING },
	{ LANNER_MFD_HUGETLB, PPM_MFD_HUGETLB },
};

u32 lanner_memfd_flags(u64 flags)
{
	return lanner_fmap(flags, lanner_memfd_bits,
			   ARRAY_SIZE(lanner_memfd_bits));
}

static const struct lanner_fbit lanner_finit_bits[] = {
	{ LANNER_MODULE_INIT_IGNORE_MODVERSIONS,
	  PPM_MODULE_INIT_IGNORE_MODVERSIONS },
	{ LANNER_MODULE_INIT_IGNORE_VERMAGIC,
	  PPM_MODULE_INIT_IGNORE_VERMAGIC },
	{ LANNER_MODULE_INIT_COMPRESSED_FILE,
	  PPM_MODULE_INIT_COMPRESSED_FILE },
};

u32 lanner_finit_module_flags(u64 flags)
{
	return lanner_fmap(flags, lanner_finit_bits,
			   ARRAY_SIZE(lanner_finit_bits));
}

/*
 * bpf(2) commands are an arch-independent uapi enum whose values
 * PPM_BPF_* copy one to one; a command newer than the ones lanner_abi.h
 * names is sent as its number, as Falco does, since it is a value, not a
 * set of bits.
 */
u32 lanner_bpf_cmd(u64 cmd)
{
	BUILD_BUG_ON(PPM_BPF_PROG_BIND_MAP != LANNER_BPF_LAST_CMD);
	return (u32)cmd;
}

/* dup3(2) accepts O_CLOEXEC only; other bits make it fail, unnamed. */
u32 lanner_dup3_flags(u64 flags)
{
	return (flags & O_CLOEXEC) ? PPM_O_CLOEXEC : 0;
}

/* userfaultfd(2): O_CLOEXEC, O_NONBLOCK (UFFD_USER_MODE_ONLY unnamed). */
u32 lanner_userfaultfd_flags(u64 flags)
{
	u32 res = 0;

	if (flags & O_CLOEXEC)
		res |= PPM_O_CLOEXEC;
	if (flags & O_NONBLOCK)
		res |= PPM_O_NONBLOCK;
	return res;
}
