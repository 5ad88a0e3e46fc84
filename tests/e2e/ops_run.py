#!/usr/bin/env python3
"""cpphelm's own operations features on the local control plane (issue #12), which helm does not
have and so cannot be compared differentially: `unlock` of releases left pending (every storage
driver, interop with helm, `upgrade --install` afterwards compared with helm on a failed-only
release), the unlock hint after helm's error, wait progress (`--progress`, CPPHELM_PROGRESS, a live
table on a terminal, quiet in a pipe), the causes of a failed wait, and CPPHELM_ERROR_FORMAT=json.
Where helm defines the behaviour (exit codes, stdout, the `Error:` line) the reference helm runs the
same step and must agree. Each check is named; the last line is the runner's summary.
"""
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CHART = os.path.join(ROOT, "tests", "fixtures", "charts", "lifecycle")
NONCE = os.urandom(2).hex()

RESULTS = []


def check(name, ok, detail=""):
    RESULTS.append(ok)
    print(f"{'PASS' if ok else 'FAIL'} {name}" + ("" if ok else f"\n  {detail}"[:2000]), flush=True)
    return ok


class Env:
    def __init__(self, opts, work):
        self.opts, self.work = opts, work
        self.base = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": work, "TZ": "UTC", "NO_COLOR": "1",
            "HELM_CONFIG_HOME": os.path.join(work, "config"), "HELM_CACHE_HOME": os.path.join(work, "cache"),
            "HELM_DATA_HOME": os.path.join(work, "data"), "KUBECONFIG": opts.kubeconfig, "LANG": "C.UTF-8"}

    def env(self, driver="secret", extra=None):
        e = dict(self.base, HELM_DRIVER=driver)
        if driver == "sql":
            e["HELM_DRIVER_SQL_CONNECTION_STRING"] = self.opts.sql
        e.update(extra or {})
        return e

    def run(self, binary, args, driver="secret", extra=None, timeout=300):
        p = subprocess.run([binary] + args, env=self.env(driver, extra), capture_output=True, text=True,
                           timeout=timeout, cwd=self.work)
        return p.returncode, p.stdout, p.stderr

    def bg(self, binary, args, driver="secret"):
        return subprocess.Popen([binary] + args, env=self.env(driver), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, cwd=self.work)

    def history(self, rel, ns, driver):
        rc, out, err = self.run(self.opts.helm, ["history", rel, "-n", ns, "-o", "json"], driver)
        return json.loads(out) if rc == 0 else []

    def wait_latest(self, rel, ns, driver, status, secs=120):
        deadline = time.time() + secs
        while time.time() < deadline:
            h = self.history(rel, ns, driver)
            if h and h[-1]["status"] == status:
                return True
            time.sleep(0.3)
        return False


def error_line(stderr):
    i = stderr.find("Error:")
    if i < 0:
        return ""
    rest = [l for l in stderr[i:].splitlines() if not re.match(r"(hint|not ready): ", l)]
    return "\n".join(rest)


def ns_create(opts, *names):
    subprocess.run([opts.clusterctl, "ns-create", *names], env={"KUBECONFIG": opts.kubeconfig}, check=True, timeout=60)


def ns_delete(opts, *names):
    subprocess.run([opts.clusterctl, "ns-delete", *names], env={"KUBECONFIG": opts.kubeconfig}, timeout=60)


def kill_pending(e, binary, args, rel, ns, driver, status):
    """Runs a waiting operation, SIGKILLs it once its release is `status`; True when that happened."""
    p = e.bg(binary, args, driver)
    ok = e.wait_latest(rel, ns, driver, status)
    time.sleep(0.5)
    p.send_signal(signal.SIGKILL)
    p.wait(timeout=30)
    return ok


