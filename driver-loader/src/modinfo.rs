//! `modinfo` without the tool: the `.modinfo` section of a `.ko` (ELF)
//! and whether a signature is appended.
//!
//! Owns: a minimal ELF section-table reader (ELF32/ELF64, either byte
//! order) and the `key=value\0` records of `.modinfo`. Must never: trust
//! offsets from the file without bounds checks, or panic on any bytes.

use serde::Serialize;
use std::path::Path;

/// What `modinfo` would say about a module file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ModInfo {
    pub name: Option<String>,
    pub version: Option<String>,
    pub abi_version: Option<String>,
    pub schema_version: Option<String>,
    pub vermagic: Option<String>,
    pub srcversion: Option<String>,
    /// A module signature is appended (`~Module signature appended~`).
    pub signed: bool,
}

impl ModInfo {
    /// The kernel release in `vermagic` ("6.1.0-18-amd64 SMP mod_unload").
    pub fn vermagic_release(&self) -> Option<&str> {
        self.vermagic.as_deref()?.split_whitespace().next()
    }
}

/// Why a file is not a readable module.
#[derive(Debug, thiserror::Error)]
pub enum ModInfoError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    Format(String),
}

const SIG_MAGIC: &[u8] = b"~Module signature appended~\n";

struct Elf<'a> {
    b: &'a [u8],
    le: bool,
    is64: bool,
}

impl Elf<'_> {
    fn uint(&self, off: usize, len: usize) -> Option<u64> {
        let s = self.b.get(off..off.checked_add(len)?)?;
        let mut v = 0u64;
        for i in 0..len {
            let byte = if self.le { s[len - 1 - i] } else { s[i] };
            v = (v << 8) | u64::from(byte);
        }
        Some(v)
    }
    fn word(&self, off: usize) -> Option<usize> {
        let len = if self.is64 { 8 } else { 4 };
        usize::try_from(self.uint(off, len)?).ok()
    }
    /// (name offset, file offset, size) of section `i`.
    fn section(&self, shoff: usize, shentsize: usize, i: usize) -> Option<(usize, usize, usize)> {
        let base = shoff.checked_add(shentsize.checked_mul(i)?)?;
        let name = self.uint(base, 4)? as usize;
        let (off, size) = if self.is64 {
            (self.word(base + 24)?, self.word(base + 32)?)
        } else {
            (self.word(base + 16)?, self.word(base + 20)?)
        };
        Some((name, off, size))
    }
}

/// The bytes of section `want` in ELF image `b`.
pub fn section<'a>(b: &'a [u8], want: &str) -> Result<&'a [u8], ModInfoError> {
    let bad = |m: &str| ModInfoError::Format(m.to_string());
    if b.get(..4) != Some(b"\x7fELF") {
        return Err(bad("not an ELF file"));
    }
    let elf = Elf {
        b,
        is64: b.get(4) == Some(&2),
        le: b.get(5) == Some(&1),
    };
    let hdr = || bad("truncated ELF header");
    let (shoff, shentsize, shnum, shstrndx) = if elf.is64 {
        (
            elf.word(0x28).ok_or_else(hdr)?,
            elf.uint(0x3a, 2).ok_or_else(hdr)? as usize,
            elf.uint(0x3c, 2).ok_or_else(hdr)? as usize,
            elf.uint(0x3e, 2).ok_or_else(hdr)? as usize,
        )
    } else {
        (
            elf.word(0x20).ok_or_else(hdr)?,
            elf.uint(0x2e, 2).ok_or_else(hdr)? as usize,
            elf.uint(0x30, 2).ok_or_else(hdr)? as usize,
            elf.uint(0x32, 2).ok_or_else(hdr)? as usize,
        )
    };
    let (_, stroff, strsize) = elf
        .section(shoff, shentsize, shstrndx)
        .ok_or_else(|| bad("no section-name table"))?;
    let strtab = b
        .get(stroff..stroff.saturating_add(strsize))
        .ok_or_else(|| bad("section-name table out of the file"))?;
    for i in 0..shnum {
        let (name, off, size) = elf
            .section(shoff, shentsize, i)
            .ok_or_else(|| bad("section header out of the file"))?;
        let n = strtab.get(name..).unwrap_or(&[]);
        let n = &n[..n.iter().position(|&c| c == 0).unwrap_or(n.len())];
        if n == want.as_bytes() {
            return b
                .get(off..off.saturating_add(size))
                .ok_or_else(|| bad("section out of the file"));
        }
    }
    Err(ModInfoError::Format(format!("no {want} section")))
}

/// Parses a module image.
pub fn parse(b: &[u8]) -> Result<ModInfo, ModInfoError> {
    let sec = section(b, ".modinfo")?;
    let mut mi = ModInfo {
        signed: b.ends_with(SIG_MAGIC),
        ..ModInfo::default()
    };
    for rec in sec.split(|&c| c == 0) {
        let rec = String::from_utf8_lossy(rec);
        let Some((k, v)) = rec.split_once('=') else {
            continue;
        };
        let slot = match k {
            "name" => &mut mi.name,
            "version" => &mut mi.version,
            "abi_version" => &mut mi.abi_version,
            "schema_version" => &mut mi.schema_version,
            "vermagic" => &mut mi.vermagic,
            "srcversion" => &mut mi.srcversion,
            _ => continue,
        };
        *slot = Some(v.to_string());
    }
    Ok(mi)
}

/// Reads and parses the module at `path`.
pub fn read(path: &Path) -> Result<ModInfo, ModInfoError> {
    let b = std::fs::read(path).map_err(|source| ModInfoError::Io {
        path: path.display().to_string(),
        source,
    })?;
    parse(&b)
}
