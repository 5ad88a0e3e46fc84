package main

// Native fuzz targets (`go test -fuzz=FuzzName -run '^$'`) for what the shim decodes from outside
// Go: the requests C++ sends (and their dispatch), cpphelm's own cache files and their payloads,
// and the fast list's reading of storage records (against helm's own drivers and action.List).
// Their seed corpora live in testdata/fuzz/<target>/ and run as ordinary tests with `go test`;
// tests/fuzz/go-fuzz.sh runs each target for a bounded time (ctest shim_fuzz).

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/kubernetes/fake"
	"sigs.k8s.io/yaml"

	rcommon "helm.sh/helm/v4/pkg/release/common"
	release "helm.sh/helm/v4/pkg/release/v1"
	"helm.sh/helm/v4/pkg/storage"
)

// FuzzRequestDecode: any bytes as the request of any operation. A request that does not decode
// strictly reaches no operation: the dispatcher answers with the decoder's error. One that
// decodes is exactly one JSON value, and encodes back to JSON that decodes to the same request
// and encodes to the same bytes (what C++ and Go exchange is lossless). An unknown operation is
// an internal error naming it. Requests that decode are never run (operations touch files and
// networks).
func FuzzRequestDecode(f *testing.F) {
	names := make([]string, 0, len(opRequests))
	for name := range opRequests {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		zero, _ := json.Marshal(opRequests[name]())
		f.Add(name, zero)
	}
	f.Add("install", []byte(`{"settings":{},"unknown_field":1}`))
	f.Add("no.such.op", []byte(`{}`))
	f.Fuzz(func(t *testing.T, op string, data []byte) {
		newReq, typed := opRequests[op]
		if !typed {
			if _, registered := ops[op]; registered {
				return // the test.* operations of the shim's boundary test, which take no request
			}
			env := invoke(&call{ctx: context.Background()}, op, data)
			want := fmt.Sprintf("unknown operation %q", op)
			if env.OK || env.Error == nil || env.Error.Kind != "internal" || env.Error.Message != want {
				t.Fatalf("unknown op %q: %+v", op, env)
			}
			checkEnvelope(t, env)
			return
		}
		req := newReq()
		if err := decode(data, req); err != nil {
			env := invoke(&call{ctx: context.Background()}, op, data)
			if env.OK || env.Error == nil || env.Error.Message != err.Error() ||
				!strings.HasPrefix(err.Error(), "shim: bad request: ") {
				t.Fatalf("%s: request that does not decode (%v) gave %+v", op, err, env)
			}
			checkEnvelope(t, env)
			return
		}
		if !json.Valid(data) {
			t.Fatalf("%s: decoded a request that is not one JSON value: %q", op, data)
		}
		b1, err := json.Marshal(req)
		if err != nil {
			t.Fatalf("%s: decoded request does not encode: %v", op, err)
		}
		again := newReq()
		if err := decode(b1, again); err != nil {
			t.Fatalf("%s: re-encoded request does not decode: %v\n%s", op, err, b1)
		}
		if !reflect.DeepEqual(req, again) {
			t.Fatalf("%s: request changed through JSON:\n%#v\n%#v", op, req, again)
		}
		if b2, _ := json.Marshal(again); !bytes.Equal(b1, b2) {
			t.Fatalf("%s: encoding not stable:\n%s\n%s", op, b1, b2)
		}
	})
}

// checkEnvelope fails unless env encodes to valid JSON, as chs_invoke sends it.
func checkEnvelope(t *testing.T, env envelope) {
	t.Helper()
	b, err := json.Marshal(env)
	if err != nil || !json.Valid(b) {
		t.Fatalf("envelope does not encode: %v", err)
	}
}

// fuzzCacheHome points HELM_CACHE_HOME at a directory of the fuzzing process's own.
func fuzzCacheHome(f *testing.F) string {
	dir := f.TempDir()
	old, had := os.LookupEnv("HELM_CACHE_HOME")
	os.Setenv("HELM_CACHE_HOME", dir)
	f.Cleanup(func() {
		if had {
			os.Setenv("HELM_CACHE_HOME", old)
		} else {
			os.Unsetenv("HELM_CACHE_HOME")
		}
	})
	return dir
}

var fuzzKinds = []string{"search", "memory"}

