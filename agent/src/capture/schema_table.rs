//! Facts of Falco's event schema (4.5.1) for every event code, old versions
//! and enter events included: name, whether the code is an old version, and
//! the parameters' names and `PT_*` types in wire order. lanner's own table
//! (`lanner_abi`) lists only the exit events it emits; replaying captures
//! written by other drivers and older versions needs all of them.
//!
//! Owns: this data only (generated once from the schema's names and types;
//! regenerate, do not hand-edit). Must never: hold behaviour.

/// One event code of the full schema.
#[derive(Debug, Clone, Copy)]
pub struct SchemaEvent {
    pub code: u16,
    /// Falco's event name (`evt.type`), shared by all versions of a syscall.
    pub name: &'static str,
    /// Marked as an old version: no current driver writes it.
    pub old: bool,
    /// Parameter names and `PT_*` types, in wire order.
    pub params: &'static [(&'static str, u8)],
}

#[allow(non_snake_case)]
const fn E(
    code: u16,
    name: &'static str,
    old: bool,
    params: &'static [(&'static str, u8)],
) -> SchemaEvent {
    SchemaEvent {
        code,
        name,
        old,
        params,
    }
}

/// Every used event code, ascending.
#[rustfmt::skip]
pub static EVENTS: &[SchemaEvent] = &[
    E(0, "syscall", true, &[("ID", 18), ("nativeID", 6)]), // PPME_GENERIC_E
    E(1, "syscall", false, &[("ID", 18), ("nativeID", 6)]), // PPME_GENERIC_X
    E(2, "open", false, &[("name", 17), ("flags", 30), ("mode", 7)]), // PPME_SYSCALL_OPEN_E
    E(3, "open", false, &[("fd", 14), ("name", 17), ("flags", 30), ("mode", 7), ("dev", 7), ("ino", 8)]), // PPME_SYSCALL_OPEN_X
    E(4, "close", true, &[("fd", 14)]), // PPME_SYSCALL_CLOSE_E
    E(5, "close", false, &[("res", 11), ("fd", 14)]), // PPME_SYSCALL_CLOSE_X
    E(6, "read", true, &[("fd", 14), ("size", 7)]), // PPME_SYSCALL_READ_E
    E(7, "read", false, &[("res", 11), ("data", 10), ("fd", 14), ("size", 7)]), // PPME_SYSCALL_READ_X
    E(8, "write", true, &[("fd", 14), ("size", 7)]), // PPME_SYSCALL_WRITE_E
    E(9, "write", false, &[("res", 11), ("data", 10), ("fd", 14), ("size", 7)]), // PPME_SYSCALL_WRITE_X
    E(10, "brk", true, &[("size", 7)]), // PPME_SYSCALL_BRK_1_E
    E(11, "brk", true, &[("res", 8)]), // PPME_SYSCALL_BRK_1_X
    E(12, "execve", true, &[]), // PPME_SYSCALL_EXECVE_8_E
    E(13, "execve", true, &[("res", 11), ("exe", 9), ("args", 10), ("tid", 15), ("pid", 15), ("ptid", 15), ("cwd", 9), ("fdlimit", 8)]), // PPME_SYSCALL_EXECVE_8_X
    E(14, "clone", true, &[]), // PPME_SYSCALL_CLONE_11_E
    E(15, "clone", true, &[("res", 15), ("exe", 9), ("args", 10), ("tid", 15), ("pid", 15), ("ptid", 15), ("cwd", 9), ("fdlimit", 4), ("flags", 30), ("uid", 7), ("gid", 7)]), // PPME_SYSCALL_CLONE_11_X
    E(16, "procexit", true, &[]), // PPME_PROCEXIT_E
    E(18, "socket", true, &[("domain", 46), ("type", 7), ("proto", 7)]), // PPME_SOCKET_SOCKET_E
    E(19, "socket", false, &[("fd", 14), ("domain", 46), ("type", 7), ("proto", 7), ("flags", 30)]), // PPME_SOCKET_SOCKET_X
    E(20, "bind", true, &[("fd", 14)]), // PPME_SOCKET_BIND_E
    E(21, "bind", false, &[("res", 11), ("addr", 12), ("fd", 14)]), // PPME_SOCKET_BIND_X
    E(22, "connect", false, &[("fd", 14), ("addr", 12)]), // PPME_SOCKET_CONNECT_E
    E(23, "connect", false, &[("res", 11), ("tuple", 13), ("fd", 14), ("addr", 12)]), // PPME_SOCKET_CONNECT_X
    E(24, "listen", true, &[("fd", 14), ("backlog", 3)]), // PPME_SOCKET_LISTEN_E
    E(25, "listen", false, &[("res", 11), ("fd", 14), ("backlog", 3)]), // PPME_SOCKET_LISTEN_X
    E(26, "accept", true, &[]), // PPME_SOCKET_ACCEPT_E
    E(27, "accept", true, &[("fd", 14), ("tuple", 13), ("queuepct", 5)]), // PPME_SOCKET_ACCEPT_X
    E(28, "send", true, &[("fd", 14), ("size", 7)]), // PPME_SOCKET_SEND_E
    E(29, "send", false, &[("res", 11), ("data", 10), ("fd", 14), ("size", 7), ("tuple", 13)]), // PPME_SOCKET_SEND_X
    E(30, "sendto", true, &[("fd", 14), ("size", 7), ("tuple", 13)]), // PPME_SOCKET_SENDTO_E
    E(31, "sendto", false, &[("res", 11), ("data", 10), ("fd", 14), ("size", 7), ("tuple", 13)]), // PPME_SOCKET_SENDTO_X
    E(32, "recv", true, &[("fd", 14), ("size", 7)]), // PPME_SOCKET_RECV_E
    E(33, "recv", false, &[("res", 11), ("data", 10), ("fd", 14), ("size", 7), ("tuple", 13)]), // PPME_SOCKET_RECV_X
    E(34, "recvfrom", true, &[("fd", 14), ("size", 7)]), // PPME_SOCKET_RECVFROM_E
    E(35, "recvfrom", false, &[("res", 11), ("data", 10), ("tuple", 13), ("fd", 14), ("size", 7)]), // PPME_SOCKET_RECVFROM_X
    E(36, "shutdown", true, &[("fd", 14), ("how", 44)]), // PPME_SOCKET_SHUTDOWN_E
    E(37, "shutdown", false, &[("res", 11), ("fd", 14), ("how", 44)]), // PPME_SOCKET_SHUTDOWN_X
    E(38, "getsockname", true, &[]), // PPME_SOCKET_GETSOCKNAME_E
    E(39, "getsockname", false, &[]), // PPME_SOCKET_GETSOCKNAME_X
    E(40, "getpeername", true, &[]), // PPME_SOCKET_GETPEERNAME_E
    E(41, "getpeername", false, &[]), // PPME_SOCKET_GETPEERNAME_X
    E(42, "socketpair", true, &[("domain", 46), ("type", 7), ("proto", 7)]), // PPME_SOCKET_SOCKETPAIR_E
    E(43, "socketpair", false, &[("res", 11), ("fd1", 14), ("fd2", 14), ("source", 8), ("peer", 8), ("domain", 46), ("type", 7), ("proto", 7)]), // PPME_SOCKET_SOCKETPAIR_X
    E(44, "setsockopt", true, &[]), // PPME_SOCKET_SETSOCKOPT_E
    E(45, "setsockopt", false, &[("res", 11), ("fd", 14), ("level", 44), ("optname", 44), ("val", 27), ("optlen", 7)]), // PPME_SOCKET_SETSOCKOPT_X
    E(46, "getsockopt", true, &[]), // PPME_SOCKET_GETSOCKOPT_E
    E(47, "getsockopt", false, &[("res", 11), ("fd", 14), ("level", 44), ("optname", 44), ("val", 27), ("optlen", 7)]), // PPME_SOCKET_GETSOCKOPT_X
    E(48, "sendmsg", true, &[("fd", 14), ("size", 7), ("tuple", 13)]), // PPME_SOCKET_SENDMSG_E
    E(49, "sendmsg", false, &[("res", 11), ("data", 10), ("fd", 14), ("size", 7), ("tuple", 13)]), // PPME_SOCKET_SENDMSG_X
    E(50, "sendmmsg", true, &[]), // PPME_SOCKET_SENDMMSG_E
    E(51, "sendmmsg", false, &[("res", 11), ("fd", 14), ("size", 7), ("data", 10), ("tuple", 13)]), // PPME_SOCKET_SENDMMSG_X
    E(52, "recvmsg", true, &[("fd", 14)]), // PPME_SOCKET_RECVMSG_E
    E(53, "recvmsg", false, &[("res", 11), ("size", 7), ("data", 10), ("tuple", 13), ("msgcontrol", 10), ("fd", 14)]), // PPME_SOCKET_RECVMSG_X
    E(54, "recvmmsg", true, &[]), // PPME_SOCKET_RECVMMSG_E
    E(55, "recvmmsg", false, &[("res", 11), ("fd", 14), ("size", 7), ("data", 10), ("tuple", 13), ("msgcontrol", 10)]), // PPME_SOCKET_RECVMMSG_X
    E(56, "accept", true, &[("flags", 3)]), // PPME_SOCKET_ACCEPT4_E
    E(57, "accept", true, &[("fd", 14), ("tuple", 13), ("queuepct", 5)]), // PPME_SOCKET_ACCEPT4_X
    E(58, "creat", false, &[("name", 17), ("mode", 7)]), // PPME_SYSCALL_CREAT_E
    E(59, "creat", false, &[("fd", 14), ("name", 17), ("mode", 7), ("dev", 7), ("ino", 8), ("creat_flags", 29)]), // PPME_SYSCALL_CREAT_X
    E(60, "pipe", true, &[]), // PPME_SYSCALL_PIPE_E
    E(61, "pipe", false, &[("res", 11), ("fd1", 14), ("fd2", 14), ("ino", 8)]), // PPME_SYSCALL_PIPE_X
    E(62, "eventfd", true, &[("initval", 8), ("flags", 7)]), // PPME_SYSCALL_EVENTFD_E
    E(63, "eventfd", false, &[("res", 14), ("initval", 8), ("flags", 7)]), // PPME_SYSCALL_EVENTFD_X
    E(64, "futex", true, &[("addr", 8), ("op", 29), ("val", 8)]), // PPME_SYSCALL_FUTEX_E
    E(65, "futex", false, &[("res", 11), ("addr", 8), ("op", 29), ("val", 8)]), // PPME_SYSCALL_FUTEX_X
    E(66, "stat", true, &[]), // PPME_SYSCALL_STAT_E
    E(67, "stat", false, &[("res", 11), ("path", 17)]), // PPME_SYSCALL_STAT_X
    E(68, "lstat", true, &[]), // PPME_SYSCALL_LSTAT_E
    E(69, "lstat", false, &[("res", 11), ("path", 17)]), // PPME_SYSCALL_LSTAT_X
    E(70, "fstat", true, &[("fd", 14)]), // PPME_SYSCALL_FSTAT_E
    E(71, "fstat", false, &[("res", 11), ("fd", 14)]), // PPME_SYSCALL_FSTAT_X
    E(72, "stat64", true, &[]), // PPME_SYSCALL_STAT64_E
    E(73, "stat64", false, &[("res", 11), ("path", 17)]), // PPME_SYSCALL_STAT64_X
    E(74, "lstat64", true, &[]), // PPME_SYSCALL_LSTAT64_E
    E(75, "lstat64", false, &[("res", 11), ("path", 17)]), // PPME_SYSCALL_LSTAT64_X
    E(76, "fstat64", true, &[("fd", 14)]), // PPME_SYSCALL_FSTAT64_E
    E(77, "fstat64", false, &[("res", 11)]), // PPME_SYSCALL_FSTAT64_X
    E(78, "epoll_wait", true, &[("maxevents", 11)]), // PPME_SYSCALL_EPOLLWAIT_E
    E(79, "epoll_wait", false, &[("res", 11), ("maxevents", 11)]), // PPME_SYSCALL_EPOLLWAIT_X
    E(80, "poll", true, &[("fds", 16), ("timeout", 4)]), // PPME_SYSCALL_POLL_E
    E(81, "poll", false, &[("res", 11), ("fds", 16), ("timeout", 4)]), // PPME_SYSCALL_POLL_X
    E(82, "select", true, &[]), // PPME_SYSCALL_SELECT_E
    E(83, "select", false, &[("res", 11)]), // PPME_SYSCALL_SELECT_X
    E(84, "select", true, &[]), // PPME_SYSCALL_NEWSELECT_E
    E(85, "select", true, &[("res", 11)]), // PPME_SYSCALL_NEWSELECT_X
    E(86, "lseek", true, &[("fd", 14), ("offset", 8), ("whence", 44)]), // PPME_SYSCALL_LSEEK_E
    E(87, "lseek", false, &[("res", 11), ("fd", 14), ("offset", 8), ("whence", 44)]), // PPME_SYSCALL_LSEEK_X
    E(88, "llseek", true, &[("fd", 14), ("offset", 8), ("whence", 44)]), // PPME_SYSCALL_LLSEEK_E
    E(89, "llseek", false, &[("res", 11), ("fd", 14), ("offset", 8), ("whence", 44)]), // PPME_SYSCALL_LLSEEK_X
    E(90, "ioctl", true, &[("fd", 14), ("request", 8)]), // PPME_SYSCALL_IOCTL_2_E
    E(91, "ioctl", true, &[("res", 11)]), // PPME_SYSCALL_IOCTL_2_X
    E(92, "getcwd", true, &[]), // PPME_SYSCALL_GETCWD_E
    E(93, "getcwd", false, &[("res", 11), ("path", 9)]), // PPME_SYSCALL_GETCWD_X
    E(94, "chdir", true, &[]), // PPME_SYSCALL_CHDIR_E
    E(95, "chdir", false, &[("res", 11), ("path", 9)]), // PPME_SYSCALL_CHDIR_X
    E(96, "fchdir", true, &[("fd", 14)]), // PPME_SYSCALL_FCHDIR_E
    E(97, "fchdir", false, &[("res", 11), ("fd", 14)]), // PPME_SYSCALL_FCHDIR_X
    E(98, "mkdir", true, &[("path", 17), ("mode", 7)]), // PPME_SYSCALL_MKDIR_E
    E(99, "mkdir", true, &[("res", 11)]), // PPME_SYSCALL_MKDIR_X
    E(100, "rmdir", true, &[("path", 17)]), // PPME_SYSCALL_RMDIR_E
    E(101, "rmdir", true, &[("res", 11)]), // PPME_SYSCALL_RMDIR_X
    E(102, "openat", true, &[("dirfd", 14), ("name", 9), ("flags", 30), ("mode", 7)]), // PPME_SYSCALL_OPENAT_E
    E(103, "openat", true, &[("fd", 14)]), // PPME_SYSCALL_OPENAT_X
    E(104, "link", true, &[("oldpath", 17), ("newpath", 17)]), // PPME_SYSCALL_LINK_E
    E(105, "link", true, &[("res", 11)]), // PPME_SYSCALL_LINK_X
    E(106, "linkat", true, &[("olddir", 14), ("oldpath", 9), ("newdir", 14), ("newpath", 9)]), // PPME_SYSCALL_LINKAT_E
    E(107, "linkat", true, &[("res", 11)]), // PPME_SYSCALL_LINKAT_X
    E(108, "unlink", true, &[("path", 17)]), // PPME_SYSCALL_UNLINK_E
    E(109, "unlink", true, &[("res", 11)]), // PPME_SYSCALL_UNLINK_X
    E(110, "unlinkat", true, &[("dirfd", 14), ("name", 9)]), // PPME_SYSCALL_UNLINKAT_E
    E(111, "unlinkat", true, &[("res", 11)]), // PPME_SYSCALL_UNLINKAT_X
    E(112, "pread", true, &[("fd", 14), ("size", 7), ("pos", 8)]), // PPME_SYSCALL_PREAD_E
    E(113, "pread", false, &[("res", 11), ("data", 10), ("fd", 14), ("size", 7), ("pos", 8)]), // PPME_SYSCALL_PREAD_X
    E(114, "pwrite", true, &[("fd", 14), ("size", 7), ("pos", 8)]), // PPME_SYSCALL_PWRITE_E
    E(115, "pwrite", false, &[("res", 11), ("data", 10), ("fd", 14), ("size", 7), ("pos", 8)]), // PPME_SYSCALL_PWRITE_X
    E(116, "readv", true, &[("fd", 14)]), // PPME_SYSCALL_READV_E
    E(117, "readv", false, &[("res", 11), ("size", 7), ("data", 10), ("fd", 14)]), // PPME_SYSCALL_READV_X
    E(118, "writev", true, &[("fd", 14), ("size", 7)]), // PPME_SYSCALL_WRITEV_E
    E(119, "writev", false, &[("res", 11), ("data", 10), ("fd", 14), ("size", 7)]), // PPME_SYSCALL_WRITEV_X
    E(120, "preadv", true, &[("fd", 14), ("pos", 8)]), // PPME_SYSCALL_PREADV_E
    E(121, "preadv", false, &[("res", 11), ("size", 7), ("data", 10), ("fd", 14), ("pos", 8)]), // PPME_SYSCALL_PREADV_X
    E(122, "pwritev", true, &[("fd", 14), ("size", 7), ("pos", 8)]), // PPME_SYSCALL_PWRITEV_E
    E(123, "pwritev", false, &[("res", 11), ("data", 10), ("fd", 14), ("size", 7), ("pos", 8)]), // PPME_SYSCALL_PWRITEV_X
    E(124, "dup", true, &[("fd", 14)]), // PPME_SYSCALL_DUP_E
    E(125, "dup", true, &[("res", 14)]), // PPME_SYSCALL_DUP_X
    E(126, "signalfd", true, &[("fd", 14), ("mask", 7), ("flags", 5)]), // PPME_SYSCALL_SIGNALFD_E
    E(127, "signalfd", false, &[("res", 14), ("fd", 14), ("mask", 7), ("flags", 5)]), // PPME_SYSCALL_SIGNALFD_X
    E(128, "kill", true, &[("pid", 15), ("sig", 19)]), // PPME_SYSCALL_KILL_E
    E(129, "kill", false, &[("res", 11), ("pid", 15), ("sig", 19)]), // PPME_SYSCALL_KILL_X
    E(130, "tkill", true, &[("tid", 15), ("sig", 19)]), // PPME_SYSCALL_TKILL_E
    E(131, "tkill", false, &[("res", 11), ("tid", 15), ("sig", 19)]), // PPME_SYSCALL_TKILL_X
    E(132, "tgkill", true, &[("pid", 15), ("tid", 15), ("sig", 19)]), // PPME_SYSCALL_TGKILL_E
    E(133, "tgkill", false, &[("res", 11), ("pid", 15), ("tid", 15), ("sig", 19)]), // PPME_SYSCALL_TGKILL_X
    E(134, "nanosleep", true, &[("interval", 20)]), // PPME_SYSCALL_NANOSLEEP_E
    E(135, "nanosleep", false, &[("res", 11), ("interval", 20)]), // PPME_SYSCALL_NANOSLEEP_X
    E(136, "timerfd_create", true, &[("clockid", 5), ("flags", 5)]), // PPME_SYSCALL_TIMERFD_CREATE_E
    E(137, "timerfd_create", false, &[("res", 14), ("clockid", 5), ("flags", 5)]), // PPME_SYSCALL_TIMERFD_CREATE_X
    E(138, "inotify_init", true, &[("flags", 5)]), // PPME_SYSCALL_INOTIFY_INIT_E
    E(139, "inotify_init", false, &[("res", 14), ("flags", 5)]), // PPME_SYSCALL_INOTIFY_INIT_X
    E(140, "getrlimit", true, &[("resource", 44)]), // PPME_SYSCALL_GETRLIMIT_E
    E(141, "getrlimit", false, &[("res", 11), ("cur", 4), ("max", 4), ("resource", 44)]), // PPME_SYSCALL_GETRLIMIT_X
    E(142, "setrlimit", true, &[("resource", 44)]), // PPME_SYSCALL_SETRLIMIT_E
    E(143, "setrlimit", false, &[("res", 11), ("cur", 4), ("max", 4), ("resource", 44)]), // PPME_SYSCALL_SETRLIMIT_X
    E(144, "prlimit", true, &[("pid", 15), ("resource", 44)]), // PPME_SYSCALL_PRLIMIT_E
    E(145, "prlimit", false, &[("res", 11), ("newcur", 4), ("newmax", 4), ("oldcur", 4), ("oldmax", 4), ("pid", 4), ("resource", 44)]), // PPME_SYSCALL_PRLIMIT_X
    E(146, "switch", true, &[("next", 15)]), // PPME_SCHEDSWITCH_1_E
    E(148, "drop", false, &[("ratio", 7)]), // PPME_DROP_E
    E(149, "drop", false, &[("ratio", 7)]), // PPME_DROP_X
    E(150, "fcntl", true, &[("fd", 14), ("cmd", 44)]), // PPME_SYSCALL_FCNTL_E
    E(151, "fcntl", false, &[("res", 14), ("fd", 14), ("cmd", 44), ("arg", 8)]), // PPME_SYSCALL_FCNTL_X
    E(152, "switch", false, &[("next", 15), ("pgft_maj", 8), ("pgft_min", 8), ("vm_size", 7), ("vm_rss", 7), ("vm_swap", 7)]), // PPME_SCHEDSWITCH_6_E
    E(154, "execve", true, &[]), // PPME_SYSCALL_EXECVE_13_E
    E(155, "execve", true, &[("res", 11), ("exe", 9), ("args", 10), ("tid", 15), ("pid", 15), ("ptid", 15), ("cwd", 9), ("fdlimit", 8), ("pgft_maj", 8), ("pgft_min", 8), ("vm_size", 7), ("vm_rss", 7), ("vm_swap", 7)]), // PPME_SYSCALL_EXECVE_13_X
    E(156, "clone", true, &[]), // PPME_SYSCALL_CLONE_16_E
    E(157, "clone", true, &[("res", 15), ("exe", 9), ("args", 10), ("tid", 15), ("pid", 15), ("ptid", 15), ("cwd", 9), ("fdlimit", 4), ("pgft_maj", 8), ("pgft_min", 8), ("vm_size", 7), ("vm_rss", 7), ("vm_swap", 7), ("flags", 30), ("uid", 7), ("gid", 7)]), // PPME_SYSCALL_CLONE_16_X
    E(158, "brk", true, &[("addr", 8)]), // PPME_SYSCALL_BRK_4_E
    E(159, "brk", false, &[("res", 8), ("vm_size", 7), ("vm_rss", 7), ("vm_swap", 7), ("addr", 8)]), // PPME_SYSCALL_BRK_4_X
    E(160, "mmap", true, &[("addr", 8), ("length", 8), ("prot", 30), ("flags", 30), ("fd", 14), ("offset", 8)]), // PPME_SYSCALL_MMAP_E
    E(161, "mmap", false, &[("res", 11), ("vm_size", 7), ("vm_rss", 7), ("vm_swap", 7), ("addr", 8), ("length", 8), ("prot", 30), ("flags", 30), ("fd", 14), ("offset", 8)]), // PPME_SYSCALL_MMAP_X
    E(162, "mmap2", true, &[("addr", 8), ("length", 8), ("prot", 30), ("flags", 30), ("fd", 14), ("pgoffset", 8)]), // PPME_SYSCALL_MMAP2_E
    E(163, "mmap2", false, &[("res", 11), ("vm_size", 7), ("vm_rss", 7), ("vm_swap", 7), ("addr", 8), ("length", 8), ("prot", 30), ("flags", 30), ("fd", 14), ("pgoffset", 8)]), // PPME_SYSCALL_MMAP2_X
    E(164, "munmap", true, &[("addr", 8), ("length", 8)]), // PPME_SYSCALL_MUNMAP_E
    E(165, "munmap", false, &[("res", 11), ("vm_size", 7), ("vm_rss", 7), ("vm_swap", 7), ("addr", 8), ("length", 8)]), // PPME_SYSCALL_MUNMAP_X
    E(166, "splice", true, &[("fd_in", 14), ("fd_out", 14), ("size", 8), ("flags", 30)]), // PPME_SYSCALL_SPLICE_E
    E(167, "splice", false, &[("res", 11), ("fd_in", 14), ("fd_out", 14), ("size", 8), ("flags", 30)]), // PPME_SYSCALL_SPLICE_X
    E(168, "ptrace", true, &[("request", 45), ("pid", 15)]), // PPME_SYSCALL_PTRACE_E
    E(169, "ptrace", false, &[("res", 11), ("addr", 27), ("data", 27), ("request", 45), ("pid", 15)]), // PPME_SYSCALL_PTRACE_X
    E(170, "ioctl", true, &[("fd", 14), ("request", 8), ("argument", 8)]), // PPME_SYSCALL_IOCTL_3_E
    E(171, "ioctl", false, &[("res", 11), ("fd", 14), ("request", 8), ("argument", 8)]), // PPME_SYSCALL_IOCTL_3_X
    E(172, "execve", true, &[]), // PPME_SYSCALL_EXECVE_14_E
    E(173, "execve", true, &[("res", 11), ("exe", 9), ("args", 10), ("tid", 15), ("pid", 15), ("ptid", 15), ("cwd", 9), ("fdlimit", 8), ("pgft_maj", 8), ("pgft_min", 8), ("vm_size", 7), ("vm_rss", 7), ("vm_swap", 7), ("env", 10)]), // PPME_SYSCALL_EXECVE_14_X
    E(174, "rename", true, &[]), // PPME_SYSCALL_RENAME_E
    E(175, "rename", false, &[("res", 11), ("oldpath", 17), ("newpath", 17)]), // PPME_SYSCALL_RENAME_X
    E(176, "renameat", true, &[]), // PPME_SYSCALL_RENAMEAT_E
    E(177, "renameat", false, &[("res", 11), ("olddirfd", 14), ("oldpath", 43), ("newdirfd", 14), ("newpath", 43)]), // PPME_SYSCALL_RENAMEAT_X
    E(178, "symlink", true, &[]), // PPME_SYSCALL_SYMLINK_E
    E(179, "symlink", false, &[("res", 11), ("target", 9), ("linkpath", 17)]), // PPME_SYSCALL_SYMLINK_X
    E(180, "symlinkat", true, &[]), // PPME_SYSCALL_SYMLINKAT_E
    E(181, "symlinkat", false, &[("res", 11), ("target", 9), ("linkdirfd", 14), ("linkpath", 43)]), // PPME_SYSCALL_SYMLINKAT_X
    E(182, "fork", true, &[]), // PPME_SYSCALL_FORK_E
    E(183, "fork", true, &[("res", 15), ("exe", 9), ("args", 10), ("tid", 15), ("pid", 15), ("ptid", 15), ("cwd", 9), ("fdlimit", 4), ("pgft_maj", 8), ("pgft_min", 8), ("vm_size", 7), ("vm_rss", 7), ("vm_swap", 7), ("flags", 30), ("uid", 7), ("gid", 7)]), // PPME_SYSCALL_FORK_X
    E(184, "vfork", true, &[]), // PPME_SYSCALL_VFORK_E
    E(185, "vfork", true, &[("res", 15), ("exe", 9), ("args", 10), ("tid", 15), ("pid", 15), ("ptid", 15), ("cwd", 9), ("fdlimit", 4), ("pgft_maj", 8), ("pgft_min", 8), ("vm_size", 7), ("vm_rss", 7), ("vm_swap", 7), ("flags", 30), ("uid", 7), ("gid", 7)]), // PPME_SYSCALL_VFORK_X
    E(186, "procexit", false, &[("status", 11), ("ret", 11), ("sig", 19), ("core", 5), ("reaper_tid", 15)]), // PPME_PROCEXIT_1_E
    E(188, "sendfile", true, &[("out_fd", 14), ("in_fd", 14), ("offset", 8), ("size", 8)]), // PPME_SYSCALL_SENDFILE_E
    E(189, "sendfile", false, &[("res", 11), ("offset", 8), ("out_fd", 14), ("in_fd", 14), ("size", 8)]), // PPME_SYSCALL_SENDFILE_X
    E(190, "quotactl", true, &[("cmd", 29), ("type", 28), ("id", 7), ("quota_fmt", 28)]), // PPME_SYSCALL_QUOTACTL_E
    E(191, "quotactl", false, &[("res", 11), ("special", 9), ("quotafilepath", 9), ("dqb_bhardlimit", 8), ("dqb_bsoftlimit", 8), ("dqb_curspace", 8), ("dqb_ihardlimit", 8), ("dqb_isoftlimit", 8), ("dqb_btime", 20), ("dqb_itime", 20), ("dqi_bgrace", 20), ("dqi_igrace", 20), ("dqi_flags", 28), ("quota_fmt_out", 28), ("cmd", 29), ("type", 28), ("id", 7), ("quota_fmt", 28)]), // PPME_SYSCALL_QUOTACTL_X
    E(192, "setresuid", true, &[("ruid", 31), ("euid", 31), ("suid", 31)]), // PPME_SYSCALL_SETRESUID_E
    E(193, "setresuid", false, &[("res", 11), ("ruid", 31), ("euid", 31), ("suid", 31)]), // PPME_SYSCALL_SETRESUID_X
    E(194, "setresgid", true, &[("rgid", 32), ("egid", 32), ("sgid", 32)]), // PPME_SYSCALL_SETRESGID_E
    E(195, "setresgid", false, &[("res", 11), ("rgid", 32), ("egid", 32), ("sgid", 32)]), // PPME_SYSCALL_SETRESGID_X
    E(196, "scapevent", false, &[("event_type", 7), ("event_data", 8)]), // PPME_SCAPEVENT_E
    E(198, "setuid", true, &[("uid", 31)]), // PPME_SYSCALL_SETUID_E
    E(199, "setuid", false, &[("res", 11), ("uid", 31)]), // PPME_SYSCALL_SETUID_X
    E(200, "setgid", true, &[("gid", 32)]), // PPME_SYSCALL_SETGID_E
    E(201, "setgid", false, &[("res", 11), ("gid", 32)]), // PPME_SYSCALL_SETGID_X
    E(202, "getuid", true, &[]), // PPME_SYSCALL_GETUID_E
    E(203, "getuid", false, &[("uid", 31)]), // PPME_SYSCALL_GETUID_X
    E(204, "geteuid", true, &[]), // PPME_SYSCALL_GETEUID_E
    E(205, "geteuid", false, &[("euid", 31)]), // PPME_SYSCALL_GETEUID_X
    E(206, "getgid", true, &[]), // PPME_SYSCALL_GETGID_E
    E(207, "getgid", false, &[("gid", 32)]), // PPME_SYSCALL_GETGID_X
    E(208, "getegid", true, &[]), // PPME_SYSCALL_GETEGID_E
    E(209, "getegid", false, &[("egid", 32)]), // PPME_SYSCALL_GETEGID_X
    E(210, "getresuid", true, &[]), // PPME_SYSCALL_GETRESUID_E
    E(211, "getresuid", false, &[("res", 11), ("ruid", 31), ("euid", 31), ("suid", 31)]), // PPME_SYSCALL_GETRESUID_X
    E(212, "getresgid", true, &[]), // PPME_SYSCALL_GETRESGID_E
    E(213, "getresgid", false, &[("res", 11), ("rgid", 32), ("egid", 32), ("sgid", 32)]), // PPME_SYSCALL_GETRESGID_X
    E(214, "execve", true, &[]), // PPME_SYSCALL_EXECVE_15_E
    E(215, "execve", true, &[("res", 11), ("exe", 9), ("args", 10), ("tid", 15), ("pid", 15), ("ptid", 15), ("cwd", 9), ("fdlimit", 8), ("pgft_maj", 8), ("pgft_min", 8), ("vm_size", 7), ("vm_rss", 7), ("vm_swap", 7), ("comm", 9), ("env", 10)]), // PPME_SYSCALL_EXECVE_15_X
    E(216, "clone", true, &[]), // PPME_SYSCALL_CLONE_17_E
    E(217, "clone", true, &[("res", 15), ("exe", 9), ("args", 10), ("tid", 15), ("pid", 15), ("ptid", 15), ("cwd", 9), ("fdlimit", 4), ("pgft_maj", 8), ("pgft_min", 8), ("vm_size", 7), ("vm_rss", 7), ("vm_swap", 7), ("comm", 9), ("flags", 30), ("uid", 7), ("gid", 7)]), // PPME_SYSCALL_CLONE_17_X
    E(218, "fork", true, &[]), // PPME_SYSCALL_FORK_17_E
    E(219, "fork", true, &[("res", 15), ("exe", 9), ("args", 10), ("tid", 15), ("pid", 15), ("ptid", 15), ("cwd", 9), ("fdlimit", 4), ("pgft_maj", 8), ("pgft_min", 8), ("vm_size", 7), ("vm_rss", 7), ("vm_swap", 7), ("comm", 9), ("flags", 30), ("uid", 7), ("gid", 7)]), // PPME_SYSCALL_FORK_17_X
    E(220, "vfork", true, &[]), // PPME_SYSCALL_VFORK_17_E
    E(221, "vfork", true, &[("res", 15), ("exe", 9), ("args", 10), ("tid", 15), ("pid", 15), ("ptid", 15), ("cwd", 9), ("fdlimit", 4), ("pgft_maj", 8), ("pgft_min", 8), ("vm_size", 7), ("vm_rss", 7), ("vm_swap", 7), ("comm", 9), ("flags", 30), ("uid", 7), ("gid", 7)]), // PPME_SYSCALL_VFORK_17_X
    E(222, "clone", true, &[]), // PPME_SYSCALL_CLONE_20_E
    E(223, "clone", false, &[("res", 15), ("exe", 9), ("args", 10), ("tid", 15), ("pid", 15), ("ptid", 15), ("cwd", 9), ("fdlimit", 4), ("pgft_maj", 8), ("pgft_min", 8), ("vm_size", 7), ("vm_rss", 7), ("vm_swap", 7), ("comm", 9), ("cgroups", 10), ("flags", 30), ("uid", 7), ("gid", 7), ("vtid", 15), ("vpid", 15), ("pidns_init_start_ts", 8)]), // PPME_SYSCALL_CLONE_20_X
    E(224, "fork", true, &[]), // PPME_SYSCALL_FORK_20_E
    E(225, "fork", false, &[("res", 15), ("exe", 9), ("args", 10), ("tid", 15), ("pid", 15), ("ptid", 15), ("cwd", 9), ("fdlimit", 4), ("pgft_maj", 8), ("pgft_min", 8), ("vm_size", 7), ("vm_rss", 7), ("vm_swap", 7), ("comm", 9), ("cgroups", 10), ("flags", 30), ("uid", 7), ("gid", 7), ("vtid", 15), ("vpid", 15), ("pidns_init_start_ts", 8)]), // PPME_SYSCALL_FORK_20_X
    E(226, "vfork", true, &[]), // PPME_SYSCALL_VFORK_20_E
    E(227, "vfork", false, &[("res", 15), ("exe", 9), ("args", 10), ("tid", 15), ("pid", 15), ("ptid", 15), ("cwd", 9), ("fdlimit", 4), ("pgft_maj", 8), ("pgft_min", 8), ("vm_size", 7), ("vm_rss", 7), ("vm_swap", 7), ("comm", 9), ("cgroups", 10), ("flags", 30), ("uid", 7), ("gid", 7), ("vtid", 15), ("vpid", 15), ("pidns_init_start_ts", 8)]), // PPME_SYSCALL_VFORK_20_X
    E(228, "container", true, &[("id", 9), ("type", 7), ("name", 9), ("image", 9)]), // PPME_CONTAINER_E
    E(230, "execve", true, &[]), // PPME_SYSCALL_EXECVE_16_E
    E(231, "execve", true, &[("res", 11), ("exe", 9), ("args", 10), ("tid", 15), ("pid", 15), ("ptid", 15), ("cwd", 9), ("fdlimit", 8), ("pgft_maj", 8), ("pgft_min", 8), ("vm_size", 7), ("vm_rss", 7), ("vm_swap", 7), ("comm", 9), ("cgroups", 10), ("env", 10)]), // PPME_SYSCALL_EXECVE_16_X
    E(232, "signaldeliver", false, &[("spid", 15), ("dpid", 15), ("sig", 19)]), // PPME_SIGNALDELIVER_E
    E(234, "procinfo", false, &[("cpu_usr", 8), ("cpu_sys", 8)]), // PPME_PROCINFO_E
    E(236, "getdents", true, &[("fd", 14)]), // PPME_SYSCALL_GETDENTS_E
    E(237, "getdents", false, &[("res", 11), ("fd", 14)]), // PPME_SYSCALL_GETDENTS_X
    E(238, "getdents64", true, &[("fd", 14)]), // PPME_SYSCALL_GETDENTS64_E
    E(239, "getdents64", false, &[("res", 11), ("fd", 14)]), // PPME_SYSCALL_GETDENTS64_X
    E(240, "setns", true, &[("fd", 14), ("nstype", 30)]), // PPME_SYSCALL_SETNS_E
    E(241, "setns", false, &[("res", 11), ("fd", 14), ("nstype", 30)]), // PPME_SYSCALL_SETNS_X
    E(242, "flock", true, &[("fd", 14), ("operation", 30)]), // PPME_SYSCALL_FLOCK_E
    E(243, "flock", false, &[("res", 11), ("fd", 14), ("operation", 30)]), // PPME_SYSCALL_FLOCK_X
    E(244, "cpu_hotplug", false, &[("cpu", 7), ("action", 7)]), // PPME_CPU_HOTPLUG_E
    E(246, "accept", true, &[]), // PPME_SOCKET_ACCEPT_5_E
    E(247, "accept", false, &[("fd", 14), ("tuple", 13), ("queuepct", 5), ("queuelen", 7), ("queuemax", 7)]), // PPME_SOCKET_ACCEPT_5_X
    E(248, "accept", true, &[("flags", 3)]), // PPME_SOCKET_ACCEPT4_5_E
    E(249, "accept", true, &[("fd", 14), ("tuple", 13), ("queuepct", 5), ("queuelen", 7), ("queuemax", 7)]), // PPME_SOCKET_ACCEPT4_5_X
    E(250, "semop", true, &[("semid", 3)]), // PPME_SYSCALL_SEMOP_E
    E(251, "semop", false, &[("res", 11), ("nsops", 7), ("sem_num_0", 6), ("sem_op_0", 2), ("sem_flg_0", 29), ("sem_num_1", 6), ("sem_op_1", 2), ("sem_flg_1", 29), ("semid", 3)]), // PPME_SYSCALL_SEMOP_X
    E(252, "semctl", true, &[("semid", 3), ("semnum", 3), ("cmd", 29), ("val", 3)]), // PPME_SYSCALL_SEMCTL_E
    E(253, "semctl", false, &[("res", 11), ("semid", 3), ("semnum", 3), ("cmd", 29), ("val", 3)]), // PPME_SYSCALL_SEMCTL_X
    E(254, "ppoll", true, &[("fds", 16), ("timeout", 20), ("sigmask", 34)]), // PPME_SYSCALL_PPOLL_E
    E(255, "ppoll", false, &[("res", 11), ("fds", 16), ("timeout", 20), ("sigmask", 34)]), // PPME_SYSCALL_PPOLL_X
    E(256, "mount", true, &[("flags", 30)]), // PPME_SYSCALL_MOUNT_E
    E(257, "mount", false, &[("res", 11), ("dev", 9), ("dir", 17), ("type", 9), ("flags", 30)]), // PPME_SYSCALL_MOUNT_X
    E(258, "umount", true, &[("flags", 30)]), // PPME_SYSCALL_UMOUNT_E
    E(259, "umount", true, &[("res", 11), ("name", 17)]), // PPME_SYSCALL_UMOUNT_X
    E(260, "k8s", true, &[("json", 9)]), // PPME_K8S_E
    E(262, "semget", true, &[("key", 3), ("nsems", 3), ("semflg", 30)]), // PPME_SYSCALL_SEMGET_E
    E(263, "semget", false, &[("res", 11), ("key", 3), ("nsems", 3), ("semflg", 30)]), // PPME_SYSCALL_SEMGET_X
    E(264, "access", true, &[("mode", 30)]), // PPME_SYSCALL_ACCESS_E
    E(265, "access", false, &[("res", 11), ("name", 17), ("mode", 30)]), // PPME_SYSCALL_ACCESS_X
    E(266, "chroot", true, &[]), // PPME_SYSCALL_CHROOT_E
    E(267, "chroot", false, &[("res", 11), ("path", 17)]), // PPME_SYSCALL_CHROOT_X
    E(268, "tracer", true, &[("id", 4), ("tags", 35), ("args", 36)]), // PPME_TRACER_E
    E(270, "mesos", true, &[("json", 9)]), // PPME_MESOS_E
    E(272, "container", true, &[("json", 9)]), // PPME_CONTAINER_JSON_E
    E(274, "setsid", true, &[]), // PPME_SYSCALL_SETSID_E
    E(275, "setsid", false, &[("res", 15)]), // PPME_SYSCALL_SETSID_X
    E(276, "mkdir", true, &[("mode", 7)]), // PPME_SYSCALL_MKDIR_2_E
    E(277, "mkdir", false, &[("res", 11), ("path", 17), ("mode", 7)]), // PPME_SYSCALL_MKDIR_2_X
    E(278, "rmdir", true, &[]), // PPME_SYSCALL_RMDIR_2_E
    E(279, "rmdir", false, &[("res", 11), ("path", 17)]), // PPME_SYSCALL_RMDIR_2_X
    E(280, "notification", false, &[("id", 9), ("desc", 9)]), // PPME_NOTIFICATION_E
    E(282, "execve", true, &[]), // PPME_SYSCALL_EXECVE_17_E
    E(283, "execve", true, &[("res", 11), ("exe", 9), ("args", 10), ("tid", 15), ("pid", 15), ("ptid", 15), ("cwd", 9), ("fdlimit", 8), ("pgft_maj", 8), ("pgft_min", 8), ("vm_size", 7), ("vm_rss", 7), ("vm_swap", 7), ("comm", 9), ("cgroups", 10), ("env", 10), ("tty", 3)]), // PPME_SYSCALL_EXECVE_17_X
    E(284, "unshare", true, &[("flags", 30)]), // PPME_SYSCALL_UNSHARE_E
    E(285, "unshare", false, &[("res", 11), ("flags", 30)]), // PPME_SYSCALL_UNSHARE_X
    E(286, "infra", false, &[("source", 9), ("name", 9), ("description", 9), ("scope", 9)]), // PPME_INFRASTRUCTURE_EVENT_E
    E(288, "execve", true, &[("filename", 17)]), // PPME_SYSCALL_EXECVE_18_E
    E(289, "execve", true, &[("res", 11), ("exe", 9), ("args", 10), ("tid", 15), ("pid", 15), ("ptid", 15), ("cwd", 9), ("fdlimit", 8), ("pgft_maj", 8), ("pgft_min", 8), ("vm_size", 7), ("vm_rss", 7), ("vm_swap", 7), ("comm", 9), ("cgroups", 10), ("env", 10), ("tty", 3)]), // PPME_SYSCALL_EXECVE_18_X
    E(290, "page_fault", false, &[("addr", 8), ("ip", 8), ("error", 30)]), // PPME_PAGE_FAULT_E
    E(292, "execve", true, &[("filename", 17)]), // PPME_SYSCALL_EXECVE_19_E
    E(293, "execve", false, &[("res", 11), ("exe", 9), ("args", 10), ("tid", 15), ("pid", 15), ("ptid", 15), ("cwd", 9), ("fdlimit", 8), ("pgft_maj", 8), ("pgft_min", 8), ("vm_size", 7), ("vm_rss", 7), ("vm_swap", 7), ("comm", 9), ("cgroups", 10), ("env", 10), ("tty", 7), ("vpgid", 15), ("loginuid", 31), ("flags", 30), ("cap_inheritable", 8), ("cap_permitted", 8), ("cap_effective", 8), ("exe_ino", 8), ("exe_ino_ctime", 21), ("exe_ino_mtime", 21), ("uid", 31), ("trusted_exepath", 17), ("pgid", 15), ("gid", 32), ("filename", 17)]), // PPME_SYSCALL_EXECVE_19_X
    E(294, "setpgid", true, &[("pid", 15), ("pgid", 15)]), // PPME_SYSCALL_SETPGID_E
    E(295, "setpgid", false, &[("res", 11), ("pid", 15), ("pgid", 15)]), // PPME_SYSCALL_SETPGID_X
    E(296, "bpf", true, &[("cmd", 4)]), // PPME_SYSCALL_BPF_E
    E(297, "bpf", true, &[("res_or_fd", 27)]), // PPME_SYSCALL_BPF_X
    E(298, "seccomp", true, &[("op", 8), ("flags", 8)]), // PPME_SYSCALL_SECCOMP_E
    E(299, "seccomp", false, &[("res", 11), ("op", 8), ("flags", 8)]), // PPME_SYSCALL_SECCOMP_X
    E(300, "unlink", true, &[]), // PPME_SYSCALL_UNLINK_2_E
    E(301, "unlink", false, &[("res", 11), ("path", 17)]), // PPME_SYSCALL_UNLINK_2_X
    E(302, "unlinkat", true, &[]), // PPME_SYSCALL_UNLINKAT_2_E
    E(303, "unlinkat", false, &[("res", 11), ("dirfd", 14), ("name", 43), ("flags", 30)]), // PPME_SYSCALL_UNLINKAT_2_X
    E(304, "mkdirat", true, &[]), // PPME_SYSCALL_MKDIRAT_E
    E(305, "mkdirat", false, &[("res", 11), ("dirfd", 14), ("path", 43), ("mode", 7)]), // PPME_SYSCALL_MKDIRAT_X
    E(306, "openat", false, &[("dirfd", 14), ("name", 43), ("flags", 30), ("mode", 7)]), // PPME_SYSCALL_OPENAT_2_E
    E(307, "openat", false, &[("fd", 14), ("dirfd", 14), ("name", 43), ("flags", 30), ("mode", 7), ("dev", 7), ("ino", 8)]), // PPME_SYSCALL_OPENAT_2_X
    E(308, "link", true, &[]), // PPME_SYSCALL_LINK_2_E
    E(309, "link", false, &[("res", 11), ("oldpath", 17), ("newpath", 17)]), // PPME_SYSCALL_LINK_2_X
    E(310, "linkat", true, &[]), // PPME_SYSCALL_LINKAT_2_E
    E(311, "linkat", false, &[("res", 11), ("olddir", 14), ("oldpath", 43), ("newdir", 14), ("newpath", 43), ("flags", 30)]), // PPME_SYSCALL_LINKAT_2_X
    E(312, "fchmodat", true, &[]), // PPME_SYSCALL_FCHMODAT_E
    E(313, "fchmodat", false, &[("res", 11), ("dirfd", 14), ("filename", 43), ("mode", 42)]), // PPME_SYSCALL_FCHMODAT_X
    E(314, "chmod", true, &[]), // PPME_SYSCALL_CHMOD_E
    E(315, "chmod", false, &[("res", 11), ("filename", 17), ("mode", 42)]), // PPME_SYSCALL_CHMOD_X
    E(316, "fchmod", true, &[]), // PPME_SYSCALL_FCHMOD_E
    E(317, "fchmod", false, &[("res", 11), ("fd", 14), ("mode", 42)]), // PPME_SYSCALL_FCHMOD_X
    E(318, "renameat2", true, &[]), // PPME_SYSCALL_RENAMEAT2_E
    E(319, "renameat2", false, &[("res", 11), ("olddirfd", 14), ("oldpath", 43), ("newdirfd", 14), ("newpath", 43), ("flags", 30)]), // PPME_SYSCALL_RENAMEAT2_X
    E(320, "userfaultfd", true, &[]), // PPME_SYSCALL_USERFAULTFD_E
    E(321, "userfaultfd", false, &[("res", 11), ("flags", 30)]), // PPME_SYSCALL_USERFAULTFD_X
    E(322, "pluginevent", false, &[("plugin_id", 7), ("event_data", 10)]), // PPME_PLUGINEVENT_E
    E(324, "container", false, &[("json", 9)]), // PPME_CONTAINER_JSON_2_E
    E(326, "openat2", false, &[("dirfd", 14), ("name", 43), ("flags", 30), ("mode", 7), ("resolve", 30)]), // PPME_SYSCALL_OPENAT2_E
    E(327, "openat2", false, &[("fd", 14), ("dirfd", 14), ("name", 43), ("flags", 30), ("mode", 7), ("resolve", 30), ("dev", 7), ("ino", 8)]), // PPME_SYSCALL_OPENAT2_X
    E(328, "mprotect", true, &[("addr", 8), ("length", 8), ("prot", 30)]), // PPME_SYSCALL_MPROTECT_E
    E(329, "mprotect", false, &[("res", 11), ("addr", 8), ("length", 8), ("prot", 30)]), // PPME_SYSCALL_MPROTECT_X
    E(330, "execveat", true, &[("dirfd", 14), ("pathname", 43), ("flags", 30)]), // PPME_SYSCALL_EXECVEAT_E
    E(331, "execveat", false, &[("res", 11), ("exe", 9), ("args", 10), ("tid", 15), ("pid", 15), ("ptid", 15), ("cwd", 9), ("fdlimit", 8), ("pgft_maj", 8), ("pgft_min", 8), ("vm_size", 7), ("vm_rss", 7), ("vm_swap", 7), ("comm", 9), ("cgroups", 10), ("env", 10), ("tty", 7), ("vpgid", 15), ("loginuid", 31), ("flags", 30), ("cap_inheritable", 8), ("cap_permitted", 8), ("cap_effective", 8), ("exe_ino", 8), ("exe_ino_ctime", 21), ("exe_ino_mtime", 21), ("uid", 31), ("trusted_exepath", 17), ("pgid", 15), ("gid", 32)]), // PPME_SYSCALL_EXECVEAT_X
    E(332, "copy_file_range", true, &[("fdin", 14), ("offin", 8), ("len", 8)]), // PPME_SYSCALL_COPY_FILE_RANGE_E
    E(333, "copy_file_range", false, &[("res", 11), ("fdout", 14), ("offout", 8), ("fdin", 14), ("offin", 8), ("len", 8)]), // PPME_SYSCALL_COPY_FILE_RANGE_X
    E(334, "clone3", true, &[]), // PPME_SYSCALL_CLONE3_E
    E(335, "clone3", false, &[("res", 15), ("exe", 9), ("args", 10), ("tid", 15), ("pid", 15), ("ptid", 15), ("cwd", 9), ("fdlimit", 4), ("pgft_maj", 8), ("pgft_min", 8), ("vm_size", 7), ("vm_rss", 7), ("vm_swap", 7), ("comm", 9), ("cgroups", 10), ("flags", 30), ("uid", 7), ("gid", 7), ("vtid", 15), ("vpid", 15), ("pidns_init_start_ts", 8)]), // PPME_SYSCALL_CLONE3_X
    E(336, "open_by_handle_at", true, &[]), // PPME_SYSCALL_OPEN_BY_HANDLE_AT_E
    E(337, "open_by_handle_at", false, &[("fd", 14), ("mountfd", 14), ("flags", 30), ("path", 17), ("dev", 7), ("ino", 8)]), // PPME_SYSCALL_OPEN_BY_HANDLE_AT_X
    E(338, "io_uring_setup", true, &[]), // PPME_SYSCALL_IO_URING_SETUP_E
    E(339, "io_uring_setup", false, &[("res", 11), ("entries", 7), ("sq_entries", 7), ("cq_entries", 7), ("flags", 30), ("sq_thread_cpu", 7), ("sq_thread_idle", 7), ("features", 30)]), // PPME_SYSCALL_IO_URING_SETUP_X
    E(340, "io_uring_enter", true, &[]), // PPME_SYSCALL_IO_URING_ENTER_E
    E(341, "io_uring_enter", false, &[("res", 11), ("fd", 14), ("to_submit", 7), ("min_complete", 7), ("flags", 30), ("sig", 34)]), // PPME_SYSCALL_IO_URING_ENTER_X
    E(342, "io_uring_register", true, &[]), // PPME_SYSCALL_IO_URING_REGISTER_E
    E(343, "io_uring_register", false, &[("res", 11), ("fd", 14), ("opcode", 45), ("arg", 8), ("nr_args", 7)]), // PPME_SYSCALL_IO_URING_REGISTER_X
    E(344, "mlock", true, &[]), // PPME_SYSCALL_MLOCK_E
    E(345, "mlock", false, &[("res", 11), ("addr", 8), ("len", 8)]), // PPME_SYSCALL_MLOCK_X
    E(346, "munlock", true, &[]), // PPME_SYSCALL_MUNLOCK_E
    E(347, "munlock", false, &[("res", 11), ("addr", 8), ("len", 8)]), // PPME_SYSCALL_MUNLOCK_X
    E(348, "mlockall", true, &[]), // PPME_SYSCALL_MLOCKALL_E
    E(349, "mlockall", false, &[("res", 11), ("flags", 30)]), // PPME_SYSCALL_MLOCKALL_X
    E(350, "munlockall", true, &[]), // PPME_SYSCALL_MUNLOCKALL_E
    E(351, "munlockall", false, &[("res", 11)]), // PPME_SYSCALL_MUNLOCKALL_X
    E(352, "capset", true, &[]), // PPME_SYSCALL_CAPSET_E
    E(353, "capset", false, &[("res", 11), ("cap_inheritable", 8), ("cap_permitted", 8), ("cap_effective", 8)]), // PPME_SYSCALL_CAPSET_X
    E(354, "useradded", false, &[("uid", 7), ("gid", 7), ("name", 9), ("home", 9), ("shell", 9), ("container_id", 9)]), // PPME_USER_ADDED_E
    E(356, "userdeleted", false, &[("uid", 7), ("gid", 7), ("name", 9), ("home", 9), ("shell", 9), ("container_id", 9)]), // PPME_USER_DELETED_E
    E(358, "groupadded", false, &[("gid", 7), ("name", 9), ("container_id", 9)]), // PPME_GROUP_ADDED_E
    E(360, "groupdeleted", false, &[("gid", 7), ("name", 9), ("container_id", 9)]), // PPME_GROUP_DELETED_E
    E(362, "dup2", true, &[("fd", 14)]), // PPME_SYSCALL_DUP2_E
    E(363, "dup2", false, &[("res", 14), ("oldfd", 14), ("newfd", 14)]), // PPME_SYSCALL_DUP2_X
    E(364, "dup3", true, &[("fd", 14)]), // PPME_SYSCALL_DUP3_E
    E(365, "dup3", false, &[("res", 14), ("oldfd", 14), ("newfd", 14), ("flags", 30)]), // PPME_SYSCALL_DUP3_X
    E(366, "dup", true, &[("fd", 14)]), // PPME_SYSCALL_DUP_1_E
    E(367, "dup", false, &[("res", 14), ("oldfd", 14)]), // PPME_SYSCALL_DUP_1_X
    E(368, "bpf", true, &[("cmd", 4)]), // PPME_SYSCALL_BPF_2_E
    E(369, "bpf", false, &[("fd", 14), ("cmd", 46)]), // PPME_SYSCALL_BPF_2_X
    E(370, "mlock2", true, &[]), // PPME_SYSCALL_MLOCK2_E
    E(371, "mlock2", false, &[("res", 11), ("addr", 8), ("len", 8), ("flags", 30)]), // PPME_SYSCALL_MLOCK2_X
    E(372, "fsconfig", true, &[]), // PPME_SYSCALL_FSCONFIG_E
    E(373, "fsconfig", false, &[("res", 11), ("fd", 14), ("cmd", 46), ("key", 9), ("value_bytebuf", 10), ("value_charbuf", 9), ("aux", 3)]), // PPME_SYSCALL_FSCONFIG_X
    E(374, "epoll_create", true, &[("size", 3)]), // PPME_SYSCALL_EPOLL_CREATE_E
    E(375, "epoll_create", false, &[("res", 11), ("size", 3)]), // PPME_SYSCALL_EPOLL_CREATE_X
    E(376, "epoll_create1", true, &[("flags", 30)]), // PPME_SYSCALL_EPOLL_CREATE1_E
    E(377, "epoll_create1", false, &[("res", 11), ("flags", 30)]), // PPME_SYSCALL_EPOLL_CREATE1_X
    E(378, "chown", true, &[]), // PPME_SYSCALL_CHOWN_E
    E(379, "chown", false, &[("res", 11), ("path", 17), ("uid", 7), ("gid", 7)]), // PPME_SYSCALL_CHOWN_X
    E(380, "lchown", true, &[]), // PPME_SYSCALL_LCHOWN_E
    E(381, "lchown", false, &[("res", 11), ("path", 17), ("uid", 7), ("gid", 7)]), // PPME_SYSCALL_LCHOWN_X
    E(382, "fchown", true, &[]), // PPME_SYSCALL_FCHOWN_E
    E(383, "fchown", false, &[("res", 11), ("fd", 14), ("uid", 7), ("gid", 7)]), // PPME_SYSCALL_FCHOWN_X
    E(384, "fchownat", true, &[]), // PPME_SYSCALL_FCHOWNAT_E
    E(385, "fchownat", false, &[("res", 11), ("dirfd", 14), ("pathname", 43), ("uid", 7), ("gid", 7), ("flags", 30)]), // PPME_SYSCALL_FCHOWNAT_X
    E(386, "umount", true, &[]), // PPME_SYSCALL_UMOUNT_1_E
    E(387, "umount", false, &[("res", 11), ("name", 17)]), // PPME_SYSCALL_UMOUNT_1_X
    E(388, "accept4", true, &[("flags", 3)]), // PPME_SOCKET_ACCEPT4_6_E
    E(389, "accept4", false, &[("fd", 14), ("tuple", 13), ("queuepct", 5), ("queuelen", 7), ("queuemax", 7), ("flags", 3)]), // PPME_SOCKET_ACCEPT4_6_X
    E(390, "umount2", true, &[("flags", 30)]), // PPME_SYSCALL_UMOUNT2_E
    E(391, "umount2", false, &[("res", 11), ("name", 17), ("flags", 30)]), // PPME_SYSCALL_UMOUNT2_X
    E(392, "pipe2", true, &[]), // PPME_SYSCALL_PIPE2_E
    E(393, "pipe2", false, &[("res", 11), ("fd1", 14), ("fd2", 14), ("ino", 8), ("flags", 30)]), // PPME_SYSCALL_PIPE2_X
    E(394, "inotify_init1", true, &[]), // PPME_SYSCALL_INOTIFY_INIT1_E
    E(395, "inotify_init1", false, &[("res", 14), ("flags", 29)]), // PPME_SYSCALL_INOTIFY_INIT1_X
    E(396, "eventfd2", true, &[("initval", 8)]), // PPME_SYSCALL_EVENTFD2_E
    E(397, "eventfd2", false, &[("res", 14), ("flags", 29), ("initval", 8)]), // PPME_SYSCALL_EVENTFD2_X
    E(398, "signalfd4", true, &[("fd", 14), ("mask", 7)]), // PPME_SYSCALL_SIGNALFD4_E
    E(399, "signalfd4", false, &[("res", 14), ("flags", 29), ("fd", 14), ("mask", 7)]), // PPME_SYSCALL_SIGNALFD4_X
    E(400, "prctl", true, &[]), // PPME_SYSCALL_PRCTL_E
    E(401, "prctl", false, &[("res", 11), ("option", 46), ("arg2_str", 9), ("arg2_int", 4)]), // PPME_SYSCALL_PRCTL_X
    E(402, "asyncevent", false, &[("plugin_id", 7), ("name", 9), ("data", 10)]), // PPME_ASYNCEVENT_E
    E(404, "memfd_create", true, &[]), // PPME_SYSCALL_MEMFD_CREATE_E
    E(405, "memfd_create", false, &[("fd", 14), ("name", 9), ("flags", 30)]), // PPME_SYSCALL_MEMFD_CREATE_X
    E(406, "pidfd_getfd", true, &[]), // PPME_SYSCALL_PIDFD_GETFD_E
    E(407, "pidfd_getfd", false, &[("fd", 14), ("pid_fd", 14), ("target_fd", 14), ("flags", 7)]), // PPME_SYSCALL_PIDFD_GETFD_X
    E(408, "pidfd_open", true, &[]), // PPME_SYSCALL_PIDFD_OPEN_E
    E(409, "pidfd_open", false, &[("fd", 14), ("pid", 15), ("flags", 30)]), // PPME_SYSCALL_PIDFD_OPEN_X
    E(410, "init_module", true, &[]), // PPME_SYSCALL_INIT_MODULE_E
    E(411, "init_module", false, &[("res", 11), ("img", 10), ("length", 8), ("uargs", 9)]), // PPME_SYSCALL_INIT_MODULE_X
    E(412, "finit_module", true, &[]), // PPME_SYSCALL_FINIT_MODULE_E
    E(413, "finit_module", false, &[("res", 11), ("fd", 14), ("uargs", 9), ("flags", 30)]), // PPME_SYSCALL_FINIT_MODULE_X
    E(414, "mknod", true, &[]), // PPME_SYSCALL_MKNOD_E
    E(415, "mknod", false, &[("res", 11), ("path", 17), ("mode", 42), ("dev", 7)]), // PPME_SYSCALL_MKNOD_X
    E(416, "mknodat", true, &[]), // PPME_SYSCALL_MKNODAT_E
    E(417, "mknodat", false, &[("res", 11), ("dirfd", 14), ("path", 43), ("mode", 42), ("dev", 7)]), // PPME_SYSCALL_MKNODAT_X
    E(418, "newfstatat", true, &[]), // PPME_SYSCALL_NEWFSTATAT_E
    E(419, "newfstatat", false, &[("res", 11), ("dirfd", 14), ("path", 43), ("flags", 30)]), // PPME_SYSCALL_NEWFSTATAT_X
    E(420, "process_vm_readv", true, &[]), // PPME_SYSCALL_PROCESS_VM_READV_E
    E(421, "process_vm_readv", false, &[("res", 4), ("pid", 15), ("data", 10)]), // PPME_SYSCALL_PROCESS_VM_READV_X
    E(422, "process_vm_writev", true, &[]), // PPME_SYSCALL_PROCESS_VM_WRITEV_E
    E(423, "process_vm_writev", false, &[("res", 4), ("pid", 15), ("data", 10)]), // PPME_SYSCALL_PROCESS_VM_WRITEV_X
    E(424, "delete_module", true, &[]), // PPME_SYSCALL_DELETE_MODULE_E
    E(425, "delete_module", false, &[("res", 11), ("name", 9), ("flags", 30)]), // PPME_SYSCALL_DELETE_MODULE_X
    E(426, "setreuid", true, &[]), // PPME_SYSCALL_SETREUID_E
    E(427, "setreuid", false, &[("res", 11), ("ruid", 31), ("euid", 31)]), // PPME_SYSCALL_SETREUID_X
    E(428, "setregid", true, &[]), // PPME_SYSCALL_SETREGID_E
    E(429, "setregid", false, &[("res", 11), ("rgid", 31), ("egid", 31)]), // PPME_SYSCALL_SETREGID_X
    E(430, "task", false, &[("ppid", 48), ("pgid", 48), ("vpgid", 48), ("sid", 48), ("comm", 9), ("argv", 35), ("exepath", 17), ("flags", 30), ("env", 35), ("cwd", 9), ("fdlimit", 8), ("euid", 31), ("egid", 32), ("cap_permitted", 8), ("cap_effective", 8), ("cap_inheritable", 8), ("exe_ino_num", 8), ("exe_ino_ctime", 21), ("exe_ino_mtime", 21), ("vm_size", 7), ("vm_rss", 7), ("vm_swap", 7), ("pgft_maj", 8), ("pgft_min", 8), ("vtgid", 48), ("vpid", 48), ("pidns_init_start_ts", 8), ("cgroups", 35), ("root", 17), ("start_time", 21), ("tty", 7), ("loginuid", 31)]), // PPME_ITER_TASK_E
    E(432, "task_file_pipe", false, &[("fd", 47), ("path", 17), ("ino_num", 8)]), // PPME_ITER_TASK_FILE_PIPE_E
    E(434, "task_file_memfd", false, &[("fd", 47), ("path", 17), ("ino_num", 8)]), // PPME_ITER_TASK_FILE_MEMFD_E
    E(436, "task_file_regular", false, &[("fd", 47), ("path", 17), ("flags", 30), ("mnt_id", 7), ("ino_num", 8)]), // PPME_ITER_TASK_FILE_REGULAR_E
    E(438, "task_file_directory", false, &[("fd", 47), ("path", 17), ("ino_num", 8)]), // PPME_ITER_TASK_FILE_DIRECTORY_E
    E(440, "task_file_socket_inet", false, &[("fd", 47), ("sk_type", 6), ("sk_proto", 6), ("local_ip", 26), ("local_port", 22), ("remote_ip", 26), ("remote_port", 22), ("ino_num", 8)]), // PPME_ITER_TASK_FILE_SOCKET_INET_E
    E(442, "task_file_socket_inet6", false, &[("fd", 47), ("sk_type", 6), ("sk_proto", 6), ("local_ip", 38), ("local_port", 22), ("remote_ip", 38), ("remote_port", 22), ("ino_num", 8)]), // PPME_ITER_TASK_FILE_SOCKET_INET6_E
    E(444, "task_file_socket_unix", false, &[("fd", 47), ("sk_type", 6), ("sk_proto", 6), ("sk_pointer", 8), ("sun_path", 17), ("ino_num", 8)]), // PPME_ITER_TASK_FILE_SOCKET_UNIX_E
    E(446, "task_file_socket_netlink", false, &[("fd", 47), ("sk_type", 6), ("sk_proto", 6), ("ino_num", 8)]), // PPME_ITER_TASK_FILE_SOCKET_NETLINK_E
    E(448, "task_file_anon_inode", false, &[("fd", 47), ("fd_type", 28), ("path", 17), ("ino_num", 8)]), // PPME_ITER_TASK_FILE_ANON_INODE_E
    E(451, "close_range", false, &[("res", 11), ("first", 7), ("last", 7), ("flags", 30)]), // PPME_SYSCALL_CLOSE_RANGE_X
    E(453, "keyctl", false, &[("res", 11), ("operation", 46), ("arg2", 27), ("arg3", 27), ("arg4", 27), ("arg5", 27)]), // PPME_SYSCALL_KEYCTL_X
];
