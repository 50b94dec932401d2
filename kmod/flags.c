// SPDX-License-Identifier: GPL-2.0-only
/*
 * flags.c - O_*, file mode, RESOLVE_* and CLONE_* to PPM_* encodings.
 *
 * Owns: the only place kernel flag bits are translated for records; the
 * eBPF fallback must produce the same values (shared conversion tests).
 * Must never: pass unknown kernel bits through untranslated.
 *
 * Deliberate differences from Falco's helpers: O_SYNC/O_DSYNC and
 * O_TMPFILE/O_DIRECTORY share bits, so multi-bit flags are matched
 * exactly instead of with a bitwise and (Falco reports O_DSYNC as O_SYNC
 * and O_DIRECTORY as O_TMPFILE). O_NOFOLLOW, O_NOATIME and O_PATH are not
 * emitted: lanner_abi.h gives them bits 15..17, but in Falco's schema bits
 * 15 and 16 of this parameter are PPM_FD_UPPER_LAYER/PPM_FD_LOWER_LAYER.
 * PPM_O_F_CREATED is added by the open fillers from the opened file.
 */
#include <linux/fcntl.h>
#include <linux/stat.h>
#include <linux/sched.h>
#include "lanner.h"

/*
 * openat2 RESOLVE_* (uapi/linux/openat2.h, fixed ABI values; the header
 * is absent before 5.6). Their PPM_RESOLVE_* encoding is in lanner_abi.h.
 */
#define LANNER_RESOLVE_NO_XDEV		0x01
#define LANNER_RESOLVE_NO_MAGICLINKS	0x02
#define LANNER_RESOLVE_NO_SYMLINKS	0x04
#define LANNER_RESOLVE_BENEATH		0x08
#define LANNER_RESOLVE_IN_ROOT		0x10
#define LANNER_RESOLVE_CACHED		0x20

struct lanner_bit {
	u64 kernel;
	u32 ppm;
};

static u32 lanner_map_bits(u64 v, const struct lanner_bit *map, size_t n)
{
	u32 res = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (map[i].kernel && (v & map[i].kernel) == map[i].kernel)
			res |= map[i].ppm;
	return res;
}

static const struct lanner_bit lanner_open_bits[] = {
	{ O_CREAT, PPM_O_CREAT },
	{ O_APPEND, PPM_O_APPEND },
	{ O_DSYNC, PPM_O_DSYNC },
	{ O_EXCL, PPM_O_EXCL },
	{ O_NONBLOCK, PPM_O_NONBLOCK },
	{ O_SYNC, PPM_O_SYNC },
	{ O_TRUNC, PPM_O_TRUNC },
	{ O_DIRECT, PPM_O_DIRECT },
	{ O_DIRECTORY, PPM_O_DIRECTORY },
	{ O_LARGEFILE, PPM_O_LARGEFILE },
	{ O_CLOEXEC, PPM_O_CLOEXEC },
#ifdef O_TMPFILE
	{ O_TMPFILE, PPM_O_TMPFILE },
#endif
};

u32 lanner_open_flags(u64 flags)
{
	u32 res;

	switch (flags & O_ACCMODE) {
	case O_WRONLY:
		res = PPM_O_WRONLY;
		break;
	case O_RDWR:
		res = PPM_O_RDWR;
		break;
	default:
		res = PPM_O_RDONLY;
		break;
	}
	return res | lanner_map_bits(flags, lanner_open_bits,
				     ARRAY_SIZE(lanner_open_bits));
}

/* S_I* permission bits, spelled in octal as checkpatch prefers */
static const struct lanner_bit lanner_mode_bits[] = {
	{ 0001, PPM_S_IXOTH }, { 0002, PPM_S_IWOTH }, { 0004, PPM_S_IROTH },
	{ 0010, PPM_S_IXGRP }, { 0020, PPM_S_IWGRP }, { 0040, PPM_S_IRGRP },
	{ 0100, PPM_S_IXUSR }, { 0200, PPM_S_IWUSR }, { 0400, PPM_S_IRUSR },
	{ S_ISVTX, PPM_S_ISVTX }, { S_ISGID, PPM_S_ISGID },
	{ S_ISUID, PPM_S_ISUID },
};

