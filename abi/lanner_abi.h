/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * lanner_abi.h - the one definition of lanner's kernel/user contract.
 *
 * Owns: the record layout (Falco's scap event format: 26-byte packed header,
 * u16 parameter lengths, PPME event codes, exit-only model), the parameter
 * tables of the events lanner emits, the portable flag encodings, the per-CPU
 * ring control page, the mmap layout, the ioctls, and the ABI/schema versions.
 *
 * Included by the kernel module (kmod/), by the eBPF fallback
 * (bpf-fallback/, with LANNER_ABI_NO_INCLUDES after vmlinux.h) and, through
 * bindgen, by the Rust agent (abi/build.rs). Nothing here may be restated by
 * hand in another file or language: add it here and regenerate.
 *
 * Must never: contain kernel-only or libc-only types, pointers inside shared
 * memory structures, or layout that depends on the compiler's padding rules
 * (every shared struct is naturally aligned or explicitly packed and checked
 * with static assertions below and in abi/src/lib.rs).
 */
#ifndef LANNER_ABI_H
#define LANNER_ABI_H

#ifndef LANNER_ABI_NO_INCLUDES
#include <linux/types.h>
#include <linux/ioctl.h>
#endif

/* User space and BPF lack the kernel's attribute shorthand. */
#ifndef __packed
#define __packed __attribute__((__packed__))
#endif

/* ------------------------------------------------------------------------
 * Versions. ABI = ring, mmap layout, ioctls. SCHEMA = the scap event schema
 * lanner follows (Falco's driver/SCHEMA_VERSION). Semver: the agent requires
 * an equal major and a minor >= its own.
 */
#define LANNER_ABI_VERSION_MAJOR 1
#define LANNER_ABI_VERSION_MINOR 0
#define LANNER_ABI_VERSION_PATCH 0
#define LANNER_SCHEMA_VERSION_MAJOR 4
#define LANNER_SCHEMA_VERSION_MINOR 5
#define LANNER_SCHEMA_VERSION_PATCH 1

/* Name of the character device (/dev/lanner) and of the module. */
#define LANNER_DEVICE_NAME "lanner"

/* ------------------------------------------------------------------------
 * Record header (scap event header). Packed, little-endian, 26 bytes.
 * Followed by nparams u16 parameter lengths, then the parameter payloads
 * back to back with no padding. Records are back to back and unaligned in
 * the ring.
 */
struct lanner_evt_hdr {
	__u64 ts;	/* ns since the epoch: boot-time clock + boot epoch */
	__u64 tid;	/* thread id in the initial pid namespace */
	__u32 len;	/* total record length, header included */
	__u16 type;	/* enum ppm_event_code */
	__u32 nparams;	/* number of u16 lengths following the header */
} __packed;

#define LANNER_EVT_HDR_LEN 26
#define LANNER_PARAM_LEN_SIZE 2		/* u16 parameter lengths */
#define LANNER_MAX_EVENT_PARAMS 32	/* PPM_MAX_EVENT_PARAMS */
#define LANNER_MAX_PARAM_LEN 65000	/* PPM_MAX_ARG_SIZE */
#define LANNER_MAX_RECORD_LEN 65536	/* a longer record is dropped */
#define LANNER_MAX_PATH_LEN 4096	/* PATH_MAX, NUL included */
#define LANNER_MAX_ARGS_LEN 4096	/* argv / env bytes captured */
#define LANNER_MAX_COMM_LEN 16		/* TASK_COMM_LEN */

/* ------------------------------------------------------------------------
 * Event codes (Falco's enum ppm_event_code at schema 4.5.1). Even = enter,
 * odd = exit. Only the codes lanner emits or must recognise are listed;
 * values are fixed by the scap format and never renumbered.
 */
