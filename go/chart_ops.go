package main

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	chartv3 "helm.sh/helm/v4/internal/chart/v3"
	chartutilv3 "helm.sh/helm/v4/internal/chart/v3/util"
	"helm.sh/helm/v4/internal/gates"
	"helm.sh/helm/v4/pkg/action"
	chart "helm.sh/helm/v4/pkg/chart/v2"
	"helm.sh/helm/v4/pkg/chart/v2/lint/support"
	chartutil "helm.sh/helm/v4/pkg/chart/v2/util"
	"helm.sh/helm/v4/pkg/downloader"
	"helm.sh/helm/v4/pkg/getter"
)

func init() {
	handle("create", opCreate)
	handle("lint", opLint)
	handle("show", opShow)
	handle("package", opPackage)
	handle("dependency", opDependency)
}

// opCreate re-creates helm's create command after the "Creating NAME" line C++ printed.
func opCreate(c *call, req *CreateRequest) (any, error) {
	name := filepath.Base(req.Name)
	dir := filepath.Dir(req.Name)
	starter := ""
	if req.Starter != "" {
		starter = filepath.Join(req.StarterDir, req.Starter)
		if filepath.IsAbs(req.Starter) {
			starter = req.Starter
		}
	}
	switch req.ChartAPIVersion {
	case chart.APIVersionV2, "":
		meta := &chart.Metadata{Name: name, Description: "A Helm chart for Kubernetes", Type: "application",
			Version: "0.1.0", AppVersion: "0.1.0", APIVersion: chart.APIVersionV2}
		if starter != "" {
			return nil, chartutil.CreateFrom(meta, dir, starter)
		}
		chartutil.Stderr = c
		_, err := chartutil.Create(name, dir)
		return nil, err
	case chartv3.APIVersionV3:
		if !gates.ChartV3.IsEnabled() {
			return nil, gates.ChartV3.Error()
		}
		meta := &chartv3.Metadata{Name: name, Description: "A Helm chart for Kubernetes", Type: "application",
			Version: "0.1.0", AppVersion: "0.1.0", APIVersion: chartv3.APIVersionV3}
		if starter != "" {
			return nil, chartutilv3.CreateFrom(meta, dir, starter)
		}
		_, err := chartutilv3.Create(name, dir)
		return nil, err
	default:
		return nil, fmt.Errorf("unsupported chart API version: %s (supported: v2, v3)", req.ChartAPIVersion)
	}
}

// opLint re-creates helm's lint command: every path (and with --with-subcharts each subchart) is
// linted, messages printed in helm's format, and the summary returned as the error on failure.
func opLint(c *call, req *LintRequest) (any, error) {
	e := req.Settings.envSettings()
	client := action.NewLint()
	client.Strict = req.Strict
	client.WithSubcharts = req.WithSubcharts
	client.Quiet = req.Quiet
	client.SkipSchemaValidation = req.SkipSchemaValidation
	kv, err := parseKubeVersion(req.KubeVersion)
	if err != nil {
		return nil, err
	}
	client.KubeVersion = kv
	paths := req.Paths
	if client.WithSubcharts {
		for _, p := range req.Paths {
			filepath.Walk(filepath.Join(p, "charts"), func(path string, info os.FileInfo, _ error) error {
				if info != nil {
					if info.Name() == "Chart.yaml" {
						paths = append(paths, filepath.Dir(path))
					} else if strings.HasSuffix(path, ".tgz") || strings.HasSuffix(path, ".tar.gz") {
						paths = append(paths, path)
					}
				}
				return nil
			})
		}
	}
	client.Namespace = e.Namespace()
	vals, err := req.Values.options().MergeValues(getter.All(e))
	if err != nil {
		return nil, err
	}
	var msg strings.Builder
	failed, flagged := 0, 0
	for _, path := range paths {
		result := client.Run([]string{path}, vals)
		has := action.HasWarningsOrErrors(result)
		if has {
			flagged++
		}
		if client.Quiet && !has {
			continue
		}
		fmt.Fprintf(&msg, "==> Linting %s\n", path)
		if len(result.Messages) == 0 {
			for _, err := range result.Errors {
				fmt.Fprintf(&msg, "Error %s\n", err)
			}
		}
		for _, m := range result.Messages {
			if !client.Quiet || m.Severity > support.InfoSev {
				fmt.Fprintf(&msg, "%s\n", m)
			}
		}
		if len(result.Errors) != 0 {
			failed++
		}
		fmt.Fprint(&msg, "\n")
	}
	fmt.Fprint(c, msg.String())
	summary := fmt.Sprintf("%d chart(s) linted, %d chart(s) failed", len(paths), failed)
	if failed > 0 {
		return nil, errors.New(summary)
	}
	if !client.Quiet || flagged > 0 {
		fmt.Fprintln(c, summary)
	}
	return nil, nil
}

