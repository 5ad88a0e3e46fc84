package main

// Tests of cpphelm's own caches (cache_file.go; the search cache, search_cache.go; the memory
// driver's cache, driver.go): whatever is found at a cache file's place, the answer is what helm's
// own parse gives, nothing is logged, and a cache directory that cannot be written changes nothing.

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/json"
	repo "helm.sh/helm/v4/pkg/repo/v1"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"sigs.k8s.io/yaml"

	release "helm.sh/helm/v4/pkg/release/v1"
)

const testIndex = `apiVersion: v1
entries:
  hello:
  - name: hello
    version: 0.2.0
    appVersion: "2.0"
    description: says hello
    keywords: [greeting, demo]
    urls: [hello-0.2.0.tgz]
    created: "2026-01-01T00:00:00Z"
    digest: abc
  - name: hello
    version: 0.1.0
    appVersion: "1.0"
    description: says hello
    urls: [hello-0.1.0.tgz]
    created: "2026-01-01T00:00:00Z"
    digest: abd
  web:
  - name: web
    version: 1.0.0
    description: a web server
    urls: [web-1.0.0.tgz]
    created: "2026-01-01T00:00:00Z"
    digest: abe
generated: "2026-01-01T00:00:00Z"
`

const testReleases = `- name: web
  namespace: default
  version: 1
  info:
    first_deployed: "2026-01-03T10:00:00Z"
    last_deployed: "2026-01-03T10:01:00Z"
    description: Install complete
    status: deployed
  chart:
    metadata:
      apiVersion: v2
      name: demo
      version: 1.0.0
  config:
    replicas: 2
  manifest: "---\nkind: ConfigMap\n"
- name: db
  namespace: team-b
  version: 3
  info:
    status: failed
`

// cacheHome points HELM_CACHE_HOME at a new directory and returns it.
func cacheHome(t *testing.T) string {
	t.Helper()
	d := t.TempDir()
	t.Setenv("HELM_CACHE_HOME", d)
	return d
}

// quietLog sends slog's records to a buffer for the test and returns it.
func quietLog(t *testing.T) *bytes.Buffer {
	t.Helper()
	var buf bytes.Buffer
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})))
	t.Cleanup(func() { slog.SetDefault(prev) })
	return &buf
}

// damage is one thing that can be found at a cache file's place.
type damage struct {
	name  string
	apply func(t *testing.T, path string, good []byte)
}

