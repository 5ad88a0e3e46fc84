package main

// The fast index loader (index_fast.go) against helm's repo.LoadIndexFile: same index, same
// warnings, same error, on indexes written by helm's own writer, on the real indexes of helm's
// and cpphelm's test data, on adversarial YAML and on every truncation of a regular index. The
// regular indexes must also take the fast path (else the loader would be right but slow).

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	chart "helm.sh/helm/v4/pkg/chart/v2"
	repo "helm.sh/helm/v4/pkg/repo/v1"
	"sigs.k8s.io/yaml"
)

// recordingHandler keeps every log record as text (message and attributes).
type recordingHandler struct {
	mu      sync.Mutex
	records []string
}

func (h *recordingHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h *recordingHandler) WithAttrs([]slog.Attr) slog.Handler       { return h }
func (h *recordingHandler) WithGroup(string) slog.Handler            { return h }
func (h *recordingHandler) Handle(_ context.Context, r slog.Record) error {
	s := r.Level.String() + " " + r.Message
	r.Attrs(func(a slog.Attr) bool { s += " " + a.String(); return true })
	h.mu.Lock()
	h.records = append(h.records, s)
	h.mu.Unlock()
	return nil
}

// helmLoad is helm's loader on path, with what it logged (sorted: helm logs in map order).
func helmLoad(path string) (*repo.IndexFile, []string, error) {
	rec := &recordingHandler{}
	prev := slog.Default()
	slog.SetDefault(slog.New(rec))
	ind, err := repo.LoadIndexFile(path)
	slog.SetDefault(prev)
	slices.Sort(rec.records)
	return ind, rec.records, err
}

// fastTaken tells whether the fast path alone loads data.
func fastTaken(data []byte) bool {
	ci, ok := yamlIndexToJSON(data)
	if !ok {
		return false
	}
	_, ok = ci.decode(nil)
	return ok
}

// compareLoad checks that loadIndexFast gives helm's result for data, and that the chart lookup
// made from it gives helm's entries for every chart; it returns whether the fast path was taken.
func compareLoad(t *testing.T, name string, data []byte) bool {
	t.Helper()
	path := filepath.Join(t.TempDir(), "x-index.yaml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	want, wantLogs, wantErr := helmLoad(path)
	rec := &recordingHandler{}
	got, logged, err := loadIndexFast(path, data, rec, nil)
	slices.Sort(rec.records)
	if fmt.Sprint(err) != fmt.Sprint(wantErr) {
		t.Fatalf("%s: error %v, helm's %v", name, err, wantErr)
	}
	if !slices.Equal(rec.records, wantLogs) || logged != (len(wantLogs) > 0) {
		t.Fatalf("%s: logged %v (%v), helm logged %v", name, rec.records, logged, wantLogs)
	}
	if wantErr != nil {
		return fastTaken(data)
	}
	if !reflect.DeepEqual(got.IndexFile, want) {
		t.Fatalf("%s: index differs from helm's\n got %#v\nwant %#v", name, got.IndexFile, want)
	}
	visited := map[string]repo.ChartVersions{}
	var mu sync.Mutex
	if _, _, err := loadIndexFast(path, data, slog.DiscardHandler, func(n string, v repo.ChartVersions) {
		mu.Lock()
		visited[n] = v
		mu.Unlock()
	}); err != nil || !reflect.DeepEqual(visited, want.Entries) && len(want.Entries) > 0 {
		t.Fatalf("%s: the visited entries differ from helm's (%v)", name, err)
	}
	if !logged {
		charts, err := chartsJSON(got)
		if err != nil {
			t.Fatalf("%s: lookup: %v", name, err)
		}
		l, ok := lookupInMemory(bytes.Join(encodeLookup(charts), nil))
		if !ok || len(l.names) != len(want.Entries) {
			t.Fatalf("%s: lookup of %d charts unreadable or incomplete", name, len(want.Entries))
		}
		for chartName, versions := range want.Entries {
			entries, _, _ := l.find(chartName)
			ind, ok := decodeIndexJSON(miniIndex(map[string][]byte{"c": entries}))
			if !ok || !sameVersions(ind.Entries["c"], versions) {
				t.Fatalf("%s: lookup of chart %q differs from helm's", name, chartName)
			}
		}
	}
	return fastTaken(data)
}

// sameVersions compares chart versions as the lookup's users read them (times by instant: a
// version re-encoded from helm's structs keeps its instant, not the name of its zone).
func sameVersions(a, b repo.ChartVersions) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := *a[i], *b[i]
		if !x.Created.Equal(y.Created) {
			return false
		}
		x.Created, y.Created = time.Time{}, time.Time{}
		if !reflect.DeepEqual(x, y) {
			return false
		}
	}
	return true
}