def unlock_driver(e, driver):
    """A release left pending-upgrade by a killed `cpphelm upgrade --wait`: the hint, unlock's
    refusals and dry run, the unlock, helm's reading of it and helm's upgrade afterwards."""
    cpp, helm, ns, t = e.opts.cpphelm, e.opts.helm, f"ops-unlock-{driver}-{NONCE}", f"unlock[{driver}]"
    ns_create(e.opts, ns)
    try:
        rc, _, err = e.run(cpp, ["install", "r", CHART, "-n", ns, "--wait", "--timeout", "2m"], driver)
        if not check(f"{t} install", rc == 0, err):
            return
        killed = kill_pending(e, cpp, ["upgrade", "r", CHART, "-n", ns, "--set", "holdUpgrade=true", "--wait",
                                       "--timeout", "5m"], "r", ns, driver, "pending-upgrade")
        check(f"{t} SIGKILL of upgrade --wait leaves pending-upgrade", killed)
        up = ["upgrade", "r", CHART, "-n", ns]
        hrc, hout, herr = e.run(helm, up, driver)
        crc, cout, cerr = e.run(cpp, up, driver)
        check(f"{t} upgrade refused as helm refuses", (hrc, hout, error_line(herr)) == (crc, cout, error_line(cerr))
              and hrc == 1 and "another operation" in herr, f"helm {hrc} {herr!r} cpphelm {crc} {cerr!r}")
        check(f"{t} hint names the pending revision and the unlock command",
              "hint: release \"r\" has been pending-upgrade since" in cerr and "(revision 2," in cerr
              and f"hint:   cpphelm unlock r --namespace {ns}\n" in cerr, cerr)
        rc, _, err = e.run(cpp, ["unlock", "r", "-n", ns], driver)
        check(f"{t} unlock refuses a young pending revision", rc == 1 and "less than --min-age 5m0s" in err, err)
        rc, out, err = e.run(cpp, ["unlock", "r", "-n", ns, "--min-age", "0s", "--dry-run"], driver)
        still = e.history("r", ns, driver)[-1]["status"]
        check(f"{t} --dry-run changes nothing", rc == 0 and "would be unlocked" in out and still == "pending-upgrade",
              f"{rc} {out} {err} {still}")
        rc, out, err = e.run(cpp, ["unlock", "r", "-n", ns, "--min-age", "0s", "-o", "json"], driver)
        res = json.loads(out) if rc == 0 else {}
        check(f"{t} unlock -o json", res.get("revision") == 2 and res.get("previous_status") == "pending-upgrade"
              and res.get("status") == "failed" and res.get("deployed_revision") == 1, f"{rc} {out} {err}")
        h = e.history("r", ns, driver)
        check(f"{t} helm reads the unlocked revision", [x["status"] for x in h] == ["deployed", "failed"]
              and h[-1]["description"].startswith("Unlocked by cpphelm: had been pending-upgrade since"), str(h))
        if driver in ("secret", "configmap"):
            p = subprocess.run([e.opts.clusterctl, "wait-status", ns, "r", "failed", "5"],
                               env={"KUBECONFIG": e.opts.kubeconfig}, capture_output=True, text=True)
            check(f"{t} storage label status=failed", p.returncode == 0, p.stderr)
        rc, _, err = e.run(helm, ["upgrade", "r", CHART, "-n", ns, "--wait", "--timeout", "2m"], driver)
        h = e.history("r", ns, driver)
        check(f"{t} helm upgrades after the unlock", rc == 0 and [x["status"] for x in h][-1] == "deployed"
              and h[-1]["revision"] == 3, f"{rc} {err} {h}")
        rc, _, err = e.run(cpp, ["unlock", "r", "-n", ns, "--min-age", "0s"], driver)
        check(f"{t} unlock refuses a release that is not pending",
              rc == 1 and "is not locked: its latest revision (3) is deployed" in err, err)
    finally:
        ns_delete(e.opts, ns)


