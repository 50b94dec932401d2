#!/usr/bin/env python3
"""Owns: finding the Debian mirror this machine already uses.

Reads the host's own apt configuration (deb822 /etc/apt/sources.list.d/*.sources,
one-line /etc/apt/sources.list and *.list) and prints three lines:
    main=<URI of the Debian archive>
    security=<URI of the Debian security archive>
    keyring=<Signed-By keyring of the main archive, or the Debian default>
No host name is ever hard-coded: the harness downloads only from what the
machine is configured to trust. Exits 1 if no Debian archive is configured.
"""
import glob
import os
import re
import sys

APT = os.environ.get("VM_APT_ETC", "/etc/apt")
ONE_LINE = re.compile(r"^\s*deb\s+(?:\[([^\]]*)\]\s+)?(\S+)\s+(\S+)")
DEFAULT_KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"


def deb822_stanzas(path):
    stanza, key = {}, None
    for raw in open(path, encoding="utf-8", errors="replace"):
        line = raw.rstrip("\n")
        if not line.strip():
            if stanza:
                yield stanza
            stanza, key = {}, None
        elif line.startswith("#"):
            continue
        elif line[0] in " \t" and key:
            stanza[key] += " " + line.strip()
        elif ":" in line:
            key, val = line.split(":", 1)
            key = key.strip().lower()
            stanza[key] = val.strip()
    if stanza:
        yield stanza


def sources():
    """Yield (uri, suites, signed_by) for every enabled 'deb' source."""
    for path in sorted(glob.glob(os.path.join(APT, "sources.list.d", "*.sources"))):
        for s in deb822_stanzas(path):
            if s.get("enabled", "yes").lower() == "no" or "deb" not in s.get("types", "").split():
                continue
            for uri in s.get("uris", "").split():
                yield uri, s.get("suites", "").split(), s.get("signed-by", "")
    lists = [os.path.join(APT, "sources.list")]
    lists += sorted(glob.glob(os.path.join(APT, "sources.list.d", "*.list")))
    for path in lists:
        if not os.path.isfile(path):
            continue
        for raw in open(path, encoding="utf-8", errors="replace"):
            m = ONE_LINE.match(raw.split("#", 1)[0])
            if m:
                opts = dict(o.split("=", 1) for o in (m.group(1) or "").split() if "=" in o)
                yield m.group(2), [m.group(3)], opts.get("signed-by", "")


def main():
    main_uri = security = None
    keyring = ""
    for uri, suites, signed_by in sources():
        tail = uri.rstrip("/").rsplit("/", 1)[-1]
        if tail == "debian-security" or any(s.endswith("-security") for s in suites):
            security = security or uri.rstrip("/")
        elif tail == "debian" and main_uri is None:
            main_uri, keyring = uri.rstrip("/"), signed_by
    if main_uri is None:
        sys.exit("apt-mirror: no Debian archive (URI ending in /debian) in " + APT)
    if security is None:
        security = main_uri + "-security"
    if not keyring or not keyring.startswith("/"):
        keyring = DEFAULT_KEYRING
    print(f"main={main_uri}\nsecurity={security}\nkeyring={keyring}")


if __name__ == "__main__":
    main()