// trickyStrings are strings helm's writer must quote or escape; all stay in the fast subset.
var trickyStrings = []string{
	"", " ", "plain", "a: b", "a:b", "a #b", "a#b", "#x", "- x", "-x", "? x", ": x", "'q'", `"d"`, `back\slash`,
	"1.10", "1.0", "10", "0bed95", "0b101x", "0x1g", "1e5abc", "-0b12", "+inf", "1_0.5", "00", "09", "0o8", "0x1F", "0o17", "0b101", "1_000", "+1", "-1", ".5", "1e3", "-.inf", ".nan", "1.2.3",
	"yes", "No", "on", "OFF", "y", "true", "False", "~", "null", "NULL", "<<", "2024-01-01", "2024-1-2 3:04:05",
	"[a]", "{a}", "[]", "{}", "&a", "*a", "!t", "|", ">", "%x", "@x", "`x`", ",x", "x,", "a\nb", "a\n\nb\n",
	"trailing\n\n", "\nleading", "tail ", " lead", "unicode é ✓ 日本", "emoji 🎉", "<html>&amp;", "tab\tinside",
	strings.Repeat("long words ", 200), "https://example.com/a?b=c#d", "a: b: c", "key:", "x:\n  y",
}

// generatedIndex is an index as helm's writer (IndexFile.WriteFile: sigs.k8s.io/yaml) writes it,
// with s in every string field of one chart's entries.
func generatedIndex(t *testing.T, charts, versions int, s string) []byte {
	t.Helper()
	ind := repo.NewIndexFile()
	for c := 0; c < charts; c++ {
		for v := 0; v < versions; v++ {
			name := fmt.Sprintf("chart-%03d", c)
			md := &chart.Metadata{
				APIVersion: "v2", Name: name, Version: fmt.Sprintf("%d.%d.%d", v/10, v%10, c%7),
				AppVersion: s, Description: "Chart " + s, Home: s, Icon: "https://x/icon.png",
				Keywords: []string{"bench", s}, Sources: []string{s}, KubeVersion: ">=1.20.0-0",
				Maintainers:  []*chart.Maintainer{{Name: "M", Email: "m@x.io", URL: "https://m"}},
				Annotations:  map[string]string{"category": s, "images": "- name: a\n  image: b\n", "Zeta": "z"},
				Dependencies: []*chart.Dependency{{Name: "common", Version: "2.x.x", Repository: "oci://r", Tags: []string{s}}},
				Deprecated:   v%5 == 0, Type: "application",
			}
			if err := ind.MustAdd(md, fmt.Sprintf("%s-%s.tgz", name, md.Version), "https://charts.example.com", fmt.Sprintf("%064x", c*1000+v)); err != nil {
				t.Fatal(err)
			}
		}
	}
	ind.Generated = time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC)
	for _, cvs := range ind.Entries {
		for _, cv := range cvs {
			cv.Created = time.Date(2025, 12, 24, 1, 2, 3, 0, time.FixedZone("", 3600))
		}
	}
	ind.SortEntries()
	b, err := yaml.Marshal(ind)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestFastIndexOnHelmWrittenIndexes(t *testing.T) {
	for i, s := range trickyStrings {
		data := generatedIndex(t, 3, 4, s)
		fast := compareLoad(t, fmt.Sprintf("string %d %q", i, s), data)
		if !fast && !strings.ContainsAny(s, "\t") {
			t.Errorf("string %d %q: the fast path gave up on an index helm's writer wrote:\n%s", i, s, data)
		}
	}
}

func TestFastIndexOnRealIndexes(t *testing.T) {
	var files []string
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "helm.sh/helm/v4").Output()
	if err != nil {
		t.Fatalf("locating helm's module: %v", err)
	}
	helmDir := strings.TrimSpace(string(out))
	for _, pattern := range []string{
		filepath.Join(helmDir, "pkg/repo/v1/testdata/*.yaml"),
		filepath.Join(helmDir, "pkg/repo/v1/testdata/*.json"),
		filepath.Join(helmDir, "pkg/repo/v1/testdata/*/index.yaml"),
		filepath.Join(helmDir, "pkg/cmd/testdata/testcache/*.yaml"),
		filepath.Join(helmDir, "pkg/downloader/testdata/repository/*.yaml"),
		"../tests/fixtures/repo/*.yaml", "../tests/fixtures/repo/cache/*.yaml",
	} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	if len(files) < 10 {
		t.Fatalf("only %d real index files found: %v", len(files), files)
	}
	fast := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if compareLoad(t, f, data) {
			fast++
		}
	}
	t.Logf("%d real indexes, %d read by the fast path", len(files), fast)
	if fast < len(files)/3 {
		t.Errorf("the fast path read only %d of %d real indexes", fast, len(files))
	}
}

