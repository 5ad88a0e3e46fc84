package main

// The worlds and queries of the fast list's differential test (fastlist_test.go): a table of
// hand-made storages and a generated sweep with a fixed seed.

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/kubernetes/fake"
	k8stesting "k8s.io/client-go/testing"

	"helm.sh/helm/v4/pkg/action"
	chart "helm.sh/helm/v4/pkg/chart/v2"
	kubefake "helm.sh/helm/v4/pkg/kube/fake"
	rcommon "helm.sh/helm/v4/pkg/release/common"
	release "helm.sh/helm/v4/pkg/release/v1"
	"helm.sh/helm/v4/pkg/storage"
)

var t0 = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// rel returns a release record as helm would store it, deployed `at` seconds after t0.
func rel(ns, name string, version int, st rcommon.Status, at int, labels map[string]string) *release.Release {
	return &release.Release{
		Name: name, Namespace: ns, Version: version, Labels: labels,
		Chart: &chart.Chart{Metadata: &chart.Metadata{APIVersion: "v2", Name: "demo",
			Version: fmt.Sprintf("1.%d.0", version), AppVersion: "2.0"}},
		Info: &release.Info{FirstDeployed: t0, LastDeployed: t0.Add(time.Duration(at) * time.Second),
			Description: "revision " + fmt.Sprint(version), Status: st},
		Config:   map[string]any{"replicas": version},
		Manifest: "---\nkind: ConfigMap\n",
	}
}

// history returns revisions 1..len(states) of a release, one minute apart from `at`.
func history(ns, name string, at int, labels map[string]string, states ...rcommon.Status) []*release.Release {
	var out []*release.Release
	for i, st := range states {
		out = append(out, rel(ns, name, i+1, st, at+60*i, labels))
	}
	return out
}

const (
	dep  = rcommon.StatusDeployed
	sup  = rcommon.StatusSuperseded
	fail = rcommon.StatusFailed
	uni  = rcommon.StatusUninstalled
	unig = rcommon.StatusUninstalling
	pI   = rcommon.StatusPendingInstall
	pU   = rcommon.StatusPendingUpgrade
	pR   = rcommon.StatusPendingRollback
	unk  = rcommon.StatusUnknown
)

var teamA, teamB, teamAX = map[string]string{"team": "a"}, map[string]string{"team": "b"},
	map[string]string{"team": "a", "tier": "x"}

// basicWorld has every status, kept uninstalled history, three namespaces sharing release names,
// label sets and deploy times that tie.
func basicWorld() world {
	var w world
	add := func(r ...*release.Release) { w.rels = append(w.rels, r...) }
	add(history("default", "web", 0, teamA, sup, sup, dep)...)
	add(history("default", "db", 40, teamB, fail)...)
	add(history("default", "queue", 50, nil, pI)...)
	add(history("default", "upg", 60, teamAX, sup, pU)...)
	add(history("default", "rb", 10, nil, sup, sup, pR)...)
	add(history("default", "old", 5, teamA, sup, uni)...) // uninstall --keep-history
	add(history("default", "going", 7, nil, unig)...)
	add(history("default", "odd", 8, nil, unk)...)
	add(history("default", "fail2", 9, teamB, dep, fail)...)
	add(rel("default", "tie-a", 1, dep, 500, nil), rel("default", "tie-b", 1, dep, 500, nil))
	add(history("team-b", "web", 0, teamB, dep)...)
	add(history("team-b", "db", -20, nil, sup, dep)...) // its v2 at 40 s, as default's db
	add(history("team-b", "cache", 3, teamAX, uni)...)
	add(history("team-c", "web", 2, nil, fail, fail)...)
	return w
}

// bigHistoryWorld has releases with hundreds of revisions (more records than one list page).
func bigHistoryWorld() world {
	var w world
	many := func(ns, name string, n int, last rcommon.Status, older ...rcommon.Status) {
		states := make([]rcommon.Status, n)
		for i := range states {
			states[i] = older[i%len(older)]
		}
		states[n-1] = last
		w.rels = append(w.rels, history(ns, name, 0, teamA, states...)...)
	}
	many("default", "big", 300, dep, sup)
	many("default", "flaky", 250, fail, sup, fail, fail)
	many("default", "gone", 120, uni, sup)
	many("other", "big", 200, pU, sup)
	w.rels = append(w.rels, history("other", "small", 30, nil, dep)...)
	return w
}

