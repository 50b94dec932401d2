/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * lanner_ia32.h - the 32-bit (ia32) syscalls of x86_64 that stand for a
 * native syscall with an event of its own.
 *
 * Owns: two "x-include" lists (no include guard: an includer defines the
 * macro, includes this file, and undefines it):
 *
 *   LANNER_IA32_SYSCALL(ia32_nr, native_nr)
 *	ia32 number -> the native number of the same syscall, for every
 *	syscall lanner_sys_events.h gives an event (the *32 and fcntl64
 *	variants of the id and fcntl calls included). A selected 32-bit
 *	syscall is counted as LANNER_DROP_COMPAT, never decoded: lanner
 *	decodes only native layouts, and nothing may be lost silently.
 *	Syscalls without an event of their own are not listed: their 32-bit
 *	calls are not counted.
 *   LANNER_IA32_SOCKETCALL(native_nr)
 *	the native socket syscalls socketcall(2) (__NR_ia32_socketcall) may
 *	stand for: it counts when any of them is selected.
 *
 * Included by: kmod/ia32.c (x86_64 with IA32_EMULATION) and the eBPF
 * fallback. The includer provides the native __NR_* numbers and the ia32
 * ones as __NR_ia32_* (the kernel's generated <asm/unistd_32_ia32.h>; for
 * BPF the header bpf-fallback/gen-uapi.sh generates); an entry is kept
 * only when the kernel has both numbers.
 *
 * Must never: include a header, or decide how a 32-bit call is decoded.
 */

