#!/usr/bin/env python3
"""Faults on the local control plane (issue #14 §3): what a user's cluster does to a release operation.

- Concurrent upgrades: rounds of 10 `cpphelm upgrade --wait` of one release started at once. Exactly
  one wins each round; every other one fails with one of the errors helm gives in the same race (the
  reference helm runs a round too, and its errors must come from the same set); the history has no gap,
  no revision is left pending and helm reads every record.
- SIGKILL at random moments: `cpphelm upgrade --wait` (pre- and post-upgrade hooks, a Deployment to
  wait for) killed after a random delay (seeded, so a failure can be replayed with --seed) from before
  it writes anything to after it has finished. Each time the release is either unchanged, upgraded, or
  left pending-upgrade; a pending one is recovered with `cpphelm unlock` and the next upgrade succeeds;
  helm reads every record (never a half-written one) and revisions stay contiguous.
- kube-apiserver stopped (SIGSTOP) in the middle of `upgrade --wait` for longer than its --timeout, then
  resumed: helm and cpphelm fail alike, and the release is recoverable.

Each check is named; the last line is the runner's summary.
"""
import argparse
import json
import os
import random
import re
import signal
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from ops_run import CHART, NONCE, Env, check, error_line, ns_create, ns_delete, prepare, run_scenarios  # noqa: E402

# The errors helm gives the losers of a race for one release: the pending revision another upgrade
# wrote, or the same revision's record created first by another (storage's AlreadyExists).
RACE_ERRORS = [
    re.compile(r"^Error: UPGRADE FAILED: another operation \(install/upgrade/rollback\) is in progress$"),
    re.compile(r"^Error: UPGRADE FAILED: .*already exists$"),
]


def race_error(stderr):
    line = error_line(stderr).split("\n")[0]
    return any(rx.match(line) for rx in RACE_ERRORS), line


def history_ok(e, rel, ns):
    """helm's reading of the history: contiguous revisions, exactly one deployed (the latest), nothing pending."""
    rc, out, err = e.run(e.opts.helm, ["history", rel, "-n", ns, "-o", "json", "--max", "1000"])
    if rc != 0:
        return False, f"helm history failed: {err}"
    h = json.loads(out)
    revs = [x["revision"] for x in h]
    statuses = [x["status"] for x in h]
    if revs != list(range(revs[0], revs[0] + len(revs))):
        return False, f"revisions not contiguous: {revs}"
    if statuses[-1] != "deployed" or statuses.count("deployed") != 1 or any(s.startswith("pending") for s in statuses):
        return False, f"statuses: {statuses}"
    rc, out, err = e.run(e.opts.helm, ["get", "values", rel, "-n", ns, "--revision", str(revs[-1]), "-o", "json"])
    return rc == 0, f"helm get values of the latest: {rc} {err}"


def concurrent_round(e, binary, ns, label, n=10):
    procs = [e.bg(binary, ["upgrade", "r", CHART, "-n", ns, "--wait", "--timeout", "2m", "--set",
                           f"message={label}-{i}"]) for i in range(n)]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        results.append((p.returncode, out.decode(), err.decode()))
    return results


def concurrency(e, rounds=3):
    cpp, helm, ns = e.opts.cpphelm, e.opts.helm, f"faults-race-{NONCE}"
    ns_create(e.opts, ns)
    try:
        rc, _, err = e.run(cpp, ["install", "r", CHART, "-n", ns, "--wait", "--timeout", "2m"])
        if not check("race: install", rc == 0, err):
            return
        for rnd in range(rounds + 1):
            binary, who = (helm, "helm") if rnd == 0 else (cpp, "cpphelm")
            res = concurrent_round(e, binary, ns, f"{who}{rnd}")
            wins = [r for r in res if r[0] == 0]
            losers = [race_error(r[2]) for r in res if r[0] != 0]
            bad = [line for ok, line in losers if not ok]
            check(f"race round {rnd} ({who}): the losers fail with helm's race errors (exit 1)",
                  not bad and all(r[0] == 1 for r in res if r[0] != 0), f"unexpected: {bad}")
            if who == "helm":
                check("race: the reference helm has one winner (the race is real)", len(wins) == 1,
                      f"{len(wins)} won: {[r[2] for r in res]}")
            else:
                check(f"race round {rnd}: exactly one of 10 cpphelm upgrades wins", len(wins) == 1,
                      f"{len(wins)} won; errors: {[l for _, l in losers]}")
            ok, why = history_ok(e, "r", ns)
            check(f"race round {rnd} ({who}): history has no gap, nothing pending, helm reads it", ok, why)
    finally:
        ns_delete(e.opts, ns)


