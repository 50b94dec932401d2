/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * lanner_sys_events.h - which native syscalls have an event of their
 * own, which filler family builds it, and which arguments are copied at
 * sys_enter: the syscall tables both drivers expand.
 *
 * Owns: three "x-include" lists, each emitted only when its macro is
 * defined (this file has no include guard: an includer defines the
 * macro, includes the file, and undefines the macro, as often as it
 * needs):
 *
 *   LANNER_SYS_EVENT(nr, type, family)
 *	native syscall __NR_xxx -> its exit event code (PPME_*_X) and the
 *	filler family token that writes the parameters; a selected syscall
 *	not listed is sent as PPME_GENERIC_X (family generic). The module
 *	expands it as [nr] = { type, lanner_fill_##family }.
 *   LANNER_FILLER_FAMILY(name)
 *	every filler family, in a fixed order (the eBPF fallback's
 *	tail-call indices); generic first.
 *   LANNER_SYS_ENTER_COPY(nr, str, buf, len, max)
 *	user memory copied at sys_enter so that the exit record shows what
 *	the kernel was given (time-of-check/time-of-use): str, 1 + index of
 *	a NUL-terminated path argument; buf, 1 + index of a buffer argument;
 *	len, 1 + index of the buffer's length argument; 0: none (no length
 *	argument: max bytes); max, bytes of the buffer kept at most.
 *
 * Included by: kmod/hooks/sys_exit.c, kmod/hooks/sys_enter.c and the
 * eBPF fallback. The includer provides the __NR_* numbers (the kernel's
 * <asm/unistd.h>; for BPF the header bpf-fallback/gen-uapi.sh generates)
 * and the PPME_* codes (lanner_abi.h). Syscalls some kernel or
 * architecture lacks keep their #ifdef __NR_xxx guard.
 *
 * Must never: include a header, define anything but list entries, or
 * name a family missing from the LANNER_FILLER_FAMILY list.
 */

