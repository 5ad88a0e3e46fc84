package main

// The chart lookup cache: a command that names a chart by reference (`show chart big/nginx`,
// `install x big/nginx --version 1.2`, `pull`, completion of `--version`) makes helm load the whole
// repository index to read one chart's entries. cpphelm keeps, beside helm's cache file, a lookup
// file per index ($HELM_CACHE_HOME/cpphelm-index/, see cache_file.go): each chart name with its
// entries as JSON, tied to the SHA-256 of the index content. A lookup reads the index bytes only to
// hash them, finds the chart's entries, and gives helm's own code an index holding just that chart
// (written to a temporary repository cache directory), so resolution, version constraints, warnings
// and errors stay helm's. The lookup file is made only from an index that loads without warnings;
// anything else (no lookup, a stale, truncated or damaged one, an index with skipped entries, a
// reference that is not REPO/CHART) leaves helm's path untouched.

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"helm.sh/helm/v4/pkg/action"
	"helm.sh/helm/v4/pkg/chart/v2/loader"
	"helm.sh/helm/v4/pkg/cli"
	"helm.sh/helm/v4/pkg/helmpath"
	"helm.sh/helm/v4/pkg/registry"
	repo "helm.sh/helm/v4/pkg/repo/v1"
)

func indexLookupPath(indexPath string) string {
	return cacheFileFor("cpphelm-index", indexPath, ".idx")
}

// A lookup file is a cache file (cache_file.go) of kind "index" whose payload is
//
//	uvarint len(table) | table | CRC-32C of table (4 bytes, big-endian) | entries
//
// where table is the number of charts, then per chart (sorted by name) its name (uvarint length
// and bytes), the offset and length of its entries' JSON within entries (uvarints) and their
// CRC-32C (4 bytes). A reader reads the table and one chart's entries, each checked by its CRC,
// never the whole file: a command that names one chart touches a few kilobytes.

// chartLookup is a lookup table, and where to read a chart's entries from.
type chartLookup struct {
	names      []string
	offs, lens []uint64
	crcs       []uint32
	read       func(off, n uint64) ([]byte, bool)
	mem        map[string][]byte // the entries at hand (a lookup just made), instead of read
}

// find returns a chart's entries (JSON); found=false when the index has no such chart, ok=false
// when the lookup cannot be read.
func (l *chartLookup) find(name string) (entries []byte, found, ok bool) {
	if l.mem != nil {
		entries, found = l.mem[name]
		return entries, found, true
	}
	i := sort.SearchStrings(l.names, name)
	if i == len(l.names) || l.names[i] != name {
		return nil, false, true
	}
	b, ok := l.read(l.offs[i], l.lens[i])
	if !ok || crc32.Checksum(b, castagnoli) != l.crcs[i] {
		return nil, false, false
	}
	return b, true, true
}

// chartsJSON is each chart's entries as JSON: the fast loader's, or helm's structs re-encoded.
func chartsJSON(li *loadedIndex) (map[string][]byte, error) {
	if li.charts != nil {
		return li.charts, nil
	}
	charts := make(map[string][]byte, len(li.Entries))
	for name, cvs := range li.Entries {
		b, err := json.Marshal(cvs)
		if err != nil {
			return nil, err
		}
		charts[name] = b
	}
	return charts, nil
}

// encodeLookup makes the payload of a lookup file, in parts: its head (through the table's CRC),
// then each chart's entries.
func encodeLookup(charts map[string][]byte) [][]byte {
	names := make([]string, 0, len(charts))
	for name := range charts {
		names = append(names, name)
	}
	sort.Strings(names)
	table := binary.AppendUvarint(nil, uint64(len(names)))
	off := 0
	for _, name := range names {
		table = binary.AppendUvarint(table, uint64(len(name)))
		table = append(table, name...)
		table = binary.AppendUvarint(table, uint64(off))
		table = binary.AppendUvarint(table, uint64(len(charts[name])))
		table = binary.BigEndian.AppendUint32(table, crc32.Checksum(charts[name], castagnoli))
		off += len(charts[name])
	}
	head := binary.AppendUvarint(nil, uint64(len(table)))
	head = append(head, table...)
	head = binary.BigEndian.AppendUint32(head, crc32.Checksum(table, castagnoli))
	parts := [][]byte{head}
	for _, name := range names {
		parts = append(parts, charts[name])
	}
	return parts
}

