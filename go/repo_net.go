package main

// The repository commands that talk to a chart repository: repo add and repo update, re-created
// from helm's pkg/cmd (which the shim never imports) over pkg/repo/v1 and pkg/getter.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gofrs/flock"
	"golang.org/x/term"
	"sigs.k8s.io/yaml"

	"helm.sh/helm/v4/internal/fileutil"
	"helm.sh/helm/v4/pkg/cli"
	"helm.sh/helm/v4/pkg/getter"
	"helm.sh/helm/v4/pkg/helmpath"
	repo "helm.sh/helm/v4/pkg/repo/v1"
)

// RepoAddRequest is `helm repo add NAME URL`.
type RepoAddRequest struct {
	Settings Settings `json:"settings"`
	Name     string   `json:"name"`
	URL      string   `json:"url"`
	DownloadOptions
	PasswordStdin        bool   `json:"password_stdin"`
	ForceUpdate          bool   `json:"force_update"`
	AllowDeprecatedRepos bool   `json:"allow_deprecated_repos"`
	PassCredentials      bool   `json:"pass_credentials"`
	Timeout              string `json:"timeout"`
}

// RepoUpdateRequest is `helm repo update [REPO...]`.
type RepoUpdateRequest struct {
	Settings Settings `json:"settings"`
	Names    []string `json:"names"`
	Timeout  string   `json:"timeout"`
}

func init() {
	handle("repo.add", opRepoAdd)
	handle("repo.update", opRepoUpdate)
}

// Repositories that have been permanently deleted (helm refuses them unless --allow-deprecated-repos).
var deprecatedRepos = map[string]string{
	"//kubernetes-charts.storage.googleapis.com":           "https://charts.helm.sh/stable",
	"//kubernetes-charts-incubator.storage.googleapis.com": "https://charts.helm.sh/incubator",
}

// indexGetters is what repo add and repo update download indexes with: the settings and helm's
// getters with the --timeout given.
func indexGetters(s *Settings, timeout string) (*cli.EnvSettings, getter.Providers, error) {
	e := s.envSettings()
	d, err := time.ParseDuration(timeout)
	if err != nil {
		return nil, nil, err
	}
	return e, getter.All(e, getter.WithTimeout(d)), nil
}

// repoFileLock takes helm's lock beside the repositories file (NAME.lock for NAME.yaml); the
// returned function releases it.
func repoFileLock(repoFile string) (func(), error) {
	if err := os.MkdirAll(filepath.Dir(repoFile), os.ModePerm); err != nil && !os.IsExist(err) {
		return nil, err
	}
	lockPath := repoFile + ".lock"
	if ext := filepath.Ext(repoFile); ext != "" && len(ext) < len(repoFile) {
		lockPath = strings.TrimSuffix(repoFile, ext) + ".lock"
	}
	l := flock.New(lockPath)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	locked, err := l.TryLockContext(ctx, time.Second)
	if err != nil {
		return nil, err
	}
	if !locked {
		return func() {}, nil
	}
	return func() { l.Unlock() }, nil
}

// readPassword is helm's password source for repo add: --password-stdin, else a prompt on the terminal.
func readPassword(out io.Writer, fromStdin bool) (string, error) {
	if fromStdin {
		b, err := io.ReadAll(os.Stdin)
		if err != nil {
			return "", err
		}
		return strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r"), nil
	}
	fmt.Fprint(out, "Password: ")
	p, err := term.ReadPassword(int(os.Stdin.Fd()))
	fmt.Fprintln(out)
	return string(p), err
}

func opRepoAdd(c *call, req *RepoAddRequest) (any, error) {
	e, getters, err := indexGetters(&req.Settings, req.Timeout)
	if err != nil {
		return nil, err
	}
	if !req.AllowDeprecatedRepos {
		for oldURL, newURL := range deprecatedRepos {
			if strings.Contains(req.URL, oldURL) {
				return nil, fmt.Errorf("repo %q is no longer available; try %q instead", req.URL, newURL)
			}
		}
	}
	unlock, err := repoFileLock(e.RepositoryConfig)
	if err != nil {
		return nil, err
	}
	defer unlock()

	b, err := os.ReadFile(e.RepositoryConfig)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	var f repo.File
	if err := yaml.Unmarshal(b, &f); err != nil {
		return nil, err
	}
	if req.Username != "" && req.Password == "" {
		// The prompt goes out before the call returns, as helm prints it before reading.
		if req.Password, err = readPassword(eventWriter(eventStdout), req.PasswordStdin); err != nil {
			return nil, err
		}
	}
	entry := repo.Entry{
		Name: req.Name, URL: req.URL, Username: req.Username, Password: req.Password,
		PassCredentialsAll: req.PassCredentials, CertFile: req.CertFile, KeyFile: req.KeyFile,
		CAFile: req.CaFile, InsecureSkipTLSVerify: req.InsecureSkipTLSVerify,
	}
	if strings.Contains(req.Name, "/") {
		return nil, fmt.Errorf("repository name (%s) contains '/', please specify a different name without '/'", req.Name)
	}
	if !req.ForceUpdate && f.Has(req.Name) {
		if entry != *f.Get(req.Name) {
			return nil, fmt.Errorf("repository name (%s) already exists, please specify a different name", req.Name)
		}
		fmt.Fprintf(c, "%q already exists with the same configuration, skipping\n", req.Name)
		return nil, nil
	}
	r, err := repo.NewChartRepository(&entry, getters)
	if err != nil {
		return nil, err
	}
	if e.RepositoryCache != "" {
		r.CachePath = e.RepositoryCache
	}
	if err := downloadIndex(r); err != nil {
		return nil, fmt.Errorf("looks like %q is not a valid chart repository or cannot be reached: %w", req.URL, err)
	}
	f.Update(&entry)
	if err := f.WriteFile(e.RepositoryConfig, 0o600); err != nil {
		return nil, err
	}
	fmt.Fprintf(c, "%q has been added to your repositories\n", req.Name)
	return nil, nil
}

