package main

// The release commands: install, upgrade, rollback, uninstall, list, status, history, get, test.
// Each re-creates what helm's pkg/cmd does around the pkg/action call, then prints like helm.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"text/template"
	"time"
	"unicode/utf8"

	"helm.sh/helm/v4/pkg/action"
	ci "helm.sh/helm/v4/pkg/chart"
	"helm.sh/helm/v4/pkg/chart/loader"
	"helm.sh/helm/v4/pkg/cli"
	"helm.sh/helm/v4/pkg/cli/output"
	"helm.sh/helm/v4/pkg/getter"
	"helm.sh/helm/v4/pkg/kube"
	"helm.sh/helm/v4/pkg/postrenderer"
	ri "helm.sh/helm/v4/pkg/release"
	rcommon "helm.sh/helm/v4/pkg/release/common"
	release "helm.sh/helm/v4/pkg/release/v1"
	releaseutil "helm.sh/helm/v4/pkg/release/v1/util"
	"helm.sh/helm/v4/pkg/storage/driver"
)

func init() {
	register("install", opInstall)
	register("upgrade", opUpgrade)
	register("rollback", opRollback)
	register("uninstall", opUninstall)
	register("list", opList)
	register("status", opStatus)
	register("history", opHistory)
	register("get", opGet)
	register("test", opReleaseTest)
}

// cliDefaultStatusComputeWorkers is the status-computation parallelism helm's CLI gives every waiter.
const cliDefaultStatusComputeWorkers = 8

func defaultCLIWaitOptions() []kube.WaitOption {
	return []kube.WaitOption{kube.WithStatusComputeWorkers(cliDefaultStatusComputeWorkers)}
}

// cmdDryRun re-creates helm's reading of --dry-run for install, upgrade and rollback. C++ has
// already warned about the deprecated spellings.
func cmdDryRun(v string) (action.DryRunStrategy, error) {
	switch v {
	case "unset", "client":
		return action.DryRunClient, nil
	case "server":
		return action.DryRunServer, nil
	case "none", "":
		return action.DryRunNone, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return action.DryRunNone, fmt.Errorf(`invalid dry-run value (%q). Must be "none", "server", or "client"`, v)
	}
	if b {
		return action.DryRunClient, nil
	}
	return action.DryRunNone, nil
}

func parseTimeout(s string) (time.Duration, error) {
	if s == "" {
		return 300 * time.Second, nil
	}
	return time.ParseDuration(s)
}

// onSignal does what helm's install and upgrade do on SIGINT/SIGTERM: print that the release is
// cancelled and cancel the operation's context. The returned stop undoes it.
func onSignal(ctx context.Context, out io.Writer, name string) (context.Context, func()) {
	ctx, cancel := context.WithCancel(ctx)
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case <-ch:
			fmt.Fprintf(out, "Release %s has been cancelled.\n", name)
			cancel()
		case <-ctx.Done():
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		close(done)
		cancel()
	}
}

// releaseConfig is configured() for commands that run against a release store.
func releaseConfig(s *Settings) (*cli.EnvSettings, *action.Configuration, error) {
	e, cfg, err := configured(s)
	if err != nil {
		return nil, nil, err
	}
	return e, cfg, nil
}

// ---- install ----

func opInstall(c *call, data []byte) (any, error) {
	var req InstallRequest
	if err := decode(data, &req); err != nil {
		return nil, err
	}
	e, cfg, err := releaseConfig(&req.Settings)
	if err != nil {
		return nil, err
	}
	client, err := newInstallAction(cfg, e, &req.Install, &req.Chart)
	if err != nil {
		return nil, err
	}
	client.WaitOptions = append(client.WaitOptions, defaultCLIWaitOptions()...)
	client.HideSecret = req.HideSecret
	rc, err := newRegistryClient(e, c, &req.Chart.DownloadOptions)
	if err != nil {
		return nil, err
	}
	client.SetRegistryClient(rc)
	if client.DryRunStrategy, err = cmdDryRun(req.DryRun); err != nil {
		return nil, err
	}
	rel, err := installWithSignals(c, req.Args, client, e, &req.Values)
	if err != nil {
		return nil, fmt.Errorf("INSTALLATION FAILED: %w", err)
	}
	return nil, writeFormat(c, req.Output, &statusPrinter{release: rel, debug: e.Debug, hideNotes: client.HideNotes,
		noColor: e.ShouldDisableColor()})
}

