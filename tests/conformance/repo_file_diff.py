#!/usr/bin/env python3
"""Generated differential test of the commands that read repositories.yaml without Go.

cpphelm answers `repo list` (table, --no-headers, -o json, -o yaml) and the completion of repository
names from C++ when it can read the file exactly as helm does, and hands the file to helm's own code
otherwise. This test writes many repository files (seeded, so every run writes the same ones): names
and URLs with characters JSON and YAML escape or quote (<, >, &, quotes, backslashes, ':', '#', '-'
and other indicators, unicode, control characters, line separators, spaces at either end), values
that read as booleans, numbers, null or timestamps when unquoted, long values that yaml.v2 folds,
plain/single-/double-quoted spellings, unknown and mistyped fields, comments, document markers, odd
indentation and malformed YAML. For every file each command runs with the reference helm and with
cpphelm in identical workspaces; exit code, stdout and stderr must match byte for byte.

cpphelm runs with CPPHELM_TRACE_GO=1, which reports on stderr when the Go runtime starts (that line
is removed before comparing). The test fails unless a good share of the runs were answered without
Go, so that handing everything over cannot make it pass.

Usage: repo_file_diff.py --cpphelm build/cpphelm [--helm REF] [--files N] [--seed S] [--keep DIR]
"""
import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TRACE = "cpphelm: starting the Go runtime\n"

PIECES = [
    "stable", "charts", "my-repo", "repo_1", "a.b", "x", "nginx", "Bitnami", "https://charts.example.com/stable",
    "http://127.0.0.1:8879/charts", "oci://registry.example.com/x", "file:///tmp/r", "https://h/p?q=1&r=2#frag",
    "<", ">", "&", "<script>", "a&b", "\"", "'", "\\", "it's", "say \"hi\"", ":", ": ", "a:b", "a: b", "#", " #", "a#b",
    "-", "- ", "?", "? ", "!", "*", "&anchor", "%", "@", "`", "[", "]", "{", "}", ",", "|", ">-", "~", "---", "...",
    "yes", "no", "on", "off", "y", "n", "Y", "N", "true", "False", "null", "NULL", "Null", "1.10", "1.0", "10", "-1",
    "+1", "0x1F", "0o17", "017", "0b101", "1e3", ".5", "1_000", "1:20", "190:20:30", ".inf", "-.Inf", ".nan",
    "2024-01-02", "2024-01-02T03:04:05Z", "0b-1", "08", "1.", "+.5e-3", "12345678901234567890",
    "é", "café", "日本語", "😀", "\u00a0", "\u2028", "\u2029", "\u0085", "\ufeff", "\ufffd", "\u00ad",
    "\t", "\n", "\r", "\x00", "\x01", "\x1b[31m", "\x7f", " ", "  ", "\u00e9t\u00e9",
]
STRING_FIELDS = ["username", "password", "certFile", "keyFile", "caFile"]


def random_text(rng):
    """A name or URL: pieces glued together, sometimes long, sometimes empty."""
    r = rng.random()
    if r < 0.08:
        return ""
    if r < 0.14:
        words = [rng.choice(["alpha", "beta", "gamma", "delta", "charts", "repo", "x"]) for _ in range(rng.randint(8, 20))]
        return " ".join(words)
    if r < 0.18:
        return "https://example.com/" + "/".join(rng.choice(["a", "bb", "c c", "dd"]) for _ in range(rng.randint(10, 30)))
    if r < 0.45:
        return rng.choice(PIECES[:12])
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 3)))


def double_quoted(s, rng):
    out = []
    for ch in s:
        c = ord(ch)
        if ch == '"' or ch == "\\":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append(rng.choice(["\\t", "\\x09"]))
        elif c < 0x20 or c == 0x7f or 0x80 <= c < 0xa0 or c in (0x2028, 0x2029, 0xfeff):
            out.append(rng.choice(["\\x%02X" % c if c < 0x100 else "\\u%04x" % c, "\\u%04X" % c, "\\U%08x" % c]))
        elif c > 0x7f and rng.random() < 0.3:
            out.append("\\u%04x" % c if c < 0x10000 else "\\U%08X" % c)
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


SAFE = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/:?=&%-+@~")
WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false", "null", "~"}