// oddWorld has records with odd fields: no chart, no chart metadata, empty metadata, no times,
// dotted and unicode names, labels that collide with the driver's own.
func oddWorld() world {
	var w world
	r := rel("default", "nochart", 1, dep, 1, nil)
	r.Chart = nil
	w.rels = append(w.rels, r)
	r = rel("default", "nometa", 1, fail, 2, teamA)
	r.Chart = &chart.Chart{}
	w.rels = append(w.rels, r)
	r = rel("default", "emptymeta", 1, dep, 3, teamB)
	r.Chart.Metadata = &chart.Metadata{}
	w.rels = append(w.rels, r)
	r = rel("default", "notimes", 2, dep, 0, nil)
	r.Info = &release.Info{Status: dep}
	w.rels = append(w.rels, r)
	r = rel("default", "dotted.name-1", 1, pI, 4, map[string]string{"status": "bogus", "team": "a"})
	r.Info.Description = "ünïcødé ⎈"
	w.rels = append(w.rels, r)
	r = rel("default", "nolabels", 1, dep, 5, map[string]string{})
	r.Config, r.Manifest = nil, ""
	w.rels = append(w.rels, r)
	return w
}

// rawRecord is a storage object written behind helm's back.
type rawRecord struct {
	namespace, object string
	labels            map[string]string
	data              string // the "release" value as stored: base64 of (gzipped) JSON
}

func (r rawRecord) store(t testing.TB, cs *fake.Clientset, resource string) {
	t.Helper()
	meta := metav1.ObjectMeta{Name: r.object, Namespace: r.namespace, Labels: r.labels}
	var obj runtime.Object = &corev1.Secret{ObjectMeta: meta, Type: "helm.sh/release.v1",
		Data: map[string][]byte{"release": []byte(r.data)}}
	if resource == "configmaps" {
		obj = &corev1.ConfigMap{ObjectMeta: meta, Data: map[string]string{"release": r.data}}
	}
	if err := cs.Tracker().Add(obj); err != nil {
		t.Fatal(err)
	}
}

// storedLabels are the labels helm's drivers put on a record.
func storedLabels(name string, version int, st rcommon.Status) map[string]string {
	return map[string]string{"name": name, "owner": "helm", "status": st.String(), "version": fmt.Sprint(version),
		"createdAt": "1767322800"}
}

// encoded is v encoded as helm's drivers encode a release (JSON, gzip unless plain, base64).
func encoded(t testing.TB, v any, plain bool) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if !plain {
		var buf bytes.Buffer
		z, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		z.Write(b)
		z.Close()
		b = buf.Bytes()
	}
	return base64.StdEncoding.EncodeToString(b)
}

// raw returns r as a record written behind helm's back in namespace ns.
func raw(t testing.TB, ns string, r *release.Release, plain bool) rawRecord {
	return rawRecord{namespace: ns, object: fmt.Sprintf("sh.helm.release.v1.%s.v%d", r.Name, r.Version),
		labels: storedLabels(r.Name, r.Version, r.Info.Status), data: encoded(t, r, plain)}
}

// tamperedWorld has records helm did not write: undecodable data (as the latest revision and as
// an older one), a record stored without gzip, and a copy of a release's records restored into
// another namespace (their content still naming the first).
func tamperedWorld(t testing.TB) world {
	w := world{rels: history("default", "web", 0, teamA, sup, dep)}
	w.rels = append(w.rels, history("default", "garbled", 10, nil, dep)...)
	garbage := rawRecord{namespace: "default", object: "sh.helm.release.v1.garbled.v2",
		labels: storedLabels("garbled", 2, dep), data: "not base64 at all!"}
	w.rels = append(w.rels, history("default", "garbled-old", 20, nil, sup, dep)[1:]...)
	garbageOld := rawRecord{namespace: "default", object: "sh.helm.release.v1.garbled-old.v1",
		labels: storedLabels("garbled-old", 1, sup), data: base64.StdEncoding.EncodeToString([]byte("{nope"))}
	w.raw = append(w.raw, garbage, garbageOld, raw(t, "default", rel("default", "plain", 1, dep, 30, nil), true))
	for _, r := range history("default", "web", 0, teamA, sup, dep) {
		w.raw = append(w.raw, raw(t, "restored", r, false))
	}
	return w
}

// noInfoWorld has a record without its info (status, times), which helm's list cannot handle.
func noInfoWorld(t testing.TB) world {
	w := world{rels: history("default", "web", 0, nil, sup, dep)}
	w.rels = append(w.rels, history("default", "db", 0, nil, fail)...)
	bare := &release.Release{Name: "bare", Namespace: "default", Version: 1}
	w.raw = append(w.raw, rawRecord{namespace: "default", object: "sh.helm.release.v1.bare.v1",
		labels: storedLabels("bare", 1, dep), data: encoded(t, bare, false)})
	return w
}

