#!/usr/bin/env python3
"""Side-by-side benchmark: cpphelm vs the reference helm on the same commands, printing ratios of wall
time (hyperfine) and peak RSS (/usr/bin/time), and the stripped binary sizes. Not a test: numbers vary
with the machine; the README records one run.

Release workloads: bench/seed (benchseed, built once into the cache) seeds --releases x --revisions
release records, and `list`, `history`, `status` run on them
  - always with the memory driver (HELM_DRIVER=memory, HELM_MEMORY_DRIVER_DATA=<seeded file>);
  - with --cluster also on the local test cluster (tests/cluster/ctl.sh) with the Secret driver.
Commands answered without the Go runtime (version, env, repo list, repository-name completion, plugin
list without plugins) run
on a repository file of 20 entries (--local-only: only these).
With --repos, on real servers (tests/servers/servers.py: nginx, docker-registry): `repo update` and
`search repo` on a repository index of 5000 chart versions (update timed with the index unchanged since the last update,
and as a new index), and `pull` from the local OCI registry.
For these, cpphelm's stdout must equal helm's: a difference is printed loudly (and the exit status is 1);
a cpphelm that fails is reported as "n/a (cpphelm exit N)" instead of timed."""
import argparse
import contextlib
import difflib
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MANY = os.path.join(ROOT, "tests", "fixtures", "charts", "many")

WORKLOADS = [
    ("--help", ["--help"]),
    ("usage error", ["template", "--no-such-flag"]),
    ("template (48 templates)", ["template", "bench", MANY]),
    ("lint (48 templates)", ["lint", MANY]),
    ("package (48 templates)", ["package", MANY, "-d", "{tmp}"]),
]

# Commands cpphelm answers without starting the Go runtime (lib/include/cpphelm/local.hpp), on a
# repository file of 20 entries as helm writes it. The last field says whether stdout is compared with
# helm's (version prints cpphelm's own version, and env's HELM_BIN names each binary).
LOCAL_WORKLOADS = [
    ("version", ["version"], False),
    ("version --short", ["version", "--short"], False),
    ("env", ["env"], False),
    ("env HELM_NAMESPACE", ["env", "HELM_NAMESPACE"], True),
    ("repo list", ["repo", "list"], True),
    ("repo list -o json", ["repo", "list", "-o", "json"], True),
    ("repo list -o yaml", ["repo", "list", "-o", "yaml"], True),
    ("complete repo names", ["__complete", "repo", "remove", ""], True),
    ("plugin list (none installed)", ["plugin", "list"], True),
]

SEED = os.path.join(ROOT, "bench", "seed")
NS = "bench"
# (name, args, heavy): heavy workloads read every release record, so they run --heavy-runs times.
# {rel} is the middle release (bench-0500 of 1000).
MEMORY_WORKLOADS = [
    ("mem: list", ["list"], True),
    ("mem: list -o json", ["list", "-o", "json"], True),
    ("mem: history {rel}", ["history", "{rel}"], True),
    ("mem: status {rel}", ["status", "{rel}"], True),
]
CLUSTER_WORKLOADS = [
    ("secret: list", ["list", "-n", NS], True),
    ("secret: history {rel}", ["history", "{rel}", "-n", NS], False),
    ("secret: status {rel}", ["status", "{rel}", "-n", NS], False),
    ("secret: complete status ''", ["__complete", "-n", NS, "status", ""], True),
]
ARGS = None  # the parsed command line
HEADER = (f"{'operation':28} {'helm ms':>9} {'cpphelm ms':>11} {'speed-up':>9} {'helm MiB':>9} {'cpphelm MiB':>12} "
          f"{'RSS ratio':>10}")


def env_for(tmp):
    e = dict(os.environ)
    e.update({"HELM_CONFIG_HOME": f"{tmp}/config", "HELM_CACHE_HOME": f"{tmp}/cache",
              "HELM_DATA_HOME": f"{tmp}/data", "HOME": tmp, "KUBECONFIG": f"{tmp}/none", "NO_COLOR": "1"})
    return e


def wall_ms(binary, args, env, runs, warmup=3, prepare=None):
    cmd = " ".join([binary] + [f"'{a}'" for a in args])
    extra = ["--prepare", prepare] if prepare else []
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(["hyperfine", "-N", "-i", "--warmup", str(warmup), "--runs", str(runs), *extra,
                        "--export-json", out.name, "--style", "none", cmd], env=env, check=True, capture_output=True)
        data = json.load(open(out.name))
    return data["results"][0]["median"] * 1000


