#!/usr/bin/env bash
# Completion in real shells: bash (with bash-completion), fish and zsh (interactive, under tmux: compsys
# needs a terminal) source the script the binary prints and complete partial command lines through its
# __complete protocol. Usage: shells_test.sh BINARY
set -uo pipefail
bin=$(readlink -f "$1")
# fish's script registers completions for the command "helm": offer the binary under that name too.
link_dir=$(mktemp -d)
sock="cpphelm-zsh-$$"
trap 'for s in /tmp/tmux-$(id -u)/"$sock"-*; do [ -e "$s" ] && tmux -S "$s" kill-server 2>/dev/null; done; rm -rf "$link_dir"' EXIT
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
zsh_calls=0
zsh_once() {  # a command line: what the terminal shows after TAB, from a zsh of its own (own tmux server)
    zsh_calls=$((zsh_calls + 1))
    local s="$sock-$zsh_calls" i
    tmux -L "$s" new-session -d -s z -x 200 -y 50 \
        "env -i PATH=$PATH HOME=$link_dir ZDOTDIR=$link_dir TERM=xterm zsh -f" || return
    tmux -L "$s" send-keys -t z 'autoload -U compinit && compinit -u && source <(helm completion zsh) && clear && echo READY' Enter
    for i in $(seq 50); do tmux -L "$s" capture-pane -p -t z 2>/dev/null | grep -qx READY && break; sleep 0.1; done
    tmux -L "$s" send-keys -t z 'clear' Enter
    sleep 0.3
    tmux -L "$s" send-keys -t z "$1" Tab
    local screen=""
    for i in $(seq 80); do  # until the completion shows (the line changed, or a listing appeared)
        sleep 0.1
        screen=$(tmux -L "$s" capture-pane -p -t z | sed -e '/^$/d' -e 's/^[^#]*# //')
        grep -qvxF -- "$1" <<<"$screen" && grep -q . <<<"$screen" && { sleep 0.3; break; }
    done
    tmux -L "$s" capture-pane -p -t z | sed -e '/^$/d' -e 's/^[^#]*# //'
    tmux -L "$s" kill-server 2>/dev/null
}
zsh_complete() {  # up to three tries: a terminal that was slow to start shows nothing
    local out i
    for i in 1 2 3; do
        out=$(zsh_once "$1")
        grep -qF -- "$1" <<<"$out" && [ "$(wc -l <<<"$out")" -ge 1 ] && grep -qvxF -- "$1" <<<"$out" && break
    done
    printf '%s\n' "$out"
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