#ifdef LANNER_SYS_EVENT
#ifdef __NR_open
LANNER_SYS_EVENT(__NR_open, PPME_SYSCALL_OPEN_X, open)
#endif
LANNER_SYS_EVENT(__NR_openat, PPME_SYSCALL_OPENAT_2_X, open)
#ifdef __NR_openat2
LANNER_SYS_EVENT(__NR_openat2, PPME_SYSCALL_OPENAT2_X, open)
#endif
/* file and file-system events */
#ifdef __NR_creat
LANNER_SYS_EVENT(__NR_creat, PPME_SYSCALL_CREAT_X, creat)
#endif
LANNER_SYS_EVENT(__NR_close, PPME_SYSCALL_CLOSE_X, fd_ops)
LANNER_SYS_EVENT(__NR_dup, PPME_SYSCALL_DUP_1_X, fd_ops)
#ifdef __NR_dup2
LANNER_SYS_EVENT(__NR_dup2, PPME_SYSCALL_DUP2_X, fd_ops)
#endif
LANNER_SYS_EVENT(__NR_dup3, PPME_SYSCALL_DUP3_X, fd_ops)
LANNER_SYS_EVENT(__NR_fcntl, PPME_SYSCALL_FCNTL_X, fd_ops)
LANNER_SYS_EVENT(__NR_chdir, PPME_SYSCALL_CHDIR_X, fd_ops)
LANNER_SYS_EVENT(__NR_fchdir, PPME_SYSCALL_FCHDIR_X, fd_ops)
#ifdef __NR_link
LANNER_SYS_EVENT(__NR_link, PPME_SYSCALL_LINK_2_X, fs_path)
#endif
#ifdef __NR_unlink
LANNER_SYS_EVENT(__NR_unlink, PPME_SYSCALL_UNLINK_2_X, fs_path)
#endif
#ifdef __NR_rename
LANNER_SYS_EVENT(__NR_rename, PPME_SYSCALL_RENAME_X, fs_path)
#endif
#ifdef __NR_mkdir
LANNER_SYS_EVENT(__NR_mkdir, PPME_SYSCALL_MKDIR_2_X, fs_path)
#endif
#ifdef __NR_rmdir
LANNER_SYS_EVENT(__NR_rmdir, PPME_SYSCALL_RMDIR_2_X, fs_path)
#endif
#ifdef __NR_symlink
LANNER_SYS_EVENT(__NR_symlink, PPME_SYSCALL_SYMLINK_X, fs_path)
#endif
#ifdef __NR_chmod
LANNER_SYS_EVENT(__NR_chmod, PPME_SYSCALL_CHMOD_X, fs_path)
#endif
LANNER_SYS_EVENT(__NR_fchmod, PPME_SYSCALL_FCHMOD_X, fs_path)
LANNER_SYS_EVENT(__NR_linkat, PPME_SYSCALL_LINKAT_2_X, fs_at)
LANNER_SYS_EVENT(__NR_unlinkat, PPME_SYSCALL_UNLINKAT_2_X, fs_at)
#ifdef __NR_renameat
LANNER_SYS_EVENT(__NR_renameat, PPME_SYSCALL_RENAMEAT_X, fs_at)
#endif
#ifdef __NR_renameat2
LANNER_SYS_EVENT(__NR_renameat2, PPME_SYSCALL_RENAMEAT2_X, fs_at)
#endif
LANNER_SYS_EVENT(__NR_mkdirat, PPME_SYSCALL_MKDIRAT_X, fs_at)
LANNER_SYS_EVENT(__NR_symlinkat, PPME_SYSCALL_SYMLINKAT_X, fs_at)
LANNER_SYS_EVENT(__NR_fchmodat, PPME_SYSCALL_FCHMODAT_X, fs_at)
LANNER_SYS_EVENT(__NR_mount, PPME_SYSCALL_MOUNT_X, file_misc)
LANNER_SYS_EVENT(__NR_umount2, PPME_SYSCALL_UMOUNT2_X, file_misc)
#ifdef __NR_memfd_create
LANNER_SYS_EVENT(__NR_memfd_create, PPME_SYSCALL_MEMFD_CREATE_X, file_misc)
#endif
#ifdef __NR_userfaultfd
LANNER_SYS_EVENT(__NR_userfaultfd, PPME_SYSCALL_USERFAULTFD_X, file_misc)
#endif
LANNER_SYS_EVENT(__NR_init_module, PPME_SYSCALL_INIT_MODULE_X, file_misc)
LANNER_SYS_EVENT(__NR_finit_module, PPME_SYSCALL_FINIT_MODULE_X, file_misc)
#ifdef __NR_bpf
LANNER_SYS_EVENT(__NR_bpf, PPME_SYSCALL_BPF_2_X, file_misc)
#endif
/* identity, signal, namespace and tracing events */
LANNER_SYS_EVENT(__NR_setuid, PPME_SYSCALL_SETUID_X, cred)
LANNER_SYS_EVENT(__NR_setgid, PPME_SYSCALL_SETGID_X, cred)
LANNER_SYS_EVENT(__NR_setreuid, PPME_SYSCALL_SETREUID_X, cred)
LANNER_SYS_EVENT(__NR_setregid, PPME_SYSCALL_SETREGID_X, cred)
LANNER_SYS_EVENT(__NR_setresuid, PPME_SYSCALL_SETRESUID_X, cred)
LANNER_SYS_EVENT(__NR_setresgid, PPME_SYSCALL_SETRESGID_X, cred)
LANNER_SYS_EVENT(__NR_capset, PPME_SYSCALL_CAPSET_X, cred)
#ifdef __NR_setns
LANNER_SYS_EVENT(__NR_setns, PPME_SYSCALL_SETNS_X, cred)
#endif
LANNER_SYS_EVENT(__NR_unshare, PPME_SYSCALL_UNSHARE_X, cred)
LANNER_SYS_EVENT(__NR_kill, PPME_SYSCALL_KILL_X, cred)
LANNER_SYS_EVENT(__NR_tkill, PPME_SYSCALL_TKILL_X, cred)
LANNER_SYS_EVENT(__NR_tgkill, PPME_SYSCALL_TGKILL_X, cred)
LANNER_SYS_EVENT(__NR_prctl, PPME_SYSCALL_PRCTL_X, cred)
LANNER_SYS_EVENT(__NR_ptrace, PPME_SYSCALL_PTRACE_X, ptrace)
/* socket events */
LANNER_SYS_EVENT(__NR_socket, PPME_SOCKET_SOCKET_X, net)
LANNER_SYS_EVENT(__NR_bind, PPME_SOCKET_BIND_X, net)
LANNER_SYS_EVENT(__NR_connect, PPME_SOCKET_CONNECT_X, net)
LANNER_SYS_EVENT(__NR_listen, PPME_SOCKET_LISTEN_X, net)
LANNER_SYS_EVENT(__NR_accept, PPME_SOCKET_ACCEPT_5_X, net)
LANNER_SYS_EVENT(__NR_accept4, PPME_SOCKET_ACCEPT4_6_X, net)
LANNER_SYS_EVENT(__NR_sendto, PPME_SOCKET_SENDTO_X, net)
LANNER_SYS_EVENT(__NR_sendmsg, PPME_SOCKET_SENDMSG_X, net)
LANNER_SYS_EVENT(__NR_recvfrom, PPME_SOCKET_RECVFROM_X, net)
LANNER_SYS_EVENT(__NR_recvmsg, PPME_SOCKET_RECVMSG_X, net)
/* process creation; a successful exec is recorded at sched_process_exec */
LANNER_SYS_EVENT(__NR_clone, PPME_SYSCALL_CLONE_20_X, clone)
#ifdef __NR_fork
LANNER_SYS_EVENT(__NR_fork, PPME_SYSCALL_FORK_20_X, clone)
#endif
#ifdef __NR_vfork
LANNER_SYS_EVENT(__NR_vfork, PPME_SYSCALL_VFORK_20_X, clone)
#endif
#ifdef __NR_clone3
LANNER_SYS_EVENT(__NR_clone3, PPME_SYSCALL_CLONE3_X, clone)
#endif
LANNER_SYS_EVENT(__NR_execve, PPME_SYSCALL_EXECVE_19_X, exec_failed)
#ifdef __NR_execveat
LANNER_SYS_EVENT(__NR_execveat, PPME_SYSCALL_EXECVEAT_X, exec_failed)
#endif
#endif /* LANNER_SYS_EVENT */