func writeBytes(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(path)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func flipped(b []byte, i int) []byte {
	c := bytes.Clone(b)
	c[i] ^= 0x40
	return c
}

// damages returns every kind of bad cache file; oldFormat is the same content in the layout of
// cacheFormat 1.
func damages(oldFormat []byte) []damage {
	bytesOf := func(f func(good []byte) []byte) func(*testing.T, string, []byte) {
		return func(t *testing.T, path string, good []byte) { writeBytes(t, path, f(good)) }
	}
	ds := []damage{
		{"empty", bytesOf(func([]byte) []byte { return nil })},
		{"garbage", bytesOf(func([]byte) []byte { return bytes.Repeat([]byte("\x00garbage\xff"), 7) })},
		{"format 1", bytesOf(func([]byte) []byte { return oldFormat })},
		{"other format", bytesOf(func(g []byte) []byte {
			return bytes.Replace(g, []byte("cpphelm-cache 2 "), []byte("cpphelm-cache 3 "), 1)
		})},
		{"other helm library", bytesOf(func(g []byte) []byte {
			i := bytes.IndexByte(g, '\n')
			return append(append(bytes.Clone(g[:i]), ".1"...), g[i:]...)
		})},
		{"other kind", bytesOf(func(g []byte) []byte {
			if bytes.Contains(g[:bytes.IndexByte(g, '\n')], []byte(" search ")) {
				return bytes.Replace(g, []byte(" search "), []byte(" memory "), 1)
			}
			return bytes.Replace(g, []byte(" memory "), []byte(" search "), 1)
		})},
		{"other source", bytesOf(func(g []byte) []byte { return flipped(g, bytes.IndexByte(g, '\n')+5) })},
		{"flipped payload byte", bytesOf(func(g []byte) []byte { return flipped(g, len(g)-3) })},
		{"flipped length", bytesOf(func(g []byte) []byte { return flipped(g, bytes.IndexByte(g, '\n')+40) })},
		{"appended byte", bytesOf(func(g []byte) []byte { return append(bytes.Clone(g), '\n') })},
	}
	ds = append(ds, placeDamages()...)
	for _, cut := range []int{1, 10, 20, 40, 60, 70, -1} {
		ds = append(ds, damage{"truncated", bytesOf(func(g []byte) []byte {
			n := bytes.IndexByte(g, '\n') + cut
			if cut < 0 || n >= len(g) {
				n = len(g) - 1
			}
			return g[:n]
		})})
	}
	return ds
}

// placeDamages returns what can stand at a cache file's place instead of a readable file.
func placeDamages() []damage {
	return []damage{
		{"directory", func(t *testing.T, path string, _ []byte) {
			os.RemoveAll(path)
			if err := os.MkdirAll(filepath.Join(path, "x"), 0o755); err != nil {
				t.Fatal(err)
			}
		}},
		{"fifo", func(t *testing.T, path string, _ []byte) {
			os.RemoveAll(path)
			if err := syscall.Mkfifo(path, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"symlink to /dev/zero", func(t *testing.T, path string, _ []byte) {
			os.RemoveAll(path)
			if err := os.Symlink("/dev/zero", path); err != nil {
				t.Fatal(err)
			}
		}},
		{"unreadable", func(t *testing.T, path string, good []byte) {
			writeBytes(t, path, good)
			if os.Geteuid() == 0 {
				// root reads it anyway; make it a dangling link instead
				os.Remove(path)
				os.Symlink(filepath.Join(path+".missing", "x"), path)
				return
			}
			os.Chmod(path, 0)
		}},
	}
}

// withTimeout fails the test when f takes longer than a few seconds (a cache read that blocks).
func withTimeout(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatalf("%s: still running after 20 s", what)
	}
}

// TestCacheFileRoundTrip: what is written is read back, only for its own kind and source, and no
// temporary file is left beside it.
func TestCacheFileRoundTrip(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "c.bin")
	src := sha256.Sum256([]byte("source"))
	payload := []byte("payload \x00\xff bytes")
	writeCacheFile(path, "search", src, payload)
	if got, ok := readCacheFile(path, "search", src); !ok || !bytes.Equal(got, payload) {
		t.Fatalf("read back %q, %v", got, ok)
	}
	if _, ok := readCacheFile(path, "memory", src); ok {
		t.Error("read as another kind")
	}
	if _, ok := readCacheFile(path, "search", sha256.Sum256([]byte("other"))); ok {
		t.Error("read for another source")
	}
	writeCacheFile(path, "search", src, nil)
	if got, ok := readCacheFile(path, "search", src); !ok || len(got) != 0 {
		t.Errorf("empty payload read back as %q, %v", got, ok)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("files beside the cache: %v", entries)
	}
}

// memoryFixture writes the release data file and returns its path and helm's parse of it.
func memoryFixture(t *testing.T) (string, []*release.Release) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "releases.yaml")
	if err := os.WriteFile(path, []byte(testReleases), 0o644); err != nil {
		t.Fatal(err)
	}
	var want []*release.Release
	if err := yaml.Unmarshal([]byte(testReleases), &want); err != nil {
		t.Fatal(err)
	}
	return path, want
}

func releasesJSON(t *testing.T, rels []*release.Release) string {
	t.Helper()
	b, err := json.Marshal(rels)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestMemoryCacheDamaged: whatever is at the memory driver cache's place, the releases are
// helm's parse of the data file, nothing is logged, and a regular file is rewritten whole.
func TestMemoryCacheDamaged(t *testing.T) {
	data, want := memoryFixture(t)
	sum := sha256.Sum256([]byte(testReleases))
	for _, d := range damages(append(sum[:], releasesJSON(t, want[:1])...)) {
		t.Run(d.name, func(t *testing.T) {
			cacheHome(t)
			log := quietLog(t)
			cachePath := cacheFileFor("cpphelm-memory", data, ".json")
			if _, err := decodeMemoryFile(data, []byte(testReleases)); err != nil {
				t.Fatal(err)
			}
			good, err := os.ReadFile(cachePath)
			if err != nil {
				t.Fatal(err)
			}
			d.apply(t, cachePath, good)
			var got []*release.Release
			withTimeout(t, "decodeMemoryFile", func() { got, err = decodeMemoryFile(data, []byte(testReleases)) })
			if err != nil || releasesJSON(t, got) != releasesJSON(t, want) {
				t.Fatalf("got %s (%v), helm's parse %s", releasesJSON(t, got), err, releasesJSON(t, want))
			}
			if log.Len() != 0 {
				t.Errorf("logged: %s", log)
			}
			if fi, err := os.Lstat(cachePath); err == nil && fi.Mode().IsRegular() && fi.Mode().Perm() != 0 {
				if _, ok := readCacheFile(cachePath, "memory", sum); !ok {
					t.Error("the damaged cache file was not replaced by a good one")
				}
			}
		})
	}
}

// searchFixture writes the index file and returns its path and the search view of helm's parse.
func searchFixture(t *testing.T) (string, map[string][]indexedChart) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo-index.yaml")
	if err := os.WriteFile(path, []byte(testIndex), 0o644); err != nil {
		t.Fatal(err)
	}
	want, _, logged, err := parseIndexFile(path, []byte(testIndex), slog.DiscardHandler)
	if err != nil || logged || len(want) != 2 {
		t.Fatalf("fixture index: %v, logged %v, %d charts", err, logged, len(want))
	}
	return path, want
}

