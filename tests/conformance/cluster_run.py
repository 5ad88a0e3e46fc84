#!/usr/bin/env python3
"""Differential conformance against the local control plane (tests/cluster).

Each case runs twice on the same cluster: once with the reference helm, once with cpphelm, each in its
own namespace ($NS is "<slug>-h" or "<slug>-c": equal lengths, so table widths agree) and its own
fresh workspace. Every compared step's exit code, stdout and `Error:` line must agree after the
normalisations below; then the release records and objects of both namespaces (tests/cluster/tools/
clusterctl dump: timestamps and server-assigned fields removed) must agree field by field.

Case files (cluster_cases/*.json) hold a list of objects:
  name     unique name
  steps    list of steps (below)
  env      extra environment ($WORK, $NS replaced), optional
  servers  true: the case uses the chart servers (--servers, tests/servers/servers.py); their values
           replace $KEY in args and env ($HTTP, $OCI_PLAIN, $PKI, ...); skipped without --servers
  driver   HELM_DRIVER: secret (default), configmap or sql (needs --sql)
  dump     compare release records and objects at the end (default true)
  normalize list of [regex, replacement, reason], optional
  helm_diff true: the reference runs helm-diff (reference-helm-diff.sh) as its `diff` plugin; cpphelm runs
           its built-in `diff` with a decoy `diff` plugin installed (which must never run). Errors compare
           by their first `Error:` line, without what helm-diff's subprocesses and helm's plugin runner add
           (`exit status 1: Error: ` inside the message, helm's `Error: plugin "diff" exited with error`
           after it, cobra's usage after an argument error): cpphelm reports helm's own message

A step is one of
  {"args": [...], "exit": N}             run and compare; N is what the REFERENCE must exit with
      "by": "helm"|"cpphelm"             run by that binary in both runs (interoperability), optional
      "compare": false                   run, check the exit code only, optional
      "stdin": "..."                     optional
      "ref_args": [...], "why": "..."    the reference runs these args instead (an intended difference)
      "env": {...}                       extra environment of this step only, optional
  {"bg": [...], "exit": N}               start in the background (one at a time)
  {"wait_status": [RELEASE, STATUS]}     poll the release's storage labels until its latest revision has STATUS
  {"signal": "INT"|"TERM"}               signal the background process
  {"join": true}                         wait for the background process, compare like a step
  {"sleep": SECONDS}
  {"clusterctl": [...], "as": "VAR"}    run tests/cluster/tools/clusterctl (args substituted); its output
                                         replaces $VAR in later steps (e.g. a ServiceAccount token)

cpphelm's additions after helm's error line (`hint: …`, `not ready: …`) are dropped (run.drop_additions).
Every step's stdout and stderr of cpphelm is checked for the kubeconfig's client key, the
ServiceAccount tokens of the case and the chart servers' password (kube_secrets, leaked).
Always normalised: the namespace, timestamps (ANSIC, RFC 3339, Go's time.String), modifiedAt labels,
and the RESOURCES section of status tables (kubectl's printers: ages, IPs and pod-name hashes vary, and
helm prints the kinds in Go's random map order, so blocks are sorted and columns collapsed).
"""
import argparse
import base64
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from run import HERE, ROOT, diff, drop_additions, environment, error_text, workspace

CLUSTER_DIR = os.path.join(ROOT, "tests", "cluster")