// writeLookup writes the lookup file of the index at indexPath, loaded cleanly from content with
// hash sum; it returns the lookup of charts.
func writeLookup(indexPath string, sum [32]byte, charts map[string][]byte) *chartLookup {
	writeCacheFileParts(indexLookupPath(indexPath), "index", sum, encodeLookup(charts))
	l := &chartLookup{names: make([]string, 0, len(charts))}
	for name := range charts {
		l.names = append(l.names, name)
	}
	sort.Strings(l.names)
	l.mem = charts
	return l
}

// decodeLookupTable parses the start of a lookup payload (head holds at least its table);
// entriesAt is where the entries start in the payload.
func decodeLookupTable(head []byte, payloadLen uint64) (l *chartLookup, entriesAt uint64, ok bool) {
	tl, k := binary.Uvarint(head)
	if k <= 0 || tl > payloadLen || uint64(k)+tl+4 > uint64(len(head)) {
		return nil, 0, false
	}
	table := head[k : uint64(k)+tl]
	if crc32.Checksum(table, castagnoli) != binary.BigEndian.Uint32(head[uint64(k)+tl:]) {
		return nil, 0, false
	}
	entriesAt = uint64(k) + tl + 4
	n, k2 := binary.Uvarint(table)
	if k2 <= 0 || n > uint64(len(table)) {
		return nil, 0, false
	}
	table = table[k2:]
	uv := func() (uint64, bool) {
		v, k := binary.Uvarint(table)
		if k <= 0 {
			return 0, false
		}
		table = table[k:]
		return v, true
	}
	l = &chartLookup{}
	for i := uint64(0); i < n; i++ {
		nl, ok1 := uv()
		if !ok1 || nl > uint64(len(table)) {
			return nil, 0, false
		}
		name := string(table[:nl])
		table = table[nl:]
		off, ok2 := uv()
		ln, ok3 := uv()
		if !ok2 || !ok3 || len(table) < 4 || off > payloadLen || ln > payloadLen-entriesAt-off ||
			(i > 0 && name <= l.names[i-1]) {
			return nil, 0, false
		}
		l.names = append(l.names, name)
		l.offs, l.lens = append(l.offs, entriesAt+off), append(l.lens, ln)
		l.crcs = append(l.crcs, binary.BigEndian.Uint32(table))
		table = table[4:]
	}
	if len(table) != 0 {
		return nil, 0, false
	}
	return l, entriesAt, true
}

// readLookup reads the table of the lookup file at path, made from source content with hash
// source; entries are read from the file when asked for (it is opened again: nothing stays open).
func readLookup(path string, source [32]byte) (*chartLookup, bool) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return nil, false
	}
	h := cacheHeader("index")
	pre := make([]byte, len(h)+44)
	if _, err := f.ReadAt(pre, 0); err != nil || !bytes.HasPrefix(pre, h) || !bytes.Equal(pre[len(h):len(h)+32], source[:]) {
		return nil, false
	}
	start := uint64(len(pre))
	n := binary.BigEndian.Uint64(pre[len(h)+32:])
	if uint64(fi.Size()) != start+n {
		return nil, false
	}
	head := make([]byte, min(n, 64<<10))
	if _, err := f.ReadAt(head, int64(start)); err != nil {
		return nil, false
	}
	if tl, k := binary.Uvarint(head); k > 0 && tl+uint64(k)+4 > uint64(len(head)) && tl+uint64(k)+4 <= n {
		head = make([]byte, tl+uint64(k)+4)
		if _, err := f.ReadAt(head, int64(start)); err != nil {
			return nil, false
		}
	}
	l, _, ok := decodeLookupTable(head, n)
	if !ok {
		return nil, false
	}
	l.read = func(off, ln uint64) ([]byte, bool) {
		f, err := os.Open(path)
		if err != nil {
			return nil, false
		}
		defer f.Close()
		b := make([]byte, ln)
		_, err = f.ReadAt(b, int64(start+off))
		return b, err == nil
	}
	return l, true
}

