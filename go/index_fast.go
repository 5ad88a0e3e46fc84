package main

// A fast loader for repository index files. helm's repo.LoadIndexFile reads YAML with
// sigs.k8s.io/yaml: go-yaml builds a generic tree, the tree is re-encoded as JSON (objects with
// their keys sorted), and that JSON is decoded strictly into repo.IndexFile. On a bitnami-size
// index (16 MB, 18 000 entries) that costs seconds and hundreds of MiB.
//
// yamlIndexToJSON converts, in one pass over the bytes, the regular block YAML that `helm repo
// index` and common chart servers write into the same JSON that sigs.k8s.io/yaml would produce;
// the JSON is then decoded and checked exactly as helm does. Whatever the converter does not
// recognise with certainty — anchors, aliases, tags, flow collections, folded or multi-line
// scalars, tabs, control characters, invalid UTF-8, duplicate keys, a scalar go-yaml would read
// as a number or a date — makes it give up, and helm's own loader runs instead. So the result,
// the warnings and the errors are always helm's; only the time differs
// (go/index_fast_test.go compares both over generated, real and adversarial indexes).

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	chart "helm.sh/helm/v4/pkg/chart/v2"
	repo "helm.sh/helm/v4/pkg/repo/v1"
)

// loadedIndex is a parsed index with what cpphelm's caches need of it.
type loadedIndex struct {
	*repo.IndexFile
	// charts holds each chart's entries as a JSON array, as decoded (before helm's validation and
	// sorting), when the fast path read the index; nil after helm's loader.
	charts map[string][]byte
}

// visitFunc receives each chart's entries of a loaded index (validated and sorted as helm's loader
// leaves them), possibly from several goroutines at once. A loader given one does not keep the
// entries of what it reads fast (Entries stays empty): a caller that needs only part of them (a
// search view) or none (the chart lookup) never holds the whole decoded index.
type visitFunc func(name string, versions repo.ChartVersions)

// loadIndexFast loads the index file at path with helm's result, warnings and errors; logged
// tells whether loading logged anything (an entry skipped as invalid), to handler h. With visit,
// see visitFunc.
func loadIndexFast(path string, data []byte, h slog.Handler, visit visitFunc) (*loadedIndex, bool, error) {
	if data != nil {
		if li, ok := fastLoad(data, visit); ok {
			return li, false, nil
		}
	}
	counter := &countingHandler{Handler: h}
	prev := slog.Default()
	slog.SetDefault(slog.New(counter))
	ind, err := repo.LoadIndexFile(path)
	slog.SetDefault(prev)
	logged := counter.records.Load() > 0
	if err != nil {
		return nil, logged, err
	}
	if visit != nil {
		for name, versions := range ind.Entries {
			visit(name, versions)
		}
	}
	return &loadedIndex{ind, nil}, logged, nil
}

// fastLoad is the fast path alone: ok=false when helm's loader must run (see loadIndexFast).
func fastLoad(data []byte, visit visitFunc) (*loadedIndex, bool) {
	// A document in the subset is never valid JSON (helm decodes those as JSON).
	if ci, ok := yamlIndexToJSON(data); ok {
		if ind, ok := ci.decode(visit); ok {
			return &loadedIndex{ind, ci.charts}, true
		}
	}
	return nil, false
}

// decodeIndexJSON decodes converted JSON as sigs.k8s.io/yaml's UnmarshalStrict does and applies
// helm's checks (repo/v1 loadIndex); ok=false whenever helm would fail or log anything.
func decodeIndexJSON(b []byte) (*repo.IndexFile, bool) {
	ind := &repo.IndexFile{}
	if !decodeStrict(b, ind) || ind.APIVersion == "" {
		return nil, false
	}
	for _, cvs := range ind.Entries {
		if !checkVersions(cvs) {
			return nil, false
		}
	}
	ind.SortEntries()
	return ind, true
}

// decodeStrict decodes JSON into v as sigs.k8s.io/yaml's UnmarshalStrict does its JSON.
func decodeStrict(b []byte, v any) bool {
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	return d.Decode(&v) == nil
}

// checkVersions applies helm's loader's checks and defaults to one chart's entries; false when
// the loader would skip (and log) one.
func checkVersions(cvs repo.ChartVersions) bool {
	for _, v := range cvs {
		if v == nil {
			return false
		}
		if v.Metadata == nil {
			v.Metadata = &chart.Metadata{}
		}
		if v.APIVersion == "" {
			v.APIVersion = chart.APIVersionV1
		}
		if err := v.Validate(); err != nil && !skippableValidation(err) {
			return false
		}
	}
	return true
}

// decode is decodeIndexJSON of the converted index, with the charts converted (when still in
// chunks) and decoded in parallel.
func (ci *convertedIndex) decode(visit visitFunc) (*repo.IndexFile, bool) {
	if ci.entries[0] < 0 || (ci.charts == nil && ci.chunks == nil) {
		ind, ok := decodeIndexJSON(ci.json)
		if ok && visit != nil {
			for name, versions := range ind.Entries {
				visit(name, versions)
			}
		}
		return ind, ok
	}
	top := make([]byte, 0, len(ci.json)-(ci.entries[1]-ci.entries[0])+2)
	top = append(append(append(top, ci.json[:ci.entries[0]]...), "{}"...), ci.json[ci.entries[1]:]...)
	ind := &repo.IndexFile{}
	if !decodeStrict(top, ind) || ind.APIVersion == "" || ind.Entries == nil {
		return nil, false
	}
	var names []string
	var raw [][]byte
	if ci.chunks != nil {
		names, raw = make([]string, len(ci.chunks)), make([][]byte, len(ci.chunks))
	} else {
		for name, b := range ci.charts {
			names, raw = append(names, name), append(raw, b)
		}
	}
	n := len(names)
	decoded := make([]repo.ChartVersions, n)
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			keys := map[string]string{}
			for i := int(next.Add(1) - 1); i < n && !failed.Load(); i = int(next.Add(1) - 1) {
				if ci.chunks != nil {
					var ok bool
					if names[i], raw[i], ok = convertChunk(ci.chunks[i], ci.indent, keys); !ok {
						failed.Store(true)
						return
					}
				}
				var cvs repo.ChartVersions
				if !decodeStrict(raw[i], &cvs) || !checkVersions(cvs) {
					failed.Store(true)
					return
				}
				sort.Sort(sort.Reverse(cvs))
				if visit != nil {
					visit(names[i], cvs)
				} else {
					decoded[i] = cvs
				}
			}
		}()
	}
	wg.Wait()
	if failed.Load() {
		return nil, false
	}
	if ci.chunks != nil {
		ci.charts = make(map[string][]byte, n)
		for i, name := range names {
			if _, dup := ci.charts[name]; dup {
				return nil, false // the strict decoder's error
			}
			ci.charts[name] = raw[i]
		}
	}
	if visit == nil {
		for i, name := range names {
			ind.Entries[name] = decoded[i]
		}
	}
	return ind, true
}

// skippableValidation is the validation failure helm's index loader ignores (helm issue 12748).
func skippableValidation(err error) bool {
	var verr chart.ValidationError
	return errors.As(err, &verr) && strings.HasPrefix(verr.Error(), "validation: more than one dependency with name or alias")
}

// readIndexFile reads an index file; a nil slice when it cannot be read (helm's loader then
// reports why).
func readIndexFile(path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	return b
}
