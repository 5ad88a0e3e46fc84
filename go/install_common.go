package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"time"

	"helm.sh/helm/v4/internal/tlsutil"
	"helm.sh/helm/v4/pkg/action"
	"helm.sh/helm/v4/pkg/chart"
	"helm.sh/helm/v4/pkg/chart/loader"
	"helm.sh/helm/v4/pkg/cli"
	"helm.sh/helm/v4/pkg/cli/values"
	"helm.sh/helm/v4/pkg/downloader"
	"helm.sh/helm/v4/pkg/getter"
	"helm.sh/helm/v4/pkg/kube"
	"helm.sh/helm/v4/pkg/postrenderer"
	"helm.sh/helm/v4/pkg/registry"
	release "helm.sh/helm/v4/pkg/release/v1"
)

func (v *ValuesOptions) options() *values.Options {
	return &values.Options{
		ValueFiles:    v.ValueFiles,
		StringValues:  v.StringValues,
		Values:        v.Values,
		FileValues:    v.FileValues,
		JSONValues:    v.JSONValues,
		LiteralValues: v.LiteralValues,
	}
}

func (c *ChartPathOptions) apply(o *action.ChartPathOptions) {
	o.CaFile = c.CaFile
	o.CertFile = c.CertFile
	o.KeyFile = c.KeyFile
	o.InsecureSkipTLSVerify = c.InsecureSkipTLSVerify
	o.PlainHTTP = c.PlainHTTP
	o.Keyring = c.Keyring
	o.PassCredentialsAll = c.PassCredentialsAll
	o.Password = c.Password
	o.RepoURL = c.RepoURL
	o.Username = c.Username
	o.Verify = c.Verify
	o.Version = c.Version
}

// newInstallAction builds action.Install from the flags helm's addInstallFlags binds.
func newInstallAction(cfg *action.Configuration, e *cli.EnvSettings, o *InstallOptions, c *ChartPathOptions) (*action.Install, error) {
	client := action.NewInstall(cfg)
	c.apply(&client.ChartPathOptions)
	client.CreateNamespace = o.CreateNamespace
	client.ForceReplace = o.ForceReplace
	client.ForceConflicts = o.ForceConflicts
	client.ServerSideApply = o.ServerSide
	client.DisableHooks = o.NoHooks
	client.Replace = o.Replace
	client.WaitStrategy = kube.WaitStrategy(o.Wait)
	client.WaitForJobs = o.WaitForJobs
	client.GenerateName = o.GenerateName
	client.NameTemplate = o.NameTemplate
	client.Description = o.Description
	client.Devel = o.Devel
	client.DependencyUpdate = o.DependencyUpdate
	client.DisableOpenAPIValidation = o.DisableOpenAPIValidation
	client.RollbackOnFailure = o.RollbackOnFailure
	client.SkipCRDs = o.SkipCRDs
	client.SubNotes = o.RenderSubchartNotes
	client.SkipSchemaValidation = o.SkipSchemaValidation
	client.Labels = o.Labels
	client.EnableDNS = o.EnableDNS
	client.HideNotes = o.HideNotes
	client.TakeOwnership = o.TakeOwnership
	if o.Timeout != "" {
		d, err := time.ParseDuration(o.Timeout)
		if err != nil {
			return nil, err
		}
		client.Timeout = d
	}
	if o.PostRenderer != "" {
		pr, err := postrenderer.NewPostRendererPlugin(e, o.PostRenderer, o.PostRendererArgs...)
		if err != nil {
			// helm builds the post-renderer while it parses the flag, so pflag wraps the error.
			return nil, fmt.Errorf("invalid argument %q for \"--post-renderer\" flag: %w", o.PostRenderer, err)
		}
		client.PostRenderer = pr
	}
	return client, nil
}

// setRegistryClient gives an action helm's registry client for the download flags, printing to out.
func setRegistryClient(client interface{ SetRegistryClient(*registry.Client) }, e *cli.EnvSettings, out io.Writer,
	d *DownloadOptions) error {
	rc, err := newRegistryClient(e, out, d)
	if err != nil {
		return err
	}
	client.SetRegistryClient(rc)
	return nil
}

// newRegistryClient re-creates the registry client helm's CLI builds from the download flags; its
// errors carry helm's "missing registry client: " prefix.
func newRegistryClient(e *cli.EnvSettings, out io.Writer, c *DownloadOptions) (*registry.Client, error) {
	rc, err := buildRegistryClient(e, out, c)
	if err != nil {
		return nil, fmt.Errorf("missing registry client: %w", err)
	}
	return rc, nil
}

