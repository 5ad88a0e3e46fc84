#!/usr/bin/env python3
"""Real chart servers on loopback for the repository, OCI and provenance tests.

    servers.py start DIR --helm REFERENCE_HELM   # builds content, starts everything, writes DIR/servers.json
    servers.py stop DIR                          # stops what start started (exit 0 if nothing runs)

What runs (every port random, every address 127.0.0.1):
  nginx (Debian's), three server blocks over the same content root DIR/www:
    http   plain HTTP, no auth                                          -> $HTTP
    https  HTTPS (test CA) with basic auth                              -> $HTTPS, $USER, $PASSWORD
    mtls   HTTPS requiring a client certificate signed by the test CA   -> $MTLS
  docker-registry (Debian's distribution registry), two instances:
    oci_plain  plain HTTP, no auth                                      -> $OCI_PLAIN (host:port)
    oci_tls    TLS (test CA) with htpasswd auth                         -> $OCI_TLS (host:port)

Content (built with the reference helm, which exists only for tests, so fixtures never depend on
the binary under test):
  /repo      charts in several versions (prereleases, keywords, long descriptions), some signed
  /bad       index.yaml that is not YAML
  /invalid   an index with one entry helm skips as invalid (it warns) and one valid entry
  /evil      index naming a chart archive whose entries escape its directory
  /tampered  a signed chart whose archive was changed after signing
  /plugins   plugin archives: hello (signed, .prov), legacy (unsigned), tampered/hello (the legacy
             archive under hello's name, with hello's provenance); on disk at $PLUGINS
  /api/chartsvc/v1/charts/search   Artifact Hub's Monocular-compatible search API (answers by ?q=)
  OCI: plugins/hello 0.2.0 (helm's plugin artifact with .prov) in both registries, and
       plugins/hello:unsigned (no .prov) in the plain one;
       charts/hello 0.1.0 (signed, with .prov; its manifest digest is $HELLO_DIGEST), 0.2.0 and
       charts/webserver 1.2.3 in both registries
PKI (openssl): DIR/pki/{ca.crt,server.crt,server.key,client.crt,client.key}; the password is random
per start. GnuPG (Debian's gpg): DIR/gnupg/{pubring.gpg,secring.gpg} (helm's legacy keyring format)
holding the signing key "cpphelm-signer", DIR/gnupg/other.gpg a second key that signed nothing,
DIR/gnupg/protected-secring.gpg a passphrase-protected key with DIR/gnupg/passphrase.
"""
import argparse
import base64
import hashlib
import io
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import time
import urllib.request
import ssl

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "bench"))
import big_index  # noqa: E402  (bench/big_index.py: the big repository's index)
SIGNER = "cpphelm-signer"
USER = "cpphelm-user"

# name, version, appVersion, description, keywords, signed
CHARTS = [
    ("hello", "0.1.0", "1.0", "A greeting chart", ["greeting", "demo"], True),
    ("hello", "0.2.0", "1.1", "A greeting chart", ["greeting", "demo"], False),
    ("hello", "1.0.0-rc.1", "2.0", "A greeting chart (release candidate)", ["greeting", "demo"], False),
    ("webserver", "1.2.3", "1.25.0", "An HTTP server chart that serves static files for demos", ["web", "http"], True),
    ("webserver", "1.3.0", "1.27.0",
     "An HTTP server chart that serves static files for demos, now with a description long enough to be "
     "truncated by the table's default maximum column width", ["web", "http"], False),
    ("database", "2.0.0", "15", "A relational database chart", ["sql", "storage"], False),
    ("greeter-lib", "0.0.1", "", "Helpers for greeting charts", ["greeting"], False),
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(*cmd, **kw):
    kw.setdefault("check", True)
    return subprocess.run(cmd, **kw)


def openssl_pki(d):
    os.makedirs(d, exist_ok=True)
    ext = os.path.join(d, "san.ext")
    with open(ext, "w") as f:
        f.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n")
    q = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=cpphelm test CA",
        "-keyout", f"{d}/ca.key", "-out", f"{d}/ca.crt", **q)
    for name, cn in (("server", "127.0.0.1"), ("client", "cpphelm test client")):
        run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", f"/CN={cn}",
            "-keyout", f"{d}/{name}.key", "-out", f"{d}/{name}.csr", **q)
        run("openssl", "x509", "-req", "-in", f"{d}/{name}.csr", "-CA", f"{d}/ca.crt", "-CAkey", f"{d}/ca.key",
            "-CAcreateserial", "-days", "2", "-extfile", ext, "-out", f"{d}/{name}.crt", **q)
    # A second CA that signed nothing the servers use: TLS failures.
    run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=other CA",
        "-keyout", f"{d}/other-ca.key", "-out", f"{d}/other-ca.crt", **q)


