package main

// Differential test of cpphelm's list (fastlist.go, listReleases) against helm's own action.List:
// the same records, stored by helm's own storage drivers (memory; secrets and configmaps on
// client-go's fake clientset), listed both ways with the same options, must give the same releases
// in the same order, or the same error, or both must panic. Nothing here states an expected list:
// helm's action.List is the expectation.

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"k8s.io/client-go/kubernetes/fake"
	"sigs.k8s.io/yaml"

	"helm.sh/helm/v4/pkg/action"
	kubefake "helm.sh/helm/v4/pkg/kube/fake"
	ri "helm.sh/helm/v4/pkg/release"
	release "helm.sh/helm/v4/pkg/release/v1"
	"helm.sh/helm/v4/pkg/storage"
	"helm.sh/helm/v4/pkg/storage/driver"
)

// listQuery is one `helm list` invocation: its namespace ("" for --all-namespaces) and flags.
type listQuery struct {
	ns               string
	filter, selector string
	byDate, reverse  bool
	max, offset      int
	states           string // comma-separated: deployed, failed, pending, superseded, uninstalled, uninstalling, all
}

func (q listQuery) String() string {
	return fmt.Sprintf("ns=%q filter=%q selector=%q date=%v reverse=%v max=%d offset=%d states=%q",
		q.ns, q.filter, q.selector, q.byDate, q.reverse, q.max, q.offset, q.states)
}

// client returns the action.List the list command would run for q, its state mask set.
func (q listQuery) client(cfg *action.Configuration) *action.List {
	l := action.NewList(cfg)
	l.Filter, l.Selector = q.filter, q.selector
	l.ByDate, l.SortReverse = q.byDate, q.reverse
	l.Limit, l.Offset = q.max, q.offset
	l.AllNamespaces = q.ns == ""
	for _, s := range strings.Split(q.states, ",") {
		switch s {
		case "deployed":
			l.Deployed = true
		case "failed":
			l.Failed = true
		case "pending":
			l.Pending = true
		case "superseded":
			l.Superseded = true
		case "uninstalled":
			l.Uninstalled = true
		case "uninstalling":
			l.Uninstalling = true
		case "all":
			l.All = true
		}
	}
	l.SetStateMask()
	return l
}

// listOutcome is what one side's list gave.
type listOutcome struct {
	rels     []*release.Release
	err      string
	panicked string
	handled  bool // cpphelm's side answered without helm's action.List
}

// capture runs f, turning a panic into the outcome.
func capture(f func() ([]*release.Release, error)) (o listOutcome) {
	defer func() {
		if p := recover(); p != nil {
			o.panicked = fmt.Sprint(p)
		}
	}()
	rels, err := f()
	o.rels = rels
	if err != nil {
		o.err = err.Error()
	}
	return o
}

// helmRun returns what helm's own action.List gives on store.
func helmRun(store *storage.Storage, q listQuery) listOutcome {
	cfg := &action.Configuration{Releases: store, KubeClient: &kubefake.PrintingKubeClient{Out: io.Discard}}
	return capture(func() ([]*release.Release, error) {
		res, err := q.client(cfg).Run()
		if err != nil {
			return nil, err
		}
		out := []*release.Release{}
		for _, r := range res {
			rel, err := toV1Release(r)
			if err != nil {
				return nil, err
			}
			out = append(out, rel)
		}
		return out, nil
	})
}

// countingDriver counts the full listings of its driver (helm's list path reading everything).
type countingDriver struct {
	driver.Driver
	lists int
}

func (d *countingDriver) List(filter func(ri.Releaser) bool) ([]ri.Releaser, error) {
	d.lists++
	return d.Driver.List(filter)
}

// cppRun returns what cpphelm's list (listReleases) gives on store with the driver named, reading
// Kubernetes records through clients.
func cppRun(store driver.Driver, driverName string, clients recordClients, q listQuery) listOutcome {
	d := &countingDriver{Driver: store}
	cfg := &action.Configuration{Releases: storage.Init(d), KubeClient: &kubefake.PrintingKubeClient{Out: io.Discard}}
	o := capture(func() ([]*release.Release, error) {
		return listReleases(cfg, driverName, q.ns, q.client(cfg), clients)
	})
	o.handled = d.lists == 0
	return o
}

