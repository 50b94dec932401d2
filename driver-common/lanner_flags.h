/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * lanner_flags.h - kernel values to their portable PPM_* encodings, the
 * one definition both drivers compile.
 *
 * Owns: every pure conversion a record parameter goes through: open
 * flags and modes, openat2 RESOLVE_*, CLONE_*, fcntl commands, AT_*,
 * RENAME_*, MS_*, MNT_*, MFD_*, MODULE_INIT_*, bpf commands, the O_*
 * subsets of dup3, userfaultfd and socket/accept4 (SOCK_*), socket
 * families, ptrace requests, prctl options, capability sets, fd/dirfd/
 * pid/id/signal arguments, the exit-code fields of PROCEXIT, the accept
 * queue percentage and the device number encoding. A conversion here is
 * a function of integers only, so the kernel module and the eBPF driver
 * produce byte-identical parameters.
 *
 * Included by: kmod/flags.c (the module's one instantiation, with
 * LANNER_SHARED empty: external linkage for the prototypes in
 * kmod/lanner.h) and the eBPF fallback (LANNER_SHARED is
 * "static __always_inline"). The includer first provides the types u8
 * u16 u32 u64 s32 s64 bool, the PPM_* constants (lanner_abi.h) and the
 * kernel's uapi constants (O_*, S_I*, CLONE_*, F_*, AT_*, PTRACE_*, PR_*,
 * AF_*, SOCK_*): the module from the kernel's headers, BPF from the
 * header bpf-fallback/gen-uapi.sh generates.
 *
 * Must never: include a header, touch a kernel object (task, file,
 * socket, user memory), or use what the BPF verifier rejects: function
 * pointers, recursion, loops without a compile-time bound, memcpy or
 * string functions, signed or 64-bit division. Unknown kernel bits are
 * dropped, never passed through untranslated.
 *
 * Deliberate differences from Falco's helpers: O_SYNC/O_DSYNC and
 * O_TMPFILE/O_DIRECTORY share bits, so multi-bit flags are matched
 * exactly instead of with a bitwise and (Falco reports O_DSYNC as O_SYNC
 * and O_DIRECTORY as O_TMPFILE). O_NOFOLLOW, O_NOATIME and O_PATH are not
 * emitted: lanner_abi.h gives them bits 15..17, but in Falco's schema bits
 * 15 and 16 of this parameter are PPM_FD_UPPER_LAYER/PPM_FD_LOWER_LAYER.
 *
 * Kernel values an old kernel's headers may lack (RENAME_* < 3.15,
 * F_OFD_* < 3.15, MFD_* < 3.17, RESOLVE_* < 5.6, MS_LAZYTIME < 4.0) or
 * that are not uapi (MNT_*, the kernel's dev_t layout) are spelled below
 * with their fixed ABI numbers, citing the header that defines them.
 */
#ifndef LANNER_FLAGS_H
#define LANNER_FLAGS_H

/*
 * Storage class of the conversions. The internal helpers are
 * static __always_inline and the tables static const for every includer.
 */
#ifndef LANNER_SHARED
#error "define LANNER_SHARED (storage class of the conversions) first"
#endif

#define LANNER_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* socket(2) type flags: include/linux/net.h (x86 and most architectures) */
#ifndef SOCK_CLOEXEC
#define SOCK_CLOEXEC O_CLOEXEC
#endif
#ifndef SOCK_NONBLOCK
#define SOCK_NONBLOCK O_NONBLOCK
#endif

/* open file description locks (asm-generic/fcntl.h, 3.15+) */
#ifndef F_OFD_GETLK
#define F_OFD_GETLK	36
#define F_OFD_SETLK	37
#define F_OFD_SETLKW	38
#endif

/* openat2(2) RESOLVE_* (uapi/linux/openat2.h, 5.6+) */
#define LANNER_RESOLVE_NO_XDEV		0x01
#define LANNER_RESOLVE_NO_MAGICLINKS	0x02
#define LANNER_RESOLVE_NO_SYMLINKS	0x04
#define LANNER_RESOLVE_BENEATH		0x08
#define LANNER_RESOLVE_IN_ROOT		0x10
#define LANNER_RESOLVE_CACHED		0x20

/* renameat2(2) flags (uapi/linux/fs.h, 3.15+) */
#define LANNER_RENAME_NOREPLACE		0x1
#define LANNER_RENAME_EXCHANGE		0x2
#define LANNER_RENAME_WHITEOUT		0x4

/* umount2(2) flags (include/linux/fs.h: ABI, but not in uapi) */
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

/* The last bpf command lanner_abi.h names (PPM_BPF_PROG_BIND_MAP). */
#define LANNER_BPF_LAST_CMD		35
_Static_assert(PPM_BPF_PROG_BIND_MAP == LANNER_BPF_LAST_CMD,
	       "bpf commands are sent as their numbers up to the last one named");

/*
 * The kernel's internal dev_t: 12-bit major above a 20-bit minor
 * (include/linux/kdev_t.h MINORBITS; kernel-internal, not uapi).
 */
#define LANNER_KDEV_MINORBITS		20
#define LANNER_KDEV_MINORMASK		((1U << LANNER_KDEV_MINORBITS) - 1)

/* Capability bits lanner_abi.h names (PPM_CAP_CHOWN .. the last one). */
#define LANNER_CAP_KNOWN	((PPM_CAP_CHECKPOINT_RESTORE << 1) - 1)

/*
 * x86's own ptrace requests 12..33 (asm/ptrace-abi.h) are mapped when
 * building for x86: the module's CONFIG_X86, BPF's -D__TARGET_ARCH_x86.
 */
#if defined(CONFIG_X86) || defined(__TARGET_ARCH_x86)
#define LANNER_FLAGS_X86
#endif

struct lanner_bit {
	u64 kernel;
	u32 ppm;
};

/* Every entry whose kernel bits are all set in v; unknown bits dropped. */
static __always_inline u32 lanner_map_bits(u64 v,
					   const struct lanner_bit *map,
					   u32 n)
{
	u32 res = 0;
	u32 i;

	for (i = 0; i < n; i++)
		if (map[i].kernel && (v & map[i].kernel) == map[i].kernel)
			res |= map[i].ppm;
	return res;
}

/* O_CLOEXEC / O_NONBLOCK-style bits (their kernel values given) */
static __always_inline u32 lanner_cloexec_nonblock(u64 v, u64 cloexec,
						   u64 nonblock)
{
	u32 res = 0;

	if (v & nonblock)
		res |= PPM_O_NONBLOCK;
	if (v & cloexec)
		res |= PPM_O_CLOEXEC;
	return res;
}

/* ---- open family ------------------------------------------------------ */

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

LANNER_SHARED u32 lanner_open_flags(u64 flags)
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
				     LANNER_ARRAY_SIZE(lanner_open_bits));
}

