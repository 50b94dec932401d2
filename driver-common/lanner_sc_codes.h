/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * lanner_sc_codes.h - native x86_64 syscall number -> Falco's portable
 * PPM_SC_* code, the "ID" of GENERIC_X records.
 *
 * Owns: the x86_64 table as an "x-include" list, one
 * LANNER_SC_CODE(nr, code) per line (no include guard: an includer
 * defines LANNER_SC_CODE, includes this file, and undefines it). Every
 * x86_64 syscall whose name has a PPM_SC_* code (same name, upper case)
 * is listed; the five numbers Falco has no code for (putpmsg,
 * afs_syscall, tuxcall, security, vserver) and numbers not listed give
 * PPM_SC_UNKNOWN. Numbers up to 313 (finit_module) exist in every x86_64
 * kernel lanner builds for (3.10+); newer ones are guarded by their
 * __NR_ name, so a table built against older headers leaves them out.
 *
 * Included by: kmod/syscall_codes.c (only when building for x86_64) and
 * the eBPF fallback. The includer provides the x86_64 __NR_* numbers (the
 * kernel's <asm/unistd.h>; for BPF the header bpf-fallback/gen-uapi.sh
 * generates) and the PPM_SC_* codes (lanner_abi.h).
 *
 * Must never: include a header, hold another architecture's numbers, or
 * guess a code.
 */

