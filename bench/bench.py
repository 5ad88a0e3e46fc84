#!/usr/bin/env python3
"""Side-by-side benchmark: cpphelm vs the reference helm on the same commands, printing ratios of wall
time (hyperfine) and peak RSS (/usr/bin/time), and the stripped binary sizes. Not a test: numbers vary
with the machine; the README records one run."""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MANY = os.path.join(ROOT, "tests", "fixtures", "charts", "many")

WORKLOADS = [
    ("--help", ["--help"]),
    ("usage error", ["template", "--no-such-flag"]),
    ("version", ["version"]),
    ("template (48 templates)", ["template", "bench", MANY]),
    ("lint (48 templates)", ["lint", MANY]),
    ("package (48 templates)", ["package", MANY, "-d", "{tmp}"]),
]


def env_for(tmp):
    e = dict(os.environ)
    e.update({"HELM_CONFIG_HOME": f"{tmp}/config", "HELM_CACHE_HOME": f"{tmp}/cache",
              "HELM_DATA_HOME": f"{tmp}/data", "HOME": tmp, "KUBECONFIG": f"{tmp}/none", "NO_COLOR": "1"})
    return e


def wall_ms(binary, args, env, runs):
    cmd = " ".join([binary] + [f"'{a}'" for a in args])
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(["hyperfine", "-N", "-i", "--warmup", "3", "--runs", str(runs), "--export-json", out.name,
                        "--style", "none", cmd], env=env, check=True, capture_output=True)
        data = json.load(open(out.name))
    return data["results"][0]["median"] * 1000


def rss_mib(binary, args, env, runs=7):
    vals = []
    for _ in range(runs):
        p = subprocess.run(["/usr/bin/time", "-f", "%M", binary] + args, env=env, capture_output=True, text=True)
        vals.append(int(p.stderr.strip().splitlines()[-1]) / 1024)
    return statistics.median(vals)


def stripped_size(binary, tmp):
    copy = os.path.join(tmp, os.path.basename(binary) + ".stripped")
    shutil.copy(binary, copy)
    subprocess.run(["strip", copy], check=True)
    return os.path.getsize(copy) / (1024 * 1024)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cpphelm", default=os.path.join(ROOT, "build", "cpphelm"))
    ap.add_argument("--helm")
    ap.add_argument("--runs", type=int, default=20)
    a = ap.parse_args()
    helm = a.helm or subprocess.check_output([os.path.join(ROOT, "tests", "conformance", "reference-helm.sh")],
                                             text=True).strip()
    tmp = tempfile.mkdtemp(prefix="cpphelm-bench-")
    env = env_for(tmp)
    # Both binaries run as fresh copies written the same way (as an installer writes them): how a
    # file was written changes how the kernel maps its pages (a binary fresh from the linker can be
    # mapped in 2 MiB folios), which alone moved peak RSS by 20 MiB here.
    os.makedirs(f"{tmp}/bin")
    helm = shutil.copy(helm, f"{tmp}/bin/helm")
    a.cpphelm = shutil.copy(a.cpphelm, f"{tmp}/bin/cpphelm")
    rows = []
    print(f"{'operation':28} {'helm ms':>9} {'cpphelm ms':>11} {'speed-up':>9} {'helm MiB':>9} {'cpphelm MiB':>12} {'RSS ratio':>10}")
    for name, args in WORKLOADS:
        args = [x.replace("{tmp}", tmp) for x in args]
        hw, cw = wall_ms(helm, args, env, a.runs), wall_ms(a.cpphelm, args, env, a.runs)
        hr, cr = rss_mib(helm, args, env), rss_mib(a.cpphelm, args, env)
        rows.append((name, hw, cw, hr, cr))
        print(f"{name:28} {hw:9.1f} {cw:11.1f} {hw / cw:8.1f}x {hr:9.1f} {cr:12.1f} {cr / hr:10.2f}")
    hs, cs = stripped_size(helm, tmp), stripped_size(a.cpphelm, tmp)
    print(f"{'stripped binary (MiB)':28} {hs:9.1f} {cs:11.1f} {'':9} size ratio {cs / hs:.2f}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
