#!/usr/bin/env python3
"""Differential conformance runner: each case runs with the reference helm and with cpphelm in two
identical fresh workspaces; exit code, stdout, the error text and any files named are compared.

Normalisations (and only these): the workspace's absolute path becomes $WORK, the binary's own path
becomes $BIN, and a case may list extra regex normalisations with the reason it needs them. cpphelm's
own commands and flags (extensions.json) differ on purpose: their lines in help, completion and docs
output, and their docs files, are removed from cpphelm's side only (drop_extensions); so are the lines
cpphelm adds to stderr after helm's error (`hint: …`, `not ready: …`: drop_additions).
Expected outputs come only from running the reference binary, never from cpphelm.

Case files (cases/*.json) hold a list of objects:
  name      unique name
  args      argument list (paths relative to the workspace; fixtures live in fixtures/)
  exit      the exit code the REFERENCE must give (guards against both failing for a wrong reason)
  env       extra environment ($WORK is replaced), optional
  setup     list of argument lists run first with the reference helm in both workspaces, optional
  setup_self list of argument lists run after setup by each side's own binary (helm in helm's
            workspace, cpphelm in cpphelm's): state cpphelm itself left behind, optional
  setup_after list of argument lists run with the reference helm in both workspaces after setup_self
            (a change made behind cpphelm's back), optional
  scribble  workspace directories whose files are overwritten with garbage after those steps, optional
  write_after {workspace path: text} files (re)written after those steps, optional
  files     workspace paths compared after the run (dirs recursively, .tgz by members), optional
  stdin     text fed to standard input, optional
  normalize list of [regex, replacement, reason], optional
  differs   reason: cpphelm differs on purpose; only the exit code is compared, optional
  argv0     run both binaries under this file name (helm's completion output depends on it), optional
  write     {workspace path: text} files written in both workspaces before setup, optional
  sort_lines reason: stdout lines come in completion order (repo update), so both are sorted, optional
  stderr    reason: compare all of stderr, not only from `Error:` (warnings helm prints), optional
  tty       true: run on a pseudo-terminal (script(1)); its output (stdout and stderr) is compared, optional
  go        whether cpphelm must start the Go runtime for the command (true) or answer without it
            (false), optional: cpphelm then runs with CPPHELM_TRACE_GO=1 and its trace line is checked
            (and removed before comparing)

With --servers (the JSON tests/servers/servers.py writes), `$KEY` in args, env, setup, stdin and
write is that server value ($HTTP, $HTTPS, $OCI_TLS, $PASSWORD, ...; longest key first), and $SIDE
is `sref` for helm and `scpp` for cpphelm (each pushes to its own OCI path; output maps both back to
$SIDE). Every captured stdout and stderr of cpphelm is checked for the password: it must never show.
Files named in `files` are compared with their permission bits; a repository's NAME-charts.txt is
compared with its lines sorted (helm writes it from a map, in random order).
"""
import argparse
import difflib
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tarfile
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(ROOT, "tests", "fixtures")


def load_cases(case_dir, only):
    cases = []
    for fn in sorted(os.listdir(case_dir)):
        if fn.endswith(".json"):
            for c in json.load(open(os.path.join(case_dir, fn))):
                c["_file"] = fn
                cases.append(c)
    names = [c["name"] for c in cases]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        sys.exit(f"duplicate case names: {sorted(dup)}")
    if only:
        cases = [c for c in cases if re.search(only, c["name"])]
    return cases


def workspace(base, label):
    w = os.path.join(base, label)
    os.makedirs(w)
    for d in ("config", "cache", "data", "home"):
        os.makedirs(os.path.join(w, d))
    if os.path.isdir(FIXTURES):
        shutil.copytree(FIXTURES, os.path.join(w, "fixtures"), symlinks=True)
    return w


