//! Loading the embedded eBPF object: probing what the kernel supports,
//! choosing the object and program flavour, sizing maps, capturing the
//! verifier's log, filling the tail-call table, attaching.
//!
//! Owns: every libbpf call that creates kernel objects. Features are found
//! by trying (libbpf's probes, then the load itself), never from version
//! numbers: BPF ring buffer or perf buffer, `bpf_ktime_get_boot_ns`,
//! `tp_btf` or `raw_tp` programs. A kernel without BTF is refused with a
//! message naming what is missing. Must never: read records (rings.rs) or
//! leave programs attached after an error (links are dropped with the
//! `Loaded` value).

use super::BpfError;
use lanner_abi as abi;
use libbpf_rs::libbpf_sys;
use libbpf_rs::{
    Link, MapCore, MapFlags, MapHandle, MapType, Object, ObjectBuilder, OpenObject, PrintLevel,
    ProgramType,
};
use std::os::fd::{AsFd, AsRawFd};
use std::path::Path;
use std::sync::Mutex;

/// How records leave the kernel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    /// One BPF ring buffer per CPU (5.8+).
    RingBuf,
    /// One perf buffer per CPU (kernels with BTF but no BPF ring buffer).
    Perf,
}

/// Which program type carries the hooks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    /// `tp_btf/` (BTF-typed raw tracepoints, 5.5+).
    TpBtf,
    /// `raw_tp/` (4.17+), the fallback.
    RawTp,
}

/// What the loader asked for; `None` means "probe".
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    pub transport: Option<Transport>,
    pub flavour: Option<Flavour>,
    /// Bytes per CPU ring (power of two, page multiple).
    pub ring_size: u32,
}

/// What the loader found and chose, for `lanner` to explain.
#[derive(Debug, Clone)]
pub struct LoadReport {
    pub transport: Transport,
    pub flavour: Flavour,
    pub boot_clock: bool,
    /// The settings map is memory-mapped (no syscall to start or stop).
    pub mmapable: bool,
    /// One line per decision, in order.
    pub notes: Vec<String>,
}

/// A loaded, attached object and the maps the source needs.
pub struct Loaded {
    pub obj: Object,
    pub inner_rings: Vec<MapHandle>,
    pub links: Vec<Link>,
    pub report: LoadReport,
    pub nr_cpus: usize,
}

/// libbpf's messages of the current load (the verifier log among them).
static LOG: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn capture_log(level: PrintLevel, msg: String) {
    if matches!(level, PrintLevel::Debug) {
        return;
    }
    if let Ok(mut l) = LOG.lock() {
        if l.len() < 20_000 {
            l.push(msg);
        }
    }
}

fn take_log() -> String {
    LOG.lock()
        .map(|mut l| l.drain(..).collect::<String>())
        .unwrap_or_default()
}

/// Where the running kernel publishes its own BTF.
pub const KERNEL_BTF: &str = "/sys/kernel/btf/vmlinux";

/// Refuses kernels without BTF (`btf`: normally `KERNEL_BTF`): CO-RE
/// needs the kernel's own type info.
pub fn check_btf(btf: &Path) -> Result<(), BpfError> {
    if btf.exists() {
        Ok(())
    } else {
        Err(BpfError::Unsupported(format!(
            "this kernel has no BTF ({} is missing; it needs \
                 CONFIG_DEBUG_INFO_BTF=y): the eBPF fallback cannot relocate \
                 its programs; use the kernel module",
            btf.display()
        )))
    }
}

/// Progress lines on stderr when LANNER_BPF_TRACE is set (diagnosing a
/// node where loading misbehaves).
pub(super) fn trace(what: &str) {
    if std::env::var_os("LANNER_BPF_TRACE").is_some() {
        eprintln!("lanner bpf: {what}");
    }
}