// standardQueries is the table of list flags, in each namespace given.
func standardQueries(nss ...string) []listQuery {
	var base = []listQuery{
		{}, {states: "deployed"}, {states: "failed"}, {states: "pending"}, {states: "superseded"},
		{states: "uninstalled"}, {states: "uninstalling"}, {states: "all"}, {states: "deployed,failed"},
		{states: "superseded,uninstalled"}, {states: "pending,uninstalling,failed"},
		{filter: "^web$"}, {filter: "e"}, {filter: "^(db|queue|big)$"}, {filter: "["}, {filter: "x^"},
		{filter: `\.`}, {filter: "g", states: "superseded"},
		{selector: "team=a"}, {selector: "team!=a"}, {selector: "tier in (x,y)"}, {selector: "!team"},
		{selector: "status=deployed"}, {selector: "owner=helm,name=web"}, {selector: "version>2"},
		{selector: "team=a", states: "superseded"}, {selector: "==="}, {selector: "===", filter: "x^"},
		{byDate: true}, {reverse: true}, {byDate: true, reverse: true},
		{byDate: true, states: "superseded", max: 5}, {reverse: true, states: "superseded", offset: 3},
		{max: 1}, {max: 2, offset: 1}, {offset: 3}, {offset: 100}, {max: 256}, {max: 3, byDate: true},
		{max: 2, reverse: true, offset: 2}, {max: 1, states: "all", filter: "e", selector: "!tier"},
	}
	var out []listQuery
	for _, ns := range nss {
		for _, q := range base {
			q.ns = ns
			out = append(out, q)
		}
	}
	return out
}

// TestFastListMatchesHelm lists each hand-made world with cpphelm's list and helm's action.List
// on the memory, secret and configmap drivers.
func TestFastListMatchesHelm(t *testing.T) {
	cases := []struct {
		name     string
		world    func(testing.TB) world
		pageSize int
		kubeOnly bool
		exp      expectation
		nss      []string
	}{
		{"basic", func(testing.TB) world { return basicWorld() }, 7, false, expectation{},
			[]string{"default", "team-b", "nowhere", ""}},
		{"hundreds of revisions", func(testing.TB) world { return bigHistoryWorld() }, 0, false, expectation{},
			[]string{"default", ""}},
		{"odd fields", func(testing.TB) world { return oddWorld() }, 2, false, expectation{},
			[]string{"default", ""}},
		{"written behind helm's back", tamperedWorld, 3, true, expectation{mayFallBack: true},
			[]string{"default", "restored", ""}},
		{"record without info", noInfoWorld, 0, true, expectation{mayFallBack: true,
			helmCrashOK: "helm's list dereferences the missing info of every latest record; cpphelm " +
				"reads only records whose status label the flags ask for"},
			[]string{"default", ""}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w, queries := c.world(t), standardQueries(c.nss...)
			for _, resource := range []string{"secrets", "configmaps"} {
				checkKube(t, w, resource, c.pageSize, c.exp, queries)
			}
			if !c.kubeOnly {
				checkMemory(t, w, queries)
			}
		})
	}
}

// TestFastListSweep lists generated worlds with generated flags (fixed seed) both ways.
func TestFastListSweep(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 2))
	for i := range 40 {
		w, nss := randomWorld(rng)
		var queries []listQuery
		for range 12 {
			queries = append(queries, randomQuery(rng, nss))
		}
		t.Run(fmt.Sprint("world", i), func(t *testing.T) {
			checkKube(t, w, "secrets", rng.IntN(12), expectation{}, queries)
			checkKube(t, w, "configmaps", 0, expectation{}, queries)
			checkMemory(t, w, queries)
		})
	}
}

func pick[T any](rng *rand.Rand, from ...T) T { return from[rng.IntN(len(from))] }

