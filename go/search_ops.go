package main

// search repo and search hub. helm keeps its search index in pkg/cmd/search, which the shim does
// not import; searchIndex below implements the same matching, scoring and ordering.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/Masterminds/semver/v3"
	"github.com/gosuri/uitable"

	"helm.sh/helm/v4/internal/monocular"
	"helm.sh/helm/v4/pkg/cli/output"
	"helm.sh/helm/v4/pkg/helmpath"
	repo "helm.sh/helm/v4/pkg/repo/v1"
)

// SearchOptions are the flags search hub and search repo share.
type SearchOptions struct {
	MaxColWidth    uint   `json:"max_col_width"`
	FailOnNoResult bool   `json:"fail_on_no_result"`
	Output         string `json:"output"`
}

// SearchRepoRequest is `helm search repo [KEYWORD...]`.
type SearchRepoRequest struct {
	Settings Settings      `json:"settings"`
	Keywords []string      `json:"keywords"`
	Regexp   bool          `json:"regexp"`
	Versions bool          `json:"versions"`
	Devel    bool          `json:"devel"`
	Version  string        `json:"version"`
	Search   SearchOptions `json:"search"`
}

// SearchHubRequest is `helm search hub [KEYWORD...]`.
type SearchHubRequest struct {
	Settings    Settings      `json:"settings"`
	Keywords    []string      `json:"keywords"`
	Endpoint    string        `json:"endpoint"`
	ListRepoURL bool          `json:"list_repo_url"`
	Search      SearchOptions `json:"search"`
}

func init() {
	handle("search.repo", opSearchRepo)
	handle("search.hub", opSearchHub)
}

// searchMaxScore: a match past this many fields of a chart's search line does not count.
const searchMaxScore = 25

// Fields of a search line are separated by a vertical tab; versioned keys carry "$$version".
const (
	searchSep  = "\v"
	versionSep = "$$"
)

type searchResult struct {
	Name  string
	Score int
	Chart *indexedChart
}

type searchIndex struct {
	lines  map[string]string
	charts map[string]*indexedChart
}

func newSearchIndex() *searchIndex {
	return &searchIndex{lines: map[string]string{}, charts: map[string]*indexedChart{}}
}

// addRepo indexes every version of every chart (entries newest first; helm's search repo always
// indexes all versions, as it always has a version constraint).
func (i *searchIndex) addRepo(rname string, entries map[string][]indexedChart) {
	for name, ref := range entries {
		fname := path.Join(rname, name)
		for j := range ref {
			rr := &ref[j]
			k := fname + versionSep + rr.Version
			i.lines[k] = searchLine(rname, rr)
			i.charts[k] = rr
		}
	}
}

func searchLine(rname string, ref *indexedChart) string {
	return ref.Name + searchSep + rname + "/" + ref.Name + searchSep + ref.Description + searchSep +
		strings.Join(ref.Keywords, " ")
}

func resultName(key string) string { return strings.Split(key, versionSep)[0] }

func (i *searchIndex) all() []*searchResult {
	res := make([]*searchResult, 0, len(i.charts))
	for k, ch := range i.charts {
		res = append(res, &searchResult{Name: resultName(k), Chart: ch})
	}
	return res
}

// score is the number of fields before the match at byte offset index (a match at -1 scores 0).
func score(index int, line string) int {
	n := 0
	for p, ch := range line {
		if ch != rune(searchSep[0]) {
			continue
		}
		if index <= p {
			return n
		}
		n++
	}
	return n
}

func (i *searchIndex) literal(term string) []*searchResult {
	term = strings.ToLower(term)
	buf := []*searchResult{}
	for k, v := range i.lines {
		lv := strings.ToLower(v)
		at := strings.Index(lv, term)
		if s := score(at, lv); at != -1 && s < searchMaxScore {
			buf = append(buf, &searchResult{Name: resultName(k), Score: s, Chart: i.charts[k]})
		}
	}
	return buf
}

func (i *searchIndex) regexp(expr string) ([]*searchResult, error) {
	m, err := regexp.Compile(expr)
	if err != nil {
		return []*searchResult{}, err
	}
	buf := []*searchResult{}
	for k, v := range i.lines {
		at := m.FindStringIndex(v)
		if len(at) == 0 {
			continue
		}
		if s := score(at[0], v); at[0] >= 0 && s < searchMaxScore {
			buf = append(buf, &searchResult{Name: resultName(k), Score: s, Chart: i.charts[k]})
		}
	}
	return buf, nil
}

