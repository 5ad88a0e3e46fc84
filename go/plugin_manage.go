package main

// The plugin management commands (helm's pkg/cmd/plugin_*.go) over helm's own plugin package
// (internal/plugin): the same loader, installers, hooks and signatures. plugin_cli.go runs plugins.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/gosuri/uitable"
	"golang.org/x/term"

	"helm.sh/helm/v4/internal/plugin"
	"helm.sh/helm/v4/internal/plugin/installer"
	"helm.sh/helm/v4/pkg/getter"
	"helm.sh/helm/v4/pkg/provenance"
	"helm.sh/helm/v4/pkg/registry"
)

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

func init() {
	handle("plugin.list", opPluginList)
	handle("plugin.install", opPluginInstall)
	handle("plugin.uninstall", opPluginUninstall)
	handle("plugin.update", opPluginUpdate)
	handle("plugin.package", opPluginPackage)
	handle("plugin.verify", opPluginVerify)
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
