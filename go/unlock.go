package main

// `cpphelm unlock`: a release whose latest revision was left pending-install, pending-upgrade or
// pending-rollback (its helm was killed) is marked failed, as helm itself marks a cancelled
// operation, so that upgrade and rollback proceed again. And the pending state that
// install/upgrade/rollback errors carry as details, for C++'s hint.

import (
	"errors"
	"fmt"
	"io"
	"time"

	"helm.sh/helm/v4/pkg/action"
	chartutil "helm.sh/helm/v4/pkg/chart/v2/util"
	"helm.sh/helm/v4/pkg/cli/output"
	rcommon "helm.sh/helm/v4/pkg/release/common"
	release "helm.sh/helm/v4/pkg/release/v1"
)

func init() { handle("unlock", opUnlock) }

// UnlockRequest is `cpphelm unlock RELEASE_NAME`.
type UnlockRequest struct {
	Settings Settings `json:"settings"`
	Release  string   `json:"release"`
	MinAge   string   `json:"min_age"`
	DryRun   bool     `json:"dry_run"`
	Output   string   `json:"output"`
}

// unlockResult is what unlock prints with -o json|yaml.
type unlockResult struct {
	Name             string    `json:"name"`
	Namespace        string    `json:"namespace"`
	Revision         int       `json:"revision"`
	PreviousStatus   string    `json:"previous_status"`
	Status           string    `json:"status"`
	PendingSince     time.Time `json:"pending_since"`
	PendingFor       string    `json:"pending_for"`
	Description      string    `json:"description"`
	DeployedRevision int       `json:"deployed_revision,omitempty"`
	DryRun           bool      `json:"dry_run"`
}

func (r *unlockResult) WriteJSON(out io.Writer) error { return output.EncodeJSON(out, r) }
func (r *unlockResult) WriteYAML(out io.Writer) error { return output.EncodeYAML(out, r) }

func (r *unlockResult) WriteTable(out io.Writer) error {
	since := r.PendingSince.Format(time.ANSIC)
	if r.DryRun {
		fmt.Fprintf(out, "Release %q would be unlocked: revision %d has been %s since %s (%s); it would be marked %s.\n",
			r.Name, r.Revision, r.PreviousStatus, since, r.PendingFor, rcommon.StatusFailed)
	} else {
		fmt.Fprintf(out, "Release %q unlocked: revision %d had been %s since %s (%s) and is now %s.\n",
			r.Name, r.Revision, r.PreviousStatus, since, r.PendingFor, r.Status)
	}
	if r.DeployedRevision > 0 {
		fmt.Fprintf(out, "Revision %d is deployed; upgrade and rollback can proceed.\n", r.DeployedRevision)
	} else {
		fmt.Fprintf(out, "No revision is deployed; upgrade (or upgrade --install) and rollback can proceed.\n")
	}
	return nil
}

func opUnlock(c *call, req *UnlockRequest) (any, error) {
	minAge, err := time.ParseDuration(req.MinAge)
	if err != nil {
		return nil, err
	}
	e, cfg, err := configured(&req.Settings)
	if err != nil {
		return nil, err
	}
	if err := cfg.KubeClient.IsReachable(); err != nil {
		return nil, err
	}
	res, err := unlockRelease(cfg, req.Release, e.Namespace(), minAge, req.DryRun)
	if err != nil {
		return nil, err
	}
	return nil, writeFormat(c, req.Output, res)
}