// hashFile returns the SHA-256 of a regular file's content, read in pieces.
func hashFile(path string) ([32]byte, bool) {
	var sum [32]byte
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return sum, false
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return sum, false
	}
	h := sha256.New()
	if _, err := io.CopyBuffer(h, f, make([]byte, 256<<10)); err != nil {
		return sum, false
	}
	copy(sum[:], h.Sum(nil))
	return sum, true
}

// lookupIndex returns the chart lookup of the index file at indexPath: from its lookup file when
// that was made from the same content, else by loading the index (then the lookup file is
// written). ok=false when the index cannot be read, fails to load or logs anything while loading:
// then only helm's own loader gives helm's output.
func lookupIndex(indexPath string) (*chartLookup, bool) {
	sum, ok := hashFile(indexPath)
	if !ok {
		return nil, false
	}
	if l, ok := readLookup(indexLookupPath(indexPath), sum); ok {
		return l, true
	}
	data := readIndexFile(indexPath)
	if data == nil || sha256.Sum256(data) != sum {
		return nil, false // changed while we read it: helm's path
	}
	li, logged, err := loadIndexFast(indexPath, data, slog.DiscardHandler, func(string, repo.ChartVersions) {})
	if err != nil || logged {
		return nil, false
	}
	charts, err := chartsJSON(li)
	if err != nil {
		return nil, false
	}
	return writeLookup(indexPath, sum, charts), true
}

// findChart returns a chart's entries from the lookup of the index at indexPath (see find); a
// lookup file whose entries turn out damaged is made again once.
func findChart(indexPath, name string) (entries []byte, found, ok bool) {
	for range 2 {
		l, ok := lookupIndex(indexPath)
		if !ok {
			return nil, false, false
		}
		if entries, found, ok = l.find(name); ok {
			return entries, found, true
		}
		os.Remove(indexLookupPath(indexPath))
	}
	return nil, false, false
}

// repoChartRef splits a chart reference that helm resolves through a repository's cached index
// (REPO/CHART, not a local path, URL or OCI reference) into repository and chart names.
func repoChartRef(ref string) (repoName, chartName string, ok bool) {
	if ref != strings.TrimSpace(ref) || registry.IsOCI(ref) || strings.HasPrefix(ref, ".") || filepath.IsAbs(ref) {
		return "", "", false
	}
	if _, err := os.Stat(ref); err == nil {
		return "", "", false
	}
	u, err := url.Parse(ref)
	if err != nil || (u.IsAbs() && u.Host != "" && u.Path != "") {
		return "", "", false
	}
	p := strings.SplitN(u.Path, "/", 2)
	if len(p) < 2 {
		return "", "", false
	}
	return p[0], p[1], true
}

// chartIndexSettings returns settings under which helm resolves ref (a chart by reference, with no
// --repo) exactly as under e but reading an index that holds only the chart's entries; cleanup
// removes that index. e itself when the lookup does not apply.
func chartIndexSettings(e *cli.EnvSettings, ref string) (*cli.EnvSettings, func()) {
	repoName, chartName, ok := repoChartRef(ref)
	if !ok {
		return e, func() {}
	}
	entries, found, ok := findChart(filepath.Join(e.RepositoryCache, helmpath.CacheIndexFile(repoName)), chartName)
	if !ok {
		return e, func() {}
	}
	charts := map[string][]byte{}
	if found {
		charts[chartName] = entries
	}
	doc := miniIndex(charts)
	dir, err := os.MkdirTemp("", "cpphelm-index-")
	if err != nil {
		return e, func() {}
	}
	cleanup := func() { os.RemoveAll(dir) }
	if os.WriteFile(filepath.Join(dir, helmpath.CacheIndexFile(repoName)), doc, 0o644) != nil {
		cleanup()
		return e, func() {}
	}
	mini := *e
	mini.RepositoryCache = dir
	return &mini, cleanup
}

