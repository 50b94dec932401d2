//! Capability sets as Falco prints them (`thread.cap_effective`): the
//! `CAP_*` names of the set bits, space-separated, in bit order.
//!
//! Owns: the name of each `PPM_CAP_*` bit (values come from the ABI).
//! Must never: restate a bit value.

use lanner_abi as abi;

macro_rules! caps {
    ($($name:ident),* $(,)?) => {
        /// (name, `PPM_CAP_*` bit), in bit order.
        pub const CAPS: &[(&str, u64)] = &[$(
            (concat!("CAP_", stringify!($name)), paste_cap!($name)),
        )*];
    };
}

macro_rules! paste_cap {
    (CHOWN) => {
        abi::PPM_CAP_CHOWN as u64
    };
    (DAC_OVERRIDE) => {
        abi::PPM_CAP_DAC_OVERRIDE as u64
    };
    (DAC_READ_SEARCH) => {
        abi::PPM_CAP_DAC_READ_SEARCH as u64
    };
    (FOWNER) => {
        abi::PPM_CAP_FOWNER as u64
    };
    (FSETID) => {
        abi::PPM_CAP_FSETID as u64
    };
    (KILL) => {
        abi::PPM_CAP_KILL as u64
    };
    (SETGID) => {
        abi::PPM_CAP_SETGID as u64
    };
    (SETUID) => {
        abi::PPM_CAP_SETUID as u64
    };
    (SETPCAP) => {
        abi::PPM_CAP_SETPCAP as u64
    };
    (LINUX_IMMUTABLE) => {
        abi::PPM_CAP_LINUX_IMMUTABLE as u64
    };
    (NET_BIND_SERVICE) => {
        abi::PPM_CAP_NET_BIND_SERVICE as u64
    };
    (NET_BROADCAST) => {
        abi::PPM_CAP_NET_BROADCAST as u64
    };
    (NET_ADMIN) => {
        abi::PPM_CAP_NET_ADMIN as u64
    };
    (NET_RAW) => {
        abi::PPM_CAP_NET_RAW as u64
    };
    (IPC_LOCK) => {
        abi::PPM_CAP_IPC_LOCK as u64
    };
    (IPC_OWNER) => {
        abi::PPM_CAP_IPC_OWNER as u64
    };
    (SYS_MODULE) => {
        abi::PPM_CAP_SYS_MODULE as u64
    };
    (SYS_RAWIO) => {
        abi::PPM_CAP_SYS_RAWIO as u64
    };
    (SYS_CHROOT) => {
        abi::PPM_CAP_SYS_CHROOT as u64
    };
    (SYS_PTRACE) => {
        abi::PPM_CAP_SYS_PTRACE as u64
    };
    (SYS_PACCT) => {
        abi::PPM_CAP_SYS_PACCT as u64
    };
    (SYS_ADMIN) => {
        abi::PPM_CAP_SYS_ADMIN as u64
    };
    (SYS_BOOT) => {
        abi::PPM_CAP_SYS_BOOT as u64
    };
    (SYS_NICE) => {
        abi::PPM_CAP_SYS_NICE as u64
    };
    (SYS_RESOURCE) => {
        abi::PPM_CAP_SYS_RESOURCE as u64
    };
    (SYS_TIME) => {
        abi::PPM_CAP_SYS_TIME as u64
    };
    (SYS_TTY_CONFIG) => {
        abi::PPM_CAP_SYS_TTY_CONFIG as u64
    };
    (MKNOD) => {
        abi::PPM_CAP_MKNOD as u64
    };
    (LEASE) => {
        abi::PPM_CAP_LEASE as u64
    };
    (AUDIT_WRITE) => {
        abi::PPM_CAP_AUDIT_WRITE as u64
    };
    (AUDIT_CONTROL) => {
        abi::PPM_CAP_AUDIT_CONTROL as u64
    };
    (SETFCAP) => {
        abi::PPM_CAP_SETFCAP as u64
    };
    (MAC_OVERRIDE) => {
        abi::PPM_CAP_MAC_OVERRIDE as u64
    };
    (MAC_ADMIN) => {
        abi::PPM_CAP_MAC_ADMIN as u64
    };
    (SYSLOG) => {
        abi::PPM_CAP_SYSLOG as u64
    };
    (WAKE_ALARM) => {
        abi::PPM_CAP_WAKE_ALARM as u64
    };
    (BLOCK_SUSPEND) => {
        abi::PPM_CAP_BLOCK_SUSPEND as u64
    };
    (AUDIT_READ) => {
        abi::PPM_CAP_AUDIT_READ as u64
    };
    (PERFMON) => {
        abi::PPM_CAP_PERFMON as u64
    };
    (BPF) => {
        abi::PPM_CAP_BPF as u64
    };
    (CHECKPOINT_RESTORE) => {
        abi::PPM_CAP_CHECKPOINT_RESTORE as u64
    };
}

caps!(
    CHOWN,
    DAC_OVERRIDE,
    DAC_READ_SEARCH,
    FOWNER,
    FSETID,
    KILL,
    SETGID,
    SETUID,
    SETPCAP,
    LINUX_IMMUTABLE,
    NET_BIND_SERVICE,
    NET_BROADCAST,
    NET_ADMIN,
    NET_RAW,
    IPC_LOCK,
    IPC_OWNER,
    SYS_MODULE,
    SYS_RAWIO,
    SYS_CHROOT,
    SYS_PTRACE,
    SYS_PACCT,
    SYS_ADMIN,
    SYS_BOOT,
    SYS_NICE,
    SYS_RESOURCE,
    SYS_TIME,
    SYS_TTY_CONFIG,
    MKNOD,
    LEASE,
    AUDIT_WRITE,
    AUDIT_CONTROL,
    SETFCAP,
    MAC_OVERRIDE,
    MAC_ADMIN,
    SYSLOG,
    WAKE_ALARM,
    BLOCK_SUSPEND,
    AUDIT_READ,
    PERFMON,
    BPF,
    CHECKPOINT_RESTORE,
);

/// The names of the bits set in `set`, space-separated.
pub fn cap_names(set: u64) -> String {
    let mut out = String::new();
    for (name, bit) in CAPS {
        if set & bit != 0 {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_bit_order() {
        let set = abi::PPM_CAP_SYS_ADMIN as u64 | abi::PPM_CAP_CHOWN as u64;
        assert_eq!(cap_names(set), "CAP_CHOWN CAP_SYS_ADMIN");
        assert_eq!(cap_names(0), "");
        assert_eq!(CAPS.len(), 41);
        for w in CAPS.windows(2) {
            assert!(w[0].1 < w[1].1);
        }
    }
}
