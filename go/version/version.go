// Package version holds cpphelm's build information in the shape of helm's internal/version.BuildInfo,
// so that `cpphelm version` prints in helm's format (the package name is part of that format).
package version

// BuildInfo describes the cpphelm binary and the helm library it embeds.
type BuildInfo struct {
	// Version is cpphelm's own semantic version.
	Version string `json:"version,omitempty"`
	// GitCommit is the git sha1 cpphelm was built from, when known.
	GitCommit string `json:"git_commit,omitempty"`
	// GitTreeState is "clean" or "dirty", when known.
	GitTreeState string `json:"git_tree_state,omitempty"`
	// GoVersion is the Go toolchain that built the embedded shim.
	GoVersion string `json:"go_version,omitempty"`
	// KubeClientVersion is the client-go version the embedded helm library was built with.
	KubeClientVersion string `json:"kube_client_version"`
	// HelmVersion is the version of the embedded helm library.
	HelmVersion string `json:"helm_version"`
}
