package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/fatih/color"
	"k8s.io/cli-runtime/pkg/genericclioptions"

	"helm.sh/helm/v4/pkg/action"
	"helm.sh/helm/v4/pkg/chart/common"
	"helm.sh/helm/v4/pkg/cli"
	kubefake "helm.sh/helm/v4/pkg/kube/fake"
	"helm.sh/helm/v4/pkg/storage/driver"
)

// Settings mirrors cpphelm::GlobalSettings: every global flag, already resolved by C++ from
// flags, HELM_* variables and the XDG paths.
type Settings struct {
	Namespace                 string   `json:"namespace"`
	KubeConfig                string   `json:"kubeconfig"`
	KubeContext               string   `json:"kube_context"`
	KubeToken                 string   `json:"kube_token"`
	KubeAsUser                string   `json:"kube_as_user"`
	KubeAsGroups              []string `json:"kube_as_groups"`
	KubeAPIServer             string   `json:"kube_apiserver"`
	KubeCaFile                string   `json:"kube_ca_file"`
	KubeTLSServerName         string   `json:"kube_tls_server_name"`
	KubeInsecureSkipTLSVerify bool     `json:"kube_insecure_skip_tls_verify"`
	Debug                     bool     `json:"debug"`
	RegistryConfig            string   `json:"registry_config"`
	RepositoryConfig          string   `json:"repository_config"`
	RepositoryCache           string   `json:"repository_cache"`
	ContentCache              string   `json:"content_cache"`
	PluginsDirectory          string   `json:"plugins_directory"`
	MaxHistory                int      `json:"max_history"`
	BurstLimit                int      `json:"burst_limit"`
	QPS                       float32  `json:"qps"`
	ColorMode                 string   `json:"color_mode"`
	Driver                    string   `json:"driver"`
	Progress                  string   `json:"progress"` // cpphelm: live, plain or off (wait_observer.go)
}

// envSettings builds helm's EnvSettings from the C++ settings. cli.New() reads the process
// environment (which C++ never changes); every field C++ resolved then overrides it.
func (s *Settings) envSettings() *cli.EnvSettings {
	e := cli.New()
	e.SetNamespace(s.Namespace)
	e.KubeConfig = s.KubeConfig
	e.KubeContext = s.KubeContext
	e.KubeToken = s.KubeToken
	e.KubeAsUser = s.KubeAsUser
	e.KubeAsGroups = s.KubeAsGroups
	e.KubeAPIServer = s.KubeAPIServer
	e.KubeCaFile = s.KubeCaFile
	e.KubeTLSServerName = s.KubeTLSServerName
	e.KubeInsecureSkipTLSVerify = s.KubeInsecureSkipTLSVerify
	e.Debug = s.Debug
	e.RegistryConfig = s.RegistryConfig
	e.RepositoryConfig = s.RepositoryConfig
	e.RepositoryCache = s.RepositoryCache
	e.ContentCache = s.ContentCache
	e.PluginsDirectory = s.PluginsDirectory
	e.MaxHistory = s.MaxHistory
	e.BurstLimit = s.BurstLimit
	e.QPS = s.QPS
	e.ColorMode = s.ColorMode
	configureColor(s.ColorMode)
	setupLogging(s.Debug)
	return e
}

// autoNoColor is fatih/color's own choice (NO_COLOR, TERM=dumb, stdout not a terminal), made
// when its package initialised.
var autoNoColor = color.NoColor

// configureColor is helm's configureColorOutput: "always" colours even into a pipe, "never" never,
// "auto" leaves the choice to fatih/color.
func configureColor(mode string) {
	switch mode {
	case "never":
		color.NoColor = true
	case "always":
		color.NoColor = false
	default:
		color.NoColor = autoNoColor
	}
}

// setupLogging installs helm's log format (slog text, no time) with lines sent to C++ as stderr events.
func setupLogging(debug bool) {
	h := slog.NewTextHandler(eventWriter(eventStderr), &slog.HandlerOptions{
		Level: slog.LevelDebug,
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	})
	slog.SetDefault(slog.New(&debugFilter{Handler: h, debug: debug}))
}

type debugFilter struct {
	slog.Handler
	debug bool
}

func (d *debugFilter) Enabled(ctx context.Context, l slog.Level) bool {
	if l == slog.LevelDebug {
		return d.debug
	}
	return d.Handler.Enabled(ctx, l)
}

func (d *debugFilter) WithAttrs(a []slog.Attr) slog.Handler {
	return &debugFilter{Handler: d.Handler.WithAttrs(a), debug: d.debug}
}

func (d *debugFilter) WithGroup(n string) slog.Handler {
	return &debugFilter{Handler: d.Handler.WithGroup(n), debug: d.debug}
}

// actionConfig initialises storage like helm's root command does before every command, with
// Kubernetes clients from getter.
func actionConfig(s *Settings, e *cli.EnvSettings, getter genericclioptions.RESTClientGetter) (*action.Configuration, error) {
	cfg := action.NewConfiguration()
	if err := initConfig(cfg, s, getter, e.Namespace()); err != nil {
		return nil, err
	}
	if s.Driver == "memory" {
		if err := loadMemoryReleases(cfg, e); err != nil {
			return nil, err
		}
	}
	cfg.SetHookOutputFunc(func(_, _, _ string) io.Writer { return eventWriter(eventStderr) })
	return cfg, nil
}

// initConfig is action.Configuration.Init with the driver helm reads from HELM_DRIVER.
func initConfig(cfg *action.Configuration, s *Settings, getter genericclioptions.RESTClientGetter, namespace string) error {
	return cfg.Init(getter, namespace, s.Driver)
}

// loadMemoryReleases re-creates helm's memory-driver test aid: the releases of every
// HELM_MEMORY_DRIVER_DATA file are preloaded and the Kubernetes client becomes a no-op printer.
func loadMemoryReleases(cfg *action.Configuration, e *cli.EnvSettings) error {
	mem, ok := cfg.Releases.Driver.(*driver.Memory)
	if !ok {
		return nil
	}
	cfg.KubeClient = &kubefake.PrintingKubeClient{Out: io.Discard}
	if err := preloadInto(cfg.Releases, os.Getenv("HELM_MEMORY_DRIVER_DATA")); err != nil {
		return err
	}
	mem.SetNamespace(e.Namespace())
	return nil
}

// configured prepares helm's settings and storage configuration for one request's settings.
func configured(s *Settings) (*cli.EnvSettings, *action.Configuration, error) {
	e := s.envSettings()
	cfg, err := actionConfig(s, e, e.RESTClientGetter())
	return e, cfg, err
}

// configuredForReading is configured for the commands that only read (list, status, history,
// get): their Kubernetes client objects are made once and shared (kubeclient.go).
func configuredForReading(s *Settings) (*cli.EnvSettings, *action.Configuration, error) {
	e := s.envSettings()
	cfg, err := actionConfig(s, e, newSharedGetter(e))
	return e, cfg, err
}

// parseKubeVersion reads --kube-version with helm's error text; nil when not given.
func parseKubeVersion(v string) (*common.KubeVersion, error) {
	if v == "" {
		return nil, nil
	}
	kv, err := common.ParseKubeVersion(v)
	if err != nil {
		return nil, fmt.Errorf("invalid kube version '%s': %w", v, err)
	}
	return kv, nil
}

// decode reads a request strictly: a field C++ sends that Go does not know is an error, and so
// is anything after the request but white space.
func decode(data []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return fmt.Errorf("shim: bad request: %w", err)
	}
	if _, err := d.Token(); err != io.EOF {
		return fmt.Errorf("shim: bad request: more than one JSON value")
	}
	return nil
}
