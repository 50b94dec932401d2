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
 * odd = exit. Only the codes of events lanner emits are listed (both halves);
 * values are fixed by the scap format and never renumbered.
 */
enum ppm_event_code {
	PPME_GENERIC_E = 0,
	PPME_GENERIC_X = 1,
	PPME_SYSCALL_OPEN_E = 2,
	PPME_SYSCALL_OPEN_X = 3,
	PPME_SYSCALL_CLOSE_E = 4,
	PPME_SYSCALL_CLOSE_X = 5,
	PPME_SOCKET_SOCKET_E = 18,
	PPME_SOCKET_SOCKET_X = 19,
	PPME_SOCKET_BIND_E = 20,
	PPME_SOCKET_BIND_X = 21,
	PPME_SOCKET_CONNECT_E = 22,
	PPME_SOCKET_CONNECT_X = 23,
	PPME_SOCKET_LISTEN_E = 24,
	PPME_SOCKET_LISTEN_X = 25,
	PPME_SOCKET_SENDTO_E = 30,
	PPME_SOCKET_SENDTO_X = 31,
	PPME_SOCKET_RECVFROM_E = 34,
	PPME_SOCKET_RECVFROM_X = 35,
	PPME_SOCKET_SENDMSG_E = 48,
	PPME_SOCKET_SENDMSG_X = 49,
	PPME_SOCKET_RECVMSG_E = 52,
	PPME_SOCKET_RECVMSG_X = 53,
	PPME_SYSCALL_CREAT_E = 58,
	PPME_SYSCALL_CREAT_X = 59,
	PPME_SYSCALL_CHDIR_E = 94,
	PPME_SYSCALL_CHDIR_X = 95,
	PPME_SYSCALL_FCHDIR_E = 96,
	PPME_SYSCALL_FCHDIR_X = 97,
	PPME_SYSCALL_KILL_E = 128,
	PPME_SYSCALL_KILL_X = 129,
	PPME_SYSCALL_TKILL_E = 130,
	PPME_SYSCALL_TKILL_X = 131,
	PPME_SYSCALL_TGKILL_E = 132,
	PPME_SYSCALL_TGKILL_X = 133,
	PPME_SYSCALL_FCNTL_E = 150,
	PPME_SYSCALL_FCNTL_X = 151,
	PPME_SYSCALL_PTRACE_E = 168,
	PPME_SYSCALL_PTRACE_X = 169,
	PPME_SYSCALL_RENAME_E = 174,
	PPME_SYSCALL_RENAME_X = 175,
	PPME_SYSCALL_RENAMEAT_E = 176,
	PPME_SYSCALL_RENAMEAT_X = 177,
	PPME_SYSCALL_SYMLINK_E = 178,
	PPME_SYSCALL_SYMLINK_X = 179,
	PPME_SYSCALL_SYMLINKAT_E = 180,
	PPME_SYSCALL_SYMLINKAT_X = 181,
	PPME_PROCEXIT_1_E = 186,
	PPME_PROCEXIT_1_X = 187,
	PPME_SYSCALL_SETRESUID_E = 192,
	PPME_SYSCALL_SETRESUID_X = 193,
	PPME_SYSCALL_SETRESGID_E = 194,
	PPME_SYSCALL_SETRESGID_X = 195,
	PPME_SYSCALL_SETUID_E = 198,
	PPME_SYSCALL_SETUID_X = 199,
	PPME_SYSCALL_SETGID_E = 200,
	PPME_SYSCALL_SETGID_X = 201,
	PPME_SYSCALL_CLONE_20_E = 222,
	PPME_SYSCALL_CLONE_20_X = 223,
	PPME_SYSCALL_FORK_20_E = 224,
	PPME_SYSCALL_FORK_20_X = 225,
	PPME_SYSCALL_VFORK_20_E = 226,
	PPME_SYSCALL_VFORK_20_X = 227,
	PPME_SYSCALL_SETNS_E = 240,
	PPME_SYSCALL_SETNS_X = 241,
	PPME_SOCKET_ACCEPT_5_E = 246,
	PPME_SOCKET_ACCEPT_5_X = 247,
	PPME_SYSCALL_MOUNT_E = 256,
	PPME_SYSCALL_MOUNT_X = 257,
	PPME_SYSCALL_MKDIR_2_E = 276,
	PPME_SYSCALL_MKDIR_2_X = 277,
	PPME_SYSCALL_RMDIR_2_E = 278,
	PPME_SYSCALL_RMDIR_2_X = 279,
	PPME_SYSCALL_UNSHARE_E = 284,
	PPME_SYSCALL_UNSHARE_X = 285,
	PPME_SYSCALL_EXECVE_19_E = 292,
	PPME_SYSCALL_EXECVE_19_X = 293,
	PPME_SYSCALL_UNLINK_2_E = 300,
	PPME_SYSCALL_UNLINK_2_X = 301,
	PPME_SYSCALL_UNLINKAT_2_E = 302,
	PPME_SYSCALL_UNLINKAT_2_X = 303,
	PPME_SYSCALL_MKDIRAT_E = 304,
	PPME_SYSCALL_MKDIRAT_X = 305,
	PPME_SYSCALL_OPENAT_2_E = 306,
	PPME_SYSCALL_OPENAT_2_X = 307,
	PPME_SYSCALL_LINK_2_E = 308,
	PPME_SYSCALL_LINK_2_X = 309,
	PPME_SYSCALL_LINKAT_2_E = 310,
	PPME_SYSCALL_LINKAT_2_X = 311,
	PPME_SYSCALL_FCHMODAT_E = 312,
	PPME_SYSCALL_FCHMODAT_X = 313,
	PPME_SYSCALL_CHMOD_E = 314,
	PPME_SYSCALL_CHMOD_X = 315,
	PPME_SYSCALL_FCHMOD_E = 316,
	PPME_SYSCALL_FCHMOD_X = 317,
	PPME_SYSCALL_RENAMEAT2_E = 318,
	PPME_SYSCALL_RENAMEAT2_X = 319,
	PPME_SYSCALL_USERFAULTFD_E = 320,
	PPME_SYSCALL_USERFAULTFD_X = 321,
	PPME_SYSCALL_OPENAT2_E = 326,
	PPME_SYSCALL_OPENAT2_X = 327,
	PPME_SYSCALL_EXECVEAT_E = 330,
	PPME_SYSCALL_EXECVEAT_X = 331,
	PPME_SYSCALL_CLONE3_E = 334,
	PPME_SYSCALL_CLONE3_X = 335,
	PPME_SYSCALL_CAPSET_E = 352,
	PPME_SYSCALL_CAPSET_X = 353,
	PPME_SYSCALL_DUP2_E = 362,
	PPME_SYSCALL_DUP2_X = 363,
	PPME_SYSCALL_DUP3_E = 364,
	PPME_SYSCALL_DUP3_X = 365,
	PPME_SYSCALL_DUP_1_E = 366,
	PPME_SYSCALL_DUP_1_X = 367,
	PPME_SYSCALL_BPF_2_E = 368,
	PPME_SYSCALL_BPF_2_X = 369,
	PPME_SYSCALL_UMOUNT_1_E = 386,
	PPME_SYSCALL_UMOUNT_1_X = 387,
	PPME_SOCKET_ACCEPT4_6_E = 388,
	PPME_SOCKET_ACCEPT4_6_X = 389,
	PPME_SYSCALL_UMOUNT2_E = 390,
	PPME_SYSCALL_UMOUNT2_X = 391,
	PPME_SYSCALL_PRCTL_E = 400,
	PPME_SYSCALL_PRCTL_X = 401,
	PPME_SYSCALL_MEMFD_CREATE_E = 404,
	PPME_SYSCALL_MEMFD_CREATE_X = 405,
	PPME_SYSCALL_INIT_MODULE_E = 410,
	PPME_SYSCALL_INIT_MODULE_X = 411,
	PPME_SYSCALL_FINIT_MODULE_E = 412,
	PPME_SYSCALL_FINIT_MODULE_X = 413,
	PPME_SYSCALL_SETREUID_E = 426,
	PPME_SYSCALL_SETREUID_X = 427,
	PPME_SYSCALL_SETREGID_E = 428,
	PPME_SYSCALL_SETREGID_X = 429,
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

/* Event flags (Falco's enum ppm_event_flags). */
enum ppm_event_flags {
	EF_NONE = 0,
	EF_CREATES_FD = (1 << 0),
	EF_DESTROYS_FD = (1 << 1),
	EF_USES_FD = (1 << 2),
	EF_READS_FROM_FD = (1 << 3),
	EF_WRITES_TO_FD = (1 << 4),
	EF_MODIFIES_STATE = (1 << 5),
	EF_UNUSED = (1 << 6),
	EF_WAITS = (1 << 7),
	EF_SKIPPARSERESET = (1 << 8),
	EF_OLD_VERSION = (1 << 9),
	EF_LARGE_PAYLOAD = (1 << 11),
	EF_CONVERTER_MANAGED = (1 << 12)
};

/* Event categories (Falco's enum ppm_event_category). */
enum ppm_event_category {
	EC_UNKNOWN = 0,
	EC_OTHER = 1,
	EC_FILE = 2,
	EC_NET = 3,
	EC_IPC = 4,
	EC_MEMORY = 5,
	EC_PROCESS = 6,
	EC_SLEEP = 7,
	EC_SYSTEM = 8,
	EC_SIGNAL = 9,
	EC_USER = 10,
	EC_TIME = 11,
	EC_IO_READ = 32,
	EC_IO_WRITE = 33,
	EC_IO_OTHER = 34,
	EC_SYSCALL = (1 << 9),
	EC_TRACEPOINT = (1 << 10)
};

/* ------------------------------------------------------------------------
 * Portable flag encodings: drivers convert kernel values to these so that
 * records mean the same on every kernel and architecture.
 */
/* open flags ("flags" of open family, socket, dup3, userfaultfd) */
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
#define PPM_O_F_CREATED (1 << 14)
#define PPM_FD_UPPER_LAYER (1 << 15)
#define PPM_FD_LOWER_LAYER (1 << 16)

/* address families ("domain" of socket; first byte of PT_SOCKADDR and PT_SOCKTUPLE) */
#define PPM_AF_UNSPEC 0
#define PPM_AF_LOCAL 1
#define PPM_AF_UNIX 1
#define PPM_AF_INET 2
#define PPM_AF_AX25 3
#define PPM_AF_IPX 4
#define PPM_AF_APPLETALK 5
#define PPM_AF_NETROM 6
#define PPM_AF_BRIDGE 7
#define PPM_AF_ATMPVC 8
#define PPM_AF_X25 9
#define PPM_AF_INET6 10
#define PPM_AF_ROSE 11
#define PPM_AF_DECnet 12
#define PPM_AF_NETBEUI 13
#define PPM_AF_SECURITY 14
#define PPM_AF_KEY 15
#define PPM_AF_NETLINK 16
#define PPM_AF_ROUTE PPM_AF_NETLINK
#define PPM_AF_PACKET 17
#define PPM_AF_ASH 18
#define PPM_AF_ECONET 19
#define PPM_AF_ATMSVC 20
#define PPM_AF_RDS 21
#define PPM_AF_SNA 22
#define PPM_AF_IRDA 23
#define PPM_AF_PPPOX 24
#define PPM_AF_WANPIPE 25
#define PPM_AF_LLC 26
#define PPM_AF_CAN 29
#define PPM_AF_TIPC 30
#define PPM_AF_BLUETOOTH 31
#define PPM_AF_IUCV 32
#define PPM_AF_RXRPC 33
#define PPM_AF_ISDN 34
#define PPM_AF_PHONET 35
#define PPM_AF_IEEE802154 36
#define PPM_AF_CAIF 37
#define PPM_AF_ALG 38
#define PPM_AF_NFC 39

/* "creat_flags" of creat */
#define PPM_FD_UPPER_LAYER_CREAT (1 << 0)
#define PPM_FD_LOWER_LAYER_CREAT (1 << 1)

/* "cmd" of fcntl */
#define PPM_FCNTL_UNKNOWN 0
#define PPM_FCNTL_F_DUPFD 1
#define PPM_FCNTL_F_GETFD 2
#define PPM_FCNTL_F_SETFD 3
#define PPM_FCNTL_F_GETFL 4
#define PPM_FCNTL_F_SETFL 5
#define PPM_FCNTL_F_GETLK 6
#define PPM_FCNTL_F_SETLK 8
#define PPM_FCNTL_F_SETLKW 9
#define PPM_FCNTL_F_SETOWN 10
#define PPM_FCNTL_F_GETOWN 12
#define PPM_FCNTL_F_SETSIG 13
#define PPM_FCNTL_F_GETSIG 15
#define PPM_FCNTL_F_GETLK64 17
#define PPM_FCNTL_F_SETLK64 18
#define PPM_FCNTL_F_SETLKW64 19
#define PPM_FCNTL_F_SETOWN_EX 21
#define PPM_FCNTL_F_GETOWN_EX 22
#define PPM_FCNTL_F_SETLEASE 23
#define PPM_FCNTL_F_GETLEASE 24
#define PPM_FCNTL_F_CANCELLK 25
#define PPM_FCNTL_F_DUPFD_CLOEXEC 26
#define PPM_FCNTL_F_NOTIFY 27
#define PPM_FCNTL_F_SETPIPE_SZ 28
#define PPM_FCNTL_F_GETPIPE_SZ 29
#define PPM_FCNTL_F_OFD_GETLK 30
#define PPM_FCNTL_F_OFD_SETLK 31
#define PPM_FCNTL_F_OFD_SETLKW 32

/* "request" of ptrace */
#define PPM_PTRACE_UNKNOWN 0
#define PPM_PTRACE_TRACEME 1
#define PPM_PTRACE_PEEKTEXT 2
#define PPM_PTRACE_PEEKDATA 3
#define PPM_PTRACE_PEEKUSR 4
#define PPM_PTRACE_POKETEXT 5
#define PPM_PTRACE_POKEDATA 6
#define PPM_PTRACE_POKEUSR 7
#define PPM_PTRACE_CONT 8
#define PPM_PTRACE_KILL 9
#define PPM_PTRACE_SINGLESTEP 10
#define PPM_PTRACE_ATTACH 11
#define PPM_PTRACE_DETACH 12
#define PPM_PTRACE_SYSCALL 13
#define PPM_PTRACE_SETOPTIONS 14
#define PPM_PTRACE_GETEVENTMSG 15
#define PPM_PTRACE_GETSIGINFO 16
#define PPM_PTRACE_SETSIGINFO 17
#define PPM_PTRACE_GETREGSET 18
#define PPM_PTRACE_SETREGSET 19
#define PPM_PTRACE_SEIZE 20
#define PPM_PTRACE_INTERRUPT 21
#define PPM_PTRACE_LISTEN 22
#define PPM_PTRACE_PEEKSIGINFO 23
#define PPM_PTRACE_GETSIGMASK 24
#define PPM_PTRACE_SETSIGMASK 25
#define PPM_PTRACE_GETREGS 26
#define PPM_PTRACE_SETREGS 27
#define PPM_PTRACE_GETFPREGS 28
#define PPM_PTRACE_SETFPREGS 29
#define PPM_PTRACE_GETFPXREGS 30
#define PPM_PTRACE_SETFPXREGS 31
#define PPM_PTRACE_OLDSETOPTIONS 32
#define PPM_PTRACE_GET_THREAD_AREA 33
#define PPM_PTRACE_SET_THREAD_AREA 34
#define PPM_PTRACE_ARCH_PRCTL 35
#define PPM_PTRACE_SYSEMU 36
#define PPM_PTRACE_SYSEMU_SINGLESTEP 37
#define PPM_PTRACE_SINGLEBLOCK 38

/* clone flags (clone family "flags", unshare "flags", setns "nstype") */
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
#define PPM_CL_CLONE_INVERTED (1 << 16)
#define PPM_CL_NAME_CHANGED (1 << 17)
#define PPM_CL_CLOSED (1 << 18)
#define PPM_CL_CLONE_NEWUSER (1 << 20)
#define PPM_CL_CLONE_CHILD_CLEARTID (1 << 23)
#define PPM_CL_CLONE_CHILD_SETTID (1 << 24)
#define PPM_CL_CLONE_SETTLS (1 << 25)
#define PPM_CL_CLONE_STOPPED (1 << 26)
#define PPM_CL_CLONE_VFORK (1 << 27)
#define PPM_CL_CLONE_NEWCGROUP (1 << 28)
#define PPM_CL_CHILD_IN_PIDNS (1 << 29)

/* "flags" of mount */
#define PPM_MS_RDONLY (1 << 0)
#define PPM_MS_NOSUID (1 << 1)
#define PPM_MS_NODEV (1 << 2)
#define PPM_MS_NOEXEC (1 << 3)
#define PPM_MS_SYNCHRONOUS (1 << 4)
#define PPM_MS_REMOUNT (1 << 5)
#define PPM_MS_MANDLOCK (1 << 6)
#define PPM_MS_DIRSYNC (1 << 7)
#define PPM_MS_NOATIME (1 << 10)
#define PPM_MS_NODIRATIME (1 << 11)
#define PPM_MS_BIND (1 << 12)
#define PPM_MS_MOVE (1 << 13)
#define PPM_MS_REC (1 << 14)
#define PPM_MS_SILENT (1 << 15)
#define PPM_MS_POSIXACL (1 << 16)
#define PPM_MS_UNBINDABLE (1 << 17)
#define PPM_MS_PRIVATE (1 << 18)
#define PPM_MS_SLAVE (1 << 19)
#define PPM_MS_SHARED (1 << 20)
#define PPM_MS_RELATIME (1 << 21)
#define PPM_MS_KERNMOUNT (1 << 22)
#define PPM_MS_I_VERSION (1 << 23)
#define PPM_MS_STRICTATIME (1 << 24)
#define PPM_MS_LAZYTIME (1 << 25)
#define PPM_MS_NOSEC (1 << 28)
#define PPM_MS_BORN (1 << 29)
#define PPM_MS_ACTIVE (1 << 30)
#define PPM_MS_NOUSER (1 << 31)

/* "flags" of execve/execveat (properties of the new executable) */
#define PPM_EXE_WRITABLE (1 << 0)
#define PPM_EXE_UPPER_LAYER (1 << 1)
#define PPM_EXE_FROM_MEMFD (1 << 2)
#define PPM_EXE_LOWER_LAYER (1 << 3)

/* "flags" of unlinkat */
#define PPM_AT_REMOVEDIR 0x200

/* "flags" of linkat */
#define PPM_AT_SYMLINK_FOLLOW 0x400
#define PPM_AT_EMPTY_PATH 0x1000

/* file mode bits ("mode" of chmod family and of open family) */
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

/* "flags" of renameat2 */
#define PPM_RENAME_NOREPLACE (1 << 0)
#define PPM_RENAME_EXCHANGE (1 << 1)
#define PPM_RENAME_WHITEOUT (1 << 2)

/* "resolve" of openat2 */
#define PPM_RESOLVE_BENEATH (1 << 0)
#define PPM_RESOLVE_IN_ROOT (1 << 1)
#define PPM_RESOLVE_NO_MAGICLINKS (1 << 2)
#define PPM_RESOLVE_NO_SYMLINKS (1 << 3)
#define PPM_RESOLVE_NO_XDEV (1 << 4)
#define PPM_RESOLVE_CACHED (1 << 5)

/* "cmd" of bpf */
#define PPM_BPF_MAP_CREATE 0
#define PPM_BPF_MAP_LOOKUP_ELEM 1
#define PPM_BPF_MAP_UPDATE_ELEM 2
#define PPM_BPF_MAP_DELETE_ELEM 3
#define PPM_BPF_MAP_GET_NEXT_KEY 4
#define PPM_BPF_PROG_LOAD 5
#define PPM_BPF_OBJ_PIN 6
#define PPM_BPF_OBJ_GET 7
#define PPM_BPF_PROG_ATTACH 8
#define PPM_BPF_PROG_DETACH 9
#define PPM_BPF_PROG_RUN PPM_BPF_PROG_TEST_RUN
#define PPM_BPF_PROG_TEST_RUN 10
#define PPM_BPF_PROG_GET_NEXT_ID 11
#define PPM_BPF_MAP_GET_NEXT_ID 12
#define PPM_BPF_PROG_GET_FD_BY_ID 13
#define PPM_BPF_MAP_GET_FD_BY_ID 14
#define PPM_BPF_OBJ_GET_INFO_BY_FD 15
#define PPM_BPF_PROG_QUERY 16
#define PPM_BPF_RAW_TRACEPOINT_OPEN 17
#define PPM_BPF_BTF_LOAD 18
#define PPM_BPF_BTF_GET_FD_BY_ID 19
#define PPM_BPF_TASK_FD_QUERY 20
#define PPM_BPF_MAP_LOOKUP_AND_DELETE_ELEM 21
#define PPM_BPF_MAP_FREEZE 22
#define PPM_BPF_BTF_GET_NEXT_ID 23
#define PPM_BPF_MAP_LOOKUP_BATCH 24
#define PPM_BPF_MAP_LOOKUP_AND_DELETE_BATCH 25
#define PPM_BPF_MAP_UPDATE_BATCH 26
#define PPM_BPF_MAP_DELETE_BATCH 27
#define PPM_BPF_LINK_CREATE 28
#define PPM_BPF_LINK_UPDATE 29
#define PPM_BPF_LINK_GET_FD_BY_ID 30
#define PPM_BPF_LINK_GET_NEXT_ID 31
#define PPM_BPF_ENABLE_STATS 32
#define PPM_BPF_ITER_CREATE 33
#define PPM_BPF_LINK_DETACH 34
#define PPM_BPF_PROG_BIND_MAP 35

/* "flags" of umount2 */
#define PPM_MNT_FORCE (1 << 0)
#define PPM_MNT_DETACH (1 << 1)
#define PPM_MNT_EXPIRE (1 << 2)
#define PPM_UMOUNT_NOFOLLOW (1 << 3)

/* "option" of prctl */
#define PPM_PR_GET_DUMPABLE 3
#define PPM_PR_SET_DUMPABLE 4
#define PPM_PR_GET_KEEPCAPS 7
#define PPM_PR_SET_KEEPCAPS 8
#define PPM_PR_SET_NAME 15
#define PPM_PR_GET_NAME 16
#define PPM_PR_GET_SECCOMP 21
#define PPM_PR_SET_SECCOMP 22
#define PPM_PR_CAPBSET_READ 23
#define PPM_PR_CAPBSET_DROP 24
#define PPM_PR_GET_SECUREBITS 27
#define PPM_PR_SET_SECUREBITS 28
#define PPM_PR_MCE_KILL 33
#define PPM_PR_SET_MM 35
#define PPM_PR_SET_CHILD_SUBREAPER 36
#define PPM_PR_GET_CHILD_SUBREAPER 37
#define PPM_PR_SET_NO_NEW_PRIVS 38
#define PPM_PR_GET_NO_NEW_PRIVS 39
#define PPM_PR_GET_TID_ADDRESS 40
#define PPM_PR_SET_THP_DISABLE 41
#define PPM_PR_GET_THP_DISABLE 42
#define PPM_PR_CAP_AMBIENT 47

/* "flags" of memfd_create */
#define PPM_MFD_CLOEXEC (1 << 0)
#define PPM_MFD_ALLOW_SEALING (1 << 1)
#define PPM_MFD_HUGETLB (1 << 2)

/* "flags" of finit_module */
#define PPM_MODULE_INIT_IGNORE_MODVERSIONS 1
#define PPM_MODULE_INIT_IGNORE_VERMAGIC 2
#define PPM_MODULE_INIT_COMPRESSED_FILE 4

/* execveat "flags" argument (AT_*) */
#define PPM_EXVAT_AT_EMPTY_PATH (1 << 0)
#define PPM_EXVAT_AT_SYMLINK_NOFOLLOW (1 << 1)

/* dirfd value meaning "relative to the cwd" */
#define PPM_AT_FDCWD (-100)

/* capability bits (cap_* params; bit n = kernel capability n) */
#define PPM_CAP_CHOWN (1ULL << 0)
#define PPM_CAP_DAC_OVERRIDE (1ULL << 1)
#define PPM_CAP_DAC_READ_SEARCH (1ULL << 2)
#define PPM_CAP_FOWNER (1ULL << 3)
#define PPM_CAP_FSETID (1ULL << 4)
#define PPM_CAP_KILL (1ULL << 5)
#define PPM_CAP_SETGID (1ULL << 6)
#define PPM_CAP_SETUID (1ULL << 7)
#define PPM_CAP_SETPCAP (1ULL << 8)
#define PPM_CAP_LINUX_IMMUTABLE (1ULL << 9)
#define PPM_CAP_NET_BIND_SERVICE (1ULL << 10)
#define PPM_CAP_NET_BROADCAST (1ULL << 11)
#define PPM_CAP_NET_ADMIN (1ULL << 12)
#define PPM_CAP_NET_RAW (1ULL << 13)
#define PPM_CAP_IPC_LOCK (1ULL << 14)
#define PPM_CAP_IPC_OWNER (1ULL << 15)
#define PPM_CAP_SYS_MODULE (1ULL << 16)
#define PPM_CAP_SYS_RAWIO (1ULL << 17)
#define PPM_CAP_SYS_CHROOT (1ULL << 18)
#define PPM_CAP_SYS_PTRACE (1ULL << 19)
#define PPM_CAP_SYS_PACCT (1ULL << 20)
#define PPM_CAP_SYS_ADMIN (1ULL << 21)
#define PPM_CAP_SYS_BOOT (1ULL << 22)
#define PPM_CAP_SYS_NICE (1ULL << 23)
#define PPM_CAP_SYS_RESOURCE (1ULL << 24)
#define PPM_CAP_SYS_TIME (1ULL << 25)
#define PPM_CAP_SYS_TTY_CONFIG (1ULL << 26)
#define PPM_CAP_MKNOD (1ULL << 27)
#define PPM_CAP_LEASE (1ULL << 28)
#define PPM_CAP_AUDIT_WRITE (1ULL << 29)
#define PPM_CAP_AUDIT_CONTROL (1ULL << 30)
#define PPM_CAP_SETFCAP (1ULL << 31)
#define PPM_CAP_MAC_OVERRIDE (1ULL << 32)
#define PPM_CAP_MAC_ADMIN (1ULL << 33)
#define PPM_CAP_SYSLOG (1ULL << 34)
#define PPM_CAP_WAKE_ALARM (1ULL << 35)
#define PPM_CAP_BLOCK_SUSPEND (1ULL << 36)
#define PPM_CAP_AUDIT_READ (1ULL << 37)
#define PPM_CAP_PERFMON (1ULL << 38)
#define PPM_CAP_BPF (1ULL << 39)
#define PPM_CAP_CHECKPOINT_RESTORE (1ULL << 40)

/* ptrace "addr"/"data" (PT_DYN): a u8 index into lanner_ptrace_dyn, then the value */
#define PPM_PTRACE_IDX_UINT64 0
#define PPM_PTRACE_IDX_SIGTYPE 1
#define PPM_PTRACE_IDX_MAX 2

/*
 * System-independent syscall codes (Falco's ppm_sc_code): the "ID" of the
 * generic event. Names are in lanner_sc_names (event table section).
 */
enum ppm_sc_code {
	PPM_SC_UNKNOWN = 0,
	PPM_SC_RESTART_SYSCALL = 1,
	PPM_SC_EXIT = 2,
	PPM_SC_READ = 3,
	PPM_SC_WRITE = 4,
	PPM_SC_OPEN = 5,
	PPM_SC_CLOSE = 6,
	PPM_SC_CREAT = 7,
	PPM_SC_LINK = 8,
	PPM_SC_UNLINK = 9,
	PPM_SC_CHDIR = 10,
	PPM_SC_TIME = 11,
	PPM_SC_MKNOD = 12,
	PPM_SC_CHMOD = 13,
	PPM_SC_STAT = 14,
	PPM_SC_LSEEK = 15,
	PPM_SC_GETPID = 16,
	PPM_SC_MOUNT = 17,
	PPM_SC_PTRACE = 18,
	PPM_SC_ALARM = 19,
	PPM_SC_FSTAT = 20,
	PPM_SC_PAUSE = 21,
	PPM_SC_UTIME = 22,
	PPM_SC_ACCESS = 23,
	PPM_SC_SYNC = 24,
	PPM_SC_KILL = 25,
	PPM_SC_RENAME = 26,
	PPM_SC_MKDIR = 27,
	PPM_SC_RMDIR = 28,
	PPM_SC_DUP = 29,
	PPM_SC_PIPE = 30,
	PPM_SC_TIMES = 31,
	PPM_SC_BRK = 32,
	PPM_SC_ACCT = 33,
	PPM_SC_IOCTL = 34,
	PPM_SC_FCNTL = 35,
	PPM_SC_SETPGID = 36,
	PPM_SC_UMASK = 37,
	PPM_SC_CHROOT = 38,
	PPM_SC_USTAT = 39,
	PPM_SC_DUP2 = 40,
	PPM_SC_GETPPID = 41,
	PPM_SC_GETPGRP = 42,
	PPM_SC_SETSID = 43,
	PPM_SC_SETHOSTNAME = 44,
	PPM_SC_SETRLIMIT = 45,
	PPM_SC_GETRUSAGE = 46,
	PPM_SC_GETTIMEOFDAY = 47,
	PPM_SC_SETTIMEOFDAY = 48,
	PPM_SC_SYMLINK = 49,
	PPM_SC_LSTAT = 50,
	PPM_SC_READLINK = 51,
	PPM_SC_USELIB = 52,
	PPM_SC_SWAPON = 53,
	PPM_SC_REBOOT = 54,
	PPM_SC_MMAP = 55,
	PPM_SC_MUNMAP = 56,
	PPM_SC_TRUNCATE = 57,
	PPM_SC_FTRUNCATE = 58,
	PPM_SC_FCHMOD = 59,
	PPM_SC_GETPRIORITY = 60,
	PPM_SC_SETPRIORITY = 61,
	PPM_SC_STATFS = 62,
	PPM_SC_FSTATFS = 63,
	PPM_SC_SYSLOG = 64,
	PPM_SC_SETITIMER = 65,
	PPM_SC_GETITIMER = 66,
	PPM_SC_UNAME = 67,
	PPM_SC_VHANGUP = 68,
	PPM_SC_WAIT4 = 69,
	PPM_SC_SWAPOFF = 70,
	PPM_SC_SYSINFO = 71,
	PPM_SC_FSYNC = 72,
	PPM_SC_SETDOMAINNAME = 73,
	PPM_SC_ADJTIMEX = 74,
	PPM_SC_MPROTECT = 75,
	PPM_SC_INIT_MODULE = 76,
	PPM_SC_DELETE_MODULE = 77,
	PPM_SC_QUOTACTL = 78,
	PPM_SC_GETPGID = 79,
	PPM_SC_FCHDIR = 80,
	PPM_SC_SYSFS = 81,
	PPM_SC_PERSONALITY = 82,
	PPM_SC_GETDENTS = 83,
	PPM_SC_SELECT = 84,
	PPM_SC_FLOCK = 85,
	PPM_SC_MSYNC = 86,
	PPM_SC_READV = 87,
	PPM_SC_WRITEV = 88,
	PPM_SC_GETSID = 89,
	PPM_SC_FDATASYNC = 90,
	PPM_SC_MLOCK = 91,
	PPM_SC_MUNLOCK = 92,
	PPM_SC_MLOCKALL = 93,
	PPM_SC_MUNLOCKALL = 94,
	PPM_SC_SCHED_SETPARAM = 95,
	PPM_SC_SCHED_GETPARAM = 96,
	PPM_SC_SCHED_SETSCHEDULER = 97,
	PPM_SC_SCHED_GETSCHEDULER = 98,
	PPM_SC_SCHED_YIELD = 99,
	PPM_SC_SCHED_GET_PRIORITY_MAX = 100,
	PPM_SC_SCHED_GET_PRIORITY_MIN = 101,
	PPM_SC_SCHED_RR_GET_INTERVAL = 102,
	PPM_SC_NANOSLEEP = 103,
	PPM_SC_MREMAP = 104,
	PPM_SC_POLL = 105,
	PPM_SC_PRCTL = 106,
	PPM_SC_RT_SIGACTION = 107,
	PPM_SC_RT_SIGPROCMASK = 108,
	PPM_SC_RT_SIGPENDING = 109,
	PPM_SC_RT_SIGTIMEDWAIT = 110,
	PPM_SC_RT_SIGQUEUEINFO = 111,
	PPM_SC_RT_SIGSUSPEND = 112,
	PPM_SC_GETCWD = 113,
	PPM_SC_CAPGET = 114,
	PPM_SC_CAPSET = 115,
	PPM_SC_SENDFILE = 116,
	PPM_SC_GETRLIMIT = 117,
	PPM_SC_LCHOWN = 118,
	PPM_SC_GETUID = 119,
	PPM_SC_GETGID = 120,
	PPM_SC_GETEUID = 121,
	PPM_SC_GETEGID = 122,
	PPM_SC_SETREUID = 123,
	PPM_SC_SETREGID = 124,
	PPM_SC_GETGROUPS = 125,
	PPM_SC_SETGROUPS = 126,
	PPM_SC_FCHOWN = 127,
	PPM_SC_SETRESUID = 128,
	PPM_SC_GETRESUID = 129,
	PPM_SC_SETRESGID = 130,
	PPM_SC_GETRESGID = 131,
	PPM_SC_CHOWN = 132,
	PPM_SC_SETUID = 133,
	PPM_SC_SETGID = 134,
	PPM_SC_SETFSUID = 135,
	PPM_SC_SETFSGID = 136,
	PPM_SC_PIVOT_ROOT = 137,
	PPM_SC_MINCORE = 138,
	PPM_SC_MADVISE = 139,
	PPM_SC_GETTID = 140,
	PPM_SC_SETXATTR = 141,
	PPM_SC_LSETXATTR = 142,
	PPM_SC_FSETXATTR = 143,
	PPM_SC_GETXATTR = 144,
	PPM_SC_LGETXATTR = 145,
	PPM_SC_FGETXATTR = 146,
	PPM_SC_LISTXATTR = 147,
	PPM_SC_LLISTXATTR = 148,
	PPM_SC_FLISTXATTR = 149,
	PPM_SC_REMOVEXATTR = 150,
	PPM_SC_LREMOVEXATTR = 151,
	PPM_SC_FREMOVEXATTR = 152,
	PPM_SC_TKILL = 153,
	PPM_SC_FUTEX = 154,
	PPM_SC_SCHED_SETAFFINITY = 155,
	PPM_SC_SCHED_GETAFFINITY = 156,
	PPM_SC_SET_THREAD_AREA = 157,
	PPM_SC_GET_THREAD_AREA = 158,
	PPM_SC_IO_SETUP = 159,
	PPM_SC_IO_DESTROY = 160,
	PPM_SC_IO_GETEVENTS = 161,
	PPM_SC_IO_SUBMIT = 162,
	PPM_SC_IO_CANCEL = 163,
	PPM_SC_EXIT_GROUP = 164,
	PPM_SC_EPOLL_CREATE = 165,
	PPM_SC_EPOLL_CTL = 166,
	PPM_SC_EPOLL_WAIT = 167,
	PPM_SC_REMAP_FILE_PAGES = 168,
	PPM_SC_SET_TID_ADDRESS = 169,
	PPM_SC_TIMER_CREATE = 170,
	PPM_SC_TIMER_SETTIME = 171,
	PPM_SC_TIMER_GETTIME = 172,
	PPM_SC_TIMER_GETOVERRUN = 173,
	PPM_SC_TIMER_DELETE = 174,
	PPM_SC_CLOCK_SETTIME = 175,
	PPM_SC_CLOCK_GETTIME = 176,
	PPM_SC_CLOCK_GETRES = 177,
	PPM_SC_CLOCK_NANOSLEEP = 178,
	PPM_SC_TGKILL = 179,
	PPM_SC_UTIMES = 180,
	PPM_SC_MQ_OPEN = 181,
	PPM_SC_MQ_UNLINK = 182,
	PPM_SC_MQ_TIMEDSEND = 183,
	PPM_SC_MQ_TIMEDRECEIVE = 184,
	PPM_SC_MQ_NOTIFY = 185,
	PPM_SC_MQ_GETSETATTR = 186,
	PPM_SC_KEXEC_LOAD = 187,
	PPM_SC_WAITID = 188,
	PPM_SC_ADD_KEY = 189,
	PPM_SC_REQUEST_KEY = 190,
	PPM_SC_KEYCTL = 191,
	PPM_SC_IOPRIO_SET = 192,
	PPM_SC_IOPRIO_GET = 193,
	PPM_SC_INOTIFY_INIT = 194,
	PPM_SC_INOTIFY_ADD_WATCH = 195,
	PPM_SC_INOTIFY_RM_WATCH = 196,
	PPM_SC_OPENAT = 197,
	PPM_SC_MKDIRAT = 198,
	PPM_SC_MKNODAT = 199,
	PPM_SC_FCHOWNAT = 200,
	PPM_SC_FUTIMESAT = 201,
	PPM_SC_UNLINKAT = 202,
	PPM_SC_RENAMEAT = 203,
	PPM_SC_LINKAT = 204,
	PPM_SC_SYMLINKAT = 205,
	PPM_SC_READLINKAT = 206,
	PPM_SC_FCHMODAT = 207,
	PPM_SC_FACCESSAT = 208,
	PPM_SC_PSELECT6 = 209,
	PPM_SC_PPOLL = 210,
	PPM_SC_UNSHARE = 211,
	PPM_SC_SET_ROBUST_LIST = 212,
	PPM_SC_GET_ROBUST_LIST = 213,
	PPM_SC_SPLICE = 214,
	PPM_SC_TEE = 215,
	PPM_SC_VMSPLICE = 216,
	PPM_SC_GETCPU = 217,
	PPM_SC_EPOLL_PWAIT = 218,
	PPM_SC_UTIMENSAT = 219,
	PPM_SC_SIGNALFD = 220,
	PPM_SC_TIMERFD_CREATE = 221,
	PPM_SC_EVENTFD = 222,
	PPM_SC_TIMERFD_SETTIME = 223,
	PPM_SC_TIMERFD_GETTIME = 224,
	PPM_SC_SIGNALFD4 = 225,
	PPM_SC_EVENTFD2 = 226,
	PPM_SC_EPOLL_CREATE1 = 227,
	PPM_SC_DUP3 = 228,
	PPM_SC_PIPE2 = 229,
	PPM_SC_INOTIFY_INIT1 = 230,
	PPM_SC_PREADV = 231,
	PPM_SC_PWRITEV = 232,
	PPM_SC_RT_TGSIGQUEUEINFO = 233,
	PPM_SC_PERF_EVENT_OPEN = 234,
	PPM_SC_FANOTIFY_INIT = 235,
	PPM_SC_PRLIMIT64 = 236,
	PPM_SC_CLOCK_ADJTIME = 237,
	PPM_SC_SYNCFS = 238,
	PPM_SC_SETNS = 239,
	PPM_SC_GETDENTS64 = 240,
	PPM_SC_SOCKET = 241,
	PPM_SC_BIND = 242,
	PPM_SC_CONNECT = 243,
	PPM_SC_LISTEN = 244,
	PPM_SC_ACCEPT = 245,
	PPM_SC_GETSOCKNAME = 246,
	PPM_SC_GETPEERNAME = 247,
	PPM_SC_SOCKETPAIR = 248,
	PPM_SC_SENDTO = 249,
	PPM_SC_RECVFROM = 250,
	PPM_SC_SHUTDOWN = 251,
	PPM_SC_SETSOCKOPT = 252,
	PPM_SC_GETSOCKOPT = 253,
	PPM_SC_SENDMSG = 254,
	PPM_SC_SENDMMSG = 255,
	PPM_SC_RECVMSG = 256,
	PPM_SC_RECVMMSG = 257,
	PPM_SC_ACCEPT4 = 258,
	PPM_SC_SEMOP = 259,
	PPM_SC_SEMGET = 260,
	PPM_SC_SEMCTL = 261,
	PPM_SC_MSGSND = 262,
	PPM_SC_MSGRCV = 263,
	PPM_SC_MSGGET = 264,
	PPM_SC_MSGCTL = 265,
	PPM_SC_SHMDT = 266,
	PPM_SC_SHMGET = 267,
	PPM_SC_SHMCTL = 268,
	PPM_SC_STATFS64 = 269,
	PPM_SC_FSTATFS64 = 270,
	PPM_SC_FSTATAT64 = 271,
	PPM_SC_SENDFILE64 = 272,
	PPM_SC_UGETRLIMIT = 273,
	PPM_SC_BDFLUSH = 274,
	PPM_SC_SIGPROCMASK = 275,
	PPM_SC_IPC = 276,
	PPM_SC_SOCKETCALL = 277,
	PPM_SC_STAT64 = 278,
	PPM_SC_LSTAT64 = 279,
	PPM_SC_FSTAT64 = 280,
	PPM_SC_FCNTL64 = 281,
	PPM_SC_MMAP2 = 282,
	PPM_SC__NEWSELECT = 283,
	PPM_SC_SGETMASK = 284,
	PPM_SC_SSETMASK = 285,
	PPM_SC_SIGPENDING = 286,
	PPM_SC_OLDUNAME = 287,
	PPM_SC_UMOUNT = 288,
	PPM_SC_SIGNAL = 289,
	PPM_SC_NICE = 290,
	PPM_SC_STIME = 291,
	PPM_SC__LLSEEK = 292,
	PPM_SC_WAITPID = 293,
	PPM_SC_PREAD64 = 294,
	PPM_SC_PWRITE64 = 295,
	PPM_SC_ARCH_PRCTL = 296,
	PPM_SC_SHMAT = 297,
	PPM_SC_RT_SIGRETURN = 298,
	PPM_SC_FALLOCATE = 299,
	PPM_SC_NEWFSTATAT = 300,
	PPM_SC_PROCESS_VM_READV = 301,
	PPM_SC_PROCESS_VM_WRITEV = 302,
	PPM_SC_FORK = 303,
	PPM_SC_VFORK = 304,
	PPM_SC_SETUID32 = 305,
	PPM_SC_GETUID32 = 306,
	PPM_SC_SETGID32 = 307,
	PPM_SC_GETEUID32 = 308,
	PPM_SC_GETGID32 = 309,
	PPM_SC_SETRESUID32 = 310,
	PPM_SC_SETRESGID32 = 311,
	PPM_SC_GETRESUID32 = 312,
	PPM_SC_GETRESGID32 = 313,
	PPM_SC_FINIT_MODULE = 314,
	PPM_SC_BPF = 315,
	PPM_SC_SECCOMP = 316,
	PPM_SC_SIGALTSTACK = 317,
	PPM_SC_GETRANDOM = 318,
	PPM_SC_FADVISE64 = 319,
	PPM_SC_RENAMEAT2 = 320,
	PPM_SC_USERFAULTFD = 321,
	PPM_SC_OPENAT2 = 322,
	PPM_SC_UMOUNT2 = 323,
	PPM_SC_EXECVE = 324,
	PPM_SC_EXECVEAT = 325,
	PPM_SC_COPY_FILE_RANGE = 326,
	PPM_SC_CLONE = 327,
	PPM_SC_CLONE3 = 328,
	PPM_SC_OPEN_BY_HANDLE_AT = 329,
	PPM_SC_IO_URING_SETUP = 330,
	PPM_SC_IO_URING_ENTER = 331,
	PPM_SC_IO_URING_REGISTER = 332,
	PPM_SC_MLOCK2 = 333,
	PPM_SC_GETEGID32 = 334,
	PPM_SC_FSCONFIG = 335,
	PPM_SC_FSPICK = 336,
	PPM_SC_FSMOUNT = 337,
	PPM_SC_FSOPEN = 338,
	PPM_SC_OPEN_TREE = 339,
	PPM_SC_MOVE_MOUNT = 340,
	PPM_SC_MOUNT_SETATTR = 341,
	PPM_SC_MEMFD_CREATE = 342,
	PPM_SC_MEMFD_SECRET = 343,
	PPM_SC_IOPERM = 344,
	PPM_SC_KEXEC_FILE_LOAD = 345,
	PPM_SC_PIDFD_GETFD = 346,
	PPM_SC_PIDFD_OPEN = 347,
	PPM_SC_PIDFD_SEND_SIGNAL = 348,
	PPM_SC_PKEY_ALLOC = 349,
	PPM_SC_PKEY_MPROTECT = 350,
	PPM_SC_PKEY_FREE = 351,
	PPM_SC_LANDLOCK_CREATE_RULESET = 352,
	PPM_SC_QUOTACTL_FD = 353,
	PPM_SC_LANDLOCK_RESTRICT_SELF = 354,
	PPM_SC_LANDLOCK_ADD_RULE = 355,
	PPM_SC_EPOLL_PWAIT2 = 356,
	PPM_SC_MIGRATE_PAGES = 357,
	PPM_SC_MOVE_PAGES = 358,
	PPM_SC_PREADV2 = 359,
	PPM_SC_PWRITEV2 = 360,
	PPM_SC_KCMP = 361,
	PPM_SC_SCHED_SETATTR = 362,
	PPM_SC_MBIND = 363,
	PPM_SC_EPOLL_CTL_OLD = 364,
	PPM_SC_LOOKUP_DCOOKIE = 365,
	PPM_SC_MODIFY_LDT = 366,
	PPM_SC_STATX = 367,
	PPM_SC_SET_MEMPOLICY = 368,
	PPM_SC_IO_PGETEVENTS = 369,
	PPM_SC_SET_MEMPOLICY_HOME_NODE = 370,
	PPM_SC_SEMTIMEDOP = 371,
	PPM_SC_GET_KERNEL_SYMS = 372,
	PPM_SC_READAHEAD = 373,
	PPM_SC_FUTEX_WAITV = 374,
	PPM_SC_GETPMSG = 375,
	PPM_SC_NAME_TO_HANDLE_AT = 376,
	PPM_SC_PROCESS_MRELEASE = 377,
	PPM_SC_NFSSERVCTL = 378,
	PPM_SC_EPOLL_WAIT_OLD = 379,
	PPM_SC_RSEQ = 380,
	PPM_SC_CREATE_MODULE = 381,
	PPM_SC_NA_1 = 382,
	PPM_SC_SCHED_GETATTR = 383,
	PPM_SC_FACCESSAT2 = 384,
	PPM_SC__SYSCTL = 385,
	PPM_SC_QUERY_MODULE = 386,
	PPM_SC_GET_MEMPOLICY = 387,
	PPM_SC_SYNC_FILE_RANGE = 388,
	PPM_SC_PROCESS_MADVISE = 389,
	PPM_SC_MEMBARRIER = 390,
	PPM_SC_IOPL = 391,
	PPM_SC_CLOSE_RANGE = 392,
	PPM_SC_FANOTIFY_MARK = 393,
	PPM_SC_RECV = 394,
	PPM_SC_SEND = 395,
	PPM_SC_SCHED_PROCESS_EXIT = 396,
	PPM_SC_SCHED_SWITCH = 397,
	PPM_SC_PAGE_FAULT_USER = 398,
	PPM_SC_PAGE_FAULT_KERNEL = 399,
	PPM_SC_SIGNAL_DELIVER = 400,
	PPM_SC_TIMERFD = 401,
	PPM_SC_S390_PCI_MMIO_READ = 402,
	PPM_SC_SIGACTION = 403,
	PPM_SC_S390_PCI_MMIO_WRITE = 404,
	PPM_SC_READDIR = 405,
	PPM_SC_S390_STHYI = 406,
	PPM_SC_SIGSUSPEND = 407,
	PPM_SC_IDLE = 408,
	PPM_SC_S390_RUNTIME_INSTR = 409,
	PPM_SC_SIGRETURN = 410,
	PPM_SC_S390_GUARDED_STORAGE = 411,
	PPM_SC_CACHESTAT = 412,
	PPM_SC_FCHMODAT2 = 413,
	PPM_SC_MAP_SHADOW_STACK = 414,
	PPM_SC_RISCV_FLUSH_ICACHE = 415,
	PPM_SC_RISCV_HWPROBE = 416,
	PPM_SC_FUTEX_WAKE = 417,
	PPM_SC_FUTEX_REQUEUE = 418,
	PPM_SC_FUTEX_WAIT = 419,
	PPM_SC_OLDSTAT = 420,
	PPM_SC_SWITCH_ENDIAN = 421,
	PPM_SC_MULTIPLEXER = 422,
	PPM_SC_OLDLSTAT = 423,
	PPM_SC_SPU_CREATE = 424,
	PPM_SC_SYNC_FILE_RANGE2 = 425,
	PPM_SC_OLDFSTAT = 426,
	PPM_SC_SPU_RUN = 427,
	PPM_SC_SWAPCONTEXT = 428,
	PPM_SC_PCICONFIG_WRITE = 429,
	PPM_SC_RTAS = 430,
	PPM_SC_PCICONFIG_READ = 431,
	PPM_SC_SYS_DEBUG_SETCONTEXT = 432,
	PPM_SC_VM86 = 433,
	PPM_SC_OLDOLDUNAME = 434,
	PPM_SC_SUBPAGE_PROT = 435,
	PPM_SC_PCICONFIG_IOBASE = 436,
	PPM_SC_LISTMOUNT = 437,
	PPM_SC_STATMOUNT = 438,
	PPM_SC_LSM_GET_SELF_ATTR = 439,
	PPM_SC_LSM_SET_SELF_ATTR = 440,
	PPM_SC_LSM_LIST_MODULES = 441,
	PPM_SC_MSEAL = 442,
	PPM_SC_URETPROBE = 443,
	PPM_SC_REMOVEXATTRAT = 444,
	PPM_SC_LISTXATTRAT = 445,
	PPM_SC_GETXATTRAT = 446,
	PPM_SC_SETXATTRAT = 447,
	PPM_SC_OPEN_TREE_ATTR = 448,
	PPM_SC_FILE_GETATTR = 449,
	PPM_SC_FILE_SETATTR = 450,
	PPM_SC_LISTNS = 451,
	PPM_SC_UPROBE = 452,
	PPM_SC_RSEQ_SLICE_YIELD = 453,
	PPM_SC_MAX
};

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
 * eBPF fallback (bpf-fallback/). Same records, same counters: each CPU's
 * counters are a struct lanner_ring_ctrl (only n_* fields used) in the
 * per-CPU map "lanner_counters"; records go to one BPF ring buffer per CPU
 * ("lanner_rings", array of maps) or, where the kernel has no BPF ring
 * buffer, to the perf buffer "lanner_perf". The agent writes the single
 * element of the array map "lanner_settings".
 */
struct lanner_bpf_settings {
	struct lanner_filter filter;	/* same semantics as SET_FILTER */
	__u64 boot_epoch_ns;		/* realtime - boottime at load */
	__u32 started;			/* 0: every hook returns at once */
	__u32 snaplen;			/* payload bytes kept per send/recv */
};

/*
 * Kernel features the loader found by trying (libbpf's probes), written
 * into the object's ".rodata.features" section before load, so the
 * verifier prunes the branches a kernel cannot run.
 */
struct lanner_bpf_features {
	__u32 boot_ns;			/* bpf_ktime_get_boot_ns() (5.8+) */
	__u32 __reserved[7];
};

#define LANNER_BPF_SCRATCH_LEN (2 * LANNER_MAX_RECORD_LEN)	/* see record.h */

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
_Static_assert(sizeof(struct lanner_bpf_settings) == 88, "bpf settings layout");
_Static_assert(sizeof(struct lanner_info) == 56 + 8 * LANNER_MAX_CPU_WORDS,
	       "info layout");

/* ------------------------------------------------------------------------
 * Event table: name, category, flags and parameter list of every event
 * lanner emits, in Falco's wire order. Instantiated in exactly one C file
 * per consumer by defining LANNER_ABI_EVENT_TABLE before including this
 * header (kmod/event_table.c, abi/src/event_table.c).
 */
struct lanner_name_value {
	const char *name;		/* NULL ends a table */
	__u64 value;
};

struct lanner_param_info {
	const char *name;
	__u32 type;			/* enum ppm_param_type */
	__u32 fmt;			/* enum ppm_print_format */
	/* PT_FLAGS*, PT_ENUMFLAGS*, PT_MODE: names of the PPM_* values */
	const struct lanner_name_value *names;
	/* PT_DYN: the types selected by the leading u8 index */
	const struct lanner_param_info *dyn;
	__u32 ndyn;
	/* PT_FSRELPATH: index of the dirfd parameter it is relative to, or -1 */
	__s32 dirfd;
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

#define LANNER_P(n, t, f) \
	{ .name = (n), .type = (t), .fmt = (f), .dirfd = -1 }
#define LANNER_P_FLAGS(n, t, f, tbl) \
	{ .name = (n), .type = (t), .fmt = (f), .names = (tbl), .dirfd = -1 }
#define LANNER_P_DIRFD(n, t, f, d) \
	{ .name = (n), .type = (t), .fmt = (f), .dirfd = (d) }
#define LANNER_P_DYN(n, t, f, tbl) \
	{ .name = (n), .type = (t), .fmt = (f), .dyn = (tbl), \
	  .ndyn = PPM_PTRACE_IDX_MAX, .dirfd = -1 }

static const struct lanner_name_value lanner_names_file_flags[] = {
	{ "O_LARGEFILE", PPM_O_LARGEFILE },
	{ "O_DIRECTORY", PPM_O_DIRECTORY },
	{ "O_DIRECT", PPM_O_DIRECT },
	{ "O_TRUNC", PPM_O_TRUNC },
	{ "O_SYNC", PPM_O_SYNC },
	{ "O_NONBLOCK", PPM_O_NONBLOCK },
	{ "O_EXCL", PPM_O_EXCL },
	{ "O_DSYNC", PPM_O_DSYNC },
	{ "O_APPEND", PPM_O_APPEND },
	{ "O_CREAT", PPM_O_CREAT },
	{ "O_RDWR", PPM_O_RDWR },
	{ "O_WRONLY", PPM_O_WRONLY },
	{ "O_RDONLY", PPM_O_RDONLY },
	{ "O_CLOEXEC", PPM_O_CLOEXEC },
	{ "O_NONE", PPM_O_NONE },
	{ "O_TMPFILE", PPM_O_TMPFILE },
	{ "O_F_CREATED", PPM_O_F_CREATED },
	{ "FD_UPPER_LAYER", PPM_FD_UPPER_LAYER },
	{ "FD_LOWER_LAYER", PPM_FD_LOWER_LAYER },
	{ 0, 0 },
};

static const struct lanner_name_value lanner_names_socket_families[] = {
	{ "AF_NFC", PPM_AF_NFC },
	{ "AF_ALG", PPM_AF_ALG },
	{ "AF_CAIF", PPM_AF_CAIF },
	{ "AF_IEEE802154", PPM_AF_IEEE802154 },
	{ "AF_PHONET", PPM_AF_PHONET },
	{ "AF_ISDN", PPM_AF_ISDN },
	{ "AF_RXRPC", PPM_AF_RXRPC },
	{ "AF_IUCV", PPM_AF_IUCV },
	{ "AF_BLUETOOTH", PPM_AF_BLUETOOTH },
	{ "AF_TIPC", PPM_AF_TIPC },
	{ "AF_CAN", PPM_AF_CAN },
	{ "AF_LLC", PPM_AF_LLC },
	{ "AF_WANPIPE", PPM_AF_WANPIPE },
	{ "AF_PPPOX", PPM_AF_PPPOX },
	{ "AF_IRDA", PPM_AF_IRDA },
	{ "AF_SNA", PPM_AF_SNA },
	{ "AF_RDS", PPM_AF_RDS },
	{ "AF_ATMSVC", PPM_AF_ATMSVC },
	{ "AF_ECONET", PPM_AF_ECONET },
	{ "AF_ASH", PPM_AF_ASH },
	{ "AF_PACKET", PPM_AF_PACKET },
	{ "AF_ROUTE", PPM_AF_ROUTE },
	{ "AF_NETLINK", PPM_AF_NETLINK },
	{ "AF_KEY", PPM_AF_KEY },
	{ "AF_SECURITY", PPM_AF_SECURITY },
	{ "AF_NETBEUI", PPM_AF_NETBEUI },
	{ "AF_DECnet", PPM_AF_DECnet },
	{ "AF_ROSE", PPM_AF_ROSE },
	{ "AF_INET6", PPM_AF_INET6 },
	{ "AF_X25", PPM_AF_X25 },
	{ "AF_ATMPVC", PPM_AF_ATMPVC },
	{ "AF_BRIDGE", PPM_AF_BRIDGE },
	{ "AF_NETROM", PPM_AF_NETROM },
	{ "AF_APPLETALK", PPM_AF_APPLETALK },
	{ "AF_IPX", PPM_AF_IPX },
	{ "AF_AX25", PPM_AF_AX25 },
	{ "AF_INET", PPM_AF_INET },
	{ "AF_LOCAL", PPM_AF_LOCAL },
	{ "AF_UNIX", PPM_AF_UNIX },
	{ "AF_UNSPEC", PPM_AF_UNSPEC },
	{ 0, 0 },
};

static const struct lanner_name_value lanner_names_creat_flags[] = {
	{ "FD_UPPER_LAYER_CREAT", PPM_FD_UPPER_LAYER_CREAT },
	{ "FD_LOWER_LAYER_CREAT", PPM_FD_LOWER_LAYER_CREAT },
	{ 0, 0 },
};

static const struct lanner_name_value lanner_names_fcntl_commands[] = {
	{ "F_GETPIPE_SZ", PPM_FCNTL_F_GETPIPE_SZ },
	{ "F_SETPIPE_SZ", PPM_FCNTL_F_SETPIPE_SZ },
	{ "F_NOTIFY", PPM_FCNTL_F_NOTIFY },
	{ "F_DUPFD_CLOEXEC", PPM_FCNTL_F_DUPFD_CLOEXEC },
	{ "F_CANCELLK", PPM_FCNTL_F_CANCELLK },
	{ "F_GETLEASE", PPM_FCNTL_F_GETLEASE },
	{ "F_SETLEASE", PPM_FCNTL_F_SETLEASE },
	{ "F_GETOWN_EX", PPM_FCNTL_F_GETOWN_EX },
	{ "F_SETOWN_EX", PPM_FCNTL_F_SETOWN_EX },
	{ "F_SETLKW64", PPM_FCNTL_F_SETLKW64 },
	{ "F_SETLK64", PPM_FCNTL_F_SETLK64 },
	{ "F_GETLK64", PPM_FCNTL_F_GETLK64 },
	{ "F_GETSIG", PPM_FCNTL_F_GETSIG },
	{ "F_SETSIG", PPM_FCNTL_F_SETSIG },
	{ "F_GETOWN", PPM_FCNTL_F_GETOWN },
	{ "F_SETOWN", PPM_FCNTL_F_SETOWN },
	{ "F_SETLKW", PPM_FCNTL_F_SETLKW },
	{ "F_SETLK", PPM_FCNTL_F_SETLK },
	{ "F_GETLK", PPM_FCNTL_F_GETLK },
	{ "F_SETFL", PPM_FCNTL_F_SETFL },
	{ "F_GETFL", PPM_FCNTL_F_GETFL },
	{ "F_SETFD", PPM_FCNTL_F_SETFD },
	{ "F_GETFD", PPM_FCNTL_F_GETFD },
	{ "F_DUPFD", PPM_FCNTL_F_DUPFD },
	{ "F_OFD_GETLK", PPM_FCNTL_F_OFD_GETLK },
	{ "F_OFD_SETLK", PPM_FCNTL_F_OFD_SETLK },
	{ "F_OFD_SETLKW", PPM_FCNTL_F_OFD_SETLKW },
	{ "UNKNOWN", PPM_FCNTL_UNKNOWN },
	{ 0, 0 },
};

static const struct lanner_name_value lanner_names_ptrace_requests[] = {
	{ "PTRACE_SINGLEBLOCK", PPM_PTRACE_SINGLEBLOCK },
	{ "PTRACE_SYSEMU_SINGLESTEP", PPM_PTRACE_SYSEMU_SINGLESTEP },
	{ "PTRACE_SYSEMU", PPM_PTRACE_SYSEMU },
	{ "PTRACE_ARCH_PRCTL", PPM_PTRACE_ARCH_PRCTL },
	{ "PTRACE_SET_THREAD_AREA", PPM_PTRACE_SET_THREAD_AREA },
	{ "PTRACE_GET_THREAD_AREA", PPM_PTRACE_GET_THREAD_AREA },
	{ "PTRACE_OLDSETOPTIONS", PPM_PTRACE_OLDSETOPTIONS },
	{ "PTRACE_SETFPXREGS", PPM_PTRACE_SETFPXREGS },
	{ "PTRACE_GETFPXREGS", PPM_PTRACE_GETFPXREGS },
	{ "PTRACE_SETFPREGS", PPM_PTRACE_SETFPREGS },
	{ "PTRACE_GETFPREGS", PPM_PTRACE_GETFPREGS },
	{ "PTRACE_SETREGS", PPM_PTRACE_SETREGS },
	{ "PTRACE_GETREGS", PPM_PTRACE_GETREGS },
	{ "PTRACE_SETSIGMASK", PPM_PTRACE_SETSIGMASK },
	{ "PTRACE_GETSIGMASK", PPM_PTRACE_GETSIGMASK },
	{ "PTRACE_PEEKSIGINFO", PPM_PTRACE_PEEKSIGINFO },
	{ "PTRACE_LISTEN", PPM_PTRACE_LISTEN },
	{ "PTRACE_INTERRUPT", PPM_PTRACE_INTERRUPT },
	{ "PTRACE_SEIZE", PPM_PTRACE_SEIZE },
	{ "PTRACE_SETREGSET", PPM_PTRACE_SETREGSET },
	{ "PTRACE_GETREGSET", PPM_PTRACE_GETREGSET },
	{ "PTRACE_SETSIGINFO", PPM_PTRACE_SETSIGINFO },
	{ "PTRACE_GETSIGINFO", PPM_PTRACE_GETSIGINFO },
	{ "PTRACE_GETEVENTMSG", PPM_PTRACE_GETEVENTMSG },
	{ "PTRACE_SETOPTIONS", PPM_PTRACE_SETOPTIONS },
	{ "PTRACE_SYSCALL", PPM_PTRACE_SYSCALL },
	{ "PTRACE_DETACH", PPM_PTRACE_DETACH },
	{ "PTRACE_ATTACH", PPM_PTRACE_ATTACH },
	{ "PTRACE_SINGLESTEP", PPM_PTRACE_SINGLESTEP },
	{ "PTRACE_KILL", PPM_PTRACE_KILL },
	{ "PTRACE_CONT", PPM_PTRACE_CONT },
	{ "PTRACE_POKEUSR", PPM_PTRACE_POKEUSR },
	{ "PTRACE_POKEDATA", PPM_PTRACE_POKEDATA },
	{ "PTRACE_POKETEXT", PPM_PTRACE_POKETEXT },
	{ "PTRACE_PEEKUSR", PPM_PTRACE_PEEKUSR },
	{ "PTRACE_PEEKDATA", PPM_PTRACE_PEEKDATA },
	{ "PTRACE_PEEKTEXT", PPM_PTRACE_PEEKTEXT },
	{ "PTRACE_TRACEME", PPM_PTRACE_TRACEME },
	{ "PTRACE_UNKNOWN", PPM_PTRACE_UNKNOWN },
	{ 0, 0 },
};

static const struct lanner_name_value lanner_names_clone_flags[] = {
	{ "CLONE_FILES", PPM_CL_CLONE_FILES },
	{ "CLONE_FS", PPM_CL_CLONE_FS },
	{ "CLONE_IO", PPM_CL_CLONE_IO },
	{ "CLONE_NEWIPC", PPM_CL_CLONE_NEWIPC },
	{ "CLONE_NEWNET", PPM_CL_CLONE_NEWNET },
	{ "CLONE_NEWNS", PPM_CL_CLONE_NEWNS },
	{ "CLONE_NEWPID", PPM_CL_CLONE_NEWPID },
	{ "CLONE_NEWUTS", PPM_CL_CLONE_NEWUTS },
	{ "CLONE_PARENT", PPM_CL_CLONE_PARENT },
	{ "CLONE_PARENT_SETTID", PPM_CL_CLONE_PARENT_SETTID },
	{ "CLONE_PTRACE", PPM_CL_CLONE_PTRACE },
	{ "CLONE_SIGHAND", PPM_CL_CLONE_SIGHAND },
	{ "CLONE_SYSVSEM", PPM_CL_CLONE_SYSVSEM },
	{ "CLONE_THREAD", PPM_CL_CLONE_THREAD },
	{ "CLONE_UNTRACED", PPM_CL_CLONE_UNTRACED },
	{ "CLONE_VM", PPM_CL_CLONE_VM },
	{ "CLONE_INVERTED", PPM_CL_CLONE_INVERTED },
	{ "NAME_CHANGED", PPM_CL_NAME_CHANGED },
	{ "CLOSED", PPM_CL_CLOSED },
	{ "CLONE_NEWUSER", PPM_CL_CLONE_NEWUSER },
	{ "CLONE_CHILD_CLEARTID", PPM_CL_CLONE_CHILD_CLEARTID },
	{ "CLONE_CHILD_SETTID", PPM_CL_CLONE_CHILD_SETTID },
	{ "CLONE_SETTLS", PPM_CL_CLONE_SETTLS },
	{ "CLONE_STOPPED", PPM_CL_CLONE_STOPPED },
	{ "CLONE_VFORK", PPM_CL_CLONE_VFORK },
	{ "CLONE_NEWCGROUP", PPM_CL_CLONE_NEWCGROUP },
	{ "CLONE_CHILD_IN_PIDNS", PPM_CL_CHILD_IN_PIDNS },
	{ 0, 0 },
};

static const struct lanner_name_value lanner_names_mount_flags[] = {
	{ "RDONLY", PPM_MS_RDONLY },
	{ "NOSUID", PPM_MS_NOSUID },
	{ "NODEV", PPM_MS_NODEV },
	{ "NOEXEC", PPM_MS_NOEXEC },
	{ "SYNCHRONOUS", PPM_MS_SYNCHRONOUS },
	{ "REMOUNT", PPM_MS_REMOUNT },
	{ "MANDLOCK", PPM_MS_MANDLOCK },
	{ "DIRSYNC", PPM_MS_DIRSYNC },
	{ "NOATIME", PPM_MS_NOATIME },
	{ "NODIRATIME", PPM_MS_NODIRATIME },
	{ "BIND", PPM_MS_BIND },
	{ "MOVE", PPM_MS_MOVE },
	{ "REC", PPM_MS_REC },
	{ "SILENT", PPM_MS_SILENT },
	{ "POSIXACL", PPM_MS_POSIXACL },
	{ "UNBINDABLE", PPM_MS_UNBINDABLE },
	{ "PRIVATE", PPM_MS_PRIVATE },
	{ "SLAVE", PPM_MS_SLAVE },
	{ "SHARED", PPM_MS_SHARED },
	{ "RELATIME", PPM_MS_RELATIME },
	{ "KERNMOUNT", PPM_MS_KERNMOUNT },
	{ "I_VERSION", PPM_MS_I_VERSION },
	{ "STRICTATIME", PPM_MS_STRICTATIME },
	{ "LAZYTIME", PPM_MS_LAZYTIME },
	{ "NOSEC", PPM_MS_NOSEC },
	{ "BORN", PPM_MS_BORN },
	{ "ACTIVE", PPM_MS_ACTIVE },
	{ "NOUSER", PPM_MS_NOUSER },
	{ 0, 0 },
};

static const struct lanner_name_value lanner_names_execve_flags[] = {
	{ "EXE_WRITABLE", PPM_EXE_WRITABLE },
	{ "EXE_UPPER_LAYER", PPM_EXE_UPPER_LAYER },
	{ "EXE_FROM_MEMFD", PPM_EXE_FROM_MEMFD },
	{ "EXE_LOWER_LAYER", PPM_EXE_LOWER_LAYER },
	{ 0, 0 },
};

static const struct lanner_name_value lanner_names_unlinkat_flags[] = {
	{ "AT_REMOVEDIR", PPM_AT_REMOVEDIR },
	{ 0, 0 },
};

static const struct lanner_name_value lanner_names_linkat_flags[] = {
	{ "AT_SYMLINK_FOLLOW", PPM_AT_SYMLINK_FOLLOW },
	{ "AT_EMPTY_PATH", PPM_AT_EMPTY_PATH },
	{ 0, 0 },
};

static const struct lanner_name_value lanner_names_chmod_mode[] = {
	{ "S_IXOTH", PPM_S_IXOTH },
	{ "S_IWOTH", PPM_S_IWOTH },
	{ "S_IROTH", PPM_S_IROTH },
	{ "S_IXGRP", PPM_S_IXGRP },
	{ "S_IWGRP", PPM_S_IWGRP },
	{ "S_IRGRP", PPM_S_IRGRP },
	{ "S_IXUSR", PPM_S_IXUSR },
	{ "S_IWUSR", PPM_S_IWUSR },
	{ "S_IRUSR", PPM_S_IRUSR },
	{ "S_ISVTX", PPM_S_ISVTX },
	{ "S_ISGID", PPM_S_ISGID },
	{ "S_ISUID", PPM_S_ISUID },
	{ 0, 0 },
};

static const struct lanner_name_value lanner_names_renameat2_flags[] = {
	{ "RENAME_NOREPLACE", PPM_RENAME_NOREPLACE },
	{ "RENAME_EXCHANGE", PPM_RENAME_EXCHANGE },
	{ "RENAME_WHITEOUT", PPM_RENAME_WHITEOUT },
	{ 0, 0 },
};

static const struct lanner_name_value lanner_names_openat2_flags[] = {
	{ "RESOLVE_BENEATH", PPM_RESOLVE_BENEATH },
	{ "RESOLVE_IN_ROOT", PPM_RESOLVE_IN_ROOT },
	{ "RESOLVE_NO_MAGICLINKS", PPM_RESOLVE_NO_MAGICLINKS },
	{ "RESOLVE_NO_SYMLINKS", PPM_RESOLVE_NO_SYMLINKS },
	{ "RESOLVE_NO_XDEV", PPM_RESOLVE_NO_XDEV },
	{ "RESOLVE_CACHED", PPM_RESOLVE_CACHED },
	{ 0, 0 },
};

static const struct lanner_name_value lanner_names_bpf_commands[] = {
	{ "BPF_MAP_CREATE", PPM_BPF_MAP_CREATE },
	{ "BPF_MAP_LOOKUP_ELEM", PPM_BPF_MAP_LOOKUP_ELEM },
	{ "BPF_MAP_UPDATE_ELEM", PPM_BPF_MAP_UPDATE_ELEM },
	{ "BPF_MAP_DELETE_ELEM", PPM_BPF_MAP_DELETE_ELEM },
	{ "BPF_MAP_GET_NEXT_KEY", PPM_BPF_MAP_GET_NEXT_KEY },
	{ "BPF_PROG_LOAD", PPM_BPF_PROG_LOAD },
	{ "BPF_OBJ_PIN", PPM_BPF_OBJ_PIN },
	{ "BPF_OBJ_GET", PPM_BPF_OBJ_GET },
	{ "BPF_PROG_ATTACH", PPM_BPF_PROG_ATTACH },
	{ "BPF_PROG_DETACH", PPM_BPF_PROG_DETACH },
	{ "BPF_PROG_TEST_RUN", PPM_BPF_PROG_TEST_RUN },
	{ "BPF_PROG_RUN", PPM_BPF_PROG_RUN },
	{ "BPF_PROG_GET_NEXT_ID", PPM_BPF_PROG_GET_NEXT_ID },
	{ "BPF_MAP_GET_NEXT_ID", PPM_BPF_MAP_GET_NEXT_ID },
	{ "BPF_PROG_GET_FD_BY_ID", PPM_BPF_PROG_GET_FD_BY_ID },
	{ "BPF_MAP_GET_FD_BY_ID", PPM_BPF_MAP_GET_FD_BY_ID },
	{ "BPF_OBJ_GET_INFO_BY_FD", PPM_BPF_OBJ_GET_INFO_BY_FD },
	{ "BPF_PROG_QUERY", PPM_BPF_PROG_QUERY },
	{ "BPF_RAW_TRACEPOINT_OPEN", PPM_BPF_RAW_TRACEPOINT_OPEN },
	{ "BPF_BTF_LOAD", PPM_BPF_BTF_LOAD },
	{ "BPF_BTF_GET_FD_BY_ID", PPM_BPF_BTF_GET_FD_BY_ID },
	{ "BPF_TASK_FD_QUERY", PPM_BPF_TASK_FD_QUERY },
	{ "BPF_MAP_LOOKUP_AND_DELETE_ELEM", PPM_BPF_MAP_LOOKUP_AND_DELETE_ELEM },
	{ "BPF_MAP_FREEZE", PPM_BPF_MAP_FREEZE },
	{ "BPF_BTF_GET_NEXT_ID", PPM_BPF_BTF_GET_NEXT_ID },
	{ "BPF_MAP_LOOKUP_BATCH", PPM_BPF_MAP_LOOKUP_BATCH },
	{ "BPF_MAP_LOOKUP_AND_DELETE_BATCH", PPM_BPF_MAP_LOOKUP_AND_DELETE_BATCH },
	{ "BPF_MAP_UPDATE_BATCH", PPM_BPF_MAP_UPDATE_BATCH },
	{ "BPF_MAP_DELETE_BATCH", PPM_BPF_MAP_DELETE_BATCH },
	{ "BPF_LINK_CREATE", PPM_BPF_LINK_CREATE },
	{ "BPF_LINK_UPDATE", PPM_BPF_LINK_UPDATE },
	{ "BPF_LINK_GET_FD_BY_ID", PPM_BPF_LINK_GET_FD_BY_ID },
	{ "BPF_LINK_GET_NEXT_ID", PPM_BPF_LINK_GET_NEXT_ID },
	{ "BPF_ENABLE_STATS", PPM_BPF_ENABLE_STATS },
	{ "BPF_ITER_CREATE", PPM_BPF_ITER_CREATE },
	{ "BPF_LINK_DETACH", PPM_BPF_LINK_DETACH },
	{ "BPF_PROG_BIND_MAP", PPM_BPF_PROG_BIND_MAP },
	{ 0, 0 },
};

static const struct lanner_name_value lanner_names_umount_flags[] = {
	{ "FORCE", PPM_MNT_FORCE },
	{ "DETACH", PPM_MNT_DETACH },
	{ "EXPIRE", PPM_MNT_EXPIRE },
	{ "NOFOLLOW", PPM_UMOUNT_NOFOLLOW },
	{ 0, 0 },
};

static const struct lanner_name_value lanner_names_prctl_options[] = {
	{ "PR_GET_DUMPABLE", PPM_PR_GET_DUMPABLE },
	{ "PR_SET_DUMPABLE", PPM_PR_SET_DUMPABLE },
	{ "PR_GET_KEEPCAPS", PPM_PR_GET_KEEPCAPS },
	{ "PR_SET_KEEPCAPS", PPM_PR_SET_KEEPCAPS },
	{ "PR_SET_NAME", PPM_PR_SET_NAME },
	{ "PR_GET_NAME", PPM_PR_GET_NAME },
	{ "PR_GET_SECCOMP", PPM_PR_GET_SECCOMP },
	{ "PR_SET_SECCOMP", PPM_PR_SET_SECCOMP },
	{ "PR_CAPBSET_READ", PPM_PR_CAPBSET_READ },
	{ "PR_CAPBSET_DROP", PPM_PR_CAPBSET_DROP },
	{ "PR_GET_SECUREBITS", PPM_PR_GET_SECUREBITS },
	{ "PR_SET_SECUREBITS", PPM_PR_SET_SECUREBITS },
	{ "PR_MCE_KILL", PPM_PR_MCE_KILL },
	{ "PR_MCE_KILL", PPM_PR_MCE_KILL },
	{ "PR_SET_MM", PPM_PR_SET_MM },
	{ "PR_SET_CHILD_SUBREAPER", PPM_PR_SET_CHILD_SUBREAPER },
	{ "PR_GET_CHILD_SUBREAPER", PPM_PR_GET_CHILD_SUBREAPER },
	{ "PR_SET_NO_NEW_PRIVS", PPM_PR_SET_NO_NEW_PRIVS },
	{ "PR_GET_NO_NEW_PRIVS", PPM_PR_GET_NO_NEW_PRIVS },
	{ "PR_GET_TID_ADDRESS", PPM_PR_GET_TID_ADDRESS },
	{ "PR_SET_THP_DISABLE", PPM_PR_SET_THP_DISABLE },
	{ "PR_GET_THP_DISABLE", PPM_PR_GET_THP_DISABLE },
	{ "PR_CAP_AMBIENT", PPM_PR_CAP_AMBIENT },
	{ 0, 0 },
};

static const struct lanner_name_value lanner_names_memfd_create_flags[] = {
	{ "MFD_CLOEXEC", PPM_MFD_CLOEXEC },
	{ "MFD_ALLOW_SEALING", PPM_MFD_ALLOW_SEALING },
	{ "MFD_HUGETLB", PPM_MFD_HUGETLB },
	{ 0, 0 },
};

static const struct lanner_name_value lanner_names_finit_module_flags[] = {
	{ "MODULE_INIT_IGNORE_MODVERSIONS", PPM_MODULE_INIT_IGNORE_MODVERSIONS },
	{ "MODULE_INIT_IGNORE_VERMAGIC", PPM_MODULE_INIT_IGNORE_VERMAGIC },
	{ "MODULE_INIT_COMPRESSED_FILE", PPM_MODULE_INIT_COMPRESSED_FILE },
	{ 0, 0 },
};

static const struct lanner_name_value lanner_names_execveat_flags[] = {
	{ "AT_EMPTY_PATH", PPM_EXVAT_AT_EMPTY_PATH },
	{ "AT_SYMLINK_NOFOLLOW", PPM_EXVAT_AT_SYMLINK_NOFOLLOW },
	{ 0, 0 },
};

/* Indexed by enum ppm_sc_code: the syscall name of a generic event. */
static const char *const lanner_sc_names[PPM_SC_MAX] = {
	[PPM_SC_UNKNOWN] = "unknown",
	[PPM_SC_RESTART_SYSCALL] = "restart_syscall",
	[PPM_SC_EXIT] = "exit",
	[PPM_SC_READ] = "read",
	[PPM_SC_WRITE] = "write",
	[PPM_SC_OPEN] = "open",
	[PPM_SC_CLOSE] = "close",
	[PPM_SC_CREAT] = "creat",
	[PPM_SC_LINK] = "link",
	[PPM_SC_UNLINK] = "unlink",
	[PPM_SC_CHDIR] = "chdir",
	[PPM_SC_TIME] = "time",
	[PPM_SC_MKNOD] = "mknod",
	[PPM_SC_CHMOD] = "chmod",
	[PPM_SC_STAT] = "stat",
	[PPM_SC_LSEEK] = "lseek",
	[PPM_SC_GETPID] = "getpid",
	[PPM_SC_MOUNT] = "mount",
	[PPM_SC_PTRACE] = "ptrace",
	[PPM_SC_ALARM] = "alarm",
	[PPM_SC_FSTAT] = "fstat",
	[PPM_SC_PAUSE] = "pause",
	[PPM_SC_UTIME] = "utime",
	[PPM_SC_ACCESS] = "access",
	[PPM_SC_SYNC] = "sync",
	[PPM_SC_KILL] = "kill",
	[PPM_SC_RENAME] = "rename",
	[PPM_SC_MKDIR] = "mkdir",
	[PPM_SC_RMDIR] = "rmdir",
	[PPM_SC_DUP] = "dup",
	[PPM_SC_PIPE] = "pipe",
	[PPM_SC_TIMES] = "times",
	[PPM_SC_BRK] = "brk",
	[PPM_SC_ACCT] = "acct",
	[PPM_SC_IOCTL] = "ioctl",
	[PPM_SC_FCNTL] = "fcntl",
	[PPM_SC_SETPGID] = "setpgid",
	[PPM_SC_UMASK] = "umask",
	[PPM_SC_CHROOT] = "chroot",
	[PPM_SC_USTAT] = "ustat",
	[PPM_SC_DUP2] = "dup2",
	[PPM_SC_GETPPID] = "getppid",
	[PPM_SC_GETPGRP] = "getpgrp",
	[PPM_SC_SETSID] = "setsid",
	[PPM_SC_SETHOSTNAME] = "sethostname",
	[PPM_SC_SETRLIMIT] = "setrlimit",
	[PPM_SC_GETRUSAGE] = "getrusage",
	[PPM_SC_GETTIMEOFDAY] = "gettimeofday",
	[PPM_SC_SETTIMEOFDAY] = "settimeofday",
	[PPM_SC_SYMLINK] = "symlink",
	[PPM_SC_LSTAT] = "lstat",
	[PPM_SC_READLINK] = "readlink",
	[PPM_SC_USELIB] = "uselib",
	[PPM_SC_SWAPON] = "swapon",
	[PPM_SC_REBOOT] = "reboot",
	[PPM_SC_MMAP] = "mmap",
	[PPM_SC_MUNMAP] = "munmap",
	[PPM_SC_TRUNCATE] = "truncate",
	[PPM_SC_FTRUNCATE] = "ftruncate",
	[PPM_SC_FCHMOD] = "fchmod",
	[PPM_SC_GETPRIORITY] = "getpriority",
	[PPM_SC_SETPRIORITY] = "setpriority",
	[PPM_SC_STATFS] = "statfs",
	[PPM_SC_FSTATFS] = "fstatfs",
	[PPM_SC_SYSLOG] = "syslog",
	[PPM_SC_SETITIMER] = "setitimer",
	[PPM_SC_GETITIMER] = "getitimer",
	[PPM_SC_UNAME] = "uname",
	[PPM_SC_VHANGUP] = "vhangup",
	[PPM_SC_WAIT4] = "wait4",
	[PPM_SC_SWAPOFF] = "swapoff",
	[PPM_SC_SYSINFO] = "sysinfo",
	[PPM_SC_FSYNC] = "fsync",
	[PPM_SC_SETDOMAINNAME] = "setdomainname",
	[PPM_SC_ADJTIMEX] = "adjtimex",
	[PPM_SC_MPROTECT] = "mprotect",
	[PPM_SC_INIT_MODULE] = "init_module",
	[PPM_SC_DELETE_MODULE] = "delete_module",
	[PPM_SC_QUOTACTL] = "quotactl",
	[PPM_SC_GETPGID] = "getpgid",
	[PPM_SC_FCHDIR] = "fchdir",
	[PPM_SC_SYSFS] = "sysfs",
	[PPM_SC_PERSONALITY] = "personality",
	[PPM_SC_GETDENTS] = "getdents",
	[PPM_SC_SELECT] = "select",
	[PPM_SC_FLOCK] = "flock",
	[PPM_SC_MSYNC] = "msync",
	[PPM_SC_READV] = "readv",
	[PPM_SC_WRITEV] = "writev",
	[PPM_SC_GETSID] = "getsid",
	[PPM_SC_FDATASYNC] = "fdatasync",
	[PPM_SC_MLOCK] = "mlock",
	[PPM_SC_MUNLOCK] = "munlock",
	[PPM_SC_MLOCKALL] = "mlockall",
	[PPM_SC_MUNLOCKALL] = "munlockall",
	[PPM_SC_SCHED_SETPARAM] = "sched_setparam",
	[PPM_SC_SCHED_GETPARAM] = "sched_getparam",
	[PPM_SC_SCHED_SETSCHEDULER] = "sched_setscheduler",
	[PPM_SC_SCHED_GETSCHEDULER] = "sched_getscheduler",
	[PPM_SC_SCHED_YIELD] = "sched_yield",
	[PPM_SC_SCHED_GET_PRIORITY_MAX] = "sched_get_priority_max",
	[PPM_SC_SCHED_GET_PRIORITY_MIN] = "sched_get_priority_min",
	[PPM_SC_SCHED_RR_GET_INTERVAL] = "sched_rr_get_interval",
	[PPM_SC_NANOSLEEP] = "nanosleep",
	[PPM_SC_MREMAP] = "mremap",
	[PPM_SC_POLL] = "poll",
	[PPM_SC_PRCTL] = "prctl",
	[PPM_SC_RT_SIGACTION] = "rt_sigaction",
	[PPM_SC_RT_SIGPROCMASK] = "rt_sigprocmask",
	[PPM_SC_RT_SIGPENDING] = "rt_sigpending",
	[PPM_SC_RT_SIGTIMEDWAIT] = "rt_sigtimedwait",
	[PPM_SC_RT_SIGQUEUEINFO] = "rt_sigqueueinfo",
	[PPM_SC_RT_SIGSUSPEND] = "rt_sigsuspend",
	[PPM_SC_GETCWD] = "getcwd",
	[PPM_SC_CAPGET] = "capget",
	[PPM_SC_CAPSET] = "capset",
	[PPM_SC_SENDFILE] = "sendfile",
	[PPM_SC_GETRLIMIT] = "getrlimit",
	[PPM_SC_LCHOWN] = "lchown",
	[PPM_SC_GETUID] = "getuid",
	[PPM_SC_GETGID] = "getgid",
	[PPM_SC_GETEUID] = "geteuid",
	[PPM_SC_GETEGID] = "getegid",
	[PPM_SC_SETREUID] = "setreuid",
	[PPM_SC_SETREGID] = "setregid",
	[PPM_SC_GETGROUPS] = "getgroups",
	[PPM_SC_SETGROUPS] = "setgroups",
	[PPM_SC_FCHOWN] = "fchown",
	[PPM_SC_SETRESUID] = "setresuid",
	[PPM_SC_GETRESUID] = "getresuid",
	[PPM_SC_SETRESGID] = "setresgid",
	[PPM_SC_GETRESGID] = "getresgid",
	[PPM_SC_CHOWN] = "chown",
	[PPM_SC_SETUID] = "setuid",
	[PPM_SC_SETGID] = "setgid",
	[PPM_SC_SETFSUID] = "setfsuid",
	[PPM_SC_SETFSGID] = "setfsgid",
	[PPM_SC_PIVOT_ROOT] = "pivot_root",
	[PPM_SC_MINCORE] = "mincore",
	[PPM_SC_MADVISE] = "madvise",
	[PPM_SC_GETTID] = "gettid",
	[PPM_SC_SETXATTR] = "setxattr",
	[PPM_SC_LSETXATTR] = "lsetxattr",
	[PPM_SC_FSETXATTR] = "fsetxattr",
	[PPM_SC_GETXATTR] = "getxattr",
	[PPM_SC_LGETXATTR] = "lgetxattr",
	[PPM_SC_FGETXATTR] = "fgetxattr",
	[PPM_SC_LISTXATTR] = "listxattr",
	[PPM_SC_LLISTXATTR] = "llistxattr",
	[PPM_SC_FLISTXATTR] = "flistxattr",
	[PPM_SC_REMOVEXATTR] = "removexattr",
	[PPM_SC_LREMOVEXATTR] = "lremovexattr",
	[PPM_SC_FREMOVEXATTR] = "fremovexattr",
	[PPM_SC_TKILL] = "tkill",
	[PPM_SC_FUTEX] = "futex",
	[PPM_SC_SCHED_SETAFFINITY] = "sched_setaffinity",
	[PPM_SC_SCHED_GETAFFINITY] = "sched_getaffinity",
	[PPM_SC_SET_THREAD_AREA] = "set_thread_area",
	[PPM_SC_GET_THREAD_AREA] = "get_thread_area",
	[PPM_SC_IO_SETUP] = "io_setup",
	[PPM_SC_IO_DESTROY] = "io_destroy",
	[PPM_SC_IO_GETEVENTS] = "io_getevents",
	[PPM_SC_IO_SUBMIT] = "io_submit",
	[PPM_SC_IO_CANCEL] = "io_cancel",
	[PPM_SC_EXIT_GROUP] = "exit_group",
	[PPM_SC_EPOLL_CREATE] = "epoll_create",
	[PPM_SC_EPOLL_CTL] = "epoll_ctl",
	[PPM_SC_EPOLL_WAIT] = "epoll_wait",
	[PPM_SC_REMAP_FILE_PAGES] = "remap_file_pages",
	[PPM_SC_SET_TID_ADDRESS] = "set_tid_address",
	[PPM_SC_TIMER_CREATE] = "timer_create",
	[PPM_SC_TIMER_SETTIME] = "timer_settime",
	[PPM_SC_TIMER_GETTIME] = "timer_gettime",
	[PPM_SC_TIMER_GETOVERRUN] = "timer_getoverrun",
	[PPM_SC_TIMER_DELETE] = "timer_delete",
	[PPM_SC_CLOCK_SETTIME] = "clock_settime",
	[PPM_SC_CLOCK_GETTIME] = "clock_gettime",
	[PPM_SC_CLOCK_GETRES] = "clock_getres",
	[PPM_SC_CLOCK_NANOSLEEP] = "clock_nanosleep",
	[PPM_SC_TGKILL] = "tgkill",
	[PPM_SC_UTIMES] = "utimes",
	[PPM_SC_MQ_OPEN] = "mq_open",
	[PPM_SC_MQ_UNLINK] = "mq_unlink",
	[PPM_SC_MQ_TIMEDSEND] = "mq_timedsend",
	[PPM_SC_MQ_TIMEDRECEIVE] = "mq_timedreceive",
	[PPM_SC_MQ_NOTIFY] = "mq_notify",
	[PPM_SC_MQ_GETSETATTR] = "mq_getsetattr",
	[PPM_SC_KEXEC_LOAD] = "kexec_load",
	[PPM_SC_WAITID] = "waitid",
	[PPM_SC_ADD_KEY] = "add_key",
	[PPM_SC_REQUEST_KEY] = "request_key",
	[PPM_SC_KEYCTL] = "keyctl",
	[PPM_SC_IOPRIO_SET] = "ioprio_set",
	[PPM_SC_IOPRIO_GET] = "ioprio_get",
	[PPM_SC_INOTIFY_INIT] = "inotify_init",
	[PPM_SC_INOTIFY_ADD_WATCH] = "inotify_add_watch",
	[PPM_SC_INOTIFY_RM_WATCH] = "inotify_rm_watch",
	[PPM_SC_OPENAT] = "openat",
	[PPM_SC_MKDIRAT] = "mkdirat",
	[PPM_SC_MKNODAT] = "mknodat",
	[PPM_SC_FCHOWNAT] = "fchownat",
	[PPM_SC_FUTIMESAT] = "futimesat",
	[PPM_SC_UNLINKAT] = "unlinkat",
	[PPM_SC_RENAMEAT] = "renameat",
	[PPM_SC_LINKAT] = "linkat",
	[PPM_SC_SYMLINKAT] = "symlinkat",
	[PPM_SC_READLINKAT] = "readlinkat",
	[PPM_SC_FCHMODAT] = "fchmodat",
	[PPM_SC_FACCESSAT] = "faccessat",
	[PPM_SC_PSELECT6] = "pselect6",
	[PPM_SC_PPOLL] = "ppoll",
	[PPM_SC_UNSHARE] = "unshare",
	[PPM_SC_SET_ROBUST_LIST] = "set_robust_list",
	[PPM_SC_GET_ROBUST_LIST] = "get_robust_list",
	[PPM_SC_SPLICE] = "splice",
	[PPM_SC_TEE] = "tee",
	[PPM_SC_VMSPLICE] = "vmsplice",
	[PPM_SC_GETCPU] = "getcpu",
	[PPM_SC_EPOLL_PWAIT] = "epoll_pwait",
	[PPM_SC_UTIMENSAT] = "utimensat",
	[PPM_SC_SIGNALFD] = "signalfd",
	[PPM_SC_TIMERFD_CREATE] = "timerfd_create",
	[PPM_SC_EVENTFD] = "eventfd",
	[PPM_SC_TIMERFD_SETTIME] = "timerfd_settime",
	[PPM_SC_TIMERFD_GETTIME] = "timerfd_gettime",
	[PPM_SC_SIGNALFD4] = "signalfd4",
	[PPM_SC_EVENTFD2] = "eventfd2",
	[PPM_SC_EPOLL_CREATE1] = "epoll_create1",
	[PPM_SC_DUP3] = "dup3",
	[PPM_SC_PIPE2] = "pipe2",
	[PPM_SC_INOTIFY_INIT1] = "inotify_init1",
	[PPM_SC_PREADV] = "preadv",
	[PPM_SC_PWRITEV] = "pwritev",
	[PPM_SC_RT_TGSIGQUEUEINFO] = "rt_tgsigqueueinfo",
	[PPM_SC_PERF_EVENT_OPEN] = "perf_event_open",
	[PPM_SC_FANOTIFY_INIT] = "fanotify_init",
	[PPM_SC_PRLIMIT64] = "prlimit64",
	[PPM_SC_CLOCK_ADJTIME] = "clock_adjtime",
	[PPM_SC_SYNCFS] = "syncfs",
	[PPM_SC_SETNS] = "setns",
	[PPM_SC_GETDENTS64] = "getdents64",
	[PPM_SC_SOCKET] = "socket",
	[PPM_SC_BIND] = "bind",
	[PPM_SC_CONNECT] = "connect",
	[PPM_SC_LISTEN] = "listen",
	[PPM_SC_ACCEPT] = "accept",
	[PPM_SC_GETSOCKNAME] = "getsockname",
	[PPM_SC_GETPEERNAME] = "getpeername",
	[PPM_SC_SOCKETPAIR] = "socketpair",
	[PPM_SC_SENDTO] = "sendto",
	[PPM_SC_RECVFROM] = "recvfrom",
	[PPM_SC_SHUTDOWN] = "shutdown",
	[PPM_SC_SETSOCKOPT] = "setsockopt",
	[PPM_SC_GETSOCKOPT] = "getsockopt",
	[PPM_SC_SENDMSG] = "sendmsg",
	[PPM_SC_SENDMMSG] = "sendmmsg",
	[PPM_SC_RECVMSG] = "recvmsg",
	[PPM_SC_RECVMMSG] = "recvmmsg",
	[PPM_SC_ACCEPT4] = "accept4",
	[PPM_SC_SEMOP] = "semop",
	[PPM_SC_SEMGET] = "semget",
	[PPM_SC_SEMCTL] = "semctl",
	[PPM_SC_MSGSND] = "msgsnd",
	[PPM_SC_MSGRCV] = "msgrcv",
	[PPM_SC_MSGGET] = "msgget",
	[PPM_SC_MSGCTL] = "msgctl",
	[PPM_SC_SHMDT] = "shmdt",
	[PPM_SC_SHMGET] = "shmget",
	[PPM_SC_SHMCTL] = "shmctl",
	[PPM_SC_STATFS64] = "statfs64",
	[PPM_SC_FSTATFS64] = "fstatfs64",
	[PPM_SC_FSTATAT64] = "fstatat64",
	[PPM_SC_SENDFILE64] = "sendfile64",
	[PPM_SC_UGETRLIMIT] = "ugetrlimit",
	[PPM_SC_BDFLUSH] = "bdflush",
	[PPM_SC_SIGPROCMASK] = "sigprocmask",
	[PPM_SC_IPC] = "ipc",
	[PPM_SC_SOCKETCALL] = "socketcall",
	[PPM_SC_STAT64] = "stat64",
	[PPM_SC_LSTAT64] = "lstat64",
	[PPM_SC_FSTAT64] = "fstat64",
	[PPM_SC_FCNTL64] = "fcntl64",
	[PPM_SC_MMAP2] = "mmap2",
	[PPM_SC__NEWSELECT] = "_newselect",
	[PPM_SC_SGETMASK] = "sgetmask",
	[PPM_SC_SSETMASK] = "ssetmask",
	[PPM_SC_SIGPENDING] = "sigpending",
	[PPM_SC_OLDUNAME] = "olduname",
	[PPM_SC_UMOUNT] = "umount",
	[PPM_SC_SIGNAL] = "signal",
	[PPM_SC_NICE] = "nice",
	[PPM_SC_STIME] = "stime",
	[PPM_SC__LLSEEK] = "_llseek",
	[PPM_SC_WAITPID] = "waitpid",
	[PPM_SC_PREAD64] = "pread64",
	[PPM_SC_PWRITE64] = "pwrite64",
	[PPM_SC_ARCH_PRCTL] = "arch_prctl",
	[PPM_SC_SHMAT] = "shmat",
	[PPM_SC_RT_SIGRETURN] = "rt_sigreturn",
	[PPM_SC_FALLOCATE] = "fallocate",
	[PPM_SC_NEWFSTATAT] = "newfstatat",
	[PPM_SC_PROCESS_VM_READV] = "process_vm_readv",
	[PPM_SC_PROCESS_VM_WRITEV] = "process_vm_writev",
	[PPM_SC_FORK] = "fork",
	[PPM_SC_VFORK] = "vfork",
	[PPM_SC_SETUID32] = "setuid32",
	[PPM_SC_GETUID32] = "getuid32",
	[PPM_SC_SETGID32] = "setgid32",
	[PPM_SC_GETEUID32] = "geteuid32",
	[PPM_SC_GETGID32] = "getgid32",
	[PPM_SC_SETRESUID32] = "setresuid32",
	[PPM_SC_SETRESGID32] = "setresgid32",
	[PPM_SC_GETRESUID32] = "getresuid32",
	[PPM_SC_GETRESGID32] = "getresgid32",
	[PPM_SC_FINIT_MODULE] = "finit_module",
	[PPM_SC_BPF] = "bpf",
	[PPM_SC_SECCOMP] = "seccomp",
	[PPM_SC_SIGALTSTACK] = "sigaltstack",
	[PPM_SC_GETRANDOM] = "getrandom",
	[PPM_SC_FADVISE64] = "fadvise64",
	[PPM_SC_RENAMEAT2] = "renameat2",
	[PPM_SC_USERFAULTFD] = "userfaultfd",
	[PPM_SC_OPENAT2] = "openat2",
	[PPM_SC_UMOUNT2] = "umount2",
	[PPM_SC_EXECVE] = "execve",
	[PPM_SC_EXECVEAT] = "execveat",
	[PPM_SC_COPY_FILE_RANGE] = "copy_file_range",
	[PPM_SC_CLONE] = "clone",
	[PPM_SC_CLONE3] = "clone3",
	[PPM_SC_OPEN_BY_HANDLE_AT] = "open_by_handle_at",
	[PPM_SC_IO_URING_SETUP] = "io_uring_setup",
	[PPM_SC_IO_URING_ENTER] = "io_uring_enter",
	[PPM_SC_IO_URING_REGISTER] = "io_uring_register",
	[PPM_SC_MLOCK2] = "mlock2",
	[PPM_SC_GETEGID32] = "getegid32",
	[PPM_SC_FSCONFIG] = "fsconfig",
	[PPM_SC_FSPICK] = "fspick",
	[PPM_SC_FSMOUNT] = "fsmount",
	[PPM_SC_FSOPEN] = "fsopen",
	[PPM_SC_OPEN_TREE] = "open_tree",
	[PPM_SC_MOVE_MOUNT] = "move_mount",
	[PPM_SC_MOUNT_SETATTR] = "mount_setattr",
	[PPM_SC_MEMFD_CREATE] = "memfd_create",
	[PPM_SC_MEMFD_SECRET] = "memfd_secret",
	[PPM_SC_IOPERM] = "ioperm",
	[PPM_SC_KEXEC_FILE_LOAD] = "kexec_file_load",
	[PPM_SC_PIDFD_GETFD] = "pidfd_getfd",
	[PPM_SC_PIDFD_OPEN] = "pidfd_open",
	[PPM_SC_PIDFD_SEND_SIGNAL] = "pidfd_send_signal",
	[PPM_SC_PKEY_ALLOC] = "pkey_alloc",
	[PPM_SC_PKEY_MPROTECT] = "pkey_mprotect",
	[PPM_SC_PKEY_FREE] = "pkey_free",
	[PPM_SC_LANDLOCK_CREATE_RULESET] = "landlock_create_ruleset",
	[PPM_SC_QUOTACTL_FD] = "quotactl_fd",
	[PPM_SC_LANDLOCK_RESTRICT_SELF] = "landlock_restrict_self",
	[PPM_SC_LANDLOCK_ADD_RULE] = "landlock_add_rule",
	[PPM_SC_EPOLL_PWAIT2] = "epoll_pwait2",
	[PPM_SC_MIGRATE_PAGES] = "migrate_pages",
	[PPM_SC_MOVE_PAGES] = "move_pages",
	[PPM_SC_PREADV2] = "preadv2",
	[PPM_SC_PWRITEV2] = "pwritev2",
	[PPM_SC_KCMP] = "kcmp",
	[PPM_SC_SCHED_SETATTR] = "sched_setattr",
	[PPM_SC_MBIND] = "mbind",
	[PPM_SC_EPOLL_CTL_OLD] = "epoll_ctl_old",
	[PPM_SC_LOOKUP_DCOOKIE] = "lookup_dcookie",
	[PPM_SC_MODIFY_LDT] = "modify_ldt",
	[PPM_SC_STATX] = "statx",
	[PPM_SC_SET_MEMPOLICY] = "set_mempolicy",
	[PPM_SC_IO_PGETEVENTS] = "io_pgetevents",
	[PPM_SC_SET_MEMPOLICY_HOME_NODE] = "set_mempolicy_home_node",
	[PPM_SC_SEMTIMEDOP] = "semtimedop",
	[PPM_SC_GET_KERNEL_SYMS] = "get_kernel_syms",
	[PPM_SC_READAHEAD] = "readahead",
	[PPM_SC_FUTEX_WAITV] = "futex_waitv",
	[PPM_SC_GETPMSG] = "getpmsg",
	[PPM_SC_NAME_TO_HANDLE_AT] = "name_to_handle_at",
	[PPM_SC_PROCESS_MRELEASE] = "process_mrelease",
	[PPM_SC_NFSSERVCTL] = "nfsservctl",
	[PPM_SC_EPOLL_WAIT_OLD] = "epoll_wait_old",
	[PPM_SC_RSEQ] = "rseq",
	[PPM_SC_CREATE_MODULE] = "create_module",
	[PPM_SC_NA_1] = "na_1",
	[PPM_SC_SCHED_GETATTR] = "sched_getattr",
	[PPM_SC_FACCESSAT2] = "faccessat2",
	[PPM_SC__SYSCTL] = "_sysctl",
	[PPM_SC_QUERY_MODULE] = "query_module",
	[PPM_SC_GET_MEMPOLICY] = "get_mempolicy",
	[PPM_SC_SYNC_FILE_RANGE] = "sync_file_range",
	[PPM_SC_PROCESS_MADVISE] = "process_madvise",
	[PPM_SC_MEMBARRIER] = "membarrier",
	[PPM_SC_IOPL] = "iopl",
	[PPM_SC_CLOSE_RANGE] = "close_range",
	[PPM_SC_FANOTIFY_MARK] = "fanotify_mark",
	[PPM_SC_RECV] = "recv",
	[PPM_SC_SEND] = "send",
	[PPM_SC_SCHED_PROCESS_EXIT] = "sched_process_exit",
	[PPM_SC_SCHED_SWITCH] = "sched_switch",
	[PPM_SC_PAGE_FAULT_USER] = "page_fault_user",
	[PPM_SC_PAGE_FAULT_KERNEL] = "page_fault_kernel",
	[PPM_SC_SIGNAL_DELIVER] = "signal_deliver",
	[PPM_SC_TIMERFD] = "timerfd",
	[PPM_SC_S390_PCI_MMIO_READ] = "s390_pci_mmio_read",
	[PPM_SC_SIGACTION] = "sigaction",
	[PPM_SC_S390_PCI_MMIO_WRITE] = "s390_pci_mmio_write",
	[PPM_SC_READDIR] = "readdir",
	[PPM_SC_S390_STHYI] = "s390_sthyi",
	[PPM_SC_SIGSUSPEND] = "sigsuspend",
	[PPM_SC_IDLE] = "idle",
	[PPM_SC_S390_RUNTIME_INSTR] = "s390_runtime_instr",
	[PPM_SC_SIGRETURN] = "sigreturn",
	[PPM_SC_S390_GUARDED_STORAGE] = "s390_guarded_storage",
	[PPM_SC_CACHESTAT] = "cachestat",
	[PPM_SC_FCHMODAT2] = "fchmodat2",
	[PPM_SC_MAP_SHADOW_STACK] = "map_shadow_stack",
	[PPM_SC_RISCV_FLUSH_ICACHE] = "riscv_flush_icache",
	[PPM_SC_RISCV_HWPROBE] = "riscv_hwprobe",
	[PPM_SC_FUTEX_WAKE] = "futex_wake",
	[PPM_SC_FUTEX_REQUEUE] = "futex_requeue",
	[PPM_SC_FUTEX_WAIT] = "futex_wait",
	[PPM_SC_OLDSTAT] = "oldstat",
	[PPM_SC_SWITCH_ENDIAN] = "switch_endian",
	[PPM_SC_MULTIPLEXER] = "multiplexer",
	[PPM_SC_OLDLSTAT] = "oldlstat",
	[PPM_SC_SPU_CREATE] = "spu_create",
	[PPM_SC_SYNC_FILE_RANGE2] = "sync_file_range2",
	[PPM_SC_OLDFSTAT] = "oldfstat",
	[PPM_SC_SPU_RUN] = "spu_run",
	[PPM_SC_SWAPCONTEXT] = "swapcontext",
	[PPM_SC_PCICONFIG_WRITE] = "pciconfig_write",
	[PPM_SC_RTAS] = "rtas",
	[PPM_SC_PCICONFIG_READ] = "pciconfig_read",
	[PPM_SC_SYS_DEBUG_SETCONTEXT] = "sys_debug_setcontext",
	[PPM_SC_VM86] = "vm86",
	[PPM_SC_OLDOLDUNAME] = "oldolduname",
	[PPM_SC_SUBPAGE_PROT] = "subpage_prot",
	[PPM_SC_PCICONFIG_IOBASE] = "pciconfig_iobase",
	[PPM_SC_LISTMOUNT] = "listmount",
	[PPM_SC_STATMOUNT] = "statmount",
	[PPM_SC_LSM_GET_SELF_ATTR] = "lsm_get_self_attr",
	[PPM_SC_LSM_SET_SELF_ATTR] = "lsm_set_self_attr",
	[PPM_SC_LSM_LIST_MODULES] = "lsm_list_modules",
	[PPM_SC_MSEAL] = "mseal",
	[PPM_SC_URETPROBE] = "uretprobe",
	[PPM_SC_REMOVEXATTRAT] = "removexattrat",
	[PPM_SC_LISTXATTRAT] = "listxattrat",
	[PPM_SC_GETXATTRAT] = "getxattrat",
	[PPM_SC_SETXATTRAT] = "setxattrat",
	[PPM_SC_OPEN_TREE_ATTR] = "open_tree_attr",
	[PPM_SC_FILE_GETATTR] = "file_getattr",
	[PPM_SC_FILE_SETATTR] = "file_setattr",
	[PPM_SC_LISTNS] = "listns",
	[PPM_SC_UPROBE] = "uprobe",
	[PPM_SC_RSEQ_SLICE_YIELD] = "rseq_slice_yield",
};

static const struct lanner_param_info lanner_ptrace_dyn[PPM_PTRACE_IDX_MAX] = {
	LANNER_P("", PT_UINT64, PF_HEX),
	LANNER_P("", PT_SIGTYPE, PF_DEC),
};

static const struct lanner_param_info lanner_syscall_params[] = {
	LANNER_P("ID", PT_SYSCALLID, PF_DEC),
	LANNER_P("nativeID", PT_UINT16, PF_DEC),
};

static const struct lanner_param_info lanner_open_params[] = {
	LANNER_P("fd", PT_FD, PF_DEC),
	LANNER_P("name", PT_FSPATH, PF_NA),
	LANNER_P_FLAGS("flags", PT_FLAGS32, PF_HEX, lanner_names_file_flags),
	LANNER_P("mode", PT_UINT32, PF_OCT),
	LANNER_P("dev", PT_UINT32, PF_HEX),
	LANNER_P("ino", PT_UINT64, PF_DEC),
};

static const struct lanner_param_info lanner_close_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("fd", PT_FD, PF_DEC),
};

static const struct lanner_param_info lanner_socket_params[] = {
	LANNER_P("fd", PT_FD, PF_DEC),
	LANNER_P_FLAGS("domain", PT_ENUMFLAGS32, PF_DEC, lanner_names_socket_families),
	LANNER_P("type", PT_UINT32, PF_DEC),
	LANNER_P("proto", PT_UINT32, PF_DEC),
	LANNER_P_FLAGS("flags", PT_FLAGS32, PF_HEX, lanner_names_file_flags),
};

static const struct lanner_param_info lanner_bind_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("addr", PT_SOCKADDR, PF_NA),
	LANNER_P("fd", PT_FD, PF_DEC),
};

