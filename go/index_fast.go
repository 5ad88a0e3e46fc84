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

// loadIndexFast loads the index file at path with helm's result, warnings and errors; logged
// tells whether loading logged anything (an entry skipped as invalid), to handler h.
func loadIndexFast(path string, data []byte, h slog.Handler) (*loadedIndex, bool, error) {
	// A document in the subset is never valid JSON (helm decodes those as JSON).
	if data != nil {
		if ci, ok := yamlIndexToJSON(data); ok {
			if ind, ok := ci.decode(); ok {
				return &loadedIndex{ind, ci.charts}, false, nil
			}
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
	return &loadedIndex{ind, nil}, logged, nil
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

// decode is decodeIndexJSON of the converted index, with the charts decoded in parallel.
func (ci *convertedIndex) decode() (*repo.IndexFile, bool) {
	if ci.entries[0] < 0 {
		return decodeIndexJSON(ci.json)
	}
	top := make([]byte, 0, len(ci.json)-(ci.entries[1]-ci.entries[0])+2)
	top = append(append(append(top, ci.json[:ci.entries[0]]...), "{}"...), ci.json[ci.entries[1]:]...)
	ind := &repo.IndexFile{}
	if !decodeStrict(top, ind) || ind.APIVersion == "" || ind.Entries == nil {
		return nil, false
	}
	names := make([]string, 0, len(ci.charts))
	for name := range ci.charts {
		names = append(names, name)
	}
	decoded := make([]repo.ChartVersions, len(names))
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(names) && !failed.Load(); i = int(next.Add(1) - 1) {
				var cvs repo.ChartVersions
				if !decodeStrict(ci.charts[names[i]], &cvs) || !checkVersions(cvs) {
					failed.Store(true)
					return
				}
				sort.Sort(sort.Reverse(cvs))
				decoded[i] = cvs
			}
		}()
	}
	wg.Wait()
	if failed.Load() {
		return nil, false
	}
	for i, name := range names {
		ind.Entries[name] = decoded[i]
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