// randomWorld returns releases in up to three namespaces sharing a small pool of names, with
// random histories, labels and deploy times (many tie to the second), and the namespaces used.
func randomWorld(rng *rand.Rand) (world, []string) {
	var w world
	nss := []string{"default", "a", "b"}[:1+rng.IntN(3)]
	all := []rcommon.Status{dep, sup, fail, uni, unig, pI, pU, pR, unk}
	for _, ns := range nss {
		seen := map[string]bool{}
		for range rng.IntN(8) {
			name := pick(rng, "web", "db", "api", "cache", "queue", "x", "web2", "a.b")
			if seen[name] {
				continue
			}
			seen[name] = true
			n := 1 + rng.IntN(6)
			if rng.IntN(10) == 0 {
				n = 40 + rng.IntN(80)
			}
			labels := pick(rng, nil, teamA, teamB, teamAX)
			at := rng.IntN(30)
			for v := 1; v <= n; v++ {
				st := pick(rng, sup, sup, sup, fail, dep, pU, uni)
				if v == n {
					st = pick(rng, all...)
				}
				at += rng.IntN(3) // 0: the same second as the revision before
				w.rels = append(w.rels, rel(ns, name, v, st, at, labels))
			}
		}
	}
	return w, nss
}

// randomQuery returns random list flags for a world in namespaces nss.
func randomQuery(rng *rand.Rand, nss []string) listQuery {
	q := listQuery{ns: pick(rng, append([]string{"", "", "nowhere"}, nss...)...)}
	var states []string
	for _, s := range []string{"deployed", "failed", "pending", "superseded", "uninstalled", "uninstalling", "all"} {
		if rng.IntN(6) == 0 {
			states = append(states, s)
		}
	}
	q.states = strings.Join(states, ",")
	q.filter = pick(rng, "", "", "", "^web", "b", "^(x|db)$", "[.]", "^$")
	q.selector = pick(rng, "", "", "", "team=a", "team!=b", "!tier", "tier", "status in (deployed,failed)", "version<3")
	q.byDate, q.reverse = rng.IntN(3) == 0, rng.IntN(3) == 0
	q.max = pick(rng, 0, 0, 256, 1, 2, 3)
	q.offset = pick(rng, 0, 0, 0, 1, 2, 5)
	return q
}

// TestFastListErrors: storage that cannot be listed, and a cluster that cannot be reached, give
// helm's errors.
func TestFastListErrors(t *testing.T) {
	forbidden := apierrors.NewForbidden(schema.GroupResource{Resource: "secrets"}, "", errors.New("no RBAC"))
	for _, resource := range []string{"secrets", "configmaps"} {
		cs := kubeWorld(t, basicWorld(), resource)
		cs.PrependReactor("list", resource, func(k8stesting.Action) (bool, runtime.Object, error) {
			return true, nil, forbidden
		})
		for _, q := range []listQuery{{ns: "default"}, {}, {filter: "["}} {
			store := kubeDriver(cs, resource, q.ns)
			cpp := cppRun(store, resource, pagedClients(cs, 0, nil), q)
			helm := helmRun(storage.Init(store), q)
			if msg := compare(q, cpp, helm, helm, true, expectation{}); msg != "" {
				t.Errorf("%s, %s: %s", resource, q, msg)
			}
		}
	}
	unreachable := &kubefake.FailingKubeClient{ConnectionError: errors.New("Kubernetes cluster unreachable")}
	cs := kubeWorld(t, basicWorld(), "secrets")
	store := kubeDriver(cs, "secrets", "default")
	cfg := &action.Configuration{Releases: storage.Init(store), KubeClient: unreachable}
	_, cppErr := listReleases(cfg, "secret", "default", listQuery{}.client(cfg), pagedClients(cs, 0, nil))
	_, helmErr := listQuery{}.client(cfg).Run()
	if fmt.Sprint(cppErr) != fmt.Sprint(helmErr) || helmErr == nil {
		t.Errorf("unreachable: cpphelm %v, helm %v", cppErr, helmErr)
	}
}

// TestFastListRecordsChangeBetweenReads: an upgrade lands between the read of the labels and the
// read of the data; cpphelm must notice and give what helm's list gives afterwards.
func TestFastListRecordsChangeBetweenReads(t *testing.T) {
	for _, resource := range []string{"secrets", "configmaps"} {
		cs := kubeWorld(t, basicWorld(), resource)
		store := storage.Init(kubeDriver(cs, resource, "default"))
		upgrade := func() {
			prev := rel("default", "web", 3, sup, 30, teamA)
			next := rel("default", "web", 4, dep, 90, teamA)
			if err := store.Update(prev); err != nil {
				t.Error(err)
			}
			if err := store.Create(next); err != nil {
				t.Error(err)
			}
		}
		q := listQuery{ns: "default", states: "deployed"}
		cpp := cppRun(store.Driver, resource, pagedClients(cs, 0, upgrade), q)
		helm := helmRun(store, q)
		if msg := compare(q, cpp, helm, helm, true, expectation{mustFallBack: true}); msg != "" {
			t.Errorf("%s: %s", resource, msg)
		}
	}
}