// chartVersionsOf returns a chart's entries in the repository's cached index as helm's loader
// gives them (validated, newest first); ok=false when the lookup does not apply.
func chartVersionsOf(e *cli.EnvSettings, repoName, chartName string) (repo.ChartVersions, bool) {
	entries, found, ok := findChart(filepath.Join(e.RepositoryCache, helmpath.CacheIndexFile(repoName)), chartName)
	if !ok {
		return nil, false
	}
	if !found {
		return nil, true
	}
	ind, ok := decodeIndexJSON(miniIndex(map[string][]byte{"c": entries}))
	if !ok {
		return nil, false
	}
	return ind.Entries["c"], true
}

// locateChart is opts.LocateChart(ref, e), reading only ref's chart from a repository index when
// the chart lookup applies.
func locateChart(opts *action.ChartPathOptions, ref string, e *cli.EnvSettings) (string, error) {
	if opts.RepoURL != "" {
		return opts.LocateChart(ref, e)
	}
	mini, cleanup := chartIndexSettings(e, ref)
	defer cleanup()
	return opts.LocateChart(ref, mini)
}

// dependencyIndexView returns a repository cache directory in which helm's dependency manager,
// not refreshing indexes (--skip-refresh), finds for every index it may read (each configured
// repository's, and each "helm-manager-" one the cache holds for dependencies given by URL) only
// the entries of the charts the chart at chartPath depends on: the manager looks charts up by their
// names alone, so it resolves and downloads as with the whole indexes. ok=false when the chart does
// not load or any of those indexes cannot be read through its lookup: then the manager reads the
// real cache (and its errors name the real files).
func dependencyIndexView(e *cli.EnvSettings, chartPath string) (dir string, cleanup func(), ok bool) {
	c, err := loader.LoadDir(chartPath)
	if err != nil || c.Metadata == nil {
		return "", nil, false
	}
	names := map[string]bool{}
	for _, d := range c.Metadata.Dependencies {
		names[d.Name] = true
	}
	if c.Lock != nil {
		for _, d := range c.Lock.Dependencies {
			names[d.Name] = true
		}
	}
	rf, err := repo.LoadFile(e.RepositoryConfig)
	if err != nil {
		return "", nil, false
	}
	var repos []string
	urls := map[string]bool{}
	for _, r := range rf.Repositories {
		repos = append(repos, r.Name)
		urls[strings.TrimSuffix(r.URL, "/")] = true
	}
	for _, d := range c.Metadata.Dependencies {
		r := d.Repository
		if !(r == "" || urls[strings.TrimSuffix(r, "/")] || strings.HasPrefix(r, "@") || strings.HasPrefix(r, "alias:") ||
			strings.HasPrefix(r, "file://") || registry.IsOCI(r)) {
			return "", nil, false // a repository helm caches as "helm-manager-…", or none: its errors name the cache
		}
	}
	managed, _ := filepath.Glob(filepath.Join(e.RepositoryCache, "helm-manager-*-index.yaml"))
	for _, f := range managed {
		repos = append(repos, strings.TrimSuffix(filepath.Base(f), "-index.yaml"))
	}
	dir, err = os.MkdirTemp("", "cpphelm-index-")
	if err != nil {
		return "", nil, false
	}
	cleanup = func() { os.RemoveAll(dir) }
	for _, name := range repos {
		charts := map[string][]byte{}
		for chart := range names {
			entries, found, ok := findChart(filepath.Join(e.RepositoryCache, helmpath.CacheIndexFile(name)), chart)
			if !ok {
				cleanup()
				return "", nil, false
			}
			if found {
				charts[chart] = entries
			}
		}
		if os.WriteFile(filepath.Join(dir, helmpath.CacheIndexFile(name)), miniIndex(charts), 0o644) != nil {
			cleanup()
			return "", nil, false
		}
	}
	return dir, cleanup, true
}

// miniIndex is an index (JSON, which helm's loader reads as such) holding only these charts'
// entries.
func miniIndex(charts map[string][]byte) []byte {
	doc := []byte(`{"apiVersion":"v1","entries":{`)
	n := 0
	for name, entries := range charts {
		if n > 0 {
			doc = append(doc, ',')
		}
		doc = appendJSONString(doc, name)
		doc = append(append(doc, ':'), entries...)
		n++
	}
	return append(doc, "}}"...)
}