static const struct lanner_param_info lanner_connect_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("tuple", PT_SOCKTUPLE, PF_NA),
	LANNER_P("fd", PT_FD, PF_DEC),
	LANNER_P("addr", PT_SOCKADDR, PF_NA),
};

static const struct lanner_param_info lanner_listen_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("fd", PT_FD, PF_DEC),
	LANNER_P("backlog", PT_INT32, PF_DEC),
};

static const struct lanner_param_info lanner_sendto_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("data", PT_BYTEBUF, PF_NA),
	LANNER_P("fd", PT_FD, PF_DEC),
	LANNER_P("size", PT_UINT32, PF_DEC),
	LANNER_P("tuple", PT_SOCKTUPLE, PF_NA),
};

static const struct lanner_param_info lanner_recvfrom_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("data", PT_BYTEBUF, PF_NA),
	LANNER_P("tuple", PT_SOCKTUPLE, PF_NA),
	LANNER_P("fd", PT_FD, PF_DEC),
	LANNER_P("size", PT_UINT32, PF_DEC),
};

static const struct lanner_param_info lanner_recvmsg_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("size", PT_UINT32, PF_DEC),
	LANNER_P("data", PT_BYTEBUF, PF_NA),
	LANNER_P("tuple", PT_SOCKTUPLE, PF_NA),
	LANNER_P("msgcontrol", PT_BYTEBUF, PF_NA),
	LANNER_P("fd", PT_FD, PF_DEC),
};