def helm_like(s):
    """Roughly how helm writes s: plain when it is a simple word or URL, else double-quoted."""
    plain = (s and s[0].isalpha() and set(s) <= SAFE and ": " not in s and not s.endswith(":")
             and s.lower() not in WORDS)
    return s if plain else double_quoted(s, random.Random(0))


def spelled(s, rng, helm_style):
    """A YAML spelling of string s: plain (even where that changes its meaning), quoted or escaped."""
    if helm_style:
        return helm_like(s)
    r = rng.random()
    if r < 0.4:
        return s
    if r < 0.65:
        return "'" + s.replace("'", "''") + "'"
    return double_quoted(s, rng)


def entry_lines(rng, indent, helm_style, chaos):
    """One repository; `chaos` is the chance of each unusual spelling or value."""
    fields = [("name", spelled(random_text(rng), rng, helm_style)), ("url", spelled(random_text(rng), rng, helm_style))]
    for f in STRING_FIELDS:
        if rng.random() < 0.5:
            odd = ["", "~", "1.5", "yes", ".nan", "{}", "[a, b]", "2024-01-01"]
            fields.append((f, rng.choice(odd) if rng.random() < chaos else rng.choice(['""', "''", "user"])))
    for f in ("insecure_skip_tls_verify", "pass_credentials_all"):
        if rng.random() < 0.5:
            odd = ["yes", "no", "~", '"true"', "1", "null", ".inf", "{}", "[]", "x"]
            fields.append((f, rng.choice(odd) if rng.random() < chaos else rng.choice(["false", "true"])))
    if rng.random() < chaos:
        fields.append((rng.choice(["extra", "Name", "URL", "other_key", "nested"]), rng.choice(["1", "x", "[]", "{}", ".nan"])))
    if rng.random() < chaos:
        rng.shuffle(fields)
    else:
        fields.sort()
    dash = "-  " if rng.random() < chaos else "- "
    lines = []
    for i, (k, v) in enumerate(fields):
        prefix = " " * indent + (dash if i == 0 else " " * len(dash))
        lines.append(f"{prefix}{k}: {v}".rstrip() if v == "" else f"{prefix}{k}: {v}")
        if rng.random() < chaos / 4:
            lines.append(" " * indent + "# a comment")
    return lines


def header(rng, chaos):
    lines = []
    if rng.random() < chaos:
        lines.append("---")
    if rng.random() < chaos:
        lines.append("# repositories")
    odd_version = ["v1", "''", "", '"v1"', "1.0", "{}"]
    lines.append("apiVersion: " + (rng.choice(odd_version) if rng.random() < chaos else '""'))
    odd_time = ['"2024-05-06T07:08:09.123456789+02:00"', "", "~", '"2024-02-30T00:00:00Z"', "2024-01-01T00:00:00Z",
                '"yesterday"', '"2024-01-01t00:00:00Z"', '"2024-01-01T00:00:00+24:00"']
    lines.append("generated: " + (rng.choice(odd_time) if rng.random() < chaos else '"0001-01-01T00:00:00Z"'))
    return lines


ODD_FILES = [
    "repositories: []\n", "repositories:\n", "# nothing\n", "apiVersion: v1\n", "[]\n", "x\n", "",
    "repositories:\n- name: a\n url: b\n", "repositories:\n  - name: a\n    url: b\n",
    "repositories: [{name: a, url: b}]\n", "repositories:\n- name: &x a\n  url: *x\n",
    "repositories:\n- name: a\n  url: b\n- name: a\n  name: c\n", "repositories:\n-\n  name: a\n",
    "repositories:\n- name: |\n    a\n  url: b\n", "\tkey: v\n", "repositories:\n- ~\n",
    "repositories:\n- name: a\r\n  url: b\r\n", "repositories:\n- name: 'a\n    b'\n  url: u\n",
    "repositories:\n- name: a\n  url: b\n...\n", "repositories:\n- name: !!str 1\n  url: b\n",
    "repositories:\n- name: \"a\\/b\"\n  url: b\n", "\ufeffrepositories:\n- name: a\n  url: b\n",
    "repositories:\n- name: a\n  url: b\nrepositories: []\n", "repositories:\n- x\n- [a]\n",
    "repositories: {}\n", "repositories: x\n", "repositories:\n- name: a\n  url: b\n  - c\n",
    "generated: {}\nrepositories:\n- name: a\n", "zzz: .inf\nrepositories:\n- name: a\n",
    "repositories:\n- name: a\n  url: b # comment\n", "repositories:\n- name: a\n  url: b\n\n\n",
]