// installWithSignals runs the install orchestration with helm's SIGINT/SIGTERM handling around the
// action itself (runInstall checks and loads before it; the handler is armed in the same place).
func installWithSignals(c *call, args []string, client *action.Install, e *cli.EnvSettings,
	vo *ValuesOptions) (*release.Release, error) {
	ctx, stop := onSignal(c.ctx, c, firstArg(args))
	defer stop()
	return runInstall(ctx, args, client, e, vo, c)
}

func firstArg(args []string) string {
	if len(args) == 0 {
		return ""
	}
	return args[0]
}

// ---- upgrade ----

func (r *RevisionOptions) timeout() (time.Duration, error) { return parseTimeout(r.Timeout) }

func opUpgrade(c *call, data []byte) (any, error) {
	var req UpgradeRequest
	if err := decode(data, &req); err != nil {
		return nil, err
	}
	e, cfg, err := releaseConfig(&req.Settings)
	if err != nil {
		return nil, err
	}
	client := action.NewUpgrade(cfg)
	client.WaitOptions = append(client.WaitOptions, defaultCLIWaitOptions()...)
	req.Chart.apply(&client.ChartPathOptions)
	rv := &req.Revision
	client.Install = req.Install
	client.Devel = req.Devel
	client.HideSecret = req.HideSecret
	client.ForceReplace = rv.ForceReplace
	client.ForceConflicts = rv.ForceConflicts
	client.ServerSideApply = rv.ServerSide
	client.DisableHooks = rv.NoHooks
	client.DisableOpenAPIValidation = req.DisableOpenAPIValidation
	client.SkipCRDs = req.SkipCRDs
	if client.Timeout, err = rv.timeout(); err != nil {
		return nil, err
	}
	client.ResetValues = req.ResetValues
	client.ReuseValues = req.ReuseValues
	client.ResetThenReuseValues = req.ResetThenReuseValues
	client.WaitForJobs = rv.WaitForJobs
	client.RollbackOnFailure = req.RollbackOnFailure
	client.MaxHistory = rv.HistoryMax
	client.CleanupOnFail = rv.CleanupOnFail
	client.SubNotes = req.RenderSubchartNotes
	client.HideNotes = req.HideNotes
	client.SkipSchemaValidation = req.SkipSchemaValidation
	client.Labels = req.Labels
	client.Description = rv.Description
	client.DependencyUpdate = req.DependencyUpdate
	client.EnableDNS = req.EnableDNS
	client.TakeOwnership = req.TakeOwnership
	client.WaitStrategy = kube.WaitStrategy(rv.Wait)
	if req.PostRenderer != "" {
		pr, err := postrenderer.NewPostRendererPlugin(e, req.PostRenderer, req.PostRendererArgs...)
		if err != nil {
			return nil, fmt.Errorf("invalid argument %q for \"--post-renderer\" flag: %w", req.PostRenderer, err)
		}
		client.PostRenderer = pr
	}
	client.Namespace = e.Namespace()

	rc, err := newRegistryClient(e, c, &req.Chart.DownloadOptions)
	if err != nil {
		return nil, err
	}
	client.SetRegistryClient(rc)
	if client.DryRunStrategy, err = cmdDryRun(rv.DryRun); err != nil {
		return nil, err
	}
	args := []string{req.Release, req.ChartRef}

	if client.Install {
		hist := action.NewHistory(cfg)
		hist.Max = 1
		versions, herr := hist.Run(req.Release)
		if errors.Is(herr, driver.ErrReleaseNotFound) || isReleaseUninstalled(versions) {
			if req.Output == "" || req.Output == string(output.Table) {
				fmt.Fprintf(c, "Release %q does not exist. Installing it now.\n", req.Release)
			}
			inst := action.NewInstall(cfg)
			inst.CreateNamespace = req.CreateNamespace
			inst.ChartPathOptions = client.ChartPathOptions
			inst.ForceReplace = client.ForceReplace
			inst.DryRunStrategy = client.DryRunStrategy
			inst.DisableHooks = client.DisableHooks
			inst.SkipCRDs = client.SkipCRDs
			inst.Timeout = client.Timeout
			inst.WaitStrategy = client.WaitStrategy
			inst.WaitOptions = client.WaitOptions
			inst.WaitForJobs = client.WaitForJobs
			inst.Devel = client.Devel
			inst.Namespace = client.Namespace
			inst.RollbackOnFailure = client.RollbackOnFailure
			inst.PostRenderer = client.PostRenderer
			inst.DisableOpenAPIValidation = client.DisableOpenAPIValidation
			inst.SubNotes = client.SubNotes
			inst.HideNotes = client.HideNotes
			inst.SkipSchemaValidation = client.SkipSchemaValidation
			inst.Description = client.Description
			inst.DependencyUpdate = client.DependencyUpdate
			inst.Labels = client.Labels
			inst.EnableDNS = client.EnableDNS
			inst.HideSecret = client.HideSecret
			inst.TakeOwnership = client.TakeOwnership
			inst.ForceConflicts = client.ForceConflicts
			inst.ServerSideApply = client.ServerSideApply != "false"
			if isReleaseUninstalled(versions) {
				inst.Replace = true
			}
			rel, err := installWithSignals(c, args, inst, e, &req.Values)
			if err != nil {
				return nil, err
			}
			return nil, writeFormat(c, req.Output, &statusPrinter{release: rel, debug: e.Debug,
				hideNotes: inst.HideNotes, noColor: e.ShouldDisableColor()})
		} else if herr != nil {
			return nil, herr
		}
	}

	if client.Version == "" && client.Devel {
		slog.Debug("setting version to >0.0.0-0")
		client.Version = ">0.0.0-0"
	}
	chartPath, err := client.LocateChart(req.ChartRef, e)
	if err != nil {
		return nil, err
	}
	p := getter.All(e)
	vals, err := req.Values.options().MergeValues(p)
	if err != nil {
		return nil, err
	}
	ch, err := loader.Load(chartPath)
	if err != nil {
		return nil, err
	}
	ac, err := ci.NewAccessor(ch)
	if err != nil {
		return nil, err
	}
	if ch, err = ensureDependencies(c, e, p, chartPath, ch, ac, client.Keyring, client.DependencyUpdate, rc); err != nil {
		return nil, err
	}
	if ac.Deprecated() {
		slog.Warn("this chart is deprecated")
	}

	ctx, stop := onSignal(c.ctx, c, req.Release)
	reli, err := client.RunWithContext(ctx, req.Release, ch, vals)
	stop()
	if err != nil {
		if client.RollbackOnFailure {
			err = retryRollback(cfg, client, req.Release, err)
		}
		ensureNotPending(cfg, req.Release, err)
		return nil, fmt.Errorf("UPGRADE FAILED: %w", err)
	}
	rel, err := toV1Release(reli)
	if err != nil {
		return nil, err
	}
	if req.Output == "" || req.Output == string(output.Table) {
		fmt.Fprintf(c, "Release %q has been upgraded. Happy Helming!\n", req.Release)
	}
	return nil, writeFormat(c, req.Output, &statusPrinter{release: rel, debug: e.Debug, hideNotes: client.HideNotes,
		noColor: e.ShouldDisableColor()})
}