// TestSearchCacheDamaged: whatever is at the search cache's place, the entries are helm's parse
// of the index, nothing is logged, and a regular file is rewritten whole.
func TestSearchCacheDamaged(t *testing.T) {
	index, want := searchFixture(t)
	sum := sha256.Sum256([]byte(testIndex))
	var old bytes.Buffer // cacheFormat 1: a gob of the source's hash and the entries
	gob.NewEncoder(&old).Encode(struct {
		SourceSHA256 [32]byte
		Entries      map[string][]indexedChart
	}{sum, want})
	for _, d := range damages(old.Bytes()) {
		t.Run(d.name, func(t *testing.T) {
			cacheHome(t)
			log := quietLog(t)
			cachePath := searchCachePath(index)
			if _, err := loadSearchEntries(index); err != nil {
				t.Fatal(err)
			}
			good, err := os.ReadFile(cachePath)
			if err != nil {
				t.Fatal(err)
			}
			d.apply(t, cachePath, good)
			var got map[string][]indexedChart
			withTimeout(t, "loadSearchEntries", func() { got, err = loadSearchEntries(index) })
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Fatalf("got %v (%v), helm's parse %v", got, err, want)
			}
			if log.Len() != 0 {
				t.Errorf("logged: %s", log)
			}
			if fi, err := os.Lstat(cachePath); err == nil && fi.Mode().IsRegular() && fi.Mode().Perm() != 0 {
				if _, ok := cachedEntries(index, sum); !ok {
					t.Error("the damaged cache file was not replaced by a good one")
				}
			}
		})
	}
}

// TestIndexLookupDamaged: whatever is at the chart lookup's place, every chart's entries are
// helm's, nothing is logged, and the lookup file is made whole again.
func TestIndexLookupDamaged(t *testing.T) {
	index, _ := searchFixture(t)
	want, err := repo.LoadIndexFile(index)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(testIndex))
	for _, d := range damages([]byte("cpphelm-cache 1 index\n")) {
		t.Run(d.name, func(t *testing.T) {
			cacheHome(t)
			log := quietLog(t)
			path := indexLookupPath(index)
			if _, ok := lookupIndex(index); !ok {
				t.Fatal("no lookup of a clean index")
			}
			good, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			d.apply(t, path, good)
			for name, versions := range want.Entries {
				var entries []byte
				var found, ok bool
				withTimeout(t, "findChart", func() { entries, found, ok = findChart(index, name) })
				if !ok || !found {
					t.Fatalf("chart %s: found %v, ok %v", name, found, ok)
				}
				ind, ok := decodeIndexJSON(miniIndex(map[string][]byte{"c": entries}))
				if !ok || !sameVersions(ind.Entries["c"], versions) {
					t.Fatalf("chart %s: entries differ from helm's", name)
				}
			}
			if _, found, ok := findChart(index, "no-such-chart"); found || !ok {
				t.Errorf("a chart the index does not have: found %v, ok %v", found, ok)
			}
			if log.Len() != 0 {
				t.Errorf("logged: %s", log)
			}
			if fi, err := os.Lstat(path); err == nil && fi.Mode().IsRegular() && fi.Mode().Perm() != 0 {
				if _, ok := readLookup(path, sum); !ok {
					t.Error("the damaged lookup file was not replaced by a good one")
				}
			}
		})
	}
}