def rss_mib(binary, args, env, runs=7, prepare=None):
    vals = []
    for _ in range(runs):
        if prepare:
            subprocess.run(["sh", "-c", prepare], env=env, check=True)
        p = subprocess.run(["/usr/bin/time", "-f", "%M", binary] + args, env=env, capture_output=True, text=True)
        vals.append(int(p.stderr.strip().splitlines()[-1]) / 1024)
    return statistics.median(vals)


def cache_dir():
    return os.environ.get("CPPHELM_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "cpphelm")


def benchseed():
    """Builds bench/seed once per source hash into the cache (outside the build tree) and returns its path."""
    files = ["go.mod", "go.sum"] + sorted(f for f in os.listdir(SEED) if f.endswith(".go"))
    h = hashlib.sha256()
    for f in files:
        h.update(f.encode() + b"\0" + open(os.path.join(SEED, f), "rb").read() + b"\0")
    out = os.path.join(cache_dir(), "benchseed", h.hexdigest()[:12], "benchseed")
    if os.path.exists(out):
        return out
    os.makedirs(os.path.dirname(out), exist_ok=True)
    print(f"building benchseed into {out} (first time; compiles client-go, takes minutes)", file=sys.stderr)
    t0 = time.monotonic()
    env = dict(os.environ, GOWORK="off", GOTOOLCHAIN="local", CGO_ENABLED="0")
    tmp_out = f"{out}.tmp.{os.getpid()}"
    subprocess.run(["go", "build", "-o", tmp_out, "."], cwd=SEED, env=env, check=True)
    os.replace(tmp_out, out)
    print(f"built benchseed in {time.monotonic() - t0:.0f}s", file=sys.stderr)
    return out


def seed(seeder, args, env=None):
    p = subprocess.run([seeder, "--releases", str(ARGS.releases), "--revisions", str(ARGS.revisions),
                        "--namespace", NS] + args, env=env, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"benchseed failed:\n{p.stdout}{p.stderr}")
    print(p.stdout.strip())


def release_rows(helm, cpphelm, workloads, env, rows):
    """Times the release workloads; returns how many of them printed a different stdout."""
    mismatches = 0
    rel = f"bench-{ARGS.releases // 2:04d}"
    for name, args, heavy, *prepare in workloads:
        prepare = prepare[0] if prepare else None
        name, args = name.replace("{rel}", rel), [x.replace("{rel}", rel) for x in args]
        h = subprocess.run([helm] + args, env=env, capture_output=True)
        if h.returncode != 0:
            sys.exit(f"reference helm failed on {name}: exit {h.returncode}\n{h.stderr.decode(errors='replace')}")
        c = subprocess.run([cpphelm] + args, env=env, capture_output=True)
        runs, warmup, rss_runs = (ARGS.heavy_runs, 1, 3) if heavy else (ARGS.runs, 3, 7)
        hw, hr = wall_ms(helm, args, env, runs, warmup, prepare), rss_mib(helm, args, env, rss_runs, prepare)
        if c.returncode != 0:
            rows.append((name, hw, None, hr, None))
            print(f"{name:28} {hw:9.1f} {'n/a (cpphelm exit ' + str(c.returncode) + ')':>21} {hr:9.1f}")
            continue
        cw, cr = wall_ms(cpphelm, args, env, runs, warmup, prepare), rss_mib(cpphelm, args, env, rss_runs, prepare)
        rows.append((name, hw, cw, hr, cr))
        same = c.stdout == h.stdout
        print(f"{name:28} {hw:9.1f} {cw:11.1f} {hw / cw:8.1f}x {hr:9.1f} {cr:12.1f} {cr / hr:10.2f}"
              + ("" if same else "   <<< STDOUT MISMATCH"))
        if not same:
            mismatches += 1
            diff = list(difflib.unified_diff(h.stdout.decode(errors="replace").splitlines(),
                                             c.stdout.decode(errors="replace").splitlines(),
                                             "helm", "cpphelm", lineterm="", n=1))
            print("!" * 100)
            print(f"!!! {name}: cpphelm's stdout differs from helm's ({len(h.stdout)} vs {len(c.stdout)} bytes):")
            for line in diff[:30]:
                print("!!!   " + line)
            if len(diff) > 30:
                print(f"!!!   ... {len(diff) - 30} more diff lines")
            print("!" * 100)
    return mismatches


def local_rows(helm, cpphelm, env, tmp, rows):
    """Times LOCAL_WORKLOADS; returns how many of the compared ones printed a different stdout."""
    path = f"{tmp}/local-repositories.yaml"
    with open(path, "w") as f:
        f.write('apiVersion: ""\ngenerated: "0001-01-01T00:00:00Z"\nrepositories:\n')
        for i in range(20):
            f.write(f'- caFile: ""\n  certFile: ""\n  insecure_skip_tls_verify: false\n  keyFile: ""\n'
                    f'  name: repo-{i:02d}\n  pass_credentials_all: false\n  password: ""\n'
                    f'  url: https://charts{i}.example.com/stable\n  username: ""\n')
    env = dict(env, HELM_REPOSITORY_CONFIG=path)
    mismatches = 0
    for name, args, compare in LOCAL_WORKLOADS:
        h, c = subprocess.run([helm] + args, env=env, capture_output=True), subprocess.run([cpphelm] + args, env=env,
                                                                                            capture_output=True)
        hw, cw = wall_ms(helm, args, env, ARGS.runs), wall_ms(cpphelm, args, env, ARGS.runs)
        hr, cr = rss_mib(helm, args, env), rss_mib(cpphelm, args, env)
        rows.append((name, hw, cw, hr, cr))
        same = not compare or (h.stdout == c.stdout and h.returncode == c.returncode)
        mismatches += not same
        print(f"{name:28} {hw:9.1f} {cw:11.1f} {hw / cw:8.1f}x {hr:9.1f} {cr:12.1f} {cr / hr:10.2f}"
              + ("" if same else "   <<< STDOUT MISMATCH"))
    return mismatches


def release_workloads(helm, a, env, tmp, rows):
    """Seeds the releases and times the memory-driver (and with --cluster, the Secret-driver) workloads."""
    seeder = benchseed()
    print(f"\nreleases: {a.releases} x {a.revisions} revisions in namespace {NS}")
    data = f"{tmp}/releases.yaml"
    seed(seeder, ["--memory-file", data])
    menv = dict(env, HELM_DRIVER="memory", HELM_MEMORY_DRIVER_DATA=data, HELM_NAMESPACE=NS)
    mismatches = 0
    if not a.skip_memory:
        print(HEADER)
        mismatches = release_rows(helm, a.cpphelm, MEMORY_WORKLOADS, menv, rows)
    if a.cluster:
        ctl, cdir = os.path.join(ROOT, "tests", "cluster", "ctl.sh"), f"{tmp}/cluster"
        try:
            subprocess.run([ctl, "start", cdir], check=True, stdout=sys.stderr)
            kenv = dict(env, KUBECONFIG=f"{cdir}/kubeconfig")
            seed(seeder, ["--driver", "secret"], kenv)
            print(HEADER)
            mismatches += release_rows(helm, a.cpphelm, CLUSTER_WORKLOADS, kenv, rows)
            install_rows(helm, a.cpphelm, kenv, rows)
            diff_rows(helm, a.cpphelm, kenv, rows)
        finally:
            subprocess.run([ctl, "stop", cdir], stdout=sys.stderr)
    return mismatches


def big_index(path, charts=250, versions=20):
    """A repository index of charts x versions entries (the archives themselves are not needed)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write("apiVersion: v1\nentries:\n")
        for c in range(charts):
            name = f"chart-{c:03d}"
            f.write(f"  {name}:\n")
            for v in range(versions, 0, -1):
                ver = f"{v // 10}.{v % 10}.{c % 7}"
                digest = hashlib.sha256(f"{name}-{ver}".encode()).hexdigest()
                f.write(f"  - apiVersion: v2\n    appVersion: \"{v}.0\"\n    created: \"2026-01-01T00:00:00Z\"\n"
                        f"    description: Benchmark chart {c} for workloads of kind {c % 13}, version {ver}\n"
                        f"    digest: {digest}\n    keywords:\n    - bench\n    - kind{c % 13}\n"
                        f"    name: {name}\n    urls:\n    - {name}-{ver}.tgz\n    version: {ver}\n")
        f.write("generated: \"2026-01-01T00:00:00Z\"\n")


# cpphelm skips parsing an index whose bytes it parsed before (see go/search_cache.go): "unchanged"
# is the common case of a repository that did not publish since the last update; "new index"
# removes that cache before every run, so the index is parsed as if it had changed.
REPO_WORKLOADS = [
    ("repo update (unchanged)", ["repo", "update"], True),
    ("repo update (new index)", ["repo", "update"], True, "rm -rf {tmp}/cache/cpphelm-search"),
    ("search repo kind7", ["search", "repo", "kind7"], True),
    ("search repo -l chart-12", ["search", "repo", "-l", "chart-12"], True),
    ("pull oci:// (local registry)", ["pull", "oci://{oci}/charts/hello", "--plain-http", "-d", "{tmp}/pulled"], False),
]


@contextlib.contextmanager
def chart_servers(helm, tmp):
    """The real chart servers (tests/servers/servers.py) under {tmp}/servers while in the block; yields
    their servers.json and the directory."""
    srv = f"{tmp}/servers"
    servers = os.path.join(ROOT, "tests", "servers", "servers.py")
    subprocess.run([sys.executable, servers, "start", srv, "--helm", helm], check=True, stdout=sys.stderr)
    try:
        yield json.load(open(f"{srv}/servers.json")), srv
    finally:
        subprocess.run([sys.executable, servers, "stop", srv], stdout=sys.stderr)


def repo_workloads(helm, a, env, tmp, rows):
    """Times the repository and registry workloads on the real servers; returns stdout mismatches."""
    with chart_servers(helm, tmp) as (info, srv):
        big_index(f"{srv}/www/bench5k/index.yaml")
        os.makedirs(f"{tmp}/pulled")
        subprocess.run([helm, "repo", "add", "big", info["HTTP"] + "/bench5k"], env=env, check=True, capture_output=True)
        print(f"\nrepository: 250 charts x 20 versions; OCI: {info['OCI_PLAIN']}")
        print(HEADER)
        sub = lambda x: x.replace("{oci}", info["OCI_PLAIN"]).replace("{tmp}", tmp)
        work = [(n, [sub(x) for x in args], heavy, *[sub(p) for p in prep]) for n, args, heavy, *prep in REPO_WORKLOADS]
        return release_rows(helm, a.cpphelm, work, env, rows)


# The bitnami-size repository tests/servers/servers.py serves (bench/big_index.py: 600 charts x 30
# versions, 21 MB; chart-0123's archives exist) and the same at three times the size ("big3", 1800
# charts, 63 MB), to show how cost grows. "unchanged" is the common case (cpphelm's chart lookup and
# search caches match the index); "new index" removes them before every run, so the index is parsed
# as if it had just changed.
NEW_INDEX = "rm -rf {tmp}/cache/cpphelm-index {tmp}/cache/cpphelm-search"
BIG_WORKLOADS = [
    ("big: search -l chart-0123", ["search", "repo", "chart-0123", "--versions"], True),
    ("big: search (new index)", ["search", "repo", "chart-0123", "--versions"], True, NEW_INDEX),
    ("big: search kind7 -o json", ["search", "repo", "kind7", "-o", "json"], True),
    ("big: show chart REPO/CHART", ["show", "chart", "big/chart-0123"], True),
    ("big: show chart (new index)", ["show", "chart", "big/chart-0123"], True, NEW_INDEX),
    ("big: pull --version 2.9.4", ["pull", "big/chart-0123", "--version", "2.9.4", "-d", "{tmp}/pulled"], True),
    ("big: template REPO/CHART", ["template", "r1", "big/chart-0123", "--version", "~2.9"], True),
    ("big: complete --version", ["__complete", "show", "chart", "big/chart-0123", "--version", ""], True),
    ("big: repo update", ["repo", "update", "big"], True),
    ("big: repo update (new index)", ["repo", "update", "big"], True, NEW_INDEX),
    ("big: dep build --skip-refresh", ["dependency", "build", "{tmp}/app", "--skip-refresh"], True,
     "rm -rf {tmp}/app/charts"),
    ("big3: show chart", ["show", "chart", "big3/chart-0123"], True),
    ("big3: show chart (new index)", ["show", "chart", "big3/chart-0123"], True, NEW_INDEX),
    ("big3: search -l chart-0123", ["search", "repo", "chart-0123", "--versions"], True),
    ("big3: search (new index)", ["search", "repo", "chart-0123", "--versions"], True, NEW_INDEX),
]


def big_workloads(helm, a, env, tmp, rows):
    """Times commands that read the bitnami-size index (and its 3x copy); returns stdout mismatches."""
    with chart_servers(helm, tmp) as (info, srv):
        os.makedirs(f"{srv}/www/big3")
        sys.path.insert(0, os.path.join(ROOT, "bench"))
        import big_index as generator
        generator.write(f"{srv}/www/big3/index.yaml", charts=1800)
        for f in os.listdir(f"{srv}/www/big"):
            if f.endswith(".tgz"):
                shutil.copy(f"{srv}/www/big/{f}", f"{srv}/www/big3/{f}")
        os.makedirs(f"{tmp}/pulled")
        # Each size in its own helm home with only that repository (search reads every repository).
        envs = {"big": env, "big3": env_for(f"{tmp}/x3")}
        for name, e in envs.items():
            subprocess.run([helm, "repo", "add", name, info["HTTP"] + "/" + name], env=e, check=True,
                           capture_output=True)
        os.makedirs(f"{tmp}/app")
        with open(f"{tmp}/app/Chart.yaml", "w") as f:
            f.write('apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n'
                    '- name: chart-0123\n  version: "~2.9"\n  repository: "@big"\n')
        subprocess.run([helm, "dependency", "update", f"{tmp}/app", "--skip-refresh"], env=env, check=True,
                       capture_output=True)
        print(f"\nbig repository: 600 charts x 30 versions ({os.path.getsize(f'{srv}/www/big/index.yaml') >> 20} MiB); "
              f"big3: 1800 charts ({os.path.getsize(f'{srv}/www/big3/index.yaml') >> 20} MiB)")
        print(HEADER)
        mismatches = 0
        for name, e in envs.items():
            home = e["HELM_CACHE_HOME"].removesuffix("/cache")
            sub = lambda x: x.replace("{tmp}", home)
            work = [(n, [sub(x) for x in args], heavy, *[sub(p) for p in prep])
                    for n, args, heavy, *prep in BIG_WORKLOADS
                    if n.startswith(name + ":") and re.search(a.only or "", n)]
            mismatches += release_rows(helm, a.cpphelm, work, e, rows)
        return mismatches


LIFECYCLE = os.path.join(ROOT, "tests", "fixtures", "charts", "lifecycle")


def install_rows(helm, cpphelm, env, rows, runs=5):
    """`install --wait` of a 20-resource chart (the lifecycle fixture with 15 extra ConfigMaps), each run
    into a fresh release name, uninstalled afterwards (not timed); wall time and peak RSS per binary."""
    args = ["--set", "extra=15", "--wait", "--timeout", "2m", "-n", "bench-install", "--create-namespace"]
    res = {}
    for label, binary in (("helm", helm), ("cpphelm", cpphelm)):
        walls, rss = [], []
        for i in range(runs):
            name = f"inst-{label}-{i}"
            t0 = time.monotonic()
            p = subprocess.run(["/usr/bin/time", "-f", "%M", binary, "install", name, LIFECYCLE] + args, env=env,
                               capture_output=True, text=True)
            walls.append((time.monotonic() - t0) * 1000)
            if p.returncode != 0:
                sys.exit(f"{label} install --wait failed:\n{p.stderr}")
            rss.append(int(p.stderr.strip().splitlines()[-1]) / 1024)
            subprocess.run([binary, "uninstall", name, "-n", "bench-install", "--wait"], env=env, capture_output=True)
        res[label] = (statistics.median(walls), statistics.median(rss))
    (hw, hr), (cw, cr) = res["helm"], res["cpphelm"]
    name = "install --wait (20 resources)"
    rows.append((name, hw, cw, hr, cr))
    print(f"{name:28} {hw:9.1f} {cw:11.1f} {hw / cw:8.1f}x {hr:9.1f} {cr:12.1f} {cr / hr:10.2f}")


def diff_rows(helm, cpphelm, env, rows, runs=5):
    """`diff upgrade` of a 20-resource release: helm with the helm-diff plugin (the reference build,
    which runs helm as a subprocess for every read and render) against cpphelm's built-in diff; both
    with --disable-validation, where the plugin works under helm v4. Stdout must match."""
    plugins = subprocess.check_output([os.path.join(ROOT, "tests", "conformance", "reference-helm-diff.sh")],
                                      text=True).strip()
    ns = "bench-diff"
    subprocess.run([cpphelm, "install", "d", LIFECYCLE, "--set", "extra=15", "-n", ns, "--create-namespace"], env=env,
                   check=True, capture_output=True)
    args = ["diff", "upgrade", "d", LIFECYCLE, "--set", "extra=15,message=changed", "--disable-validation", "-n", ns]
    res, outs = {}, {}
    for label, binary, extra in (("helm", helm, {"HELM_PLUGINS": plugins}), ("cpphelm", cpphelm, {})):
        walls, rss = [], []
        for _ in range(runs):
            t0 = time.monotonic()
            p = subprocess.run(["/usr/bin/time", "-f", "%M", binary] + args, env=dict(env, **extra),
                               capture_output=True, text=True)
            walls.append((time.monotonic() - t0) * 1000)
            if p.returncode != 0:
                sys.exit(f"{label} diff upgrade failed:\n{p.stderr}")
            rss.append(int(p.stderr.strip().splitlines()[-1]) / 1024)
            outs[label] = p.stdout
        res[label] = (statistics.median(walls), statistics.median(rss))
    subprocess.run([cpphelm, "uninstall", "d", "-n", ns], env=env, capture_output=True)
    (hw, hr), (cw, cr) = res["helm"], res["cpphelm"]
    name = "diff upgrade (20 resources)"
    if outs["helm"] != outs["cpphelm"]:
        print(f"{name}: stdout differs from helm-diff's")
    rows.append((name, hw, cw, hr, cr))
    print(f"{name:28} {hw:9.1f} {cw:11.1f} {hw / cw:8.1f}x {hr:9.1f} {cr:12.1f} {cr / hr:10.2f}")


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
    ap.add_argument("--heavy-runs", type=int, default=5, help="runs of the workloads that read every release")
    ap.add_argument("--releases", type=int, default=1000)
    ap.add_argument("--revisions", type=int, default=5)
    ap.add_argument("--cluster", action="store_true",
                    help="also time list/history/status on the local test cluster (Secret driver)")
    ap.add_argument("--releases-only", action="store_true", help="skip the template/lint/package table")
    ap.add_argument("--skip-memory", action="store_true", help="skip the memory-driver workloads")
    ap.add_argument("--repos", action="store_true",
                    help="also time repo update / search repo (5000 versions) and pull on local servers")
    ap.add_argument("--repos-only", action="store_true", help="only the --repos table")
    ap.add_argument("--big", action="store_true",
                    help="also time commands on a bitnami-size repository index (and one 3x its size)")
    ap.add_argument("--big-only", action="store_true", help="only the --big table")
    ap.add_argument("--only", help="regex: only the --big rows whose name matches")
    ap.add_argument("--local-only", action="store_true",
                    help="only the commands answered without Go (version, env, repo list, completion, plugin list)")
    global ARGS
    ARGS = a = ap.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # rows show up as they are measured, also through a pipe
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
    if a.local_only:
        try:
            print(HEADER)
            return 1 if local_rows(helm, a.cpphelm, env, tmp, rows) else 0
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    if a.big_only:
        try:
            return 1 if big_workloads(helm, a, env, tmp, rows) else 0
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    if a.repos_only:
        try:
            return 1 if repo_workloads(helm, a, env, tmp, rows) else 0
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    if not a.releases_only:
        print(HEADER)
        for name, args in WORKLOADS:
            args = [x.replace("{tmp}", tmp) for x in args]
            hw, cw = wall_ms(helm, args, env, a.runs), wall_ms(a.cpphelm, args, env, a.runs)
            hr, cr = rss_mib(helm, args, env), rss_mib(a.cpphelm, args, env)
            rows.append((name, hw, cw, hr, cr))
            print(f"{name:28} {hw:9.1f} {cw:11.1f} {hw / cw:8.1f}x {hr:9.1f} {cr:12.1f} {cr / hr:10.2f}")
        local_mismatches = local_rows(helm, a.cpphelm, env, tmp, rows)
        hs, cs = stripped_size(helm, tmp), stripped_size(a.cpphelm, tmp)
        print(f"{'stripped binary (MiB)':28} {hs:9.1f} {cs:11.1f} {'':9} size ratio {cs / hs:.2f}")

    try:
        mismatches = 0 if a.releases_only else local_mismatches
        mismatches += release_workloads(helm, a, env, tmp, rows)
        if a.repos:
            mismatches += repo_workloads(helm, a, env, tmp, rows)
        if a.big:
            mismatches += big_workloads(helm, a, env, tmp, rows)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if mismatches:
        print(f"\n!!! {mismatches} release workload(s): cpphelm's stdout differs from helm's (see above)")
        return 1


if __name__ == "__main__":
    sys.exit(main())