func isReleaseUninstalled(versions []ri.Releaser) bool {
	if len(versions) == 0 {
		return false
	}
	last, err := toV1Release(versions[len(versions)-1])
	return err == nil && last != nil && last.Info.Status == rcommon.StatusUninstalled
}

// rollbackFailedPrefix starts the error helm's upgrade returns when its rollback-on-failure itself failed.
const rollbackFailedPrefix = "an error occurred while rolling back the release. original upgrade error: "

// retryRollback is cpphelm's answer to a rollback-on-failure that failed (helm's rollback can reuse
// an expired deadline after a --wait timeout): roll back once more, with a deadline of its own. When
// that succeeds the error is the one helm gives for a successful rollback.
func retryRollback(cfg *action.Configuration, u *action.Upgrade, name string, err error) error {
	if !strings.HasPrefix(err.Error(), rollbackFailedPrefix) {
		return err
	}
	multi, ok := err.(interface{ Unwrap() []error })
	if !ok || len(multi.Unwrap()) == 0 {
		return err
	}
	errs := multi.Unwrap()
	original := errs[0]
	// Only a rollback that ran out of time is retried; any other failure would fail again.
	if len(errs) < 2 || !(errors.Is(errs[1], context.DeadlineExceeded) ||
		strings.Contains(errs[1].Error(), "context deadline exceeded") ||
		strings.Contains(errs[1].Error(), "timed out waiting")) {
		return err
	}
	hist, herr := cfg.Releases.History(name)
	if herr != nil {
		return err
	}
	target := 0
	for _, ri := range hist {
		r, cerr := toV1Release(ri)
		if cerr != nil || r == nil {
			continue
		}
		if (r.Info.Status == rcommon.StatusSuperseded || r.Info.Status == rcommon.StatusDeployed) && r.Version > target {
			target = r.Version
		}
	}
	if target == 0 {
		return err
	}
	slog.Warn("rollback-on-failure failed; retrying the rollback with its own deadline", "name", name, "revision", target)
	rb := action.NewRollback(cfg)
	rb.Version = target
	rb.WaitStrategy = u.WaitStrategy
	rb.WaitOptions = u.WaitOptions
	rb.WaitForJobs = u.WaitForJobs
	rb.DisableHooks = u.DisableHooks
	rb.ForceReplace = u.ForceReplace
	rb.ForceConflicts = u.ForceConflicts
	rb.ServerSideApply = u.ServerSideApply
	rb.Timeout = u.Timeout
	if rerr := rb.Run(name); rerr != nil {
		return err
	}
	return fmt.Errorf("release %s failed, and has been rolled back due to rollback-on-failure being set: %w", name, original)
}

