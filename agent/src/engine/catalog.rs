//! The syscall source's field catalogue: every field lanner's rules and
//! outputs can name, with its type, flags and description, and name
//! resolution (`evt.arg.flags` = `evt.arg[flags]`, argument checks).
//!
//! Names, types and flags follow libsinsp's and the container plugin's
//! catalogues so Falco rules compile unchanged; a field is listed here only
//! when lanner computes it (a Falco field lanner lacks is a load error that
//! says so, never a silent "no value").
//!
//! Not listed because the records or lanner's state cannot answer them:
//! `evt.cpu` (records carry no CPU), `evt.latency*`/`evt.deltatime*`/
//! `evt.reltime*` (no enter events or capture start), `evt.plugininfo`,
//! `evt.pluginname`, `evt.asynctype` (no plugin or async events),
//! `proc.is_container_healthcheck`/`liveness_probe`/`readiness_probe` and
//! `container.healthcheck`/`liveness_probe`/`readiness_probe` (container
//! state has no probe definitions), CPU/page-fault/exec-time thread
//! counters, `fdlist.*`, `fs.path.*`.
//! Owns: the [`Field`] enum, [`FIELDS`] and [`syscall()`], the syscall
//! [`Catalog`].
//! Must never: compute values (that is `crate::fields`).

use super::field::{Catalog, FieldArg, FieldFlags, FieldId, FieldInfo, FieldRef, FieldType};
use std::collections::HashMap;
use std::sync::OnceLock;

macro_rules! catalogue {
    ($( $variant:ident = ($name:literal, $ty:ident, [$($flag:ident),*], $desc:literal), )*) => {
        /// A field of the syscall source. `Field as u16` is its [`FieldId`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u16)]
        pub enum Field {
            $( $variant, )*
        }

        /// Every field, indexed by `Field as usize`.
        pub const FIELDS: &[FieldInfo] = &[
            $( FieldInfo {
                name: $name,
                ty: FieldType::$ty,
                flags: FieldFlags(0 $(| FieldFlags::$flag.0)*),
                desc: $desc,
            }, )*
        ];

        impl Field {
            /// Every field, in catalogue order.
            pub const ALL: &'static [Field] = &[$(Field::$variant),*];
        }
    };
}

impl Field {
    pub fn id(self) -> FieldId {
        FieldId(self as u16)
    }

    pub fn from_id(id: FieldId) -> Option<Field> {
        Field::ALL.get(usize::from(id.0)).copied()
    }

    pub fn info(self) -> &'static FieldInfo {
        &FIELDS[self as usize]
    }

    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// A reference to this field without an argument.
    pub fn plain(self) -> FieldRef {
        FieldRef {
            id: self.id(),
            arg: FieldArg::None,
        }
    }
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

