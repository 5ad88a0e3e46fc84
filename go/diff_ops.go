package main

// `cpphelm diff`: the helm-diff plugin's commands, in process. helm-diff (v3.9.14) runs `helm` as a
// subprocess for every read (get manifest, get hooks, get values, template) and then compares with its
// own packages; here the same reads are the shim's own ops (their stdout is exactly what helm prints),
// and the comparison and its reports are helm-diff's packages themselves, so output matches byte for
// byte. Flag parsing is C++'s (app/commands/diff.cpp); these ops get the parsed flags.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/databus23/helm-diff/v3/diff"
	"github.com/databus23/helm-diff/v3/manifest"
	"github.com/gonvenience/bunt"
	"github.com/mgutz/ansi"
)

func init() {
	handle("diff.upgrade", opDiffUpgrade)
	handle("diff.revision", opDiffRevision)
	handle("diff.rollback", opDiffRollback)
	handle("diff.release", opDiffRelease)
}

// helm-diff's hook names it leaves out unless --include-tests.
var diffTestHooks = []string{"test", "test-success"}

// DiffOptions are helm-diff's report options (its AddDiffOptions) and colour flags, shared by every
// diff command.
type DiffOptions struct {
	SuppressSecrets         bool     `json:"suppress_secrets"`
	ShowSecrets             bool     `json:"show_secrets"`
	Suppress                []string `json:"suppress"`
	Context                 int      `json:"context"`
	ContextSet              bool     `json:"context_set"`
	Output                  string   `json:"output"`
	OutputSet               bool     `json:"output_set"`
	StripTrailingCR         bool     `json:"strip_trailing_cr"`
	FindRenames             float32  `json:"find_renames"`
	SuppressOutputLineRegex []string `json:"suppress_output_line_regex"`
	DetailedExitCode        bool     `json:"detailed_exitcode"`
	IncludeTests            bool     `json:"include_tests"`
	NormalizeManifests      bool     `json:"normalize_manifests"`
	NormalizeManifestsSet   bool     `json:"normalize_manifests_set"`
	Color                   bool     `json:"color"`
	ColorSet                bool     `json:"color_set"`
	NoColor                 bool     `json:"no_color"`
	NoColorSet              bool     `json:"no_color_set"`
	StdoutIsTerminal        bool     `json:"stdout_is_terminal"`
}

// DiffUpgradeRequest is `diff upgrade RELEASE CHART` (and helm-diff's deprecated `diff RELEASE CHART`).
type DiffUpgradeRequest struct {
	Settings                 Settings         `json:"settings"`
	Diff                     DiffOptions      `json:"diff"`
	Release                  string           `json:"release"`
	Chart                    string           `json:"chart"`
	ChartOptions             ChartPathOptions `json:"chart_options"`
	Values                   ValuesOptions    `json:"values"`
	Devel                    bool             `json:"devel"`
	DisableValidation        bool             `json:"disable_validation"`
	DisableOpenAPIValidation bool             `json:"disable_openapi_validation"`
	EnableDNS                bool             `json:"enable_dns"`
	SkipSchemaValidation     bool             `json:"skip_schema_validation"`
	ReuseValues              bool             `json:"reuse_values"`
	ResetValues              bool             `json:"reset_values"`
	ResetThenReuseValues     bool             `json:"reset_then_reuse_values"`
	AllowUnreleased          bool             `json:"allow_unreleased"`
	Install                  bool             `json:"install"`
	NoHooks                  bool             `json:"no_hooks"`
	PostRenderer             string           `json:"post_renderer"`
	PostRendererArgs         []string         `json:"post_renderer_args"`
	ThreeWayMerge            bool             `json:"three_way_merge"`
	ThreeWayMergeSet         bool             `json:"three_way_merge_set"`
	APIVersions              []string         `json:"api_versions"`
	KubeVersion              string           `json:"kube_version"`
	DryRun                   string           `json:"dry_run"` // "" when not given, else its value ("client" when bare)
}

// DiffRevisionRequest is `diff revision RELEASE REV1 [REV2]` and `diff rollback RELEASE REV`.
type DiffRevisionRequest struct {
	Settings  Settings    `json:"settings"`
	Diff      DiffOptions `json:"diff"`
	Release   string      `json:"release"`
	Revisions []string    `json:"revisions"`
}

// DiffReleaseRequest is `diff release A B` (each may be namespace/release).
type DiffReleaseRequest struct {
	Settings Settings    `json:"settings"`
	Diff     DiffOptions `json:"diff"`
	Releases []string    `json:"releases"`
}