// TestCacheValidPayloadUndecodable: a whole cache file whose payload does not decode is ignored.
func TestCacheValidPayloadUndecodable(t *testing.T) {
	cacheHome(t)
	index, want := searchFixture(t)
	writeCacheFile(searchCachePath(index), "search", sha256.Sum256([]byte(testIndex)), []byte("not a gob"))
	if got, err := loadSearchEntries(index); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("search: got %v (%v)", got, err)
	}
	data, rels := memoryFixture(t)
	writeCacheFile(cacheFileFor("cpphelm-memory", data, ".json"), "memory", sha256.Sum256([]byte(testReleases)),
		[]byte(`[{"name": 7}]`))
	if got, err := decodeMemoryFile(data, []byte(testReleases)); err != nil || releasesJSON(t, got) != releasesJSON(t, rels) {
		t.Errorf("memory: got %s (%v)", releasesJSON(t, got), err)
	}
}

// TestCacheSourceChanged: a cache made from other content of the same source file is not used.
func TestCacheSourceChanged(t *testing.T) {
	cacheHome(t)
	index, _ := searchFixture(t)
	if _, err := loadSearchEntries(index); err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(testIndex, "a web server", "a changed server", 1)
	os.WriteFile(index, []byte(changed), 0o644)
	got, err := loadSearchEntries(index)
	if err != nil || got["web"][0].Description != "a changed server" {
		t.Errorf("after the index changed: %v (%v)", got["web"], err)
	}
	data, _ := memoryFixture(t)
	if _, err := decodeMemoryFile(data, []byte(testReleases)); err != nil {
		t.Fatal(err)
	}
	other := strings.Replace(testReleases, "replicas: 2", "replicas: 5", 1)
	rels, err := decodeMemoryFile(data, []byte(other))
	if err != nil || rels[0].Config["replicas"] != float64(5) {
		t.Errorf("after the data changed: %v (%v)", rels[0].Config, err)
	}
}

// unwritableCacheHomes returns HELM_CACHE_HOME values that cannot be written: below a regular file
// (for everyone), a read-only directory (for all but root), and /proc (a read-only file system for
// new names, also for root).
func unwritableCacheHomes(t *testing.T) map[string]string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, []byte("x"), 0o644)
	homes := map[string]string{"below a file": filepath.Join(file, "cache"), "proc": "/proc/cpphelm-cache-test"}
	if os.Geteuid() != 0 {
		ro := filepath.Join(t.TempDir(), "ro")
		os.Mkdir(ro, 0o555)
		homes["read-only directory"] = ro
	}
	return homes
}

// TestCacheHomeUnwritable: with a cache directory that cannot be written, search and the memory
// driver give helm's answers, log nothing and write nothing to stderr.
func TestCacheHomeUnwritable(t *testing.T) {
	index, wantEntries := searchFixture(t)
	data, wantRels := memoryFixture(t)
	for name, home := range unwritableCacheHomes(t) {
		t.Run(name, func(t *testing.T) {
			t.Setenv("HELM_CACHE_HOME", home)
			log := quietLog(t)
			stderr := captureStderr(t)
			for range 2 {
				got, err := loadSearchEntries(index)
				if err != nil || !reflect.DeepEqual(got, wantEntries) {
					t.Errorf("search: %v (%v)", got, err)
				}
				rels, err := decodeMemoryFile(data, []byte(testReleases))
				if err != nil || releasesJSON(t, rels) != releasesJSON(t, wantRels) {
					t.Errorf("memory: %s (%v)", releasesJSON(t, rels), err)
				}
			}
			if out := stderr(); log.Len() != 0 || out != "" {
				t.Errorf("logged %q, stderr %q", log, out)
			}
			if _, err := os.Stat(home); err == nil && home != "/proc/cpphelm-cache-test" {
				if entries, _ := os.ReadDir(home); len(entries) != 0 {
					t.Errorf("written into the read-only cache: %v", entries)
				}
			}
		})
	}
}

// captureStderr redirects file descriptor 2 for the test; the returned function restores it and
// returns what was written.
func captureStderr(t *testing.T) func() string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	saved, err := syscall.Dup(2)
	if err != nil {
		t.Fatal(err)
	}
	syscall.Dup3(int(w.Fd()), 2, 0)
	got := make(chan string)
	go func() {
		var buf bytes.Buffer
		buf.ReadFrom(r)
		got <- buf.String()
	}()
	restored := false
	restore := func() string {
		if restored {
			return ""
		}
		restored = true
		syscall.Dup3(saved, 2, 0)
		syscall.Close(saved)
		w.Close()
		return <-got
	}
	t.Cleanup(func() { restore() })
	return restore
}
