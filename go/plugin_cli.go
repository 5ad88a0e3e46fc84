package main

// CLI plugins as commands (helm's pkg/cmd/load_plugins.go): the installed ones with their completion
// files, running one with helm's split of the flags, and its dynamic completion.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/spf13/pflag"
	"sigs.k8s.io/yaml"

	"helm.sh/helm/v4/internal/plugin"
	"helm.sh/helm/v4/internal/plugin/schema"
	"helm.sh/helm/v4/pkg/cli"
)

// PluginRunRequest runs a CLI plugin as helm runs `helm <plugin> args...`: Name is its command's name
// (the first word of its usage), Args every other word of the line, from which helm's global flags
// are picked out; the rest is passed on as it is (the plugin parses it) unless it ignores flags.
type PluginRunRequest struct {
	Settings Settings `json:"settings"`
	Name     string   `json:"name"`
	Args     []string `json:"args"`
}

// PluginCommand is what C++ needs of a CLI plugin to offer it as a command; Completion is its
// completion.yaml (helm's pluginCommand tree), or nothing when the file is missing or invalid.
type PluginCommand struct {
	Name       string                `json:"name"`
	PluginName string                `json:"plugin_name"` // its metadata name (helm's compListPlugins)
	Use        string                `json:"use"`
	Short      string                `json:"short"`
	Long       string                `json:"long"`
	Completion *PluginCompletionTree `json:"completion"`
}

// PluginCompletionTree is helm's pluginCommand: a plugin's sub-commands, flags and fixed arguments
// for completion.
type PluginCompletionTree struct {
	Name      string                 `json:"name"`
	ValidArgs []string               `json:"validArgs"`
	Flags     []string               `json:"flags"`
	Commands  []PluginCompletionTree `json:"commands"`
}

// PluginCompleteRequest asks a plugin's plugin.complete for the completions of a word (helm's
// pluginDynamicComp): Path is the plugin's sub-command path below its name, Args the words after it.
type PluginCompleteRequest struct {
	Settings   Settings `json:"settings"`
	Name       string   `json:"name"`
	Path       []string `json:"path"`
	Args       []string `json:"args"`
	ToComplete string   `json:"to_complete"`
	Line       []string `json:"line"` // the whole line being completed, for helm's early flag parse
}

// PluginCommandsRequest asks for the installed CLI plugins (helm's loadCLIPlugins).
type PluginCommandsRequest struct {
	Settings   Settings `json:"settings"`
	Completion bool     `json:"completion"` // also read each plugin's completion.yaml
}

func init() {
	handle("plugin.commands", opPluginCommands)
	handle("plugin.run", opPluginRun)
	handle("plugin.complete", opPluginComplete)
}

var (
	cliPluginsMu    sync.Mutex
	cliPluginsFound = map[string][]plugin.Plugin{} // by plugins directory, for the command's lifetime
)

// cliPlugins finds the installed CLI plugins, as helm's loadCLIPlugins does, once per command: C++
// asks for the list, then runs or completes one of them.
func cliPlugins(s *Settings) ([]plugin.Plugin, error) {
	dirs := s.envSettings().PluginsDirectory
	cliPluginsMu.Lock()
	defer cliPluginsMu.Unlock()
	if found, ok := cliPluginsFound[dirs]; ok {
		return found, nil
	}
	found, err := plugin.FindPlugins(filepath.SplitList(dirs), plugin.Descriptor{Type: "cli/v1"})
	if err == nil {
		cliPluginsFound[dirs] = found
	}
	return found, err
}

// cliConfig is a CLI plugin's command texts and whether it takes helm's global flags out of its arguments.
func cliConfig(p plugin.Plugin) (use, short, long string, ignoreFlags bool) {
	if cfg, ok := p.Metadata().Config.(*schema.ConfigCLIV1); ok {
		use, short, long, ignoreFlags = cfg.Usage, cfg.ShortHelp, cfg.LongHelp, cfg.IgnoreFlags
	}
	if use == "" {
		use = p.Metadata().Name
	}
	if short == "" {
		short = fmt.Sprintf("the %q plugin", p.Metadata().Name)
	}
	return use, short, long, ignoreFlags
}

func opPluginCommands(_ *call, req *PluginCommandsRequest) (any, error) {
	found, err := cliPlugins(&req.Settings)
	if err != nil {
		slog.Error("failed to load plugins", slog.String("error", err.Error()))
		return []PluginCommand{}, nil
	}
	out := []PluginCommand{}
	for _, p := range found {
		use, short, long, _ := cliConfig(p)
		pc := PluginCommand{Name: commandName(p), PluginName: p.Metadata().Name, Use: use, Short: short, Long: long}
		if req.Completion {
			if b, err := os.ReadFile(filepath.Join(p.Dir(), "completion.yaml")); err == nil {
				var tree PluginCompletionTree
				if yaml.Unmarshal(b, &tree) == nil {
					pc.Completion = &tree
				}
			}
		}
		out = append(out, pc)
	}
	return out, nil
}

