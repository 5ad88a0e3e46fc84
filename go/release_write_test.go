package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"helm.sh/helm/v4/pkg/action"
	rcommon "helm.sh/helm/v4/pkg/release/common"
	release "helm.sh/helm/v4/pkg/release/v1"
)

// A release "r" whose revision 1 was deployed and whose upgrade to revision 2 failed, in memory,
// with a Kubernetes client that accepts everything.
func failedUpgradeFixture(t *testing.T) *action.Configuration {
	t.Helper()
	return releaseFixture(t, 0, rcommon.StatusSuperseded, rcommon.StatusFailed)
}

func latestFixture(t *testing.T, cfg *action.Configuration) *release.Release {
	t.Helper()
	ri, err := cfg.Releases.Last("r")
	if err != nil {
		t.Fatal(err)
	}
	rel, err := toV1Release(ri)
	if err != nil {
		t.Fatal(err)
	}
	return rel
}

// The rollback of a rollback-on-failure ran out of time (helm's rollback can reuse the upgrade's
// expired deadline): cpphelm rolls back again with a deadline of its own and reports what helm
// reports for a successful rollback.
func TestRetryRollbackAfterDeadline(t *testing.T) {
	cfg := failedUpgradeFixture(t)
	upgradeErr := errors.New("resource not ready, name: web, kind: Deployment, status: InProgress")
	err := fmt.Errorf("an error occurred while rolling back the release. original upgrade error: %w: %w",
		upgradeErr, fmt.Errorf("timed out waiting for the condition: %w", context.DeadlineExceeded))
	u := action.NewUpgrade(cfg)
	u.Timeout = time.Minute
	got := retryRollback(cfg, u, "r", err)
	want := "release r failed, and has been rolled back due to rollback-on-failure being set: " + upgradeErr.Error()
	if got == nil || got.Error() != want {
		t.Fatalf("error = %v, want %q", got, want)
	}
	rel := latestFixture(t, cfg)
	if rel.Version != 3 || rel.Info.Status != rcommon.StatusDeployed || rel.Info.Description != "Rollback to 1" {
		t.Fatalf("latest = revision %d %s %q, want revision 3 deployed \"Rollback to 1\"", rel.Version, rel.Info.Status, rel.Info.Description)
	}
}

// A rollback that failed for another reason would fail again: the error stays helm's, nothing is retried.
func TestRetryRollbackOnlyAfterDeadline(t *testing.T) {
	cfg := failedUpgradeFixture(t)
	err := fmt.Errorf("an error occurred while rolling back the release. original upgrade error: %w: %w",
		errors.New("upgrade failed"), errors.New("forbidden"))
	if got := retryRollback(cfg, action.NewUpgrade(cfg), "r", err); got != err {
		t.Fatalf("error = %v, want the original error", got)
	}
	if rel := latestFixture(t, cfg); rel.Version != 2 {
		t.Fatalf("latest revision = %d, want 2 (no rollback)", rel.Version)
	}
	other := errors.New("some upgrade error")
	if got := retryRollback(cfg, action.NewUpgrade(cfg), "r", other); got != other || !strings.Contains(got.Error(), "some") {
		t.Fatalf("error = %v, want it unchanged", got)
	}
}