def unlock_install(e):
    """pending-install with no earlier revision: after the unlock, `upgrade --install` does what helm's
    does on a failed-only release (helm's own, left by a failed install)."""
    cpp, helm = e.opts.cpphelm, e.opts.helm
    nsc, nsh = f"ops-pinst-c-{NONCE}", f"ops-pinst-h-{NONCE}"
    ns_create(e.opts, nsc, nsh)
    try:
        killed = kill_pending(e, cpp, ["install", "p", CHART, "-n", nsc, "--set", "holdInstall=true", "--wait",
                                       "--timeout", "5m"], "p", nsc, "secret", "pending-install")
        check("pending-install: SIGKILL of install --wait", killed)
        rc, out, err = e.run(cpp, ["unlock", "p", "-n", nsc, "--min-age", "0s"], "secret")
        check("pending-install: unlock", rc == 0 and "No revision is deployed" in out, f"{rc} {out} {err}")
        rc, _, err = e.run(helm, ["install", "p", CHART, "-n", nsh, "--set", "holdInstall=true", "--timeout", "3s"])
        check("pending-install: helm's failed install (reference state)", rc == 1, err)
        hrc, hout, herr = e.run(helm, ["upgrade", "--install", "p", CHART, "-n", nsh])
        crc, cout, cerr = e.run(cpp, ["upgrade", "--install", "p", CHART, "-n", nsc])
        norm = lambda s, ns: re.sub(r"LAST DEPLOYED: .*", "LAST DEPLOYED: T", s.replace(ns, "$NS"))
        check("pending-install: upgrade --install matches helm on a failed-only release",
              (hrc, norm(hout, nsh), error_line(herr).replace(nsh, "$NS")) ==
              (crc, norm(cout, nsc), error_line(cerr).replace(nsc, "$NS")),
              f"helm {hrc} {hout!r} {herr!r}\ncpphelm {crc} {cout!r} {cerr!r}")
        hs = [x["status"] for x in e.history("p", nsh, "secret")]
        cs = [x["status"] for x in e.history("p", nsc, "secret")]
        check("pending-install: same history as helm's", hs == cs and len(hs) == 2 and hs[-1] == "deployed", f"{hs} {cs}")
    finally:
        ns_delete(e.opts, nsc, nsh)


def wait_causes(e):
    """A wait that cannot succeed (a pod no node can take): progress lines, their absence in a pipe,
    the live table on a terminal, and the causes after helm's unchanged error."""
    cpp, helm = e.opts.cpphelm, e.opts.helm
    nsc, nsh = f"ops-wait-c-{NONCE}", f"ops-wait-h-{NONCE}"
    ns_create(e.opts, nsc, nsh)
    args = lambda rel, ns: ["install", rel, CHART, "-n", ns, "--set", "nodeSelector.no-such-node=x", "--wait",
                            "--timeout", "6s"]
    try:
        hrc, hout, herr = e.run(helm, args("s", nsh))
        crc, cout, cerr = e.run(cpp, args("s", nsc) + ["--progress", "plain"])
        check("wait: exit code, stdout and Error line are helm's",
              (hrc, hout, error_line(herr).replace(nsh, "$NS")) == (crc, cout, error_line(cerr).replace(nsc, "$NS"))
              and hrc == 1, f"helm {hrc} {herr!r}\ncpphelm {crc} {cerr!r}")
        check("wait: plain progress lines on stderr",
              re.search(r"(?m)^\[ +\d+s\] wait Deployment/s-web: InProgress - ", cerr) is not None
              and re.search(r"(?m)^\[ +\d+s\] wait ConfigMap/s-config: Current", cerr) is not None, cerr)
        after = cerr[cerr.find("Error:"):]
        check("wait: the not-ready resource and why, after helm's error",
              "not ready: Deployment/s-web (InProgress" in after
              and re.search(r"not ready:   Pod s-web-\S+: (Unschedulable|FailedScheduling): .*didn't match Pod's node "
                            r"affinity/selector", after) is not None, after)
        rc, _, err = e.run(cpp, args("q", nsc))
        check("wait: quiet when stderr is not a terminal (auto)", rc == 1 and "] wait " not in err
              and "not ready: Deployment/q-web" in err, err)
        rc, _, err = e.run(cpp, args("v", nsc), extra={"CPPHELM_PROGRESS": "plain"})
        check("wait: CPPHELM_PROGRESS=plain", "] wait Deployment/v-web" in err, err)
        rc, _, err = e.run(cpp, args("o", nsc) + ["--progress", "off"], extra={"CPPHELM_PROGRESS": "plain"})
        check("wait: the flag wins over CPPHELM_PROGRESS", "] wait " not in err, err)
        live = live_progress(e, args("t", nsc))
        check("wait: a live table redrawn in place on a terminal",
              "cpphelm: waiting for" in live and "\x1b[J" in live and "Deployment/t-web" in live, repr(live[-800:]))
        rc, out, err = e.run(cpp, ["install", "k", CHART, "-n", nsc, "--set", "holdInstall=true", "--timeout", "5s",
                                   "--progress", "plain"])
        check("wait: hooks are shown and explained",
              re.search(r"\] hook Pod/k-hold-install: InProgress - hook not completed", err) is not None
              and "not ready: Pod/k-hold-install (InProgress: hook not completed" in err, err)
        rc, out, err = e.run(cpp, args("j", nsc), extra={"CPPHELM_ERROR_FORMAT": "json", "CPPHELM_PROGRESS": "plain"})
        structured(rc, out, err, hrc, hout.replace(nsh, nsc).replace("s-", "j-"), "timeout",
                   lambda x: x.get("release") == "j" and x.get("namespace") == nsc
                   and any(r["resource"] == "Deployment/j-web" and any("node affinity/selector" in c for c in r["causes"])
                           for r in x.get("resources", [])))
    finally:
        ns_delete(e.opts, nsc, nsh)