static const struct lanner_param_info lanner_creat_params[] = {
	LANNER_P("fd", PT_FD, PF_DEC),
	LANNER_P("name", PT_FSPATH, PF_NA),
	LANNER_P("mode", PT_UINT32, PF_OCT),
	LANNER_P("dev", PT_UINT32, PF_HEX),
	LANNER_P("ino", PT_UINT64, PF_DEC),
	LANNER_P_FLAGS("creat_flags", PT_FLAGS16, PF_HEX, lanner_names_creat_flags),
};

static const struct lanner_param_info lanner_chdir_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("path", PT_CHARBUF, PF_NA),
};

static const struct lanner_param_info lanner_fchdir_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("fd", PT_FD, PF_NA),
};

static const struct lanner_param_info lanner_kill_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("pid", PT_PID, PF_DEC),
	LANNER_P("sig", PT_SIGTYPE, PF_DEC),
};

static const struct lanner_param_info lanner_tkill_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("tid", PT_PID, PF_DEC),
	LANNER_P("sig", PT_SIGTYPE, PF_DEC),
};

static const struct lanner_param_info lanner_tgkill_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("pid", PT_PID, PF_DEC),
	LANNER_P("tid", PT_PID, PF_DEC),
	LANNER_P("sig", PT_SIGTYPE, PF_DEC),
};

