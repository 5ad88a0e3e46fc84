#!/usr/bin/env python3
"""Hostile chart and plugin archives, generated at test time (nothing large is committed).

make_all(dir) writes every archive below into dir/hostile/; hostile.py links that directory as each
workspace's fixtures/hostile and runs the cases in hostile_cases/*.json on them.

Charts (each a .tgz as `helm package` would name it, plus a few unpacked parents that vendor one):
  bomb.tgz            ~200 KiB of gzip expanding to 160 MiB (one file): over helm's 100 MiB limit
  bomb-many.tgz       four 30 MiB members, each under the limit: their running total crosses it
  bomb-header.tgz     a member whose tar header claims 1 TiB (and whose data is not there)
  many-files.tgz      40 000 small files
  huge-values.tgz     a 2.5 MiB values.yaml (60 000 keys)
  deep-flow.tgz       values.yaml nested 20 000 deep in flow style ([[[...]]])
  deep-block.tgz      values.yaml nested 300 deep in block style
  alias-bomb.tgz      values.yaml with a "billion laughs" alias expansion
  dotdot.tgz          a member chart/../../evil.txt
  abs.tgz             a member chart//etc/evil.txt (absolute once the top directory is stripped)
  backslash.tgz       a member chart\\..\\..\\evil.txt (Windows separators)
  drive.tgz           a member chart/c:/evil.txt
  top-chart-yaml.tgz  Chart.yaml at the archive's top level
  symlink.tgz         templates/link.yaml -> /etc/passwd (symlink member)
  symlink-dir.tgz     a directory symlink out of the chart, then a file through it
  hardlink.tgz        templates/hard.yaml hard link to /etc/passwd
  device.tgz          a character-device member
  not-gzip.tgz        plain tar, not gzipped
  truncated.tgz       a valid archive cut in half
  empty.tgz           a gzipped empty tar
  gzip-garbage.tgz    gzip of bytes that are not a tar
Plugins (plugin-*.tgz, for `plugin install`): a valid plugin.yaml plus one hostile member each
(dotdot, abs, symlink, symlink-dir, hardlink, a 64 MiB file, many files).
"""
import gzip
import io
import os
import tarfile
import zlib

CHART_YAML = b"apiVersion: v2\nname: %s\nversion: 0.1.0\ndescription: hostile archive\n"
TEMPLATE = b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  x: {{ .Values.x | quote }}\n"
PLUGIN_YAML = b"""apiVersion: v1
name: %s
type: cli/v1
runtime: subprocess
version: 0.1.0
config:
  usage: hostile
  shortHelp: hostile
runtimeConfig:
  platformCommand:
  - command: ${HELM_PLUGIN_DIR}/run.sh
"""
MIB = 1 << 20


def info(name, size=0, kind=tarfile.REGTYPE, link="", mode=0o644):
    ti = tarfile.TarInfo(name)
    ti.size, ti.type, ti.linkname, ti.mode = size, kind, link, mode
    ti.mtime, ti.uid, ti.gid, ti.uname, ti.gname = 1700000000, 0, 0, "", ""
    return ti


class Archive:
    """A .tgz written as it is built, so large members never sit in memory."""

    def __init__(self, path):
        self.f = open(path, "wb")
        self.gz = gzip.GzipFile(filename="", mode="wb", fileobj=self.f, mtime=0, compresslevel=6)
        self.tar = tarfile.open(fileobj=self.gz, mode="w", format=tarfile.GNU_FORMAT)

    def add(self, name, data=b"", **kw):
        self.tar.addfile(info(name, len(data), **kw), io.BytesIO(data))
        return self

    def add_zeros(self, name, size):
        class Zeros:
            def __init__(self, n):
                self.n = n

            def read(self, k=-1):
                k = self.n if k < 0 else min(k, self.n)
                self.n -= k
                return bytes(k)
        self.tar.addfile(info(name, size), Zeros(size))
        return self

    def add_raw_header(self, name, claimed):
        """A regular-file header that claims `claimed` bytes, with no data after it."""
        self.tar.fileobj.write(info(name, claimed).tobuf(tarfile.GNU_FORMAT))
        return self

    def close(self):
        self.tar.close()
        self.gz.close()
        self.f.close()


