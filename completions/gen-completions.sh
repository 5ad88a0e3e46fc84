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
# A clean environment, so that nothing of the builder's reaches the scripts.
run() { env -i PATH="$PATH" HOME=/nonexistent HELM_NO_PLUGINS=1 "$tmp/cpphelm" "$@"; }
run completion bash > "$out/bash/cpphelm"
run completion zsh | sed '1s/^#compdef helm$/#compdef cpphelm/' > "$out/zsh/_cpphelm"
run completion fish |
  sed -e 's/^complete -c helm /complete -c cpphelm /' -e 's/complete --do-complete "helm "/complete --do-complete "cpphelm "/' \
  > "$out/fish/cpphelm.fish"
