package main

// Completion lookups (cobra's ValidArgsFunction in helm's CLI).

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"

	"helm.sh/helm/v4/pkg/action"
	"helm.sh/helm/v4/pkg/cli"
	"helm.sh/helm/v4/pkg/helmpath"
	repo "helm.sh/helm/v4/pkg/repo/v1"
)

// CompleteReleasesRequest asks for helm's compListReleases: every release of the namespace, in
// every state, except the names already on the command line.
type CompleteReleasesRequest struct {
	Settings Settings `json:"settings"`
	Exclude  []string `json:"exclude"`
}

func init() {
	handle("complete.releases", func(_ *call, req *CompleteReleasesRequest) (any, error) {
		// helm's compListReleases lists with action.List; the fast list (fastlist.go) gives the same
		// releases from the storage labels and the latest records only.
		e, cfg, err := configuredForReading(&req.Settings)
		if err != nil {
			return nil, err
		}
		client := action.NewList(cfg)
		client.All = true
		client.Limit = 0
		client.SetStateMask()
		releases, err := listReleases(cfg, req.Settings.Driver, e.Namespace(), client, protobufClients(cfg.RESTClientGetter))
		if err != nil {
			return nil, err
		}
		choices := []string{}
		for _, rel := range releases {
			if slices.Contains(req.Exclude, rel.Name) {
				continue
			}
			choices = append(choices, fmt.Sprintf("%s\t%s-%s -> %s", rel.Name, rel.Chart.Metadata.Name,
				rel.Chart.Metadata.Version, rel.Info.Status.String()))
		}
		return choices, nil
	})
}

// CompleteRevisionsRequest asks for helm's compListRevisions: the revisions of one release.
type CompleteRevisionsRequest struct {
	Settings Settings `json:"settings"`
	Release  string   `json:"release"`
}

func init() {
	handle("complete.revisions", func(_ *call, req *CompleteRevisionsRequest) (any, error) {
		_, cfg, err := configured(&req.Settings)
		if err != nil {
			return nil, err
		}
		hist, err := action.NewHistory(cfg).Run(req.Release)
		if err != nil {
			return nil, err
		}
		revisions := []string{}
		for _, ri := range hist {
			v, err := toV1Release(ri)
			if err != nil {
				return nil, err
			}
			revisions = append(revisions, fmt.Sprintf("%s\tApp: %s, Chart: %s-%s", strconv.Itoa(v.Version),
				v.Chart.Metadata.AppVersion, v.Chart.Metadata.Name, v.Chart.Metadata.Version))
		}
		return revisions, nil
	})
}

// CompleteChartsRequest asks for helm's compListCharts: repositories ("name/"), their charts once a
// repository prefix is typed, URL scheme prefixes and, with IncludeFiles, local files.
type CompleteChartsRequest struct {
	Settings     Settings `json:"settings"`
	ToComplete   string   `json:"to_complete"`
	IncludeFiles bool     `json:"include_files"`
}

// CompleteReposRequest asks for helm's compListRepos: configured repositories except Exclude.
type CompleteReposRequest struct {
	Settings Settings `json:"settings"`
	Exclude  []string `json:"exclude"`
}

// CompleteVersionsRequest asks for helm's compVersionFlag: the versions of REPO/CHART in the cache.
type CompleteVersionsRequest struct {
	Settings Settings `json:"settings"`
	ChartRef string   `json:"chart_ref"`
}

// CompletionResult is what a completion lookup returns: lines and cobra's directive.
type CompletionResult struct {
	Lines     []string `json:"lines"`
	Directive int      `json:"directive"`
}

// cobra's ShellCompDirective bits.
const (
	compNoSpace    = 2
	compNoFileComp = 4
)

func init() {
	handle("complete.charts", func(_ *call, req *CompleteChartsRequest) (any, error) {
		return completeCharts(req.Settings.envSettings(), req.ToComplete, req.IncludeFiles), nil
	})
	handle("complete.repos", func(_ *call, req *CompleteReposRequest) (any, error) {
		return completeRepos(req.Settings.envSettings(), req.Exclude), nil
	})
	handle("complete.versions", func(_ *call, req *CompleteVersionsRequest) (any, error) {
		return completeVersions(req.Settings.envSettings(), req.ChartRef), nil
	})
}

func completeRepos(e *cli.EnvSettings, exclude []string) []string {
	names := []string{}
	f, err := repo.LoadFile(e.RepositoryConfig)
	if err != nil {
		return names
	}
	for _, r := range f.Repositories {
		if !slices.Contains(exclude, r.Name) {
			names = append(names, r.Name+"\t"+r.URL)
		}
	}
	return names
}

// chartsOfRepo lists REPO/CHART names from the repository's charts file, else from its index.
func chartsOfRepo(e *cli.EnvSettings, repoName string) []string {
	charts := []string{}
	content, err := os.ReadFile(filepath.Join(e.RepositoryCache, helmpath.CacheChartsFile(repoName)))
	if err == nil {
		s := bufio.NewScanner(bytes.NewReader(content))
		for s.Scan() {
			charts = append(charts, repoName+"/"+s.Text())
		}
		return charts
	}
	if errors.Is(err, fs.ErrNotExist) {
		if l, ok := lookupIndex(filepath.Join(e.RepositoryCache, helmpath.CacheIndexFile(repoName))); ok {
			for _, name := range l.names {
				charts = append(charts, repoName+"/"+name)
			}
		} else if ind, err := repo.LoadIndexFile(filepath.Join(e.RepositoryCache, helmpath.CacheIndexFile(repoName))); err == nil {
			for name := range ind.Entries {
				charts = append(charts, repoName+"/"+name)
			}
		}
	}
	return charts
}

