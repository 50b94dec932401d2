// SPDX-License-Identifier: GPL-2.0-only
/*
 * syscall_codes.c - native syscall number to Falco's portable PPM_SC_*
 * code, the "ID" of GENERIC_X records.
 *
 * Owns: the x86_64 table. Every x86_64 syscall whose name has a PPM_SC_*
 * code (same name, upper case) maps to it; the five numbers Falco has no
 * code for (putpmsg, afs_syscall, tuxcall, security, vserver) and numbers
 * beyond the table give PPM_SC_UNKNOWN. Numbers up to 313 (finit_module)
 * exist in every x86_64 kernel lanner builds for (3.10+); newer ones are
 * guarded by their __NR_ name. Other architectures get PPM_SC_UNKNOWN for
 * every syscall until they have a table. Must never: guess a code.
 */
#include <linux/kernel.h>
#include <linux/unistd.h>
#include "lanner.h"

#ifdef CONFIG_X86_64
static const u16 lanner_sc_codes[LANNER_NR_SYSCALLS] = {
	[__NR_read] = PPM_SC_READ, [__NR_write] = PPM_SC_WRITE,
	[__NR_open] = PPM_SC_OPEN, [__NR_close] = PPM_SC_CLOSE,
	[__NR_stat] = PPM_SC_STAT, [__NR_fstat] = PPM_SC_FSTAT,
	[__NR_lstat] = PPM_SC_LSTAT, [__NR_poll] = PPM_SC_POLL,
	[__NR_lseek] = PPM_SC_LSEEK, [__NR_mmap] = PPM_SC_MMAP,
	[__NR_mprotect] = PPM_SC_MPROTECT, [__NR_munmap] = PPM_SC_MUNMAP,
	[__NR_brk] = PPM_SC_BRK, [__NR_rt_sigaction] = PPM_SC_RT_SIGACTION,
	[__NR_rt_sigprocmask] = PPM_SC_RT_SIGPROCMASK,
	[__NR_rt_sigreturn] = PPM_SC_RT_SIGRETURN, [__NR_ioctl] = PPM_SC_IOCTL,
	[__NR_pread64] = PPM_SC_PREAD64, [__NR_pwrite64] = PPM_SC_PWRITE64,
	[__NR_readv] = PPM_SC_READV, [__NR_writev] = PPM_SC_WRITEV,
	[__NR_access] = PPM_SC_ACCESS, [__NR_pipe] = PPM_SC_PIPE,
	[__NR_select] = PPM_SC_SELECT, [__NR_sched_yield] = PPM_SC_SCHED_YIELD,
	[__NR_mremap] = PPM_SC_MREMAP, [__NR_msync] = PPM_SC_MSYNC,
	[__NR_mincore] = PPM_SC_MINCORE, [__NR_madvise] = PPM_SC_MADVISE,
	[__NR_shmget] = PPM_SC_SHMGET, [__NR_shmat] = PPM_SC_SHMAT,
	[__NR_shmctl] = PPM_SC_SHMCTL, [__NR_dup] = PPM_SC_DUP,
	[__NR_dup2] = PPM_SC_DUP2, [__NR_pause] = PPM_SC_PAUSE,
	[__NR_nanosleep] = PPM_SC_NANOSLEEP,
	[__NR_getitimer] = PPM_SC_GETITIMER, [__NR_alarm] = PPM_SC_ALARM,
	[__NR_setitimer] = PPM_SC_SETITIMER, [__NR_getpid] = PPM_SC_GETPID,
	[__NR_sendfile] = PPM_SC_SENDFILE, [__NR_socket] = PPM_SC_SOCKET,
	[__NR_connect] = PPM_SC_CONNECT, [__NR_accept] = PPM_SC_ACCEPT,
	[__NR_sendto] = PPM_SC_SENDTO, [__NR_recvfrom] = PPM_SC_RECVFROM,
	[__NR_sendmsg] = PPM_SC_SENDMSG, [__NR_recvmsg] = PPM_SC_RECVMSG,
	[__NR_shutdown] = PPM_SC_SHUTDOWN, [__NR_bind] = PPM_SC_BIND,
	[__NR_listen] = PPM_SC_LISTEN, [__NR_getsockname] = PPM_SC_GETSOCKNAME,
	[__NR_getpeername] = PPM_SC_GETPEERNAME,
	[__NR_socketpair] = PPM_SC_SOCKETPAIR,
	[__NR_setsockopt] = PPM_SC_SETSOCKOPT,
	[__NR_getsockopt] = PPM_SC_GETSOCKOPT, [__NR_clone] = PPM_SC_CLONE,
	[__NR_fork] = PPM_SC_FORK, [__NR_vfork] = PPM_SC_VFORK,
	[__NR_execve] = PPM_SC_EXECVE, [__NR_exit] = PPM_SC_EXIT,
	[__NR_wait4] = PPM_SC_WAIT4, [__NR_kill] = PPM_SC_KILL,
	[__NR_uname] = PPM_SC_UNAME, [__NR_semget] = PPM_SC_SEMGET,
	[__NR_semop] = PPM_SC_SEMOP, [__NR_semctl] = PPM_SC_SEMCTL,
	[__NR_shmdt] = PPM_SC_SHMDT, [__NR_msgget] = PPM_SC_MSGGET,
	[__NR_msgsnd] = PPM_SC_MSGSND, [__NR_msgrcv] = PPM_SC_MSGRCV,
	[__NR_msgctl] = PPM_SC_MSGCTL, [__NR_fcntl] = PPM_SC_FCNTL,
	[__NR_flock] = PPM_SC_FLOCK, [__NR_fsync] = PPM_SC_FSYNC,
	[__NR_fdatasync] = PPM_SC_FDATASYNC, [__NR_truncate] = PPM_SC_TRUNCATE,
	[__NR_ftruncate] = PPM_SC_FTRUNCATE, [__NR_getdents] = PPM_SC_GETDENTS,
	[__NR_getcwd] = PPM_SC_GETCWD, [__NR_chdir] = PPM_SC_CHDIR,
	[__NR_fchdir] = PPM_SC_FCHDIR, [__NR_rename] = PPM_SC_RENAME,
	[__NR_mkdir] = PPM_SC_MKDIR, [__NR_rmdir] = PPM_SC_RMDIR,
	[__NR_creat] = PPM_SC_CREAT, [__NR_link] = PPM_SC_LINK,
	[__NR_unlink] = PPM_SC_UNLINK, [__NR_symlink] = PPM_SC_SYMLINK,
	[__NR_readlink] = PPM_SC_READLINK, [__NR_chmod] = PPM_SC_CHMOD,
	[__NR_fchmod] = PPM_SC_FCHMOD, [__NR_chown] = PPM_SC_CHOWN,
	[__NR_fchown] = PPM_SC_FCHOWN, [__NR_lchown] = PPM_SC_LCHOWN,
	[__NR_umask] = PPM_SC_UMASK, [__NR_gettimeofday] = PPM_SC_GETTIMEOFDAY,
	[__NR_getrlimit] = PPM_SC_GETRLIMIT,
	[__NR_getrusage] = PPM_SC_GETRUSAGE, [__NR_sysinfo] = PPM_SC_SYSINFO,
	[__NR_times] = PPM_SC_TIMES, [__NR_ptrace] = PPM_SC_PTRACE,
	[__NR_getuid] = PPM_SC_GETUID, [__NR_syslog] = PPM_SC_SYSLOG,
	[__NR_getgid] = PPM_SC_GETGID, [__NR_setuid] = PPM_SC_SETUID,
	[__NR_setgid] = PPM_SC_SETGID, [__NR_geteuid] = PPM_SC_GETEUID,
	[__NR_getegid] = PPM_SC_GETEGID, [__NR_setpgid] = PPM_SC_SETPGID,
	[__NR_getppid] = PPM_SC_GETPPID, [__NR_getpgrp] = PPM_SC_GETPGRP,
	[__NR_setsid] = PPM_SC_SETSID, [__NR_setreuid] = PPM_SC_SETREUID,
	[__NR_setregid] = PPM_SC_SETREGID, [__NR_getgroups] = PPM_SC_GETGROUPS,
	[__NR_setgroups] = PPM_SC_SETGROUPS,
	[__NR_setresuid] = PPM_SC_SETRESUID,
	[__NR_getresuid] = PPM_SC_GETRESUID,
	[__NR_setresgid] = PPM_SC_SETRESGID,
	[__NR_getresgid] = PPM_SC_GETRESGID, [__NR_getpgid] = PPM_SC_GETPGID,
	[__NR_setfsuid] = PPM_SC_SETFSUID, [__NR_setfsgid] = PPM_SC_SETFSGID,
	[__NR_getsid] = PPM_SC_GETSID, [__NR_capget] = PPM_SC_CAPGET,
	[__NR_capset] = PPM_SC_CAPSET,
	[__NR_rt_sigpending] = PPM_SC_RT_SIGPENDING,
	[__NR_rt_sigtimedwait] = PPM_SC_RT_SIGTIMEDWAIT,
	[__NR_rt_sigqueueinfo] = PPM_SC_RT_SIGQUEUEINFO,
	[__NR_rt_sigsuspend] = PPM_SC_RT_SIGSUSPEND,
	[__NR_sigaltstack] = PPM_SC_SIGALTSTACK, [__NR_utime] = PPM_SC_UTIME,
	[__NR_mknod] = PPM_SC_MKNOD, [__NR_uselib] = PPM_SC_USELIB,
	[__NR_personality] = PPM_SC_PERSONALITY, [__NR_ustat] = PPM_SC_USTAT,
	[__NR_statfs] = PPM_SC_STATFS, [__NR_fstatfs] = PPM_SC_FSTATFS,
	[__NR_sysfs] = PPM_SC_SYSFS, [__NR_getpriority] = PPM_SC_GETPRIORITY,
	[__NR_setpriority] = PPM_SC_SETPRIORITY,
	[__NR_sched_setparam] = PPM_SC_SCHED_SETPARAM,
	[__NR_sched_getparam] = PPM_SC_SCHED_GETPARAM,
	[__NR_sched_setscheduler] = PPM_SC_SCHED_SETSCHEDULER,
	[__NR_sched_getscheduler] = PPM_SC_SCHED_GETSCHEDULER,
	[__NR_sched_get_priority_max] = PPM_SC_SCHED_GET_PRIORITY_MAX,
	[__NR_sched_get_priority_min] = PPM_SC_SCHED_GET_PRIORITY_MIN,
	[__NR_sched_rr_get_interval] = PPM_SC_SCHED_RR_GET_INTERVAL,
	[__NR_mlock] = PPM_SC_MLOCK, [__NR_munlock] = PPM_SC_MUNLOCK,
	[__NR_mlockall] = PPM_SC_MLOCKALL,
	[__NR_munlockall] = PPM_SC_MUNLOCKALL, [__NR_vhangup] = PPM_SC_VHANGUP,
	[__NR_modify_ldt] = PPM_SC_MODIFY_LDT,
	[__NR_pivot_root] = PPM_SC_PIVOT_ROOT, [__NR__sysctl] = PPM_SC__SYSCTL,
	[__NR_prctl] = PPM_SC_PRCTL, [__NR_arch_prctl] = PPM_SC_ARCH_PRCTL,
	[__NR_adjtimex] = PPM_SC_ADJTIMEX, [__NR_setrlimit] = PPM_SC_SETRLIMIT,
	[__NR_chroot] = PPM_SC_CHROOT, [__NR_sync] = PPM_SC_SYNC,
	[__NR_acct] = PPM_SC_ACCT, [__NR_settimeofday] = PPM_SC_SETTIMEOFDAY,
	[__NR_mount] = PPM_SC_MOUNT, [__NR_umount2] = PPM_SC_UMOUNT2,
	[__NR_swapon] = PPM_SC_SWAPON, [__NR_swapoff] = PPM_SC_SWAPOFF,
	[__NR_reboot] = PPM_SC_REBOOT, [__NR_sethostname] = PPM_SC_SETHOSTNAME,
	[__NR_setdomainname] = PPM_SC_SETDOMAINNAME, [__NR_iopl] = PPM_SC_IOPL,
	[__NR_ioperm] = PPM_SC_IOPERM,
	[__NR_create_module] = PPM_SC_CREATE_MODULE,
	[__NR_init_module] = PPM_SC_INIT_MODULE,
	[__NR_delete_module] = PPM_SC_DELETE_MODULE,
	[__NR_get_kernel_syms] = PPM_SC_GET_KERNEL_SYMS,
	[__NR_query_module] = PPM_SC_QUERY_MODULE,
	[__NR_quotactl] = PPM_SC_QUOTACTL,
	[__NR_nfsservctl] = PPM_SC_NFSSERVCTL, [__NR_getpmsg] = PPM_SC_GETPMSG,
	[__NR_gettid] = PPM_SC_GETTID, [__NR_readahead] = PPM_SC_READAHEAD,
	[__NR_setxattr] = PPM_SC_SETXATTR, [__NR_lsetxattr] = PPM_SC_LSETXATTR,
	[__NR_fsetxattr] = PPM_SC_FSETXATTR, [__NR_getxattr] = PPM_SC_GETXATTR,
	[__NR_lgetxattr] = PPM_SC_LGETXATTR,
	[__NR_fgetxattr] = PPM_SC_FGETXATTR,
	[__NR_listxattr] = PPM_SC_LISTXATTR,
	[__NR_llistxattr] = PPM_SC_LLISTXATTR,
	[__NR_flistxattr] = PPM_SC_FLISTXATTR,
	[__NR_removexattr] = PPM_SC_REMOVEXATTR,
	[__NR_lremovexattr] = PPM_SC_LREMOVEXATTR,
	[__NR_fremovexattr] = PPM_SC_FREMOVEXATTR, [__NR_tkill] = PPM_SC_TKILL,
	[__NR_time] = PPM_SC_TIME, [__NR_futex] = PPM_SC_FUTEX,
	[__NR_sched_setaffinity] = PPM_SC_SCHED_SETAFFINITY,
	[__NR_sched_getaffinity] = PPM_SC_SCHED_GETAFFINITY,
	[__NR_set_thread_area] = PPM_SC_SET_THREAD_AREA,
	[__NR_io_setup] = PPM_SC_IO_SETUP,
	[__NR_io_destroy] = PPM_SC_IO_DESTROY,
	[__NR_io_getevents] = PPM_SC_IO_GETEVENTS,
	[__NR_io_submit] = PPM_SC_IO_SUBMIT,
	[__NR_io_cancel] = PPM_SC_IO_CANCEL,
	[__NR_get_thread_area] = PPM_SC_GET_THREAD_AREA,
	[__NR_lookup_dcookie] = PPM_SC_LOOKUP_DCOOKIE,
	[__NR_epoll_create] = PPM_SC_EPOLL_CREATE,
	[__NR_epoll_ctl_old] = PPM_SC_EPOLL_CTL_OLD,
	[__NR_epoll_wait_old] = PPM_SC_EPOLL_WAIT_OLD,
	[__NR_remap_file_pages] = PPM_SC_REMAP_FILE_PAGES,
	[__NR_getdents64] = PPM_SC_GETDENTS64,
	[__NR_set_tid_address] = PPM_SC_SET_TID_ADDRESS,
	[__NR_restart_syscall] = PPM_SC_RESTART_SYSCALL,
	[__NR_semtimedop] = PPM_SC_SEMTIMEDOP,
	[__NR_fadvise64] = PPM_SC_FADVISE64,
	[__NR_timer_create] = PPM_SC_TIMER_CREATE,
	[__NR_timer_settime] = PPM_SC_TIMER_SETTIME,
	[__NR_timer_gettime] = PPM_SC_TIMER_GETTIME,
	[__NR_timer_getoverrun] = PPM_SC_TIMER_GETOVERRUN,
	[__NR_timer_delete] = PPM_SC_TIMER_DELETE,
	[__NR_clock_settime] = PPM_SC_CLOCK_SETTIME,
	[__NR_clock_gettime] = PPM_SC_CLOCK_GETTIME,
	[__NR_clock_getres] = PPM_SC_CLOCK_GETRES,
	[__NR_clock_nanosleep] = PPM_SC_CLOCK_NANOSLEEP,
	[__NR_exit_group] = PPM_SC_EXIT_GROUP,
	[__NR_epoll_wait] = PPM_SC_EPOLL_WAIT,
	[__NR_epoll_ctl] = PPM_SC_EPOLL_CTL, [__NR_tgkill] = PPM_SC_TGKILL,
	[__NR_utimes] = PPM_SC_UTIMES, [__NR_mbind] = PPM_SC_MBIND,
	[__NR_set_mempolicy] = PPM_SC_SET_MEMPOLICY,
	[__NR_get_mempolicy] = PPM_SC_GET_MEMPOLICY,
	[__NR_mq_open] = PPM_SC_MQ_OPEN, [__NR_mq_unlink] = PPM_SC_MQ_UNLINK,
	[__NR_mq_timedsend] = PPM_SC_MQ_TIMEDSEND,
	[__NR_mq_timedreceive] = PPM_SC_MQ_TIMEDRECEIVE,
	[__NR_mq_notify] = PPM_SC_MQ_NOTIFY,
	[__NR_mq_getsetattr] = PPM_SC_MQ_GETSETATTR,
	[__NR_kexec_load] = PPM_SC_KEXEC_LOAD, [__NR_waitid] = PPM_SC_WAITID,
	[__NR_add_key] = PPM_SC_ADD_KEY,
	[__NR_request_key] = PPM_SC_REQUEST_KEY, [__NR_keyctl] = PPM_SC_KEYCTL,
	[__NR_ioprio_set] = PPM_SC_IOPRIO_SET,
	[__NR_ioprio_get] = PPM_SC_IOPRIO_GET,
	[__NR_inotify_init] = PPM_SC_INOTIFY_INIT,
	[__NR_inotify_add_watch] = PPM_SC_INOTIFY_ADD_WATCH,
	[__NR_inotify_rm_watch] = PPM_SC_INOTIFY_RM_WATCH,
	[__NR_migrate_pages] = PPM_SC_MIGRATE_PAGES,
	[__NR_openat] = PPM_SC_OPENAT, [__NR_mkdirat] = PPM_SC_MKDIRAT,
	[__NR_mknodat] = PPM_SC_MKNODAT, [__NR_fchownat] = PPM_SC_FCHOWNAT,
	[__NR_futimesat] = PPM_SC_FUTIMESAT,
	[__NR_newfstatat] = PPM_SC_NEWFSTATAT,
	[__NR_unlinkat] = PPM_SC_UNLINKAT, [__NR_renameat] = PPM_SC_RENAMEAT,
	[__NR_linkat] = PPM_SC_LINKAT, [__NR_symlinkat] = PPM_SC_SYMLINKAT,
	[__NR_readlinkat] = PPM_SC_READLINKAT,
	[__NR_fchmodat] = PPM_SC_FCHMODAT, [__NR_faccessat] = PPM_SC_FACCESSAT,
	[__NR_pselect6] = PPM_SC_PSELECT6, [__NR_ppoll] = PPM_SC_PPOLL,
	[__NR_unshare] = PPM_SC_UNSHARE,
	[__NR_set_robust_list] = PPM_SC_SET_ROBUST_LIST,
	[__NR_get_robust_list] = PPM_SC_GET_ROBUST_LIST,
	[__NR_splice] = PPM_SC_SPLICE, [__NR_tee] = PPM_SC_TEE,
	[__NR_sync_file_range] = PPM_SC_SYNC_FILE_RANGE,
	[__NR_vmsplice] = PPM_SC_VMSPLICE,
	[__NR_move_pages] = PPM_SC_MOVE_PAGES,
	[__NR_utimensat] = PPM_SC_UTIMENSAT,
	[__NR_epoll_pwait] = PPM_SC_EPOLL_PWAIT,
	[__NR_signalfd] = PPM_SC_SIGNALFD,
	[__NR_timerfd_create] = PPM_SC_TIMERFD_CREATE,
	[__NR_eventfd] = PPM_SC_EVENTFD, [__NR_fallocate] = PPM_SC_FALLOCATE,
	[__NR_timerfd_settime] = PPM_SC_TIMERFD_SETTIME,
	[__NR_timerfd_gettime] = PPM_SC_TIMERFD_GETTIME,
	[__NR_accept4] = PPM_SC_ACCEPT4, [__NR_signalfd4] = PPM_SC_SIGNALFD4,
	[__NR_eventfd2] = PPM_SC_EVENTFD2,
	[__NR_epoll_create1] = PPM_SC_EPOLL_CREATE1, [__NR_dup3] = PPM_SC_DUP3,
	[__NR_pipe2] = PPM_SC_PIPE2,
	[__NR_inotify_init1] = PPM_SC_INOTIFY_INIT1,
	[__NR_preadv] = PPM_SC_PREADV, [__NR_pwritev] = PPM_SC_PWRITEV,
	[__NR_rt_tgsigqueueinfo] = PPM_SC_RT_TGSIGQUEUEINFO,
	[__NR_perf_event_open] = PPM_SC_PERF_EVENT_OPEN,
	[__NR_recvmmsg] = PPM_SC_RECVMMSG,
	[__NR_fanotify_init] = PPM_SC_FANOTIFY_INIT,
	[__NR_fanotify_mark] = PPM_SC_FANOTIFY_MARK,
	[__NR_prlimit64] = PPM_SC_PRLIMIT64,
	[__NR_name_to_handle_at] = PPM_SC_NAME_TO_HANDLE_AT,
	[__NR_open_by_handle_at] = PPM_SC_OPEN_BY_HANDLE_AT,
	[__NR_clock_adjtime] = PPM_SC_CLOCK_ADJTIME,
	[__NR_syncfs] = PPM_SC_SYNCFS, [__NR_sendmmsg] = PPM_SC_SENDMMSG,
	[__NR_setns] = PPM_SC_SETNS, [__NR_getcpu] = PPM_SC_GETCPU,
	[__NR_process_vm_readv] = PPM_SC_PROCESS_VM_READV,
	[__NR_process_vm_writev] = PPM_SC_PROCESS_VM_WRITEV,
	[__NR_kcmp] = PPM_SC_KCMP, [__NR_finit_module] = PPM_SC_FINIT_MODULE,
#ifdef __NR_sched_setattr
	[__NR_sched_setattr] = PPM_SC_SCHED_SETATTR,
#endif
#ifdef __NR_sched_getattr
	[__NR_sched_getattr] = PPM_SC_SCHED_GETATTR,
#endif
#ifdef __NR_renameat2
	[__NR_renameat2] = PPM_SC_RENAMEAT2,
#endif
#ifdef __NR_seccomp
	[__NR_seccomp] = PPM_SC_SECCOMP,
#endif
#ifdef __NR_getrandom
	[__NR_getrandom] = PPM_SC_GETRANDOM,
#endif
#ifdef __NR_memfd_create
	[__NR_memfd_create] = PPM_SC_MEMFD_CREATE,
#endif
#ifdef __NR_kexec_file_load
	[__NR_kexec_file_load] = PPM_SC_KEXEC_FILE_LOAD,
#endif
#ifdef __NR_bpf
	[__NR_bpf] = PPM_SC_BPF,
#endif
#ifdef __NR_execveat
	[__NR_execveat] = PPM_SC_EXECVEAT,
#endif
#ifdef __NR_userfaultfd
	[__NR_userfaultfd] = PPM_SC_USERFAULTFD,
#endif
#ifdef __NR_membarrier
	[__NR_membarrier] = PPM_SC_MEMBARRIER,
#endif
#ifdef __NR_mlock2
	[__NR_mlock2] = PPM_SC_MLOCK2,
#endif
#ifdef __NR_copy_file_range
	[__NR_copy_file_range] = PPM_SC_COPY_FILE_RANGE,
#endif
#ifdef __NR_preadv2
	[__NR_preadv2] = PPM_SC_PREADV2,
#endif
#ifdef __NR_pwritev2
	[__NR_pwritev2] = PPM_SC_PWRITEV2,
#endif
#ifdef __NR_pkey_mprotect
	[__NR_pkey_mprotect] = PPM_SC_PKEY_MPROTECT,
#endif
#ifdef __NR_pkey_alloc
	[__NR_pkey_alloc] = PPM_SC_PKEY_ALLOC,
#endif
#ifdef __NR_pkey_free
	[__NR_pkey_free] = PPM_SC_PKEY_FREE,
#endif
#ifdef __NR_statx
	[__NR_statx] = PPM_SC_STATX,
#endif
#ifdef __NR_io_pgetevents
	[__NR_io_pgetevents] = PPM_SC_IO_PGETEVENTS,
#endif
#ifdef __NR_rseq
	[__NR_rseq] = PPM_SC_RSEQ,
#endif
#ifdef __NR_uretprobe
	[__NR_uretprobe] = PPM_SC_URETPROBE,
#endif
#ifdef __NR_pidfd_send_signal
	[__NR_pidfd_send_signal] = PPM_SC_PIDFD_SEND_SIGNAL,
#endif
#ifdef __NR_io_uring_setup
	[__NR_io_uring_setup] = PPM_SC_IO_URING_SETUP,
#endif
#ifdef __NR_io_uring_enter
	[__NR_io_uring_enter] = PPM_SC_IO_URING_ENTER,
#endif
#ifdef __NR_io_uring_register
	[__NR_io_uring_register] = PPM_SC_IO_URING_REGISTER,
#endif
#ifdef __NR_open_tree
	[__NR_open_tree] = PPM_SC_OPEN_TREE,
#endif
#ifdef __NR_move_mount
	[__NR_move_mount] = PPM_SC_MOVE_MOUNT,
#endif
#ifdef __NR_fsopen
	[__NR_fsopen] = PPM_SC_FSOPEN,
#endif
#ifdef __NR_fsconfig
	[__NR_fsconfig] = PPM_SC_FSCONFIG,
#endif
#ifdef __NR_fsmount
	[__NR_fsmount] = PPM_SC_FSMOUNT,
#endif
#ifdef __NR_fspick
	[__NR_fspick] = PPM_SC_FSPICK,
#endif
#ifdef __NR_pidfd_open
	[__NR_pidfd_open] = PPM_SC_PIDFD_OPEN,
#endif
#ifdef __NR_clone3
	[__NR_clone3] = PPM_SC_CLONE3,
#endif
#ifdef __NR_close_range
	[__NR_close_range] = PPM_SC_CLOSE_RANGE,
#endif
#ifdef __NR_openat2
	[__NR_openat2] = PPM_SC_OPENAT2,
#endif
#ifdef __NR_pidfd_getfd
	[__NR_pidfd_getfd] = PPM_SC_PIDFD_GETFD,
#endif
#ifdef __NR_faccessat2
	[__NR_faccessat2] = PPM_SC_FACCESSAT2,
#endif
#ifdef __NR_process_madvise
	[__NR_process_madvise] = PPM_SC_PROCESS_MADVISE,
#endif
#ifdef __NR_epoll_pwait2
	[__NR_epoll_pwait2] = PPM_SC_EPOLL_PWAIT2,
#endif
#ifdef __NR_mount_setattr
	[__NR_mount_setattr] = PPM_SC_MOUNT_SETATTR,
#endif
#ifdef __NR_quotactl_fd
	[__NR_quotactl_fd] = PPM_SC_QUOTACTL_FD,
#endif
#ifdef __NR_landlock_create_ruleset
	[__NR_landlock_create_ruleset] = PPM_SC_LANDLOCK_CREATE_RULESET,
#endif
#ifdef __NR_landlock_add_rule
	[__NR_landlock_add_rule] = PPM_SC_LANDLOCK_ADD_RULE,
#endif
#ifdef __NR_landlock_restrict_self
	[__NR_landlock_restrict_self] = PPM_SC_LANDLOCK_RESTRICT_SELF,
#endif
#ifdef __NR_memfd_secret
	[__NR_memfd_secret] = PPM_SC_MEMFD_SECRET,
#endif
#ifdef __NR_process_mrelease
	[__NR_process_mrelease] = PPM_SC_PROCESS_MRELEASE,
#endif
#ifdef __NR_futex_waitv
	[__NR_futex_waitv] = PPM_SC_FUTEX_WAITV,
#endif
#ifdef __NR_set_mempolicy_home_node
	[__NR_set_mempolicy_home_node] = PPM_SC_SET_MEMPOLICY_HOME_NODE,
#endif
#ifdef __NR_cachestat
	[__NR_cachestat] = PPM_SC_CACHESTAT,
#endif
#ifdef __NR_fchmodat2
	[__NR_fchmodat2] = PPM_SC_FCHMODAT2,
#endif
#ifdef __NR_map_shadow_stack
	[__NR_map_shadow_stack] = PPM_SC_MAP_SHADOW_STACK,
#endif
#ifdef __NR_futex_wake
	[__NR_futex_wake] = PPM_SC_FUTEX_WAKE,
#endif
#ifdef __NR_futex_wait
	[__NR_futex_wait] = PPM_SC_FUTEX_WAIT,
#endif
#ifdef __NR_futex_requeue
	[__NR_futex_requeue] = PPM_SC_FUTEX_REQUEUE,
#endif
#ifdef __NR_statmount
	[__NR_statmount] = PPM_SC_STATMOUNT,
#endif
#ifdef __NR_listmount
	[__NR_listmount] = PPM_SC_LISTMOUNT,
#endif
#ifdef __NR_lsm_get_self_attr
	[__NR_lsm_get_self_attr] = PPM_SC_LSM_GET_SELF_ATTR,
#endif
#ifdef __NR_lsm_set_self_attr
	[__NR_lsm_set_self_attr] = PPM_SC_LSM_SET_SELF_ATTR,
#endif
#ifdef __NR_lsm_list_modules
	[__NR_lsm_list_modules] = PPM_SC_LSM_LIST_MODULES,
#endif
#ifdef __NR_mseal
	[__NR_mseal] = PPM_SC_MSEAL,
#endif
};

u16 lanner_ppm_sc(long nr)
{
	if (nr < 0 || nr >= ARRAY_SIZE(lanner_sc_codes))
		return PPM_SC_UNKNOWN;
	return lanner_sc_codes[nr];
}
#else
u16 lanner_ppm_sc(long nr)
{
	return PPM_SC_UNKNOWN;
}
#endif /* CONFIG_X86_64 */
