#!/usr/bin/env bash
# Builds cpphelm and shows it working: the offline chart commands on the bundled example chart; chart
# repositories, an OCI registry and provenance on local servers (tests/servers: Debian's nginx over
# HTTPS with basic auth, Debian's docker-registry with TLS and htpasswd, GnuPG keys); then a whole
# release lifecycle on the local Kubernetes control plane (tests/cluster: real kube-apiserver, etcd,
# controller-manager and scheduler, kwok as the kubelet). It starts and stops every server itself.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
bin=$PWD/build/cpphelm
work=$(mktemp -d)
cluster=$work/cluster
servers=$work/servers
cleanup() {
  tests/cluster/ctl.sh stop "$cluster" >/dev/null 2>&1 || true
  python3 tests/servers/servers.py stop "$servers" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
export HELM_CONFIG_HOME=$work/config HELM_CACHE_HOME=$work/cache HELM_DATA_HOME=$work/data
set -x
"$bin" version
"$bin" lint examples/hello
"$bin" template demo examples/hello --set greeting=bonjour --set replicas=2
"$bin" package examples/hello -d "$work"
"$bin" show chart "$work"/hello-0.1.0.tgz

# Chart repositories, OCI and provenance on local servers (their content is packaged, signed and
# pushed by cpphelm itself); servers.json says where they listen and holds the test password.
python3 tests/servers/servers.py start "$servers" --helm "$bin"
{ set +x; } 2>/dev/null
srv() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$servers/servers.json" "$1"; }
repo_url=$(srv HTTPS)/repo registry=$(srv OCI_TLS) user=$(srv USER) signer=$(srv SIGNER)
pki=$servers/pki gpg=$servers/gnupg
set -x
srv PASSWORD | "$bin" repo add demo "$repo_url" --username "$user" --password-stdin --ca-file "$pki/ca.crt"
"$bin" repo update
"$bin" search repo greeting --versions --devel
"$bin" pull demo/hello --version 0.1.0 --verify --keyring "$gpg/pubring.gpg" -d "$work"
srv PASSWORD | "$bin" registry login "$registry" --username "$user" --password-stdin --ca-file "$pki/ca.crt"
"$bin" package examples/hello -d "$work/signed" --sign --key "$signer" --keyring "$gpg/secring.gpg"
"$bin" verify "$work/signed/hello-0.1.0.tgz" --keyring "$gpg/pubring.gpg"
"$bin" push "$work/signed/hello-0.1.0.tgz" "oci://$registry/demo" --ca-file "$pki/ca.crt"
"$bin" pull "oci://$registry/demo/hello" --version 0.1.0 --verify --keyring "$gpg/pubring.gpg" \
  --ca-file "$pki/ca.crt" --untar -d "$work/from-oci"
"$bin" template demo "oci://$registry/demo/hello" --ca-file "$pki/ca.crt" --set greeting=hallo
"$bin" registry logout "$registry"
python3 tests/servers/servers.py stop "$servers"

# The local cluster (the first start builds it: several minutes; later starts take seconds).
tests/cluster/ctl.sh start "$cluster"
export KUBECONFIG=$cluster/kubeconfig
"$bin" install demo examples/hello --namespace demo --create-namespace --wait
"$bin" status demo -n demo
"$bin" upgrade demo "$work"/hello-0.1.0.tgz -n demo --set greeting=bonjour --wait
"$bin" history demo -n demo
"$bin" rollback demo 1 -n demo --wait
"$bin" list -n demo
"$bin" uninstall demo -n demo --wait