// byScore orders results by score, then name, then newest version first.
type byScore []*searchResult

func (s byScore) Len() int      { return len(s) }
func (s byScore) Swap(a, b int) { s[a], s[b] = s[b], s[a] }
func (s byScore) Less(a, b int) bool {
	x, y := s[a], s[b]
	if x.Score != y.Score {
		return x.Score < y.Score
	}
	if x.Name != y.Name {
		return x.Name < y.Name
	}
	v1, err := semver.NewVersion(x.Chart.Version)
	if err != nil {
		return true
	}
	v2, err := semver.NewVersion(y.Chart.Version)
	if err != nil {
		return true
	}
	return v1.GreaterThan(v2)
}

func opSearchRepo(c *call, req *SearchRepoRequest) (any, error) {
	e := req.Settings.envSettings()
	slog.Debug("original chart version", "version", req.Version)
	if req.Version == "" {
		if req.Devel {
			slog.Debug("setting version to >0.0.0-0")
			req.Version = ">0.0.0-0"
		} else {
			slog.Debug("setting version to >0.0.0")
			req.Version = ">0.0.0"
		}
	}
	rf, err := repo.LoadFile(e.RepositoryConfig)
	if errors.Is(err, fs.ErrNotExist) || len(rf.Repositories) == 0 {
		return nil, errors.New("no repositories configured")
	}
	idx := newSearchIndex()
	for _, re := range rf.Repositories {
		f := filepath.Join(e.RepositoryCache, helmpath.CacheIndexFile(re.Name))
		entries, err := loadSearchEntries(f)
		if err != nil {
			slog.Warn("repo is corrupt or missing", slog.String("repo", re.Name), slog.Any("error", err))
			continue
		}
		idx.addRepo(re.Name, entries)
	}
	var res []*searchResult
	if len(req.Keywords) == 0 {
		res = idx.all()
	} else if q := strings.Join(req.Keywords, " "); req.Regexp {
		if res, err = idx.regexp(q); err != nil {
			return nil, err
		}
	} else {
		res = idx.literal(q)
	}
	sort.Sort(byScore(res))
	constraint, err := semver.NewConstraint(req.Version)
	if err != nil {
		return nil, fmt.Errorf("an invalid version/constraint format: %w", err)
	}
	kept := res[:0]
	seen := map[string]bool{}
	for _, r := range res {
		if !req.Versions && seen[r.Name] {
			continue
		}
		v, err := semver.NewVersion(r.Chart.Version)
		if err != nil {
			continue
		}
		if constraint.Check(v) {
			kept = append(kept, r)
			seen[r.Name] = true
		}
	}
	return nil, writeFormat(c, req.Search.Output, &repoSearchWriter{kept, req.Search.MaxColWidth, req.Search.FailOnNoResult})
}

type repoChartElement struct {
	Name        string `json:"name"`
	Version     string `json:"version"`
	AppVersion  string `json:"app_version"`
	Description string `json:"description"`
}

type repoSearchWriter struct {
	results        []*searchResult
	columnWidth    uint
	failOnNoResult bool
}

var errNoResults = errors.New("no results found")

// writeNoResults is the table output of an empty search.
func writeNoResults(out io.Writer, fail bool) error {
	if fail {
		return errNoResults
	}
	if _, err := out.Write([]byte("No results found\n")); err != nil {
		return fmt.Errorf("unable to write results: %w", err)
	}
	return nil
}

func (r *repoSearchWriter) WriteTable(out io.Writer) error {
	if len(r.results) == 0 {
		return writeNoResults(out, r.failOnNoResult)
	}
	table := uitable.New()
	table.MaxColWidth = r.columnWidth
	table.AddRow("NAME", "CHART VERSION", "APP VERSION", "DESCRIPTION")
	for _, r := range r.results {
		table.AddRow(r.Name, r.Chart.Version, r.Chart.AppVersion, r.Chart.Description)
	}
	return output.EncodeTable(out, table)
}