// errDiffChanges is helm-diff's --detailed-exitcode result when it saw changes: exit status 2.
var errDiffChanges = &pluginExitError{
	err:  errors.New("identified at least one change, exiting with non-zero exit code (detailed-exitcode parameter enabled)"),
	code: 2,
}

// configureDiffColor is helm-diff's root PersistentPreRun: the colour of the diff (mgutz/ansi) and of
// dyff (bunt) from --color, --no-color, HELM_DIFF_COLOR, whether stdout is a terminal and TERM.
func configureDiffColor(o *DiffOptions) {
	var fc *bool
	if o.ColorSet {
		fc = &o.Color
	} else if v, err := strconv.ParseBool(os.Getenv("HELM_DIFF_COLOR")); err == nil {
		fc = &v
	}
	bunt.SetColorSettings(bunt.ON, bunt.ON)
	if o.NoColor || (fc != nil && !*fc) {
		ansi.DisableColors(true)
		bunt.SetColorSettings(bunt.OFF, bunt.OFF)
	} else if !o.NoColorSet && fc == nil {
		ansi.DisableColors(!o.StdoutIsTerminal || os.Getenv("TERM") == "dumb")
		bunt.SetColorSettings(bunt.OFF, bunt.OFF)
	}
}

// reportOptions applies the environment defaults helm-diff reads and returns its diff.Options.
func (o *DiffOptions) reportOptions() *diff.Options {
	format := o.Output
	if !o.OutputSet {
		if v, ok := os.LookupEnv("HELM_DIFF_OUTPUT"); ok && strings.TrimSpace(v) != "" {
			format = v
		}
	}
	kinds := slices.Clone(o.Suppress)
	if kinds == nil {
		kinds = []string{}
	}
	if o.SuppressSecrets {
		kinds = append(kinds, "Secret")
	}
	regexes := o.SuppressOutputLineRegex
	if regexes == nil {
		regexes = []string{}
	}
	return &diff.Options{
		OutputFormat:              format,
		OutputContext:             o.Context,
		StripTrailingCR:           o.StripTrailingCR,
		ShowSecrets:               o.ShowSecrets,
		SuppressedKinds:           kinds,
		FindRenames:               o.FindRenames,
		SuppressedOutputLineRegex: regexes,
	}
}

func (o *DiffOptions) excludedHooks() []string {
	if o.IncludeTests {
		return nil
	}
	return diffTestHooks
}

// printDiff compares two parsed manifests with helm-diff's own code, into the op's stdout.
// `releases` compares two releases (diff.Releases), otherwise revisions or a release and a chart.
func printDiff(c *call, old, cur map[string]*manifest.MappingResult, opts *diff.Options, releases bool) (changed bool, err error) {
	// helm-diff panics on a --suppress-output-line-regex that does not compile: report the error instead.
	for _, re := range opts.SuppressedOutputLineRegex {
		if _, err := regexp.Compile(re); err != nil {
			return false, err
		}
	}
	if releases {
		return diff.Releases(old, cur, opts, c), nil
	}
	return diff.Manifests(old, cur, opts, c), nil
}

// readRelease runs one of the shim's `get` reads (what helm-diff runs as `helm get …`) and returns
// exactly what helm prints.
func readRelease(ctx context.Context, s *Settings, req GetRequest) (string, error) {
	req.Settings = *s
	sub := &call{ctx: ctx}
	if _, err := opGet(sub, &req); err != nil {
		return "", err
	}
	return string(sub.stdout), nil
}

func diffNamespace(s *Settings) string { return s.envSettings().Namespace() }

