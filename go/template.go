package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"helm.sh/helm/v4/pkg/action"
	"helm.sh/helm/v4/pkg/chart/common"
	ri "helm.sh/helm/v4/pkg/release"
	release "helm.sh/helm/v4/pkg/release/v1"
	releaseutil "helm.sh/helm/v4/pkg/release/v1/util"
)

func init() { handle("template", opTemplate) }

func toV1Release(r ri.Releaser) (*release.Release, error) {
	switch v := r.(type) {
	case release.Release:
		return &v, nil
	case *release.Release:
		return v, nil
	case nil:
		return nil, nil
	default:
		return nil, fmt.Errorf("unsupported release type: %T", r)
	}
}

// dryRunStrategy re-creates helm's reading of the --dry-run flag for template (always a dry run).
// C++ has already warned about the deprecated forms.
func templateDryRun(v string) (action.DryRunStrategy, error) {
	switch v {
	case "unset", "client", "true", "1", "t", "T", "TRUE", "True":
		return action.DryRunClient, nil
	case "server":
		return action.DryRunServer, nil
	case "none", "false", "0", "f", "F", "FALSE", "False":
		return action.DryRunNone, fmt.Errorf(`invalid dry-run value (%q). Must be "server" or "client"`, v)
	}
	return action.DryRunNone, fmt.Errorf(`invalid dry-run value (%q). Must be "none", "server", or "client"`, v)
}

func opTemplate(c *call, req *TemplateRequest) (any, error) {
	e, cfg, err := configured(&req.Settings)
	if err != nil {
		return nil, err
	}
	client, err := newInstallAction(cfg, e, &req.Install, &req.Chart)
	if err != nil {
		return nil, err
	}
	if client.KubeVersion, err = parseKubeVersion(req.KubeVersion); err != nil {
		return nil, err
	}
	if err := setRegistryClient(client, e, eventWriter(eventStderr), &req.Chart.DownloadOptions); err != nil {
		return nil, err
	}
	strategy, err := templateDryRun(req.DryRun)
	if err != nil {
		return nil, err
	}
	if req.Validate {
		strategy = action.DryRunServer
	}
	client.DryRunStrategy = strategy
	client.ReleaseName = "release-name"
	client.Replace = true
	client.APIVersions = common.VersionSet(req.APIVersions)
	client.IncludeCRDs = req.IncludeCRDs
	client.OutputDir = req.OutputDir
	client.UseReleaseName = req.ReleaseName
	client.IsUpgrade = req.IsUpgrade

	rel, err := runInstall(c.ctx, req.Args, client, e, &req.Values, c)
	if err != nil && !e.Debug {
		if rel != nil {
			return nil, fmt.Errorf("%w\n\nUse --debug flag to render out invalid YAML", err)
		}
		return nil, err
	}
	installErr := err
	if rel == nil {
		return nil, installErr
	}
	var manifests bytes.Buffer
	fmt.Fprintln(&manifests, strings.TrimSpace(rel.Manifest))
	if !client.DisableHooks {
		written := map[string]bool{}
		for _, h := range rel.Hooks {
			if req.SkipTests && slices.Contains(h.Events, release.HookTest) {
				continue
			}
			if client.OutputDir == "" {
				fmt.Fprintf(&manifests, "---\n# Source: %s\n%s\n", h.Path, h.Manifest)
				continue
			}
			dir := client.OutputDir
			if client.UseReleaseName {
				dir = filepath.Join(client.OutputDir, client.ReleaseName)
			}
			if _, err := os.Stat(filepath.Join(dir, h.Path)); err == nil {
				written[h.Path] = true
			}
			if err := writeHookFile(c, dir, h.Path, h.Manifest, written[h.Path]); err != nil {
				return nil, err
			}
		}
	}
	if len(req.ShowOnly) == 0 {
		c.stdout = append(c.stdout, manifests.Bytes()...)
		return nil, installErr
	}
	shown, err := selectManifests(manifests.String(), req.ShowOnly, installErr, e.Debug)
	if err != nil {
		return nil, err
	}
	for _, m := range shown {
		fmt.Fprintf(c, "---\n%s\n", m)
	}
	return nil, installErr
}

var manifestNameRegex = regexp.MustCompile("# Source: [^/]+/(.+)")

// selectManifests keeps the manifests whose template path matches one of the --show-only globs.
func selectManifests(all string, globs []string, installErr error, debug bool) ([]string, error) {
	split := releaseutil.SplitManifests(all)
	keys := make([]string, 0, len(split))
	for k := range split {
		keys = append(keys, k)
	}
	sort.Sort(releaseutil.BySplitManifestsOrder(keys))
	var out []string
	for _, f := range globs {
		missing := true
		f = filepath.ToSlash(f)
		for _, k := range keys {
			m := split[k]
			sub := manifestNameRegex.FindStringSubmatch(m)
			if len(sub) == 0 {
				continue
			}
			if ok, _ := filepath.Match(f, sub[1]); !ok {
				continue
			}
			out = append(out, m)
			missing = false
		}
		if missing {
			if installErr != nil && debug {
				return nil, installErr
			}
			return nil, fmt.Errorf("could not find template %s in chart", f)
		}
	}
	return out, nil
}

// writeHookFile writes one hook manifest under the output dir as helm's template command does.
func writeHookFile(c *call, outputDir, name, data string, appendData bool) error {
	file := outputDir + string(filepath.Separator) + name
	base := filepath.Dir(file)
	if _, err := os.Stat(base); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.MkdirAll(base, 0o755); err != nil {
		return err
	}
	var f *os.File
	var err error
	if appendData {
		f, err = os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0o600)
	} else {
		f, err = os.Create(file)
	}
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := fmt.Fprintf(f, "---\n# Source: %s\n%s\n", name, data); err != nil {
		return err
	}
	fmt.Fprintf(c, "wrote %s\n", file)
	return nil
}