// unlockRelease marks the release's pending latest revision failed (or only says so when dryRun),
// refusing when it is not pending or younger than minAge.
func unlockRelease(cfg *action.Configuration, name, namespace string, minAge time.Duration, dryRun bool) (*unlockResult, error) {
	if err := chartutil.ValidateReleaseName(name); err != nil {
		return nil, fmt.Errorf("release name is invalid: %s", name)
	}
	last, err := lastRelease(cfg, name)
	if err != nil {
		return nil, err
	}
	if !last.Info.Status.IsPending() {
		return nil, withDetails(withKind(kindConflict, fmt.Errorf("release %q is not locked: its latest revision (%d) is %s, not pending",
			last.Name, last.Version, last.Info.Status)), releaseDetails(last))
	}
	since := pendingSince(last)
	age := time.Since(since).Round(time.Second)
	if age < minAge {
		return nil, withDetails(withKind(kindConflict, fmt.Errorf("release %q has been %s for only %s (revision %d), "+
			"less than --min-age %s: an operation may still be running", last.Name, last.Info.Status, age, last.Version,
			minAge)), pendingDetails(last))
	}
	res := &unlockResult{Name: last.Name, Namespace: namespace, Revision: last.Version,
		PreviousStatus: last.Info.Status.String(), Status: last.Info.Status.String(), PendingSince: since,
		PendingFor: age.String(), DryRun: dryRun}
	if d, err := deployedRevision(cfg, last.Name); err == nil {
		res.DeployedRevision = d
	}
	res.Description = fmt.Sprintf("Unlocked by cpphelm: had been %s since %s (%s)", last.Info.Status,
		since.UTC().Format(time.RFC3339), res.PendingFor)
	if !dryRun {
		last.SetStatus(rcommon.StatusFailed, res.Description)
		if err := cfg.Releases.Update(last); err != nil {
			return nil, fmt.Errorf("unlocking release %q: %w", last.Name, err)
		}
		res.Status = last.Info.Status.String()
	}
	return res, nil
}

// lastRelease is the release's latest revision, as helm's upgrade reads it (storage.Last).
func lastRelease(cfg *action.Configuration, name string) (*release.Release, error) {
	r, err := cfg.Releases.Last(name)
	if err != nil {
		return nil, err
	}
	return toV1Release(r)
}

// deployedRevision is the revision storage reports deployed, or an error when none is.
func deployedRevision(cfg *action.Configuration, name string) (int, error) {
	r, err := cfg.Releases.Deployed(name)
	if err != nil {
		return 0, err
	}
	rel, err := toV1Release(r)
	if err != nil || rel == nil {
		return 0, errors.Join(err, errors.New("no deployed release"))
	}
	return rel.Version, nil
}

// pendingSince is when the pending operation started: helm stamps LastDeployed when it creates
// the pending record (install, upgrade and rollback alike).
func pendingSince(r *release.Release) time.Time {
	if r.Info.LastDeployed.IsZero() {
		return r.Info.FirstDeployed
	}
	return r.Info.LastDeployed
}

// releaseDetails names the release in an error's details.
func releaseDetails(r *release.Release) map[string]any {
	return map[string]any{"release": r.Name, "namespace": r.Namespace, "revision": r.Version}
}

// pendingDetails describes a pending latest revision for C++'s hint and the JSON error.
func pendingDetails(r *release.Release) map[string]any {
	d := releaseDetails(r)
	since := pendingSince(r)
	d["pending"] = map[string]any{
		"status":      r.Info.Status.String(),
		"revision":    r.Version,
		"since":       since.UTC().Format(time.RFC3339),
		"for_seconds": int64(time.Since(since).Seconds()),
	}
	return d
}

// withPendingHint attaches the pending state of the release to err when its latest revision is
// pending (an upgrade refused with helm's "another operation is in progress", or any failure of
// install/upgrade/rollback while a record is left pending); err is returned unchanged otherwise.
func withPendingHint(err error, cfg *action.Configuration, name string) error {
	if err == nil || cfg == nil || cfg.Releases == nil || name == "" {
		return err
	}
	last, lerr := lastRelease(cfg, name)
	if lerr != nil || last == nil || last.Info == nil || !last.Info.Status.IsPending() {
		return err
	}
	return withDetails(err, pendingDetails(last))
}

// withReleaseErrors wraps a release-writing op: its errors carry the resources a failed wait left
// not ready, name the release and its namespace and, when the release's latest revision is left
// pending, carry the pending state (C++ prints the unlock hint from it). Messages stay helm's.
func withReleaseErrors[Req any](op func(*call, *Req) (any, error), target func(*Req) (*Settings, string)) func(*call, *Req) (any, error) {
	return func(c *call, req *Req) (any, error) {
		res, err := op(c, req)
		err = c.observed.withNotReady(err)
		s, name := target(req)
		if err == nil || name == "" {
			return res, err
		}
		e, cfg, cerr := configured(s)
		if cerr != nil {
			return res, err
		}
		err = withDetails(err, map[string]any{"release": name, "namespace": e.Namespace()})
		return res, withPendingHint(err, cfg, name)
	}
}