static const struct lanner_param_info lanner_fcntl_params[] = {
	LANNER_P("res", PT_FD, PF_DEC),
	LANNER_P("fd", PT_FD, PF_DEC),
	LANNER_P_FLAGS("cmd", PT_ENUMFLAGS8, PF_DEC, lanner_names_fcntl_commands),
	LANNER_P("arg", PT_UINT64, PF_HEX),
};

static const struct lanner_param_info lanner_ptrace_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P_DYN("addr", PT_DYN, PF_HEX, lanner_ptrace_dyn),
	LANNER_P_DYN("data", PT_DYN, PF_HEX, lanner_ptrace_dyn),
	LANNER_P_FLAGS("request", PT_ENUMFLAGS16, PF_DEC, lanner_names_ptrace_requests),
	LANNER_P("pid", PT_PID, PF_DEC),
};

static const struct lanner_param_info lanner_rename_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("oldpath", PT_FSPATH, PF_NA),
	LANNER_P("newpath", PT_FSPATH, PF_NA),
};

static const struct lanner_param_info lanner_renameat_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("olddirfd", PT_FD, PF_DEC),
	LANNER_P_DIRFD("oldpath", PT_FSRELPATH, PF_NA, 1),
	LANNER_P("newdirfd", PT_FD, PF_DEC),
	LANNER_P_DIRFD("newpath", PT_FSRELPATH, PF_NA, 3),
};