var errNoRepositories = errors.New("no repositories found. You must add one before updating")

func opRepoUpdate(_ *call, req *RepoUpdateRequest) (any, error) {
	e, getters, err := indexGetters(&req.Settings, req.Timeout)
	if err != nil {
		return nil, err
	}
	f, err := repo.LoadFile(e.RepositoryConfig)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, errNoRepositories
	case err != nil:
		return nil, fmt.Errorf("failed loading file: %s: %w", e.RepositoryConfig, err)
	case len(f.Repositories) == 0:
		return nil, errNoRepositories
	}
	for _, name := range req.Names {
		if !slices.ContainsFunc(f.Repositories, func(r *repo.Entry) bool { return r.Name == name }) {
			return nil, fmt.Errorf("no repositories found matching '%s'.  Nothing will be updated", name)
		}
	}
	var repos []*repo.ChartRepository
	for _, cfg := range f.Repositories {
		if len(req.Names) == 0 || slices.Contains(req.Names, cfg.Name) {
			r, err := repo.NewChartRepository(cfg, getters)
			if err != nil {
				return nil, err
			}
			if e.RepositoryCache != "" {
				r.CachePath = e.RepositoryCache
			}
			repos = append(repos, r)
		}
	}
	// Progress lines are printed as each repository finishes, as helm does.
	return nil, updateRepos(repos, eventWriter(eventStdout))
}

func updateRepos(repos []*repo.ChartRepository, out io.Writer) error {
	fmt.Fprintln(out, "Hang tight while we grab the latest from your chart repositories...")
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		failed []string
	)
	for _, re := range repos {
		wg.Add(1)
		go func(re *repo.ChartRepository) {
			defer wg.Done()
			err := downloadIndex(re)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				fmt.Fprintf(out, "...Unable to get an update from the %q chart repository (%s):\n\t%s\n", re.Config.Name, re.Config.URL, err)
				failed = append(failed, re.Config.URL)
				return
			}
			fmt.Fprintf(out, "...Successfully got an update from the %q chart repository\n", re.Config.Name)
		}(re)
	}
	wg.Wait()
	if len(failed) > 0 {
		return fmt.Errorf("failed to update the following repositories: %s", failed)
	}
	fmt.Fprintln(out, "Update Complete. ⎈Happy Helming!⎈")
	return nil
}

// downloadIndex is helm's ChartRepository.DownloadIndexFile (same request, same files written) with
// one shortcut: when the downloaded index is byte for byte the content the search cache was built
// from (see search_cache.go), helm's parse is known to succeed without warnings and is skipped.
// Otherwise the index is parsed by helm's loader, and any error or warning sends the whole job to
// helm's own DownloadIndexFile, so errors and logs are exactly helm's.
func downloadIndex(r *repo.ChartRepository) error {
	indexURL, err := repo.ResolveReferenceURL(r.Config.URL, "index.yaml")
	if err != nil {
		return err
	}
	resp, err := r.Client.Get(indexURL,
		getter.WithURL(r.Config.URL),
		getter.WithInsecureSkipVerifyTLS(r.Config.InsecureSkipTLSVerify),
		getter.WithTLSClientConfig(r.Config.CertFile, r.Config.KeyFile, r.Config.CAFile),
		getter.WithBasicAuth(r.Config.Username, r.Config.Password),
		getter.WithPassCredentialsAll(r.Config.PassCredentialsAll),
	)
	if err != nil {
		return err
	}
	index := resp.Bytes()
	fname := filepath.Join(r.CachePath, helmpath.CacheIndexFile(r.Config.Name))
	sum := sha256.Sum256(index)
	entries, known := cachedEntries(fname, sum)
	var li *loadedIndex
	if !known {
		var clean bool
		if entries, li, clean = parseIndexBytes(index); !clean {
			_, err := r.DownloadIndexFile()
			return err
		}
	}
	var charts bytes.Buffer
	for name := range entries {
		charts.WriteString(name)
		charts.WriteByte('\n')
	}
	chartsFile := filepath.Join(r.CachePath, helmpath.CacheChartsFile(r.Config.Name))
	os.MkdirAll(filepath.Dir(chartsFile), 0o755)
	fileutil.AtomicWriteFile(chartsFile, &charts, 0o644)
	os.MkdirAll(filepath.Dir(fname), 0o755)
	if err := fileutil.AtomicWriteFile(fname, bytes.NewReader(index), 0o644); err != nil {
		return err
	}
	if !known {
		writeIndexCaches(fname, sum, entries, li)
	}
	return nil
}

// parseIndexBytes parses index content as helm's loader does (when it must, helm's loader itself,
// from a temporary file); clean is false when it failed or logged anything.
func parseIndexBytes(index []byte) (map[string][]indexedChart, *loadedIndex, bool) {
	if entries, li, ok := parseIndexFast(index); ok {
		return entries, li, true
	}
	f, err := os.CreateTemp("", "cpphelm-index-*.yaml")
	if err != nil {
		return nil, nil, false
	}
	defer os.Remove(f.Name())
	_, werr := f.Write(index)
	if cerr := f.Close(); werr != nil || cerr != nil {
		return nil, nil, false
	}
	entries, li, logged, err := parseIndexFile(f.Name(), index, slog.DiscardHandler)
	return entries, li, err == nil && !logged
}