def random_kills(e, seed, kills=8):
    cpp, ns = e.opts.cpphelm, f"faults-kill-{NONCE}"
    rng = random.Random(seed)
    ns_create(e.opts, ns)
    try:
        rc, _, err = e.run(cpp, ["install", "r", CHART, "-n", ns, "--wait", "--timeout", "2m"])
        if not check("kill: install", rc == 0, err):
            return
        # How long an undisturbed upgrade takes, to spread the kills over all of it.
        t0 = time.monotonic()
        rc, _, err = e.run(cpp, ["upgrade", "r", CHART, "-n", ns, "--wait", "--timeout", "2m", "--set", "message=timed"])
        span = time.monotonic() - t0
        check("kill: an undisturbed upgrade --wait", rc == 0, err)
        outcomes = {}
        for k in range(kills):
            before = e.history("r", ns, "secret")
            delay = rng.uniform(0, span * 1.2)
            p = e.bg(cpp, ["upgrade", "r", CHART, "-n", ns, "--wait", "--timeout", "2m", "--set", f"message=kill{k}"])
            time.sleep(delay)
            p.send_signal(signal.SIGKILL)
            p.wait(timeout=30)
            h = e.history("r", ns, "secret")
            t = f"kill {k} (seed {seed}, after {delay:.2f}s)"
            if not check(f"{t}: helm reads every record", bool(h), "helm history failed"):
                return
            last = h[-1]
            # (helm keeps --history-max 10 revisions: the oldest may go as a new one comes)
            unchanged = last["revision"] == before[-1]["revision"] and last["status"] == before[-1]["status"]
            upgraded = last["revision"] == before[-1]["revision"] + 1 and last["status"] in ("deployed", "pending-upgrade")
            check(f"{t}: release unchanged, upgraded or left pending", unchanged or upgraded,
                  f"before {[(x['revision'], x['status']) for x in before]} after {[(x['revision'], x['status']) for x in h]}")
            outcome = "unchanged" if unchanged else last["status"]
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
            if last["status"] == "pending-upgrade":
                rc, out, err = e.run(cpp, ["unlock", "r", "-n", ns, "--min-age", "0s"])
                check(f"{t}: unlock of the pending revision", rc == 0, f"{rc} {out} {err}")
            rc, _, err = e.run(cpp, ["upgrade", "r", CHART, "-n", ns, "--wait", "--timeout", "2m",
                                     "--set", f"message=after{k}"])
            check(f"{t}: the next upgrade succeeds", rc == 0, err)
            revs = [x["revision"] for x in e.history("r", ns, "secret")]
            check(f"{t}: revisions contiguous", revs == list(range(revs[0], revs[0] + len(revs))), str(revs))
        print(f"kill outcomes: {outcomes}", flush=True)
    finally:
        ns_delete(e.opts, ns)


def apiserver_pid(kubeconfig):
    for line in open(os.path.join(os.path.dirname(kubeconfig), "pids")):
        pid, name = line.split()
        if name == "kube-apiserver":
            return int(pid)
    raise RuntimeError("no kube-apiserver in the cluster's pids file")


def apiserver_stopped(e):
    """kube-apiserver stopped (SIGSTOP: every request hangs) in the middle of `upgrade --wait`, for longer
    than the upgrade's --timeout, then resumed: helm and cpphelm fail the same way, helm reads every
    record, and the next upgrade (after unlock, when the release was left pending) succeeds."""
    pid = apiserver_pid(e.opts.kubeconfig)
    outcome = {}
    for who, binary in (("helm", e.opts.helm), ("cpphelm", e.opts.cpphelm)):
        ns = f"faults-stop-{who[0]}-{NONCE}"
        ns_create(e.opts, ns)
        try:
            rc, _, err = e.run(binary, ["install", "r", CHART, "-n", ns, "--wait", "--timeout", "2m"])
            if not check(f"apiserver stop ({who}): install", rc == 0, err):
                return
            p = e.bg(binary, ["upgrade", "r", CHART, "-n", ns, "--wait", "--timeout", "4s", "--set",
                              "message=x,nodeSelector.none=none"])
            pending = e.wait_latest("r", ns, "secret", "pending-upgrade", secs=60)
            os.kill(pid, signal.SIGSTOP)
            try:
                time.sleep(8)
            finally:
                os.kill(pid, signal.SIGCONT)
            out, err = p.communicate(timeout=300)
            h = e.history("r", ns, "secret")
            outcome[who] = (p.returncode, error_line(err.decode()).split(":")[0:2], h[-1]["status"] if h else None)
            check(f"apiserver stop ({who}): the upgrade was waiting when the API server stopped", pending)
            check(f"apiserver stop ({who}): helm reads every record", bool(h), "helm history failed")
            if h and h[-1]["status"].startswith("pending"):
                rc, out2, err2 = e.run(e.opts.cpphelm, ["unlock", "r", "-n", ns, "--min-age", "0s"])
                check(f"apiserver stop ({who}): unlock of the pending revision", rc == 0, err2)
            rc, _, err = e.run(binary, ["upgrade", "r", CHART, "-n", ns, "--wait", "--timeout", "2m"])
            check(f"apiserver stop ({who}): the next upgrade succeeds", rc == 0, err)
            ok, why = history_ok(e, "r", ns)
            check(f"apiserver stop ({who}): history has no gap, nothing pending", ok, why)
        finally:
            ns_delete(e.opts, ns)
    print(f"apiserver stop outcomes: {outcome}", flush=True)
    check("apiserver stop: cpphelm fails as helm fails (exit code, error, the revision's status)",
          outcome.get("helm") == outcome.get("cpphelm"), str(outcome))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cpphelm", required=True)
    ap.add_argument("--helm")
    ap.add_argument("--kubeconfig", required=True)
    ap.add_argument("--tools", default=os.path.join(tempfile.gettempdir(), "cpphelm-cluster-tools"))
    ap.add_argument("--seed", type=int, default=14, help="the kill delays' seed (-1: a random one, printed)")
    ap.add_argument("--only", help="regex over scenario names")
    opts = ap.parse_args()
    prepare(opts)
    opts.sql = ""
    seed = opts.seed if opts.seed >= 0 else random.randrange(1 << 30)
    print(f"seed {seed}", flush=True)
    work = tempfile.mkdtemp(prefix="cpphelm-faults-")
    e = Env(opts, work)
    return run_scenarios(e, [("race", concurrency), ("kill", lambda e: random_kills(e, seed)),
                             ("apiserver", apiserver_stopped)], opts.only)


if __name__ == "__main__":
    sys.exit(main())