func opDiffUpgrade(c *call, req *DiffUpgradeRequest) (any, error) {
	dryRun := req.DryRun
	if dryRun == "" {
		dryRun = "none"
	} else if !slices.Contains([]string{"server", "client", "true", "false"}, dryRun) {
		return nil, fmt.Errorf("flag %q must take a bool value or either %q or %q, but got %q", "dry-run", "client", "server", dryRun)
	}
	configureDiffColor(&req.Diff)
	if !req.ThreeWayMerge && !req.ThreeWayMergeSet && os.Getenv("HELM_DIFF_THREE_WAY_MERGE") == "true" {
		req.ThreeWayMerge = true
		fmt.Fprintln(c, "Enabled three way merge via the envvar")
	}
	normalize := req.Diff.NormalizeManifests
	if !normalize && !req.Diff.NormalizeManifestsSet && os.Getenv("HELM_DIFF_NORMALIZE_MANIFESTS") == "true" {
		normalize = true
		fmt.Fprintln(c, "Enabled normalize manifests via the envvar")
	}
	if req.Diff.Context == -1 && !req.Diff.ContextSet {
		if v := os.Getenv("HELM_DIFF_OUTPUT_CONTEXT"); v != "" {
			if n, err := strconv.Atoi(v); err == nil {
				req.Diff.Context = n
			}
		}
	}
	clusterAccess := dryRun == "none" || dryRun == "false" || dryRun == "server"
	namespace := diffNamespace(&req.Settings)

	var current string
	var err error
	if clusterAccess {
		current, err = readRelease(c.ctx, &req.Settings, GetRequest{What: "manifest", Release: req.Release})
	}
	newInstall := false
	if err != nil && strings.Contains(err.Error(), "release: not found") {
		if req.AllowUnreleased || req.Install {
			fmt.Fprintf(c, "********************\n\n\tRelease was not present in Helm.  Diff will show entire contents as new.\n\n********************\n")
			newInstall = true
			err = nil
		} else {
			fmt.Fprintf(c, "********************\n\n\tRelease was not present in Helm.  Include the `--allow-unreleased` to perform diff without exiting in error.\n\n********************\n")
			return nil, err
		}
	}
	if err != nil {
		return nil, fmt.Errorf("Failed to get release %s in namespace %s: %w", req.Release, namespace, err)
	}

	rendered, err := diffRender(c, req, !newInstall, clusterAccess, dryRun)
	if err != nil {
		return nil, fmt.Errorf("Failed to render chart: %w", err)
	}

	if req.ThreeWayMerge {
		_, cfg, err := configured(&req.Settings)
		if err != nil {
			return nil, err
		}
		if current, rendered, err = threeWayManifests(cfg, current, rendered); err != nil {
			return nil, err
		}
	}

	currentSpecs := map[string]*manifest.MappingResult{}
	if !newInstall && clusterAccess {
		if !req.NoHooks && !req.ThreeWayMerge {
			hooks, err := readRelease(c.ctx, &req.Settings, GetRequest{What: "hooks", Release: req.Release})
			if err != nil {
				return nil, err
			}
			current += hooks
		}
		currentSpecs = manifest.Parse(current, namespace, normalize, req.Diff.excludedHooks()...)
	}
	newSpecs := manifest.Parse(rendered, namespace, normalize, req.Diff.excludedHooks()...)
	changed, err := printDiff(c, currentSpecs, newSpecs, req.Diff.reportOptions(), false)
	if err != nil {
		return nil, err
	}
	if req.Diff.DetailedExitCode && changed {
		return nil, errDiffChanges
	}
	return nil, nil
}

// diffRender renders the chart as helm-diff's `helm template` does: the release's values reused when an
// upgrade sets none (helm's default), --is-upgrade, and against the cluster unless --disable-validation
// or a client-side --dry-run. helm-diff asks for `--validate --dry-run=client`, which helm v4 refuses;
// its meaning in helm v4 is --dry-run=server, which this uses.
func diffRender(c *call, d *DiffUpgradeRequest, isUpgrade, clusterAccess bool, dryRun string) (string, error) {
	t := TemplateRequest{
		Settings: d.Settings,
		Args:     []string{d.Release, d.Chart},
		Install: InstallOptions{
			ServerSide:               true,
			NoHooks:                  d.NoHooks,
			Timeout:                  "5m0s",
			Wait:                     "hookOnly",
			Devel:                    d.Devel,
			DisableOpenAPIValidation: d.DisableOpenAPIValidation,
			EnableDNS:                d.EnableDNS,
			SkipSchemaValidation:     d.SkipSchemaValidation,
			PostRenderer:             d.PostRenderer,
			PostRendererArgs:         d.PostRendererArgs,
		},
		Chart:       d.ChartOptions,
		Values:      d.Values,
		DryRun:      "client",
		IsUpgrade:   isUpgrade,
		KubeVersion: d.KubeVersion,
		APIVersions: d.APIVersions,
	}
	if dryRun == "server" {
		t.DryRun = "server"
	} else if !d.DisableValidation && clusterAccess {
		t.Validate = true
	}
	files, cleanup, err := diffValueFiles(c.ctx, d, isUpgrade, clusterAccess)
	defer cleanup()
	if err != nil {
		return "", err
	}
	t.Values.ValueFiles = files
	if os.Getenv("HELM_DIFF_USE_UPGRADE_DRY_RUN") == "true" {
		return diffRenderByUpgrade(c, d, t.Values)
	}
	sub := &call{ctx: c.ctx}
	if _, err := opTemplate(sub, &t); err != nil {
		return "", err
	}
	return string(sub.stdout), nil
}

