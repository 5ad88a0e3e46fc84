package main

// The commands that read releases: list, status, history, get.

import (
	"fmt"
	"text/template"

	"k8s.io/cli-runtime/pkg/genericclioptions"

	"helm.sh/helm/v4/pkg/action"
	"helm.sh/helm/v4/pkg/cli/output"
	ri "helm.sh/helm/v4/pkg/release"
	release "helm.sh/helm/v4/pkg/release/v1"
	releaseutil "helm.sh/helm/v4/pkg/release/v1/util"
)

// ---- list ----

func opList(c *call, req *ListRequest) (any, error) {
	e, cfg, err := configuredForReading(&req.Settings)
	if err != nil {
		return nil, err
	}
	client := action.NewList(cfg)
	client.Short = req.Short
	client.NoHeaders = req.NoHeaders
	client.TimeFormat = req.TimeFormat
	client.ByDate = req.ByDate
	client.SortReverse = req.SortReverse
	client.Uninstalled = req.Uninstalled
	client.Superseded = req.Superseded
	client.Uninstalling = req.Uninstalling
	client.Deployed = req.Deployed
	client.Failed = req.Failed
	client.Pending = req.Pending
	client.AllNamespaces = req.AllNamespaces
	client.Limit = req.Max
	client.Offset = req.Offset
	client.Filter = req.Filter
	client.Selector = req.Selector
	if client.AllNamespaces {
		if err := initConfig(cfg, &req.Settings, cfg.RESTClientGetter.(genericclioptions.RESTClientGetter), ""); err != nil {
			return nil, err
		}
	}
	client.SetStateMask()
	namespace := e.Namespace()
	if client.AllNamespaces {
		namespace = ""
	}
	results, err := listReleases(cfg, req.Settings.Driver, namespace, client,
		protobufClients(cfg.RESTClientGetter))
	if err != nil {
		return nil, err
	}
	if client.Short {
		names := make([]string, 0, len(results))
		for _, r := range results {
			names = append(names, r.Name)
		}
		switch req.Output {
		case "json":
			output.EncodeJSON(c, names)
			return nil, nil
		case "yaml":
			output.EncodeYAML(c, names)
			return nil, nil
		case "table", "":
			for _, n := range names {
				fmt.Fprintln(c, n)
			}
			return nil, nil
		}
	}
	return nil, writeFormat(c, req.Output, newReleaseListWriter(results, client.TimeFormat, client.NoHeaders,
		e.ShouldDisableColor()))
}

// listReleases returns what client.Run returns (as v1 releases): from the fast list where it
// applies (fastlist.go), else from helm's own action.List.
func listReleases(cfg *action.Configuration, driverName, namespace string, client *action.List,
	clients recordClients) ([]*release.Release, error) {
	results, handled, err := fastList(cfg, driverName, namespace, client, clients)
	if err != nil || handled {
		return results, err
	}
	resultsi, err := client.Run()
	if err != nil {
		return nil, err
	}
	results = make([]*release.Release, 0, len(resultsi))
	for _, r := range resultsi {
		rel, err := toV1Release(r)
		if err != nil {
			return nil, err
		}
		results = append(results, rel)
	}
	return results, nil
}

// ---- status ----

func opStatus(c *call, req *StatusRequest) (any, error) {
	e, cfg, err := configuredForReading(&req.Settings)
	if err != nil {
		return nil, err
	}
	client := action.NewStatus(cfg)
	client.Version = req.Revision
	if client.Version == 0 {
		client.Version = latestRevision(cfg.RESTClientGetter, e.Namespace(), req.Settings.Driver, req.Release)
	}
	if req.Output == "" || req.Output == string(output.Table) {
		client.ShowResourcesTable = true
	}
	reli, err := client.Run(req.Release)
	if err != nil {
		return nil, err
	}
	rel, err := toV1Release(reli)
	if err != nil {
		return nil, err
	}
	rel.Chart = nil
	return nil, writeFormat(c, req.Output, &statusPrinter{release: rel, noColor: e.ShouldDisableColor()})
}

// ---- history ----