#ifdef LANNER_SC_CODE
LANNER_SC_CODE(__NR_read, PPM_SC_READ)
LANNER_SC_CODE(__NR_write, PPM_SC_WRITE)
LANNER_SC_CODE(__NR_open, PPM_SC_OPEN)
LANNER_SC_CODE(__NR_close, PPM_SC_CLOSE)
LANNER_SC_CODE(__NR_stat, PPM_SC_STAT)
LANNER_SC_CODE(__NR_fstat, PPM_SC_FSTAT)
LANNER_SC_CODE(__NR_lstat, PPM_SC_LSTAT)
LANNER_SC_CODE(__NR_poll, PPM_SC_POLL)
LANNER_SC_CODE(__NR_lseek, PPM_SC_LSEEK)
LANNER_SC_CODE(__NR_mmap, PPM_SC_MMAP)
LANNER_SC_CODE(__NR_mprotect, PPM_SC_MPROTECT)
LANNER_SC_CODE(__NR_munmap, PPM_SC_MUNMAP)
LANNER_SC_CODE(__NR_brk, PPM_SC_BRK)
LANNER_SC_CODE(__NR_rt_sigaction, PPM_SC_RT_SIGACTION)
LANNER_SC_CODE(__NR_rt_sigprocmask, PPM_SC_RT_SIGPROCMASK)
LANNER_SC_CODE(__NR_rt_sigreturn, PPM_SC_RT_SIGRETURN)
LANNER_SC_CODE(__NR_ioctl, PPM_SC_IOCTL)
LANNER_SC_CODE(__NR_pread64, PPM_SC_PREAD64)
LANNER_SC_CODE(__NR_pwrite64, PPM_SC_PWRITE64)
LANNER_SC_CODE(__NR_readv, PPM_SC_READV)
LANNER_SC_CODE(__NR_writev, PPM_SC_WRITEV)
LANNER_SC_CODE(__NR_access, PPM_SC_ACCESS)
LANNER_SC_CODE(__NR_pipe, PPM_SC_PIPE)
LANNER_SC_CODE(__NR_select, PPM_SC_SELECT)
LANNER_SC_CODE(__NR_sched_yield, PPM_SC_SCHED_YIELD)
LANNER_SC_CODE(__NR_mremap, PPM_SC_MREMAP)
LANNER_SC_CODE(__NR_msync, PPM_SC_MSYNC)
LANNER_SC_CODE(__NR_mincore, PPM_SC_MINCORE)
LANNER_SC_CODE(__NR_madvise, PPM_SC_MADVISE)
LANNER_SC_CODE(__NR_shmget, PPM_SC_SHMGET)
LANNER_SC_CODE(__NR_shmat, PPM_SC_SHMAT)
LANNER_SC_CODE(__NR_shmctl, PPM_SC_SHMCTL)
LANNER_SC_CODE(__NR_dup, PPM_SC_DUP)
LANNER_SC_CODE(__NR_dup2, PPM_SC_DUP2)
LANNER_SC_CODE(__NR_pause, PPM_SC_PAUSE)
LANNER_SC_CODE(__NR_nanosleep, PPM_SC_NANOSLEEP)
LANNER_SC_CODE(__NR_getitimer, PPM_SC_GETITIMER)
LANNER_SC_CODE(__NR_alarm, PPM_SC_ALARM)
LANNER_SC_CODE(__NR_setitimer, PPM_SC_SETITIMER)
LANNER_SC_CODE(__NR_getpid, PPM_SC_GETPID)
LANNER_SC_CODE(__NR_sendfile, PPM_SC_SENDFILE)
LANNER_SC_CODE(__NR_socket, PPM_SC_SOCKET)
LANNER_SC_CODE(__NR_connect, PPM_SC_CONNECT)
LANNER_SC_CODE(__NR_accept, PPM_SC_ACCEPT)
LANNER_SC_CODE(__NR_sendto, PPM_SC_SENDTO)
LANNER_SC_CODE(__NR_recvfrom, PPM_SC_RECVFROM)
LANNER_SC_CODE(__NR_sendmsg, PPM_SC_SENDMSG)
LANNER_SC_CODE(__NR_recvmsg, PPM_SC_RECVMSG)
LANNER_SC_CODE(__NR_shutdown, PPM_SC_SHUTDOWN)
LANNER_SC_CODE(__NR_bind, PPM_SC_BIND)
LANNER_SC_CODE(__NR_listen, PPM_SC_LISTEN)
LANNER_SC_CODE(__NR_getsockname, PPM_SC_GETSOCKNAME)
LANNER_SC_CODE(__NR_getpeername, PPM_SC_GETPEERNAME)
LANNER_SC_CODE(__NR_socketpair, PPM_SC_SOCKETPAIR)
LANNER_SC_CODE(__NR_setsockopt, PPM_SC_SETSOCKOPT)
LANNER_SC_CODE(__NR_getsockopt, PPM_SC_GETSOCKOPT)
LANNER_SC_CODE(__NR_clone, PPM_SC_CLONE)
LANNER_SC_CODE(__NR_fork, PPM_SC_FORK)
LANNER_SC_CODE(__NR_vfork, PPM_SC_VFORK)
LANNER_SC_CODE(__NR_execve, PPM_SC_EXECVE)
LANNER_SC_CODE(__NR_exit, PPM_SC_EXIT)
LANNER_SC_CODE(__NR_wait4, PPM_SC_WAIT4)
LANNER_SC_CODE(__NR_kill, PPM_SC_KILL)
LANNER_SC_CODE(__NR_uname, PPM_SC_UNAME)
LANNER_SC_CODE(__NR_semget, PPM_SC_SEMGET)
LANNER_SC_CODE(__NR_semop, PPM_SC_SEMOP)
LANNER_SC_CODE(__NR_semctl, PPM_SC_SEMCTL)
LANNER_SC_CODE(__NR_shmdt, PPM_SC_SHMDT)
LANNER_SC_CODE(__NR_msgget, PPM_SC_MSGGET)
LANNER_SC_CODE(__NR_msgsnd, PPM_SC_MSGSND)
LANNER_SC_CODE(__NR_msgrcv, PPM_SC_MSGRCV)
LANNER_SC_CODE(__NR_msgctl, PPM_SC_MSGCTL)
LANNER_SC_CODE(__NR_fcntl, PPM_SC_FCNTL)
LANNER_SC_CODE(__NR_flock, PPM_SC_FLOCK)
LANNER_SC_CODE(__NR_fsync, PPM_SC_FSYNC)
LANNER_SC_CODE(__NR_fdatasync, PPM_SC_FDATASYNC)
LANNER_SC_CODE(__NR_truncate, PPM_SC_TRUNCATE)
LANNER_SC_CODE(__NR_ftruncate, PPM_SC_FTRUNCATE)
LANNER_SC_CODE(__NR_getdents, PPM_SC_GETDENTS)
LANNER_SC_CODE(__NR_getcwd, PPM_SC_GETCWD)
LANNER_SC_CODE(__NR_chdir, PPM_SC_CHDIR)
LANNER_SC_CODE(__NR_fchdir, PPM_SC_FCHDIR)
LANNER_SC_CODE(__NR_rename, PPM_SC_RENAME)
LANNER_SC_CODE(__NR_mkdir, PPM_SC_MKDIR)
LANNER_SC_CODE(__NR_rmdir, PPM_SC_RMDIR)
LANNER_SC_CODE(__NR_creat, PPM_SC_CREAT)
LANNER_SC_CODE(__NR_link, PPM_SC_LINK)
LANNER_SC_CODE(__NR_unlink, PPM_SC_UNLINK)
LANNER_SC_CODE(__NR_symlink, PPM_SC_SYMLINK)
LANNER_SC_CODE(__NR_readlink, PPM_SC_READLINK)
LANNER_SC_CODE(__NR_chmod, PPM_SC_CHMOD)
LANNER_SC_CODE(__NR_fchmod, PPM_SC_FCHMOD)
LANNER_SC_CODE(__NR_chown, PPM_SC_CHOWN)
LANNER_SC_CODE(__NR_fchown, PPM_SC_FCHOWN)
LANNER_SC_CODE(__NR_lchown, PPM_SC_LCHOWN)
LANNER_SC_CODE(__NR_umask, PPM_SC_UMASK)
LANNER_SC_CODE(__NR_gettimeofday, PPM_SC_GETTIMEOFDAY)
LANNER_SC_CODE(__NR_getrlimit, PPM_SC_GETRLIMIT)
LANNER_SC_CODE(__NR_getrusage, PPM_SC_GETRUSAGE)
LANNER_SC_CODE(__NR_sysinfo, PPM_SC_SYSINFO)
LANNER_SC_CODE(__NR_times, PPM_SC_TIMES)
LANNER_SC_CODE(__NR_ptrace, PPM_SC_PTRACE)
LANNER_SC_CODE(__NR_getuid, PPM_SC_GETUID)
LANNER_SC_CODE(__NR_syslog, PPM_SC_SYSLOG)
LANNER_SC_CODE(__NR_getgid, PPM_SC_GETGID)
LANNER_SC_CODE(__NR_setuid, PPM_SC_SETUID)
LANNER_SC_CODE(__NR_setgid, PPM_SC_SETGID)
LANNER_SC_CODE(__NR_geteuid, PPM_SC_GETEUID)
LANNER_SC_CODE(__NR_getegid, PPM_SC_GETEGID)
LANNER_SC_CODE(__NR_setpgid, PPM_SC_SETPGID)
LANNER_SC_CODE(__NR_getppid, PPM_SC_GETPPID)
LANNER_SC_CODE(__NR_getpgrp, PPM_SC_GETPGRP)
LANNER_SC_CODE(__NR_setsid, PPM_SC_SETSID)
LANNER_SC_CODE(__NR_setreuid, PPM_SC_SETREUID)
LANNER_SC_CODE(__NR_setregid, PPM_SC_SETREGID)
LANNER_SC_CODE(__NR_getgroups, PPM_SC_GETGROUPS)
LANNER_SC_CODE(__NR_setgroups, PPM_SC_SETGROUPS)
LANNER_SC_CODE(__NR_setresuid, PPM_SC_SETRESUID)
LANNER_SC_CODE(__NR_getresuid, PPM_SC_GETRESUID)
LANNER_SC_CODE(__NR_setresgid, PPM_SC_SETRESGID)
LANNER_SC_CODE(__NR_getresgid, PPM_SC_GETRESGID)
LANNER_SC_CODE(__NR_getpgid, PPM_SC_GETPGID)
LANNER_SC_CODE(__NR_setfsuid, PPM_SC_SETFSUID)
LANNER_SC_CODE(__NR_setfsgid, PPM_SC_SETFSGID)
LANNER_SC_CODE(__NR_getsid, PPM_SC_GETSID)
LANNER_SC_CODE(__NR_capget, PPM_SC_CAPGET)
LANNER_SC_CODE(__NR_capset, PPM_SC_CAPSET)
LANNER_SC_CODE(__NR_rt_sigpending, PPM_SC_RT_SIGPENDING)
LANNER_SC_CODE(__NR_rt_sigtimedwait, PPM_SC_RT_SIGTIMEDWAIT)
LANNER_SC_CODE(__NR_rt_sigqueueinfo, PPM_SC_RT_SIGQUEUEINFO)
LANNER_SC_CODE(__NR_rt_sigsuspend, PPM_SC_RT_SIGSUSPEND)
LANNER_SC_CODE(__NR_sigaltstack, PPM_SC_SIGALTSTACK)
LANNER_SC_CODE(__NR_utime, PPM_SC_UTIME)
LANNER_SC_CODE(__NR_mknod, PPM_SC_MKNOD)
LANNER_SC_CODE(__NR_uselib, PPM_SC_USELIB)
LANNER_SC_CODE(__NR_personality, PPM_SC_PERSONALITY)
LANNER_SC_CODE(__NR_ustat, PPM_SC_USTAT)
LANNER_SC_CODE(__NR_statfs, PPM_SC_STATFS)
LANNER_SC_CODE(__NR_fstatfs, PPM_SC_FSTATFS)
LANNER_SC_CODE(__NR_sysfs, PPM_SC_SYSFS)
LANNER_SC_CODE(__NR_getpriority, PPM_SC_GETPRIORITY)
LANNER_SC_CODE(__NR_setpriority, PPM_SC_SETPRIORITY)
LANNER_SC_CODE(__NR_sched_setparam, PPM_SC_SCHED_SETPARAM)
LANNER_SC_CODE(__NR_sched_getparam, PPM_SC_SCHED_GETPARAM)
LANNER_SC_CODE(__NR_sched_setscheduler, PPM_SC_SCHED_SETSCHEDULER)
LANNER_SC_CODE(__NR_sched_getscheduler, PPM_SC_SCHED_GETSCHEDULER)
LANNER_SC_CODE(__NR_sched_get_priority_max, PPM_SC_SCHED_GET_PRIORITY_MAX)
LANNER_SC_CODE(__NR_sched_get_priority_min, PPM_SC_SCHED_GET_PRIORITY_MIN)
LANNER_SC_CODE(__NR_sched_rr_get_interval, PPM_SC_SCHED_RR_GET_INTERVAL)
LANNER_SC_CODE(__NR_mlock, PPM_SC_MLOCK)
LANNER_SC_CODE(__NR_munlock, PPM_SC_MUNLOCK)
LANNER_SC_CODE(__NR_mlockall, PPM_SC_MLOCKALL)
LANNER_SC_CODE(__NR_munlockall, PPM_SC_MUNLOCKALL)
LANNER_SC_CODE(__NR_vhangup, PPM_SC_VHANGUP)
LANNER_SC_CODE(__NR_modify_ldt, PPM_SC_MODIFY_LDT)
LANNER_SC_CODE(__NR_pivot_root, PPM_SC_PIVOT_ROOT)
LANNER_SC_CODE(__NR__sysctl, PPM_SC__SYSCTL)
LANNER_SC_CODE(__NR_prctl, PPM_SC_PRCTL)
LANNER_SC_CODE(__NR_arch_prctl, PPM_SC_ARCH_PRCTL)
LANNER_SC_CODE(__NR_adjtimex, PPM_SC_ADJTIMEX)
LANNER_SC_CODE(__NR_setrlimit, PPM_SC_SETRLIMIT)
LANNER_SC_CODE(__NR_chroot, PPM_SC_CHROOT)
LANNER_SC_CODE(__NR_sync, PPM_SC_SYNC)
LANNER_SC_CODE(__NR_acct, PPM_SC_ACCT)
LANNER_SC_CODE(__NR_settimeofday, PPM_SC_SETTIMEOFDAY)
LANNER_SC_CODE(__NR_mount, PPM_SC_MOUNT)
LANNER_SC_CODE(__NR_umount2, PPM_SC_UMOUNT2)
LANNER_SC_CODE(__NR_swapon, PPM_SC_SWAPON)
LANNER_SC_CODE(__NR_swapoff, PPM_SC_SWAPOFF)
LANNER_SC_CODE(__NR_reboot, PPM_SC_REBOOT)
LANNER_SC_CODE(__NR_sethostname, PPM_SC_SETHOSTNAME)
LANNER_SC_CODE(__NR_setdomainname, PPM_SC_SETDOMAINNAME)
LANNER_SC_CODE(__NR_iopl, PPM_SC_IOPL)
LANNER_SC_CODE(__NR_ioperm, PPM_SC_IOPERM)
LANNER_SC_CODE(__NR_create_module, PPM_SC_CREATE_MODULE)
LANNER_SC_CODE(__NR_init_module, PPM_SC_INIT_MODULE)
LANNER_SC_CODE(__NR_delete_module, PPM_SC_DELETE_MODULE)
LANNER_SC_CODE(__NR_get_kernel_syms, PPM_SC_GET_KERNEL_SYMS)
LANNER_SC_CODE(__NR_query_module, PPM_SC_QUERY_MODULE)
LANNER_SC_CODE(__NR_quotactl, PPM_SC_QUOTACTL)
LANNER_SC_CODE(__NR_nfsservctl, PPM_SC_NFSSERVCTL)
LANNER_SC_CODE(__NR_getpmsg, PPM_SC_GETPMSG)
LANNER_SC_CODE(__NR_gettid, PPM_SC_GETTID)
LANNER_SC_CODE(__NR_readahead, PPM_SC_READAHEAD)
LANNER_SC_CODE(__NR_setxattr, PPM_SC_SETXATTR)
LANNER_SC_CODE(__NR_lsetxattr, PPM_SC_LSETXATTR)
LANNER_SC_CODE(__NR_fsetxattr, PPM_SC_FSETXATTR)
LANNER_SC_CODE(__NR_getxattr, PPM_SC_GETXATTR)
LANNER_SC_CODE(__NR_lgetxattr, PPM_SC_LGETXATTR)
LANNER_SC_CODE(__NR_fgetxattr, PPM_SC_FGETXATTR)
LANNER_SC_CODE(__NR_listxattr, PPM_SC_LISTXATTR)
LANNER_SC_CODE(__NR_llistxattr, PPM_SC_LLISTXATTR)
LANNER_SC_CODE(__NR_flistxattr, PPM_SC_FLISTXATTR)
LANNER_SC_CODE(__NR_removexattr, PPM_SC_REMOVEXATTR)
LANNER_SC_CODE(__NR_lremovexattr, PPM_SC_LREMOVEXATTR)
LANNER_SC_CODE(__NR_fremovexattr, PPM_SC_FREMOVEXATTR)
LANNER_SC_CODE(__NR_tkill, PPM_SC_TKILL)
LANNER_SC_CODE(__NR_time, PPM_SC_TIME)
LANNER_SC_CODE(__NR_futex, PPM_SC_FUTEX)
LANNER_SC_CODE(__NR_sched_setaffinity, PPM_SC_SCHED_SETAFFINITY)
LANNER_SC_CODE(__NR_sched_getaffinity, PPM_SC_SCHED_GETAFFINITY)
LANNER_SC_CODE(__NR_set_thread_area, PPM_SC_SET_THREAD_AREA)
LANNER_SC_CODE(__NR_io_setup, PPM_SC_IO_SETUP)
LANNER_SC_CODE(__NR_io_destroy, PPM_SC_IO_DESTROY)
LANNER_SC_CODE(__NR_io_getevents, PPM_SC_IO_GETEVENTS)
LANNER_SC_CODE(__NR_io_submit, PPM_SC_IO_SUBMIT)
LANNER_SC_CODE(__NR_io_cancel, PPM_SC_IO_CANCEL)
LANNER_SC_CODE(__NR_get_thread_area, PPM_SC_GET_THREAD_AREA)
LANNER_SC_CODE(__NR_lookup_dcookie, PPM_SC_LOOKUP_DCOOKIE)
LANNER_SC_CODE(__NR_epoll_create, PPM_SC_EPOLL_CREATE)
LANNER_SC_CODE(__NR_epoll_ctl_old, PPM_SC_EPOLL_CTL_OLD)
LANNER_SC_CODE(__NR_epoll_wait_old, PPM_SC_EPOLL_WAIT_OLD)
LANNER_SC_CODE(__NR_remap_file_pages, PPM_SC_REMAP_FILE_PAGES)
LANNER_SC_CODE(__NR_getdents64, PPM_SC_GETDENTS64)
LANNER_SC_CODE(__NR_set_tid_address, PPM_SC_SET_TID_ADDRESS)
LANNER_SC_CODE(__NR_restart_syscall, PPM_SC_RESTART_SYSCALL)
LANNER_SC_CODE(__NR_semtimedop, PPM_SC_SEMTIMEDOP)
LANNER_SC_CODE(__NR_fadvise64, PPM_SC_FADVISE64)
LANNER_SC_CODE(__NR_timer_create, PPM_SC_TIMER_CREATE)
LANNER_SC_CODE(__NR_timer_settime, PPM_SC_TIMER_SETTIME)
LANNER_SC_CODE(__NR_timer_gettime, PPM_SC_TIMER_GETTIME)
LANNER_SC_CODE(__NR_timer_getoverrun, PPM_SC_TIMER_GETOVERRUN)
LANNER_SC_CODE(__NR_timer_delete, PPM_SC_TIMER_DELETE)
LANNER_SC_CODE(__NR_clock_settime, PPM_SC_CLOCK_SETTIME)
LANNER_SC_CODE(__NR_clock_gettime, PPM_SC_CLOCK_GETTIME)
LANNER_SC_CODE(__NR_clock_getres, PPM_SC_CLOCK_GETRES)
LANNER_SC_CODE(__NR_clock_nanosleep, PPM_SC_CLOCK_NANOSLEEP)
LANNER_SC_CODE(__NR_exit_group, PPM_SC_EXIT_GROUP)
LANNER_SC_CODE(__NR_epoll_wait, PPM_SC_EPOLL_WAIT)
LANNER_SC_CODE(__NR_epoll_ctl, PPM_SC_EPOLL_CTL)
LANNER_SC_CODE(__NR_tgkill, PPM_SC_TGKILL)
LANNER_SC_CODE(__NR_utimes, PPM_SC_UTIMES)
LANNER_SC_CODE(__NR_mbind, PPM_SC_MBIND)
LANNER_SC_CODE(__NR_set_mempolicy, PPM_SC_SET_MEMPOLICY)
LANNER_SC_CODE(__NR_get_mempolicy, PPM_SC_GET_MEMPOLICY)
LANNER_SC_CODE(__NR_mq_open, PPM_SC_MQ_OPEN)
LANNER_SC_CODE(__NR_mq_unlink, PPM_SC_MQ_UNLINK)
LANNER_SC_CODE(__NR_mq_timedsend, PPM_SC_MQ_TIMEDSEND)
LANNER_SC_CODE(__NR_mq_timedreceive, PPM_SC_MQ_TIMEDRECEIVE)
LANNER_SC_CODE(__NR_mq_notify, PPM_SC_MQ_NOTIFY)
LANNER_SC_CODE(__NR_mq_getsetattr, PPM_SC_MQ_GETSETATTR)
LANNER_SC_CODE(__NR_kexec_load, PPM_SC_KEXEC_LOAD)
LANNER_SC_CODE(__NR_waitid, PPM_SC_WAITID)
LANNER_SC_CODE(__NR_add_key, PPM_SC_ADD_KEY)
LANNER_SC_CODE(__NR_request_key, PPM_SC_REQUEST_KEY)
LANNER_SC_CODE(__NR_keyctl, PPM_SC_KEYCTL)
LANNER_SC_CODE(__NR_ioprio_set, PPM_SC_IOPRIO_SET)
LANNER_SC_CODE(__NR_ioprio_get, PPM_SC_IOPRIO_GET)
LANNER_SC_CODE(__NR_inotify_init, PPM_SC_INOTIFY_INIT)
LANNER_SC_CODE(__NR_inotify_add_watch, PPM_SC_INOTIFY_ADD_WATCH)
LANNER_SC_CODE(__NR_inotify_rm_watch, PPM_SC_INOTIFY_RM_WATCH)
LANNER_SC_CODE(__NR_migrate_pages, PPM_SC_MIGRATE_PAGES)
LANNER_SC_CODE(__NR_openat, PPM_SC_OPENAT)
LANNER_SC_CODE(__NR_mkdirat, PPM_SC_MKDIRAT)
LANNER_SC_CODE(__NR_mknodat, PPM_SC_MKNODAT)
LANNER_SC_CODE(__NR_fchownat, PPM_SC_FCHOWNAT)
LANNER_SC_CODE(__NR_futimesat, PPM_SC_FUTIMESAT)
LANNER_SC_CODE(__NR_newfstatat, PPM_SC_NEWFSTATAT)
LANNER_SC_CODE(__NR_unlinkat, PPM_SC_UNLINKAT)
LANNER_SC_CODE(__NR_renameat, PPM_SC_RENAMEAT)
LANNER_SC_CODE(__NR_linkat, PPM_SC_LINKAT)
LANNER_SC_CODE(__NR_symlinkat, PPM_SC_SYMLINKAT)
LANNER_SC_CODE(__NR_readlinkat, PPM_SC_READLINKAT)
LANNER_SC_CODE(__NR_fchmodat, PPM_SC_FCHMODAT)
LANNER_SC_CODE(__NR_faccessat, PPM_SC_FACCESSAT)
LANNER_SC_CODE(__NR_pselect6, PPM_SC_PSELECT6)
LANNER_SC_CODE(__NR_ppoll, PPM_SC_PPOLL)
LANNER_SC_CODE(__NR_unshare, PPM_SC_UNSHARE)
LANNER_SC_CODE(__NR_set_robust_list, PPM_SC_SET_ROBUST_LIST)
LANNER_SC_CODE(__NR_get_robust_list, PPM_SC_GET_ROBUST_LIST)
LANNER_SC_CODE(__NR_splice, PPM_SC_SPLICE)
LANNER_SC_CODE(__NR_tee, PPM_SC_TEE)
LANNER_SC_CODE(__NR_sync_file_range, PPM_SC_SYNC_FILE_RANGE)
LANNER_SC_CODE(__NR_vmsplice, PPM_SC_VMSPLICE)
LANNER_SC_CODE(__NR_move_pages, PPM_SC_MOVE_PAGES)
LANNER_SC_CODE(__NR_utimensat, PPM_SC_UTIMENSAT)
LANNER_SC_CODE(__NR_epoll_pwait, PPM_SC_EPOLL_PWAIT)
LANNER_SC_CODE(__NR_signalfd, PPM_SC_SIGNALFD)
LANNER_SC_CODE(__NR_timerfd_create, PPM_SC_TIMERFD_CREATE)
LANNER_SC_CODE(__NR_eventfd, PPM_SC_EVENTFD)
LANNER_SC_CODE(__NR_fallocate, PPM_SC_FALLOCATE)
LANNER_SC_CODE(__NR_timerfd_settime, PPM_SC_TIMERFD_SETTIME)
LANNER_SC_CODE(__NR_timerfd_gettime, PPM_SC_TIMERFD_GETTIME)
LANNER_SC_CODE(__NR_accept4, PPM_SC_ACCEPT4)
LANNER_SC_CODE(__NR_signalfd4, PPM_SC_SIGNALFD4)
LANNER_SC_CODE(__NR_eventfd2, PPM_SC_EVENTFD2)
LANNER_SC_CODE(__NR_epoll_create1, PPM_SC_EPOLL_CREATE1)
LANNER_SC_CODE(__NR_dup3, PPM_SC_DUP3)
LANNER_SC_CODE(__NR_pipe2, PPM_SC_PIPE2)
LANNER_SC_CODE(__NR_inotify_init1, PPM_SC_INOTIFY_INIT1)
LANNER_SC_CODE(__NR_preadv, PPM_SC_PREADV)
LANNER_SC_CODE(__NR_pwritev, PPM_SC_PWRITEV)
LANNER_SC_CODE(__NR_rt_tgsigqueueinfo, PPM_SC_RT_TGSIGQUEUEINFO)
LANNER_SC_CODE(__NR_perf_event_open, PPM_SC_PERF_EVENT_OPEN)
LANNER_SC_CODE(__NR_recvmmsg, PPM_SC_RECVMMSG)
LANNER_SC_CODE(__NR_fanotify_init, PPM_SC_FANOTIFY_INIT)
LANNER_SC_CODE(__NR_fanotify_mark, PPM_SC_FANOTIFY_MARK)
LANNER_SC_CODE(__NR_prlimit64, PPM_SC_PRLIMIT64)
LANNER_SC_CODE(__NR_name_to_handle_at, PPM_SC_NAME_TO_HANDLE_AT)
LANNER_SC_CODE(__NR_open_by_handle_at, PPM_SC_OPEN_BY_HANDLE_AT)
LANNER_SC_CODE(__NR_clock_adjtime, PPM_SC_CLOCK_ADJTIME)
LANNER_SC_CODE(__NR_syncfs, PPM_SC_SYNCFS)
LANNER_SC_CODE(__NR_sendmmsg, PPM_SC_SENDMMSG)
LANNER_SC_CODE(__NR_setns, PPM_SC_SETNS)
LANNER_SC_CODE(__NR_getcpu, PPM_SC_GETCPU)
LANNER_SC_CODE(__NR_process_vm_readv, PPM_SC_PROCESS_VM_READV)
LANNER_SC_CODE(__NR_process_vm_writev, PPM_SC_PROCESS_VM_WRITEV)
LANNER_SC_CODE(__NR_kcmp, PPM_SC_KCMP)
LANNER_SC_CODE(__NR_finit_module, PPM_SC_FINIT_MODULE)
#ifdef __NR_sched_setattr
LANNER_SC_CODE(__NR_sched_setattr, PPM_SC_SCHED_SETATTR)
#endif
#ifdef __NR_sched_getattr
LANNER_SC_CODE(__NR_sched_getattr, PPM_SC_SCHED_GETATTR)
#endif
#ifdef __NR_renameat2
LANNER_SC_CODE(__NR_renameat2, PPM_SC_RENAMEAT2)
#endif
#ifdef __NR_seccomp
LANNER_SC_CODE(__NR_seccomp, PPM_SC_SECCOMP)
#endif
#ifdef __NR_getrandom
LANNER_SC_CODE(__NR_getrandom, PPM_SC_GETRANDOM)
#endif
#ifdef __NR_memfd_create
LANNER_SC_CODE(__NR_memfd_create, PPM_SC_MEMFD_CREATE)
#endif
#ifdef __NR_kexec_file_load
LANNER_SC_CODE(__NR_kexec_file_load, PPM_SC_KEXEC_FILE_LOAD)
#endif
#ifdef __NR_bpf
LANNER_SC_CODE(__NR_bpf, PPM_SC_BPF)
#endif
#ifdef __NR_execveat
LANNER_SC_CODE(__NR_execveat, PPM_SC_EXECVEAT)
#endif
#ifdef __NR_userfaultfd
LANNER_SC_CODE(__NR_userfaultfd, PPM_SC_USERFAULTFD)
#endif
#ifdef __NR_membarrier
LANNER_SC_CODE(__NR_membarrier, PPM_SC_MEMBARRIER)
#endif
#ifdef __NR_mlock2
LANNER_SC_CODE(__NR_mlock2, PPM_SC_MLOCK2)
#endif
#ifdef __NR_copy_file_range
LANNER_SC_CODE(__NR_copy_file_range, PPM_SC_COPY_FILE_RANGE)
#endif
#ifdef __NR_preadv2
LANNER_SC_CODE(__NR_preadv2, PPM_SC_PREADV2)
#endif
#ifdef __NR_pwritev2
LANNER_SC_CODE(__NR_pwritev2, PPM_SC_PWRITEV2)
#endif
#ifdef __NR_pkey_mprotect
LANNER_SC_CODE(__NR_pkey_mprotect, PPM_SC_PKEY_MPROTECT)
#endif
#ifdef __NR_pkey_alloc
LANNER_SC_CODE(__NR_pkey_alloc, PPM_SC_PKEY_ALLOC)
#endif
#ifdef __NR_pkey_free
LANNER_SC_CODE(__NR_pkey_free, PPM_SC_PKEY_FREE)
#endif
#ifdef __NR_statx
LANNER_SC_CODE(__NR_statx, PPM_SC_STATX)
#endif
#ifdef __NR_io_pgetevents
LANNER_SC_CODE(__NR_io_pgetevents, PPM_SC_IO_PGETEVENTS)
#endif
#ifdef __NR_rseq
LANNER_SC_CODE(__NR_rseq, PPM_SC_RSEQ)
#endif
#ifdef __NR_uretprobe
LANNER_SC_CODE(__NR_uretprobe, PPM_SC_URETPROBE)
#endif
#ifdef __NR_pidfd_send_signal
LANNER_SC_CODE(__NR_pidfd_send_signal, PPM_SC_PIDFD_SEND_SIGNAL)
#endif
#ifdef __NR_io_uring_setup
LANNER_SC_CODE(__NR_io_uring_setup, PPM_SC_IO_URING_SETUP)
#endif
#ifdef __NR_io_uring_enter
LANNER_SC_CODE(__NR_io_uring_enter, PPM_SC_IO_URING_ENTER)
#endif
#ifdef __NR_io_uring_register
LANNER_SC_CODE(__NR_io_uring_register, PPM_SC_IO_URING_REGISTER)
#endif
#ifdef __NR_open_tree
LANNER_SC_CODE(__NR_open_tree, PPM_SC_OPEN_TREE)
#endif
#ifdef __NR_move_mount
LANNER_SC_CODE(__NR_move_mount, PPM_SC_MOVE_MOUNT)
#endif
#ifdef __NR_fsopen
LANNER_SC_CODE(__NR_fsopen, PPM_SC_FSOPEN)
#endif
#ifdef __NR_fsconfig
LANNER_SC_CODE(__NR_fsconfig, PPM_SC_FSCONFIG)
#endif
#ifdef __NR_fsmount
LANNER_SC_CODE(__NR_fsmount, PPM_SC_FSMOUNT)
#endif
#ifdef __NR_fspick
LANNER_SC_CODE(__NR_fspick, PPM_SC_FSPICK)
#endif
#ifdef __NR_pidfd_open
LANNER_SC_CODE(__NR_pidfd_open, PPM_SC_PIDFD_OPEN)
#endif
#ifdef __NR_clone3
LANNER_SC_CODE(__NR_clone3, PPM_SC_CLONE3)
#endif
#ifdef __NR_close_range
LANNER_SC_CODE(__NR_close_range, PPM_SC_CLOSE_RANGE)
#endif
#ifdef __NR_openat2
LANNER_SC_CODE(__NR_openat2, PPM_SC_OPENAT2)
#endif
#ifdef __NR_pidfd_getfd
LANNER_SC_CODE(__NR_pidfd_getfd, PPM_SC_PIDFD_GETFD)
#endif
#ifdef __NR_faccessat2
LANNER_SC_CODE(__NR_faccessat2, PPM_SC_FACCESSAT2)
#endif
#ifdef __NR_process_madvise
LANNER_SC_CODE(__NR_process_madvise, PPM_SC_PROCESS_MADVISE)
#endif
#ifdef __NR_epoll_pwait2
LANNER_SC_CODE(__NR_epoll_pwait2, PPM_SC_EPOLL_PWAIT2)
#endif
#ifdef __NR_mount_setattr
LANNER_SC_CODE(__NR_mount_setattr, PPM_SC_MOUNT_SETATTR)
#endif
#ifdef __NR_quotactl_fd
LANNER_SC_CODE(__NR_quotactl_fd, PPM_SC_QUOTACTL_FD)
#endif
#ifdef __NR_landlock_create_ruleset
LANNER_SC_CODE(__NR_landlock_create_ruleset, PPM_SC_LANDLOCK_CREATE_RULESET)
#endif
#ifdef __NR_landlock_add_rule
LANNER_SC_CODE(__NR_landlock_add_rule, PPM_SC_LANDLOCK_ADD_RULE)
#endif
#ifdef __NR_landlock_restrict_self
LANNER_SC_CODE(__NR_landlock_restrict_self, PPM_SC_LANDLOCK_RESTRICT_SELF)
#endif
#ifdef __NR_memfd_secret
LANNER_SC_CODE(__NR_memfd_secret, PPM_SC_MEMFD_SECRET)
#endif
#ifdef __NR_process_mrelease
LANNER_SC_CODE(__NR_process_mrelease, PPM_SC_PROCESS_MRELEASE)
#endif
#ifdef __NR_futex_waitv
LANNER_SC_CODE(__NR_futex_waitv, PPM_SC_FUTEX_WAITV)
#endif
#ifdef __NR_set_mempolicy_home_node
LANNER_SC_CODE(__NR_set_mempolicy_home_node, PPM_SC_SET_MEMPOLICY_HOME_NODE)
#endif
#ifdef __NR_cachestat
LANNER_SC_CODE(__NR_cachestat, PPM_SC_CACHESTAT)
#endif
#ifdef __NR_fchmodat2
LANNER_SC_CODE(__NR_fchmodat2, PPM_SC_FCHMODAT2)
#endif
#ifdef __NR_map_shadow_stack
LANNER_SC_CODE(__NR_map_shadow_stack, PPM_SC_MAP_SHADOW_STACK)
#endif
#ifdef __NR_futex_wake
LANNER_SC_CODE(__NR_futex_wake, PPM_SC_FUTEX_WAKE)
#endif
#ifdef __NR_futex_wait
LANNER_SC_CODE(__NR_futex_wait, PPM_SC_FUTEX_WAIT)
#endif
#ifdef __NR_futex_requeue
LANNER_SC_CODE(__NR_futex_requeue, PPM_SC_FUTEX_REQUEUE)
#endif
#ifdef __NR_statmount
LANNER_SC_CODE(__NR_statmount, PPM_SC_STATMOUNT)
#endif
#ifdef __NR_listmount
LANNER_SC_CODE(__NR_listmount, PPM_SC_LISTMOUNT)
#endif
#ifdef __NR_lsm_get_self_attr
LANNER_SC_CODE(__NR_lsm_get_self_attr, PPM_SC_LSM_GET_SELF_ATTR)
#endif
#ifdef __NR_lsm_set_self_attr
LANNER_SC_CODE(__NR_lsm_set_self_attr, PPM_SC_LSM_SET_SELF_ATTR)
#endif
#ifdef __NR_lsm_list_modules
LANNER_SC_CODE(__NR_lsm_list_modules, PPM_SC_LSM_LIST_MODULES)
#endif
#ifdef __NR_mseal
LANNER_SC_CODE(__NR_mseal, PPM_SC_MSEAL)
#endif
#endif /* LANNER_SC_CODE */
