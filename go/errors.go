package main

// What an operation's error is, for C++: its kind (the structured error kinds of
// CPPHELM_ERROR_FORMAT=json) and the details an op attached (release, revision, pending state,
// resources that were not ready). The message is always the Go error string, verbatim.

import (
	"context"
	"crypto/x509"
	"errors"
	"io/fs"
	"net"
	"net/url"
	"os"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"oras.land/oras-go/v2/registry/remote/errcode"

	repo "helm.sh/helm/v4/pkg/repo/v1"
	"helm.sh/helm/v4/pkg/storage/driver"
)

// The error kinds C++ reports (cpphelm::Error::kind_name); "usage" is C++'s own.
const (
	kindNotFound     = "not_found"
	kindInvalid      = "invalid"
	kindConflict     = "conflict"
	kindUnauthorized = "unauthorized"
	kindTimeout      = "timeout"
	kindCancelled    = "cancelled"
	kindNetwork      = "network"
	kindInternal     = "internal"
)

// helm's errPending is unexported in pkg/action: its text is the only way to know it.
const pendingMessage = "another operation (install/upgrade/rollback) is in progress"

// detailedError carries structured details beside an error without changing its message.
type detailedError struct {
	err     error
	details map[string]any
}

func (e *detailedError) Error() string { return e.err.Error() }
func (e *detailedError) Unwrap() error { return e.err }

// withDetails returns err with the given details attached (merged with any already there); nil stays nil.
func withDetails(err error, details map[string]any) error {
	if err == nil || len(details) == 0 {
		return err
	}
	if d, ok := errors.AsType[*detailedError](err); ok && d == err {
		for k, v := range details {
			d.details[k] = v
		}
		return d
	}
	return &detailedError{err: err, details: details}
}

// kindedError is an error of cpphelm's own with an explicit kind.
type kindedError struct {
	kind string
	err  error
}

func (e *kindedError) Error() string { return e.err.Error() }
func (e *kindedError) Unwrap() error { return e.err }

// withKind returns err with the given kind, which wins over what errorKind would infer.
func withKind(kind string, err error) error { return &kindedError{kind: kind, err: err} }

// classify turns an op's error into what C++ receives: helm's message, a kind and the details.
func classify(err error) *opError {
	e := &opError{Kind: errorKind(err), Message: err.Error()}
	if exit, ok := errors.AsType[*pluginExitError](err); ok {
		e.ExitCode = exit.code
	}
	for x := err; x != nil; x = errors.Unwrap(x) {
		if d, ok := x.(*detailedError); ok {
			if e.Details == nil {
				e.Details = map[string]any{}
			}
			for k, v := range d.details {
				if _, set := e.Details[k]; !set {
					e.Details[k] = v
				}
			}
		}
	}
	return e
}

// errorKind maps typed errors (helm's storage errors, Kubernetes API statuses, network and TLS
// errors, registry responses) to a kind; what none of them names is bad input: invalid.
func errorKind(err error) string {
	if k, ok := errors.AsType[*kindedError](err); ok {
		return k.kind
	}
	switch {
	case errors.Is(err, context.Canceled):
		return kindCancelled
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded), apierrors.IsTimeout(err),
		apierrors.IsServerTimeout(err):
		return kindTimeout
	case apierrors.IsUnauthorized(err), apierrors.IsForbidden(err), registryStatus(err, 401, 403):
		return kindUnauthorized
	case errors.Is(err, driver.ErrReleaseNotFound), errors.Is(err, driver.ErrNoDeployedReleases),
		errors.Is(err, repo.ErrNoChartName), errors.Is(err, repo.ErrNoChartVersion), apierrors.IsNotFound(err),
		errors.Is(err, fs.ErrNotExist), registryStatus(err, 404):
		return kindNotFound
	case errors.Is(err, driver.ErrReleaseExists), apierrors.IsAlreadyExists(err), apierrors.IsConflict(err),
		strings.Contains(err.Error(), pendingMessage):
		return kindConflict
	case isNetworkError(err):
		return kindNetwork
	case httpStatusText(err, "401 Unauthorized", "403 Forbidden"):
		return kindUnauthorized
	}
	if _, ok := errors.AsType[repo.ChartNotFoundError](err); ok {
		return kindNotFound
	}
	return kindInvalid
}

// registryStatus reports whether err is an OCI registry response with one of the HTTP statuses.
func registryStatus(err error, codes ...int) bool {
	resp, ok := errors.AsType[*errcode.ErrorResponse](err)
	if !ok {
		return false
	}
	for _, c := range codes {
		if resp.StatusCode == c {
			return true
		}
	}
	return false
}

// isNetworkError reports connection, DNS and TLS failures.
func isNetworkError(err error) bool {
	if _, ok := errors.AsType[*net.OpError](err); ok {
		return true
	}
	if _, ok := errors.AsType[*net.DNSError](err); ok {
		return true
	}
	if _, ok := errors.AsType[*url.Error](err); ok {
		return true
	}
	if _, ok := errors.AsType[x509.UnknownAuthorityError](err); ok {
		return true
	}
	if _, ok := errors.AsType[x509.CertificateInvalidError](err); ok {
		return true
	}
	_, ok := errors.AsType[x509.HostnameError](err)
	return ok
}

// httpStatusText: helm's HTTP getter reports a failed status only in its message ("failed to fetch
// URL : 401 Unauthorized"), with no typed error to test.
func httpStatusText(err error, statuses ...string) bool {
	msg := err.Error()
	for _, s := range statuses {
		if strings.Contains(msg, ": "+s) {
			return true
		}
	}
	return false
}
