//! What the test knows about a process, read from /proc and syscalls,
//! for the expected values of clone/fork/execve records.
//!
//! Owns: reading this process's argv, comm, cwd, fd limit, tty, pgid,
//! loginuid and capability sets, the executable's inode and times, and
//! the map from kernel capability numbers (uapi) to PPM_CAP_* bits.
//! Must never: read anything from a record.

use lanner_abi as abi;

/// Facts about a process the test can read about itself.
#[derive(Clone, Debug)]
pub struct ProcFacts {
    pub exe_arg0: String,
    pub args: Vec<String>,
    pub comm: String,
    pub cwd: String,
    pub fdlimit: i64,
    pub tty: i64,
    pub pgid: i64,
    pub loginuid: i64,
    pub cap_prm: u64,
    pub cap_eff: u64,
    pub cap_inh: u64,
    pub exe_path: String,
    pub exe_ino: u64,
    pub exe_ctime: u64,
    pub exe_mtime: u64,
}

fn read(p: &str) -> String {
    std::fs::read_to_string(p).unwrap_or_default()
}

fn status_hex(status: &str, key: &str) -> u64 {
    status
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| u64::from_str_radix(v.trim(), 16).ok())
        .unwrap_or(0)
}

/// bindgen types small PPM_CAP_* values u32 and large ones u64.
fn u64_of<T: Copy + Into<u64>>(v: T) -> u64 {
    v.into()
}

/// Kernel capability number -> PPM_CAP_* bit (uapi/linux/capability.h
/// numbers on the left; the PPM side comes from lanner-abi).
fn caps() -> Vec<(u32, u64)> {
    vec![
        (0, u64_of(abi::PPM_CAP_CHOWN)),
        (1, u64_of(abi::PPM_CAP_DAC_OVERRIDE)),
        (2, u64_of(abi::PPM_CAP_DAC_READ_SEARCH)),
        (3, u64_of(abi::PPM_CAP_FOWNER)),
        (4, u64_of(abi::PPM_CAP_FSETID)),
        (5, u64_of(abi::PPM_CAP_KILL)),
        (6, u64_of(abi::PPM_CAP_SETGID)),
        (7, u64_of(abi::PPM_CAP_SETUID)),
        (8, u64_of(abi::PPM_CAP_SETPCAP)),
        (9, u64_of(abi::PPM_CAP_LINUX_IMMUTABLE)),
        (10, u64_of(abi::PPM_CAP_NET_BIND_SERVICE)),
        (11, u64_of(abi::PPM_CAP_NET_BROADCAST)),
        (12, u64_of(abi::PPM_CAP_NET_ADMIN)),
        (13, u64_of(abi::PPM_CAP_NET_RAW)),
        (14, u64_of(abi::PPM_CAP_IPC_LOCK)),
        (15, u64_of(abi::PPM_CAP_IPC_OWNER)),
        (16, u64_of(abi::PPM_CAP_SYS_MODULE)),
        (17, u64_of(abi::PPM_CAP_SYS_RAWIO)),
        (18, u64_of(abi::PPM_CAP_SYS_CHROOT)),
        (19, u64_of(abi::PPM_CAP_SYS_PTRACE)),
        (20, u64_of(abi::PPM_CAP_SYS_PACCT)),
        (21, u64_of(abi::PPM_CAP_SYS_ADMIN)),
        (22, u64_of(abi::PPM_CAP_SYS_BOOT)),
        (23, u64_of(abi::PPM_CAP_SYS_NICE)),
        (24, u64_of(abi::PPM_CAP_SYS_RESOURCE)),
        (25, u64_of(abi::PPM_CAP_SYS_TIME)),
        (26, u64_of(abi::PPM_CAP_SYS_TTY_CONFIG)),
        (27, u64_of(abi::PPM_CAP_MKNOD)),
        (28, u64_of(abi::PPM_CAP_LEASE)),
        (29, u64_of(abi::PPM_CAP_AUDIT_WRITE)),
        (30, u64_of(abi::PPM_CAP_AUDIT_CONTROL)),
        (31, u64_of(abi::PPM_CAP_SETFCAP)),
        (32, u64_of(abi::PPM_CAP_MAC_OVERRIDE)),
        (33, u64_of(abi::PPM_CAP_MAC_ADMIN)),
        (34, u64_of(abi::PPM_CAP_SYSLOG)),
        (35, u64_of(abi::PPM_CAP_WAKE_ALARM)),
        (36, u64_of(abi::PPM_CAP_BLOCK_SUSPEND)),
        (37, u64_of(abi::PPM_CAP_AUDIT_READ)),
        (38, u64_of(abi::PPM_CAP_PERFMON)),
        (39, u64_of(abi::PPM_CAP_BPF)),
        (40, u64_of(abi::PPM_CAP_CHECKPOINT_RESTORE)),
    ]
}

/// A kernel capability set in PPM_CAP_* bits.
pub fn caps_to_ppm(kernel: u64) -> u64 {
    caps()
        .into_iter()
        .filter(|(n, _)| kernel & (1u64 << n) != 0)
        .fold(0, |acc, (_, p)| acc | p)
}

fn exe_times(path: &str) -> (u64, u64, u64) {
    let c = crate::sys::cstr(path);
    // SAFETY: stat(2) into a zeroed buffer with a valid C string.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: as above.
    if unsafe { libc::stat(c.as_ptr(), &mut st) } != 0 {
        return (0, 0, 0);
    }
    let ns = |s: i64, n: i64| (s as u64) * 1_000_000_000 + n as u64;
    (
        st.st_ino,
        ns(st.st_ctime, st.st_ctime_nsec),
        ns(st.st_mtime, st.st_mtime_nsec),
    )
}

/// Facts about the calling process now.
pub fn me() -> ProcFacts {
    let argv: Vec<String> = std::env::args().collect();
    let status = read("/proc/self/status");
    let stat = read("/proc/self/stat");
    // Fields after the ")" closing comm: state ppid pgrp session tty_nr ...
    let after: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, r)| r.split_whitespace().collect())
        .unwrap_or_default();
    let field = |i: usize| {
        after
            .get(i)
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(-1)
    };
    let mut rl = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit into a local struct.
    unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut rl) };
    let exe_path = std::fs::read_link("/proc/self/exe")
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (exe_ino, exe_ctime, exe_mtime) = exe_times(&exe_path);
    ProcFacts {
        exe_arg0: argv.first().cloned().unwrap_or_default(),
        args: argv.iter().skip(1).cloned().collect(),
        comm: read("/proc/self/comm").trim_end_matches('\n').to_string(),
        cwd: std::env::current_dir()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default(),
        fdlimit: rl.rlim_cur as i64,
        tty: field(4),
        pgid: field(2),
        loginuid: read("/proc/self/loginuid")
            .trim()
            .parse()
            .unwrap_or(i64::from(u32::MAX)),
        cap_prm: caps_to_ppm(status_hex(&status, "CapPrm:")),
        cap_eff: caps_to_ppm(status_hex(&status, "CapEff:")),
        cap_inh: caps_to_ppm(status_hex(&status, "CapInh:")),
        exe_path,
        exe_ino,
        exe_ctime,
        exe_mtime,
    }
}

/// The pid of this process's parent.
pub fn ppid() -> i64 {
    // SAFETY: getppid has no preconditions.
    i64::from(unsafe { libc::getppid() })
}
