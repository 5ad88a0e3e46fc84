package main

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
	"syscall"

	"github.com/gosuri/uitable"
	"github.com/spf13/pflag"
	"golang.org/x/term"
	"sigs.k8s.io/yaml"

	"helm.sh/helm/v4/internal/plugin"
	"helm.sh/helm/v4/internal/plugin/installer"
	"helm.sh/helm/v4/internal/plugin/schema"
	"helm.sh/helm/v4/pkg/cli"
	"helm.sh/helm/v4/pkg/getter"
	"helm.sh/helm/v4/pkg/provenance"
	"helm.sh/helm/v4/pkg/registry"
)

// The plugin commands re-create helm's pkg/cmd/plugin_*.go and load_plugins.go over helm's own
// plugin package (internal/plugin): the same loader, installers, runtimes, hooks and signatures.

// PluginListRequest is `helm plugin list`.
type PluginListRequest struct {
	Settings Settings `json:"settings"`
	Type     string   `json:"type"`
}

// PluginInstallRequest is `helm plugin install <path|url>`.
type PluginInstallRequest struct {
	DownloadOptions
	Settings Settings `json:"settings"`
	Source   string   `json:"source"`
	Version  string   `json:"version"`
	Verify   bool     `json:"verify"`
	Keyring  string   `json:"keyring"`
}

// PluginNamesRequest is `helm plugin uninstall|update <plugin>...`.
type PluginNamesRequest struct {
	Settings Settings `json:"settings"`
	Names    []string `json:"names"`
}

// PluginPackageRequest is `helm plugin package <dir>`.
type PluginPackageRequest struct {
	Path           string `json:"path"`
	Sign           bool   `json:"sign"`
	Key            string `json:"key"`
	Keyring        string `json:"keyring"`
	PassphraseFile string `json:"passphrase_file"`
	Destination    string `json:"destination"`
}

// PluginVerifyRequest is `helm plugin verify <tarball>`.
type PluginVerifyRequest struct {
	Path    string `json:"path"`
	Keyring string `json:"keyring"`
}

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
	Settings Settings `json:"settings"`
}

func init() {
	handle("plugin.list", opPluginList)
	handle("plugin.install", opPluginInstall)
	handle("plugin.uninstall", opPluginUninstall)
	handle("plugin.update", opPluginUpdate)
	handle("plugin.package", opPluginPackage)
	handle("plugin.verify", opPluginVerify)
	handle("plugin.commands", opPluginCommands)
	handle("plugin.run", opPluginRun)
	handle("plugin.complete", opPluginComplete)
}

func opPluginList(c *call, req *PluginListRequest) (any, error) {
	e := req.Settings.envSettings()
	slog.Debug("pluginDirs", "directory", e.PluginsDirectory)
	plugins, err := plugin.FindPlugins(filepath.SplitList(e.PluginsDirectory), plugin.Descriptor{Type: req.Type})
	if err != nil {
		return nil, err
	}
	signingInfo := plugin.GetSigningInfoForPlugins(plugins)
	table := uitable.New()
	table.AddRow("NAME", "VERSION", "TYPE", "APIVERSION", "PROVENANCE", "SOURCE")
	for _, p := range plugins {
		m := p.Metadata()
		sourceURL := m.SourceURL
		if sourceURL == "" {
			sourceURL = "unknown"
		}
		signedStatus := "unknown"
		if info, ok := signingInfo[m.Name]; ok {
			signedStatus = info.Status
		}
		table.AddRow(m.Name, m.Version, m.Type, m.APIVersion, signedStatus, sourceURL)
	}
	fmt.Fprintln(c, table)
	return nil, nil
}

// Plugin hooks write to the terminal themselves, so the plugin commands print straight away (helm's
// order) rather than returning their output at the end.
var pluginOut = eventWriter(eventStdout)

func opPluginInstall(_ *call, req *PluginInstallRequest) (any, error) {
	c := pluginOut
	var i installer.Installer
	var err error
	if strings.HasPrefix(req.Source, registry.OCIScheme+"://") {
		d := req.DownloadOptions
		i, err = installer.NewOCIInstaller(req.Source,
			getter.WithTLSClientConfig(d.CertFile, d.KeyFile, d.CaFile),
			getter.WithInsecureSkipVerifyTLS(d.InsecureSkipTLSVerify),
			getter.WithPlainHTTP(d.PlainHTTP),
			getter.WithBasicAuth(d.Username, d.Password))
	} else {
		i, err = installer.NewForSource(req.Source, req.Version)
	}
	if err != nil {
		return nil, err
	}
	verify := req.Verify
	if local, ok := i.(*installer.LocalInstaller); ok && !local.SupportsVerification() {
		verify = false
		fmt.Fprint(c, "Installing plugin from local directory (development mode)\n")
	} else if verify {
		if v, ok := i.(installer.Verifier); !ok || !v.SupportsVerification() {
			return nil, errors.New("plugin source does not support verification. Use --verify=false to skip verification")
		}
	} else {
		fmt.Fprint(c, "WARNING: Skipping plugin signature verification\n")
	}
	if verify {
		fmt.Fprint(c, "Verifying plugin signature...\n")
	}
	result, err := installer.InstallWithOptions(i, installer.Options{Verify: verify, Keyring: req.Keyring})
	if err != nil {
		return nil, err
	}
	if result != nil {
		for _, signer := range result.SignedBy {
			fmt.Fprintf(c, "Signed by: %s\n", signer)
		}
		fmt.Fprintf(c, "Using Key With Fingerprint: %s\n", result.Fingerprint)
		fmt.Fprintf(c, "Plugin Hash Verified: %s\n", result.FileHash)
	}
	slog.Debug("loading plugin", "path", i.Path())
	p, err := plugin.LoadDir(i.Path())
	if err != nil {
		return nil, fmt.Errorf("plugin is installed but unusable: %w", err)
	}
	if err := runPluginHook(p, plugin.Install); err != nil {
		return nil, err
	}
	fmt.Fprintf(c, "Installed plugin: %s\n", p.Metadata().Name)
	return nil, nil
}