// sortKey is what action.List orders by for q: releases with equal keys come in any order (in
// helm too: it collects the latest revisions in a map).
func sortKey(q listQuery, r *release.Release) string {
	if q.byDate && r.Info != nil {
		return fmt.Sprintf("%020d/%s", r.Info.LastDeployed.Unix(), r.Name)
	}
	return r.Name
}

// fingerprint is everything of a release that can reach the output.
func fingerprint(r *release.Release) string {
	b, err := json.Marshal(r)
	if err != nil {
		return "unencodable: " + err.Error()
	}
	l, _ := json.Marshal(r.Labels)
	return string(b) + " labels=" + string(l)
}

// sameLists returns "" when got is want up to the order of equal sort keys; in the page's first
// and last group (a page may cut a group of ties, and which of them it shows is random in helm
// too) got's releases need only be among all's (helm's unpaged list) with that key.
func sameLists(q listQuery, got, want, all []*release.Release) string {
	if len(got) != len(want) {
		return fmt.Sprintf("%d releases, helm %d:\n cpphelm %s\n helm    %s", len(got), len(want), names(got), names(want))
	}
	for i := 0; i < len(want); {
		j := i
		for j < len(want) && sortKey(q, want[j]) == sortKey(q, want[i]) {
			j++
		}
		key := sortKey(q, want[i])
		for k := i; k < j; k++ {
			if sortKey(q, got[k]) != key {
				return fmt.Sprintf("order differs at %d:\n cpphelm %s\n helm    %s", k, names(got), names(want))
			}
		}
		pool := want[i:j]
		if i == 0 || j == len(want) {
			pool = nil
			for _, r := range all {
				if sortKey(q, r) == key {
					pool = append(pool, r)
				}
			}
		}
		if !subMultiset(got[i:j], pool) {
			return fmt.Sprintf("releases with key %q differ:\n cpphelm %s\n helm    %s", key, names(got[i:j]), names(pool))
		}
		i = j
	}
	return ""
}

// subMultiset tells whether every release of a is in b (counting repeats), compared by fingerprint.
func subMultiset(a, b []*release.Release) bool {
	count := map[string]int{}
	for _, r := range b {
		count[fingerprint(r)]++
	}
	for _, r := range a {
		f := fingerprint(r)
		if count[f] == 0 {
			return false
		}
		count[f]--
	}
	return true
}

func names(rels []*release.Release) string {
	var s []string
	for _, r := range rels {
		st := "?"
		if r.Info != nil {
			st = r.Info.Status.String()
		}
		s = append(s, fmt.Sprintf("%s/%s.v%d(%s)", r.Namespace, r.Name, r.Version, st))
	}
	return "[" + strings.Join(s, " ") + "]"
}

// expectation relaxes the comparison for the few situations where cpphelm differs on purpose.
type expectation struct {
	mayFallBack  bool   // cpphelm may hand the list to helm's action.List (undecodable records)
	helmCrashOK  string // why cpphelm need not crash where helm's list panics
	mustFallBack bool   // cpphelm must hand the list to helm's action.List
}

// compare reports how cpp differs from helm for q; all is helm's unpaged list (for ties).
func compare(q listQuery, cpp, helm, all listOutcome, kube bool, exp expectation) string {
	if helm.panicked != "" {
		if cpp.panicked != "" || exp.helmCrashOK != "" {
			return ""
		}
		return fmt.Sprintf("helm panicked (%s), cpphelm did not (%s, err %q)", helm.panicked, names(cpp.rels), cpp.err)
	}
	if cpp.panicked != "" {
		return fmt.Sprintf("cpphelm panicked (%s), helm did not", cpp.panicked)
	}
	if cpp.err != helm.err {
		return fmt.Sprintf("error: cpphelm %q, helm %q", cpp.err, helm.err)
	}
	if kube && !cpp.handled && !exp.mayFallBack && !exp.mustFallBack {
		return "cpphelm fell back to helm's action.List"
	}
	if exp.mustFallBack && cpp.handled {
		return "cpphelm did not fall back to helm's action.List"
	}
	return sameLists(q, cpp.rels, helm.rels, all.rels)
}

// unpaged is q without --max/--offset (helm's full list, for ties cut by a page).
func (q listQuery) unpaged() listQuery {
	q.max, q.offset = 0, 0
	return q
}

