#!/usr/bin/env bash
# Builds cpphelm and shows it working on the bundled example chart: template, lint, package.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
bin=$PWD/build/cpphelm
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HELM_CONFIG_HOME=$work/config HELM_CACHE_HOME=$work/cache HELM_DATA_HOME=$work/data
set -x
"$bin" version
"$bin" lint examples/hello
"$bin" template demo examples/hello --set greeting=bonjour --set replicas=2
"$bin" package examples/hello -d "$work"
"$bin" show chart "$work"/hello-0.1.0.tgz
