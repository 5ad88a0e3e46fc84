#!/usr/bin/env bash
# Completion in real shells: bash (with bash-completion), fish and zsh (interactive, under tmux: compsys
# needs a terminal) source the script the binary prints and complete partial command lines through its
# __complete protocol. Usage: shells_test.sh BINARY
set -uo pipefail
bin=$(readlink -f "$1")
# fish's script registers completions for the command "helm": offer the binary under that name too.
link_dir=$(mktemp -d)
sock="cpphelm-zsh-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$link_dir"' EXIT
ln -s "$bin" "$link_dir/helm"
export PATH="$link_dir:$PATH"
passed=0 failed=0
check() {  # check LABEL EXPECTED ACTUAL (EXPECTED must appear as a whole line of ACTUAL)
    if grep -qxF -- "$2" <<<"$3"; then passed=$((passed + 1)); else
        failed=$((failed + 1)); printf 'FAIL %s: expected %q among:\n%s\n' "$1" "$2" "$3"; fi
}
bash_complete() {  # words… (the last one is being completed)
    bash -c '
        source /usr/share/bash-completion/bash_completion
        source <("$0" completion bash)
        COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
        __start_helm
        printf "%s\n" "${COMPREPLY[@]}"' "$bin" "$bin" "$@" 2>/dev/null
}
fish_complete() {  # a command line
    fish --no-config -c "helm completion fish | source; complete -C '$1'" 2>/dev/null | cut -f1
}
zsh_complete() {  # a command line: what the terminal shows after TAB (the line, and any listing below it)
    tmux -L "$sock" new-session -d -s z -x 200 -y 50 \
        "env -i PATH=$PATH HOME=$link_dir ZDOTDIR=$link_dir TERM=xterm zsh -f"
    tmux -L "$sock" send-keys -t z 'autoload -U compinit && compinit -u && source <(helm completion zsh) && clear' Enter
    sleep 1
    tmux -L "$sock" send-keys -t z "$1" Tab
    sleep 1.5
    tmux -L "$sock" capture-pane -p -t z | sed -e '/^$/d' -e 's/^[^#]*# //'
    tmux -L "$sock" kill-server 2>/dev/null
}
check "bash: subcommand" "template" "$(bash_complete tem)"
check "bash: nested subcommand" "values" "$(bash_complete show val)"
check "bash: flag" "--skip-tests" "$(bash_complete template --skip-t)"
check "bash: global flag" "--kube-context" "$(bash_complete template --kube-con)"
check "bash: flag value" "json" "$(bash_complete history x -o j)"
check "bash: help topics" "dependency" "$(bash_complete help dep)"
check "fish: subcommand" "template" "$(fish_complete "helm tem")"
check "fish: flag" "--skip-tests" "$(fish_complete "helm template --skip-t")"
check "fish: env keys" "HELM_CACHE_HOME" "$(fish_complete "helm env HELM_CA")"
check "zsh: subcommand" "helm template" "$(zsh_complete "helm tem")"
check "zsh: flag" "helm template --skip-tests" "$(zsh_complete "helm template --skip-t")"
check "zsh: nested subcommands listed" "values  -- show the chart's values" "$(zsh_complete "helm show ")"
check "zsh: flag value" "helm history x -o json" "$(zsh_complete "helm history x -o j")"
check "zsh: cpphelm's own flag value" "helm install --progress plain" "$(zsh_complete "helm install --progress pl")"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