enum ppm_event_code {
	PPME_GENERIC_E = 0,
	PPME_GENERIC_X = 1,
	PPME_SYSCALL_OPEN_E = 2,
	PPME_SYSCALL_OPEN_X = 3,
	PPME_PROCEXIT_1_E = 186,
	PPME_PROCEXIT_1_X = 187,
	PPME_SYSCALL_CLONE_20_E = 222,
	PPME_SYSCALL_CLONE_20_X = 223,
	PPME_SYSCALL_FORK_20_E = 224,
	PPME_SYSCALL_FORK_20_X = 225,
	PPME_SYSCALL_VFORK_20_E = 226,
	PPME_SYSCALL_VFORK_20_X = 227,
	PPME_SYSCALL_EXECVE_19_E = 292,
	PPME_SYSCALL_EXECVE_19_X = 293,
	PPME_SYSCALL_OPENAT_2_E = 306,
	PPME_SYSCALL_OPENAT_2_X = 307,
	PPME_SYSCALL_OPENAT2_E = 326,
	PPME_SYSCALL_OPENAT2_X = 327,
	PPME_SYSCALL_EXECVEAT_E = 330,
	PPME_SYSCALL_EXECVEAT_X = 331,
	PPME_SYSCALL_CLONE3_E = 334,
	PPME_SYSCALL_CLONE3_X = 335,
	PPM_EVENT_MAX = 454
};

/* Parameter types (Falco's enum ppm_param_type). */
enum ppm_param_type {
	PT_NONE = 0,
	PT_INT8 = 1,
	PT_INT16 = 2,
	PT_INT32 = 3,
	PT_INT64 = 4,
	PT_UINT8 = 5,
	PT_UINT16 = 6,
	PT_UINT32 = 7,
	PT_UINT64 = 8,
	PT_CHARBUF = 9,		/* NUL-terminated, NUL counted in the length */
	PT_BYTEBUF = 10,	/* raw bytes; args/env are NUL-separated */
	PT_ERRNO = 11,		/* i64, negative errno on failure */
	PT_SOCKADDR = 12,
	PT_SOCKTUPLE = 13,
	PT_FD = 14,		/* i64 */
	PT_PID = 15,		/* i64 */
	PT_FDLIST = 16,
	PT_FSPATH = 17,		/* NUL-terminated path */
	PT_SYSCALLID = 18,	/* u16 */
	PT_SIGTYPE = 19,	/* u8 */
	PT_RELTIME = 20,	/* u64 ns */
	PT_ABSTIME = 21,	/* u64 ns since the epoch */
	PT_PORT = 22,
	PT_L4PROTO = 23,
	PT_SOCKFAMILY = 24,
	PT_BOOL = 25,		/* u32 */
	PT_IPV4ADDR = 26,
	PT_DYN = 27,
	PT_FLAGS8 = 28,
	PT_FLAGS16 = 29,
	PT_FLAGS32 = 30,
	PT_UID = 31,		/* u32 */
	PT_GID = 32,		/* u32 */
	PT_DOUBLE = 33,
	PT_SIGSET = 34,
	PT_MODE = 42,		/* u32 */
	PT_FSRELPATH = 43,	/* path relative to a dirfd parameter */
	PT_ENUMFLAGS8 = 44,
	PT_ENUMFLAGS16 = 45,
	PT_ENUMFLAGS32 = 46,
	PT_FD32 = 47,
	PT_PID32 = 48,
	PT_MAX = 49
};

/* How a numeric parameter is printed (Falco's enum ppm_print_format). */
enum ppm_print_format {
	PF_NA = 0,
	PF_DEC = 1,
	PF_HEX = 2,
	PF_10_PADDED_DEC = 3,
	PF_ID = 4,
	PF_DIR = 5,
	PF_OCT = 6
};

/* Event flags (Falco's enum ppm_event_flags), the subset lanner uses. */
enum ppm_event_flags {
	EF_NONE = 0,
	EF_CREATES_FD = (1 << 0),
	EF_DESTROYS_FD = (1 << 1),
	EF_USES_FD = (1 << 2),
	EF_MODIFIES_STATE = (1 << 5),
	EF_UNUSED = (1 << 6),
	EF_OLD_VERSION = (1 << 9),
	EF_CONVERTER_MANAGED = (1 << 12)
};

/* Event categories (Falco's enum ppm_event_category), the subset used. */
enum ppm_event_category {
	EC_UNKNOWN = 0,
	EC_OTHER = 1,
	EC_FILE = 2,
	EC_PROCESS = 9,
	EC_SYSCALL = (1 << 4),
	EC_TRACEPOINT = (1 << 5)
};

