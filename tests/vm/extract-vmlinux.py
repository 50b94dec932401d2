#!/usr/bin/env python3
"""Owns: turning a compressed bzImage (vmlinuz) into the ELF vmlinux for PVH boot.

usage: extract-vmlinux.py VMLINUZ OUT_ELF
Debian's vmlinuz carries an xz (5.10, 6.1) or zstd (6.12) payload; gzip is also tried.
qemu's -kernel boots the ELF through its PVH note, skipping the slow in-guest
decompressor under TCG. Debian ships no scripts/extract-vmlinux.
"""
import lzma
import os
import subprocess
import sys
import zlib


def xz(buf):
    try:
        return lzma.LZMADecompressor(format=lzma.FORMAT_XZ).decompress(buf)
    except lzma.LZMAError:
        return b""


def zstd(buf):
    p = subprocess.run(["zstd", "-dcq"], input=buf, capture_output=True)
    return p.stdout


def gz(buf):
    try:
        return zlib.decompressobj(31).decompress(buf)
    except zlib.error:
        return b""


def main():
    src, out = sys.argv[1], sys.argv[2]
    data = open(src, "rb").read()
    for magic, fn in ((b"\xfd7zXZ\x00", xz), (b"\x28\xb5\x2f\xfd", zstd), (b"\x1f\x8b\x08", gz)):
        off = data.find(magic)
        while off != -1:
            elf = fn(data[off:])
            if elf[:4] == b"\x7fELF":
                tmp = out + ".tmp"
                with open(tmp, "wb") as f:
                    f.write(elf)
                os.replace(tmp, out)
                print(f"{fn.__name__} payload at {off}: {len(elf)} bytes")
                return
            off = data.find(magic, off + 1)
    sys.exit(f"extract-vmlinux: no ELF payload in {src}")


if __name__ == "__main__":
    main()