/* The mode argument only means something when a file may be created. */
u32 lanner_open_mode(u64 flags, u64 mode)
{
	bool creates = flags & O_CREAT;

#ifdef O_TMPFILE
	creates = creates || (flags & O_TMPFILE) == O_TMPFILE;
#endif
	if (!creates)
		return 0;
	return lanner_map_bits(mode, lanner_mode_bits,
			       ARRAY_SIZE(lanner_mode_bits));
}

/* chmod family "mode": the permission bits only, file type dropped */
u32 lanner_chmod_mode(u64 mode)
{
	return lanner_map_bits(mode, lanner_mode_bits,
			       ARRAY_SIZE(lanner_mode_bits));
}

static const struct lanner_bit lanner_resolve_bits[] = {
	{ LANNER_RESOLVE_NO_XDEV, PPM_RESOLVE_NO_XDEV },
	{ LANNER_RESOLVE_NO_MAGICLINKS, PPM_RESOLVE_NO_MAGICLINKS },
	{ LANNER_RESOLVE_NO_SYMLINKS, PPM_RESOLVE_NO_SYMLINKS },
	{ LANNER_RESOLVE_BENEATH, PPM_RESOLVE_BENEATH },
	{ LANNER_RESOLVE_IN_ROOT, PPM_RESOLVE_IN_ROOT },
	{ LANNER_RESOLVE_CACHED, PPM_RESOLVE_CACHED },
};

u32 lanner_openat2_resolve(u64 resolve)
{
	return lanner_map_bits(resolve, lanner_resolve_bits,
			       ARRAY_SIZE(lanner_resolve_bits));
}

static const struct lanner_bit lanner_clone_bits[] = {
	{ CLONE_FILES, PPM_CL_CLONE_FILES },
	{ CLONE_FS, PPM_CL_CLONE_FS },
	{ CLONE_IO, PPM_CL_CLONE_IO },
	{ CLONE_NEWIPC, PPM_CL_CLONE_NEWIPC },
	{ CLONE_NEWNET, PPM_CL_CLONE_NEWNET },
	{ CLONE_NEWNS, PPM_CL_CLONE_NEWNS },
	{ CLONE_NEWPID, PPM_CL_CLONE_NEWPID },
	{ CLONE_NEWUTS, PPM_CL_CLONE_NEWUTS },
	{ CLONE_PARENT, PPM_CL_CLONE_PARENT },
	{ CLONE_PARENT_SETTID, PPM_CL_CLONE_PARENT_SETTID },
	{ CLONE_PTRACE, PPM_CL_CLONE_PTRACE },
	{ CLONE_SIGHAND, PPM_CL_CLONE_SIGHAND },
	{ CLONE_SYSVSEM, PPM_CL_CLONE_SYSVSEM },
	{ CLONE_THREAD, PPM_CL_CLONE_THREAD },
	{ CLONE_UNTRACED, PPM_CL_CLONE_UNTRACED },
	{ CLONE_VM, PPM_CL_CLONE_VM },
	{ CLONE_NEWUSER, PPM_CL_CLONE_NEWUSER },
	{ CLONE_CHILD_CLEARTID, PPM_CL_CLONE_CHILD_CLEARTID },
	{ CLONE_CHILD_SETTID, PPM_CL_CLONE_CHILD_SETTID },
	{ CLONE_SETTLS, PPM_CL_CLONE_SETTLS },
	{ CLONE_VFORK, PPM_CL_CLONE_VFORK },
#ifdef CLONE_NEWCGROUP
	{ CLONE_NEWCGROUP, PPM_CL_CLONE_NEWCGROUP },
#endif
};

u32 lanner_clone_flags(u64 flags)
{
	return lanner_map_bits(flags, lanner_clone_bits,
			       ARRAY_SIZE(lanner_clone_bits));
}