/* ------------------------------------------------------------------------
 * Portable flag encodings: drivers convert kernel values to these so that
 * records mean the same on every kernel and architecture.
 */
/* open flags (PT_FLAGS32 "flags" of open/openat/openat2) */
#define PPM_O_NONE 0
#define PPM_O_RDONLY (1 << 0)
#define PPM_O_WRONLY (1 << 1)
#define PPM_O_RDWR (PPM_O_RDONLY | PPM_O_WRONLY)
#define PPM_O_CREAT (1 << 2)
#define PPM_O_APPEND (1 << 3)
#define PPM_O_DSYNC (1 << 4)
#define PPM_O_EXCL (1 << 5)
#define PPM_O_NONBLOCK (1 << 6)
#define PPM_O_SYNC (1 << 7)
#define PPM_O_TRUNC (1 << 8)
#define PPM_O_DIRECT (1 << 9)
#define PPM_O_DIRECTORY (1 << 10)
#define PPM_O_LARGEFILE (1 << 11)
#define PPM_O_CLOEXEC (1 << 12)
#define PPM_O_TMPFILE (1 << 13)
#define PPM_O_F_CREATED (1 << 14)	/* file created by this syscall */
#define PPM_FD_UPPER_LAYER (1 << 15)	/* overlayfs: file from the upper layer */
#define PPM_FD_LOWER_LAYER (1 << 16)	/* overlayfs: file from a lower layer */

/* openat2 resolve flags ("resolve" of openat2) */
#define PPM_RESOLVE_BENEATH (1 << 0)
#define PPM_RESOLVE_IN_ROOT (1 << 1)
#define PPM_RESOLVE_NO_MAGICLINKS (1 << 2)
#define PPM_RESOLVE_NO_SYMLINKS (1 << 3)
#define PPM_RESOLVE_NO_XDEV (1 << 4)
#define PPM_RESOLVE_CACHED (1 << 5)

/* file mode bits ("mode" of open/openat/openat2) */
#define PPM_S_IXOTH (1 << 0)
#define PPM_S_IWOTH (1 << 1)
#define PPM_S_IROTH (1 << 2)
#define PPM_S_IXGRP (1 << 3)
#define PPM_S_IWGRP (1 << 4)
#define PPM_S_IRGRP (1 << 5)
#define PPM_S_IXUSR (1 << 6)
#define PPM_S_IWUSR (1 << 7)
#define PPM_S_IRUSR (1 << 8)
#define PPM_S_ISVTX (1 << 9)
#define PPM_S_ISGID (1 << 10)
#define PPM_S_ISUID (1 << 11)

/* clone flags ("flags" of clone/fork/vfork/clone3) */
#define PPM_CL_NONE 0
#define PPM_CL_CLONE_FILES (1 << 0)
#define PPM_CL_CLONE_FS (1 << 1)
#define PPM_CL_CLONE_IO (1 << 2)
#define PPM_CL_CLONE_NEWIPC (1 << 3)
#define PPM_CL_CLONE_NEWNET (1 << 4)
#define PPM_CL_CLONE_NEWNS (1 << 5)
#define PPM_CL_CLONE_NEWPID (1 << 6)
#define PPM_CL_CLONE_NEWUTS (1 << 7)
#define PPM_CL_CLONE_PARENT (1 << 8)
#define PPM_CL_CLONE_PARENT_SETTID (1 << 9)
#define PPM_CL_CLONE_PTRACE (1 << 10)
#define PPM_CL_CLONE_SIGHAND (1 << 11)
#define PPM_CL_CLONE_SYSVSEM (1 << 12)
#define PPM_CL_CLONE_THREAD (1 << 13)
#define PPM_CL_CLONE_UNTRACED (1 << 14)
#define PPM_CL_CLONE_VM (1 << 15)
#define PPM_CL_CLONE_NEWUSER (1 << 20)
#define PPM_CL_CLONE_CHILD_CLEARTID (1 << 23)
#define PPM_CL_CLONE_CHILD_SETTID (1 << 24)
#define PPM_CL_CLONE_SETTLS (1 << 25)
#define PPM_CL_CLONE_STOPPED (1 << 26)
#define PPM_CL_CLONE_VFORK (1 << 27)
#define PPM_CL_CLONE_NEWCGROUP (1 << 28)