// world is the release records of one storage.
type world struct {
	rels []*release.Release
	raw  []rawRecord // records written behind helm's back (Kubernetes drivers only)
}

// kubeWorld stores w with helm's own driver for resource ("secrets" or "configmaps") in a fake clientset.
func kubeWorld(t testing.TB, w world, resource string) *fake.Clientset {
	t.Helper()
	cs := fake.NewClientset()
	for _, rel := range w.rels {
		d := kubeDriver(cs, resource, rel.Namespace)
		if err := d.Create(fmt.Sprintf("sh.helm.release.v1.%s.v%d", rel.Name, rel.Version), rel); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range w.raw {
		r.store(t, cs, resource)
	}
	return cs
}

// kubeDriver returns helm's storage driver for resource in namespace ns of cs ("" for all).
func kubeDriver(cs *fake.Clientset, resource, ns string) driver.Driver {
	if resource == "configmaps" {
		return driver.NewConfigMaps(cs.CoreV1().ConfigMaps(ns))
	}
	return driver.NewSecrets(cs.CoreV1().Secrets(ns))
}

// checkKube lists w both ways for every query, on the Kubernetes driver for resource.
func checkKube(t *testing.T, w world, resource string, pageSize int, exp expectation, queries []listQuery) {
	t.Helper()
	cs := kubeWorld(t, w, resource)
	for _, q := range queries {
		store := kubeDriver(cs, resource, q.ns)
		cpp := cppRun(store, resource, pagedClients(cs, pageSize, nil), q)
		helm := helmRun(storage.Init(store), q)
		all := helmRun(storage.Init(store), q.unpaged())
		if msg := compare(q, cpp, helm, all, true, exp); msg != "" {
			t.Errorf("%s, %s: %s", resource, q, msg)
		}
	}
}

// memoryStores returns w's releases preloaded into helm's memory driver the way helm's CLI does
// (the YAML decoded by sigs.k8s.io/yaml) and the way cpphelm does (preloadInto, through its
// decoded-data cache: cold, then warm).
func memoryStores(t *testing.T, w world, ns string) (helm *driver.Memory, cppCold, cppWarm *driver.Memory) {
	t.Helper()
	t.Setenv("HELM_CACHE_HOME", t.TempDir())
	b, err := yaml.Marshal(w.rels)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "releases.yaml")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	helm = driver.NewMemory()
	var rels []*release.Release
	if err := yaml.Unmarshal(b, &rels); err != nil {
		t.Fatal(err)
	}
	for _, rel := range rels {
		if err := storage.Init(helm).Create(rel); err != nil {
			t.Fatal(err)
		}
	}
	helm.SetNamespace(ns)
	load := func() *driver.Memory {
		memoryLoaded = false
		d := driver.NewMemory()
		if err := preloadInto(storage.Init(d), path); err != nil {
			t.Fatal(err)
		}
		d.SetNamespace(ns)
		return d
	}
	cppCold = load()
	if _, err := os.Stat(cacheFileFor("cpphelm-memory", path, ".json")); err != nil {
		t.Fatalf("the memory cache was not written: %v", err)
	}
	return helm, cppCold, load()
}

// checkMemory lists w both ways for every query, on the memory driver.
func checkMemory(t *testing.T, w world, queries []listQuery) {
	t.Helper()
	byNS := map[string][]listQuery{}
	for _, q := range queries {
		byNS[q.ns] = append(byNS[q.ns], q)
	}
	nss := make([]string, 0, len(byNS))
	for ns := range byNS {
		nss = append(nss, ns)
	}
	sort.Strings(nss)
	for _, ns := range nss {
		helm, cold, warm := memoryStores(t, w, ns)
		for _, q := range byNS[ns] {
			h := helmRun(storage.Init(helm), q)
			all := helmRun(storage.Init(helm), q.unpaged())
			for side, d := range map[string]*driver.Memory{"cold cache": cold, "warm cache": warm} {
				cpp := cppRun(d, "memory", nil, q)
				if msg := compare(q, cpp, h, all, false, expectation{}); msg != "" {
					t.Errorf("memory (%s), %s: %s", side, q, msg)
				}
			}
		}
	}
}