func completeCharts(e *cli.EnvSettings, toComplete string, includeFiles bool) CompletionResult {
	noSpace, noFile := false, false
	completions := []string{}
	for _, info := range completeRepos(e, nil) {
		name, desc, _ := strings.Cut(info, "\t")
		if strings.HasPrefix(toComplete, name+"/") {
			completions = append(completions, chartsOfRepo(e, name)...)
			noSpace = false
			break
		} else if strings.HasPrefix(name, toComplete) {
			completions = append(completions, name+"/\t"+desc)
			noSpace = true
		}
	}
	for _, url := range []string{"oci://\tChart OCI prefix", "https://\tChart URL prefix", "http://\tChart URL prefix", "file://\tChart local URL prefix"} {
		if strings.HasPrefix(toComplete, url) {
			noFile, noSpace = true, true
		} else if strings.HasPrefix(url, toComplete) {
			completions = append(completions, url)
			noSpace = true
		}
	}
	if includeFiles && len(completions) > 0 && toComplete != "" {
		if files, err := os.ReadDir("."); err == nil {
			for _, f := range files {
				if strings.HasPrefix(f.Name(), toComplete) {
					completions = append(completions, f.Name())
				}
			}
		}
	}
	if includeFiles && toComplete == "" {
		completions = append(completions, "./\tRelative path prefix to local chart", "/\tAbsolute path prefix to local chart")
	}
	directive := 0
	if noFile || !includeFiles {
		directive |= compNoFileComp
	}
	if noSpace {
		directive |= compNoSpace
	}
	return CompletionResult{Lines: completions, Directive: directive}
}

func completeVersions(e *cli.EnvSettings, chartRef string) []string {
	versions := []string{}
	parts := strings.Split(chartRef, "/")
	if len(parts) != 2 {
		return versions
	}
	entries, ok := chartVersionsOf(e, parts[0], parts[1])
	if !ok {
		ind, err := repo.LoadIndexFile(filepath.Join(e.RepositoryCache, helmpath.CacheIndexFile(parts[0])))
		if err != nil {
			return versions
		}
		entries = ind.Entries[parts[1]]
	}
	for _, d := range entries {
		app := ""
		if d.AppVersion != "" {
			app = fmt.Sprintf("App: %s, ", d.AppVersion)
		}
		created := ""
		if c := d.Created.Format("January 2, 2006"); c != "" {
			created = fmt.Sprintf("Created: %s ", c)
		}
		deprecated := ""
		if d.Deprecated {
			deprecated = "(deprecated)"
		}
		versions = append(versions, fmt.Sprintf("%s\t%s%s%s", d.Version, app, created, deprecated))
	}
	return versions
}

// CompleteKubeRequest asks for the namespaces of the cluster (helm's --namespace completion) or the
// contexts of the kubeconfig (--kube-context).
type CompleteKubeRequest struct {
	Settings Settings `json:"settings"`
	What     string   `json:"what"` // "namespaces" or "contexts"
}

func init() {
	handle("complete.kube", func(_ *call, req *CompleteKubeRequest) (any, error) {
		e := req.Settings.envSettings()
		if req.What == "contexts" {
			return CompletionResult{Lines: completeContexts(e), Directive: compNoFileComp}, nil
		}
		return completeNamespaces(e), nil
	})
}

// completeNamespaces lists the cluster's namespaces (3 s server-side timeout, as helm); when that
// fails, no names and cobra's default directive.
func completeNamespaces(e *cli.EnvSettings) CompletionResult {
	rc, err := e.RESTClientGetter().ToRESTConfig()
	if err != nil {
		return CompletionResult{}
	}
	cs, err := kubernetes.NewForConfig(rc)
	if err != nil {
		return CompletionResult{}
	}
	to := int64(3)
	l, err := cs.CoreV1().Namespaces().List(context.Background(), metav1.ListOptions{TimeoutSeconds: &to})
	if err != nil {
		return CompletionResult{}
	}
	names := []string{}
	for _, ns := range l.Items {
		names = append(names, ns.Name)
	}
	return CompletionResult{Lines: names, Directive: compNoFileComp}
}

// completeContexts lists the kubeconfig's contexts as "name\tcluster" (--kubeconfig, else the default
// loading rules with $KUBECONFIG).
func completeContexts(e *cli.EnvSettings) []string {
	rules := clientcmd.NewDefaultClientConfigLoadingRules()
	if e.KubeConfig != "" {
		rules = &clientcmd.ClientConfigLoadingRules{ExplicitPath: e.KubeConfig}
	}
	config, err := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(rules, &clientcmd.ConfigOverrides{}).RawConfig()
	if err != nil {
		return nil
	}
	comps := []string{}
	for name, c := range config.Contexts {
		comps = append(comps, name+"\t"+c.Cluster)
	}
	return comps
}