/* dirfd value meaning "relative to the cwd" */
#define PPM_AT_FDCWD (-100)

/* ------------------------------------------------------------------------
 * Per-CPU ring. One ring per possible CPU. Each ring is a control page
 * plus a power-of-two data area that user space maps twice back to back
 * (read-only), so a record crossing the end is contiguous for the reader.
 *
 * Positions are free-running u64 byte counters; offset = pos & (size - 1).
 * Producer (kernel, one per ring, preemption off): reads tail with acquire,
 * writes a whole record at head, then publishes head with release.
 * Consumer (agent): loads head with acquire, reads [tail, head), then
 * stores tail with release. used = head - tail is always <= size; a
 * record that does not fit is dropped and counted, never waited for.
 */
enum lanner_drop_reason {
	LANNER_DROP_RING_FULL = 0,	/* not enough free space in the ring */
	LANNER_DROP_TOO_LARGE = 1,	/* record longer than LANNER_MAX_RECORD_LEN */
	LANNER_DROP_REENTRANT = 2,	/* hook re-entered on the same CPU */
	LANNER_DROP_COMPAT = 3,		/* 32-bit (ia32) syscall, not decoded yet */
	LANNER_DROP_INTERNAL = 4,	/* filler broke the event table's contract */
	LANNER_DROP_MAX = 8		/* room for new reasons without ABI change */
};

struct lanner_ring_ctrl {
	__u64 head;			/* producer position (kernel writes) */
	__u64 __pad_head[7];		/* keep head and tail on own cache lines */
	__u64 tail;			/* consumer position (agent writes) */
	__u64 __pad_tail[7];
	__u64 n_evts;			/* records written to this ring */
	__u64 n_bytes;			/* bytes written to this ring */
	__u64 n_drops[LANNER_DROP_MAX];	/* records lost, by enum lanner_drop_reason */
	__u64 n_user_faults;		/* params left empty: unreadable user memory */
	__u64 n_hits;			/* hook invocations on this CPU, before filtering */
	__u32 size;			/* data area size in bytes (power of two) */
	__u32 cpu;			/* CPU this ring belongs to */
	__u64 __reserved[33];		/* grow here; the page is LANNER_CTRL_SIZE */
};

#define LANNER_CTRL_SIZE 4096

/*
 * mmap layout of /dev/lanner: ring i lives at file offset
 * i * LANNER_MMAP_STRIDE. Its control page is at +0 (length
 * LANNER_CTRL_SIZE, PROT_READ | PROT_WRITE); its data at
 * +LANNER_MMAP_DATA_OFFSET (length 2 * size, PROT_READ only).
 */
#define LANNER_MMAP_STRIDE 0x100000000ULL	/* 4 GiB of offset space per ring */
#define LANNER_MMAP_DATA_OFFSET 0x10000ULL	/* 64 KiB: a multiple of any page size */
#define LANNER_RING_SIZE_MIN (1U << 16)
#define LANNER_RING_SIZE_MAX (1U << 30)
#define LANNER_RING_SIZE_DEFAULT (8U << 20)

/* ------------------------------------------------------------------------
 * ioctls on /dev/lanner.
 */
#define LANNER_SYSCALL_MASK_WORDS 8	/* 512 native syscall numbers */
#define LANNER_MAX_CPU_WORDS 128	/* 8192 CPUs (RHEL 7 NR_CPUS is 5120) */

/* Capture filter: which syscalls (native numbers) and tracepoints emit. */
struct lanner_filter {
	__u64 syscalls[LANNER_SYSCALL_MASK_WORDS];
	__u32 tracepoints;		/* LANNER_TP_* bits */
	__u32 flags;			/* LANNER_FILTER_* bits */
};

#define LANNER_TP_PROCEXIT (1U << 0)	/* sched_process_exit -> PROCEXIT_1_E */
#define LANNER_FILTER_DROP_FAILED (1U << 0)	/* skip syscalls returning < 0 */