#ifdef LANNER_FILLER_FAMILY
LANNER_FILLER_FAMILY(generic)
LANNER_FILLER_FAMILY(open)
LANNER_FILLER_FAMILY(creat)
LANNER_FILLER_FAMILY(fd_ops)
LANNER_FILLER_FAMILY(fs_path)
LANNER_FILLER_FAMILY(fs_at)
LANNER_FILLER_FAMILY(file_misc)
LANNER_FILLER_FAMILY(cred)
LANNER_FILLER_FAMILY(ptrace)
LANNER_FILLER_FAMILY(net)
LANNER_FILLER_FAMILY(clone)
LANNER_FILLER_FAMILY(exec_failed)
#endif /* LANNER_FILLER_FAMILY */

#ifdef LANNER_SYS_ENTER_COPY
#ifdef __NR_open
LANNER_SYS_ENTER_COPY(__NR_open, 1, 0, 0, 0)
#endif
#ifdef __NR_creat
LANNER_SYS_ENTER_COPY(__NR_creat, 1, 0, 0, 0)
#endif
LANNER_SYS_ENTER_COPY(__NR_openat, 2, 0, 0, 0)
#ifdef __NR_openat2
/* struct open_how: 24 bytes in its first (and only) version */
LANNER_SYS_ENTER_COPY(__NR_openat2, 2, 3, 4, 24)
#endif
/* the sockaddr: at most a struct sockaddr_storage */
LANNER_SYS_ENTER_COPY(__NR_connect, 0, 2, 3, 128)
#endif /* LANNER_SYS_ENTER_COPY */