// FuzzCacheFile: any bytes as a cache file. One is taken only when it is exactly what
// writeCacheFile writes for its payload (so no damaged, truncated, extended or foreign file
// is), and any payload is read back unchanged, only for its own kind and source.
func FuzzCacheFile(f *testing.F) {
	dir := f.TempDir()
	src := sha256.Sum256([]byte("source"))
	for i, kind := range fuzzKinds {
		p := filepath.Join(dir, "seed")
		writeCacheFile(p, kind, src, []byte(`{"a":[1,2,3]}`))
		b, _ := os.ReadFile(p)
		f.Add(uint8(i), b)
		f.Add(uint8(i), b[:len(b)-1])
		if back, ok := readCacheFile(p, kind, src); !ok || string(back) != `{"a":[1,2,3]}` {
			f.Fatalf("the file written is not read back: %q", b)
		}
	}
	f.Add(uint8(0), []byte("cpphelm-cache 1 search v4.3.1\n"))
	f.Fuzz(func(t *testing.T, k uint8, data []byte) {
		kind := fuzzKinds[int(k)%len(fuzzKinds)]
		if payload, ok := parseCacheFile(data, kind, src); ok {
			if canon := append(cacheFileHead(kind, src, [][]byte{payload}), payload...); !bytes.Equal(canon, data) {
				t.Fatalf("took a cache file that is not what its payload gives:\n%q\n%q", data, canon)
			}
		}
		file := append(cacheFileHead(kind, src, [][]byte{data}), data...)
		if back, ok := parseCacheFile(file, kind, src); !ok || !bytes.Equal(back, data) {
			t.Fatalf("payload %q did not round-trip (ok=%v): %q", data, ok, back)
		}
		if _, ok := parseCacheFile(file, fuzzKinds[(int(k)+1)%len(fuzzKinds)], src); ok {
			t.Fatal("took a cache file of another kind")
		}
		if other := sha256.Sum256(data); other != src {
			if _, ok := parseCacheFile(file, kind, other); ok {
				t.Fatal("took a cache file made from other source content")
			}
		}
	})
}

// FuzzCachePayload: any bytes as the payload of a whole, current cache file. The search cache
// takes it only when it decodes (as gob), else it parses the index itself; the memory cache takes
// it only when it decodes (as JSON) and otherwise gives helm's decoding of the data file.
func FuzzCachePayload(f *testing.F) {
	fuzzCacheHome(f)
	dir := f.TempDir()
	index := filepath.Join(dir, "index.yaml")
	indexText := []byte("apiVersion: v1\nentries:\n  demo:\n  - name: demo\n    version: 1.0.0\n    urls: [demo-1.0.0.tgz]\n")
	if err := os.WriteFile(index, indexText, 0o644); err != nil {
		f.Fatal(err)
	}
	parsed, _, _, err := parseIndexFile(index, indexText, slog.DiscardHandler)
	if err != nil {
		f.Fatal(err)
	}
	data := filepath.Join(dir, "releases.yaml")
	dataText := []byte("- name: web\n  namespace: default\n  version: 1\n  info:\n    status: deployed\n")
	if err := os.WriteFile(data, dataText, 0o644); err != nil {
		f.Fatal(err)
	}
	var fromYAML []*release.Release
	if err := yaml.Unmarshal(dataText, &fromYAML); err != nil {
		f.Fatal(err)
	}
	writeSearchCache(index, sha256.Sum256(indexText), parsed)
	b, _ := os.ReadFile(searchCachePath(index))
	f.Add(uint8(0), b[len(cacheHeader("search"))+44:])
	f.Add(uint8(1), []byte(mustJSON(fromYAML)))
	f.Add(uint8(1), []byte(`[{"name":"x","info":{"status":"deployed","last_deployed":"2026-01-02T03:04:05Z"},"chart":{}}]`))
	f.Fuzz(func(t *testing.T, k uint8, payload []byte) {
		if k%2 == 0 {
			writeCacheFile(searchCachePath(index), "search", sha256.Sum256(indexText), payload)
			got, err := loadSearchEntries(index)
			if err != nil {
				t.Fatalf("search cache with payload %q: %v", payload, err)
			}
			if _, ok := cachedEntries(index, sha256.Sum256(indexText)); !ok && !reflect.DeepEqual(got, parsed) {
				t.Fatalf("undecodable payload, yet not helm's parse: %v", got)
			}
			return
		}
		sum := sha256.Sum256(dataText)
		writeCacheFile(cacheFileFor("cpphelm-memory", data, ".json"), "memory", sum, payload)
		got, err := decodeMemoryFile(data, dataText)
		if err != nil {
			t.Fatalf("memory cache with payload %q: %v", payload, err)
		}
		var direct []*release.Release
		if json.Unmarshal(payload, &direct) != nil {
			direct = fromYAML
		}
		if mustJSON(got) != mustJSON(direct) {
			t.Fatalf("memory cache with payload %q gave %s", payload, mustJSON(got))
		}
	})
}

var secretsGVR = schema.GroupVersionResource{Version: "v1", Resource: "secrets"}

// FuzzDecodeStored: any bytes as a stored release record ("release" value of a Secret): the fast
// list's decodeStored gives what helm's secrets driver gives for the same record (both fail, or
// both give the same release).
func FuzzDecodeStored(f *testing.F) {
	r := rel("default", "web", 3, rcommon.StatusDeployed, 5, teamA)
	f.Add([]byte(encoded(f, r, false)))
	f.Add([]byte(encoded(f, r, true)))
	f.Add([]byte(base64.StdEncoding.EncodeToString([]byte{0x1f, 0x8b, 0x08, 0, 0})))
	f.Add([]byte("not base64!"))
	f.Add([]byte(base64.StdEncoding.EncodeToString([]byte("null"))))
	cs := fake.NewClientset()
	helm := kubeDriver(cs, "secrets", "default")
	f.Fuzz(func(t *testing.T, data []byte) {
		cs.Tracker().Delete(secretsGVR, "default", "sh.helm.release.v1.web.v3")
		rawRecord{namespace: "default", object: "sh.helm.release.v1.web.v3",
			labels: storedLabels("web", 3, rcommon.StatusDeployed), data: string(data)}.store(t, cs, "secrets")
		want, herr := helm.Get("sh.helm.release.v1.web.v3")
		got, err := decodeStored(data)
		if (err != nil) != (herr != nil) {
			t.Fatalf("decodeStored error %v, helm's driver %v", err, herr)
		}
		if err != nil {
			return
		}
		wantRel, cerr := toV1Release(want)
		if cerr != nil {
			t.Fatal(cerr)
		}
		got.Labels = wantRel.Labels
		if mustJSON(got) != mustJSON(wantRel) {
			t.Fatalf("decodeStored gave %s, helm %s", mustJSON(got), mustJSON(wantRel))
		}
	})
}