// adversarialIndexes are indexes outside the regular subset, or at its edges.
var adversarialIndexes = []string{
	"",
	"apiVersion: v1\n",
	"entries: {}\n",
	"apiVersion: v1\nentries:\n",
	"apiVersion: v1\nentries: {}\n",
	"apiVersion: v1\napiVersion: v2\nentries: {}\n",
	"apiVersion: v1\nentries:\n  a:\n  - {name: a, version: 1.0.0}\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n  a:\n  - name: a\n    version: 2.0.0\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    name: b\n    version: 1.0.0\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    Name: b\n    version: 1.0.0\n",
	"apiVersion: v1\nentries:\n  a:\n  - &x\n    name: a\n    version: 1.0.0\n  b:\n  - *x\n",
	"apiVersion: v1\nentries:\n  a: &l\n  - name: a\n    version: 1.0.0\n  b: *l\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.10\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    appVersion: 1.10\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    appVersion: yes\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    description: ~\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    created: 2024-01-01\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    created: \"2024-01-01\"\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    deprecated: yes\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    deprecated: true\n    removed: false\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    annotations:\n      x: true\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    annotations:\n      x: 12\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: not-semver\n  - name: a\n    version: 1.0.0\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n  - null\n  -\n  - name: a\n    version: 1.0.0\n",
	"apiVersion: v1\nentries:\n  a:\n  - version: 1.0.0\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: ../a\n    version: 1.0.0\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    type: other\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    dependencies:\n    - name: d\n    - name: d\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    maintainers:\n    - email: x\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    unknownField: x\n",
	"apiVersion: v1\nserverInfo:\n  contextPath: /x\n  n: 1\nentries:\n  a: []\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: \"1.0.0\xff\"\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    description: \xc3\x28\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    description: \"\\x41\\u00e9\\U0001F389\\t\\n\\\\ \\\" \\/ \\N\"\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    description: \"\\ud800\"\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    description: 'it''s'\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    description: |\n      line1\n\n        indented\n      # not a comment\n\n\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    description: |-\n      line1\n      line2\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    description: |+\n      line1\n\n\n    home: x\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    description: |2\n        x\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    description: >\n      folded\n      text\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    description: a multi\n      line plain\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    description: \"multi\n      line\"\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    description: !!str 1.10\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    keywords: [a, b]\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    keywords: []\n    sources: {}\n",
	"apiVersion: v1\nentries:\n  \"quoted\":\n  - name: quoted\n    version: 1.0.0\n",
	"apiVersion: v1\nentries:\n  1.0:\n  - name: a\n    version: 1.0.0\n",
	"apiVersion: v1\nentries:\n  true:\n  - name: a\n    version: 1.0.0\n",
	"apiVersion: v1\nentries:\n  a:\n    - name: a\n      version: 1.0.0\n    - name: a\n      version: 2.0.0\n",
	"apiVersion: v1\nentries:\n  a:\n  -   name: a\n      version: 1.0.0\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n   home: x\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n     home: x\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0 # comment\n# top comment\n    home: x#y\n",
	"apiVersion: v1\nentries:\n\ta:\n\t- name: a\n",
	"apiVersion: v1\r\nentries:\r\n  a:\r\n  - name: a\r\n    version: 1.0.0\r\n",
	"\xef\xbb\xbfapiVersion: v1\nentries: {}\n",
	"---\napiVersion: v1\nentries: {}\n",
	"apiVersion: v1\nentries: {}\n---\napiVersion: v2\n",
	"apiVersion: v1\nentries: {}\n...\n",
	"%YAML 1.1\n---\napiVersion: v1\nentries: {}\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    <<: {home: x}\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    ? home\n    : x\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    description: a\x01b\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    description: a\u0085b\u2028c\n",
	"apiVersion: v1\nentries:\n  a:\n  - - nested\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    urls:\n    - - x\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    description: a: b\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    description: \"a\" x\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    description:x\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    description: -\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    description:\n      nested: map\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    urls:\n      - https://x/a.tgz\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\ngenerated: \"2026-01-01T00:00:00Z\"\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\ngenerated: 2026-01-01T00:00:00Z\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\ngenerated: not a date\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    created: \"yesterday\"\n",
	"{\"apiVersion\":\"v1\",\"entries\":{\"a\":[{\"name\":\"a\",\"version\":\"1.0.0\"}]}}",
	"{\"apiVersion\":\"v1\",\"entries\":{\"a\":[{\"name\":\"a\",\"version\":\"1.0.0\",\"x\":1}]}}",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    description: " + strings.Repeat("huge ", 400000) + "\n",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    description: |\n      no final break",
	"apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    description: |\n\n      leading blank\n",
	"apiVersion: v1\nentries:\n  b:\n  - name: b\n    version: 1.0.0\n  a:\n  - version: 2.0.0\n    name: a\napiversion: v9\n",
}

func TestFastIndexOnAdversarialIndexes(t *testing.T) {
	for i, doc := range adversarialIndexes {
		compareLoad(t, fmt.Sprintf("adversarial %d %.60q", i, doc), []byte(doc))
	}
}

func TestFastIndexOnTruncations(t *testing.T) {
	data := generatedIndex(t, 2, 3, "a: b #c")
	data = append(data, "  extra:\n  - name: extra\n    version: 1.0.0\n    description: |\n      x\n"...)
	for cut := 0; cut <= len(data); cut++ {
		compareLoad(t, fmt.Sprintf("cut at %d", cut), data[:cut])
	}
}

// lookupInMemory is the lookup of a payload at hand.
func lookupInMemory(payload []byte) (*chartLookup, bool) {
	l, _, ok := decodeLookupTable(payload, uint64(len(payload)))
	if !ok {
		return nil, false
	}
	l.read = func(off, n uint64) ([]byte, bool) { return payload[off : off+n], true }
	return l, true
}