func (r *repoSearchWriter) elements() ([]repoChartElement, error) {
	if len(r.results) == 0 && r.failOnNoResult {
		return nil, errNoResults
	}
	l := make([]repoChartElement, 0, len(r.results))
	for _, r := range r.results {
		l = append(l, repoChartElement{r.Name, r.Chart.Version, r.Chart.AppVersion, r.Chart.Description})
	}
	return l, nil
}

func (r *repoSearchWriter) WriteJSON(out io.Writer) error {
	return encodeList(out, output.EncodeJSON, r.elements)
}

func (r *repoSearchWriter) WriteYAML(out io.Writer) error {
	return encodeList(out, output.EncodeYAML, r.elements)
}

// encodeList writes what list returns with encode (helm's JSON or YAML encoder), or list's error.
func encodeList[T any](out io.Writer, encode func(io.Writer, any) error, list func() (T, error)) error {
	l, err := list()
	if err != nil {
		return err
	}
	return encode(out, l)
}

func opSearchHub(c *call, req *SearchHubRequest) (any, error) {
	req.Settings.envSettings()
	client, err := monocular.New(req.Endpoint)
	if err != nil {
		return nil, fmt.Errorf("unable to create connection to %q: %w", req.Endpoint, err)
	}
	ctx := c.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	results, err := client.SearchWithContext(ctx, strings.Join(req.Keywords, " "))
	if err != nil {
		slog.Debug("search failed", slog.Any("error", err))
		return nil, fmt.Errorf("unable to perform search against %q", req.Endpoint)
	}
	return nil, writeFormat(c, req.Search.Output, newHubSearchWriter(results, req))
}

type hubChartRepo struct {
	URL  string `json:"url"`
	Name string `json:"name"`
}

type hubChartElement struct {
	URL         string       `json:"url"`
	Version     string       `json:"version"`
	AppVersion  string       `json:"app_version"`
	Description string       `json:"description"`
	Repository  hubChartRepo `json:"repository"`
}

type hubSearchWriter struct {
	elements       []hubChartElement
	columnWidth    uint
	listRepoURL    bool
	failOnNoResult bool
}

func newHubSearchWriter(results []monocular.SearchResult, req *SearchHubRequest) *hubSearchWriter {
	var elements []hubChartElement
	for _, r := range results {
		url := req.Endpoint + "/charts/" + r.ID
		if r.ArtifactHub.PackageURL != "" {
			url = r.ArtifactHub.PackageURL
		}
		v := r.Relationships.LatestChartVersion.Data
		elements = append(elements, hubChartElement{url, v.Version, v.AppVersion, r.Attributes.Description,
			hubChartRepo{URL: r.Attributes.Repo.URL, Name: r.Attributes.Repo.Name}})
	}
	return &hubSearchWriter{elements, req.Search.MaxColWidth, req.ListRepoURL, req.Search.FailOnNoResult}
}

func (h *hubSearchWriter) WriteTable(out io.Writer) error {
	if len(h.elements) == 0 {
		return writeNoResults(out, h.failOnNoResult)
	}
	table := uitable.New()
	table.MaxColWidth = h.columnWidth
	if h.listRepoURL {
		table.AddRow("URL", "CHART VERSION", "APP VERSION", "DESCRIPTION", "REPO URL")
	} else {
		table.AddRow("URL", "CHART VERSION", "APP VERSION", "DESCRIPTION")
	}
	for _, r := range h.elements {
		if h.listRepoURL {
			table.AddRow(r.URL, r.Version, r.AppVersion, r.Description, r.Repository.URL)
		} else {
			table.AddRow(r.URL, r.Version, r.AppVersion, r.Description)
		}
	}
	return output.EncodeTable(out, table)
}

func (h *hubSearchWriter) list() ([]hubChartElement, error) {
	if len(h.elements) == 0 && h.failOnNoResult {
		return nil, errNoResults
	}
	return append(make([]hubChartElement, 0, len(h.elements)), h.elements...), nil
}

func (h *hubSearchWriter) WriteJSON(out io.Writer) error {
	return encodeList(out, output.EncodeJSON, h.list)
}

func (h *hubSearchWriter) WriteYAML(out io.Writer) error {
	return encodeList(out, output.EncodeYAML, h.list)
}