static const struct lanner_param_info lanner_symlink_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("target", PT_CHARBUF, PF_NA),
	LANNER_P("linkpath", PT_FSPATH, PF_NA),
};

static const struct lanner_param_info lanner_symlinkat_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("target", PT_CHARBUF, PF_NA),
	LANNER_P("linkdirfd", PT_FD, PF_DEC),
	LANNER_P_DIRFD("linkpath", PT_FSRELPATH, PF_NA, 2),
};

static const struct lanner_param_info lanner_procexit_params[] = {
	LANNER_P("status", PT_ERRNO, PF_DEC),
	LANNER_P("ret", PT_ERRNO, PF_DEC),
	LANNER_P("sig", PT_SIGTYPE, PF_DEC),
	LANNER_P("core", PT_UINT8, PF_DEC),
	LANNER_P("reaper_tid", PT_PID, PF_DEC),
};

static const struct lanner_param_info lanner_setresuid_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("ruid", PT_UID, PF_DEC),
	LANNER_P("euid", PT_UID, PF_DEC),
	LANNER_P("suid", PT_UID, PF_DEC),
};

static const struct lanner_param_info lanner_setresgid_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("rgid", PT_GID, PF_DEC),
	LANNER_P("egid", PT_GID, PF_DEC),
	LANNER_P("sgid", PT_GID, PF_DEC),
};

