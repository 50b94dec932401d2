// SPDX-License-Identifier: GPL-2.0-only
/*
 * hooks/sys_exit.c - the raw_syscalls:sys_exit probe.
 *
 * Owns: the native syscall -> event table, the filter decision for
 * syscalls (mask bit, DROP_FAILED), suppression of successful execs (they
 * come from sched_process_exec), counting selected 32-bit syscalls as
 * LANNER_DROP_COMPAT, and writing one exit record per selected syscall
 * (GENERIC_X for a syscall that has no event of its own).
 * Must never: sleep, fault, allocate, or decode a compat syscall with
 * native argument layouts.
 */
#include <linux/unistd.h>
#include <asm/syscall.h>
#include "hooks.h"
#include "fillers/fillers.h"
#include "compat/syscall.h"

typedef void (*lanner_sys_filler)(struct lanner_rec *r,
				  const struct lanner_sys *s);

struct lanner_sys_event {
	u16 type;
	lanner_sys_filler fill;
};

static const struct lanner_sys_event lanner_sys_events[LANNER_NR_SYSCALLS] = {
#ifdef __NR_open
	[__NR_open] = { PPME_SYSCALL_OPEN_X, lanner_fill_open },
#endif
	[__NR_openat] = { PPME_SYSCALL_OPENAT_2_X, lanner_fill_open },
#ifdef __NR_openat2
	[__NR_openat2] = { PPME_SYSCALL_OPENAT2_X, lanner_fill_open },
#endif
	/* file and file-system events */
#ifdef __NR_creat
	[__NR_creat] = { PPME_SYSCALL_CREAT_X, lanner_fill_creat },
#endif
	[__NR_close] = { PPME_SYSCALL_CLOSE_X, lanner_fill_fd_ops },
	[__NR_dup] = { PPME_SYSCALL_DUP_1_X, lanner_fill_fd_ops },
#ifdef __NR_dup2
	[__NR_dup2] = { PPME_SYSCALL_DUP2_X, lanner_fill_fd_ops },
#endif
	[__NR_dup3] = { PPME_SYSCALL_DUP3_X, lanner_fill_fd_ops },
	[__NR_fcntl] = { PPME_SYSCALL_FCNTL_X, lanner_fill_fd_ops },
	[__NR_chdir] = { PPME_SYSCALL_CHDIR_X, lanner_fill_fd_ops },
	[__NR_fchdir] = { PPME_SYSCALL_FCHDIR_X, lanner_fill_fd_ops },
#ifdef __NR_link
	[__NR_link] = { PPME_SYSCALL_LINK_2_X, lanner_fill_fs_path },
#endif
#ifdef __NR_unlink
	[__NR_unlink] = { PPME_SYSCALL_UNLINK_2_X, lanner_fill_fs_path },
#endif
#ifdef __NR_rename
	[__NR_rename] = { PPME_SYSCALL_RENAME_X, lanner_fill_fs_path },
#endif
#ifdef __NR_mkdir
	[__NR_mkdir] = { PPME_SYSCALL_MKDIR_2_X, lanner_fill_fs_path },
#endif
#ifdef __NR_rmdir
	[__NR_rmdir] = { PPME_SYSCALL_RMDIR_2_X, lanner_fill_fs_path },
#endif
#ifdef __NR_symlink
	[__NR_symlink] = { PPME_SYSCALL_SYMLINK_X, lanner_fill_fs_path },
#endif
#ifdef __NR_chmod
	[__NR_chmod] = { PPME_SYSCALL_CHMOD_X, lanner_fill_fs_path },
#endif
	[__NR_fchmod] = { PPME_SYSCALL_FCHMOD_X, lanner_fill_fs_path },
	[__NR_linkat] = { PPME_SYSCALL_LINKAT_2_X, lanner_fill_fs_at },
	[__NR_unlinkat] = { PPME_SYSCALL_UNLINKAT_2_X, lanner_fill_fs_at },
#ifdef __NR_renameat
	[__NR_renameat] = { PPME_SYSCALL_RENAMEAT_X, lanner_fill_fs_at },
#endif
#ifdef __NR_renameat2
	[__NR_renameat2] = { PPME_SYSCALL_RENAMEAT2_X, lanner_fill_fs_at },
#endif
	[__NR_mkdirat] = { PPME_SYSCALL_MKDIRAT_X, lanner_fill_fs_at },
	[__NR_symlinkat] = { PPME_SYSCALL_SYMLINKAT_X, lanner_fill_fs_at },
	[__NR_fchmodat] = { PPME_SYSCALL_FCHMODAT_X, lanner_fill_fs_at },
	[__NR_mount] = { PPME_SYSCALL_MOUNT_X, lanner_fill_file_misc },
	[__NR_umount2] = { PPME_SYSCALL_UMOUNT2_X, lanner_fill_file_misc },
#ifdef __NR_memfd_create
	[__NR_memfd_create] = { PPME_SYSCALL_MEMFD_CREATE_X,
				lanner_fill_file_misc },
#endif
#ifdef __NR_userfaultfd
	[__NR_userfaultfd] = { PPME_SYSCALL_USERFAULTFD_X,
			       lanner_fill_file_misc },
#endif
	[__NR_init_module] = { PPME_SYSCALL_INIT_MODULE_X,
			       lanner_fill_file_misc },
	[__NR_finit_module] = { PPME_SYSCALL_FINIT_MODULE_X,
				lanner_fill_file_misc },
#ifdef __NR_bpf
	[__NR_bpf] = { PPME_SYSCALL_BPF_2_X, lanner_fill_file_misc },
#endif
	[__NR_setuid] = { PPME_SYSCALL_SETUID_X, lanner_fill_cred },
	[__NR_setgid] = { PPME_SYSCALL_SETGID_X, lanner_fill_cred },
	[__NR_setreuid] = { PPME_SYSCALL_SETREUID_X, lanner_fill_cred },
	[__NR_setregid] = { PPME_SYSCALL_SETREGID_X, lanner_fill_cred },
	[__NR_setresuid] = { PPME_SYSCALL_SETRESUID_X, lanner_fill_cred },
	[__NR_setresgid] = { PPME_SYSCALL_SETRESGID_X, lanner_fill_cred },
	[__NR_capset] = { PPME_SYSCALL_CAPSET_X, lanner_fill_cred },
#ifdef __NR_setns
	[__NR_setns] = { PPME_SYSCALL_SETNS_X, lanner_fill_cred },
#endif
	[__NR_unshare] = { PPME_SYSCALL_UNSHARE_X, lanner_fill_cred },
	[__NR_kill] = { PPME_SYSCALL_KILL_X, lanner_fill_cred },
	[__NR_tkill] = { PPME_SYSCALL_TKILL_X, lanner_fill_cred },
	[__NR_tgkill] = { PPME_SYSCALL_TGKILL_X, lanner_fill_cred },
	[__NR_prctl] = { PPME_SYSCALL_PRCTL_X, lanner_fill_cred },
	[__NR_ptrace] = { PPME_SYSCALL_PTRACE_X, lanner_fill_ptrace },
	[__NR_socket] = { PPME_SOCKET_SOCKET_X, lanner_fill_net },
	[__NR_bind] = { PPME_SOCKET_BIND_X, lanner_fill_net },
	[__NR_connect] = { PPME_SOCKET_CONNECT_X, lanner_fill_net },
	[__NR_listen] = { PPME_SOCKET_LISTEN_X, lanner_fill_net },
	[__NR_accept] = { PPME_SOCKET_ACCEPT_5_X, lanner_fill_net },
	[__NR_accept4] = { PPME_SOCKET_ACCEPT4_6_X, lanner_fill_net },
	[__NR_sendto] = { PPME_SOCKET_SENDTO_X, lanner_fill_net },
	[__NR_sendmsg] = { PPME_SOCKET_SENDMSG_X, lanner_fill_net },
	[__NR_recvfrom] = { PPME_SOCKET_RECVFROM_X, lanner_fill_net },
	[__NR_recvmsg] = { PPME_SOCKET_RECVMSG_X, lanner_fill_net },
	[__NR_clone] = { PPME_SYSCALL_CLONE_20_X, lanner_fill_clone },
#ifdef __NR_fork
	[__NR_fork] = { PPME_SYSCALL_FORK_20_X, lanner_fill_clone },
#endif
#ifdef __NR_vfork
	[__NR_vfork] = { PPME_SYSCALL_VFORK_20_X, lanner_fill_clone },
#endif
#ifdef __NR_clone3
	[__NR_clone3] = { PPME_SYSCALL_CLONE3_X, lanner_fill_clone },
#endif
	[__NR_execve] = { PPME_SYSCALL_EXECVE_19_X, lanner_fill_exec_failed },
#ifdef __NR_execveat
	[__NR_execveat] = { PPME_SYSCALL_EXECVEAT_X, lanner_fill_exec_failed },
#endif
};