// forEachNamedPlugin applies `do` to each named installed plugin, as helm's plugin uninstall and
// update do: failures are collected (verb names them) and joined.
func forEachNamedPlugin(c io.Writer, req *PluginNamesRequest, verb, done string, do func(string, plugin.Plugin) error) error {
	if len(req.Names) == 0 {
		return fmt.Errorf("please provide plugin name to %s", verb)
	}
	dir := req.Settings.envSettings().PluginsDirectory
	slog.Debug("loading installed plugins", "path", dir)
	plugins, err := plugin.LoadAllDir(dir, plugin.LogIgnorePluginLoadErrorFilterFunc)
	if err != nil {
		return err
	}
	var failed []error
	for _, name := range req.Names {
		i := slices.IndexFunc(plugins, func(p plugin.Plugin) bool { return p.Metadata().Name == name })
		if i < 0 {
			failed = append(failed, fmt.Errorf("plugin: %s not found", name))
			continue
		}
		if err := do(dir, plugins[i]); err != nil {
			failed = append(failed, fmt.Errorf("failed to %s plugin %s, got error (%w)", verb, name, err))
			continue
		}
		fmt.Fprintf(c, "%s plugin: %s\n", done, name)
	}
	return errors.Join(failed...)
}

func opPluginUninstall(_ *call, req *PluginNamesRequest) (any, error) {
	return nil, forEachNamedPlugin(pluginOut, req, "uninstall", "Uninstalled", func(dir string, p plugin.Plugin) error {
		if err := os.RemoveAll(p.Dir()); err != nil {
			return err
		}
		if m := p.Metadata(); m.Version != "" {
			// The archive and provenance an installation from a tarball kept beside the plugins.
			tarball := filepath.Join(dir, fmt.Sprintf("%s-%s.tgz", m.Name, m.Version))
			for _, f := range []string{tarball, tarball + ".prov"} {
				if _, err := os.Stat(f); err == nil {
					if err := os.Remove(f); err != nil {
						slog.Debug("failed to remove file", "path", f, "error", err)
					}
				}
			}
		}
		return runPluginHook(p, plugin.Delete)
	})
}

func opPluginUpdate(_ *call, req *PluginNamesRequest) (any, error) {
	return nil, forEachNamedPlugin(pluginOut, req, "update", "Updated", func(_ string, p plugin.Plugin) error {
		exact, err := filepath.EvalSymlinks(p.Dir())
		if err != nil {
			return err
		}
		abs, err := filepath.Abs(exact)
		if err != nil {
			return err
		}
		i, err := installer.FindSource(abs)
		if err != nil {
			return err
		}
		if err := installer.Update(i); err != nil {
			return err
		}
		slog.Debug("loading plugin", "path", i.Path())
		updated, err := plugin.LoadDir(i.Path())
		if err != nil {
			return err
		}
		return runPluginHook(updated, plugin.Update)
	})
}

func runPluginHook(p plugin.Plugin, event string) error {
	if hook, ok := p.(plugin.PluginHook); ok {
		return hook.InvokeHook(event)
	}
	return nil
}

