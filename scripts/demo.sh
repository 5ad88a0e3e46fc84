#!/usr/bin/env bash
# Builds cpphelm and shows it working: the offline chart commands on the bundled example chart, then
# a whole release lifecycle on the local Kubernetes control plane (tests/cluster: real kube-apiserver,
# etcd, controller-manager and scheduler, kwok as the kubelet), which it starts and stops itself.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
bin=$PWD/build/cpphelm
work=$(mktemp -d)
cluster=$work/cluster
cleanup() {
  tests/cluster/ctl.sh stop "$cluster" >/dev/null 2>&1 || true
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