def live_progress(e, args):
    """What a terminal shows for `args` run with --progress auto under a pseudo-terminal (script(1))."""
    cmd = " ".join(["exec", e.opts.cpphelm] + [f"'{a}'" for a in args])
    log = os.path.join(e.work, "typescript")
    subprocess.run(["script", "-q", "-e", "-c", cmd, log], env=e.env(), capture_output=True, timeout=120,
                   cwd=e.work)
    with open(log, "rb") as f:
        return f.read().decode("utf-8", "replace")


def structured(rc, out, err, want_rc, want_out, kind, details_ok):
    """CPPHELM_ERROR_FORMAT=json: same exit code and stdout, every stderr line an object, one error."""
    lines = [l for l in err.splitlines() if l]
    objs = []
    for l in lines:
        try:
            objs.append(json.loads(l))
        except ValueError:
            objs.append(None)
    errors = [o["error"] for o in objs if isinstance(o, dict) and "error" in o]
    check(f"json errors ({kind}): exit code and stdout unchanged", rc == want_rc and out == want_out,
          f"{rc} vs {want_rc}\n{out!r}\n{want_out!r}")
    check(f"json errors ({kind}): every stderr line is a JSON object", all(isinstance(o, dict) for o in objs), err)
    check(f"json errors ({kind}): exactly one error object, kind and details",
          len(errors) == 1 and errors[0]["kind"] == kind and errors[0]["exit_code"] == rc and details_ok(errors[0]),
          err)


def json_errors(e):
    """Kinds from typed errors; stdout and exit codes as in text mode."""
    cpp, ns = e.opts.cpphelm, f"ops-json-{NONCE}"
    ns_create(e.opts, ns)
    j = {"CPPHELM_ERROR_FORMAT": "json"}
    try:
        cases = [
            (["status", "nope", "-n", ns], "not_found", lambda x: True),
            (["install", "--no-such-flag"], "usage", lambda x: "unknown flag: --no-such-flag" in x["message"]),
            (["list", "-n", ns, "--kube-token", "not-a-token", "--kubeconfig", e.opts.bare_kubeconfig],
             "unauthorized", lambda x: True),
            (["template", "x", os.path.join(ROOT, "tests", "fixtures", "charts", "broken", "template-exec-error")], "invalid", lambda x: True),
            (["repo", "add", "x", "http://127.0.0.1:9"], "network", lambda x: True),
        ]
        for args, kind, ok in cases:
            trc, tout, terr = e.run(cpp, args)
            rc, out, err = e.run(cpp, args, extra=j)
            structured(rc, out, err, trc, tout, kind,
                       lambda x: ok(x) and x["message"] == error_line(terr)[len("Error: "):])
        # SIGINT during a wait: helm's "cancelled" release, a cancelled error
        p = subprocess.Popen([cpp, "install", "c", CHART, "-n", ns, "--set", "nodeSelector.none=x", "--wait",
                              "--timeout", "2m"], env=e.env(extra=j), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, cwd=e.work)
        e.wait_latest("c", ns, "secret", "pending-install")
        time.sleep(1)
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=120)
        structured(p.returncode, out, err, 1, out, "cancelled", lambda x: x.get("release") == "c")
    finally:
        ns_delete(e.opts, ns)


