package main

// Completion lookups (cobra's ValidArgsFunction in helm's CLI).

import (
	"fmt"
	"slices"
	"strconv"

	"helm.sh/helm/v4/pkg/action"
)

// CompleteReleasesRequest asks for helm's compListReleases: every release of the namespace, in
// every state, except the names already on the command line.
type CompleteReleasesRequest struct {
	Settings Settings `json:"settings"`
	Exclude  []string `json:"exclude"`
}

func init() {
	requestTypes["CompleteReleasesRequest"] = func() any { return &CompleteReleasesRequest{} }
	register("complete.releases", func(_ *call, data []byte) (any, error) {
		var req CompleteReleasesRequest
		if err := decode(data, &req); err != nil {
			return nil, err
		}
		_, cfg, err := configured(&req.Settings)
		if err != nil {
			return nil, err
		}
		client := action.NewList(cfg)
		client.All = true
		client.Limit = 0
		client.SetStateMask()
		releases, err := client.Run()
		if err != nil {
			return nil, err
		}
		choices := []string{}
		for _, ri := range releases {
			rel, err := toV1Release(ri)
			if err != nil {
				return nil, err
			}
			if slices.Contains(req.Exclude, rel.Name) {
				continue
			}
			choices = append(choices, fmt.Sprintf("%s\t%s-%s -> %s", rel.Name, rel.Chart.Metadata.Name,
				rel.Chart.Metadata.Version, rel.Info.Status.String()))
		}
		return choices, nil
	})
}

// CompleteRevisionsRequest asks for helm's compListRevisions: the revisions of one release.
type CompleteRevisionsRequest struct {
	Settings Settings `json:"settings"`
	Release  string   `json:"release"`
}

func init() {
	requestTypes["CompleteRevisionsRequest"] = func() any { return &CompleteRevisionsRequest{} }
	register("complete.revisions", func(_ *call, data []byte) (any, error) {
		var req CompleteRevisionsRequest
		if err := decode(data, &req); err != nil {
			return nil, err
		}
		_, cfg, err := configured(&req.Settings)
		if err != nil {
			return nil, err
		}
		hist, err := action.NewHistory(cfg).Run(req.Release)
		if err != nil {
			return nil, err
		}
		revisions := []string{}
		for _, ri := range hist {
			v, err := toV1Release(ri)
			if err != nil {
				return nil, err
			}
			revisions = append(revisions, fmt.Sprintf("%s\tApp: %s, Chart: %s-%s", strconv.Itoa(v.Version),
				v.Chart.Metadata.AppVersion, v.Chart.Metadata.Name, v.Chart.Metadata.Version))
		}
		return revisions, nil
	})
}
