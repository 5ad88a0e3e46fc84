package main

// The repository commands that need no server: repo list, repo remove, repo index.

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/gosuri/uitable"

	"helm.sh/helm/v4/pkg/cli/output"
	"helm.sh/helm/v4/pkg/helmpath"
	repo "helm.sh/helm/v4/pkg/repo/v1"
)

// RepoListRequest is `helm repo list`.
type RepoListRequest struct {
	Settings  Settings `json:"settings"`
	NoHeaders bool     `json:"no_headers"`
	Output    string   `json:"output"`
}

// RepoRemoveRequest is `helm repo remove NAME...`.
type RepoRemoveRequest struct {
	Settings Settings `json:"settings"`
	Names    []string `json:"names"`
}

// RepoIndexRequest is `helm repo index DIR`.
type RepoIndexRequest struct {
	Dir   string `json:"dir"`
	URL   string `json:"url"`
	Merge string `json:"merge"`
	JSON  bool   `json:"json"`
}

func init() {
	handle("repo.list", opRepoList)
	handle("repo.remove", opRepoRemove)
	handle("repo.index", opRepoIndex)
}

type repoListWriter struct {
	repos     []*repo.Entry
	noHeaders bool
}

type repositoryElement struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

func (r *repoListWriter) WriteTable(out io.Writer) error {
	table := uitable.New()
	if !r.noHeaders {
		table.AddRow("NAME", "URL")
	}
	for _, re := range r.repos {
		table.AddRow(re.Name, re.URL)
	}
	return output.EncodeTable(out, table)
}

func (r *repoListWriter) elements() []repositoryElement {
	l := make([]repositoryElement, 0, len(r.repos))
	for _, re := range r.repos {
		l = append(l, repositoryElement{Name: re.Name, URL: re.URL})
	}
	return l
}

func (r *repoListWriter) WriteJSON(out io.Writer) error { return output.EncodeJSON(out, r.elements()) }
func (r *repoListWriter) WriteYAML(out io.Writer) error { return output.EncodeYAML(out, r.elements()) }

func opRepoList(c *call, req *RepoListRequest) (any, error) {
	e := req.Settings.envSettings()
	f, _ := repo.LoadFile(e.RepositoryConfig)
	if len(f.Repositories) == 0 && req.Output != string(output.JSON) && req.Output != string(output.YAML) {
		fmt.Fprintln(eventWriter(eventStderr), "no repositories to show")
		return nil, nil
	}
	return nil, writeFormat(c, req.Output, &repoListWriter{repos: f.Repositories, noHeaders: req.NoHeaders})
}

func opRepoRemove(c *call, req *RepoRemoveRequest) (any, error) {
	e := req.Settings.envSettings()
	r, err := repo.LoadFile(e.RepositoryConfig)
	if errors.Is(err, fs.ErrNotExist) || len(r.Repositories) == 0 {
		return nil, errors.New("no repositories configured")
	}
	for _, name := range req.Names {
		if !r.Remove(name) {
			return nil, fmt.Errorf("no repo named %q found", name)
		}
		if err := r.WriteFile(e.RepositoryConfig, 0o600); err != nil {
			return nil, err
		}
		if err := removeRepoCache(e.RepositoryCache, name); err != nil {
			return nil, err
		}
		fmt.Fprintf(c, "%q has been removed from your repositories\n", name)
	}
	return nil, nil
}

func removeRepoCache(root, name string) error {
	idx := filepath.Join(root, helmpath.CacheChartsFile(name))
	if _, err := os.Stat(idx); err == nil {
		os.Remove(idx)
	}
	idx = filepath.Join(root, helmpath.CacheIndexFile(name))
	if _, err := os.Stat(idx); errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("can't remove index file %s: %w", idx, err)
	}
	return os.Remove(idx)
}

func opRepoIndex(_ *call, req *RepoIndexRequest) (any, error) {
	dir, err := filepath.Abs(req.Dir)
	if err != nil {
		return nil, err
	}
	out := filepath.Join(dir, "index.yaml")
	i, err := repo.IndexDirectory(dir, req.URL)
	if err != nil {
		return nil, err
	}
	if req.Merge != "" {
		var i2 *repo.IndexFile
		if _, err := os.Stat(req.Merge); errors.Is(err, fs.ErrNotExist) {
			i2 = repo.NewIndexFile()
			writeIndexFile(i2, req.Merge, req.JSON)
		} else {
			i2, err = repo.LoadIndexFile(req.Merge)
			if err != nil {
				return nil, fmt.Errorf("merge failed: %w", err)
			}
		}
		i.Merge(i2)
	}
	i.SortEntries()
	return nil, writeIndexFile(i, out, req.JSON)
}

func writeIndexFile(i *repo.IndexFile, out string, json bool) error {
	if json {
		return i.WriteJSONFile(out, 0o644)
	}
	return i.WriteFile(out, 0o644)
}