static const struct lanner_sys_event lanner_sys_generic = {
	PPME_GENERIC_X, lanner_fill_generic
};

static bool lanner_is_exec(u16 type)
{
	return type == PPME_SYSCALL_EXECVE_19_X ||
	       type == PPME_SYSCALL_EXECVEAT_X;
}

void lanner_sys_exit_probe(void *data, struct pt_regs *regs, long ret)
{
	const struct lanner_sys_event *ev;
	struct lanner_sys sys;
	struct lanner_hook h;
	struct lanner_rec r;
	long nr;

	if (!lanner_hook_begin(&h))
		return;
	nr = syscall_get_nr(current, regs);
	if (unlikely(lanner_in_compat_syscall())) {
		if (lanner_compat_selected(h.filter, nr))
			lanner_ring_drop(h.ring, LANNER_DROP_COMPAT);
		goto out;
	}
	if (!lanner_filter_has(h.filter, nr))
		goto out;
	ev = &lanner_sys_events[nr];
	if (!ev->fill)
		ev = &lanner_sys_generic;	/* no event of its own */
	if (ret < 0 && (READ_ONCE(h.filter->flags) & LANNER_FILTER_DROP_FAILED))
		goto out;
	if (ret == 0 && lanner_is_exec(ev->type))
		goto out;	/* recorded by the sched_process_exec probe */
	if (!lanner_ring_enter(h.ring))
		goto out;

	sys.nr = nr;
	sys.ret = ret;
	sys.type = ev->type;
	lanner_syscall_args(regs, sys.args);
	if (lanner_rec_begin(&r, h.ring, ev->type, current->pid)) {
		ev->fill(&r, &sys);
		lanner_rec_finish(&r);
	}
	lanner_ring_exit(h.ring);
out:
	lanner_hook_end(&h);
}