fn probe_transport(notes: &mut Vec<String>) -> Transport {
    match MapType::RingBuf.is_supported() {
        Ok(true) => {
            notes.push("BPF ring buffer: supported (probe map created)".into());
            Transport::RingBuf
        }
        Ok(false) => {
            notes.push("BPF ring buffer: not supported; using the perf buffer".into());
            Transport::Perf
        }
        Err(e) => {
            notes.push(format!(
                "BPF ring buffer: probe failed ({e}); using the perf buffer"
            ));
            Transport::Perf
        }
    }
}

/// Whether array maps can be memory-mapped (BPF_F_MMAPABLE, 5.5+): by
/// creating one.
fn probe_mmapable(notes: &mut Vec<String>) -> bool {
    let opts = libbpf_sys::bpf_map_create_opts {
        sz: std::mem::size_of::<libbpf_sys::bpf_map_create_opts>() as libbpf_sys::size_t,
        map_flags: libbpf_sys::BPF_F_MMAPABLE,
        ..Default::default()
    };
    let ok = MapHandle::create(MapType::Array, Some("lanner_probe"), 4, 8, 1, &opts).is_ok();
    notes.push(if ok {
        "mmapable array maps: supported (settings change without a syscall)".into()
    } else {
        "mmapable array maps: not supported; settings written with bpf(2)".into()
    });
    ok
}

fn probe_boot_clock(notes: &mut Vec<String>) -> bool {
    let ok = ProgramType::RawTracepoint
        .is_helper_supported(libbpf_sys::BPF_FUNC_ktime_get_boot_ns)
        .unwrap_or(false);
    notes.push(if ok {
        "bpf_ktime_get_boot_ns: supported (boot-time clock, as the module)".into()
    } else {
        "bpf_ktime_get_boot_ns: not supported; monotonic clock + epoch".into()
    });
    ok
}

fn open(bytes: &[u8]) -> Result<OpenObject, BpfError> {
    ObjectBuilder::default()
        .name("lanner")
        .map_err(|e| BpfError::Load(format!("object name: {e}")))?
        .open_memory(bytes)
        .map_err(|e| BpfError::Load(format!("opening the embedded object: {e}")))
}

fn features_bytes(f: &abi::lanner_bpf_features) -> Vec<u8> {
    // SAFETY: lanner_bpf_features is a plain #[repr(C)] struct of u32s
    // (bindgen), so viewing it as bytes reads only initialized memory.
    unsafe {
        std::slice::from_raw_parts(
            (f as *const abi::lanner_bpf_features).cast::<u8>(),
            std::mem::size_of::<abi::lanner_bpf_features>(),
        )
    }
    .to_vec()
}

/// Sizes maps, writes the features and selects one program flavour.
fn prepare(
    open: &mut OpenObject,
    flavour: Flavour,
    features: &abi::lanner_bpf_features,
    nr_cpus: u32,
    template: Option<std::os::fd::BorrowedFd<'_>>,
    mmapable: bool,
) -> Result<(), BpfError> {
    for mut m in open.maps_mut() {
        let name = m.name().to_string_lossy().into_owned();
        let res = if name.ends_with(".rodata.features") {
            m.set_initial_value(&features_bytes(features))
        } else if name == "lanner_scratch" || name == "lanner_rings" {
            m.set_max_entries(nr_cpus)
        } else if name == "lanner_settings" && !mmapable {
            m.set_map_flags(0)
        } else {
            Ok(())
        };
        res.map_err(|e| BpfError::Load(format!("map {name}: {e}")))?;
        if name == "lanner_rings" {
            // The real rings are the inner template (kernels before 5.10
            // compare max_entries of inner maps with the template's).
            let fd = template
                .ok_or_else(|| BpfError::Load("lanner_rings: no ring to use as template".into()))?;
            m.set_inner_map_fd(fd)
                .map_err(|e| BpfError::Load(format!("lanner_rings inner template: {e}")))?;
        }
    }
    for mut p in open.progs_mut() {
        let name = p.name().to_string_lossy().into_owned();
        let raw = name.ends_with("_raw");
        p.set_autoload(match flavour {
            Flavour::TpBtf => !raw,
            Flavour::RawTp => raw,
        });
    }
    Ok(())
}

