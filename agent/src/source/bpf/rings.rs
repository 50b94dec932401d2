//! Reading the eBPF fallback's per-CPU rings: one BPF ring buffer per CPU,
//! or the per-CPU perf buffer on kernels without ring buffers.
//!
//! Owns: the libbpf consumers, the per-CPU staging of records copied out
//! of them, and the hand-over to the same timestamp merge the module's
//! rings use (`merge::merge_blocks`), so everything downstream of the
//! source is shared. Must never: hold more than about one batch of
//! staged bytes (the kernel rings, not the agent's memory, absorb bursts:
//! a full ring drops and counts in the kernel, as with the module), or
//! pass on a record whose header length disagrees with its sample.

use crate::event::decode::{peek_ts_len, HDR_LEN};
use crate::source::merge::{merge_blocks, Batch, MergeRound};
use libbpf_rs::{MapCore, MapHandle, PerfBuffer, PerfBufferBuilder, RingBuffer, RingBufferBuilder};
use std::sync::{Arc, Mutex};

/// Records copied out of each CPU's ring, awaiting the merge.
#[derive(Default)]
struct Staging {
    bufs: Vec<Vec<u8>>,
    /// Samples whose framing was wrong (counted as corrupt bytes).
    corrupt: u64,
}

impl Staging {
    /// A sample is one record; perf pads samples to 8 bytes, so the
    /// record's own length (header bytes 16..20) says where it ends.
    fn push(&mut self, cpu: usize, sample: &[u8]) {
        let len = peek_ts_len(sample).map(|(_, len)| len as usize);
        match (len, self.bufs.get_mut(cpu)) {
            (Some(len), Some(buf)) if len >= HDR_LEN && len <= sample.len() => {
                buf.extend_from_slice(&sample[..len]);
            }
            _ => self.corrupt += sample.len() as u64,
        }
    }
}

enum Reader {
    Ring(RingBuffer<'static>),
    Perf(PerfBuffer<'static>),
}

/// The consumer of every CPU's ring.
pub struct Rings {
    reader: Reader,
    staging: Arc<Mutex<Staging>>,
}

// SAFETY: RingBuffer and PerfBuffer hold libbpf pointers that are not
// thread-safe to use concurrently; a Rings is owned and used by one thread
// at a time (the source's reader thread), moving between threads only
// while idle. The callbacks share state only through the Arc<Mutex>.
unsafe impl Send for Rings {}

impl Rings {
    /// Consumers for the ring buffers, index = CPU.
    pub fn ringbuf(rings: &[MapHandle]) -> libbpf_rs::Result<Rings> {
        let staging = Arc::new(Mutex::new(Staging {
            bufs: vec![Vec::new(); rings.len()],
            corrupt: 0,
        }));
        let mut b = RingBufferBuilder::new();
        for (cpu, m) in rings.iter().enumerate() {
            let st = Arc::clone(&staging);
            b.add(m, move |sample: &[u8]| {
                if let Ok(mut s) = st.lock() {
                    s.push(cpu, sample);
                }
                0
            })?;
        }
        Ok(Rings {
            reader: Reader::Ring(b.build()?),
            staging,
        })
    }

    /// The perf buffer consumer, `pages` data pages per CPU.
    pub fn perf<M: MapCore>(map: &M, nr_cpus: usize, pages: usize) -> libbpf_rs::Result<Rings> {
        let staging = Arc::new(Mutex::new(Staging {
            bufs: vec![Vec::new(); nr_cpus],
            corrupt: 0,
        }));
        let st = Arc::clone(&staging);
        let pb = PerfBufferBuilder::new(map)
            .pages(pages)
            .sample_cb(move |cpu: i32, sample: &[u8]| {
                if let Ok(mut s) = st.lock() {
                    s.push(cpu as usize, sample);
                }
            })
            .build()?;
        Ok(Rings {
            reader: Reader::Perf(pb),
            staging,
        })
    }

    fn staged(&self) -> usize {
        self.staging
            .lock()
            .map(|s| s.bufs.iter().map(Vec::len).sum())
            .unwrap_or(0)
    }

    /// Copies what the kernel rings hold (when little is staged) and
    /// merges staged records into `batch` by timestamp.
    pub fn fill(&mut self, batch: &mut Batch, max_bytes: usize) -> std::io::Result<MergeRound> {
        if self.staged() < max_bytes {
            let r = match &self.reader {
                Reader::Ring(rb) => rb.consume(),
                Reader::Perf(pb) => pb.consume(),
            };
            r.map_err(|e| std::io::Error::other(format!("consuming the BPF rings: {e}")))?;
        }
        let mut st = self
            .staging
            .lock()
            .map_err(|_| std::io::Error::other("ring staging lock poisoned"))?;
        let mut used = vec![0usize; st.bufs.len()];
        let round = {
            let blocks: Vec<&[u8]> = st.bufs.iter().map(Vec::as_slice).collect();
            merge_blocks(&blocks, &mut used, batch, max_bytes)
        };
        for (buf, n) in st.bufs.iter_mut().zip(used) {
            buf.drain(..n);
        }
        Ok(round)
    }

    /// Bytes staged per CPU.
    pub fn pending(&self) -> Vec<u64> {
        self.staging
            .lock()
            .map(|s| s.bufs.iter().map(|b| b.len() as u64).collect())
            .unwrap_or_default()
    }

    /// Bytes of samples rejected for bad framing.
    pub fn corrupt_bytes(&self) -> u64 {
        self.staging.lock().map(|s| s.corrupt).unwrap_or(0)
    }
}