func opHistory(c *call, req *HistoryRequest) (any, error) {
	_, cfg, err := configuredForReading(&req.Settings)
	if err != nil {
		return nil, err
	}
	client := action.NewHistory(cfg)
	client.Max = req.Max
	histi, err := client.Run(req.Release)
	if err != nil {
		return nil, err
	}
	hist := make([]*release.Release, 0, len(histi))
	for _, r := range histi {
		rel, err := toV1Release(r)
		if err != nil {
			return nil, err
		}
		hist = append(hist, rel)
	}
	releaseutil.Reverse(hist, releaseutil.SortByRevision)
	n := min(len(hist), client.Max)
	if n < 0 {
		n = 0
	}
	h := releaseHistory{showRollback: req.ShowRollbackRevision}
	for i := n - 1; i >= 0; i-- {
		r := hist[i]
		info := releaseInfo{
			Revision:         r.Version,
			Status:           r.Info.Status.String(),
			Chart:            formatChartName(r.Chart),
			AppVersion:       formatAppVersion(r.Chart),
			RollbackRevision: r.Info.RollbackRevision,
			Description:      r.Info.Description,
		}
		if !r.Info.LastDeployed.IsZero() {
			info.Updated = r.Info.LastDeployed
		}
		h.items = append(h.items, info)
	}
	return nil, writeFormat(c, req.Output, h)
}

// ---- get ----

func opGet(c *call, req *GetRequest) (any, error) {
	e, cfg, err := configuredForReading(&req.Settings)
	if err != nil {
		return nil, err
	}
	// The latest revision by its labels (see latestRevision). Not for metadata and all: a record
	// fetched by revision carries only its custom labels, where helm's Last carries all of them,
	// and those two print the labels.
	if req.Revision == 0 && req.What != "metadata" && req.What != "all" {
		req.Revision = latestRevision(cfg.RESTClientGetter, e.Namespace(), req.Settings.Driver, req.Release)
	}
	switch req.What {
	case "metadata":
		client := action.NewGetMetadata(cfg)
		client.Version = req.Revision
		m, err := client.Run(req.Release)
		if err != nil {
			return nil, err
		}
		return nil, writeFormat(c, req.Output, metadataWriter{m})
	case "values":
		client := action.NewGetValues(cfg)
		client.Version = req.Revision
		client.AllValues = req.AllValues
		vals, err := client.Run(req.Release)
		if err != nil {
			return nil, err
		}
		return nil, writeFormat(c, req.Output, valuesWriter{vals, client.AllValues})
	}
	client := action.NewGet(cfg)
	client.Version = req.Revision
	reli, err := client.Run(req.Release)
	if err != nil {
		return nil, err
	}
	switch req.What {
	case "all":
		if req.Template != "" {
			t, err := template.New("_").Parse(req.Template)
			if err != nil {
				return nil, err
			}
			return nil, t.Execute(c, map[string]any{"Release": reli})
		}
		rel, err := toV1Release(reli)
		if err != nil {
			return nil, err
		}
		return nil, output.Table.Write(c, &statusPrinter{release: rel, debug: true, showMetadata: true,
			noColor: e.ShouldDisableColor()})
	case "hooks":
		rac, err := ri.NewAccessor(reli)
		if err != nil {
			return nil, err
		}
		for _, hook := range rac.Hooks() {
			hac, err := ri.NewHookAccessor(hook)
			if err != nil {
				return nil, err
			}
			fmt.Fprintf(c, "---\n# Source: %s\n%s\n", hac.Path(), hac.Manifest())
		}
	case "manifest":
		rac, err := ri.NewAccessor(reli)
		if err != nil {
			return nil, err
		}
		fmt.Fprintln(c, rac.Manifest())
	case "notes":
		rac, err := ri.NewAccessor(reli)
		if err != nil {
			return nil, err
		}
		if rac.Notes() != "" {
			fmt.Fprintf(c, "NOTES:\n%s\n", rac.Notes())
		}
	default:
		return nil, fmt.Errorf("shim: unknown get subcommand %q", req.What)
	}
	return nil, nil
}