#ifdef LANNER_IA32_SYSCALL
#if defined(__NR_ia32_open) && defined(__NR_open)
LANNER_IA32_SYSCALL(__NR_ia32_open, __NR_open)
#endif
#if defined(__NR_ia32_openat) && defined(__NR_openat)
LANNER_IA32_SYSCALL(__NR_ia32_openat, __NR_openat)
#endif
#if defined(__NR_ia32_openat2) && defined(__NR_openat2)
LANNER_IA32_SYSCALL(__NR_ia32_openat2, __NR_openat2)
#endif
#if defined(__NR_ia32_creat) && defined(__NR_creat)
LANNER_IA32_SYSCALL(__NR_ia32_creat, __NR_creat)
#endif
#if defined(__NR_ia32_close) && defined(__NR_close)
LANNER_IA32_SYSCALL(__NR_ia32_close, __NR_close)
#endif
#if defined(__NR_ia32_dup) && defined(__NR_dup)
LANNER_IA32_SYSCALL(__NR_ia32_dup, __NR_dup)
#endif
#if defined(__NR_ia32_dup2) && defined(__NR_dup2)
LANNER_IA32_SYSCALL(__NR_ia32_dup2, __NR_dup2)
#endif
#if defined(__NR_ia32_dup3) && defined(__NR_dup3)
LANNER_IA32_SYSCALL(__NR_ia32_dup3, __NR_dup3)
#endif
#if defined(__NR_ia32_fcntl) && defined(__NR_fcntl)
LANNER_IA32_SYSCALL(__NR_ia32_fcntl, __NR_fcntl)
#endif
#if defined(__NR_ia32_fcntl64) && defined(__NR_fcntl)
LANNER_IA32_SYSCALL(__NR_ia32_fcntl64, __NR_fcntl)
#endif
#if defined(__NR_ia32_chdir) && defined(__NR_chdir)
LANNER_IA32_SYSCALL(__NR_ia32_chdir, __NR_chdir)
#endif
#if defined(__NR_ia32_fchdir) && defined(__NR_fchdir)
LANNER_IA32_SYSCALL(__NR_ia32_fchdir, __NR_fchdir)
#endif
#if defined(__NR_ia32_link) && defined(__NR_link)
LANNER_IA32_SYSCALL(__NR_ia32_link, __NR_link)
#endif
#if defined(__NR_ia32_linkat) && defined(__NR_linkat)
LANNER_IA32_SYSCALL(__NR_ia32_linkat, __NR_linkat)
#endif
#if defined(__NR_ia32_unlink) && defined(__NR_unlink)
LANNER_IA32_SYSCALL(__NR_ia32_unlink, __NR_unlink)
#endif
#if defined(__NR_ia32_unlinkat) && defined(__NR_unlinkat)
LANNER_IA32_SYSCALL(__NR_ia32_unlinkat, __NR_unlinkat)
#endif
#if defined(__NR_ia32_rename) && defined(__NR_rename)
LANNER_IA32_SYSCALL(__NR_ia32_rename, __NR_rename)
#endif
#if defined(__NR_ia32_renameat) && defined(__NR_renameat)
LANNER_IA32_SYSCALL(__NR_ia32_renameat, __NR_renameat)
#endif
#if defined(__NR_ia32_renameat2) && defined(__NR_renameat2)
LANNER_IA32_SYSCALL(__NR_ia32_renameat2, __NR_renameat2)
#endif
#if defined(__NR_ia32_mkdir) && defined(__NR_mkdir)
LANNER_IA32_SYSCALL(__NR_ia32_mkdir, __NR_mkdir)
#endif
#if defined(__NR_ia32_mkdirat) && defined(__NR_mkdirat)
LANNER_IA32_SYSCALL(__NR_ia32_mkdirat, __NR_mkdirat)
#endif
#if defined(__NR_ia32_rmdir) && defined(__NR_rmdir)
LANNER_IA32_SYSCALL(__NR_ia32_rmdir, __NR_rmdir)
#endif
#if defined(__NR_ia32_symlink) && defined(__NR_symlink)
LANNER_IA32_SYSCALL(__NR_ia32_symlink, __NR_symlink)
#endif
#if defined(__NR_ia32_symlinkat) && defined(__NR_symlinkat)
LANNER_IA32_SYSCALL(__NR_ia32_symlinkat, __NR_symlinkat)
#endif
#if defined(__NR_ia32_chmod) && defined(__NR_chmod)
LANNER_IA32_SYSCALL(__NR_ia32_chmod, __NR_chmod)
#endif
#if defined(__NR_ia32_fchmod) && defined(__NR_fchmod)
LANNER_IA32_SYSCALL(__NR_ia32_fchmod, __NR_fchmod)
#endif
#if defined(__NR_ia32_fchmodat) && defined(__NR_fchmodat)
LANNER_IA32_SYSCALL(__NR_ia32_fchmodat, __NR_fchmodat)
#endif
#if defined(__NR_ia32_mount) && defined(__NR_mount)
LANNER_IA32_SYSCALL(__NR_ia32_mount, __NR_mount)
#endif
#if defined(__NR_ia32_umount2) && defined(__NR_umount2)
LANNER_IA32_SYSCALL(__NR_ia32_umount2, __NR_umount2)
#endif
#if defined(__NR_ia32_memfd_create) && defined(__NR_memfd_create)
LANNER_IA32_SYSCALL(__NR_ia32_memfd_create, __NR_memfd_create)
#endif
#if defined(__NR_ia32_userfaultfd) && defined(__NR_userfaultfd)
LANNER_IA32_SYSCALL(__NR_ia32_userfaultfd, __NR_userfaultfd)
#endif
#if defined(__NR_ia32_init_module) && defined(__NR_init_module)
LANNER_IA32_SYSCALL(__NR_ia32_init_module, __NR_init_module)
#endif
#if defined(__NR_ia32_finit_module) && defined(__NR_finit_module)
LANNER_IA32_SYSCALL(__NR_ia32_finit_module, __NR_finit_module)
#endif
#if defined(__NR_ia32_bpf) && defined(__NR_bpf)
LANNER_IA32_SYSCALL(__NR_ia32_bpf, __NR_bpf)
#endif
#if defined(__NR_ia32_socket) && defined(__NR_socket)
LANNER_IA32_SYSCALL(__NR_ia32_socket, __NR_socket)
#endif
#if defined(__NR_ia32_bind) && defined(__NR_bind)
LANNER_IA32_SYSCALL(__NR_ia32_bind, __NR_bind)
#endif
#if defined(__NR_ia32_connect) && defined(__NR_connect)
LANNER_IA32_SYSCALL(__NR_ia32_connect, __NR_connect)
#endif
#if defined(__NR_ia32_listen) && defined(__NR_listen)
LANNER_IA32_SYSCALL(__NR_ia32_listen, __NR_listen)
#endif
#if defined(__NR_ia32_accept4) && defined(__NR_accept4)
LANNER_IA32_SYSCALL(__NR_ia32_accept4, __NR_accept4)
#endif
#if defined(__NR_ia32_sendto) && defined(__NR_sendto)
LANNER_IA32_SYSCALL(__NR_ia32_sendto, __NR_sendto)
#endif
#if defined(__NR_ia32_sendmsg) && defined(__NR_sendmsg)
LANNER_IA32_SYSCALL(__NR_ia32_sendmsg, __NR_sendmsg)
#endif
#if defined(__NR_ia32_recvfrom) && defined(__NR_recvfrom)
LANNER_IA32_SYSCALL(__NR_ia32_recvfrom, __NR_recvfrom)
#endif
#if defined(__NR_ia32_recvmsg) && defined(__NR_recvmsg)
LANNER_IA32_SYSCALL(__NR_ia32_recvmsg, __NR_recvmsg)
#endif
#if defined(__NR_ia32_setuid) && defined(__NR_setuid)
LANNER_IA32_SYSCALL(__NR_ia32_setuid, __NR_setuid)
#endif
#if defined(__NR_ia32_setuid32) && defined(__NR_setuid)
LANNER_IA32_SYSCALL(__NR_ia32_setuid32, __NR_setuid)
#endif
#if defined(__NR_ia32_setgid) && defined(__NR_setgid)
LANNER_IA32_SYSCALL(__NR_ia32_setgid, __NR_setgid)
#endif
#if defined(__NR_ia32_setgid32) && defined(__NR_setgid)
LANNER_IA32_SYSCALL(__NR_ia32_setgid32, __NR_setgid)
#endif
#if defined(__NR_ia32_setresuid) && defined(__NR_setresuid)
LANNER_IA32_SYSCALL(__NR_ia32_setresuid, __NR_setresuid)
#endif
#if defined(__NR_ia32_setresuid32) && defined(__NR_setresuid)
LANNER_IA32_SYSCALL(__NR_ia32_setresuid32, __NR_setresuid)
#endif
#if defined(__NR_ia32_setresgid) && defined(__NR_setresgid)
LANNER_IA32_SYSCALL(__NR_ia32_setresgid, __NR_setresgid)
#endif
#if defined(__NR_ia32_setresgid32) && defined(__NR_setresgid)
LANNER_IA32_SYSCALL(__NR_ia32_setresgid32, __NR_setresgid)
#endif
#if defined(__NR_ia32_setreuid) && defined(__NR_setreuid)
LANNER_IA32_SYSCALL(__NR_ia32_setreuid, __NR_setreuid)
#endif
#if defined(__NR_ia32_setreuid32) && defined(__NR_setreuid)
LANNER_IA32_SYSCALL(__NR_ia32_setreuid32, __NR_setreuid)
#endif
#if defined(__NR_ia32_setregid) && defined(__NR_setregid)
LANNER_IA32_SYSCALL(__NR_ia32_setregid, __NR_setregid)
#endif
#if defined(__NR_ia32_setregid32) && defined(__NR_setregid)
LANNER_IA32_SYSCALL(__NR_ia32_setregid32, __NR_setregid)
#endif
#if defined(__NR_ia32_capset) && defined(__NR_capset)
LANNER_IA32_SYSCALL(__NR_ia32_capset, __NR_capset)
#endif
#if defined(__NR_ia32_ptrace) && defined(__NR_ptrace)
LANNER_IA32_SYSCALL(__NR_ia32_ptrace, __NR_ptrace)
#endif
#if defined(__NR_ia32_setns) && defined(__NR_setns)
LANNER_IA32_SYSCALL(__NR_ia32_setns, __NR_setns)
#endif
#if defined(__NR_ia32_unshare) && defined(__NR_unshare)
LANNER_IA32_SYSCALL(__NR_ia32_unshare, __NR_unshare)
#endif
#if defined(__NR_ia32_prctl) && defined(__NR_prctl)
LANNER_IA32_SYSCALL(__NR_ia32_prctl, __NR_prctl)
#endif
#if defined(__NR_ia32_kill) && defined(__NR_kill)
LANNER_IA32_SYSCALL(__NR_ia32_kill, __NR_kill)
#endif
#if defined(__NR_ia32_tkill) && defined(__NR_tkill)
LANNER_IA32_SYSCALL(__NR_ia32_tkill, __NR_tkill)
#endif
#if defined(__NR_ia32_tgkill) && defined(__NR_tgkill)
LANNER_IA32_SYSCALL(__NR_ia32_tgkill, __NR_tgkill)
#endif
#if defined(__NR_ia32_clone) && defined(__NR_clone)
LANNER_IA32_SYSCALL(__NR_ia32_clone, __NR_clone)
#endif
#if defined(__NR_ia32_fork) && defined(__NR_fork)
LANNER_IA32_SYSCALL(__NR_ia32_fork, __NR_fork)
#endif
#if defined(__NR_ia32_vfork) && defined(__NR_vfork)
LANNER_IA32_SYSCALL(__NR_ia32_vfork, __NR_vfork)
#endif
#if defined(__NR_ia32_clone3) && defined(__NR_clone3)
LANNER_IA32_SYSCALL(__NR_ia32_clone3, __NR_clone3)
#endif
#if defined(__NR_ia32_execve) && defined(__NR_execve)
LANNER_IA32_SYSCALL(__NR_ia32_execve, __NR_execve)
#endif
#if defined(__NR_ia32_execveat) && defined(__NR_execveat)
LANNER_IA32_SYSCALL(__NR_ia32_execveat, __NR_execveat)
#endif
#endif /* LANNER_IA32_SYSCALL */

#ifdef LANNER_IA32_SOCKETCALL
LANNER_IA32_SOCKETCALL(__NR_socket)
LANNER_IA32_SOCKETCALL(__NR_bind)
LANNER_IA32_SOCKETCALL(__NR_connect)
LANNER_IA32_SOCKETCALL(__NR_listen)
LANNER_IA32_SOCKETCALL(__NR_accept)
LANNER_IA32_SOCKETCALL(__NR_accept4)
LANNER_IA32_SOCKETCALL(__NR_sendto)
LANNER_IA32_SOCKETCALL(__NR_sendmsg)
LANNER_IA32_SOCKETCALL(__NR_recvfrom)
LANNER_IA32_SOCKETCALL(__NR_recvmsg)
#endif /* LANNER_IA32_SOCKETCALL */