def gpg_keys(d):
    """Keys in the legacy keyring files helm reads (pubring.gpg / secring.gpg)."""
    os.makedirs(d, mode=0o700, exist_ok=True)
    env = dict(os.environ, GNUPGHOME=os.path.join(d, "home"))
    os.makedirs(env["GNUPGHOME"], mode=0o700, exist_ok=True)

    def gen(name, passphrase=None):
        params = (f"Key-Type: RSA\nKey-Length: 2048\nName-Real: {name}\nName-Email: {name}@example.test\n"
                  "Expire-Date: 0\n" + (f"Passphrase: {passphrase}\n" if passphrase else "%no-protection\n") +
                  "%commit\n")
        run("gpg", "--batch", "--pinentry-mode", "loopback", "--gen-key", input=params.encode(), env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def export(args, out, passphrase=None):
        extra = ["--pinentry-mode", "loopback", "--passphrase", passphrase] if passphrase else []
        data = run("gpg", "--batch", *extra, *args, env=env, capture_output=True).stdout
        with open(out, "wb") as f:
            f.write(data)

    gen(SIGNER)
    gen("cpphelm-other")
    gen("cpphelm-protected", "correct horse")
    export(["--export", SIGNER, "cpphelm-protected"], f"{d}/pubring.gpg")
    export(["--export-secret-keys", SIGNER], f"{d}/secring.gpg")
    export(["--export", "cpphelm-other"], f"{d}/other.gpg")
    export(["--export-secret-keys", "cpphelm-protected"], f"{d}/protected-secring.gpg", "correct horse")
    with open(f"{d}/passphrase", "w") as f:
        f.write("correct horse\n")


def write_chart(src, name, version, app, desc, keywords):
    d = os.path.join(src, f"{name}-{version}", name)
    os.makedirs(os.path.join(d, "templates"))
    kind = "library" if name.endswith("-lib") else "application"
    meta = [f"apiVersion: v2", f"name: {name}", f"version: {version}", f"description: {desc}", f"type: {kind}"]
    if app:
        meta.append(f'appVersion: "{app}"')
    meta.append("keywords:\n" + "".join(f"  - {k}\n" for k in keywords).rstrip("\n"))
    with open(os.path.join(d, "Chart.yaml"), "w") as f:
        f.write("\n".join(meta) + "\n")
    with open(os.path.join(d, "values.yaml"), "w") as f:
        f.write(f"greeting: hello from {name} {version}\n")
    if kind == "application":
        with open(os.path.join(d, "templates", "configmap.yaml"), "w") as f:
            f.write("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-" + name +
                    "\ndata:\n  greeting: {{ .Values.greeting | quote }}\n")
    else:
        with open(os.path.join(d, "templates", "_helpers.tpl"), "w") as f:
            f.write('{{- define "greeter.hello" -}}hello {{ . }}{{- end -}}\n')
    return d


def build_content(base, helm):
    env = dict(os.environ, HELM_CONFIG_HOME=f"{base}/helm/config", HELM_CACHE_HOME=f"{base}/helm/cache",
               HELM_DATA_HOME=f"{base}/helm/data", SOURCE_DATE_EPOCH="1700000000")
    www, src, gpg = f"{base}/www", f"{base}/src", f"{base}/gnupg"
    repo = f"{www}/repo"
    os.makedirs(repo)
    q = dict(env=env, stdout=subprocess.DEVNULL)
    for name, version, app, desc, keywords, signed in CHARTS:
        d = write_chart(src, name, version, app, desc, keywords)
        sign = ["--sign", "--key", SIGNER, "--keyring", f"{gpg}/secring.gpg"] if signed else []
        run(helm, "package", d, "-d", repo, *sign, **q)
    run(helm, "repo", "index", repo, **q)

    # A bitnami-size repository (bench/big_index.py: 600 charts x 30 versions, 21 MB) of which only
    # chart-0123's newest versions, its pre-release and one older version exist as archives.
    os.makedirs(f"{www}/big")
    big_index.write(f"{www}/big/index.yaml")
    for version in ("3.0.4", "2.9.4", "4.0.0-rc.1", "1.5.4"):
        d = write_chart(src, "chart-0123", version, f"{version}-app", "one chart of the big repository", ["bench"])
        run(helm, "package", d, "-d", f"{www}/big", **q)

    os.makedirs(f"{www}/bad")
    with open(f"{www}/bad/index.yaml", "w") as f:
        f.write("apiVersion: v1\nentries: [this is: not: valid\n")

    # An index with one entry helm skips as invalid (with a warning) beside a valid one.
    os.makedirs(f"{www}/invalid")
    with open(f"{www}/invalid/index.yaml", "w") as f:
        f.write("apiVersion: v1\nentries:\n  good:\n  - apiVersion: v2\n    name: good\n    version: 1.0.0\n"
                "    description: a valid entry\n    urls:\n    - good-1.0.0.tgz\n  broken:\n  - apiVersion: v2\n"
                "    name: broken\n    version: not-a-version\n    urls:\n    - broken.tgz\n"
                "generated: \"2023-11-14T22:13:20Z\"\n")

    # A chart archive whose entries escape the chart's directory.
    os.makedirs(f"{www}/evil")
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as t:
        for n, body in (("evil/Chart.yaml", b"apiVersion: v2\nname: evil\nversion: 0.1.0\n"),
                        ("evil/../../escaped.txt", b"outside\n")):
            ti = tarfile.TarInfo(n)
            ti.size, ti.mtime = len(body), 1700000000
            t.addfile(ti, io.BytesIO(body))
    with open(f"{www}/evil/evil-0.1.0.tgz", "wb") as f:
        f.write(buf.getvalue())
    digest = hashlib.sha256(buf.getvalue()).hexdigest()
    with open(f"{www}/evil/index.yaml", "w") as f:
        f.write("apiVersion: v1\nentries:\n  evil:\n  - apiVersion: v2\n    name: evil\n    version: 0.1.0\n"
                f"    digest: {digest}\n    urls:\n    - evil-0.1.0.tgz\n    created: \"2023-11-14T22:13:20Z\"\n"
                "generated: \"2023-11-14T22:13:20Z\"\n")

    # A signed chart changed after signing: its provenance no longer matches.
    os.makedirs(f"{www}/tampered")
    d = write_chart(f"{src}/tampered", "hello", "0.1.0", "1.0", "A greeting chart", ["greeting", "demo"])
    with open(os.path.join(d, "values.yaml"), "a") as f:
        f.write("tampered: true\n")
    run(helm, "package", d, "-d", f"{www}/tampered", **q)
    shutil.copy(f"{repo}/hello-0.1.0.tgz.prov", f"{www}/tampered/hello-0.1.0.tgz.prov")
    run(helm, "repo", "index", f"{www}/tampered", **q)

    # Plugin archives (helm plugin package of tests/fixtures/plugins): hello signed by the signing key,
    # legacy unsigned, and a copy of hello whose archive no longer matches its provenance.
    plugins, fx = f"{www}/plugins", os.path.join(ROOT, "tests", "fixtures", "plugins")
    run(helm, "plugin", "package", f"{fx}/hello", "-d", plugins, "--key", SIGNER, "--keyring", f"{gpg}/secring.gpg", **q)
    run(helm, "plugin", "package", f"{fx}/legacy", "-d", plugins, "--sign=false", **q)
    os.makedirs(f"{plugins}/tampered")
    run(helm, "plugin", "package", f"{fx}/legacy", "-d", f"{plugins}/tampered", "--sign=false", **q)
    os.replace(f"{plugins}/tampered/legacy-1.0.0.tgz", f"{plugins}/tampered/hello-0.2.0.tgz")
    shutil.copy(f"{plugins}/hello-0.2.0.tgz.prov", f"{plugins}/tampered/hello-0.2.0.tgz.prov")

    # Artifact Hub's search API (Monocular-compatible), one answer file per query.
    hub = f"{www}/api/chartsvc/v1/charts/search"
    os.makedirs(hub)
    def result(name, version, app, desc, pkg_url=""):
        return {"id": f"demo/{name}", "artifactHub": {"packageUrl": pkg_url}, "type": "chart",
                "attributes": {"name": name, "repo": {"name": "demo", "url": "https://charts.example.test/demo"},
                               "description": desc},
                "links": {"self": f"/v1/charts/demo/{name}"},
                "relationships": {"latestChartVersion": {"data": {"version": version, "app_version": app}}}}
    answers = {
        "hello": [result("hello", "0.2.0", "1.1", "A greeting chart",
                         "https://artifacthub.example.test/packages/helm/demo/hello")],
        "web": [result("webserver", "1.3.0", "1.27.0", CHARTS[4][3]), result("web-proxy", "0.9.0", "2.4", "A proxy")],
        "none": [],
    }
    for q_, data in answers.items():
        with open(f"{hub}/{q_}.json", "w") as f:
            json.dump({"data": data}, f)
    return env


def nginx_conf(base, ports, passwd):
    pki, www = f"{base}/pki", f"{base}/www"
    tls = (f"ssl_certificate {pki}/server.crt; ssl_certificate_key {pki}/server.key;")
    hub = ("location /api/chartsvc/v1/charts/search { default_type application/json; "
           "try_files /api/chartsvc/v1/charts/search/$hubq.json =404; }")
    return f"""
user root;
worker_processes 1;
pid {base}/nginx/nginx.pid;
error_log {base}/nginx/error.log;
events {{ worker_connections 256; }}
http {{
  access_log {base}/nginx/access.log;
  client_body_temp_path {base}/nginx/body; proxy_temp_path {base}/nginx/proxy;
  fastcgi_temp_path {base}/nginx/fastcgi; uwsgi_temp_path {base}/nginx/uwsgi; scgi_temp_path {base}/nginx/scgi;
  types {{ application/x-yaml yaml; application/gzip tgz; text/plain prov; application/json json; }}
  map $arg_q $hubq {{ default none; hello hello; web web; }}
  server {{ listen 127.0.0.1:{ports['http']}; root {www}; {hub} }}
  server {{ listen 127.0.0.1:{ports['https']} ssl; {tls} root {www};
           auth_basic "cpphelm test"; auth_basic_user_file {passwd}; {hub} }}
  server {{ listen 127.0.0.1:{ports['mtls']} ssl; {tls} root {www};
           ssl_client_certificate {pki}/ca.crt; ssl_verify_client on; }}
}}
"""


def registry_conf(base, name, port, tls):
    root = f"{base}/{name}"
    os.makedirs(f"{root}/data")
    conf = (f"version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: {root}/data\n"
            f"  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:{port}\n  secret: {secrets.token_hex(16)}\n")
    if tls:
        conf += (f"  tls:\n    certificate: {base}/pki/server.crt\n    key: {base}/pki/server.key\n"
                 f"auth:\n  htpasswd:\n    realm: cpphelm-test\n    path: {base}/htpasswd-bcrypt\n")
    with open(f"{root}/config.yml", "w") as f:
        f.write(conf)
    return f"{root}/config.yml"


def wait_http(url, ctx=None, timeout=20):
    end = time.time() + timeout
    while True:
        try:
            urllib.request.urlopen(url, context=ctx, timeout=2)
            return
        except urllib.error.HTTPError:
            return  # it answers (401 is an answer)
        except Exception:
            if time.time() > end:
                raise
            time.sleep(0.1)


def push_plugin_oci(registry, repo, tag, files, ctx=None, auth=None):
    """Pushes plugin archives as helm's plugin OCI artifact (the distribution API by hand: helm has no
    plugin push): an empty config of helm's plugin media type, one layer per file, titled by name."""
    scheme = "https" if ctx else "http"
    headers = {"Authorization": "Basic " + base64.b64encode(auth.encode()).decode()} if auth else {}

    def call(method, url, data=None, extra=None):
        req = urllib.request.Request(url, data=data, method=method, headers={**headers, **(extra or {})})
        return urllib.request.urlopen(req, timeout=10, context=ctx)

    def blob(data):
        digest = "sha256:" + hashlib.sha256(data).hexdigest()
        loc = call("POST", f"{scheme}://{registry}/v2/{repo}/blobs/uploads/").headers["Location"]
        if loc.startswith("/"):
            loc = f"{scheme}://{registry}{loc}"
        call("PUT", f"{loc}{'&' if '?' in loc else '?'}digest={digest}", data,
             {"Content-Type": "application/octet-stream"})
        return digest, len(data)

    config = b"{}"
    cdigest, csize = blob(config)
    layers = []
    for path in files:
        data = open(path, "rb").read()
        digest, size = blob(data)
        layers.append({"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": digest, "size": size,
                       "annotations": {"org.opencontainers.image.title": os.path.basename(path)}})
    manifest = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "artifactType": "application/vnd.helm.plugin.v1+json",
                "config": {"mediaType": "application/vnd.helm.plugin.v1+json", "digest": cdigest, "size": csize},
                "layers": layers}
    call("PUT", f"{scheme}://{registry}/v2/{repo}/manifests/{tag}", json.dumps(manifest).encode(),
         {"Content-Type": "application/vnd.oci.image.manifest.v1+json"})