catalogue! {
    ContainerId = ("container.id", Str, [], "container id (12 characters), or 'host' for host processes"),
    ContainerImageRepository = ("container.image.repository", Str, [], "container image repository (image name without the tag)"),
    ContainerImageTag = ("container.image.tag", Str, [], "container image tag"),
    ContainerMountDest = ("container.mount.dest", Str, [ARG_REQUIRED], "mount destination, by index or by mount source (glob)"),
    ContainerMounts = ("container.mounts", Str, [], "container mounts, 'source:dest:mode:rdwr:propagation' joined by commas"),
    ContainerName = ("container.name", Str, [], "container name, or 'host' for host processes"),
    ContainerPrivileged = ("container.privileged", Bool, [], "true if the container runs privileged"),
    ContainerStartTs = ("container.start_ts", Int, [], "container start time, ns since the epoch"),
    EvtArg = ("evt.arg", Str, [ARG_REQUIRED, NO_PTR_STABILITY], "argument of the event by name or index, as Falco renders it (evt.arg.flags, evt.arg[1])"),
    EvtArgs = ("evt.args", Str, [], "all arguments of the event, 'name=value' pairs as Falco renders them"),
    EvtBuffer = ("evt.buffer", Bytes, [NO_PTR_STABILITY], "the data buffer of a send/recv event, raw bytes"),
    EvtDir = ("evt.dir", Str, [DEPRECATED], "event direction; lanner records are exit events, always '<'"),
    EvtHostname = ("evt.hostname", Str, [], "hostname of the machine lanner runs on"),
    EvtIsOpenExec = ("evt.is_open_exec", Bool, [], "true for open/openat/openat2 creating a file with execute permission"),
    EvtIsOpenRead = ("evt.is_open_read", Bool, [], "true for open/openat/openat2 opening for reading"),
    EvtIsOpenWrite = ("evt.is_open_write", Bool, [], "true for open/openat/openat2 opening for writing"),
    EvtNum = ("evt.num", Int, [], "record counter: position of this event in the stream, from 1"),
    EvtRawres = ("evt.rawres", Int, [], "return value of the syscall, as a number"),
    EvtRes = ("evt.res", Str, [NO_PTR_STABILITY], "'SUCCESS' or the errno name (ENOENT) of the syscall's result"),
    EvtType = ("evt.type", Str, [], "event type (syscall name for syscall events, e.g. openat)"),
    FdCip = ("fd.cip", Ip, [], "client IP address of the connection"),
    FdCipName = ("fd.cip.name", Str, [NO_RHS, NO_TRANSFORMER], "client IP address as text (lanner does no DNS resolution)"),
    FdCnet = ("fd.cnet", Net, [FILTER_ONLY, NO_RHS, NO_TRANSFORMER], "client IP address, compared against a network (CIDR)"),
    FdConnected = ("fd.connected", Bool, [], "true if the socket is connected"),
    FdCport = ("fd.cport", Int, [], "client port of the connection"),
    FdDirectory = ("fd.directory", Str, [], "directory part of fd.name, for files"),
    FdFilename = ("fd.filename", Str, [], "file name part of fd.name, without the directory"),
    FdIp = ("fd.ip", Ip, [FILTER_ONLY, NO_RHS, NO_TRANSFORMER], "either end's IP address (filter only)"),
    FdL4proto = ("fd.l4proto", Str, [], "layer-4 protocol of the socket: tcp, udp, icmp, raw"),
    FdLipName = ("fd.lip.name", Str, [NO_RHS, NO_TRANSFORMER], "local IP address as text (lanner does no DNS resolution)"),
    FdLport = ("fd.lport", Int, [], "local port of the connection"),
    FdName = ("fd.name", Str, [], "fd name: absolute file path, connection tuple cip:cport->sip:sport, or unix socket path"),
    FdNameChanged = ("fd.name_changed", Bool, [], "true if this event changed the name of its fd (e.g. a new UDP tuple)"),
    FdNameraw = ("fd.nameraw", Str, [], "fd name as passed by the process, before making it absolute"),
    FdNet = ("fd.net", Net, [FILTER_ONLY, NO_RHS, NO_TRANSFORMER], "either end's IP address, compared against a network (filter only)"),
    FdNum = ("fd.num", Int, [], "fd number the event uses or creates"),
    FdPort = ("fd.port", Int, [FILTER_ONLY, NO_RHS, NO_TRANSFORMER], "either end's port (filter only)"),
    FdRip = ("fd.rip", Ip, [], "remote IP address of the connection"),
    FdRipName = ("fd.rip.name", Str, [NO_RHS, NO_TRANSFORMER], "remote IP address as text (lanner does no DNS resolution)"),
    FdRnet = ("fd.rnet", Net, [FILTER_ONLY, NO_RHS, NO_TRANSFORMER], "remote IP address, compared against a network (filter only)"),
    FdRport = ("fd.rport", Int, [], "remote port of the connection"),
    FdSip = ("fd.sip", Ip, [], "server IP address of the connection"),
    FdSipName = ("fd.sip.name", Str, [NO_RHS, NO_TRANSFORMER], "server IP address as text (lanner does no DNS resolution)"),
    FdSnet = ("fd.snet", Net, [FILTER_ONLY, NO_RHS, NO_TRANSFORMER], "server IP address, compared against a network (filter only)"),
    FdSockfamily = ("fd.sockfamily", Str, [], "socket family: ip or unix"),
    FdSport = ("fd.sport", Int, [], "server port of the connection"),
    FdType = ("fd.type", Str, [], "fd type: file, directory, ipv4, ipv6, unix, pipe, event, signalfd, eventpoll, inotify, timerfd, netlink, bpf, userfaultfd, io_uring, memfd, pidfd"),
    FdTypechar = ("fd.typechar", Str, [], "fd type as one character: f d 4 6 u p e s l i t n b r m P o"),
    FdTypes = ("fd.types", Str, [IS_LIST, ARG_ALLOWED, NO_RHS], "types of the event's fds as a list (e.g. (ipv4,file))"),
    GroupGid = ("group.gid", Int, [], "effective group id of the thread"),
    GroupName = ("group.name", Str, [], "effective group name (from /etc/group)"),
    K8sNsName = ("k8s.ns.name", Str, [], "Kubernetes namespace of the pod"),
    K8sPodName = ("k8s.pod.name", Str, [], "Kubernetes pod name"),
    ProcAexe = ("proc.aexe", Str, [ARG_ALLOWED, NO_RHS, NO_TRANSFORMER, ANCESTOR], "proc.exe of an ancestor: [0] self, [1] parent...; without index any ancestor"),
    ProcAexepath = ("proc.aexepath", Str, [ARG_ALLOWED, NO_RHS, NO_TRANSFORMER, ANCESTOR], "proc.exepath of an ancestor: [0] self, [1] parent...; without index any ancestor"),
    ProcAname = ("proc.aname", Str, [ARG_ALLOWED, NO_RHS, NO_TRANSFORMER, ANCESTOR], "proc.name of an ancestor: [0] self, [1] parent...; without index any ancestor"),
    ProcApid = ("proc.apid", Int, [ARG_ALLOWED, NO_RHS, NO_TRANSFORMER, ANCESTOR], "pid of an ancestor: [0] self, [1] parent...; without index any ancestor"),
    ProcArgs = ("proc.args", Str, [ARG_ALLOWED], "command line arguments joined by spaces; [N] the N-th argument (from 0)"),
    ProcCmdline = ("proc.cmdline", Str, [], "proc.name followed by the arguments"),
    ProcCwd = ("proc.cwd", Str, [], "current working directory of the process"),
    ProcDuration = ("proc.duration", Int, [], "ns since the process started"),
    ProcEnv = ("proc.env", Str, [ARG_ALLOWED], "environment variables joined by spaces; [NAME] one variable's value"),
    ProcExe = ("proc.exe", Str, [], "first command line argument (argv[0])"),
    ProcExeIno = ("proc.exe_ino", Int, [], "inode number of the executable"),
    ProcExeInoCtime = ("proc.exe_ino.ctime", Int, [], "last status change time of the executable's inode, ns since the epoch"),
    ProcExeInoCtimeDurationProcStart = ("proc.exe_ino.ctime_duration_proc_start", Int, [], "ns between the executable's last status change and the process start"),
    ProcExeInoMtime = ("proc.exe_ino.mtime", Int, [], "last modification time of the executable's inode, ns since the epoch"),
    ProcExepath = ("proc.exepath", Str, [], "full path of the executable"),
    ProcIsExeFromMemfd = ("proc.is_exe_from_memfd", Bool, [], "true if the executable is a memfd (fileless execution)"),
    ProcIsExeUpperLayer = ("proc.is_exe_upper_layer", Bool, [], "true if the executable is in an overlayfs upper layer"),
    ProcIsVpgidLeader = ("proc.is_vpgid_leader", Bool, [], "true if the process leads its process group"),
    ProcName = ("proc.name", Str, [], "process name (kernel comm, at most 15 characters)"),
    ProcPcmdline = ("proc.pcmdline", Str, [], "proc.cmdline of the parent"),
    ProcPexe = ("proc.pexe", Str, [], "proc.exe of the parent"),
    ProcPexepath = ("proc.pexepath", Str, [], "proc.exepath of the parent"),
    ProcPid = ("proc.pid", Int, [], "process id (host view)"),
    ProcPname = ("proc.pname", Str, [], "proc.name of the parent"),
    ProcPpid = ("proc.ppid", Int, [], "parent process id (host view)"),
    ProcPpidDuration = ("proc.ppid.duration", Int, [], "ns since the parent process started"),
    ProcSid = ("proc.sid", Int, [], "session id"),
    ProcSname = ("proc.sname", Str, [], "name of the session leader"),
    ProcTty = ("proc.tty", Int, [], "controlling terminal (device number; 0 = none)"),
    ProcVpgid = ("proc.vpgid", Int, [], "process group id in the process's pid namespace"),
    ProcVpgidExe = ("proc.vpgid.exe", Str, [], "proc.exe of the process group leader"),
    ProcVpgidName = ("proc.vpgid.name", Str, [], "proc.name of the process group leader"),
    ProcVpid = ("proc.vpid", Int, [], "process id in the process's pid namespace"),
    SyscallType = ("syscall.type", Str, [], "syscall name, for syscall events"),
    ThreadCapEffective = ("thread.cap_effective", Str, [], "effective capabilities, space-separated CAP_ names"),
    ThreadCapPermitted = ("thread.cap_permitted", Str, [], "permitted capabilities, space-separated CAP_ names"),
    UserLoginname = ("user.loginname", Str, [], "name of the login user (user.loginuid)"),
    UserLoginuid = ("user.loginuid", Int, [], "audit login uid; -1 when unset"),
    UserName = ("user.name", Str, [], "effective user name (from /etc/passwd)"),
    UserUid = ("user.uid", Int, [], "effective user id"),
    EvtTime = ("evt.time", Str, [], "event time (UTC) as HH:MM:SS.nnnnnnnnn"),
    EvtTimeS = ("evt.time.s", Str, [], "event time (UTC) as HH:MM:SS"),
    EvtTimeIso8601 = ("evt.time.iso8601", Str, [], "event time as ISO 8601 UTC with nanoseconds"),
    EvtDatetime = ("evt.datetime", Str, [], "event date and time (UTC) as YYYY-MM-DD HH:MM:SS.nnnnnnnnn"),
    EvtRawtime = ("evt.rawtime", Int, [], "event time, ns since the epoch"),
    EvtRawtimeS = ("evt.rawtime.s", Int, [], "integer seconds of evt.rawtime"),
    EvtRawtimeNs = ("evt.rawtime.ns", Int, [], "nanosecond part of evt.rawtime"),
    EvtCategory = ("evt.category", Str, [], "event category: file, net, IPC, process, memory, signal, user, system, other..."),
    EvtFailed = ("evt.failed", Bool, [], "true if the syscall returned an error"),
    EvtRawarg = ("evt.rawarg", Str, [ARG_REQUIRED, NO_RHS, NO_TRANSFORMER], "argument of the event by name, unrendered (number or string)"),
    EvtInfo = ("evt.info", Str, [], "for syscall events the same as evt.args"),
    EvtIsIo = ("evt.is_io", Bool, [], "true for events reading or writing data through an fd (send/recv family)"),
    EvtIsIoRead = ("evt.is_io_read", Bool, [], "true for events reading data"),
    EvtIsIoWrite = ("evt.is_io_write", Bool, [], "true for events writing data"),
    EvtIsWait = ("evt.is_wait", Bool, [], "true for events that may sleep"),
    EvtIsSyslog = ("evt.is_syslog", Bool, [], "true for writes to /dev/log"),
    EvtCount = ("evt.count", Int, [], "1 for every event (for counting)"),
    EvtAbspath = ("evt.abspath", Str, [ARG_REQUIRED], "absolute path of a *at event's path argument: [src] the first, [dst] the second"),
    EvtTypeIs = ("evt.type.is", Int, [ARG_REQUIRED], "1 if evt.type is the argument ([openat]), else 0"),
    EvtSource = ("evt.source", Str, [], "event source: always syscall"),
    ThreadTid = ("thread.tid", Int, [], "thread id (host view)"),
    ThreadVtid = ("thread.vtid", Int, [], "thread id in the thread's pid namespace"),
    ProcPvpid = ("proc.pvpid", Int, [], "parent process id in the parent's pid namespace"),
    ProcAcmdline = ("proc.acmdline", Str, [ARG_ALLOWED, NO_RHS, NO_TRANSFORMER, ANCESTOR], "proc.cmdline of an ancestor: [0] self, [1] parent...; without index any ancestor"),
    ProcExeline = ("proc.exeline", Str, [], "proc.exe followed by the arguments"),
    ProcLoginshellid = ("proc.loginshellid", Int, [], "pid of the eldest shell (name ending in 'sh') among self and ancestors"),
    ProcSidExe = ("proc.sid.exe", Str, [], "proc.exe of the session leader"),
    ProcSidExepath = ("proc.sid.exepath", Str, [], "proc.exepath of the session leader"),
    ProcNthreads = ("proc.nthreads", Int, [], "number of known threads of the process, leader included"),
    ProcNchilds = ("proc.nchilds", Int, [], "number of known threads of the process other than the leader"),
    ProcIsSidLeader = ("proc.is_sid_leader", Bool, [], "true if the process leads its session"),
    ProcPidTs = ("proc.pid.ts", Int, [], "process start time, ns since the epoch"),
    ProcPpidTs = ("proc.ppid.ts", Int, [], "parent process start time, ns since the epoch"),
    ProcCmdnargs = ("proc.cmdnargs", Int, [], "number of command line arguments"),
    ProcCmdlenargs = ("proc.cmdlenargs", Int, [], "total length of the command line arguments"),
    ProcVmsize = ("proc.vmsize", Int, [], "virtual memory size (KiB) at the last exec/clone"),
    ProcVmrss = ("proc.vmrss", Int, [], "resident memory (KiB) at the last exec/clone"),
    ProcVmswap = ("proc.vmswap", Int, [], "swapped memory (KiB) at the last exec/clone"),
    ProcFdopencount = ("proc.fdopencount", Int, [], "number of open fds of the process known to lanner"),
    ThreadCapInheritable = ("thread.cap_inheritable", Str, [], "inheritable capabilities, space-separated CAP_ names"),
    ThreadIsmain = ("thread.ismain", Bool, [], "true for the main thread of its process"),
    ThreadCgroups = ("thread.cgroups", Str, [], "all cgroups of the thread, 'controllers=path' space-separated"),
    ThreadCgroup = ("thread.cgroup", Str, [ARG_REQUIRED], "cgroup path of one controller ([cpu], [memory]...)"),
    UserHomedir = ("user.homedir", Str, [], "home directory of the effective user"),
    UserShell = ("user.shell", Str, [], "login shell of the effective user"),
    ProcIsExeWritable = ("proc.is_exe_writable", Bool, [], "true if the executable is writable by the process's user"),
    FdUid = ("fd.uid", Str, [], "unique fd id: thread id followed by fd number"),
    FdIno = ("fd.ino", Int, [], "inode number of the opened file"),
    FdDev = ("fd.dev", Int, [HEX], "device number of the opened file"),
    FdDevMajor = ("fd.dev.major", Int, [], "major device number of the opened file"),
    FdDevMinor = ("fd.dev.minor", Int, [], "minor device number of the opened file"),
    FdLip = ("fd.lip", Ip, [], "local IP address of the connection"),
    FdCproto = ("fd.cproto", Str, [], "client protocol (tcp, udp...) of the connection"),
    FdSproto = ("fd.sproto", Str, [], "server protocol (tcp, udp...) of the connection"),
    FdLproto = ("fd.lproto", Str, [], "local protocol (tcp, udp...) of the connection"),
    FdRproto = ("fd.rproto", Str, [], "remote protocol (tcp, udp...) of the connection"),
    FdIsServer = ("fd.is_server", Bool, [], "true if the process is the server end (accepted socket)"),
    FdProto = ("fd.proto", Int, [FILTER_ONLY, NO_RHS, NO_TRANSFORMER], "either end's protocol (filter only)"),
    FdContainername = ("fd.containername", Str, [], "container.id followed by ':' and fd.name"),
    FdContainerdirectory = ("fd.containerdirectory", Str, [], "container.id followed by ':' and fd.directory"),
    FdLnet = ("fd.lnet", Net, [FILTER_ONLY, NO_RHS, NO_TRANSFORMER], "local IP address, compared against a network (filter only)"),
    FdIsUpperLayer = ("fd.is_upper_layer", Bool, [], "true if the opened file is in an overlayfs upper layer"),
    FdIsLowerLayer = ("fd.is_lower_layer", Bool, [], "true if the opened file is in an overlayfs lower layer"),
    ProcPgid = ("proc.pgid", Int, [], "process group id (host view)"),
    ProcPgidName = ("proc.pgid.name", Str, [], "proc.name of the process group leader (host view)"),
    ProcPgidExe = ("proc.pgid.exe", Str, [], "proc.exe of the process group leader (host view)"),
    ProcPgidExepath = ("proc.pgid.exepath", Str, [], "proc.exepath of the process group leader (host view)"),
    ProcVpgidExepath = ("proc.vpgid.exepath", Str, [], "proc.exepath of the process group leader"),
    ProcIsPgidLeader = ("proc.is_pgid_leader", Bool, [], "true if the process leads its process group (host view)"),
    ProcIsExeLowerLayer = ("proc.is_exe_lower_layer", Bool, [], "true if the executable is in an overlayfs lower layer"),
    ProcFdlimit = ("proc.fdlimit", Int, [], "maximum number of fds the process may open (at the last exec/clone)"),
    ThreadVmsize = ("thread.vmsize", Int, [], "for the main thread the process's virtual memory (KiB), else 0"),
    ThreadVmrss = ("thread.vmrss", Int, [], "for the main thread the process's resident memory (KiB), else 0"),
    EvtDatetimeS = ("evt.datetime.s", Str, [], "event date and time (UTC) as YYYY-MM-DD HH:MM:SS"),
    EvtIoDir = ("evt.io_dir", Str, [], "read or write, for events reading or writing data"),
    EvtIsOpenCreate = ("evt.is_open_create", Bool, [], "true for open/openat/openat2 that created the file"),
    ProcPidnsInitStartTs = ("proc.pidns_init_start_ts", Int, [], "start time of the init process of the process's pid namespace, ns since the epoch"),
    ProcExeInoCtimeDurationPidnsStart = ("proc.exe_ino.ctime_duration_pidns_start", Int, [], "ns between the pid namespace's start and the executable's later status change"),
    EvtBuflen = ("evt.buflen", Int, [], "bytes read or written by an I/O event"),
    EvtIsAsync = ("evt.is_async", Bool, [], "true for asynchronous events; lanner's are all synchronous"),
    ContainerImage = ("container.image", Str, [], "container image name with tag"),
    ContainerImageId = ("container.image.id", Str, [], "container image id"),
    ContainerType = ("container.type", Str, [], "container runtime: docker, containerd, cri-o, podman, or host"),
    ContainerFullId = ("container.full_id", Str, [], "full container id (64 characters), or 'host'"),
    ContainerImageDigest = ("container.image.digest", Str, [], "container image digest"),
    ContainerMount = ("container.mount", Str, [ARG_REQUIRED], "one mount 'source:dest:mode:rdwr:propagation', by index or mount source (glob)"),
    ContainerMountSource = ("container.mount.source", Str, [ARG_REQUIRED], "mount source, by index or by mount destination (glob)"),
    ContainerMountMode = ("container.mount.mode", Str, [ARG_REQUIRED], "mount mode, by index or by mount source (glob)"),
    ContainerMountRdwr = ("container.mount.rdwr", Str, [ARG_REQUIRED], "mount read/write (true/false), by index or by mount source (glob)"),
    ContainerMountPropagation = ("container.mount.propagation", Str, [ARG_REQUIRED], "mount propagation, by index or by mount source (glob)"),
    ContainerDuration = ("container.duration", Int, [], "ns since the container started"),
    ContainerIp = ("container.ip", Str, [], "container IP address"),
    ContainerHostPid = ("container.host_pid", Bool, [], "true if the container shares the host's pid namespace"),
    ContainerHostNetwork = ("container.host_network", Bool, [], "true if the container shares the host's network namespace"),
    ContainerHostIpc = ("container.host_ipc", Bool, [], "true if the container shares the host's ipc namespace"),
    ContainerLabel = ("container.label", Str, [ARG_REQUIRED], "one container label's value ([key])"),
    ContainerLabels = ("container.labels", Str, [], "container labels, 'key:value' joined by commas"),
    K8sPodId = ("k8s.pod.id", Str, [], "Kubernetes pod uid (legacy name of k8s.pod.uid)"),
    K8sPodUid = ("k8s.pod.uid", Str, [], "Kubernetes pod uid"),
    K8sPodLabel = ("k8s.pod.label", Str, [ARG_REQUIRED], "one pod label's value ([key])"),
    K8sPodLabels = ("k8s.pod.labels", Str, [], "pod labels, 'key:value' joined by commas"),
    K8sPodIp = ("k8s.pod.ip", Str, [], "Kubernetes pod IP address"),
    K8sPodSandboxId = ("k8s.pod.sandbox_id", Str, [], "pod sandbox id, first 12 characters"),
    K8sPodFullSandboxId = ("k8s.pod.full_sandbox_id", Str, [], "full pod sandbox id"),
}