static const struct lanner_param_info lanner_setuid_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("uid", PT_UID, PF_DEC),
};

static const struct lanner_param_info lanner_setgid_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("gid", PT_GID, PF_DEC),
};

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
	LANNER_P_FLAGS("flags", PT_FLAGS32, PF_HEX, lanner_names_clone_flags),
	LANNER_P("uid", PT_UINT32, PF_DEC),
	LANNER_P("gid", PT_UINT32, PF_DEC),
	LANNER_P("vtid", PT_PID, PF_DEC),
	LANNER_P("vpid", PT_PID, PF_DEC),
	LANNER_P("pidns_init_start_ts", PT_UINT64, PF_DEC),
};

static const struct lanner_param_info lanner_setns_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("fd", PT_FD, PF_NA),
	LANNER_P_FLAGS("nstype", PT_FLAGS32, PF_HEX, lanner_names_clone_flags),
};

static const struct lanner_param_info lanner_accept_params[] = {
	LANNER_P("fd", PT_FD, PF_DEC),
	LANNER_P("tuple", PT_SOCKTUPLE, PF_NA),
	LANNER_P("queuepct", PT_UINT8, PF_DEC),
	LANNER_P("queuelen", PT_UINT32, PF_DEC),
	LANNER_P("queuemax", PT_UINT32, PF_DEC),
};

