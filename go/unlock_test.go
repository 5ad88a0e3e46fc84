package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"helm.sh/helm/v4/pkg/action"
	"helm.sh/helm/v4/pkg/chart/common"
	chart "helm.sh/helm/v4/pkg/chart/v2"
	kubefake "helm.sh/helm/v4/pkg/kube/fake"
	rcommon "helm.sh/helm/v4/pkg/release/common"
	release "helm.sh/helm/v4/pkg/release/v1"
	"helm.sh/helm/v4/pkg/storage"
	"helm.sh/helm/v4/pkg/storage/driver"
)

// A release "r" in memory whose revisions have the given statuses; the last one was written `age` ago.
func releaseFixture(t *testing.T, age time.Duration, statuses ...rcommon.Status) *action.Configuration {
	t.Helper()
	cfg := action.NewConfiguration()
	cfg.Releases = storage.Init(driver.NewMemory())
	cfg.KubeClient = &kubefake.PrintingKubeClient{Out: io.Discard}
	cfg.Capabilities = common.DefaultCapabilities
	ch := &chart.Chart{Metadata: &chart.Metadata{APIVersion: "v2", Name: "c", Version: "0.1.0"}}
	start := time.Now().Add(-age - time.Hour)
	for i, st := range statuses {
		at := start.Add(time.Duration(i) * time.Minute)
		if i == len(statuses)-1 {
			at = time.Now().Add(-age)
		}
		rel := &release.Release{Name: "r", Namespace: "default", Version: i + 1, Chart: ch,
			Info: &release.Info{Status: st, FirstDeployed: start, LastDeployed: at, Description: "fixture"}}
		if err := cfg.Releases.Create(rel); err != nil {
			t.Fatal(err)
		}
	}
	return cfg
}

func TestUnlockMarksPendingFailed(t *testing.T) {
	for _, pending := range []rcommon.Status{rcommon.StatusPendingUpgrade, rcommon.StatusPendingRollback} {
		cfg := releaseFixture(t, 10*time.Minute, rcommon.StatusDeployed, pending)
		ch := &chart.Chart{Metadata: &chart.Metadata{APIVersion: "v2", Name: "c", Version: "0.2.0"}}
		if _, err := action.NewUpgrade(cfg).RunWithContext(context.Background(), "r", ch, map[string]any{}); err == nil ||
			err.Error() != pendingMessage {
			t.Fatalf("%s: upgrade before unlock: %v", pending, err)
		}
		res, err := unlockRelease(cfg, "r", "default", 5*time.Minute, false)
		if err != nil {
			t.Fatalf("%s: %v", pending, err)
		}
		if res.Revision != 2 || res.PreviousStatus != string(pending) || res.Status != "failed" || res.DeployedRevision != 1 {
			t.Fatalf("%s: result %+v", pending, res)
		}
		last := latestFixture(t, cfg)
		if last.Info.Status != rcommon.StatusFailed || !strings.HasPrefix(last.Info.Description, "Unlocked by cpphelm: had been "+string(pending)) {
			t.Fatalf("%s: stored %s %q", pending, last.Info.Status, last.Info.Description)
		}
		// helm's own upgrade refuses before the unlock and proceeds after it.
		if _, err := action.NewUpgrade(cfg).RunWithContext(context.Background(), "r", ch, map[string]any{}); err != nil {
			t.Fatalf("%s: upgrade after unlock: %v", pending, err)
		}
		if up := latestFixture(t, cfg); up.Version != 3 || up.Info.Status != rcommon.StatusDeployed {
			t.Fatalf("%s: after the upgrade: revision %d %s", pending, up.Version, up.Info.Status)
		}
	}
}

func TestUnlockPendingInstallLeavesNothingDeployed(t *testing.T) {
	cfg := releaseFixture(t, time.Hour, rcommon.StatusPendingInstall)
	res, err := unlockRelease(cfg, "r", "default", 0, false)
	if err != nil || res.DeployedRevision != 0 || res.Status != "failed" {
		t.Fatalf("result %+v, error %v", res, err)
	}
}