/// Loads `bytes` with one flavour; the verifier's log on failure.
fn load_flavour(
    bytes: &[u8],
    flavour: Flavour,
    features: &abi::lanner_bpf_features,
    nr_cpus: u32,
    template: Option<std::os::fd::BorrowedFd<'_>>,
    mmapable: bool,
) -> Result<Object, BpfError> {
    let mut open = open(bytes)?;
    trace("opened");
    prepare(&mut open, flavour, features, nr_cpus, template, mmapable)?;
    trace("prepared");
    take_log();
    open.load().map_err(|e| {
        let log = take_log();
        BpfError::Verifier {
            what: format!("loading the {flavour:?} programs: {e}"),
            log: tail(&log, 200),
        }
    })
}

fn tail(log: &str, lines: usize) -> String {
    let v: Vec<&str> = log.lines().collect();
    v[v.len().saturating_sub(lines)..].join("\n")
}

/// The tail-call slot of each filler family, in the shared family list.
fn family_slot(prog: &str) -> Option<u32> {
    let fam = prog.strip_prefix("fill_")?;
    let fam = fam.strip_suffix("_raw").unwrap_or(fam);
    abi::filler_families()
        .iter()
        .position(|f| *f == fam)
        .map(|i| i as u32)
}

fn fill_tail_calls(obj: &Object) -> Result<(), BpfError> {
    let table = obj
        .maps()
        .find(|m| m.name() == "lanner_fill")
        .ok_or_else(|| BpfError::Load("no lanner_fill map".into()))?;
    let mut filled = 0;
    for p in obj.progs() {
        if !p.autoload() {
            continue;
        }
        let name = p.name().to_string_lossy().into_owned();
        if !name.starts_with("fill_") {
            continue;
        }
        let slot = family_slot(&name)
            .ok_or_else(|| BpfError::Load(format!("program {name}: unknown filler family")))?;
        let fd = p.as_fd().as_raw_fd();
        table
            .update(
                &slot.to_ne_bytes(),
                &(fd as u32).to_ne_bytes(),
                MapFlags::ANY,
            )
            .map_err(|e| BpfError::Load(format!("tail-call slot {slot} ({name}): {e}")))?;
        filled += 1;
    }
    if filled != abi::filler_families().len() {
        return Err(BpfError::Load(format!(
            "{filled} filler programs for {} families",
            abi::filler_families().len()
        )));
    }
    Ok(())
}

fn create_rings(nr_cpus: u32, ring_size: u32) -> Result<Vec<MapHandle>, BpfError> {
    let opts = libbpf_sys::bpf_map_create_opts {
        sz: std::mem::size_of::<libbpf_sys::bpf_map_create_opts>() as libbpf_sys::size_t,
        ..Default::default()
    };
    let mut rings = Vec::with_capacity(nr_cpus as usize);
    for cpu in 0..nr_cpus {
        let m = MapHandle::create(
            MapType::RingBuf,
            Some(format!("lanner_r{cpu}")),
            0,
            0,
            ring_size,
            &opts,
        )
        .map_err(|e| {
            BpfError::Load(format!("ring buffer of CPU {cpu} ({ring_size} bytes): {e}"))
        })?;
        rings.push(m);
    }
    Ok(rings)
}

fn install_rings(obj: &Object, rings: &[MapHandle]) -> Result<(), BpfError> {
    if rings.is_empty() {
        return Ok(()); // perf buffer transport
    }
    let outer = obj
        .maps()
        .find(|m| m.name() == "lanner_rings")
        .ok_or_else(|| BpfError::Load("no lanner_rings map".into()))?;
    for (cpu, m) in rings.iter().enumerate() {
        let fd = m.as_fd().as_raw_fd();
        outer
            .update(
                &(cpu as u32).to_ne_bytes(),
                &(fd as u32).to_ne_bytes(),
                MapFlags::ANY,
            )
            .map_err(|e| BpfError::Load(format!("ring of CPU {cpu} into lanner_rings: {e}")))?;
    }
    Ok(())
}

