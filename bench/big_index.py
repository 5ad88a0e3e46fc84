#!/usr/bin/env python3
"""Writes a bitnami-size chart repository index: CHARTS charts x VERSIONS versions (default 600 x 30:
18 000 entries and a pre-release for every third chart, about 21 MB), each entry shaped like a real one (annotations with a literal block,
dependencies, maintainers, keywords, sources, a description long enough that helm's writer folds
it over lines) in the layout `helm repo index` writes. Only the index: the archives it names do not
exist, which is enough for commands that resolve a chart or search.

usage: big_index.py OUT.yaml [--charts N] [--versions N] [--url BASE]"""
import argparse
import hashlib
import textwrap

WORDS = ("workload database cache queue proxy gateway monitor exporter operator dashboard stream broker "
         "search storage identity pipeline scheduler ingress mesh registry").split()


def folded(prefix, text, indent):
    """text as a plain scalar after prefix, folded at 80 columns as helm's writer folds it."""
    lines = textwrap.wrap(text, width=80 - indent, break_long_words=False, break_on_hyphens=False)
    return prefix + lines[0] + "".join("\n" + " " * (indent + 2) + line for line in lines[1:]) + "\n"


def entry(c, v, url):
    name = f"chart-{c:04d}"
    ver = f"{v // 10}.{v % 10}.{c % 7}"
    kind = WORDS[c % len(WORDS)]
    digest = hashlib.sha256(f"{name}-{ver}".encode()).hexdigest()
    desc = (f"{name} packages a {kind} for Kubernetes (kind{c % 13}); version {ver} brings fixes, "
            f"hardened defaults and documentation for operators who run {kind} services at scale.")
    return (
        f"  - annotations:\n"
        f"      category: {kind.capitalize()}\n"
        f"      images: |\n"
        f"        - name: {kind}\n"
        f"          image: registry.example.com/{kind}:{ver}-debian-12-r{v}\n"
        f"        - name: os-shell\n"
        f"          image: registry.example.com/os-shell:12-debian-12-r{c % 50}\n"
        f"      licenses: Apache-2.0\n"
        f"    apiVersion: v2\n"
        f"    appVersion: {v}.{c % 10}.0\n"
        f"    created: \"2026-0{1 + v % 9}-1{v % 10}T0{c % 10}:00:00.{c:06d}Z\"\n"
        f"    dependencies:\n"
        f"    - name: common\n"
        f"      repository: oci://registry.example.com/charts\n"
        f"      tags:\n"
        f"      - common-lib\n"
        f"      version: 2.x.x\n"
        + folded("    description: ", desc, 4) +
        f"    digest: {digest}\n"
        f"    home: https://example.com/charts/{name}\n"
        f"    icon: https://example.com/icons/{kind}.svg\n"
        f"    keywords:\n"
        f"    - {kind}\n"
        f"    - kind{c % 13}\n"
        f"    - bench\n"
        f"    maintainers:\n"
        f"    - name: Chart Maintainers\n"
        f"      url: https://example.com/maintainers\n"
        f"    name: {name}\n"
        f"    sources:\n"
        f"    - https://github.com/example/charts/tree/main/{name}\n"
        f"    urls:\n"
        f"    - {url}{name}-{ver}.tgz\n"
        f"    version: {ver}\n")


def write(path, charts=600, versions=30, url=""):
    with open(path, "w") as f:
        f.write("apiVersion: v1\nentries:\n")
        for c in range(charts):
            f.write(f"  chart-{c:04d}:\n")
            if c % 3 == 0:  # a pre-release above the newest version (found with --devel)
                f.write(entry(c, versions, url).replace(f"version: {versions // 10}.{versions % 10}.{c % 7}\n",
                                                        f"version: {versions // 10 + 1}.0.0-rc.1\n"))
            for v in range(versions, 0, -1):
                f.write(entry(c, v, url))
        f.write("generated: \"2026-01-01T00:00:00Z\"\n")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--charts", type=int, default=600)
    ap.add_argument("--versions", type=int, default=30)
    ap.add_argument("--url", default="")
    a = ap.parse_args()
    write(a.out, a.charts, a.versions, a.url)