var showFormats = map[string]action.ShowOutputFormat{
	"all": action.ShowAll, "chart": action.ShowChart, "values": action.ShowValues,
	"readme": action.ShowReadme, "crds": action.ShowCRDs,
}

func opShow(c *call, req *ShowRequest) (any, error) {
	e, cfg, err := configured(&req.Settings)
	if err != nil {
		return nil, err
	}
	client := action.NewShow(showFormats[req.Format], cfg)
	req.Options.apply(&client.ChartPathOptions)
	client.Devel = req.Devel
	client.JSONPathTemplate = req.JSONPath
	if err := setRegistryClient(client, e, eventWriter(eventStderr), &req.Options.DownloadOptions); err != nil {
		return nil, err
	}
	slog.Debug("original chart version", "version", client.Version)
	if client.Version == "" && client.Devel {
		slog.Debug("setting version to >0.0.0-0")
		client.Version = ">0.0.0-0"
	}
	cp, err := locateChart(&client.ChartPathOptions, req.Chart, e)
	if err != nil {
		return nil, err
	}
	out, err := client.Run(cp)
	if err != nil {
		return nil, err
	}
	fmt.Fprint(c, out)
	return nil, nil
}

func opPackage(c *call, req *PackageRequest) (any, error) {
	if len(req.Paths) == 0 {
		return nil, errors.New("need at least one argument, the path to the chart")
	}
	e := req.Settings.envSettings()
	epoch, err := sourceDateEpoch()
	if err != nil {
		return nil, err
	}
	client := action.NewPackage()
	client.SourceDateEpoch = epoch
	client.Sign, client.Key, client.Keyring, client.PassphraseFile = req.Sign, req.Key, req.Keyring, req.PassphraseFile
	client.Version, client.AppVersion, client.Destination = req.Version, req.AppVersion, req.Destination
	client.DependencyUpdate = req.DependencyUpdate
	client.Username, client.Password = req.Username, req.Password
	client.CertFile, client.KeyFile, client.CaFile = req.CertFile, req.KeyFile, req.CaFile
	client.InsecureSkipTLSVerify, client.PlainHTTP = req.InsecureSkipTLSVerify, req.PlainHTTP
	if client.Sign {
		if client.Key == "" {
			return nil, errors.New("--key is required for signing a package")
		}
		if client.Keyring == "" {
			return nil, errors.New("--keyring is required for signing a package")
		}
	}
	client.RepositoryConfig = e.RepositoryConfig
	client.RepositoryCache = e.RepositoryCache
	p := getter.All(e)
	vals := map[string]any{}
	rc, err := newRegistryClient(e, c, &req.DownloadOptions)
	if err != nil {
		return nil, err
	}
	for _, arg := range req.Paths {
		path, err := filepath.Abs(arg)
		if err != nil {
			return nil, err
		}
		if _, err := os.Stat(arg); err != nil {
			return nil, err
		}
		if client.DependencyUpdate {
			man := &downloader.Manager{Out: io.Discard, ChartPath: path, Keyring: client.Keyring, Getters: p,
				Debug: e.Debug, RegistryClient: rc, RepositoryConfig: e.RepositoryConfig,
				RepositoryCache: e.RepositoryCache, ContentCache: e.ContentCache, SourceDateEpoch: epoch}
			if err := man.Update(); err != nil {
				return nil, err
			}
		}
		saved, err := client.Run(path, vals)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(c, "Successfully packaged chart and saved it to: %s\n", saved)
	}
	return nil, nil
}

func opDependency(c *call, req *DependencyRequest) (any, error) {
	e := req.Settings.envSettings()
	if req.Action == "list" {
		client := action.NewDependency()
		client.ColumnWidth = req.MaxColWidth
		return nil, client.List(req.ChartPath, c)
	}
	epoch, err := sourceDateEpoch()
	if err != nil {
		return nil, err
	}
	rc, err := newRegistryClient(e, c, &req.DownloadOptions)
	if err != nil {
		return nil, err
	}
	man := &downloader.Manager{
		Out: c, ChartPath: req.ChartPath, Keyring: req.Keyring, SkipUpdate: req.SkipRefresh,
		Getters: getter.All(e), RegistryClient: rc, RepositoryConfig: e.RepositoryConfig,
		RepositoryCache: e.RepositoryCache, ContentCache: e.ContentCache, Debug: e.Debug, SourceDateEpoch: epoch,
	}
	if req.SkipRefresh {
		if view, cleanup, ok := dependencyIndexView(e, req.ChartPath); ok {
			defer cleanup()
			man.RepositoryCache = view
		}
	}
	if req.Action == "update" {
		if req.Verify {
			man.Verify = downloader.VerifyAlways
		}
		return nil, man.Update()
	}
	if req.Verify {
		man.Verify = downloader.VerifyIfPossible
	}
	err = man.Build()
	var rnf downloader.ErrRepoNotFound
	if errors.As(err, &rnf) {
		return nil, fmt.Errorf("%s. Please add the missing repos via 'helm repo add'", rnf.Error())
	}
	return nil, err
}