def start(base, helm):
    if os.path.exists(base):
        stop(base)
        shutil.rmtree(base)
    os.makedirs(f"{base}/nginx")
    base = os.path.abspath(base)
    password = "pw-" + secrets.token_urlsafe(12)
    openssl_pki(f"{base}/pki")
    gpg_keys(f"{base}/gnupg")
    env = build_content(base, helm)
    run("htpasswd", "-bc", f"{base}/htpasswd", USER, password, stderr=subprocess.DEVNULL)
    run("htpasswd", "-Bbc", f"{base}/htpasswd-bcrypt", USER, password, stderr=subprocess.DEVNULL)

    ports = {k: free_port() for k in ("http", "https", "mtls", "oci_plain", "oci_tls")}
    with open(f"{base}/nginx/nginx.conf", "w") as f:
        f.write(nginx_conf(base, ports, f"{base}/htpasswd"))
    run("nginx", "-c", f"{base}/nginx/nginx.conf", "-e", f"{base}/nginx/error.log")
    for name, tls in (("oci_plain", False), ("oci_tls", True)):
        conf = registry_conf(base, name, ports[name], tls)
        log = open(f"{base}/{name}/registry.log", "w")
        p = subprocess.Popen(["docker-registry", "serve", conf], stdout=log, stderr=subprocess.STDOUT,
                             start_new_session=True)
        with open(f"{base}/{name}/pid", "w") as f:
            f.write(str(p.pid))
    ctx = ssl.create_default_context(cafile=f"{base}/pki/ca.crt")
    wait_http(f"http://127.0.0.1:{ports['http']}/repo/index.yaml")
    wait_http(f"https://127.0.0.1:{ports['https']}/repo/index.yaml", ctx)
    wait_http(f"http://127.0.0.1:{ports['oci_plain']}/v2/")
    wait_http(f"https://127.0.0.1:{ports['oci_tls']}/v2/", ctx)

    # The OCI content, pushed with the reference helm.
    oci_plain, oci_tls = f"127.0.0.1:{ports['oci_plain']}", f"127.0.0.1:{ports['oci_tls']}"
    reg = ["--registry-config", f"{base}/helm/registry.json"]
    q = dict(env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    run(helm, "registry", "login", oci_tls, "-u", USER, "--password-stdin", "--ca-file", f"{base}/pki/ca.crt", *reg,
        input=password.encode(), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for chart in ("hello-0.1.0.tgz", "hello-0.2.0.tgz", "webserver-1.2.3.tgz"):
        run(helm, "push", f"{base}/www/repo/{chart}", f"oci://{oci_plain}/charts", "--plain-http", *reg, **q)
        run(helm, "push", f"{base}/www/repo/{chart}", f"oci://{oci_tls}/charts", "--ca-file", f"{base}/pki/ca.crt",
            *reg, **q)

    plugin = [f"{base}/www/plugins/hello-0.2.0.tgz", f"{base}/www/plugins/hello-0.2.0.tgz.prov"]
    push_plugin_oci(oci_plain, "plugins/hello", "0.2.0", plugin)
    push_plugin_oci(oci_plain, "plugins/hello", "unsigned", plugin[:1])
    push_plugin_oci(oci_tls, "plugins/hello", "0.2.0", plugin, ctx, f"{USER}:{password}")

    req = urllib.request.Request(f"http://{oci_plain}/v2/charts/hello/manifests/0.1.0", method="HEAD",
                                 headers={"Accept": "application/vnd.oci.image.manifest.v1+json"})
    digest = urllib.request.urlopen(req, timeout=5).headers["Docker-Content-Digest"]
    info = {
        "HELLO_DIGEST": digest,
        "HTTP": f"http://127.0.0.1:{ports['http']}",
        "HTTPS": f"https://127.0.0.1:{ports['https']}",
        "MTLS": f"https://127.0.0.1:{ports['mtls']}",
        "OCI_PLAIN": oci_plain,
        "OCI_TLS": oci_tls,
        "USER": USER,
        "PASSWORD": password,
        "PKI": f"{base}/pki",
        "GNUPG": f"{base}/gnupg",
        "PLUGINS": f"{base}/www/plugins",
        "SIGNER": SIGNER,
    }
    with open(f"{base}/servers.json", "w") as f:
        json.dump(info, f, indent=1)
    print(f"servers up: {json.dumps({k: v for k, v in info.items() if k != 'PASSWORD'})}")


def stop(base):
    pidfile = f"{base}/nginx/nginx.pid"
    if os.path.exists(pidfile):
        subprocess.run(["nginx", "-c", f"{base}/nginx/nginx.conf", "-e", f"{base}/nginx/error.log", "-s", "stop"],
                       stderr=subprocess.DEVNULL)
    for name in ("oci_plain", "oci_tls"):
        p = f"{base}/{name}/pid"
        if os.path.exists(p):
            try:
                os.killpg(int(open(p).read()), signal.SIGTERM)
            except (ProcessLookupError, ValueError):
                pass
            os.remove(p)
    for _ in range(50):
        if not os.path.exists(pidfile):
            break
        time.sleep(0.1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("action", choices=["start", "stop"])
    ap.add_argument("dir")
    ap.add_argument("--helm", help="reference helm that builds the content (start)")
    a = ap.parse_args()
    if a.action == "start":
        helm = a.helm or subprocess.check_output([os.path.join(ROOT, "tests/conformance/reference-helm.sh")],
                                                 text=True).strip()
        try:
            start(a.dir, helm)
        except BaseException:
            stop(os.path.abspath(a.dir))
            raise
    else:
        stop(os.path.abspath(a.dir))


if __name__ == "__main__":
    sys.exit(main())