def environment(w, extra):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.path.join(w, "home"),
        "HELM_CONFIG_HOME": os.path.join(w, "config"),
        "HELM_CACHE_HOME": os.path.join(w, "cache"),
        "HELM_DATA_HOME": os.path.join(w, "data"),
        "KUBECONFIG": os.path.join(w, "no-kubeconfig"),
        "TZ": "UTC",
        "NO_COLOR": "1",
        "LANG": "C.UTF-8",
    }
    for k, v in (extra or {}).items():
        env[k] = v.replace("$WORK", w)
    return env


SERVERS = {}
SIDES = ("sref", "scpp")


def subst(text, side):
    """Server values and the side token in a case string."""
    if "$" not in text:
        return text
    for k in sorted(SERVERS, key=len, reverse=True):
        text = text.replace("$" + k, SERVERS[k])
    return text.replace("$SIDE", side)


GO_TRACE = "cpphelm: starting the Go runtime\n"


def run(binary, args, w, case, side, trace=False):
    args = [subst(a, side).replace("$WORK", w) for a in args]
    env = environment(w, {k: subst(v, side) for k, v in (case.get("env") or {}).items()})
    if trace:
        env["CPPHELM_TRACE_GO"] = "1"
    if case.get("tty"):
        # on a pseudo-terminal (script(1)): stdout and stderr both arrive as what the terminal shows
        p = subprocess.run(["script", "-q", "-e", "-c", shlex.join([binary] + args), "/dev/null"], cwd=w, env=env,
                           stdin=subprocess.DEVNULL, capture_output=True, timeout=300)
        return p.returncode, p.stdout.decode("utf-8", "replace"), ""
    p = subprocess.run([binary] + args, cwd=w, env=env, input=subst(case.get("stdin", ""), side).encode(),
                       capture_output=True, timeout=300)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def write_files(case, w, side, key="write"):
    for rel, text in case.get(key, {}).items():
        path = os.path.join(w, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(subst(text, side).replace("$WORK", w))


def named(binary, base, sub, name):
    """A symlink to `binary` called `name`, so the program sees that name as argv[0]."""
    d = os.path.join(base, sub)
    os.makedirs(d, exist_ok=True)
    link = os.path.join(d, name)
    os.symlink(binary, link)
    return link


EXTENSIONS = json.load(open(os.path.join(HERE, "extensions.json")))


def drop_extensions(text):
    """cpphelm's side without its own commands and flags: their entries in help listings, __complete
    answers, markdown/man SEE ALSO lists and flag blocks, and cobra's legacy bash script."""
    for cmd in EXTENSIONS["commands"]:
        c = re.escape(cmd)
        text = re.sub(rf"(?m)^  {c} {{2,}}\S.*\n", "", text)                       # help listing
        text = re.sub(rf"(?m)^{c}(\t.*)?\n", "", text)                             # __complete
        text = re.sub(rf"(?m)^\* \[helm {c}\]\(helm_{c}\.md\)\t.*\n", "", text)   # markdown SEE ALSO
        text = text.replace(f"\\fBhelm-{cmd}(1)\\fP, ", "")                      # man SEE ALSO
        text = re.sub(rf"(?ms)^_helm_{c}\(\)\n\{{\n.*?^\}}\n\n", "", text)       # legacy bash function
        text = re.sub(rf'(?m)^    commands\+=\("{c}"\)\n', "", text)
    for flag in EXTENSIONS["flags"]:
        f = re.escape(flag)
        text = re.sub(rf"(?m)^ +(-\w, )?--{f}( \w+)? {{2,}}\S.*\n", "", text)     # help and markdown
        text = re.sub(rf"(?m)^--{f}(\t.*)?\n", "", text)                           # __complete
        text = re.sub(rf"(?m)^\.PP\n\\fB--{f}\\fP.*\n\t.*\n\n", "", text)        # man page
        text = re.sub(rf'(?m)^    (flags|two_word_flags|local_nonpersistent_flags|flags_with_completion)'
                      rf'\+=\("--{f}=?"\)\n(    flags_completion\+=\(.*\)\n)?', "", text)
    return text


def is_extension_file(rel):
    """A docs file written for one of cpphelm's own commands."""
    return any(re.fullmatch(rf"helm[_-]{re.escape(c)}([_-].*)?\.(md|1)", os.path.basename(rel.split("<")[0].strip()))
               for c in EXTENSIONS["commands"])


def normalise(text, w, binary, case):
    text = text.replace(os.path.realpath(w), "$WORK").replace(w, "$WORK").replace(binary, "$BIN")
    for side in SIDES:
        text = text.replace(side, "$SIDE")
    for rx, repl, _reason in case.get("normalize", []):
        text = re.sub(rx, repl, text)
    return text


def drop_additions(stderr):
    """cpphelm's stderr without what it adds after helm's error: the unlock hint of a release left
    pending and the resources a failed wait left not ready (each such line starts `hint: ` or
    `not ready: `)."""
    return re.sub(r"(?m)^(hint|not ready): .*\n?", "", stderr)


def error_text(stderr):
    """cobra prints `Error: <message>` last; compare from that line to the end."""
    i = stderr.find("Error:")
    return stderr[i:] if i >= 0 else ""


def snapshot(path):
    """A comparable view of a file, directory or chart archive."""
    if not os.path.exists(path):
        return {"<missing>": ""}
    if os.path.isdir(path):
        out = {}
        for dp, _dn, fns in os.walk(path):
            for fn in fns:
                full = os.path.join(dp, fn)
                rel = os.path.relpath(full, path)
                out.update({rel + k: v for k, v in snapshot(full).items()})
        return out
    if path.endswith((".tgz", ".tar.gz")):
        out = {}
        with tarfile.open(path) as t:
            for m in t.getmembers():
                data = t.extractfile(m).read().decode("utf-8", "replace") if m.isfile() else ""
                out[f"!{m.name} mode={m.mode:o} type={m.type}"] = data
        return out
    with open(path, "rb") as f:
        text = f.read().decode("utf-8", "replace")
    if path.endswith("-charts.txt"):
        # A repository's chart-name list is written from a Go map: its order is random in helm too.
        text = "".join(sorted(text.splitlines(True)))
    return {f"<mode {os.stat(path).st_mode & 0o777:o}>": text}


def diff(a, b, what):
    lines = difflib.unified_diff(a.splitlines(True), b.splitlines(True), f"helm {what}", f"cpphelm {what}", n=2)
    return "".join(list(lines)[:40])


def run_case(case, helm, cpphelm):
    base = tempfile.mkdtemp(prefix="cpphelm-conf-")
    try:
        wr, wc = workspace(base, "ref"), workspace(base, "cpp")
        for w, side in ((wr, SIDES[0]), (wc, SIDES[1])):
            write_files(case, w, side)
        by_helm = ((helm, wr, SIDES[0]), (helm, wc, SIDES[1]))
        by_self = ((helm, wr, SIDES[0]), (cpphelm, wc, SIDES[1]))
        for kind, sides in (("setup", by_helm), ("setup_self", by_self), ("setup_after", by_helm)):
            for step in case.get(kind, []):
                for b, w, side in sides:
                    rc, _o, e = run(b, step, w, case, side)
                    if rc != 0:
                        return False, f"{kind} {step} failed with {rc} ({b}): {e.strip()}", None
        for d in case.get("scribble", []):
            for w in (wr, wc):
                for dp, _dn, fns in os.walk(os.path.join(w, d)):
                    for fn in fns:
                        with open(os.path.join(dp, fn), "wb") as f:
                            f.write(b"\x00garbage\xff" * 7)
        for w, side in ((wr, SIDES[0]), (wc, SIDES[1])):
            write_files(case, w, side, "write_after")
        hb, cb = helm, cpphelm
        if "argv0" in case:
            hb, cb = named(helm, base, "ref-bin", case["argv0"]), named(cpphelm, base, "cpp-bin", case["argv0"])
        r = run(hb, case["args"], wr, case, SIDES[0])
        c = run(cb, case["args"], wc, case, SIDES[1], trace="go" in case)
        problems = []
        if "go" in case:
            started = GO_TRACE in c[2]
            c = (c[0], c[1], c[2].replace(GO_TRACE, ""))
            if started != case["go"]:
                problems.append("cpphelm " + ("started" if started else "did not start") + " the Go runtime")
        secret = SERVERS.get("PASSWORD")
        if secret and (secret in c[1] or secret in c[2]):
            problems.append("cpphelm printed the repository password")
        if r[0] != case["exit"]:
            problems.append(f"reference exited {r[0]}, case expects {case['exit']} (stderr: {r[2].strip()[:300]})")
        if r[0] != c[0]:
            problems.append(f"exit code: helm {r[0]}, cpphelm {c[0]} (cpphelm stderr: {c[2].strip()[:300]})")
        if "differs" not in case:
            ro, co = normalise(r[1], wr, helm, case), drop_extensions(normalise(c[1], wc, cpphelm, case))
            if "sort_lines" in case:
                ro, co = "".join(sorted(ro.splitlines(True))), "".join(sorted(co.splitlines(True)))
            if ro != co:
                problems.append("stdout differs:\n" + diff(ro, co, "stdout"))
            pick = (lambda e: e) if "stderr" in case else error_text
            re_, ce = normalise(pick(r[2]), wr, helm, case), normalise(pick(drop_additions(c[2])), wc, cpphelm, case)
            if re_ != ce:
                problems.append("error differs:\n" + diff(re_, ce, "stderr"))
            for f in case.get("files", []):
                sr = {k: normalise(v, wr, helm, case) for k, v in snapshot(os.path.join(wr, f)).items()}
                sc = {k: drop_extensions(normalise(v, wc, cpphelm, case))
                      for k, v in snapshot(os.path.join(wc, f)).items() if not is_extension_file(k)}
                if sr != sc:
                    keys = sorted(set(sr) | set(sc))
                    bad = [k for k in keys if sr.get(k) != sc.get(k)][:5]
                    problems.append(f"file {f} differs at {bad}: " +
                                    "".join(diff(sr.get(k, "<absent>"), sc.get(k, "<absent>"), k) for k in bad[:2]))
        return not problems, "\n".join(problems), r[0]
    finally:
        shutil.rmtree(base, ignore_errors=True)


def parse_arguments(ap):
    """Adds the options every runner takes (--cpphelm, --helm, --only) to ap and parses the command
    line: the arguments, the reference helm and cpphelm's absolute path."""
    ap.add_argument("--cpphelm", required=True)
    ap.add_argument("--helm", help="reference helm binary (default: built by reference-helm.sh)")
    ap.add_argument("--only", help="regex over case names")
    a = ap.parse_args()
    helm = a.helm or subprocess.check_output([os.path.join(HERE, "reference-helm.sh")], text=True).strip()
    return a, helm, os.path.abspath(a.cpphelm)


def report(case, why):
    """Prints the case's result (why: its problems, "" when none); True when it passed."""
    if not why:
        note = f"  (differs on purpose: {case['differs']})" if "differs" in case else ""
        print(f"PASS {case['name']}{note}")
        return True
    print(f"FAIL {case['name']} [{case['_file']}] args={case['args']}\n  " + why.replace("\n", "\n  "))
    return False


def summary(cases, passed, ref_ok):
    """Prints the totals; the exit status (1 when a case failed or there were none)."""
    print(f"reference steps that exited 0: {ref_ok} of {len(cases)}")
    print(f"{passed} passed, {len(cases) - passed} failed")
    return 1 if passed < len(cases) or not cases else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", default=os.path.join(HERE, "cases"))
    ap.add_argument("--servers", help="servers.json of tests/servers/servers.py (cases that need servers)")
    a, helm, cpphelm = parse_arguments(ap)
    if a.servers:
        SERVERS.update(json.load(open(a.servers)))
    cases = load_cases(a.cases, a.only)
    passed = ref_ok = 0
    for case in cases:
        ok, why, ref_rc = run_case(case, helm, cpphelm)
        ref_ok += ref_rc == 0
        passed += report(case, "" if ok else why)
    return summary(cases, passed, ref_ok)


if __name__ == "__main__":
    sys.exit(main())