func opPluginPackage(c *call, req *PluginPackageRequest) (any, error) {
	fi, err := os.Stat(req.Path)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return nil, errors.New("plugin package only supports directories, not tarballs")
	}
	p, err := plugin.LoadDir(req.Path)
	if err != nil {
		return nil, fmt.Errorf("invalid plugin directory: %w", err)
	}
	if err := os.MkdirAll(req.Destination, 0o755); err != nil {
		return nil, err
	}
	var signer *provenance.Signatory
	if req.Sign {
		if signer, err = provenance.NewFromKeyring(req.Keyring, req.Key); err != nil {
			return nil, fmt.Errorf("error reading from keyring: %w", err)
		}
		fetch := promptPluginPassphrase()
		if req.PassphraseFile != "" {
			if fetch, err = passphraseFromFile(req.PassphraseFile); err != nil {
				return nil, err
			}
		}
		if err := signer.DecryptKey(fetch); err != nil {
			return nil, err
		}
	} else {
		fmt.Fprint(c, "WARNING: Skipping plugin signing. This is not recommended for plugins intended for distribution.\n")
	}
	m := p.Metadata()
	tarballPath := filepath.Join(req.Destination, fmt.Sprintf("%s-%s.tgz", m.Name, m.Version))
	f, err := os.Create(tarballPath)
	if err != nil {
		return nil, fmt.Errorf("failed to create tarball: %w", err)
	}
	defer f.Close()
	if err := plugin.CreatePluginTarball(req.Path, m.Name, f); err != nil {
		os.Remove(tarballPath)
		return nil, fmt.Errorf("failed to create plugin tarball: %w", err)
	}
	f.Close()
	if req.Sign {
		data, err := os.ReadFile(tarballPath)
		if err != nil {
			os.Remove(tarballPath)
			return nil, fmt.Errorf("failed to read tarball for signing: %w", err)
		}
		sig, err := plugin.SignPlugin(data, filepath.Base(tarballPath), signer)
		if err != nil {
			os.Remove(tarballPath)
			return nil, fmt.Errorf("failed to sign plugin: %w", err)
		}
		prov := tarballPath + ".prov"
		if err := os.WriteFile(prov, []byte(sig), 0o644); err != nil {
			os.Remove(tarballPath)
			return nil, err
		}
		fmt.Fprintf(c, "Successfully signed. Signature written to: %s\n", prov)
	}
	fmt.Fprintf(c, "Successfully packaged plugin and saved it to: %s\n", tarballPath)
	return nil, nil
}

// promptPluginPassphrase asks on the terminal, as helm's plugin package does (straight to stdout;
// nothing is printed before it).
func promptPluginPassphrase() provenance.PassphraseFetcher {
	return func(name string) ([]byte, error) {
		fmt.Printf("Password for key %q >  ", name)
		pw, err := term.ReadPassword(int(syscall.Stdin))
		fmt.Println()
		return pw, err
	}
}

// passphraseFromFile reads a passphrase file ("-": standard input, which must be a pipe), as helm does.
func passphraseFromFile(path string) (provenance.PassphraseFetcher, error) {
	file := os.Stdin
	if path == "-" {
		stat, err := os.Stdin.Stat()
		if err != nil {
			return nil, err
		}
		if stat.Mode()&os.ModeNamedPipe == 0 {
			return nil, errors.New("specified reading passphrase from stdin, without input on stdin")
		}
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		file = f
	}
	defer file.Close()
	passphrase, err := io.ReadAll(file)
	if err != nil {
		return nil, err
	}
	passphrase = bytes.TrimRight(passphrase, "\r\n")
	return func(string) ([]byte, error) { return passphrase, nil }, nil
}

func opPluginVerify(c *call, req *PluginVerifyRequest) (any, error) {
	fi, err := os.Stat(req.Path)
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return nil, errors.New("directory verification not supported - only plugin tarballs can be verified")
	}
	if !plugin.IsTarball(req.Path) {
		return nil, errors.New("plugin file must be a gzipped tarball (.tar.gz or .tgz)")
	}
	prov := req.Path + ".prov"
	if _, err := os.Stat(prov); err != nil {
		return nil, fmt.Errorf("could not find provenance file %s: %w", prov, err)
	}
	archive, err := os.ReadFile(req.Path)
	if err != nil {
		return nil, fmt.Errorf("failed to read plugin file: %w", err)
	}
	provData, err := os.ReadFile(prov)
	if err != nil {
		return nil, fmt.Errorf("failed to read provenance file: %w", err)
	}
	v, err := plugin.VerifyPlugin(archive, provData, filepath.Base(req.Path), req.Keyring)
	if err != nil {
		return nil, err
	}
	for name := range v.SignedBy.Identities {
		fmt.Fprintf(c, "Signed by: %v\n", name)
	}
	fmt.Fprintf(c, "Using Key With Fingerprint: %X\n", v.SignedBy.PrimaryKey.Fingerprint)
	if v.FileHash != "" {
		fmt.Fprintf(c, "Plugin Hash Verified: %s\n", v.FileHash)
	} else {
		fmt.Fprintf(c, "Plugin Metadata Verified: %s\n", v.FileName)
	}
	return nil, nil
}

// cliPlugins finds the installed CLI plugins, as helm's loadCLIPlugins does.
func cliPlugins(s *Settings) ([]plugin.Plugin, error) {
	dirs := filepath.SplitList(s.envSettings().PluginsDirectory)
	return plugin.FindPlugins(dirs, plugin.Descriptor{Type: "cli/v1"})
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
		pc := PluginCommand{Name: commandName(p), Use: use, Short: short, Long: long}
		if b, err := os.ReadFile(filepath.Join(p.Dir(), "completion.yaml")); err == nil {
			var tree PluginCompletionTree
			if yaml.Unmarshal(b, &tree) == nil {
				pc.Completion = &tree
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
