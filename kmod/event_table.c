// SPDX-License-Identifier: GPL-2.0-only
/*
 * event_table.c - the one instantiation of lanner_abi.h's event table in
 * the module.
 *
 * Owns: lookups record.c uses to size a record's length array and to check
 * every parameter a filler pushes (count and, for fixed-size types, width)
 * against the table, and a load-time check that each event the hooks emit
 * is described. Must never: restate parameter lists (they live only in
 * lanner_abi.h).
 */
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include "lanner.h"

#define LANNER_ABI_EVENT_TABLE
#include "lanner_abi.h"

/* Every event code a lanner hook writes. */
static const u16 lanner_emitted[] = {
	PPME_SYSCALL_OPEN_X, PPME_SYSCALL_OPENAT_2_X, PPME_SYSCALL_OPENAT2_X,
	PPME_SYSCALL_CLONE_20_X, PPME_SYSCALL_FORK_20_X,
	PPME_SYSCALL_VFORK_20_X, PPME_SYSCALL_CLONE3_X,
	PPME_SYSCALL_EXECVE_19_X, PPME_SYSCALL_EXECVEAT_X, PPME_PROCEXIT_1_E,
	/* generic and file events */
	PPME_GENERIC_X, PPME_SYSCALL_CREAT_X, PPME_SYSCALL_CLOSE_X,
	PPME_SYSCALL_DUP_1_X, PPME_SYSCALL_DUP2_X, PPME_SYSCALL_DUP3_X,
	PPME_SYSCALL_FCNTL_X, PPME_SYSCALL_CHDIR_X, PPME_SYSCALL_FCHDIR_X,
	PPME_SYSCALL_LINK_2_X, PPME_SYSCALL_LINKAT_2_X,
	PPME_SYSCALL_UNLINK_2_X, PPME_SYSCALL_UNLINKAT_2_X,
	PPME_SYSCALL_RENAME_X, PPME_SYSCALL_RENAMEAT_X,
	PPME_SYSCALL_RENAMEAT2_X, PPME_SYSCALL_MKDIR_2_X,
	PPME_SYSCALL_MKDIRAT_X, PPME_SYSCALL_RMDIR_2_X, PPME_SYSCALL_SYMLINK_X,
	PPME_SYSCALL_SYMLINKAT_X, PPME_SYSCALL_CHMOD_X, PPME_SYSCALL_FCHMOD_X,
	PPME_SYSCALL_FCHMODAT_X, PPME_SYSCALL_MOUNT_X, PPME_SYSCALL_UMOUNT2_X,
	PPME_SYSCALL_MEMFD_CREATE_X, PPME_SYSCALL_USERFAULTFD_X,
	PPME_SYSCALL_INIT_MODULE_X, PPME_SYSCALL_FINIT_MODULE_X,
	PPME_SYSCALL_BPF_2_X,
	/* identity, signal, namespace and tracing events */
	PPME_SYSCALL_SETUID_X, PPME_SYSCALL_SETGID_X, PPME_SYSCALL_SETREUID_X,
	PPME_SYSCALL_SETREGID_X, PPME_SYSCALL_SETRESUID_X,
	PPME_SYSCALL_SETRESGID_X, PPME_SYSCALL_CAPSET_X, PPME_SYSCALL_SETNS_X,
	PPME_SYSCALL_UNSHARE_X, PPME_SYSCALL_KILL_X, PPME_SYSCALL_TKILL_X,
	PPME_SYSCALL_TGKILL_X, PPME_SYSCALL_PRCTL_X, PPME_SYSCALL_PTRACE_X,
	/* socket events */
	PPME_SOCKET_SOCKET_X, PPME_SOCKET_BIND_X, PPME_SOCKET_CONNECT_X,
	PPME_SOCKET_LISTEN_X, PPME_SOCKET_ACCEPT_5_X, PPME_SOCKET_ACCEPT4_6_X,
	PPME_SOCKET_SENDTO_X, PPME_SOCKET_SENDMSG_X, PPME_SOCKET_RECVFROM_X,
	PPME_SOCKET_RECVMSG_X,
};

/* NULL (and *nparams 0) for codes lanner does not emit. */
const struct lanner_param_info *lanner_event_params(u16 type, u32 *nparams)
{
	*nparams = 0;
	if (type >= ARRAY_SIZE(lanner_event_table) ||
	    !lanner_event_table[type].name)
		return NULL;
	*nparams = lanner_event_table[type].nparams;
	return lanner_event_table[type].params;
}

/* Width of a fixed-size parameter type; 0 for variable-length types. */
u32 lanner_param_size(u32 ptype)
{
	switch (ptype) {
	case PT_INT8: case PT_UINT8: case PT_SIGTYPE: case PT_FLAGS8:
	case PT_ENUMFLAGS8: case PT_L4PROTO: case PT_SOCKFAMILY:
		return 1;
	case PT_INT16: case PT_UINT16: case PT_FLAGS16: case PT_ENUMFLAGS16:
	case PT_PORT: case PT_SYSCALLID:
		return 2;
	case PT_INT32: case PT_UINT32: case PT_FLAGS32: case PT_ENUMFLAGS32:
	case PT_UID: case PT_GID: case PT_MODE: case PT_BOOL: case PT_SIGSET:
	case PT_FD32: case PT_PID32: case PT_IPV4ADDR:
		return 4;
	case PT_INT64: case PT_UINT64: case PT_ERRNO: case PT_FD: case PT_PID:
	case PT_RELTIME: case PT_ABSTIME: case PT_DOUBLE:
		return 8;
	default:
		return 0;
	}
}

int lanner_event_table_check(void)
{
	unsigned int i;
	u32 n;

	for (i = 0; i < ARRAY_SIZE(lanner_emitted); i++) {
		if (!lanner_event_params(lanner_emitted[i], &n) || n == 0 ||
		    n > LANNER_MAX_EVENT_PARAMS) {
			pr_err("lanner: event %u missing or malformed in the ABI table\n",
			       lanner_emitted[i]);
			return -EINVAL;
		}
	}
	return 0;
}
