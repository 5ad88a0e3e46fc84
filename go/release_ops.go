package main

// The release commands re-create what helm's pkg/cmd does around each pkg/action call, then print
// like helm: this file holds their registration and shared helpers, and rollback, uninstall, test;
// release_write.go holds install and upgrade, release_read.go list, status, history and get.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"helm.sh/helm/v4/pkg/action"
	"helm.sh/helm/v4/pkg/cli/output"
	"helm.sh/helm/v4/pkg/kube"
)

func init() {
	handle("install", withReleaseErrors(opInstall, func(r *InstallRequest) (*Settings, string) {
		if len(r.Args) == 2 {
			return &r.Settings, r.Args[0]
		}
		return &r.Settings, ""
	}))
	handle("upgrade", withReleaseErrors(opUpgrade, func(r *UpgradeRequest) (*Settings, string) { return &r.Settings, r.Release }))
	handle("rollback", withReleaseErrors(opRollback, func(r *RollbackRequest) (*Settings, string) { return &r.Settings, r.Release }))
	handle("uninstall", withReleaseErrors(opUninstall, func(r *UninstallRequest) (*Settings, string) {
		return &r.Settings, ""
	}))
	handle("list", opList)
	handle("status", opStatus)
	handle("history", opHistory)
	handle("get", opGet)
	handle("test", withReleaseErrors(opReleaseTest, func(r *ReleaseTestRequest) (*Settings, string) {
		return &r.Settings, r.Release
	}))
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
// Only when the host asked for it (chs_configure); otherwise it is a plain cancellable context.
func onSignal(ctx context.Context, out io.Writer, name string) (context.Context, func()) {
	ctx, cancel := context.WithCancel(ctx)
	if !handleSignals.Load() {
		return ctx, cancel
	}
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

// ---- rollback ----

func opRollback(c *call, req *RollbackRequest) (any, error) {
	_, cfg, err := configured(&req.Settings)
	if err != nil {
		return nil, err
	}
	c.observe(cfg, &req.Settings)
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

func opUninstall(c *call, req *UninstallRequest) (any, error) {
	_, cfg, err := configured(&req.Settings)
	if err != nil {
		return nil, err
	}
	c.observe(cfg, &req.Settings)
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

// ---- test ----

var notNameFilter = regexp.MustCompile(`^!\s?name=`)

func opReleaseTest(c *call, req *ReleaseTestRequest) (ret any, returnError error) {
	e, cfg, err := configured(&req.Settings)
	if err != nil {
		return nil, err
	}
	c.observe(cfg, &req.Settings)
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