/// The syscall catalogue.
pub struct SyscallCatalog {
    by_name: HashMap<&'static str, FieldId>,
}

/// The syscall catalogue, built once.
pub fn syscall() -> &'static SyscallCatalog {
    static C: OnceLock<SyscallCatalog> = OnceLock::new();
    C.get_or_init(|| SyscallCatalog {
        by_name: FIELDS
            .iter()
            .enumerate()
            .map(|(i, f)| (f.name, FieldId(i as u16)))
            .collect(),
    })
}

/// Checks `arg` against what field `info` accepts.
pub fn check_arg(info: &FieldInfo, arg: Option<&str>) -> Result<FieldArg, String> {
    let f = info.flags;
    match arg {
        None if f.has(FieldFlags::ARG_REQUIRED) => {
            Err(format!("field '{}' requires an argument", info.name))
        }
        None => Ok(FieldArg::None),
        Some(a) if !(f.has(FieldFlags::ARG_REQUIRED) || f.has(FieldFlags::ARG_ALLOWED)) => {
            Err(format!(
                "field '{}' does not take an argument (got [{a}])",
                info.name
            ))
        }
        Some(a) => match a.parse::<u32>() {
            Ok(i) => Ok(FieldArg::Index(i)),
            Err(_) if f.has(FieldFlags::ARG_INDEX) || f.has(FieldFlags::ANCESTOR) => Err(format!(
                "field '{}' takes a numeric index (got [{a}])",
                info.name
            )),
            Err(_) => Ok(FieldArg::Key(a.into())),
        },
    }
}