struct lanner_info {
	__u32 abi_major;
	__u32 abi_minor;
	__u32 abi_patch;
	__u32 schema_major;
	__u32 schema_minor;
	__u32 schema_patch;
	__u32 nr_rings;			/* rings = possible CPU ids */
	__u32 ring_size;		/* data bytes per ring */
	__u64 mmap_stride;		/* LANNER_MMAP_STRIDE */
	__u64 mmap_data_offset;		/* LANNER_MMAP_DATA_OFFSET */
	__u32 ctrl_size;		/* LANNER_CTRL_SIZE */
	__u32 online_mask_words;	/* valid words in online[] */
	__u64 online[LANNER_MAX_CPU_WORDS];	/* CPUs online at the call */
};

#define LANNER_IOC_MAGIC 'L'
#define LANNER_IOC_GET_INFO _IOR(LANNER_IOC_MAGIC, 1, struct lanner_info)
#define LANNER_IOC_SET_FILTER _IOW(LANNER_IOC_MAGIC, 2, struct lanner_filter)
#define LANNER_IOC_START _IO(LANNER_IOC_MAGIC, 3)
#define LANNER_IOC_STOP _IO(LANNER_IOC_MAGIC, 4)

/* ------------------------------------------------------------------------
 * Layout checks. Mirrored in Rust (abi/src/lib.rs) against bindgen's view.
 */
_Static_assert(sizeof(struct lanner_evt_hdr) == LANNER_EVT_HDR_LEN,
	       "scap header is 26 bytes");
_Static_assert(sizeof(struct lanner_ring_ctrl) <= LANNER_CTRL_SIZE,
	       "control struct fits its page");
_Static_assert(sizeof(struct lanner_ring_ctrl) % 8 == 0,
	       "control struct is u64-aligned");
_Static_assert(sizeof(struct lanner_filter) == 72, "filter layout");
_Static_assert(sizeof(struct lanner_info) == 56 + 8 * LANNER_MAX_CPU_WORDS,
	       "info layout");

/* ------------------------------------------------------------------------
 * Event table: name, category, flags and parameter list of every event
 * lanner emits, in Falco's wire order. Instantiated in exactly one C file
 * per consumer by defining LANNER_ABI_EVENT_TABLE before including this
 * header (kmod/event_table.c, abi/src/event_table.c).
 */
struct lanner_param_info {
	const char *name;
	__u32 type;			/* enum ppm_param_type */
	__u32 fmt;			/* enum ppm_print_format */
};

struct lanner_event_info {
	const char *name;		/* NULL: code not emitted by lanner */
	__u32 category;			/* enum ppm_event_category */
	__u32 flags;			/* enum ppm_event_flags */
	__u32 nparams;
	const struct lanner_param_info *params;
};

#endif /* LANNER_ABI_H */

/*
 * The table is outside the include guard so that a file may include the
 * header for its types first and instantiate the table later.
 */
#if defined(LANNER_ABI_EVENT_TABLE) && !defined(LANNER_ABI_EVENT_TABLE_DONE)
#define LANNER_ABI_EVENT_TABLE_DONE

#define LANNER_P(n, t, f) { .name = (n), .type = (t), .fmt = (f) }

/* clone, fork, vfork, clone3 exits share one parameter list */
static const struct lanner_param_info lanner_clone_params[] = {
	LANNER_P("res", PT_PID, PF_DEC),
	LANNER_P("exe", PT_CHARBUF, PF_NA),
	LANNER_P("args", PT_BYTEBUF, PF_NA),
	LANNER_P("tid", PT_PID, PF_DEC),
	LANNER_P("pid", PT_PID, PF_DEC),
	LANNER_P("ptid", PT_PID, PF_DEC),
	LANNER_P("cwd", PT_CHARBUF, PF_NA),
	LANNER_P("fdlimit", PT_INT64, PF_DEC),
	LANNER_P("pgft_maj", PT_UINT64, PF_DEC),
	LANNER_P("pgft_min", PT_UINT64, PF_DEC),
	LANNER_P("vm_size", PT_UINT32, PF_DEC),
	LANNER_P("vm_rss", PT_UINT32, PF_DEC),
	LANNER_P("vm_swap", PT_UINT32, PF_DEC),
	LANNER_P("comm", PT_CHARBUF, PF_NA),
	LANNER_P("cgroups", PT_BYTEBUF, PF_NA),
	LANNER_P("flags", PT_FLAGS32, PF_HEX),
	LANNER_P("uid", PT_UINT32, PF_DEC),
	LANNER_P("gid", PT_UINT32, PF_DEC),
	LANNER_P("vtid", PT_PID, PF_DEC),
	LANNER_P("vpid", PT_PID, PF_DEC),
	LANNER_P("pidns_init_start_ts", PT_UINT64, PF_DEC),
};

