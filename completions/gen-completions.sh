#!/usr/bin/env bash
# Writes cpphelm's shell completion scripts into OUT, as `cpphelm completion <shell>` prints them when
# the program is called cpphelm (bash and zsh scripts then hook that name too, as helm's do for a
# renamed binary), for the shells' system directories:
#   OUT/bash/cpphelm  OUT/zsh/_cpphelm  OUT/fish/cpphelm.fish
# zsh's compinit reads the file's first line to know the command, and fish's script names the command
# it completes, so both are pointed at cpphelm; the functions keep helm's names.
# usage: gen-completions.sh CPPHELM OUT
set -euo pipefail
bin=$(readlink -f "$1") out=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ln -s "$bin" "$tmp/cpphelm"
mkdir -p "$out/bash" "$out/zsh" "$out/fish"
export HELM_CONFIG_HOME=/nonexistent HELM_CACHE_HOME=/nonexistent HELM_DATA_HOME=/nonexistent HOME=/nonexistent
"$tmp/cpphelm" completion bash > "$out/bash/cpphelm"
"$tmp/cpphelm" completion zsh | sed '1s/^#compdef helm$/#compdef cpphelm/' > "$out/zsh/_cpphelm"
"$tmp/cpphelm" completion fish |
  sed -e 's/^complete -c helm /complete -c cpphelm /' -e 's/complete --do-complete "helm "/complete --do-complete "cpphelm "/' \
  > "$out/fish/cpphelm.fish"
