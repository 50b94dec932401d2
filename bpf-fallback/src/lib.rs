//! lanner's eBPF fallback object, built from `bpf-fallback/*.c` by
//! `build.rs` and embedded, so nodes need no compiler.
//!
//! Owns: the object bytes only. Loading, probing and reading the rings is
//! the agent's (`agent/src/source/bpf/`). Must never: hold loader logic.

/// 8-byte aligned bytes, as libelf wants an in-memory ELF image.
#[repr(C, align(8))]
pub struct Aligned<B: ?Sized>(pub B);

static RINGBUF: &Aligned<[u8]> = &Aligned(*include_bytes!(concat!(
    env!("OUT_DIR"),
    "/lanner-ringbuf.bpf.o"
)));
static PERF: &Aligned<[u8]> = &Aligned(*include_bytes!(concat!(
    env!("OUT_DIR"),
    "/lanner-perf.bpf.o"
)));

/// The object whose records go to one BPF ring buffer per CPU (5.8+).
pub fn ringbuf_object() -> &'static [u8] {
    &RINGBUF.0
}

/// The same programs writing to a perf buffer, for kernels with BTF but
/// no BPF ring buffer (early RHEL 8).
pub fn perf_object() -> &'static [u8] {
    &PERF.0
}