// ensureNotPending is cpphelm's safety net after a failed or cancelled upgrade: helm's upgrade can
// return (on a cancelled context) while its release record still says pending-upgrade. The
// latest record is then marked failed, as helm itself does for a failed upgrade.
func ensureNotPending(cfg *action.Configuration, name string, cause error) {
	last, err := cfg.Releases.Last(name)
	if err != nil {
		return
	}
	rel, err := toV1Release(last)
	if err != nil || rel == nil || !rel.Info.Status.IsPending() {
		return
	}
	rel.Info.Status = rcommon.StatusFailed
	rel.Info.Description = fmt.Sprintf("Upgrade %q failed: %s", name, cause)
	if err := cfg.Releases.Update(rel); err != nil {
		slog.Warn("cannot mark a pending release failed", "name", name, "error", err)
	}
}

// ---- rollback ----

func opRollback(c *call, data []byte) (any, error) {
	var req RollbackRequest
	if err := decode(data, &req); err != nil {
		return nil, err
	}
	_, cfg, err := releaseConfig(&req.Settings)
	if err != nil {
		return nil, err
	}
	client := action.NewRollback(cfg)
	client.WaitOptions = append(client.WaitOptions, defaultCLIWaitOptions()...)
	rv := &req.Revision
	if req.RevisionArg != "" {
		ver, err := strconv.Atoi(req.RevisionArg)
		if err != nil {
			return nil, fmt.Errorf("could not convert revision to a number: %w", err)
		}
		client.Version = ver
	}
	if n := utf8.RuneCountInString(rv.Description); n > action.MaxDescriptionLength {
		return nil, fmt.Errorf("description must be %d characters or less, got %d", action.MaxDescriptionLength, n)
	}
	if client.DryRunStrategy, err = cmdDryRun(rv.DryRun); err != nil {
		return nil, err
	}
	client.Description = rv.Description
	client.ForceReplace = rv.ForceReplace
	client.ForceConflicts = rv.ForceConflicts
	client.ServerSideApply = rv.ServerSide
	client.DisableHooks = rv.NoHooks
	if client.Timeout, err = rv.timeout(); err != nil {
		return nil, err
	}
	client.WaitForJobs = rv.WaitForJobs
	client.CleanupOnFail = rv.CleanupOnFail
	client.MaxHistory = rv.HistoryMax
	client.WaitStrategy = kube.WaitStrategy(rv.Wait)
	if err := client.Run(req.Release); err != nil {
		return nil, err
	}
	fmt.Fprint(c, "Rollback was a success! Happy Helming!\n")
	return nil, nil
}

