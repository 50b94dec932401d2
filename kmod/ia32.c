// SPDX-License-Identifier: GPL-2.0-only
/*
 * ia32.c - which 32-bit (ia32) syscalls the consumer selected.
 *
 * Owns: the map from the ia32 numbers of the syscalls that have events
 * of their own to their native numbers (the numbers come from the target
 * kernel's generated unistd_32_ia32.h, so a kernel without a syscall has
 * no entry), and socketcall(2), which stands for every socket event. A
 * selected 32-bit syscall is counted as LANNER_DROP_COMPAT by the
 * sys_exit hook: lanner decodes only native layouts, and nothing may be
 * lost silently. Syscalls without an event of their own are not mapped:
 * their 32-bit calls are not counted. Must never: decode a 32-bit call.
 */
#include <linux/kernel.h>
#include <linux/unistd.h>
#include "lanner.h"

#if defined(CONFIG_X86_64) && defined(CONFIG_IA32_EMULATION)
#include <asm/unistd_32_ia32.h>

/* ia32 number -> native number + 1; 0: not mapped */
static const u16 lanner_ia32_native[] = {
#if defined(__NR_ia32_open) && defined(__NR_open)
	[__NR_ia32_open] = __NR_open + 1,
#endif
#if defined(__NR_ia32_openat) && defined(__NR_openat)
	[__NR_ia32_openat] = __NR_openat + 1,
#endif
#if defined(__NR_ia32_openat2) && defined(__NR_openat2)
	[__NR_ia32_openat2] = __NR_openat2 + 1,
#endif
#if defined(__NR_ia32_creat) && defined(__NR_creat)
	[__NR_ia32_creat] = __NR_creat + 1,
#endif
#if defined(__NR_ia32_close) && defined(__NR_close)
	[__NR_ia32_close] = __NR_close + 1,
#endif
#if defined(__NR_ia32_dup) && defined(__NR_dup)
	[__NR_ia32_dup] = __NR_dup + 1,
#endif
#if defined(__NR_ia32_dup2) && defined(__NR_dup2)
	[__NR_ia32_dup2] = __NR_dup2 + 1,
#endif
#if defined(__NR_ia32_dup3) && defined(__NR_dup3)
	[__NR_ia32_dup3] = __NR_dup3 + 1,
#endif
#if defined(__NR_ia32_fcntl) && defined(__NR_fcntl)
	[__NR_ia32_fcntl] = __NR_fcntl + 1,
#endif
#if defined(__NR_ia32_fcntl64) && defined(__NR_fcntl)
	[__NR_ia32_fcntl64] = __NR_fcntl + 1,
#endif
#if defined(__NR_ia32_chdir) && defined(__NR_chdir)
	[__NR_ia32_chdir] = __NR_chdir + 1,
#endif
#if defined(__NR_ia32_fchdir) && defined(__NR_fchdir)
	[__NR_ia32_fchdir] = __NR_fchdir + 1,
#endif
#if defined(__NR_ia32_link) && defined(__NR_link)
	[__NR_ia32_link] = __NR_link + 1,
#endif
#if defined(__NR_ia32_linkat) && defined(__NR_linkat)
	[__NR_ia32_linkat] = __NR_linkat + 1,
#endif
#if defined(__NR_ia32_unlink) && defined(__NR_unlink)
	[__NR_ia32_unlink] = __NR_unlink + 1,
#endif
#if defined(__NR_ia32_unlinkat) && defined(__NR_unlinkat)
	[__NR_ia32_unlinkat] = __NR_unlinkat + 1,
#endif
#if defined(__NR_ia32_rename) && defined(__NR_rename)
	[__NR_ia32_rename] = __NR_rename + 1,
#endif
#if defined(__NR_ia32_renameat) && defined(__NR_renameat)
	[__NR_ia32_renameat] = __NR_renameat + 1,
#endif
#if defined(__NR_ia32_renameat2) && defined(__NR_renameat2)
	[__NR_ia32_renameat2] = __NR_renameat2 + 1,
#endif
#if defined(__NR_ia32_mkdir) && defined(__NR_mkdir)
	[__NR_ia32_mkdir] = __NR_mkdir + 1,
#endif
#if defined(__NR_ia32_mkdirat) && defined(__NR_mkdirat)
	[__NR_ia32_mkdirat] = __NR_mkdirat + 1,
#endif
#if defined(__NR_ia32_rmdir) && defined(__NR_rmdir)
	[__NR_ia32_rmdir] = __NR_rmdir + 1,
#endif
#if defined(__NR_ia32_symlink) && defined(__NR_symlink)
	[__NR_ia32_symlink] = __NR_symlink + 1,
#endif
#if defined(__NR_ia32_symlinkat) && defined(__NR_symlinkat)
	[__NR_ia32_symlinkat] = __NR_symlinkat + 1,
#endif
#if defined(__NR_ia32_chmod) && defined(__NR_chmod)
	[__NR_ia32_chmod] = __NR_chmod + 1,
#endif
#if defined(__NR_ia32_fchmod) && defined(__NR_fchmod)
	[__NR_ia32_fchmod] = __NR_fchmod + 1,
#endif
#if defined(__NR_ia32_fchmodat) && defined(__NR_fchmodat)
	[__NR_ia32_fchmodat] = __NR_fchmodat + 1,
#endif
#if defined(__NR_ia32_mount) && defined(__NR_mount)
	[__NR_ia32_mount] = __NR_mount + 1,
#endif
#if defined(__NR_ia32_umount2) && defined(__NR_umount2)
	[__NR_ia32_umount2] = __NR_umount2 + 1,
#endif
#if defined(__NR_ia32_memfd_create) && defined(__NR_memfd_create)
	[__NR_ia32_memfd_create] = __NR_memfd_create + 1,
#endif
#if defined(__NR_ia32_userfaultfd) && defined(__NR_userfaultfd)
	[__NR_ia32_userfaultfd] = __NR_userfaultfd + 1,
#endif
#if defined(__NR_ia32_init_module) && defined(__NR_init_module)
	[__NR_ia32_init_module] = __NR_init_module + 1,
#endif
#if defined(__NR_ia32_finit_module) && defined(__NR_finit_module)
	[__NR_ia32_finit_module] = __NR_finit_module + 1,
#endif
#if defined(__NR_ia32_bpf) && defined(__NR_bpf)
	[__NR_ia32_bpf] = __NR_bpf + 1,
#endif
#if defined(__NR_ia32_socket) && defined(__NR_socket)
	[__NR_ia32_socket] = __NR_socket + 1,
#endif
#if defined(__NR_ia32_bind) && defined(__NR_bind)
	[__NR_ia32_bind] = __NR_bind + 1,
#endif
#if defined(__NR_ia32_connect) && defined(__NR_connect)
	[__NR_ia32_connect] = __NR_connect + 1,
#endif
#if defined(__NR_ia32_listen) && defined(__NR_listen)
	[__NR_ia32_listen] = __NR_listen + 1,
#endif
#if defined(__NR_ia32_accept4) && defined(__NR_accept4)
	[__NR_ia32_accept4] = __NR_accept4 + 1,
#endif
#if defined(__NR_ia32_sendto) && defined(__NR_sendto)
	[__NR_ia32_sendto] = __NR_sendto + 1,
#endif
#if defined(__NR_ia32_sendmsg) && defined(__NR_sendmsg)
	[__NR_ia32_sendmsg] = __NR_sendmsg + 1,
#endif
#if defined(__NR_ia32_recvfrom) && defined(__NR_recvfrom)
	[__NR_ia32_recvfrom] = __NR_recvfrom + 1,
#endif
#if defined(__NR_ia32_recvmsg) && defined(__NR_recvmsg)
	[__NR_ia32_recvmsg] = __NR_recvmsg + 1,
#endif
#if defined(__NR_ia32_setuid) && defined(__NR_setuid)
	[__NR_ia32_setuid] = __NR_setuid + 1,
#endif
#if defined(__NR_ia32_setuid32) && defined(__NR_setuid)
	[__NR_ia32_setuid32] = __NR_setuid + 1,
#endif
#if defined(__NR_ia32_setgid) && defined(__NR_setgid)
	[__NR_ia32_setgid] = __NR_setgid + 1,
#endif
#if defined(__NR_ia32_setgid32) && defined(__NR_setgid)
	[__NR_ia32_setgid32] = __NR_setgid + 1,
#endif
#if defined(__NR_ia32_setresuid) && defined(__NR_setresuid)
	[__NR_ia32_setresuid] = __NR_setresuid + 1,
#endif
#if defined(__NR_ia32_setresuid32) && defined(__NR_setresuid)
	[__NR_ia32_setresuid32] = __NR_setresuid + 1,
#endif
#if defined(__NR_ia32_setresgid) && defined(__NR_setresgid)
	[__NR_ia32_setresgid] = __NR_setresgid + 1,
#endif
#if defined(__NR_ia32_setresgid32) && defined(__NR_setresgid)
	[__NR_ia32_setresgid32] = __NR_setresgid + 1,
#endif
#if defined(__NR_ia32_setreuid) && defined(__NR_setreuid)
	[__NR_ia32_setreuid] = __NR_setreuid + 1,
#endif
#if defined(__NR_ia32_setreuid32) && defined(__NR_setreuid)
	[__NR_ia32_setreuid32] = __NR_setreuid + 1,
#endif
#if defined(__NR_ia32_setregid) && defined(__NR_setregid)
	[__NR_ia32_setregid] = __NR_setregid + 1,
#endif
#if defined(__NR_ia32_setregid32) && defined(__NR_setregid)
	[__NR_ia32_setregid32] = __NR_setregid + 1,
#endif
#if defined(__NR_ia32_capset) && defined(__NR_capset)
	[__NR_ia32_capset] = __NR_capset + 1,
#endif
#if defined(__NR_ia32_ptrace) && defined(__NR_ptrace)
	[__NR_ia32_ptrace] = __NR_ptrace + 1,
#endif
#if defined(__NR_ia32_setns) && defined(__NR_setns)
	[__NR_ia32_setns] = __NR_setns + 1,
#endif
#if defined(__NR_ia32_unshare) && defined(__NR_unshare)
	[__NR_ia32_unshare] = __NR_unshare + 1,
#endif
#if defined(__NR_ia32_prctl) && defined(__NR_prctl)
	[__NR_ia32_prctl] = __NR_prctl + 1,
#endif
#if defined(__NR_ia32_kill) && defined(__NR_kill)
	[__NR_ia32_kill] = __NR_kill + 1,
#endif
#if defined(__NR_ia32_tkill) && defined(__NR_tkill)
	[__NR_ia32_tkill] = __NR_tkill + 1,
#endif
#if defined(__NR_ia32_tgkill) && defined(__NR_tgkill)
	[__NR_ia32_tgkill] = __NR_tgkill + 1,
#endif
#if defined(__NR_ia32_clone) && defined(__NR_clone)
	[__NR_ia32_clone] = __NR_clone + 1,
#endif
#if defined(__NR_ia32_fork) && defined(__NR_fork)
	[__NR_ia32_fork] = __NR_fork + 1,
#endif
#if defined(__NR_ia32_vfork) && defined(__NR_vfork)
	[__NR_ia32_vfork] = __NR_vfork + 1,
#endif
#if defined(__NR_ia32_clone3) && defined(__NR_clone3)
	[__NR_ia32_clone3] = __NR_clone3 + 1,
#endif
#if defined(__NR_ia32_execve) && defined(__NR_execve)
	[__NR_ia32_execve] = __NR_execve + 1,
#endif
#if defined(__NR_ia32_execveat) && defined(__NR_execveat)
	[__NR_ia32_execveat] = __NR_execveat + 1,
#endif
};

static const u16 lanner_socketcall_natives[] = {
	__NR_socket, __NR_bind, __NR_connect, __NR_listen, __NR_accept,
	__NR_accept4, __NR_sendto, __NR_sendmsg, __NR_recvfrom, __NR_recvmsg,
};

bool lanner_compat_selected(const struct lanner_filter *f, long nr)
{
	unsigned int i;

	if (nr == __NR_ia32_socketcall) {
		for (i = 0; i < ARRAY_SIZE(lanner_socketcall_natives); i++)
			if (lanner_filter_has(f, lanner_socketcall_natives[i]))
				return true;
		return false;
	}
	if (nr < 0 || nr >= ARRAY_SIZE(lanner_ia32_native) ||
	    !lanner_ia32_native[nr])
		return false;
	return lanner_filter_has(f, lanner_ia32_native[nr] - 1);
}
#else
bool lanner_compat_selected(const struct lanner_filter *f, long nr)
{
	return false;
}
#endif /* CONFIG_X86_64 && CONFIG_IA32_EMULATION */