// FuzzFastList: a generated world (seeded) plus one record written behind helm's back with fuzzed
// labels and data, listed with fuzzed flags by cpphelm's list and by helm's action.List on the
// secret driver: the same releases, or the same error. The fuzzed labels stay when the data does
// not decode; a record that decodes gets the labels helm's driver gives it (see below).
func FuzzFastList(f *testing.F) {
	f.Add(uint64(1), uint8(5), "web\x003\x00deployed\x00team=a", []byte(nil), "", "", uint16(0))
	f.Add(uint64(2), uint8(9), "db\x00x\x00failed", []byte("garbage"), "^d", "team!=b", uint16(0x1ff))
	f.Add(uint64(3), uint8(0), "\x00\x00", []byte(nil), "(", "!!", uint16(7))
	f.Fuzz(func(t *testing.T, seed uint64, n uint8, labelSpec string, data []byte, filter, selector string, flags uint16) {
		rng := rand.New(rand.NewPCG(seed, 14))
		w, nss := randomWorld(rng)
		w.rels = w.rels[:min(len(w.rels), int(n%24))]
		parts := strings.Split(labelSpec, "\x00")
		lbs := map[string]string{"owner": "helm"}
		for i, key := range []string{"name", "version", "status"} {
			if i < len(parts) {
				lbs[key] = parts[i]
			}
		}
		for _, kv := range parts[min(3, len(parts)):] {
			if k, v, ok := strings.Cut(kv, "="); ok {
				lbs[k] = v
			}
		}
		if len(data) == 0 { // a well-formed record for the labels' release
			v := newStoredRecord("default", lbs, nil).version
			data = []byte(encoded(t, rel("default", lbs["name"], v, rcommon.Status(lbs["status"]), 7, nil), seed%2 == 1))
		}
		if r, err := decodeStored(data); err == nil {
			// Known difference, by design: the fast list picks records by their storage labels, so
			// labels that disagree with the content (which helm's drivers never write) can list
			// differently; such a record is labelled here as helm's driver would label it.
			lbs["name"], lbs["version"] = r.Name, strconv.Itoa(r.Version)
			if r.Info != nil {
				lbs["status"] = r.Info.Status.String()
			}
		}
		w.raw = append(w.raw, rawRecord{namespace: "default", object: "sh.helm.release.v1.fuzzed", labels: lbs, data: string(data)})
		q := listQuery{ns: pick(rng, append([]string{""}, nss...)...), filter: filter, selector: selector,
			byDate: flags&1 != 0, reverse: flags&2 != 0, max: int(flags>>2) % 4, offset: int(flags>>4) % 4}
		var states []string
		for i, s := range []string{"deployed", "failed", "pending", "superseded", "uninstalled", "uninstalling", "all"} {
			if flags&(1<<(6+i)) != 0 {
				states = append(states, s)
			}
		}
		q.states = strings.Join(states, ",")
		cs := fake.NewClientset()
		for _, r := range w.rels {
			d := kubeDriver(cs, "secrets", r.Namespace)
			if err := d.Create(fmt.Sprintf("sh.helm.release.v1.%s.v%d", r.Name, r.Version), r); err != nil {
				t.Fatal(err)
			}
		}
		for _, r := range w.raw {
			r.store(t, cs, "secrets")
		}
		store := kubeDriver(cs, "secrets", q.ns)
		cpp := cppRun(store, "secrets", pagedClients(cs, int(seed%5), nil), q)
		helm := helmRun(storage.Init(store), q)
		all := helmRun(storage.Init(store), q.unpaged())
		exp := expectation{mayFallBack: true, helmCrashOK: "a record without info crashes helm's list (see TestFastListMatchesHelm)"}
		if msg := compare(q, cpp, helm, all, true, exp); msg != "" {
			t.Fatalf("%s: %s", q, msg)
		}
	})
}

// FuzzIndexLoad: any bytes as a repository index; the fast loader (index_fast.go) gives helm's
// index, warnings and error (compareLoad in index_fast_test.go).
func FuzzIndexLoad(f *testing.F) {
	for _, doc := range adversarialIndexes[:len(adversarialIndexes)-1] {
		if len(doc) < 4096 {
			f.Add([]byte(doc))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		compareLoad(t, "fuzzed", data)
	})
}