/* execve exit; execveat is the same list without the last "filename" */
static const struct lanner_param_info lanner_execve_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("exe", PT_CHARBUF, PF_NA),
	LANNER_P("args", PT_BYTEBUF, PF_NA),
	LANNER_P("tid", PT_PID, PF_DEC),
	LANNER_P("pid", PT_PID, PF_DEC),
	LANNER_P("ptid", PT_PID, PF_DEC),
	LANNER_P("cwd", PT_CHARBUF, PF_NA),
	LANNER_P("fdlimit", PT_UINT64, PF_DEC),
	LANNER_P("pgft_maj", PT_UINT64, PF_DEC),
	LANNER_P("pgft_min", PT_UINT64, PF_DEC),
	LANNER_P("vm_size", PT_UINT32, PF_DEC),
	LANNER_P("vm_rss", PT_UINT32, PF_DEC),
	LANNER_P("vm_swap", PT_UINT32, PF_DEC),
	LANNER_P("comm", PT_CHARBUF, PF_NA),
	LANNER_P("cgroups", PT_BYTEBUF, PF_NA),
	LANNER_P("env", PT_BYTEBUF, PF_NA),
	LANNER_P("tty", PT_UINT32, PF_DEC),
	LANNER_P("vpgid", PT_PID, PF_DEC),
	LANNER_P("loginuid", PT_UID, PF_DEC),
	LANNER_P("flags", PT_FLAGS32, PF_HEX),
	LANNER_P("cap_inheritable", PT_UINT64, PF_HEX),
	LANNER_P("cap_permitted", PT_UINT64, PF_HEX),
	LANNER_P("cap_effective", PT_UINT64, PF_HEX),
	LANNER_P("exe_ino", PT_UINT64, PF_DEC),
	LANNER_P("exe_ino_ctime", PT_ABSTIME, PF_DEC),
	LANNER_P("exe_ino_mtime", PT_ABSTIME, PF_DEC),
	LANNER_P("uid", PT_UID, PF_DEC),
	LANNER_P("trusted_exepath", PT_FSPATH, PF_NA),
	LANNER_P("pgid", PT_PID, PF_NA),
	LANNER_P("gid", PT_GID, PF_DEC),
	LANNER_P("filename", PT_FSPATH, PF_NA),
};

static const struct lanner_param_info lanner_open_params[] = {
	LANNER_P("fd", PT_FD, PF_DEC),
	LANNER_P("name", PT_FSPATH, PF_NA),
	LANNER_P("flags", PT_FLAGS32, PF_HEX),
	LANNER_P("mode", PT_UINT32, PF_OCT),
	LANNER_P("dev", PT_UINT32, PF_HEX),
	LANNER_P("ino", PT_UINT64, PF_DEC),
};

static const struct lanner_param_info lanner_openat_params[] = {
	LANNER_P("fd", PT_FD, PF_DEC),
	LANNER_P("dirfd", PT_FD, PF_DEC),
	LANNER_P("name", PT_FSRELPATH, PF_NA),
	LANNER_P("flags", PT_FLAGS32, PF_HEX),
	LANNER_P("mode", PT_UINT32, PF_OCT),
	LANNER_P("dev", PT_UINT32, PF_HEX),
	LANNER_P("ino", PT_UINT64, PF_DEC),
};

static const struct lanner_param_info lanner_openat2_params[] = {
	LANNER_P("fd", PT_FD, PF_DEC),
	LANNER_P("dirfd", PT_FD, PF_DEC),
	LANNER_P("name", PT_FSRELPATH, PF_NA),
	LANNER_P("flags", PT_FLAGS32, PF_HEX),
	LANNER_P("mode", PT_UINT32, PF_OCT),
	LANNER_P("resolve", PT_FLAGS32, PF_HEX),
	LANNER_P("dev", PT_UINT32, PF_HEX),
	LANNER_P("ino", PT_UINT64, PF_DEC),
};