static const struct lanner_param_info lanner_mount_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("dev", PT_CHARBUF, PF_NA),
	LANNER_P("dir", PT_FSPATH, PF_NA),
	LANNER_P("type", PT_CHARBUF, PF_NA),
	LANNER_P_FLAGS("flags", PT_FLAGS32, PF_HEX, lanner_names_mount_flags),
};

static const struct lanner_param_info lanner_mkdir_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("path", PT_FSPATH, PF_NA),
	LANNER_P("mode", PT_UINT32, PF_HEX),
};

static const struct lanner_param_info lanner_rmdir_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("path", PT_FSPATH, PF_NA),
};

static const struct lanner_param_info lanner_unshare_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P_FLAGS("flags", PT_FLAGS32, PF_HEX, lanner_names_clone_flags),
};

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
	LANNER_P_FLAGS("flags", PT_FLAGS32, PF_HEX, lanner_names_execve_flags),
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

static const struct lanner_param_info lanner_unlinkat_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("dirfd", PT_FD, PF_DEC),
	LANNER_P_DIRFD("name", PT_FSRELPATH, PF_NA, 1),
	LANNER_P_FLAGS("flags", PT_FLAGS32, PF_HEX, lanner_names_unlinkat_flags),
};

static const struct lanner_param_info lanner_mkdirat_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("dirfd", PT_FD, PF_DEC),
	LANNER_P_DIRFD("path", PT_FSRELPATH, PF_NA, 1),
	LANNER_P("mode", PT_UINT32, PF_HEX),
};

static const struct lanner_param_info lanner_openat_params[] = {
	LANNER_P("fd", PT_FD, PF_DEC),
	LANNER_P("dirfd", PT_FD, PF_DEC),
	LANNER_P_DIRFD("name", PT_FSRELPATH, PF_NA, 1),
	LANNER_P_FLAGS("flags", PT_FLAGS32, PF_HEX, lanner_names_file_flags),
	LANNER_P("mode", PT_UINT32, PF_OCT),
	LANNER_P("dev", PT_UINT32, PF_HEX),
	LANNER_P("ino", PT_UINT64, PF_DEC),
};

static const struct lanner_param_info lanner_linkat_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("olddir", PT_FD, PF_DEC),
	LANNER_P_DIRFD("oldpath", PT_FSRELPATH, PF_NA, 1),
	LANNER_P("newdir", PT_FD, PF_DEC),
	LANNER_P_DIRFD("newpath", PT_FSRELPATH, PF_NA, 3),
	LANNER_P_FLAGS("flags", PT_FLAGS32, PF_HEX, lanner_names_linkat_flags),
};

static const struct lanner_param_info lanner_fchmodat_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("dirfd", PT_FD, PF_DEC),
	LANNER_P_DIRFD("filename", PT_FSRELPATH, PF_NA, 1),
	LANNER_P_FLAGS("mode", PT_MODE, PF_OCT, lanner_names_chmod_mode),
};

static const struct lanner_param_info lanner_chmod_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("filename", PT_FSPATH, PF_NA),
	LANNER_P_FLAGS("mode", PT_MODE, PF_OCT, lanner_names_chmod_mode),
};

static const struct lanner_param_info lanner_fchmod_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("fd", PT_FD, PF_DEC),
	LANNER_P_FLAGS("mode", PT_MODE, PF_OCT, lanner_names_chmod_mode),
};

static const struct lanner_param_info lanner_renameat2_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("olddirfd", PT_FD, PF_DEC),
	LANNER_P_DIRFD("oldpath", PT_FSRELPATH, PF_NA, 1),
	LANNER_P("newdirfd", PT_FD, PF_DEC),
	LANNER_P_DIRFD("newpath", PT_FSRELPATH, PF_NA, 3),
	LANNER_P_FLAGS("flags", PT_FLAGS32, PF_HEX, lanner_names_renameat2_flags),
};

static const struct lanner_param_info lanner_userfaultfd_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P_FLAGS("flags", PT_FLAGS32, PF_HEX, lanner_names_file_flags),
};

static const struct lanner_param_info lanner_openat2_params[] = {
	LANNER_P("fd", PT_FD, PF_DEC),
	LANNER_P("dirfd", PT_FD, PF_DEC),
	LANNER_P_DIRFD("name", PT_FSRELPATH, PF_NA, 1),
	LANNER_P_FLAGS("flags", PT_FLAGS32, PF_HEX, lanner_names_file_flags),
	LANNER_P("mode", PT_UINT32, PF_OCT),
	LANNER_P_FLAGS("resolve", PT_FLAGS32, PF_HEX, lanner_names_openat2_flags),
	LANNER_P("dev", PT_UINT32, PF_HEX),
	LANNER_P("ino", PT_UINT64, PF_DEC),
};

static const struct lanner_param_info lanner_capset_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("cap_inheritable", PT_UINT64, PF_HEX),
	LANNER_P("cap_permitted", PT_UINT64, PF_HEX),
	LANNER_P("cap_effective", PT_UINT64, PF_HEX),
};

static const struct lanner_param_info lanner_dup2_params[] = {
	LANNER_P("res", PT_FD, PF_DEC),
	LANNER_P("oldfd", PT_FD, PF_DEC),
	LANNER_P("newfd", PT_FD, PF_DEC),
};

