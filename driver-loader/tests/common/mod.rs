//! Shared by the tests: a small ELF image with a `.modinfo` section.
#![allow(dead_code)]

/// An ELF relocatable with a null section, `.modinfo` and `.shstrtab`.
pub fn elf(modinfo: &[u8], is64: bool, le: bool) -> Vec<u8> {
    let shstr = b"\0.modinfo\0.shstrtab\0";
    let ehsize = if is64 { 64 } else { 52 };
    let shentsize = if is64 { 64 } else { 40 };
    let mut b = vec![0u8; ehsize];
    b[..4].copy_from_slice(b"\x7fELF");
    b[4] = if is64 { 2 } else { 1 };
    b[5] = if le { 1 } else { 2 };
    b[6] = 1;
    let modinfo_off = b.len();
    b.extend_from_slice(modinfo);
    let shstr_off = b.len();
    b.extend_from_slice(shstr);
    while b.len() % 8 != 0 {
        b.push(0);
    }
    let shoff = b.len();
    let put = |b: &mut Vec<u8>, v: u64, n: usize| {
        let bytes = v.to_le_bytes();
        let mut s = bytes[..n].to_vec();
        if !le {
            s.reverse();
        }
        b.extend_from_slice(&s);
    };
    let w = if is64 { 8 } else { 4 };
    // (name, type, offset, size)
    let secs = [
        (0u64, 0u64, 0u64, 0u64),
        (1, 1, modinfo_off as u64, modinfo.len() as u64),
        (10, 3, shstr_off as u64, shstr.len() as u64),
    ];
    for (name, ty, off, size) in secs {
        let start = b.len();
        put(&mut b, name, 4);
        put(&mut b, ty, 4);
        put(&mut b, 0, w); // flags
        put(&mut b, 0, w); // addr
        put(&mut b, off, w);
        put(&mut b, size, w);
        b.resize(start + shentsize, 0);
    }
    let mut hdr = Vec::new();
    let (shoff_at, rest_at) = if is64 { (0x28, 0x3a) } else { (0x20, 0x2e) };
    put(&mut hdr, shoff as u64, w);
    b[shoff_at..shoff_at + w].copy_from_slice(&hdr);
    let mut rest = Vec::new();
    put(&mut rest, shentsize as u64, 2);
    put(&mut rest, 3, 2); // shnum
    put(&mut rest, 2, 2); // shstrndx
    b[rest_at..rest_at + 6].copy_from_slice(&rest);
    b
}

pub const MODINFO: &[u8] = b"version=0.1.0\0license=GPL\0abi_version=1.0.0\0\
schema_version=4.5.1\0srcversion=0123456789ABCDEF\0depends=\0name=lanner\0\
vermagic=6.1.0-18-amd64 SMP preempt mod_unload modversions \0";