// ---- uninstall ----

func opUninstall(c *call, data []byte) (any, error) {
	var req UninstallRequest
	if err := decode(data, &req); err != nil {
		return nil, err
	}
	_, cfg, err := releaseConfig(&req.Settings)
	if err != nil {
		return nil, err
	}
	client := action.NewUninstall(cfg)
	client.WaitOptions = append(client.WaitOptions, defaultCLIWaitOptions()...)
	client.DryRun = req.DryRun
	client.DisableHooks = req.NoHooks
	client.IgnoreNotFound = req.IgnoreNotFound
	client.KeepHistory = req.KeepHistory
	client.DeletionPropagation = req.Cascade
	client.Description = req.Description
	client.WaitStrategy = kube.WaitStrategy(req.Wait)
	if client.Timeout, err = parseTimeout(req.Timeout); err != nil {
		return nil, err
	}
	switch client.DeletionPropagation {
	case "background", "foreground", "orphan":
	default:
		return nil, fmt.Errorf("invalid cascade value (%s). Must be \"background\", \"foreground\", or \"orphan\"", client.DeletionPropagation)
	}
	for _, name := range req.Releases {
		res, err := client.Run(name)
		if err != nil {
			return nil, err
		}
		if res != nil && res.Info != "" {
			fmt.Fprintln(c, res.Info)
		}
		fmt.Fprintf(c, "release \"%s\" uninstalled\n", name)
	}
	return nil, nil
}

// ---- list ----

func opList(c *call, data []byte) (any, error) {
	var req ListRequest
	if err := decode(data, &req); err != nil {
		return nil, err
	}
	e, cfg, err := releaseConfig(&req.Settings)
	if err != nil {
		return nil, err
	}
	client := action.NewList(cfg)
	client.Short = req.Short
	client.NoHeaders = req.NoHeaders
	client.TimeFormat = req.TimeFormat
	client.ByDate = req.ByDate
	client.SortReverse = req.SortReverse
	client.Uninstalled = req.Uninstalled
	client.Superseded = req.Superseded
	client.Uninstalling = req.Uninstalling
	client.Deployed = req.Deployed
	client.Failed = req.Failed
	client.Pending = req.Pending
	client.AllNamespaces = req.AllNamespaces
	client.Limit = req.Max
	client.Offset = req.Offset
	client.Filter = req.Filter
	client.Selector = req.Selector
	if client.AllNamespaces {
		if err := initConfig(cfg, &req.Settings, e, ""); err != nil {
			return nil, err
		}
	}
	client.SetStateMask()
	namespace := e.Namespace()
	if client.AllNamespaces {
		namespace = ""
	}
	results, handled, err := fastList(cfg, e, req.Settings.Driver, namespace, client)
	if err != nil {
		return nil, err
	}
	if !handled {
		resultsi, err := client.Run()
		if err != nil {
			return nil, err
		}
		results = make([]*release.Release, 0, len(resultsi))
		for _, r := range resultsi {
			rel, err := toV1Release(r)
			if err != nil {
				return nil, err
			}
			results = append(results, rel)
		}
	}
	if client.Short {
		names := make([]string, 0, len(results))
		for _, r := range results {
			names = append(names, r.Name)
		}
		switch req.Output {
		case "json":
			output.EncodeJSON(c, names)
			return nil, nil
		case "yaml":
			output.EncodeYAML(c, names)
			return nil, nil
		case "table", "":
			for _, n := range names {
				fmt.Fprintln(c, n)
			}
			return nil, nil
		}
	}
	return nil, writeFormat(c, req.Output, newReleaseListWriter(results, client.TimeFormat, client.NoHeaders,
		e.ShouldDisableColor()))
}

