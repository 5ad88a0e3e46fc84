package main

// install and upgrade: the orchestration helm's pkg/cmd wraps around action.Install and action.Upgrade,
// and cpphelm's safety nets after a failed upgrade.

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

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
	"helm.sh/helm/v4/pkg/storage/driver"
)

// ---- install ----

func opInstall(c *call, req *InstallRequest) (any, error) {
	e, cfg, err := configured(&req.Settings)
	if err != nil {
		return nil, err
	}
	c.observe(cfg, &req.Settings)
	client, err := newInstallAction(cfg, e, &req.Install, &req.Chart)
	if err != nil {
		return nil, err
	}
	client.WaitOptions = append(client.WaitOptions, defaultCLIWaitOptions()...)
	client.HideSecret = req.HideSecret
	if err := setRegistryClient(client, e, c, &req.Chart.DownloadOptions); err != nil {
		return nil, err
	}
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

func opUpgrade(c *call, req *UpgradeRequest) (any, error) {
	e, cfg, err := configured(&req.Settings)
	if err != nil {
		return nil, err
	}
	c.observe(cfg, &req.Settings)
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
	chartPath, err := locateChart(&client.ChartPathOptions, req.ChartRef, e)
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
		ours, _ := toV1Release(reli)
		ensureNotPending(cfg, req.Release, ours, err)
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
// latest record is then marked failed, as helm itself does for a failed upgrade — but only the
// record this upgrade wrote: `ours` is the release helm's upgrade returned with its error (nil when
// it wrote none), and the stored record must be that revision with the same deployment time.
// Another operation's pending record — the one that made helm refuse with "another operation is
// in progress", or the same revision created first by a concurrent upgrade — is never touched.
func ensureNotPending(cfg *action.Configuration, name string, ours *release.Release, cause error) {
	if ours == nil || ours.Info == nil {
		return
	}
	rel, err := lastRelease(cfg, name)
	if err != nil || rel == nil || rel.Info == nil || rel.Version != ours.Version ||
		!rel.Info.LastDeployed.Equal(ours.Info.LastDeployed) || !rel.Info.Status.IsPending() {
		return
	}
	rel.Info.Status = rcommon.StatusFailed
	rel.Info.Description = fmt.Sprintf("Upgrade %q failed: %s", name, cause)
	if err := cfg.Releases.Update(rel); err != nil {
		slog.Warn("cannot mark a pending release failed", "name", name, "error", err)
	}
}
