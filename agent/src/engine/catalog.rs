//! The syscall source's field catalogue: every field lanner's rules and
//! outputs can name, with its type, flags and description, and name
//! resolution (`evt.arg.flags` = `evt.arg[flags]`, argument checks).
//!
//! Names, types and flags follow libsinsp's and the container plugin's
//! catalogues so Falco rules compile unchanged; a field is listed here only
//! when lanner computes it (a Falco field lanner lacks is a load error that
//! says so, never a silent "no value").
//! Owns: the [`Field`] enum and [`SYSCALL`], the syscall [`Catalog`].
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
    ContainerId = ("container.id", Str, [], ""),
    ContainerImageRepository = ("container.image.repository", Str, [], ""),
    ContainerImageTag = ("container.image.tag", Str, [], ""),
    ContainerMountDest = ("container.mount.dest", Str, [ARG_REQUIRED], ""),
    ContainerMounts = ("container.mounts", Str, [], ""),
    ContainerName = ("container.name", Str, [], ""),
    ContainerPrivileged = ("container.privileged", Bool, [], ""),
    ContainerStartTs = ("container.start_ts", Int, [], ""),
    EvtArg = ("evt.arg", Str, [ARG_REQUIRED, NO_PTR_STABILITY], ""),
    EvtArgs = ("evt.args", Str, [], ""),
    EvtBuffer = ("evt.buffer", Bytes, [NO_PTR_STABILITY], ""),
    EvtDir = ("evt.dir", Str, [DEPRECATED], ""),
    EvtHostname = ("evt.hostname", Str, [], ""),
    EvtIsOpenExec = ("evt.is_open_exec", Bool, [], ""),
    EvtIsOpenRead = ("evt.is_open_read", Bool, [], ""),
    EvtIsOpenWrite = ("evt.is_open_write", Bool, [], ""),
    EvtNum = ("evt.num", Int, [], ""),
    EvtPlugininfo = ("evt.plugininfo", Str, [], ""),
    EvtRawres = ("evt.rawres", Int, [], ""),
    EvtRes = ("evt.res", Str, [NO_PTR_STABILITY], ""),
    EvtType = ("evt.type", Str, [], ""),
    FdCip = ("fd.cip", Ip, [], ""),
    FdCipName = ("fd.cip.name", Str, [NO_RHS, NO_TRANSFORMER], ""),
    FdCnet = ("fd.cnet", Net, [FILTER_ONLY, NO_RHS, NO_TRANSFORMER], ""),
    FdConnected = ("fd.connected", Bool, [], ""),
    FdCport = ("fd.cport", Int, [], ""),
    FdDirectory = ("fd.directory", Str, [], ""),
    FdFilename = ("fd.filename", Str, [], ""),
    FdIp = ("fd.ip", Ip, [FILTER_ONLY, NO_RHS, NO_TRANSFORMER], ""),
    FdL4proto = ("fd.l4proto", Str, [], ""),
    FdLipName = ("fd.lip.name", Str, [NO_RHS, NO_TRANSFORMER], ""),
    FdLport = ("fd.lport", Int, [], ""),
    FdName = ("fd.name", Str, [], ""),
    FdNameChanged = ("fd.name_changed", Bool, [], ""),
    FdNameraw = ("fd.nameraw", Str, [], ""),
    FdNet = ("fd.net", Net, [FILTER_ONLY, NO_RHS, NO_TRANSFORMER], ""),
    FdNum = ("fd.num", Int, [], ""),
    FdPort = ("fd.port", Int, [FILTER_ONLY, NO_RHS, NO_TRANSFORMER], ""),
    FdRip = ("fd.rip", Ip, [], ""),
    FdRipName = ("fd.rip.name", Str, [NO_RHS, NO_TRANSFORMER], ""),
    FdRnet = ("fd.rnet", Net, [FILTER_ONLY, NO_RHS, NO_TRANSFORMER], ""),
    FdRport = ("fd.rport", Int, [], ""),
    FdSip = ("fd.sip", Ip, [], ""),
    FdSipName = ("fd.sip.name", Str, [NO_RHS, NO_TRANSFORMER], ""),
    FdSnet = ("fd.snet", Net, [FILTER_ONLY, NO_RHS, NO_TRANSFORMER], ""),
    FdSockfamily = ("fd.sockfamily", Str, [], ""),
    FdSport = ("fd.sport", Int, [], ""),
    FdType = ("fd.type", Str, [], ""),
    FdTypechar = ("fd.typechar", Str, [], ""),
    FdTypes = ("fd.types", Str, [IS_LIST, ARG_ALLOWED, NO_RHS], ""),
    GroupGid = ("group.gid", Int, [], ""),
    GroupName = ("group.name", Str, [], ""),
    K8sNsName = ("k8s.ns.name", Str, [], ""),
    K8sPodName = ("k8s.pod.name", Str, [], ""),
    ProcAexe = ("proc.aexe", Str, [ARG_ALLOWED, NO_RHS, NO_TRANSFORMER, ANCESTOR], ""),
    ProcAexepath = ("proc.aexepath", Str, [ARG_ALLOWED, NO_RHS, NO_TRANSFORMER, ANCESTOR], ""),
    ProcAname = ("proc.aname", Str, [ARG_ALLOWED, NO_RHS, NO_TRANSFORMER, ANCESTOR], ""),
    ProcApid = ("proc.apid", Int, [ARG_ALLOWED, NO_RHS, NO_TRANSFORMER, ANCESTOR], ""),
    ProcArgs = ("proc.args", Str, [ARG_ALLOWED], ""),
    ProcCmdline = ("proc.cmdline", Str, [], ""),
    ProcCwd = ("proc.cwd", Str, [], ""),
    ProcDuration = ("proc.duration", Int, [], ""),
    ProcEnv = ("proc.env", Str, [ARG_ALLOWED], ""),
    ProcExe = ("proc.exe", Str, [], ""),
    ProcExeIno = ("proc.exe_ino", Int, [], ""),
    ProcExeInoCtime = ("proc.exe_ino.ctime", Int, [], ""),
    ProcExeInoCtimeDurationProcStart = ("proc.exe_ino.ctime_duration_proc_start", Int, [], ""),
    ProcExeInoMtime = ("proc.exe_ino.mtime", Int, [], ""),
    ProcExepath = ("proc.exepath", Str, [], ""),
    ProcIsExeFromMemfd = ("proc.is_exe_from_memfd", Bool, [], ""),
    ProcIsExeUpperLayer = ("proc.is_exe_upper_layer", Bool, [], ""),
    ProcIsVpgidLeader = ("proc.is_vpgid_leader", Bool, [], ""),
    ProcName = ("proc.name", Str, [], ""),
    ProcPcmdline = ("proc.pcmdline", Str, [], ""),
    ProcPexe = ("proc.pexe", Str, [], ""),
    ProcPexepath = ("proc.pexepath", Str, [], ""),
    ProcPid = ("proc.pid", Int, [], ""),
    ProcPname = ("proc.pname", Str, [], ""),
    ProcPpid = ("proc.ppid", Int, [], ""),
    ProcPpidDuration = ("proc.ppid.duration", Int, [], ""),
    ProcSid = ("proc.sid", Int, [], ""),
    ProcSname = ("proc.sname", Str, [], ""),
    ProcTty = ("proc.tty", Int, [], ""),
    ProcVpgid = ("proc.vpgid", Int, [], ""),
    ProcVpgidExe = ("proc.vpgid.exe", Str, [], ""),
    ProcVpgidName = ("proc.vpgid.name", Str, [], ""),
    ProcVpid = ("proc.vpid", Int, [], ""),
    SyscallType = ("syscall.type", Str, [], ""),
    ThreadCapEffective = ("thread.cap_effective", Str, [], ""),
    ThreadCapPermitted = ("thread.cap_permitted", Str, [], ""),
    UserLoginname = ("user.loginname", Str, [], ""),
    UserLoginuid = ("user.loginuid", Int, [], ""),
    UserName = ("user.name", Str, [], ""),
    UserUid = ("user.uid", Int, [], ""),
    EvtTime = ("evt.time", Str, [], ""),
    EvtTimeS = ("evt.time.s", Str, [], ""),
    EvtTimeIso8601 = ("evt.time.iso8601", Str, [], ""),
    EvtDatetime = ("evt.datetime", Str, [], ""),
    EvtRawtime = ("evt.rawtime", Int, [], ""),
    EvtRawtimeS = ("evt.rawtime.s", Int, [], ""),
    EvtRawtimeNs = ("evt.rawtime.ns", Int, [], ""),
    EvtCpu = ("evt.cpu", Int, [], ""),
    EvtCategory = ("evt.category", Str, [], ""),
    EvtFailed = ("evt.failed", Bool, [], ""),
    EvtRawarg = ("evt.rawarg", Str, [ARG_REQUIRED, NO_RHS, NO_TRANSFORMER], ""),
    EvtInfo = ("evt.info", Str, [], ""),
    EvtIsIo = ("evt.is_io", Bool, [], ""),
    EvtIsIoRead = ("evt.is_io_read", Bool, [], ""),
    EvtIsIoWrite = ("evt.is_io_write", Bool, [], ""),
    EvtIsWait = ("evt.is_wait", Bool, [], ""),
    EvtIsSyslog = ("evt.is_syslog", Bool, [], ""),
    EvtCount = ("evt.count", Int, [], ""),
    EvtAbspath = ("evt.abspath", Str, [ARG_REQUIRED], ""),
    EvtTypeIs = ("evt.type.is", Int, [ARG_REQUIRED], ""),
    EvtSource = ("evt.source", Str, [], ""),
    EvtAsynctype = ("evt.asynctype", Str, [], ""),
    EvtPluginname = ("evt.pluginname", Str, [], ""),
    ThreadTid = ("thread.tid", Int, [], ""),
    ThreadVtid = ("thread.vtid", Int, [], ""),
    ProcPvpid = ("proc.pvpid", Int, [], ""),
    ProcAcmdline = ("proc.acmdline", Str, [ARG_ALLOWED, NO_RHS, NO_TRANSFORMER, ANCESTOR], ""),
    ProcExeline = ("proc.exeline", Str, [], ""),
    ProcLoginshellid = ("proc.loginshellid", Int, [], ""),
    ProcSidExe = ("proc.sid.exe", Str, [], ""),
    ProcSidExepath = ("proc.sid.exepath", Str, [], ""),
    ProcIsContainerHealthcheck = ("proc.is_container_healthcheck", Bool, [], ""),
    ProcNthreads = ("proc.nthreads", Int, [], ""),
    ProcNchilds = ("proc.nchilds", Int, [], ""),
    ProcIsSidLeader = ("proc.is_sid_leader", Bool, [], ""),
    ProcPidTs = ("proc.pid.ts", Int, [], ""),
    ProcPpidTs = ("proc.ppid.ts", Int, [], ""),
    ProcCmdnargs = ("proc.cmdnargs", Int, [], ""),
    ProcCmdlenargs = ("proc.cmdlenargs", Int, [], ""),
    ProcVmsize = ("proc.vmsize", Int, [], ""),
    ProcVmrss = ("proc.vmrss", Int, [], ""),
    ProcVmswap = ("proc.vmswap", Int, [], ""),
    ProcFdopencount = ("proc.fdopencount", Int, [], ""),
    ThreadCapInheritable = ("thread.cap_inheritable", Str, [], ""),
    ThreadIsmain = ("thread.ismain", Bool, [], ""),
    ThreadCgroups = ("thread.cgroups", Str, [], ""),
    ThreadCgroup = ("thread.cgroup", Str, [ARG_REQUIRED], ""),
    UserHomedir = ("user.homedir", Str, [], ""),
    UserShell = ("user.shell", Str, [], ""),
    ProcIsExeWritable = ("proc.is_exe_writable", Bool, [], ""),
    FdUid = ("fd.uid", Str, [], ""),
    FdIno = ("fd.ino", Int, [], ""),
    FdDev = ("fd.dev", Int, [HEX], ""),
    FdDevMajor = ("fd.dev.major", Int, [], ""),
    FdDevMinor = ("fd.dev.minor", Int, [], ""),
    FdLip = ("fd.lip", Ip, [], ""),
    FdCproto = ("fd.cproto", Str, [], ""),
    FdSproto = ("fd.sproto", Str, [], ""),
    FdLproto = ("fd.lproto", Str, [], ""),
    FdRproto = ("fd.rproto", Str, [], ""),
    FdIsServer = ("fd.is_server", Bool, [], ""),
    FdProto = ("fd.proto", Int, [FILTER_ONLY, NO_RHS, NO_TRANSFORMER], ""),
    FdContainername = ("fd.containername", Str, [], ""),
    FdContainerdirectory = ("fd.containerdirectory", Str, [], ""),
    FdLnet = ("fd.lnet", Net, [FILTER_ONLY, NO_RHS, NO_TRANSFORMER], ""),
    FdIsUpperLayer = ("fd.is_upper_layer", Bool, [], ""),
    FdIsLowerLayer = ("fd.is_lower_layer", Bool, [], ""),
    ContainerImage = ("container.image", Str, [], ""),
    ContainerImageId = ("container.image.id", Str, [], ""),
    ContainerType = ("container.type", Str, [], ""),
    ContainerFullId = ("container.full_id", Str, [], ""),
    ContainerImageDigest = ("container.image.digest", Str, [], ""),
    ContainerMount = ("container.mount", Str, [ARG_REQUIRED], ""),
    ContainerMountSource = ("container.mount.source", Str, [ARG_REQUIRED], ""),
    ContainerMountMode = ("container.mount.mode", Str, [ARG_REQUIRED], ""),
    ContainerMountRdwr = ("container.mount.rdwr", Str, [ARG_REQUIRED], ""),
    ContainerMountPropagation = ("container.mount.propagation", Str, [ARG_REQUIRED], ""),
    ContainerDuration = ("container.duration", Int, [], ""),
    ContainerIp = ("container.ip", Str, [], ""),
    ContainerHostPid = ("container.host_pid", Bool, [], ""),
    ContainerHostNetwork = ("container.host_network", Bool, [], ""),
    ContainerHostIpc = ("container.host_ipc", Bool, [], ""),
    ContainerLabel = ("container.label", Str, [ARG_REQUIRED], ""),
    ContainerLabels = ("container.labels", Str, [], ""),
    K8sPodId = ("k8s.pod.id", Str, [], ""),
    K8sPodUid = ("k8s.pod.uid", Str, [], ""),
    K8sPodLabel = ("k8s.pod.label", Str, [ARG_REQUIRED], ""),
    K8sPodLabels = ("k8s.pod.labels", Str, [], ""),
    K8sPodIp = ("k8s.pod.ip", Str, [], ""),
    K8sPodSandboxId = ("k8s.pod.sandbox_id", Str, [], ""),
    K8sPodFullSandboxId = ("k8s.pod.full_sandbox_id", Str, [], ""),
    ContainerHealthcheck = ("container.healthcheck", Str, [], ""),
    ContainerLivenessProbe = ("container.liveness_probe", Str, [], ""),
    ContainerReadinessProbe = ("container.readiness_probe", Str, [], ""),
    ProcIsContainerLivenessProbe = ("proc.is_container_liveness_probe", Bool, [], ""),
    ProcIsContainerReadinessProbe = ("proc.is_container_readiness_probe", Bool, [], ""),
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