// ---- status ----

func opStatus(c *call, data []byte) (any, error) {
	var req StatusRequest
	if err := decode(data, &req); err != nil {
		return nil, err
	}
	e, cfg, err := releaseConfig(&req.Settings)
	if err != nil {
		return nil, err
	}
	client := action.NewStatus(cfg)
	client.Version = req.Revision
	if client.Version == 0 {
		client.Version = latestRevision(e, req.Settings.Driver, req.Release)
	}
	if req.Output == "" || req.Output == string(output.Table) {
		client.ShowResourcesTable = true
	}
	reli, err := client.Run(req.Release)
	if err != nil {
		return nil, err
	}
	rel, err := toV1Release(reli)
	if err != nil {
		return nil, err
	}
	rel.Chart = nil
	return nil, writeFormat(c, req.Output, &statusPrinter{release: rel, noColor: e.ShouldDisableColor()})
}

// ---- history ----

func opHistory(c *call, data []byte) (any, error) {
	var req HistoryRequest
	if err := decode(data, &req); err != nil {
		return nil, err
	}
	_, cfg, err := releaseConfig(&req.Settings)
	if err != nil {
		return nil, err
	}
	client := action.NewHistory(cfg)
	client.Max = req.Max
	histi, err := client.Run(req.Release)
	if err != nil {
		return nil, err
	}
	hist := make([]*release.Release, 0, len(histi))
	for _, r := range histi {
		rel, err := toV1Release(r)
		if err != nil {
			return nil, err
		}
		hist = append(hist, rel)
	}
	releaseutil.Reverse(hist, releaseutil.SortByRevision)
	n := min(len(hist), client.Max)
	if n < 0 {
		n = 0
	}
	h := releaseHistory{showRollback: req.ShowRollbackRevision}
	for i := n - 1; i >= 0; i-- {
		r := hist[i]
		info := releaseInfo{
			Revision:         r.Version,
			Status:           r.Info.Status.String(),
			Chart:            formatChartName(r.Chart),
			AppVersion:       formatAppVersion(r.Chart),
			RollbackRevision: r.Info.RollbackRevision,
			Description:      r.Info.Description,
		}
		if !r.Info.LastDeployed.IsZero() {
			info.Updated = r.Info.LastDeployed
		}
		h.items = append(h.items, info)
	}
	return nil, writeFormat(c, req.Output, h)
}

// ---- get ----