/* Open flags of a call that succeeded; created: the open made the file. */
LANNER_SHARED u32 lanner_opened_flags(u64 flags, bool created)
{
	u32 res = lanner_open_flags(flags);

	if (created)
		res |= PPM_O_F_CREATED;
	return res;
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
LANNER_SHARED u32 lanner_open_mode(u64 flags, u64 mode)
{
	bool creates = flags & O_CREAT;

#ifdef O_TMPFILE
	creates = creates || (flags & O_TMPFILE) == O_TMPFILE;
#endif
	if (!creates)
		return 0;
	return lanner_map_bits(mode, lanner_mode_bits,
			       LANNER_ARRAY_SIZE(lanner_mode_bits));
}

/* chmod family "mode": the permission bits only, file type dropped */
LANNER_SHARED u32 lanner_chmod_mode(u64 mode)
{
	return lanner_map_bits(mode, lanner_mode_bits,
			       LANNER_ARRAY_SIZE(lanner_mode_bits));
}

static const struct lanner_bit lanner_resolve_bits[] = {
	{ LANNER_RESOLVE_NO_XDEV, PPM_RESOLVE_NO_XDEV },
	{ LANNER_RESOLVE_NO_MAGICLINKS, PPM_RESOLVE_NO_MAGICLINKS },
	{ LANNER_RESOLVE_NO_SYMLINKS, PPM_RESOLVE_NO_SYMLINKS },
	{ LANNER_RESOLVE_BENEATH, PPM_RESOLVE_BENEATH },
	{ LANNER_RESOLVE_IN_ROOT, PPM_RESOLVE_IN_ROOT },
	{ LANNER_RESOLVE_CACHED, PPM_RESOLVE_CACHED },
};

LANNER_SHARED u32 lanner_openat2_resolve(u64 resolve)
{
	return lanner_map_bits(resolve, lanner_resolve_bits,
			       LANNER_ARRAY_SIZE(lanner_resolve_bits));
}

/* ---- process creation and namespaces ----------------------------------- */

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

/* clone/clone3 flags, and the namespace flags of setns and unshare */
LANNER_SHARED u32 lanner_clone_flags(u64 flags)
{
	return lanner_map_bits(flags, lanner_clone_bits,
			       LANNER_ARRAY_SIZE(lanner_clone_bits));
}

/*
 * PROCEXIT_1_E from the task's exit_code (the wait(2) status layout):
 * status is the raw code, ret the exit status, sig the terminating
 * signal (WIFSIGNALED: low 7 bits neither 0, exited, nor 0x7f, stopped),
 * core whether it dumped core.
 */
LANNER_SHARED s64 lanner_exit_status(u32 code)
{
	return (s32)code;
}

LANNER_SHARED s64 lanner_exit_ret(u32 code)
{
	return (code & 0xff00) >> 8;
}

LANNER_SHARED u8 lanner_exit_sig(u32 code)
{
	u32 sig = code & 0x7f;

	return (sig != 0 && sig != 0x7f) ? sig : 0;
}

LANNER_SHARED u8 lanner_exit_core(u32 code)
{
	return (code & 0x80) != 0;
}

/* ---- syscall arguments sent as plain numbers --------------------------- */

/* An fd argument (a C int): sign-extended. */
LANNER_SHARED s64 lanner_fd_arg(u64 arg)
{
	return (s32)arg;
}

/* A dirfd argument: AT_FDCWD becomes PPM_AT_FDCWD. */
LANNER_SHARED s64 lanner_dirfd_arg(u64 arg)
{
	s32 fd = (s32)arg;

	return fd == AT_FDCWD ? PPM_AT_FDCWD : fd;
}

/* A pid argument (kill, tkill, tgkill, ptrace): sign-extended. */
LANNER_SHARED s64 lanner_pid_arg(u64 arg)
{
	return (s32)arg;
}

/* A uid or gid argument: the raw u32 (-1, "unchanged", is 0xffffffff). */
LANNER_SHARED u32 lanner_id_arg(u64 arg)
{
	return (u32)arg;
}

/* A signal number (PT_SIGTYPE): the kernel's number, one byte. */
LANNER_SHARED u8 lanner_signal_arg(u64 arg)
{
	return (u8)arg;
}

/* ---- identity ---------------------------------------------------------- */

/* A capability set: bit n is capability n, bits lanner_abi.h lacks cut. */
LANNER_SHARED u64 lanner_cap_bits(u64 caps)
{
	return caps & LANNER_CAP_KNOWN;
}

/*
 * prctl "option": PPM_PR_* are the kernel's PR_* numbers, sent as they
 * are (also those lanner_abi.h does not name).
 */
_Static_assert(PPM_PR_SET_NAME == PR_SET_NAME, "PPM_PR_* = PR_*");
_Static_assert(PPM_PR_GET_NAME == PR_GET_NAME, "PPM_PR_* = PR_*");
_Static_assert(PPM_PR_GET_CHILD_SUBREAPER == PR_GET_CHILD_SUBREAPER,
	       "PPM_PR_* = PR_*");

LANNER_SHARED u32 lanner_prctl_option(u64 option)
{
	return (u32)option;
}

/* ---- file system ------------------------------------------------------- */

/* fcntl "cmd" (an int); an unknown command is PPM_FCNTL_UNKNOWN */
LANNER_SHARED u8 lanner_fcntl_cmd(u64 cmd)
{
	switch ((u32)cmd) {
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

LANNER_SHARED u32 lanner_unlinkat_flags(u64 flags)
{
	return (flags & AT_REMOVEDIR) ? PPM_AT_REMOVEDIR : 0;
}

static const struct lanner_bit lanner_linkat_bits[] = {
	{ AT_SYMLINK_FOLLOW, PPM_AT_SYMLINK_FOLLOW },
	{ AT_EMPTY_PATH, PPM_AT_EMPTY_PATH },
};

LANNER_SHARED u32 lanner_linkat_flags(u64 flags)
{
	return lanner_map_bits(flags, lanner_linkat_bits,
			       LANNER_ARRAY_SIZE(lanner_linkat_bits));
}

static const struct lanner_bit lanner_rename_bits[] = {
	{ LANNER_RENAME_NOREPLACE, PPM_RENAME_NOREPLACE },
	{ LANNER_RENAME_EXCHANGE, PPM_RENAME_EXCHANGE },
	{ LANNER_RENAME_WHITEOUT, PPM_RENAME_WHITEOUT },
};

LANNER_SHARED u32 lanner_renameat2_flags(u64 flags)
{
	return lanner_map_bits(flags, lanner_rename_bits,
			       LANNER_ARRAY_SIZE(lanner_rename_bits));
}

/* MS_* (uapi/linux/mount.h; uapi/linux/fs.h before 5.2) by bit number */
static const struct lanner_bit lanner_mount_bits[] = {
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

LANNER_SHARED u32 lanner_mount_flags(u64 flags)
{
	/* as do_mount() does: a leading magic number is not a flag */
	if ((flags & LANNER_MS_MGC_MSK) == LANNER_MS_MGC_VAL)
		flags &= ~LANNER_MS_MGC_MSK;
	return lanner_map_bits(flags, lanner_mount_bits,
			       LANNER_ARRAY_SIZE(lanner_mount_bits));
}

static const struct lanner_bit lanner_umount_bits[] = {
	{ LANNER_MNT_FORCE, PPM_MNT_FORCE },
	{ LANNER_MNT_DETACH, PPM_MNT_DETACH },
	{ LANNER_MNT_EXPIRE, PPM_MNT_EXPIRE },
	{ LANNER_UMOUNT_NOFOLLOW, PPM_UMOUNT_NOFOLLOW },
};

LANNER_SHARED u32 lanner_umount_flags(u64 flags)
{
	return lanner_map_bits(flags, lanner_umount_bits,
			       LANNER_ARRAY_SIZE(lanner_umount_bits));
}

static const struct lanner_bit lanner_memfd_bits[] = {
	{ LANNER_MFD_CLOEXEC, PPM_MFD_CLOEXEC },
	{ LANNER_MFD_ALLOW_SEALING, PPM_MFD_ALLOW_SEALING },
	{ LANNER_MFD_HUGETLB, PPM_MFD_HUGETLB },
};

LANNER_SHARED u32 lanner_memfd_flags(u64 flags)
{
	return lanner_map_bits(flags, lanner_memfd_bits,
			       LANNER_ARRAY_SIZE(lanner_memfd_bits));
}

static const struct lanner_bit lanner_finit_bits[] = {
	{ LANNER_MODULE_INIT_IGNORE_MODVERSIONS,
	  PPM_MODULE_INIT_IGNORE_MODVERSIONS },
	{ LANNER_MODULE_INIT_IGNORE_VERMAGIC,
	  PPM_MODULE_INIT_IGNORE_VERMAGIC },
	{ LANNER_MODULE_INIT_COMPRESSED_FILE,
	  PPM_MODULE_INIT_COMPRESSED_FILE },
};

LANNER_SHARED u32 lanner_finit_module_flags(u64 flags)
{
	return lanner_map_bits(flags, lanner_finit_bits,
			       LANNER_ARRAY_SIZE(lanner_finit_bits));
}

/*
 * bpf(2) commands are an arch-independent uapi enum whose values
 * PPM_BPF_* copy one to one; a command newer than the ones lanner_abi.h
 * names is sent as its number, as Falco does, since it is a value, not a
 * set of bits.
 */
LANNER_SHARED u32 lanner_bpf_cmd(u64 cmd)
{
	return (u32)cmd;
}

/* dup3(2) accepts O_CLOEXEC only; other bits make it fail, unnamed. */
LANNER_SHARED u32 lanner_dup3_flags(u64 flags)
{
	return (flags & O_CLOEXEC) ? PPM_O_CLOEXEC : 0;
}

/* userfaultfd(2): O_CLOEXEC, O_NONBLOCK (UFFD_USER_MODE_ONLY unnamed). */
LANNER_SHARED u32 lanner_userfaultfd_flags(u64 flags)
{
	return lanner_cloexec_nonblock(flags, O_CLOEXEC, O_NONBLOCK);
}

/*
 * Device numbers (exec "tty", open "dev") as Falco encodes them: the
 * kernel's new_encode_dev() of its internal dev_t.
 */
LANNER_SHARED u32 lanner_encode_dev(u32 dev)
{
	u32 major = dev >> LANNER_KDEV_MINORBITS;
	u32 minor = dev & LANNER_KDEV_MINORMASK;

	return (minor & 0xff) | (major << 8) | ((minor & ~0xffU) << 12);
}

/* ---- sockets ----------------------------------------------------------- */

/* socket "domain": PPM_AF_* are the kernel's AF_* numbers, one byte. */
_Static_assert(PPM_AF_UNIX == AF_UNIX && PPM_AF_INET == AF_INET &&
	       PPM_AF_INET6 == AF_INET6, "PPM_AF_* = AF_*");

LANNER_SHARED u32 lanner_socket_family(u64 domain)
{
	return (u8)domain;
}

/* SOCK_NONBLOCK / SOCK_CLOEXEC of socket(2) type and accept4(2) flags */
LANNER_SHARED u32 lanner_socket_flags(u64 flags)
{
	return lanner_cloexec_nonblock(flags, SOCK_CLOEXEC, SOCK_NONBLOCK);
}

/* accept "queuepct": how full the listener's backlog is, in percent */
LANNER_SHARED u8 lanner_accept_queuepct(u32 backlog, u32 max_backlog)
{
	return max_backlog ? backlog * 100 / max_backlog : 0;
}

/* ---- ptrace ------------------------------------------------------------ */

struct lanner_req {
	u32 kernel;
	u16 ppm;
};

/* uapi request numbers (linux/ptrace.h, asm/ptrace-abi.h) -> PPM_PTRACE_* */
static const struct lanner_req lanner_ptrace_reqs[] = {
	{ PTRACE_TRACEME, PPM_PTRACE_TRACEME },
	{ PTRACE_PEEKTEXT, PPM_PTRACE_PEEKTEXT },
	{ PTRACE_PEEKDATA, PPM_PTRACE_PEEKDATA },
	{ PTRACE_PEEKUSR, PPM_PTRACE_PEEKUSR },
	{ PTRACE_POKETEXT, PPM_PTRACE_POKETEXT },
	{ PTRACE_POKEDATA, PPM_PTRACE_POKEDATA },
	{ PTRACE_POKEUSR, PPM_PTRACE_POKEUSR },
	{ PTRACE_CONT, PPM_PTRACE_CONT },
	{ PTRACE_KILL, PPM_PTRACE_KILL },
	{ PTRACE_SINGLESTEP, PPM_PTRACE_SINGLESTEP },
	{ PTRACE_ATTACH, PPM_PTRACE_ATTACH },
	{ PTRACE_DETACH, PPM_PTRACE_DETACH },
	{ PTRACE_SYSCALL, PPM_PTRACE_SYSCALL },
	{ PTRACE_SETOPTIONS, PPM_PTRACE_SETOPTIONS },
	{ PTRACE_GETEVENTMSG, PPM_PTRACE_GETEVENTMSG },
	{ PTRACE_GETSIGINFO, PPM_PTRACE_GETSIGINFO },
	{ PTRACE_SETSIGINFO, PPM_PTRACE_SETSIGINFO },
	{ 0x4204, PPM_PTRACE_GETREGSET },	/* PTRACE_GETREGSET */
	{ 0x4205, PPM_PTRACE_SETREGSET },	/* PTRACE_SETREGSET */
	{ 0x4206, PPM_PTRACE_SEIZE },		/* PTRACE_SEIZE */
	{ 0x4207, PPM_PTRACE_INTERRUPT },	/* PTRACE_INTERRUPT */
	{ 0x4208, PPM_PTRACE_LISTEN },		/* PTRACE_LISTEN */
	{ 0x4209, PPM_PTRACE_PEEKSIGINFO },	/* PTRACE_PEEKSIGINFO, 3.10 */
	{ 0x420a, PPM_PTRACE_GETSIGMASK },	/* PTRACE_GETSIGMASK, 3.11 */
	{ 0x420b, PPM_PTRACE_SETSIGMASK },	/* PTRACE_SETSIGMASK, 3.11 */
#ifdef LANNER_FLAGS_X86
	{ 12, PPM_PTRACE_GETREGS },		/* asm/ptrace-abi.h (x86) */
	{ 13, PPM_PTRACE_SETREGS },
	{ 14, PPM_PTRACE_GETFPREGS },
	{ 15, PPM_PTRACE_SETFPREGS },
	{ 18, PPM_PTRACE_GETFPXREGS },
	{ 19, PPM_PTRACE_SETFPXREGS },
	{ 21, PPM_PTRACE_OLDSETOPTIONS },
	{ 25, PPM_PTRACE_GET_THREAD_AREA },
	{ 26, PPM_PTRACE_SET_THREAD_AREA },
	{ 30, PPM_PTRACE_ARCH_PRCTL },
	{ 31, PPM_PTRACE_SYSEMU },
	{ 32, PPM_PTRACE_SYSEMU_SINGLESTEP },
	{ 33, PPM_PTRACE_SINGLEBLOCK },
#endif
};

/* ptrace "request"; an unknown one is PPM_PTRACE_UNKNOWN */
LANNER_SHARED u16 lanner_ptrace_req(u64 req)
{
	u32 i;

	for (i = 0; i < LANNER_ARRAY_SIZE(lanner_ptrace_reqs); i++)
		if (lanner_ptrace_reqs[i].kernel == req)
			return lanner_ptrace_reqs[i].ppm;
	return PPM_PTRACE_UNKNOWN;
}

#endif /* LANNER_FLAGS_H */