def repo_file(rng):
    """The text of one repositories.yaml."""
    if rng.random() < 0.12:
        return rng.choice(ODD_FILES)
    chaos = 0 if rng.random() < 0.4 else rng.choice([0.02, 0.05, 0.1, 0.3])
    lines = header(rng, chaos)
    n = rng.choice([1, 1, 2, 3, 5, 8, 30])
    indent = 2 if rng.random() < chaos else 0
    helm_style = rng.random() < 0.5
    lines.append("repositories:")
    for _ in range(n):
        lines.extend(entry_lines(rng, indent, helm_style, chaos))
    if rng.random() < chaos:
        lines.append("zzz_unknown: " + rng.choice(["1", "x", "~", "[]", ".inf"]))
    return "\n".join(lines) + ("" if rng.random() < chaos else "\n")


COMMANDS = [["repo", "list"], ["repo", "list", "--no-headers"], ["repo", "list", "-o", "json"],
            ["repo", "list", "-o", "yaml"], ["__complete", "repo", "remove", ""], ["__complete", "repo", "update", "x", ""]]


def run(binary, args, ws, trace):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.path.join(ws, "home"), "TZ": "UTC",
           "HELM_CONFIG_HOME": os.path.join(ws, "config"), "HELM_CACHE_HOME": os.path.join(ws, "cache"),
           "HELM_DATA_HOME": os.path.join(ws, "data"), "KUBECONFIG": os.path.join(ws, "none"),
           "NO_COLOR": "1", "LANG": "C.UTF-8", "HELM_REPOSITORY_CONFIG": os.path.join(ws, "repositories.yaml")}
    if trace:
        env["CPPHELM_TRACE_GO"] = "1"
    p = subprocess.run([binary] + args, env=env, cwd=ws, capture_output=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cpphelm", required=True)
    ap.add_argument("--helm")
    ap.add_argument("--files", type=int, default=140)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--keep", help="copy the files that differ here")
    ap.add_argument("--min-local", type=float, default=0.3, help="share of cpphelm runs that must avoid Go")
    a = ap.parse_args()
    helm = a.helm or subprocess.check_output([os.path.join(HERE, "reference-helm.sh")], text=True).strip()
    cpphelm = os.path.abspath(a.cpphelm)
    rng = random.Random(a.seed)
    base = tempfile.mkdtemp(prefix="cpphelm-repofile-")
    ws = os.path.join(base, "ws")
    for d in ("home", "config", "cache", "data"):
        os.makedirs(os.path.join(ws, d))
    failures = runs = local = 0
    local_by_command = {" ".join(c): 0 for c in COMMANDS}
    try:
        for i in range(a.files):
            text = repo_file(rng)
            with open(os.path.join(ws, "repositories.yaml"), "w", encoding="utf-8", newline="") as f:
                f.write(text)
            for args in COMMANDS:
                r = run(helm, args, ws, False)
                c = run(cpphelm, args, ws, True)
                runs += 1
                went_go = TRACE.encode() in c[2]
                local += not went_go
                local_by_command[" ".join(args)] += not went_go
                c = (c[0], c[1], c[2].replace(TRACE.encode(), b""))
                if r != c:
                    failures += 1
                    print(f"FAIL file {i} {args} (cpphelm {'via Go' if went_go else 'without Go'})\n  file: {text!r}\n"
                          f"  helm:    {r!r}\n  cpphelm: {c!r}")
                    if a.keep:
                        os.makedirs(a.keep, exist_ok=True)
                        shutil.copy(os.path.join(ws, "repositories.yaml"), os.path.join(a.keep, f"file-{i}.yaml"))
    finally:
        shutil.rmtree(base, ignore_errors=True)
    share = local / runs if runs else 0
    print(f"{runs} runs, {failures} differ; cpphelm answered {local} ({share:.0%}) without starting Go:")
    for c, n in local_by_command.items():
        print(f"  {c!r}: {n} of {a.files} files")
    if share < a.min_local:
        print(f"FAIL: fewer than {a.min_local:.0%} of the runs were answered without Go")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