func opGet(c *call, data []byte) (any, error) {
	var req GetRequest
	if err := decode(data, &req); err != nil {
		return nil, err
	}
	e, cfg, err := releaseConfig(&req.Settings)
	if err != nil {
		return nil, err
	}
	// The latest revision by its labels (see latestRevision). Not for metadata and all: a record
	// fetched by revision carries only its custom labels, where helm's Last carries all of them,
	// and those two print the labels.
	if req.Revision == 0 && req.What != "metadata" && req.What != "all" {
		req.Revision = latestRevision(e, req.Settings.Driver, req.Release)
	}
	switch req.What {
	case "metadata":
		client := action.NewGetMetadata(cfg)
		client.Version = req.Revision
		m, err := client.Run(req.Release)
		if err != nil {
			return nil, err
		}
		return nil, writeFormat(c, req.Output, metadataWriter{m})
	case "values":
		client := action.NewGetValues(cfg)
		client.Version = req.Revision
		client.AllValues = req.AllValues
		vals, err := client.Run(req.Release)
		if err != nil {
			return nil, err
		}
		return nil, writeFormat(c, req.Output, valuesWriter{vals, client.AllValues})
	}
	client := action.NewGet(cfg)
	client.Version = req.Revision
	reli, err := client.Run(req.Release)
	if err != nil {
		return nil, err
	}
	switch req.What {
	case "all":
		if req.Template != "" {
			t, err := template.New("_").Parse(req.Template)
			if err != nil {
				return nil, err
			}
			return nil, t.Execute(c, map[string]any{"Release": reli})
		}
		rel, err := toV1Release(reli)
		if err != nil {
			return nil, err
		}
		return nil, output.Table.Write(c, &statusPrinter{release: rel, debug: true, showMetadata: true,
			noColor: e.ShouldDisableColor()})
	case "hooks":
		rac, err := ri.NewAccessor(reli)
		if err != nil {
			return nil, err
		}
		for _, hook := range rac.Hooks() {
			hac, err := ri.NewHookAccessor(hook)
			if err != nil {
				return nil, err
			}
			fmt.Fprintf(c, "---\n# Source: %s\n%s\n", hac.Path(), hac.Manifest())
		}
	case "manifest":
		rac, err := ri.NewAccessor(reli)
		if err != nil {
			return nil, err
		}
		fmt.Fprintln(c, rac.Manifest())
	case "notes":
		rac, err := ri.NewAccessor(reli)
		if err != nil {
			return nil, err
		}
		if rac.Notes() != "" {
			fmt.Fprintf(c, "NOTES:\n%s\n", rac.Notes())
		}
	default:
		return nil, fmt.Errorf("shim: unknown get subcommand %q", req.What)
	}
	return nil, nil
}

// ---- test ----

var notNameFilter = regexp.MustCompile(`^!\s?name=`)

func opReleaseTest(c *call, data []byte) (ret any, returnError error) {
	var req ReleaseTestRequest
	if err := decode(data, &req); err != nil {
		return nil, err
	}
	e, cfg, err := releaseConfig(&req.Settings)
	if err != nil {
		return nil, err
	}
	client := action.NewReleaseTesting(cfg)
	client.WaitOptions = append(client.WaitOptions, defaultCLIWaitOptions()...)
	if client.Timeout, err = parseTimeout(req.Timeout); err != nil {
		return nil, err
	}
	client.Namespace = e.Namespace()
	for _, f := range req.Filter {
		if after, ok := strings.CutPrefix(f, "name="); ok {
			client.Filters[action.IncludeNameFilter] = append(client.Filters[action.IncludeNameFilter], after)
		} else if notNameFilter.MatchString(f) {
			client.Filters[action.ExcludeNameFilter] = append(client.Filters[action.ExcludeNameFilter],
				notNameFilter.ReplaceAllLiteralString(f, ""))
		}
	}
	reli, shutdown, runErr := client.Run(req.Release)
	defer func() {
		if shutdown == nil {
			return
		}
		if err := shutdown(); err != nil && returnError == nil {
			returnError = err
		}
	}()
	if runErr != nil && reli == nil {
		return nil, runErr
	}
	rel, err := toV1Release(reli)
	if err != nil {
		return nil, err
	}
	if err := output.Table.Write(c, &statusPrinter{release: rel, debug: e.Debug, hideNotes: true,
		noColor: e.ShouldDisableColor()}); err != nil {
		return nil, err
	}
	if req.Logs {
		fmt.Fprintln(c)
		if err := client.GetPodLogs(c, rel); err != nil {
			return nil, errors.Join(runErr, err)
		}
	}
	return nil, runErr
}