fn attach(obj: &Object) -> Result<Vec<Link>, BpfError> {
    let mut links = Vec::new();
    for p in obj.progs_mut() {
        let name = p.name().to_string_lossy().into_owned();
        if !p.autoload() || name.starts_with("fill_") {
            continue;
        }
        links.push(
            p.attach()
                .map_err(|e| BpfError::Load(format!("attaching {name}: {e}")))?,
        );
    }
    Ok(links)
}

/// Probes, loads and attaches the fallback. The hooks stay idle until
/// `lanner_settings.started` is set.
pub fn load(opts: &LoadOptions) -> Result<Loaded, BpfError> {
    check_btf(Path::new(KERNEL_BTF))?;
    trace("BTF present");
    libbpf_rs::set_print(Some((PrintLevel::Info, capture_log)));
    let nr_cpus = libbpf_rs::num_possible_cpus()
        .map_err(|e| BpfError::Load(format!("possible CPUs: {e}")))?;
    let mut notes = Vec::new();
    let transport = opts
        .transport
        .unwrap_or_else(|| probe_transport(&mut notes));
    trace("transport probed");
    let boot_clock = probe_boot_clock(&mut notes);
    let mmapable = probe_mmapable(&mut notes);
    trace("clock probed");
    let features = abi::lanner_bpf_features {
        boot_ns: u32::from(boot_clock),
        ..Default::default()
    };
    let bytes = match transport {
        Transport::RingBuf => lanner_bpf::ringbuf_object(),
        Transport::Perf => lanner_bpf::perf_object(),
    };
    let ring_size = opts.ring_size;
    let flavours: &[Flavour] = match opts.flavour {
        Some(Flavour::TpBtf) => &[Flavour::TpBtf],
        Some(Flavour::RawTp) => &[Flavour::RawTp],
        None => &[Flavour::TpBtf, Flavour::RawTp],
    };
    let inner_rings = match transport {
        Transport::RingBuf => create_rings(nr_cpus as u32, ring_size)?,
        Transport::Perf => Vec::new(),
    };
    trace("rings created");
    let mut last = None;
    for &flavour in flavours {
        let template = inner_rings.first().map(|m| m.as_fd());
        match load_flavour(
            bytes,
            flavour,
            &features,
            nr_cpus as u32,
            template,
            mmapable,
        ) {
            Ok(obj) => {
                notes.push(format!(
                    "programs: {flavour:?} loaded, verifier accepted every program"
                ));
                trace("loaded");
                fill_tail_calls(&obj)?;
                trace("tail calls filled");
                install_rings(&obj, &inner_rings)?;
                trace("rings installed");
                let links = attach(&obj)?;
                trace("attached");
                return Ok(Loaded {
                    obj,
                    inner_rings,
                    links,
                    report: LoadReport {
                        transport,
                        flavour,
                        boot_clock,
                        mmapable,
                        notes,
                    },
                    nr_cpus,
                });
            }
            Err(e) => {
                notes.push(format!("programs: {flavour:?} rejected: {e}"));
                last = Some(e);
            }
        }
    }
    Err(last.unwrap_or_else(|| BpfError::Load("no program flavour to try".into())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kernel_without_btf_is_refused_naming_what_is_missing() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("vmlinux");
        let e = check_btf(&missing).unwrap_err().to_string();
        assert!(
            e.contains("no BTF") && e.contains("CONFIG_DEBUG_INFO_BTF"),
            "{e}"
        );
        assert!(e.contains(&missing.display().to_string()), "{e}");
        std::fs::write(&missing, b"BTF").unwrap();
        assert!(check_btf(&missing).is_ok());
    }

    #[test]
    fn filler_programs_find_their_tail_call_slot() {
        assert_eq!(family_slot("fill_generic"), Some(0));
        assert_eq!(family_slot("fill_open_raw"), family_slot("fill_open"));
        assert!(family_slot("fill_exec_failed_raw").is_some());
        assert_eq!(family_slot("fill_nosuch"), None);
        assert_eq!(family_slot("sys_exit"), None);
    }
}