def chart(path, name, extra=None, values=b"x: 1\n"):
    a = Archive(path)
    a.add(f"{name}/Chart.yaml", CHART_YAML % name.encode())
    a.add(f"{name}/values.yaml", values)
    a.add(f"{name}/templates/cm.yaml", TEMPLATE)
    if extra:
        extra(a)
    a.close()


def plugin(path, name, extra=None):
    a = Archive(path)
    a.add(f"{name}/plugin.yaml", PLUGIN_YAML % name.encode())
    a.add(f"{name}/run.sh", b"#!/bin/sh\necho hostile\n", mode=0o755)
    if extra:
        extra(a)
    a.close()


def deep_flow(depth):
    return b"x: " + b"[" * depth + b"]" * depth + b"\n"


def deep_block(depth):
    out = io.BytesIO()
    out.write(b"x: 1\n")
    for i in range(depth):
        out.write(b"  " * i + b"k:\n")
    out.write(b"  " * depth + b"v: 1\n")
    return out.getvalue()


def alias_bomb():
    lines = [b"x: 1", b"a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        refs = ", ".join(f"*a{i - 1}" for _ in range(10)).encode()
        lines.append(b"a%d: &a%d [%s]" % (i, i, refs))
    return b"\n".join(lines) + b"\n"


def huge_values(keys):
    return b"x: 1\n" + b"".join(b"key%06d: value-%06d-%s\n" % (i, i, b"v" * 24) for i in range(keys))


def make_all(base):
    out = os.path.join(base, "hostile")
    os.makedirs(out, exist_ok=True)
    p = lambda n: os.path.join(out, n)  # noqa: E731
    chart(p("bomb-0.1.0.tgz"), "bomb", lambda a: a.add_zeros("bomb/files/zero.bin", 160 * MIB))
    chart(p("bomb-many-0.1.0.tgz"), "bomb-many",
          lambda a: [a.add_zeros(f"bomb-many/files/zero{i}.bin", 30 * MIB) for i in range(4)])
    chart(p("bomb-header-0.1.0.tgz"), "bomb-header", lambda a: a.add_raw_header("bomb-header/files/huge.bin", 1 << 40))
    chart(p("many-files-0.1.0.tgz"), "many-files",
          lambda a: [a.add(f"many-files/files/f{i:05d}.txt", b"%d\n" % i) for i in range(40000)])
    chart(p("huge-values-0.1.0.tgz"), "huge-values", values=huge_values(60000))
    chart(p("deep-flow-0.1.0.tgz"), "deep-flow", values=deep_flow(20000))
    chart(p("deep-block-0.1.0.tgz"), "deep-block", values=deep_block(300))
    chart(p("alias-bomb-0.1.0.tgz"), "alias-bomb", values=alias_bomb())
    chart(p("dotdot-0.1.0.tgz"), "dotdot", lambda a: a.add("dotdot/../../evil.txt", b"evil\n"))
    chart(p("abs-0.1.0.tgz"), "abs", lambda a: a.add("abs//etc/evil.txt", b"evil\n"))
    chart(p("backslash-0.1.0.tgz"), "backslash", lambda a: a.add("backslash\\..\\..\\evil.txt", b"evil\n"))
    chart(p("drive-0.1.0.tgz"), "drive", lambda a: a.add("drive/c:/evil.txt", b"evil\n"))
    a = Archive(p("top-chart-yaml-0.1.0.tgz"))
    a.add("Chart.yaml", CHART_YAML % b"top-chart-yaml").close()
    chart(p("symlink-0.1.0.tgz"), "symlink",
          lambda a: a.add("symlink/templates/link.yaml", kind=tarfile.SYMTYPE, link="/etc/passwd"))
    chart(p("symlink-dir-0.1.0.tgz"), "symlink-dir",
          lambda a: (a.add("symlink-dir/out", kind=tarfile.SYMTYPE, link="../../.."),
                     a.add("symlink-dir/out/evil.txt", b"evil\n")))
    chart(p("hardlink-0.1.0.tgz"), "hardlink",
          lambda a: a.add("hardlink/templates/hard.yaml", kind=tarfile.LNKTYPE, link="/etc/passwd"))
    chart(p("device-0.1.0.tgz"), "device", lambda a: a.add("device/templates/dev.yaml", kind=tarfile.CHRTYPE))
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w") as t:
        t.addfile(info("not-gzip/Chart.yaml", 0), io.BytesIO(b""))
    with open(p("not-gzip-0.1.0.tgz"), "wb") as f:
        f.write(raw.getvalue())
    chart(p("whole-0.1.0.tgz"), "whole", values=huge_values(2000))
    with open(p("whole-0.1.0.tgz"), "rb") as f:
        whole = f.read()
    with open(p("truncated-0.1.0.tgz"), "wb") as f:
        f.write(whole[: len(whole) // 2])
    os.remove(p("whole-0.1.0.tgz"))
    Archive(p("empty-0.1.0.tgz")).close()
    with open(p("gzip-garbage-0.1.0.tgz"), "wb") as f:
        f.write(gzip.compress(b"this is not a tar archive\n" * 100, mtime=0))

    # Unpacked parents that vendor a hostile archive as their only dependency (dependency list,
    # package, lint and template read charts/*.tgz).
    for sub in ("bomb", "dotdot", "symlink", "deep-flow"):
        d = os.path.join(out, f"parent-{sub}")
        os.makedirs(os.path.join(d, "charts"), exist_ok=True)
        with open(os.path.join(d, "Chart.yaml"), "wb") as f:
            f.write(CHART_YAML % f"parent-{sub}".encode() +
                    b"dependencies:\n- name: %s\n  version: 0.1.0\n" % sub.encode())
        os.link(p(f"{sub}-0.1.0.tgz"), os.path.join(d, "charts", f"{sub}-0.1.0.tgz"))

    # A plugin archive's top directory is named as the file is (helm looks for <stem>/plugin.yaml).
    plugin(p("plugin-dotdot.tgz"), "plugin-dotdot", lambda a: a.add("plugin-dotdot/../../evil.txt", b"evil\n"))
    plugin(p("plugin-abs.tgz"), "plugin-abs", lambda a: a.add("/tmp/cpphelm-hostile-evil.txt", b"evil\n"))
    plugin(p("plugin-symlink.tgz"), "plugin-symlink",
           lambda a: a.add("plugin-symlink/link", kind=tarfile.SYMTYPE, link="/etc/passwd"))
    plugin(p("plugin-symlink-dir.tgz"), "plugin-symlink-dir",
           lambda a: (a.add("plugin-symlink-dir/out", kind=tarfile.SYMTYPE, link="../../.."),
                      a.add("plugin-symlink-dir/out/evil.txt", b"evil\n")))
    plugin(p("plugin-hardlink.tgz"), "plugin-hardlink",
           lambda a: a.add("plugin-hardlink/hard", kind=tarfile.LNKTYPE, link="/etc/passwd"))
    plugin(p("plugin-bomb.tgz"), "plugin-bomb", lambda a: a.add_zeros("plugin-bomb/zero.bin", 64 * MIB))
    plugin(p("plugin-many-files.tgz"), "plugin-many-files",
           lambda a: [a.add(f"plugin-many-files/f/{i:05d}", b"x") for i in range(20000)])

if __name__ == "__main__":
    import sys
    make_all(sys.argv[1] if len(sys.argv) > 1 else ".")