func buildRegistryClient(e *cli.EnvSettings, out io.Writer, c *DownloadOptions) (*registry.Client, error) {
	opts := []registry.ClientOption{
		registry.ClientOptDebug(e.Debug),
		registry.ClientOptEnableCache(true),
		registry.ClientOptWriter(out),
		registry.ClientOptCredentialsFile(e.RegistryConfig),
	}
	if c.CertFile != "" && c.KeyFile != "" || c.CaFile != "" || c.InsecureSkipTLSVerify {
		tlsConf, err := tlsutil.NewTLSConfig(
			tlsutil.WithInsecureSkipVerify(c.InsecureSkipTLSVerify),
			tlsutil.WithCertKeyPairFiles(c.CertFile, c.KeyFile),
			tlsutil.WithCAFile(c.CaFile),
		)
		if err != nil {
			return nil, fmt.Errorf("can't create TLS config for client: %w", err)
		}
		opts = append(opts, registry.ClientOptHTTPClient(&http.Client{
			Transport: &http.Transport{TLSClientConfig: tlsConf, Proxy: http.ProxyFromEnvironment},
		}))
	} else if c.PlainHTTP {
		opts = append(opts, registry.ClientOptPlainHTTP())
	}
	opts = append(opts, registry.ClientOptBasicAuth(c.Username, c.Password))
	return registry.NewClient(opts...)
}

// sourceDateEpoch reads SOURCE_DATE_EPOCH as helm's CLI does (nil when unset).
func sourceDateEpoch() (*time.Time, error) {
	s, ok := os.LookupEnv("SOURCE_DATE_EPOCH")
	if !ok || s == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return nil, fmt.Errorf("invalid SOURCE_DATE_EPOCH: %w", err)
	}
	if n < 0 {
		return nil, errors.New("invalid SOURCE_DATE_EPOCH: must not be negative")
	}
	t := time.Unix(n, 0).UTC()
	return &t, nil
}

// runInstall is the orchestration helm's CLI wraps around action.Install: locate the chart, merge
// values, check installability and dependencies, then run.
func runInstall(ctx context.Context, args []string, client *action.Install, e *cli.EnvSettings,
	vo *ValuesOptions, out io.Writer) (*release.Release, error) {
	slog.Debug("Original chart version", "version", client.Version)
	if client.Version == "" && client.Devel {
		slog.Debug("setting version to >0.0.0-0")
		client.Version = ">0.0.0-0"
	}
	name, chartRef, err := client.NameAndChart(args)
	if err != nil {
		return nil, err
	}
	client.ReleaseName = name

	cp, err := locateChart(&client.ChartPathOptions, chartRef, e)
	if err != nil {
		return nil, err
	}
	slog.Debug("Chart path", "path", cp)

	p := getter.All(e)
	vals, err := vo.options().MergeValues(p)
	if err != nil {
		return nil, err
	}
	chartRequested, err := loader.Load(cp)
	if err != nil {
		return nil, err
	}
	ac, err := chart.NewAccessor(chartRequested)
	if err != nil {
		return nil, err
	}
	meta := ac.MetadataAsMap()
	switch meta["Type"] {
	case "", "application":
	default:
		return nil, fmt.Errorf("%s charts are not installable", meta["Type"])
	}
	if ac.Deprecated() {
		slog.Warn("this chart is deprecated")
	}
	if chartRequested, err = ensureDependencies(out, e, p, cp, chartRequested, ac, client.Keyring,
		client.DependencyUpdate, client.GetRegistryClient()); err != nil {
		return nil, err
	}
	client.Namespace = e.Namespace()
	ri, err := client.RunWithContext(ctx, chartRequested, vals)
	rel, rerr := toV1Release(ri)
	if rerr != nil {
		return nil, rerr
	}
	return rel, err
}

// ensureDependencies is the dependency check helm's install and upgrade commands run before the
// action: missing dependencies are an error unless --dependency-update, which fetches them and
// reloads the chart.
func ensureDependencies(out io.Writer, e *cli.EnvSettings, p getter.Providers, chartPath string, ch chart.Charter,
	ac chart.Accessor, keyring string, update bool, rc *registry.Client) (chart.Charter, error) {
	deps := ac.MetaDependencies()
	if len(deps) == 0 {
		return ch, nil
	}
	epoch, err := sourceDateEpoch()
	if err != nil {
		return nil, err
	}
	if err := action.CheckDependencies(ch, deps); err != nil {
		if !update {
			return nil, fmt.Errorf("an error occurred while checking for chart dependencies. You may need to run 'helm dependency build' to fetch missing dependencies: %w", err)
		}
		man := &downloader.Manager{
			Out:              out,
			ChartPath:        chartPath,
			Keyring:          keyring,
			Getters:          p,
			RepositoryConfig: e.RepositoryConfig,
			RepositoryCache:  e.RepositoryCache,
			ContentCache:     e.ContentCache,
			Debug:            e.Debug,
			RegistryClient:   rc,
			SourceDateEpoch:  epoch,
		}
		if err := man.Update(); err != nil {
			return nil, err
		}
		if ch, err = loader.Load(chartPath); err != nil {
			return nil, fmt.Errorf("failed reloading chart after repo update: %w", err)
		}
	}
	return ch, nil
}