static const struct lanner_param_info lanner_procexit_params[] = {
	LANNER_P("status", PT_ERRNO, PF_DEC),
	LANNER_P("ret", PT_ERRNO, PF_DEC),
	LANNER_P("sig", PT_SIGTYPE, PF_DEC),
	LANNER_P("core", PT_UINT8, PF_DEC),
	LANNER_P("reaper_tid", PT_PID, PF_DEC),
};

static const struct lanner_param_info lanner_generic_params[] = {
	LANNER_P("ID", PT_SYSCALLID, PF_DEC),
	LANNER_P("nativeID", PT_UINT16, PF_DEC),
};

#define LANNER_NPARAMS(a) ((__u32)(sizeof(a) / sizeof((a)[0])))
#define LANNER_EVT(n, c, f, p, np) \
	{ .name = (n), .category = (c), .flags = (f), .params = (p), \
	  .nparams = (np) }

/* Indexed by enum ppm_event_code; holes have name == NULL. */
static const struct lanner_event_info lanner_event_table[PPM_EVENT_MAX] = {
	[PPME_GENERIC_X] = LANNER_EVT("syscall", EC_OTHER | EC_SYSCALL,
		EF_NONE, lanner_generic_params,
		LANNER_NPARAMS(lanner_generic_params)),
	[PPME_SYSCALL_OPEN_X] = LANNER_EVT("open", EC_FILE | EC_SYSCALL,
		EF_CREATES_FD | EF_MODIFIES_STATE, lanner_open_params,
		LANNER_NPARAMS(lanner_open_params)),
	[PPME_PROCEXIT_1_E] = LANNER_EVT("procexit",
		EC_PROCESS | EC_TRACEPOINT, EF_MODIFIES_STATE,
		lanner_procexit_params,
		LANNER_NPARAMS(lanner_procexit_params)),
	[PPME_SYSCALL_CLONE_20_X] = LANNER_EVT("clone",
		EC_PROCESS | EC_SYSCALL, EF_MODIFIES_STATE,
		lanner_clone_params, LANNER_NPARAMS(lanner_clone_params)),
	[PPME_SYSCALL_FORK_20_X] = LANNER_EVT("fork",
		EC_PROCESS | EC_SYSCALL, EF_MODIFIES_STATE,
		lanner_clone_params, LANNER_NPARAMS(lanner_clone_params)),
	[PPME_SYSCALL_VFORK_20_X] = LANNER_EVT("vfork",
		EC_PROCESS | EC_SYSCALL, EF_MODIFIES_STATE,
		lanner_clone_params, LANNER_NPARAMS(lanner_clone_params)),
	[PPME_SYSCALL_EXECVE_19_X] = LANNER_EVT("execve",
		EC_PROCESS | EC_SYSCALL, EF_MODIFIES_STATE,
		lanner_execve_params, LANNER_NPARAMS(lanner_execve_params)),
	[PPME_SYSCALL_OPENAT_2_X] = LANNER_EVT("openat",
		EC_FILE | EC_SYSCALL, EF_CREATES_FD | EF_MODIFIES_STATE,
		lanner_openat_params, LANNER_NPARAMS(lanner_openat_params)),
	[PPME_SYSCALL_OPENAT2_X] = LANNER_EVT("openat2",
		EC_FILE | EC_SYSCALL, EF_CREATES_FD | EF_MODIFIES_STATE,
		lanner_openat2_params, LANNER_NPARAMS(lanner_openat2_params)),
	[PPME_SYSCALL_EXECVEAT_X] = LANNER_EVT("execveat",
		EC_PROCESS | EC_SYSCALL, EF_MODIFIES_STATE,
		lanner_execve_params,
		LANNER_NPARAMS(lanner_execve_params) - 1),
	[PPME_SYSCALL_CLONE3_X] = LANNER_EVT("clone3",
		EC_PROCESS | EC_SYSCALL, EF_MODIFIES_STATE,
		lanner_clone_params, LANNER_NPARAMS(lanner_clone_params)),
};

#undef LANNER_EVT
#undef LANNER_P

#endif /* LANNER_ABI_EVENT_TABLE */