// diffValueFiles is the values files helm-diff passes: the release's values first (written to a
// temporary file, as helm-diff writes `helm get values`) when an upgrade reuses them — asked to, or by
// helm's default when it sets no values — then the user's. cleanup removes the temporary file.
func diffValueFiles(ctx context.Context, d *DiffUpgradeRequest, isUpgrade, clusterAccess bool) ([]string, func(), error) {
	files := d.Values.ValueFiles
	v := d.Values
	setsNone := len(v.Values) == 0 && len(v.StringValues) == 0 && len(v.LiteralValues) == 0 &&
		len(v.JSONValues) == 0 && len(v.ValueFiles) == 0 && len(v.FileValues) == 0
	if !(d.ReuseValues || d.ResetThenReuseValues || (isUpgrade && setsNone)) || d.ResetValues || !clusterAccess {
		return files, func() {}, nil
	}
	all := !(d.ResetThenReuseValues && !d.ReuseValues)
	existing, err := readRelease(ctx, &d.Settings, GetRequest{What: "values", Release: d.Release, AllValues: all, Output: "yaml"})
	if err != nil {
		// helm-diff writes `helm get values` into the file and ignores its failure: an empty file.
		existing = ""
	}
	f, err := os.CreateTemp("", "existing-values")
	if err != nil {
		return nil, func() {}, err
	}
	cleanup := func() { os.Remove(f.Name()) }
	if _, err := f.WriteString(existing); err != nil {
		f.Close()
		return nil, cleanup, err
	}
	if err := f.Close(); err != nil {
		return nil, cleanup, err
	}
	return append([]string{f.Name()}, files...), cleanup, nil
}

// diffRenderByUpgrade is HELM_DIFF_USE_UPGRADE_DRY_RUN: the manifests of `helm upgrade --dry-run=server`
// (with --install for an unreleased diff), cut out of what that command prints as helm-diff cuts them.
func diffRenderByUpgrade(c *call, d *DiffUpgradeRequest, values ValuesOptions) (string, error) {
	u := UpgradeRequest{
		Settings: d.Settings,
		Release:  d.Release,
		ChartRef: d.Chart,
		Revision: RevisionOptions{ServerSide: "auto", Timeout: "5m0s", Wait: "hookOnly", HistoryMax: d.Settings.MaxHistory,
			DryRun: "server"},
		Values:                   values,
		Chart:                    d.ChartOptions,
		Install:                  d.AllowUnreleased || d.Install,
		Devel:                    d.Devel,
		DisableOpenAPIValidation: d.DisableOpenAPIValidation,
		SkipSchemaValidation:     d.SkipSchemaValidation,
		EnableDNS:                d.EnableDNS,
		PostRenderer:             d.PostRenderer,
		PostRendererArgs:         d.PostRendererArgs,
		Output:                   "table",
	}
	sub := &call{ctx: c.ctx}
	if _, err := opUpgrade(sub, &u); err != nil {
		return "", err
	}
	return string(manifestsOfUpgradeOutput(sub.stdout, d.NoHooks)), nil
}

// manifestsOfUpgradeOutput cuts the MANIFEST section (up to NOTES) and, unless noHooks, the HOOKS
// section out of a dry-run upgrade's printed release, manifests first.
func manifestsOfUpgradeOutput(s []byte, noHooks bool) []byte {
	if len(s) == 0 {
		return s
	}
	i := bytes.Index(s, []byte("HOOKS:"))
	if i < 0 {
		i = 0
	}
	hooks := s[i:]
	manifests := hooks
	if j := bytes.Index(hooks, []byte("MANIFEST:")); j >= 0 {
		manifests, hooks = hooks[j:], hooks[:j]
	}
	if k := bytes.Index(manifests, []byte("\nNOTES:")); k > -1 {
		manifests = manifests[:k+1]
	}
	if noHooks {
		hooks = nil
	} else if a := bytes.Index(hooks, []byte("---")); a > -1 {
		hooks = hooks[a:]
	} else {
		hooks = nil
	}
	if a := bytes.Index(manifests, []byte("---")); a > -1 {
		manifests = manifests[a:]
	}
	return append(append([]byte{}, manifests...), hooks...)
}

// revisionManifest is `helm get manifest RELEASE --revision N` (0: the latest).
func revisionManifest(ctx context.Context, s *Settings, release string, revision int) (string, error) {
	return readRelease(ctx, s, GetRequest{What: "manifest", Release: release, Revision: revision})
}