// pluginSettings is helm's view of its global flags for a plugin: the environment, then every global
// flag anywhere on the line (helm parses them before it looks for commands, unknown flags allowed,
// errors left for later), then those among the plugin's own words that processParent takes.
func pluginSettings(s *Settings, line, known []string) (*cli.EnvSettings, error) {
	e := s.envSettings()
	early := pflag.NewFlagSet("helm", pflag.ContinueOnError)
	early.SetOutput(io.Discard)
	early.ParseErrorsAllowlist.UnknownFlags = true
	e.AddFlags(early)
	_ = early.Parse(line)
	fs := pflag.NewFlagSet("helm", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	e.AddFlags(fs)
	if err := fs.Parse(known); err != nil {
		return nil, err
	}
	return e, nil
}

// commandName is the name of the command helm makes of a CLI plugin: cobra's Name(), the first word
// of its usage (the plugin's name when it has none).
func commandName(p plugin.Plugin) string {
	use, _, _, _ := cliConfig(p)
	name, _, _ := strings.Cut(use, " ")
	return name
}

// findCLIPlugin finds the CLI plugin whose command is called `name`.
func findCLIPlugin(s *Settings, name string) (plugin.Plugin, error) {
	found, err := cliPlugins(s)
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(found, func(p plugin.Plugin) bool { return commandName(p) == name })
	if i < 0 {
		return nil, fmt.Errorf("plugin %q not found", name)
	}
	return found[i], nil
}

// opPluginComplete is helm's pluginDynamicComp: the plugin's plugin.complete is run with the
// sub-command path, the plugin's own words and the word to complete; its last line may be cobra's
// ":<directive>". A missing or failing plugin.complete means the shell's default completion.
func opPluginComplete(_ *call, req *PluginCompleteRequest) (any, error) {
	none := CompletionResult{Lines: []string{}, Directive: 0}
	p, err := findCLIPlugin(&req.Settings, req.Name)
	if err != nil {
		return none, nil
	}
	sp, ok := p.(*plugin.SubprocessPluginRuntime)
	if !ok {
		return none, nil
	}
	_, _, _, ignoreFlags := cliConfig(p)
	known, unknown := splitPluginArgs(req.Args)
	e, err := pluginSettings(&req.Settings, req.Line, known)
	if err != nil {
		return CompletionResult{Lines: []string{}, Directive: 1}, nil
	}
	argv := slices.Clone(req.Path)
	if !ignoreFlags {
		argv = append(append(argv, unknown...), req.ToComplete)
	}
	env := os.Environ()
	for k, v := range e.EnvVars() {
		env = append(env, fmt.Sprintf("%s=%s", k, v))
	}
	buf := new(bytes.Buffer)
	if err := sp.InvokeWithEnv(filepath.Join(p.Dir(), "plugin.complete"), argv, env, nil, buf, buf); err != nil {
		return none, nil
	}
	out := CompletionResult{Lines: []string{}}
	for line := range strings.SplitSeq(buf.String(), "\n") {
		if line != "" {
			out.Lines = append(out.Lines, line)
		}
	}
	if n := len(out.Lines); n > 0 {
		if last := out.Lines[n-1]; len(last) > 1 && last[0] == ':' {
			if d, err := strconv.Atoi(last[1:]); err == nil {
				out.Directive = d
				out.Lines = out.Lines[:n-1]
			}
		}
	}
	return out, nil
}

// splitPluginArgs is helm's manuallyProcessArgs: --debug and the connection flags (with their values)
// go to helm, everything else to the plugin, in order.
func splitPluginArgs(args []string) (known, unknown []string) {
	withValue := []string{"--kube-context", "--namespace", "-n", "--kubeconfig", "--kube-apiserver", "--kube-token",
		"--kube-as-user", "--kube-as-group", "--kube-ca-file", "--registry-config", "--repository-cache",
		"--repository-config", "--kube-insecure-skip-tls-verify", "--kube-tls-server-name"}
	known, unknown = []string{}, []string{}
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--debug":
			known = append(known, a)
		case slices.Contains(withValue, a):
			known = append(known, a)
			if i++; i < len(args) {
				known = append(known, args[i])
			}
		case slices.ContainsFunc(withValue, func(f string) bool { return strings.HasPrefix(a, f+"=") }):
			known = append(known, a)
		default:
			unknown = append(unknown, a)
		}
	}
	return known, unknown
}

// pluginExitError carries a plugin's exit status: helm exits with it.
type pluginExitError struct {
	err  error
	code int
}

func (e *pluginExitError) Error() string { return e.err.Error() }

func opPluginRun(_ *call, req *PluginRunRequest) (any, error) {
	plug, err := findCLIPlugin(&req.Settings, req.Name)
	if err != nil {
		return nil, err
	}
	// helm's processParent: the global flags among the words (and before the plugin's name) that
	// concern the cluster and the registry are helm's; the rest is the plugin's.
	known, unknown := splitPluginArgs(req.Args)
	e, err := pluginSettings(&req.Settings, req.Args, known)
	if err != nil {
		return nil, err
	}
	setupLogging(e.Debug)
	_, _, _, ignoreFlags := cliConfig(plug)
	extra := []string{}
	if !ignoreFlags {
		extra = unknown
	}
	env := os.Environ()
	for k, v := range e.EnvVars() {
		env = append(env, fmt.Sprintf("%s=%s", k, v))
	}
	input := &plugin.Input{
		Message: schema.InputMessageCLIV1{ExtraArgs: extra},
		Env:     env,
		Stdin:   os.Stdin,
		Stdout:  os.Stdout,
		Stderr:  os.Stderr,
	}
	_, err = plug.Invoke(context.Background(), input)
	if execErr, ok := errors.AsType[*plugin.InvokeExecError](err); ok {
		return nil, &pluginExitError{err: execErr.Err, code: execErr.ExitCode}
	}
	return nil, err
}
