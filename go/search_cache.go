package main

// The search index cache: `search repo` spends nearly all its time parsing repository index files
// (YAML, converted to JSON, then decoded, as helm does; index_fast.go does it in a fraction of the
// time with helm's result). What search needs of a parsed index (per
// chart, its versions newest first with name, version, appVersion, description and keywords) is kept
// in a gob file per index path under $HELM_CACHE_HOME/cpphelm-search/ (cache_file.go), tagged with
// the SHA-256 of the index file it came from. A lookup reads the index file, hashes it and uses the gob only when
// the hash matches, so any change to the index (repo update, by helm or cpphelm) re-parses it.
// Indexes whose parse logged anything (skipped entries) or failed are never cached: their warnings
// and errors show on every search, as helm's do.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"

	repo "helm.sh/helm/v4/pkg/repo/v1"
)

// indexedChart is the part of a chart version search uses.
type indexedChart struct {
	Name        string
	Version     string
	AppVersion  string
	Description string
	Keywords    []string
}

func searchCachePath(indexPath string) string {
	return cacheFileFor("cpphelm-search", indexPath, ".gob")
}

// loadSearchEntries returns the search view of the index file at path, from the cache when it
// matches the file's content, else by loading it as helm does (then cached when the load was clean,
// together with its chart lookup, index_lookup.go).
func loadSearchEntries(path string) (map[string][]indexedChart, error) {
	if sum, ok := hashFile(path); ok {
		if entries, ok := cachedEntries(path, sum); ok {
			return entries, nil
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		_, err = repo.LoadIndexFile(path) // helm's error for an unreadable index
		return nil, err
	}
	sum := sha256.Sum256(data)
	entries, li, logged, err := parseIndexFile(path, data, slog.Default().Handler())
	if err != nil {
		return nil, err
	}
	if !logged {
		writeIndexCaches(path, sum, entries, li)
	}
	return entries, nil
}

// cachedEntries returns the cached search view for the index at indexPath if it was made from
// content with this hash (see cache_file.go for what is ignored).
func cachedEntries(indexPath string, sum [32]byte) (map[string][]indexedChart, bool) {
	b, ok := readCacheFile(searchCachePath(indexPath), "search", sum)
	if !ok {
		return nil, false
	}
	var entries map[string][]indexedChart
	if gob.NewDecoder(bytes.NewReader(b)).Decode(&entries) != nil {
		return nil, false
	}
	return entries, true
}

// parseIndexFile loads an index (the file at path, with content data) with helm's result
// (index_fast.go), its log records going to h; logged tells whether the load logged anything (an
// entry skipped as invalid). It returns the search view (the loaded index keeps no entries when
// read fast).
func parseIndexFile(path string, data []byte, h slog.Handler) (map[string][]indexedChart, *loadedIndex, bool, error) {
	entries, visit := searchView()
	li, logged, err := loadIndexFast(path, data, h, visit)
	if err != nil {
		return nil, nil, logged, err
	}
	return entries, li, logged, nil
}

// parseIndexFast is parseIndexFile by the fast path alone (no file needed); ok=false when helm's
// loader must run.
func parseIndexFast(data []byte) (map[string][]indexedChart, *loadedIndex, bool) {
	entries, visit := searchView()
	li, ok := fastLoad(data, visit)
	return entries, li, ok
}

// searchView returns a search view to fill and the visitFunc that fills it.
func searchView() (map[string][]indexedChart, visitFunc) {
	entries := map[string][]indexedChart{}
	var mu sync.Mutex
	return entries, func(name string, versions repo.ChartVersions) {
		l := make([]indexedChart, 0, len(versions))
		for _, v := range versions {
			l = append(l, indexedChart{v.Name, v.Version, v.AppVersion, v.Description, v.Keywords})
		}
		mu.Lock()
		entries[name] = l
		mu.Unlock()
	}
}

// writeIndexCaches caches the search view and the chart lookup of the index at indexPath, loaded
// cleanly from content with this hash.
func writeIndexCaches(indexPath string, sum [32]byte, entries map[string][]indexedChart, li *loadedIndex) {
	writeSearchCache(indexPath, sum, entries)
	if charts, err := chartsJSON(li); err == nil {
		writeLookup(indexPath, sum, charts)
	}
}

// writeSearchCache caches the search view of the index at indexPath, made from content with this
// hash; a cache that cannot be written is simply not used.
func writeSearchCache(indexPath string, sum [32]byte, entries map[string][]indexedChart) {
	var buf bytes.Buffer
	if gob.NewEncoder(&buf).Encode(entries) != nil {
		return
	}
	writeCacheFile(searchCachePath(indexPath), "search", sum, buf.Bytes())
}

// countingHandler counts the records of level Info and above logged through it (also those its
// inner handler drops) and passes on what the inner handler takes.
type countingHandler struct {
	slog.Handler
	records atomic.Int64
}

func (h *countingHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= slog.LevelInfo || h.Handler.Enabled(ctx, l)
}

func (h *countingHandler) Handle(ctx context.Context, r slog.Record) error {
	if r.Level >= slog.LevelInfo {
		h.records.Add(1)
	}
	if !h.Handler.Enabled(ctx, r.Level) {
		return nil
	}
	return h.Handler.Handle(ctx, r)
}