func opDiffRevision(c *call, req *DiffRevisionRequest) (any, error) {
	configureDiffColor(&req.Diff)
	namespace := diffNamespace(&req.Settings)
	excl := req.Diff.excludedHooks()
	norm := req.Diff.NormalizeManifests
	opts := req.Diff.reportOptions()
	switch len(req.Revisions) {
	case 1:
		latest, err := revisionManifest(c.ctx, &req.Settings, req.Release, 0)
		if err != nil {
			return nil, err
		}
		rev, _ := strconv.Atoi(req.Revisions[0])
		old, err := revisionManifest(c.ctx, &req.Settings, req.Release, rev)
		if err != nil {
			return nil, err
		}
		// helm-diff ignores --detailed-exitcode when comparing with the latest revision.
		_, err = printDiff(c, manifest.Parse(old, namespace, norm, excl...), manifest.Parse(latest, namespace, norm, excl...), opts, false)
		return nil, err
	case 2:
		r1, _ := strconv.Atoi(req.Revisions[0])
		r2, _ := strconv.Atoi(req.Revisions[1])
		if r1 > r2 {
			r1, r2 = r2, r1
		}
		m1, err := revisionManifest(c.ctx, &req.Settings, req.Release, r1)
		if err != nil {
			return nil, err
		}
		m2, err := revisionManifest(c.ctx, &req.Settings, req.Release, r2)
		if err != nil {
			return nil, err
		}
		changed, err := printDiff(c, manifest.Parse(m1, namespace, norm, excl...), manifest.Parse(m2, namespace, norm, excl...), opts, false)
		if err != nil {
			return nil, err
		}
		if req.Diff.DetailedExitCode && changed {
			return nil, errDiffChanges
		}
		return nil, nil
	}
	return nil, errors.New("Invalid Arguments")
}

func opDiffRollback(c *call, req *DiffRevisionRequest) (any, error) {
	configureDiffColor(&req.Diff)
	namespace := diffNamespace(&req.Settings)
	excl := req.Diff.excludedHooks()
	norm := req.Diff.NormalizeManifests
	latest, err := revisionManifest(c.ctx, &req.Settings, req.Release, 0)
	if err != nil {
		return nil, err
	}
	rev, _ := strconv.Atoi(req.Revisions[0])
	target, err := revisionManifest(c.ctx, &req.Settings, req.Release, rev)
	if err != nil {
		return nil, err
	}
	changed, err := printDiff(c, manifest.Parse(latest, namespace, norm, excl...), manifest.Parse(target, namespace, norm, excl...), req.Diff.reportOptions(), false)
	if err != nil {
		return nil, err
	}
	if req.Diff.DetailedExitCode && changed {
		return nil, errDiffChanges
	}
	return nil, nil
}

func opDiffRelease(c *call, req *DiffReleaseRequest) (any, error) {
	configureDiffColor(&req.Diff)
	excl := req.Diff.excludedHooks()
	norm := req.Diff.NormalizeManifests
	type side struct {
		settings  Settings
		namespace string
		release   string
		manifest  string
		chart     string
	}
	var sides [2]side
	for i := range sides {
		s := &sides[i]
		s.settings = req.Settings
		s.release = req.Releases[i]
		if strings.Contains(s.release, "/") {
			parts := strings.Split(s.release, "/")
			s.settings.Namespace, s.release = parts[0], parts[1]
		}
		s.namespace = diffNamespace(&s.settings)
		var err error
		if s.manifest, err = revisionManifest(c.ctx, &s.settings, s.release, 0); err != nil {
			return nil, err
		}
		if s.chart, err = readRelease(c.ctx, &s.settings, GetRequest{What: "all", Release: s.release, Template: "{{.Release.Chart.Name}}"}); err != nil {
			return nil, err
		}
	}
	if sides[0].chart != sides[1].chart {
		fmt.Fprintf(c, "Error : Incomparable Releases \n Unable to compare releases from two different charts \"%s\", \"%s\". \n try helm diff release --help to know more \n", sides[0].chart, sides[1].chart)
		return nil, nil
	}
	changed, err := printDiff(c, manifest.Parse(sides[0].manifest, sides[0].namespace, norm, excl...),
		manifest.Parse(sides[1].manifest, sides[1].namespace, norm, excl...), req.Diff.reportOptions(), true)
	if err != nil {
		return nil, err
	}
	if req.Diff.DetailedExitCode && changed {
		return nil, errDiffChanges
	}
	return nil, nil
}