static const struct lanner_param_info lanner_dup3_params[] = {
	LANNER_P("res", PT_FD, PF_DEC),
	LANNER_P("oldfd", PT_FD, PF_DEC),
	LANNER_P("newfd", PT_FD, PF_DEC),
	LANNER_P_FLAGS("flags", PT_FLAGS32, PF_HEX, lanner_names_file_flags),
};

static const struct lanner_param_info lanner_dup_params[] = {
	LANNER_P("res", PT_FD, PF_DEC),
	LANNER_P("oldfd", PT_FD, PF_DEC),
};

static const struct lanner_param_info lanner_bpf_params[] = {
	LANNER_P("fd", PT_FD, PF_DEC),
	LANNER_P_FLAGS("cmd", PT_ENUMFLAGS32, PF_DEC, lanner_names_bpf_commands),
};

static const struct lanner_param_info lanner_umount_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("name", PT_FSPATH, PF_NA),
};

static const struct lanner_param_info lanner_accept4_params[] = {
	LANNER_P("fd", PT_FD, PF_DEC),
	LANNER_P("tuple", PT_SOCKTUPLE, PF_NA),
	LANNER_P("queuepct", PT_UINT8, PF_DEC),
	LANNER_P("queuelen", PT_UINT32, PF_DEC),
	LANNER_P("queuemax", PT_UINT32, PF_DEC),
	LANNER_P("flags", PT_INT32, PF_HEX),
};

static const struct lanner_param_info lanner_umount2_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("name", PT_FSPATH, PF_NA),
	LANNER_P_FLAGS("flags", PT_FLAGS32, PF_HEX, lanner_names_umount_flags),
};

static const struct lanner_param_info lanner_prctl_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P_FLAGS("option", PT_ENUMFLAGS32, PF_DEC, lanner_names_prctl_options),
	LANNER_P("arg2_str", PT_CHARBUF, PF_NA),
	LANNER_P("arg2_int", PT_INT64, PF_DEC),
};

static const struct lanner_param_info lanner_memfd_create_params[] = {
	LANNER_P("fd", PT_FD, PF_DEC),
	LANNER_P("name", PT_CHARBUF, PF_NA),
	LANNER_P_FLAGS("flags", PT_FLAGS32, PF_HEX, lanner_names_memfd_create_flags),
};

static const struct lanner_param_info lanner_init_module_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("img", PT_BYTEBUF, PF_NA),
	LANNER_P("length", PT_UINT64, PF_DEC),
	LANNER_P("uargs", PT_CHARBUF, PF_NA),
};

static const struct lanner_param_info lanner_finit_module_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("fd", PT_FD, PF_DEC),
	LANNER_P("uargs", PT_CHARBUF, PF_NA),
	LANNER_P_FLAGS("flags", PT_FLAGS32, PF_HEX, lanner_names_finit_module_flags),
};

static const struct lanner_param_info lanner_setreuid_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("ruid", PT_UID, PF_DEC),
	LANNER_P("euid", PT_UID, PF_DEC),
};

static const struct lanner_param_info lanner_setregid_params[] = {
	LANNER_P("res", PT_ERRNO, PF_DEC),
	LANNER_P("rgid", PT_UID, PF_DEC),
	LANNER_P("egid", PT_UID, PF_DEC),
};

#define LANNER_NPARAMS(a) ((__u32)(sizeof(a) / sizeof((a)[0])))
#define LANNER_EVT_N(code, n, c, f, p, np) \
	[code] = { .name = (n), .category = (c), .flags = (f), .params = (p), \
		   .nparams = (np) }
#define LANNER_EVT(code, n, c, f, p) \
	LANNER_EVT_N(code, n, c, f, p, LANNER_NPARAMS(p))

/* Indexed by enum ppm_event_code; holes have name == NULL. */
static const struct lanner_event_info lanner_event_table[PPM_EVENT_MAX] = {
	LANNER_EVT(PPME_GENERIC_X, "syscall", EC_OTHER | EC_SYSCALL,
		EF_NONE, lanner_syscall_params),
	LANNER_EVT(PPME_SYSCALL_OPEN_X, "open", EC_FILE | EC_SYSCALL,
		EF_CREATES_FD | EF_MODIFIES_STATE, lanner_open_params),
	LANNER_EVT(PPME_SYSCALL_CLOSE_X, "close", EC_IO_OTHER | EC_SYSCALL,
		EF_DESTROYS_FD | EF_USES_FD | EF_MODIFIES_STATE, lanner_close_params),
	LANNER_EVT(PPME_SOCKET_SOCKET_X, "socket", EC_NET | EC_SYSCALL,
		EF_CREATES_FD | EF_MODIFIES_STATE, lanner_socket_params),
	LANNER_EVT(PPME_SOCKET_BIND_X, "bind", EC_NET | EC_SYSCALL,
		EF_USES_FD | EF_MODIFIES_STATE, lanner_bind_params),
	LANNER_EVT(PPME_SOCKET_CONNECT_X, "connect", EC_NET | EC_SYSCALL,
		EF_USES_FD | EF_MODIFIES_STATE, lanner_connect_params),
	LANNER_EVT(PPME_SOCKET_LISTEN_X, "listen", EC_NET | EC_SYSCALL,
		EF_USES_FD, lanner_listen_params),
	LANNER_EVT(PPME_SOCKET_SENDTO_X, "sendto", EC_IO_WRITE | EC_SYSCALL,
		EF_USES_FD | EF_WRITES_TO_FD | EF_MODIFIES_STATE, lanner_sendto_params),
	LANNER_EVT(PPME_SOCKET_RECVFROM_X, "recvfrom", EC_IO_READ | EC_SYSCALL,
		EF_USES_FD | EF_READS_FROM_FD | EF_MODIFIES_STATE, lanner_recvfrom_params),
	LANNER_EVT(PPME_SOCKET_SENDMSG_X, "sendmsg", EC_IO_WRITE | EC_SYSCALL,
		EF_USES_FD | EF_WRITES_TO_FD | EF_MODIFIES_STATE, lanner_sendto_params),
	LANNER_EVT(PPME_SOCKET_RECVMSG_X, "recvmsg", EC_IO_READ | EC_SYSCALL,
		EF_USES_FD | EF_READS_FROM_FD | EF_MODIFIES_STATE, lanner_recvmsg_params),
	LANNER_EVT(PPME_SYSCALL_CREAT_X, "creat", EC_FILE | EC_SYSCALL,
		EF_CREATES_FD | EF_MODIFIES_STATE, lanner_creat_params),
	LANNER_EVT(PPME_SYSCALL_CHDIR_X, "chdir", EC_FILE | EC_SYSCALL,
		EF_MODIFIES_STATE, lanner_chdir_params),
	LANNER_EVT(PPME_SYSCALL_FCHDIR_X, "fchdir", EC_FILE | EC_SYSCALL,
		EF_USES_FD | EF_MODIFIES_STATE, lanner_fchdir_params),
	LANNER_EVT(PPME_SYSCALL_KILL_X, "kill", EC_SIGNAL | EC_SYSCALL,
		EF_NONE, lanner_kill_params),
	LANNER_EVT(PPME_SYSCALL_TKILL_X, "tkill", EC_SIGNAL | EC_SYSCALL,
		EF_NONE, lanner_tkill_params),
	LANNER_EVT(PPME_SYSCALL_TGKILL_X, "tgkill", EC_SIGNAL | EC_SYSCALL,
		EF_NONE, lanner_tgkill_params),
	LANNER_EVT(PPME_SYSCALL_FCNTL_X, "fcntl", EC_IO_OTHER | EC_SYSCALL,
		EF_USES_FD | EF_MODIFIES_STATE, lanner_fcntl_params),
	LANNER_EVT(PPME_SYSCALL_PTRACE_X, "ptrace", EC_PROCESS | EC_SYSCALL,
		EF_NONE, lanner_ptrace_params),
	LANNER_EVT(PPME_SYSCALL_RENAME_X, "rename", EC_FILE | EC_SYSCALL,
		EF_NONE, lanner_rename_params),
	LANNER_EVT(PPME_SYSCALL_RENAMEAT_X, "renameat", EC_FILE | EC_SYSCALL,
		EF_NONE, lanner_renameat_params),
	LANNER_EVT(PPME_SYSCALL_SYMLINK_X, "symlink", EC_FILE | EC_SYSCALL,
		EF_NONE, lanner_symlink_params),
	LANNER_EVT(PPME_SYSCALL_SYMLINKAT_X, "symlinkat", EC_FILE | EC_SYSCALL,
		EF_USES_FD, lanner_symlinkat_params),
	LANNER_EVT(PPME_PROCEXIT_1_E, "procexit", EC_PROCESS | EC_TRACEPOINT,
		EF_MODIFIES_STATE, lanner_procexit_params),
	LANNER_EVT(PPME_SYSCALL_SETRESUID_X, "setresuid", EC_USER | EC_SYSCALL,
		EF_MODIFIES_STATE, lanner_setresuid_params),
	LANNER_EVT(PPME_SYSCALL_SETRESGID_X, "setresgid", EC_USER | EC_SYSCALL,
		EF_MODIFIES_STATE, lanner_setresgid_params),
	LANNER_EVT(PPME_SYSCALL_SETUID_X, "setuid", EC_USER | EC_SYSCALL,
		EF_MODIFIES_STATE, lanner_setuid_params),
	LANNER_EVT(PPME_SYSCALL_SETGID_X, "setgid", EC_USER | EC_SYSCALL,
		EF_MODIFIES_STATE, lanner_setgid_params),
	LANNER_EVT(PPME_SYSCALL_CLONE_20_X, "clone", EC_PROCESS | EC_SYSCALL,
		EF_MODIFIES_STATE, lanner_clone_params),
	LANNER_EVT(PPME_SYSCALL_FORK_20_X, "fork", EC_PROCESS | EC_SYSCALL,
		EF_MODIFIES_STATE, lanner_clone_params),
	LANNER_EVT(PPME_SYSCALL_VFORK_20_X, "vfork", EC_PROCESS | EC_SYSCALL,
		EF_MODIFIES_STATE, lanner_clone_params),
	LANNER_EVT(PPME_SYSCALL_SETNS_X, "setns", EC_PROCESS | EC_SYSCALL,
		EF_USES_FD, lanner_setns_params),
	LANNER_EVT(PPME_SOCKET_ACCEPT_5_X, "accept", EC_NET | EC_SYSCALL,
		EF_CREATES_FD | EF_MODIFIES_STATE, lanner_accept_params),
	LANNER_EVT(PPME_SYSCALL_MOUNT_X, "mount", EC_FILE | EC_SYSCALL,
		EF_MODIFIES_STATE, lanner_mount_params),
	LANNER_EVT(PPME_SYSCALL_MKDIR_2_X, "mkdir", EC_FILE | EC_SYSCALL,
		EF_NONE, lanner_mkdir_params),
	LANNER_EVT(PPME_SYSCALL_RMDIR_2_X, "rmdir", EC_FILE | EC_SYSCALL,
		EF_NONE, lanner_rmdir_params),
	LANNER_EVT(PPME_SYSCALL_UNSHARE_X, "unshare", EC_PROCESS | EC_SYSCALL,
		EF_NONE, lanner_unshare_params),
	LANNER_EVT(PPME_SYSCALL_EXECVE_19_X, "execve", EC_PROCESS | EC_SYSCALL,
		EF_MODIFIES_STATE, lanner_execve_params),
	LANNER_EVT(PPME_SYSCALL_UNLINK_2_X, "unlink", EC_FILE | EC_SYSCALL,
		EF_NONE, lanner_rmdir_params),
	LANNER_EVT(PPME_SYSCALL_UNLINKAT_2_X, "unlinkat", EC_FILE | EC_SYSCALL,
		EF_USES_FD, lanner_unlinkat_params),
	LANNER_EVT(PPME_SYSCALL_MKDIRAT_X, "mkdirat", EC_FILE | EC_SYSCALL,
		EF_USES_FD, lanner_mkdirat_params),
	LANNER_EVT(PPME_SYSCALL_OPENAT_2_X, "openat", EC_FILE | EC_SYSCALL,
		EF_CREATES_FD | EF_MODIFIES_STATE, lanner_openat_params),
	LANNER_EVT(PPME_SYSCALL_LINK_2_X, "link", EC_FILE | EC_SYSCALL,
		EF_NONE, lanner_rename_params),
	LANNER_EVT(PPME_SYSCALL_LINKAT_2_X, "linkat", EC_FILE | EC_SYSCALL,
		EF_NONE, lanner_linkat_params),
	LANNER_EVT(PPME_SYSCALL_FCHMODAT_X, "fchmodat", EC_FILE | EC_SYSCALL,
		EF_USES_FD, lanner_fchmodat_params),
	LANNER_EVT(PPME_SYSCALL_CHMOD_X, "chmod", EC_FILE | EC_SYSCALL,
		EF_NONE, lanner_chmod_params),
	LANNER_EVT(PPME_SYSCALL_FCHMOD_X, "fchmod", EC_FILE | EC_SYSCALL,
		EF_USES_FD, lanner_fchmod_params),
	LANNER_EVT(PPME_SYSCALL_RENAMEAT2_X, "renameat2", EC_FILE | EC_SYSCALL,
		EF_NONE, lanner_renameat2_params),
	LANNER_EVT(PPME_SYSCALL_USERFAULTFD_X, "userfaultfd", EC_FILE | EC_SYSCALL,
		EF_CREATES_FD | EF_MODIFIES_STATE, lanner_userfaultfd_params),
	LANNER_EVT(PPME_SYSCALL_OPENAT2_X, "openat2", EC_FILE | EC_SYSCALL,
		EF_CREATES_FD | EF_MODIFIES_STATE, lanner_openat2_params),
	/* execveat: execve's list without the final "filename" */
	LANNER_EVT_N(PPME_SYSCALL_EXECVEAT_X, "execveat", EC_PROCESS | EC_SYSCALL,
		EF_MODIFIES_STATE, lanner_execve_params,
		LANNER_NPARAMS(lanner_execve_params) - 1),
	LANNER_EVT(PPME_SYSCALL_CLONE3_X, "clone3", EC_PROCESS | EC_SYSCALL,
		EF_MODIFIES_STATE, lanner_clone_params),
	LANNER_EVT(PPME_SYSCALL_CAPSET_X, "capset", EC_PROCESS | EC_SYSCALL,
		EF_MODIFIES_STATE, lanner_capset_params),
	LANNER_EVT(PPME_SYSCALL_DUP2_X, "dup2", EC_IO_OTHER | EC_SYSCALL,
		EF_CREATES_FD | EF_USES_FD | EF_MODIFIES_STATE, lanner_dup2_params),
	LANNER_EVT(PPME_SYSCALL_DUP3_X, "dup3", EC_IO_OTHER | EC_SYSCALL,
		EF_CREATES_FD | EF_USES_FD | EF_MODIFIES_STATE, lanner_dup3_params),
	LANNER_EVT(PPME_SYSCALL_DUP_1_X, "dup", EC_IO_OTHER | EC_SYSCALL,
		EF_CREATES_FD | EF_USES_FD | EF_MODIFIES_STATE, lanner_dup_params),
	LANNER_EVT(PPME_SYSCALL_BPF_2_X, "bpf", EC_OTHER | EC_SYSCALL,
		EF_CREATES_FD, lanner_bpf_params),
	LANNER_EVT(PPME_SYSCALL_UMOUNT_1_X, "umount", EC_FILE | EC_SYSCALL,
		EF_MODIFIES_STATE, lanner_umount_params),
	LANNER_EVT(PPME_SOCKET_ACCEPT4_6_X, "accept4", EC_NET | EC_SYSCALL,
		EF_CREATES_FD | EF_MODIFIES_STATE, lanner_accept4_params),
	LANNER_EVT(PPME_SYSCALL_UMOUNT2_X, "umount2", EC_FILE | EC_SYSCALL,
		EF_MODIFIES_STATE, lanner_umount2_params),
	LANNER_EVT(PPME_SYSCALL_PRCTL_X, "prctl", EC_PROCESS | EC_SYSCALL,
		EF_MODIFIES_STATE, lanner_prctl_params),
	LANNER_EVT(PPME_SYSCALL_MEMFD_CREATE_X, "memfd_create", EC_MEMORY | EC_SYSCALL,
		EF_CREATES_FD | EF_MODIFIES_STATE, lanner_memfd_create_params),
	LANNER_EVT(PPME_SYSCALL_INIT_MODULE_X, "init_module", EC_OTHER | EC_SYSCALL,
		EF_NONE, lanner_init_module_params),
	LANNER_EVT(PPME_SYSCALL_FINIT_MODULE_X, "finit_module", EC_OTHER | EC_SYSCALL,
		EF_USES_FD | EF_READS_FROM_FD, lanner_finit_module_params),
	LANNER_EVT(PPME_SYSCALL_SETREUID_X, "setreuid", EC_USER | EC_SYSCALL,
		EF_MODIFIES_STATE, lanner_setreuid_params),
	LANNER_EVT(PPME_SYSCALL_SETREGID_X, "setregid", EC_USER | EC_SYSCALL,
		EF_MODIFIES_STATE, lanner_setregid_params),
};

#undef LANNER_EVT
#undef LANNER_EVT_N
#undef LANNER_NPARAMS
#undef LANNER_P_DYN
#undef LANNER_P_DIRFD
#undef LANNER_P_FLAGS
#undef LANNER_P

#endif /* LANNER_ABI_EVENT_TABLE */