func TestUnlockRefuses(t *testing.T) {
	young := releaseFixture(t, time.Minute, rcommon.StatusDeployed, rcommon.StatusPendingUpgrade)
	_, err := unlockRelease(young, "r", "default", 5*time.Minute, false)
	if err == nil || !strings.Contains(err.Error(), "less than --min-age 5m0s") || errorKind(err) != kindConflict {
		t.Fatalf("young pending revision: %v (kind %s)", err, errorKind(err))
	}
	if latestFixture(t, young).Info.Status != rcommon.StatusPendingUpgrade {
		t.Fatal("a refused unlock changed the record")
	}
	done := releaseFixture(t, time.Hour, rcommon.StatusDeployed)
	if _, err := unlockRelease(done, "r", "default", 0, false); err == nil || !strings.Contains(err.Error(), "is not locked") {
		t.Fatalf("deployed release: %v", err)
	}
	if _, err := unlockRelease(done, "missing", "default", 0, false); !errors.Is(err, driver.ErrReleaseNotFound) ||
		errorKind(err) != kindNotFound {
		t.Fatalf("missing release: %v", err)
	}
	dry := releaseFixture(t, time.Hour, rcommon.StatusDeployed, rcommon.StatusPendingUpgrade)
	if res, err := unlockRelease(dry, "r", "default", 0, true); err != nil || res.Status != "pending-upgrade" || !res.DryRun {
		t.Fatalf("dry run: %+v %v", res, err)
	}
	if latestFixture(t, dry).Info.Status != rcommon.StatusPendingUpgrade {
		t.Fatal("a dry run changed the record")
	}
}

// The safety net after a failed upgrade marks only the revision that upgrade wrote: another
// operation's pending record (why helm refused), or the same revision created first by a concurrent
// upgrade, stays as it is.
func TestEnsureNotPendingLeavesOthersPending(t *testing.T) {
	cfg := releaseFixture(t, time.Minute, rcommon.StatusDeployed, rcommon.StatusPendingUpgrade)
	ensureNotPending(cfg, "r", nil, errors.New(pendingMessage)) // refused: wrote nothing
	if latestFixture(t, cfg).Info.Status != rcommon.StatusPendingUpgrade {
		t.Fatal("another operation's pending record was marked failed")
	}
	racer := *latestFixture(t, cfg) // the same revision, made by a concurrent upgrade a moment later
	info := *racer.Info
	info.LastDeployed = info.LastDeployed.Add(time.Millisecond)
	racer.Info = &info
	ensureNotPending(cfg, "r", &racer, errors.New("already exists"))
	if latestFixture(t, cfg).Info.Status != rcommon.StatusPendingUpgrade {
		t.Fatal("a concurrent upgrade's record of the same revision was marked failed")
	}
	ensureNotPending(cfg, "r", latestFixture(t, cfg), errors.New("cancelled"))
	if latestFixture(t, cfg).Info.Status != rcommon.StatusFailed {
		t.Fatal("this upgrade's own pending record was left pending")
	}
}

func TestPendingHintDetails(t *testing.T) {
	cfg := releaseFixture(t, 7*time.Minute, rcommon.StatusDeployed, rcommon.StatusPendingUpgrade)
	err := withPendingHint(fmt.Errorf("UPGRADE FAILED: %w", errors.New(pendingMessage)), cfg, "r")
	e := classify(err)
	p, ok := e.Details["pending"].(map[string]any)
	if !ok || p["status"] != "pending-upgrade" || p["revision"] != 2 || e.Kind != kindConflict {
		t.Fatalf("details %v kind %s", e.Details, e.Kind)
	}
	if s := p["for_seconds"].(int64); s < 419 || s > 430 {
		t.Fatalf("for_seconds = %d, want about 420", s)
	}
	if e.Message != "UPGRADE FAILED: "+pendingMessage {
		t.Fatalf("message changed: %q", e.Message)
	}
	clean := releaseFixture(t, time.Hour, rcommon.StatusDeployed)
	if d := classify(withPendingHint(errors.New("x"), clean, "r")).Details; d != nil {
		t.Fatalf("details for a release that is not pending: %v", d)
	}
}

func TestErrorKinds(t *testing.T) {
	gr := schema.GroupResource{Resource: "secrets"}
	cases := map[string]error{
		kindCancelled:    fmt.Errorf("x: %w", context.Canceled),
		kindTimeout:      fmt.Errorf("resource not ready: %w", context.DeadlineExceeded),
		kindNotFound:     fmt.Errorf("UPGRADE FAILED: %w", driver.NewErrNoDeployedReleases("r")),
		kindConflict:     apierrors.NewAlreadyExists(gr, "x"),
		kindUnauthorized: fmt.Errorf("list: %w", apierrors.NewUnauthorized("no")),
		kindInvalid:      errors.New("template: x:1: function \"nope\" not defined"),
	}
	for want, err := range cases {
		if got := errorKind(err); got != want {
			t.Errorf("errorKind(%v) = %s, want %s", err, got, want)
		}
	}
	if got := errorKind(errors.New("UPGRADE FAILED: " + pendingMessage)); got != kindConflict {
		t.Errorf("pending: %s", got)
	}
	if got := errorKind(fmt.Errorf("get: %w", &net.OpError{Op: "dial", Err: errors.New("connection refused")})); got != kindNetwork {
		t.Errorf("network: %s", got)
	}
}