TIME_RES = [
    (r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC *", "TIME"),
    (r"UPDATED *", "UPDATED"),
    (r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", "TIME"),
    (r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d \d{4}",
     "TIME"),
    (r"modifiedAt=\d+", "modifiedAt=T"),
    (r"(modifiedAt\"?: ?)\"\d+\"", r'\1"T"'),
    # live objects in status -o json|yaml: server-assigned identity, addresses, generated pod names
    (r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UID"),
    (r"(resourceVersion\"?: ?\"?)\d+", r"\1RV"),
    (r"\b\d+\.\d+\.\d+\.\d+\b", "IP"),
    (r"-[a-z0-9]{8,10}-[a-z0-9]{5}\b", "-HASH"),
    (r"kube-api-access-[a-z0-9]{5}\b", "kube-api-access-X"),
    (r"pod-template-hash(\"?:? ?\"?=?)[a-z0-9]{8,10}", r"pod-template-hash\1HASH"),
]


def sort_resources(text):
    """Sorts the '==> kind' blocks of a status table and blurs what the cluster varies."""
    lines = text.split("\n")
    out, i = [], 0
    while i < len(lines):
        if lines[i] != "RESOURCES:":
            out.append(lines[i])
            i += 1
            continue
        out.append(lines[i])
        i += 1
        blocks, cur = [], []
        while i < len(lines) and (lines[i].startswith("==> ") or cur):
            if lines[i] == "":
                blocks.append(cur)
                cur = []
            else:
                line = re.sub(r"\s+", " ", lines[i])
                line = re.sub(r"\b\d+(\.\d+){3}\b", "IP", line)
                line = re.sub(r"-[a-z0-9]{8,10}-[a-z0-9]{5}\b", "-HASH", line)
                line = re.sub(r"\b(\d+[smhd])+\b", "AGE", line)
                cur.append(line)
            i += 1
        if cur:
            blocks.append(cur)
        for b in sorted(blocks):
            out.extend(b + [""])
    return "\n".join(out)


def normalise(text, w, ns, case):
    text = text.replace(os.path.realpath(w), "$WORK").replace(w, "$WORK").replace(ns, "$NS")
    for rx, repl in TIME_RES:
        text = re.sub(rx, repl, text)
    text = sort_resources(text)
    for rx, repl, _reason in case.get("normalize", []):
        text = re.sub(rx, repl, text)
    return text


SERVERS = {}


def servers_sub(text):
    for k in sorted(SERVERS, key=len, reverse=True):
        text = text.replace("$" + k, SERVERS[k])
    return text


class Run:
    """One side of a case: a binary, a workspace and a namespace."""

    def __init__(self, label, binary, other, w, ns, case, opts):
        self.label, self.binary, self.other, self.w, self.ns, self.case = label, binary, other, w, ns, case
        self.env = environment(w, {})
        self.env.update({"KUBECONFIG": opts.kubeconfig, "HELM_NAMESPACE": ns})
        driver = case.get("driver", "secret")
        self.env["HELM_DRIVER"] = driver
        if driver == "sql":
            self.env["HELM_DRIVER_SQL_CONNECTION_STRING"] = opts.sql
        for k, v in case.get("env", {}).items():
            self.env[k] = servers_sub(v.replace("$WORK", w).replace("$NS", ns).replace("$KCDIR", os.path.dirname(opts.kubeconfig)))
        self.bg = None
        self.vars = {}  # set by clusterctl steps
        self.results = []  # (step index, rc, stdout, error)

    def sub(self, args):
        kc = os.path.dirname(self.env["KUBECONFIG"])
        out = []
        for a in args:
            for k in sorted(self.vars, key=len, reverse=True):
                a = a.replace("$" + k, self.vars[k])
            out.append(servers_sub(a.replace("$WORK", self.w).replace("$NS", self.ns).replace("$KCDIR", kc)))
        return out

    def binary_for(self, step):
        by = step.get("by")
        if by == "helm":
            return self.other if self.label == "cpp" else self.binary
        if by == "cpphelm":
            return self.binary if self.label == "cpp" else self.other
        return self.binary

    def step(self, i, st):
        if "args" in st:
            args = st["ref_args"] if self.label == "ref" and "ref_args" in st else st["args"]
            env = dict(self.env, **{k: self.sub([v])[0] for k, v in st.get("env", {}).items()})
            p = subprocess.run([self.binary_for(st)] + self.sub(args), cwd=self.w, env=env,
                               input=st.get("stdin", "").encode(), capture_output=True, timeout=600)
            self.results.append((i, p.returncode, p.stdout.decode("utf-8", "replace"),
                                 p.stderr.decode("utf-8", "replace")))
        elif "bg" in st:
            self.bg = (i, subprocess.Popen([self.binary_for(st)] + self.sub(st["bg"]), cwd=self.w, env=self.env,
                                           stdout=subprocess.PIPE, stderr=subprocess.PIPE))
        elif "wait_status" in st:
            rel, status = st["wait_status"][:2]
            subprocess.run([opts_clusterctl, "wait-status", self.ns, rel, status, "120"], env=self.env,
                           check=True, timeout=180)
        elif "signal" in st:
            self.bg[1].send_signal({"INT": signal.SIGINT, "TERM": signal.SIGTERM}[st["signal"]])
        elif "join" in st:
            i0, p = self.bg
            o, e = p.communicate(timeout=600)
            self.results.append((i0, p.returncode, o.decode("utf-8", "replace"), e.decode("utf-8", "replace")))
            self.bg = None
        elif "sleep" in st:
            time.sleep(st["sleep"])
        elif "clusterctl" in st:
            p = subprocess.run([opts_clusterctl] + self.sub(st["clusterctl"]), env=self.env, capture_output=True,
                               text=True, check=True, timeout=60)
            self.vars[st["as"]] = p.stdout.strip()

    def dump(self):
        p = subprocess.run([opts_clusterctl, "dump", self.ns], env=self.env, capture_output=True, text=True,
                           timeout=120)
        if p.returncode != 0:
            return "dump failed: " + p.stderr
        return normalise(p.stdout, self.w, self.ns, self.case)


opts_clusterctl = None
HELM_DIFF_PLUGINS = None  # reference-helm-diff.sh's plugins directory, built on first use

DECOY_PLUGIN = """name: diff
version: 0.0.1
usage: "a decoy, cpphelm's built-in diff must win over an installed helm-diff"
command: "$HELM_PLUGIN_DIR/decoy.sh"
"""


def helm_diff_plugins():
    global HELM_DIFF_PLUGINS
    if HELM_DIFF_PLUGINS is None:
        HELM_DIFF_PLUGINS = subprocess.check_output([os.path.join(HERE, "reference-helm-diff.sh")], text=True).strip()
    return HELM_DIFF_PLUGINS


def decoy_plugins(w):
    """A plugins directory whose `diff` plugin prints a marker and exits 7 (cpphelm must never run it)."""
    d = os.path.join(w, "decoy-plugins", "diff")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "plugin.yaml"), "w") as f:
        f.write(DECOY_PLUGIN)
    sh = os.path.join(d, "decoy.sh")
    with open(sh, "w") as f:
        f.write("#!/bin/sh\necho 'decoy diff plugin ran'\nexit 7\n")
    os.chmod(sh, 0o755)
    return os.path.dirname(d)


def helm_diff_error(stderr):
    """The first `Error:` line, without helm-diff's subprocess leftovers (see the module doc)."""
    for line in stderr.split("\n"):
        if line.startswith("Error:"):
            return re.sub(r"exit status \d+: Error: ", "", line)
    return ""


NONCE = os.urandom(2).hex()  # namespaces of a previous run may still be terminating


def slug(name):
    s = re.sub(r"[^a-z0-9-]", "-", name.lower()).strip("-")[:36].strip("-")
    return f"{s}-{hashlib.sha1(name.encode()).hexdigest()[:4]}{NONCE}"


def kube_secrets(kubeconfig):
    """What no output may show: the kubeconfig's client key (as stored, and its PEM body) and tokens."""
    found = []
    for line in open(kubeconfig):
        key, _, value = line.strip().partition(": ")
        if key in ("client-key-data", "token") and value:
            found.append(value)
            if key == "client-key-data":
                pem = base64.b64decode(value).decode("ascii", "replace")
                found += [l for l in pem.splitlines() if len(l) >= 40 and not l.startswith("-----")][:2]
    return found


def leaked(run, secrets, results):
    """Problems for each step of `run` whose stdout or stderr shows a secret (its tokens included)."""
    tokens = [v for k, v in run.vars.items() if k in ("TOKEN", "NOROLE") and v]
    out = []
    for i, _rc, o, e in results:
        for sec in secrets + tokens:
            if sec and (sec in o or sec in e):
                out.append(f"step {i}: cpphelm printed a secret ({sec[:6]}…)")
    return out


def run_case(case, helm, cpphelm, opts):
    base = tempfile.mkdtemp(prefix="cpphelm-cconf-")
    s = slug(case["name"])
    ref = Run("ref", helm, cpphelm, workspace(base, "ref"), s + "-h", case, opts)
    cpp = Run("cpp", cpphelm, helm, workspace(base, "cpp"), s + "-c", case, opts)
    if case.get("helm_diff"):
        ref.env["HELM_PLUGINS"] = helm_diff_plugins()
        cpp.env["HELM_PLUGINS"] = decoy_plugins(cpp.w)
    try:
        if case.get("create_ns", True):
            subprocess.run([opts_clusterctl, "ns-create", ref.ns, cpp.ns], env=ref.env, check=True, timeout=60)
        problems = []
        for side in (ref, cpp):
            for i, st in enumerate(case["steps"]):
                try:
                    side.step(i, st)
                except Exception as ex:  # a step's machinery failed: report, keep going with the other side
                    problems.append(f"{side.label} step {i} {st}: {ex}")
                    break
            if side.bg:
                side.bg[1].kill()
        secrets = kube_secrets(opts.kubeconfig) + [SERVERS.get("PASSWORD", "")]
        problems += leaked(cpp, secrets, cpp.results)
        by_step = {i: (rc, o, e) for i, rc, o, e in ref.results}
        for i, rc, o, e in cpp.results:
            st = case["steps"][i]
            args = st.get("args") or st.get("bg")
            if i not in by_step:
                problems.append(f"step {i} {args}: no reference result")
                continue
            hrc, ho, he = by_step[i]
            if hrc != st["exit"]:
                problems.append(f"step {i} {args}: reference exited {hrc}, case expects {st['exit']} "
                                f"(stderr: {he.strip()[:400]})")
            if hrc != rc:
                problems.append(f"step {i} {args}: exit code helm {hrc}, cpphelm {rc} (cpphelm stderr: "
                                f"{e.strip()[:400]})")
            if st.get("compare", True):
                a, b = normalise(ho, ref.w, ref.ns, case), normalise(o, cpp.w, cpp.ns, case)
                if a != b:
                    problems.append(f"step {i} {args}: stdout differs:\n" + diff(a, b, "stdout"))
                if case.get("helm_diff"):
                    a, b = helm_diff_error(he), helm_diff_error(e)
                else:
                    a, b = error_text(he), error_text(drop_additions(e))
                a, b = normalise(a, ref.w, ref.ns, case), normalise(b, cpp.w, cpp.ns, case)
                if a != b:
                    problems.append(f"step {i} {args}: error differs:\n" + diff(a, b, "stderr"))
        if case.get("dump", True) and case.get("driver", "secret") != "sql":
            a, b = ref.dump(), cpp.dump()
            if a != b:
                problems.append("release records / objects differ:\n" + diff(a, b, "dump"))
        return not problems, "\n".join(problems)
    finally:
        subprocess.run([opts_clusterctl, "ns-delete", ref.ns, cpp.ns], env=ref.env, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


def build_clusterctl(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    out = os.path.join(out_dir, "clusterctl")
    env = dict(os.environ, GOWORK="off", GOTOOLCHAIN="local", CGO_ENABLED="0")
    subprocess.run(["go", "build", "-o", out, "./tools/clusterctl"], cwd=CLUSTER_DIR, env=env, check=True)
    return out


def main():
    global opts_clusterctl
    ap = argparse.ArgumentParser()
    ap.add_argument("--cpphelm", required=True)
    ap.add_argument("--helm", help="reference helm binary (default: built by reference-helm.sh)")
    ap.add_argument("--kubeconfig", required=True, help="the test cluster's kubeconfig")
    ap.add_argument("--sql", default="", help="connection string for the sql driver's cases")
    ap.add_argument("--sql-file", help="file holding that connection string (tests/sql/pg.sh writes one)")
    ap.add_argument("--cases", default=os.path.join(HERE, "cluster_cases"))
    ap.add_argument("--servers", help="servers.json of tests/servers/servers.py (cases marked servers)")
    ap.add_argument("--only", help="regex over case names")
    ap.add_argument("--tools", default=os.path.join(tempfile.gettempdir(), "cpphelm-cluster-tools"))
    opts = ap.parse_args()
    if opts.servers:
        SERVERS.update(json.load(open(opts.servers)))
    if opts.sql_file:
        opts.sql = open(opts.sql_file).read().strip()
    helm = opts.helm or subprocess.check_output([os.path.join(HERE, "reference-helm.sh")], text=True).strip()
    cpphelm = os.path.abspath(opts.cpphelm)
    opts_clusterctl = build_clusterctl(opts.tools)
    cases = []
    for fn in sorted(os.listdir(opts.cases)):
        if fn.endswith(".json"):
            for c in json.load(open(os.path.join(opts.cases, fn))):
                c["_file"] = fn
                cases.append(c)
    names = [c["name"] for c in cases]
    if len(set(names)) != len(names):
        sys.exit("duplicate case names")
    if opts.only:
        cases = [c for c in cases if re.search(opts.only, c["name"])]
    passed = failed = skipped = 0
    for case in cases:
        if case.get("driver") == "sql" and not opts.sql:
            skipped += 1
            print(f"SKIP {case['name']} (no --sql connection string)")
            continue
        if case.get("servers") and not SERVERS:
            skipped += 1
            print(f"SKIP {case['name']} (no --servers)")
            continue
        t0 = time.time()
        ok, why = run_case(case, helm, cpphelm, opts)
        dt = time.time() - t0
        if ok:
            passed += 1
            print(f"PASS {case['name']} ({dt:.1f}s)", flush=True)
        else:
            failed += 1
            print(f"FAIL {case['name']} [{case['_file']}] ({dt:.1f}s)\n  " + why.replace("\n", "\n  "), flush=True)
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed or skipped or not cases else 0


if __name__ == "__main__":
    sys.exit(main())