def memory_driver(e):
    """The memory driver (no cluster): a seeded pending release, the hint and the unlock."""
    data = os.path.join(e.work, "pending.yaml")
    since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 3600))
    with open(data, "w") as f:
        for v, st in ((1, "deployed"), (2, "pending-rollback")):
            f.write(f'- name: "m"\n  namespace: "default"\n  version: {v}\n  info:\n    first_deployed: "{since}"\n'
                    f'    last_deployed: "{since}"\n    status: "{st}"\n    description: "x"\n'
                    f'  chart:\n    metadata: {{apiVersion: "v2", name: "c", version: "0.1.0"}}\n  manifest: ""\n')
    x = {"HELM_MEMORY_DRIVER_DATA": data, "KUBECONFIG": os.path.join(e.work, "none")}
    rc, out, err = e.run(e.opts.cpphelm, ["unlock", "m", "-o", "yaml"], "memory", x)
    check("memory: unlock -o yaml of a seeded pending-rollback", rc == 0 and "previous_status: pending-rollback" in out
          and "status: failed" in out, f"{rc} {out} {err}")
    hrc, hout, herr = e.run(e.opts.helm, ["upgrade", "m", CHART], "memory", x)
    rc, out, err = e.run(e.opts.cpphelm, ["upgrade", "m", CHART], "memory", x)
    check("memory: upgrade of a pending release: helm's error, then the hint",
          (rc, out, error_line(err)) == (hrc, hout, error_line(herr)) and "hint: release \"m\" has been pending-rollback"
          in err and "hint:   cpphelm unlock m --namespace default" in err, f"{herr!r}\n{err!r}")


def prepare(opts):
    """Fills in the reference helm, cpphelm's absolute path and the clusterctl tool of a runner's options."""
    sys.path.insert(0, os.path.join(ROOT, "tests", "conformance"))
    from cluster_run import build_clusterctl  # noqa: E402
    opts.helm = opts.helm or subprocess.check_output(
        [os.path.join(ROOT, "tests", "conformance", "reference-helm.sh")], text=True).strip()
    opts.cpphelm = os.path.abspath(opts.cpphelm)
    opts.clusterctl = build_clusterctl(opts.tools)


def run_scenarios(e, scenarios, only):
    """Runs the named scenarios (those matching `only`), removes the work directory, prints the summary
    and returns the exit status."""
    try:
        for name, fn in scenarios:
            if only and not re.search(only, name):
                continue
            try:
                fn(e)
            except Exception as ex:  # the scenario's machinery failed: that is a failure too
                check(f"{name}: ran to the end", False, repr(ex))
    finally:
        shutil.rmtree(e.work, ignore_errors=True)
    passed = sum(RESULTS)
    print(f"{passed} passed, {len(RESULTS) - passed} failed")
    return 0 if RESULTS and passed == len(RESULTS) else 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cpphelm", required=True)
    ap.add_argument("--helm")
    ap.add_argument("--kubeconfig", required=True)
    ap.add_argument("--sql-file")
    ap.add_argument("--tools", default=os.path.join(tempfile.gettempdir(), "cpphelm-cluster-tools"))
    ap.add_argument("--only", help="regex over scenario names")
    opts = ap.parse_args()
    prepare(opts)
    opts.sql = open(opts.sql_file).read().strip() if opts.sql_file else ""
    work = tempfile.mkdtemp(prefix="cpphelm-ops-")
    # the kubeconfig without its client credentials, for a token that the API server rejects
    kc = subprocess.run(["python3", "-c", "import sys,re;print(re.sub(r'(?m)^(\\s*)(client-certificate-data|"
                         "client-key-data|token):.*$', '', open(sys.argv[1]).read()))", opts.kubeconfig],
                        capture_output=True, text=True, check=True).stdout
    opts.bare_kubeconfig = os.path.join(work, "bare-kubeconfig")
    with open(opts.bare_kubeconfig, "w") as f:
        f.write(kc)
    e = Env(opts, work)
    scenarios = [("memory", memory_driver), ("json", json_errors), ("wait", wait_causes),
                 ("pending-install", unlock_install)]
    scenarios += [(f"unlock-{d}", lambda e, d=d: unlock_driver(e, d)) for d in ("secret", "configmap", "sql")
                  if d != "sql" or opts.sql]
    return run_scenarios(e, scenarios, opts.only)


if __name__ == "__main__":
    sys.exit(main())