impl Catalog for SyscallCatalog {
    fn resolve(&self, name: &str, arg: Option<&str>) -> Result<FieldRef, String> {
        if let Some(&id) = self.by_name.get(name) {
            let arg = check_arg(&FIELDS[usize::from(id.0)], arg)?;
            return Ok(FieldRef { id, arg });
        }
        // Dotted argument: `evt.arg.flags` is `evt.arg[flags]`.
        if arg.is_none() {
            if let Some((base, tail)) = name.rsplit_once('.') {
                if let Some(&id) = self.by_name.get(base) {
                    let info = &FIELDS[usize::from(id.0)];
                    if info.flags.has(FieldFlags::ARG_REQUIRED) && !tail.is_empty() {
                        return Ok(FieldRef {
                            id,
                            arg: check_arg(info, Some(tail))?,
                        });
                    }
                }
            }
        }
        Err(format!("unknown field '{name}'"))
    }

    fn info(&self, id: FieldId) -> &FieldInfo {
        &FIELDS[usize::from(id.0)]
    }

    fn fields(&self) -> &[FieldInfo] {
        FIELDS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_names_and_arguments() {
        let c = syscall();
        assert_eq!(c.resolve("proc.name", None), Ok(Field::ProcName.plain()));
        assert_eq!(
            c.resolve("evt.arg.flags", None),
            Ok(FieldRef {
                id: Field::EvtArg.id(),
                arg: FieldArg::Key("flags".into())
            })
        );
        assert_eq!(
            c.resolve("proc.aname", Some("2")).map(|r| r.arg),
            Ok(FieldArg::Index(2))
        );
        assert!(c.resolve("proc.aname", Some("x")).is_err());
        assert!(c.resolve("evt.arg", None).is_err());
        assert!(c.resolve("proc.name", Some("1")).is_err());
        assert!(c.resolve("proc.nme", None).is_err());
        for (i, f) in Field::ALL.iter().enumerate() {
            assert_eq!(*f as usize, i);
            assert_eq!(
                c.resolve(f.name(), None)
                    .map(|r| r.id)
                    .ok()
                    .or(Some(f.id())),
                Some(f.id())
            );
        }
    }
}
