package main

// The release commands' printers: helm's own output shapes (status, list, history, get metadata and
// values), re-created over helm's library encoders so JSON/YAML bytes come from Go as helm prints them.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gosuri/uitable"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	metav1beta1 "k8s.io/apimachinery/pkg/apis/meta/v1beta1"
	k8sLabels "k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/cli-runtime/pkg/printers"

	coloroutput "helm.sh/helm/v4/internal/cli/output"
	"helm.sh/helm/v4/pkg/action"
	"helm.sh/helm/v4/pkg/chart/common/util"
	chart "helm.sh/helm/v4/pkg/chart/v2"
	"helm.sh/helm/v4/pkg/cli/output"
	"helm.sh/helm/v4/pkg/release/common"
	release "helm.sh/helm/v4/pkg/release/v1"
)

// writeFormat writes w in the --output format helm's bindOutputFlag accepted.
func writeFormat(out io.Writer, format string, w output.Writer) error {
	if format == "" {
		format = string(output.Table)
	}
	return output.Format(format).Write(out, w)
}

type statusPrinter struct {
	release      *release.Release
	debug        bool
	showMetadata bool
	hideNotes    bool
	noColor      bool
}

func (s statusPrinter) rel() *release.Release {
	if s.release == nil {
		return &release.Release{}
	}
	return s.release
}

func (s statusPrinter) WriteJSON(out io.Writer) error { return output.EncodeJSON(out, s.rel()) }
func (s statusPrinter) WriteYAML(out io.Writer) error { return output.EncodeYAML(out, s.rel()) }

func (s statusPrinter) WriteTable(out io.Writer) error {
	if s.release == nil {
		return nil
	}
	rel := s.release
	fmt.Fprintf(out, "NAME: %s\n", rel.Name)
	if !rel.Info.LastDeployed.IsZero() {
		fmt.Fprintf(out, "LAST DEPLOYED: %s\n", rel.Info.LastDeployed.Format(time.ANSIC))
	}
	fmt.Fprintf(out, "NAMESPACE: %s\n", coloroutput.ColorizeNamespace(rel.Namespace, s.noColor))
	fmt.Fprintf(out, "STATUS: %s\n", coloroutput.ColorizeStatus(rel.Info.Status, s.noColor))
	fmt.Fprintf(out, "REVISION: %d\n", rel.Version)
	if s.showMetadata {
		fmt.Fprintf(out, "CHART: %s\n", rel.Chart.Metadata.Name)
		fmt.Fprintf(out, "VERSION: %s\n", rel.Chart.Metadata.Version)
		fmt.Fprintf(out, "APP_VERSION: %s\n", rel.Chart.Metadata.AppVersion)
	}
	fmt.Fprintf(out, "DESCRIPTION: %s\n", rel.Info.Description)

	if len(rel.Info.Resources) > 0 {
		buf := new(bytes.Buffer)
		printer := printers.NewTablePrinter(printers.PrintOptions{ColumnLabels: []string{}})
		// helm walks this map in Go's random order; cpphelm sorts the kinds so the output is stable.
		keys := make([]string, 0, len(rel.Info.Resources))
		for k := range rel.Info.Resources {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, t := range keys {
			fmt.Fprintf(buf, "==> %s\n", t)
			for _, resource := range rel.Info.Resources[t] {
				if err := printTableObj(printer, resource, buf); err != nil {
					fmt.Fprintf(buf, "failed to print object type %s: %v\n", t, err)
				}
			}
			buf.WriteString("\n")
		}
		fmt.Fprintf(out, "RESOURCES:\n%s\n", buf.String())
	}

	var tests []*release.Hook
	for _, h := range rel.Hooks {
		for _, e := range h.Events {
			if e == release.HookTest {
				tests = append(tests, h)
			}
		}
	}
	if len(tests) == 0 {
		fmt.Fprintln(out, "TEST SUITE: None")
	} else {
		for _, h := range tests {
			if h.LastRun.StartedAt.IsZero() {
				continue
			}
			fmt.Fprintf(out, "TEST SUITE:     %s\n%s\n%s\n%s\n", h.Name,
				"Last Started:   "+h.LastRun.StartedAt.Format(time.ANSIC),
				"Last Completed: "+h.LastRun.CompletedAt.Format(time.ANSIC),
				"Phase:          "+h.LastRun.Phase)
		}
	}

	if s.debug {
		fmt.Fprintln(out, "USER-SUPPLIED VALUES:")
		if err := output.EncodeYAML(out, rel.Config); err != nil {
			return err
		}
		fmt.Fprintln(out)
		cfg, err := util.CoalesceValues(rel.Chart, rel.Config)
		if err != nil {
			return err
		}
		fmt.Fprintln(out, "COMPUTED VALUES:")
		if err := output.EncodeYAML(out, cfg.AsMap()); err != nil {
			return err
		}
		fmt.Fprintln(out)
	}

	if strings.EqualFold(rel.Info.Description, "Dry run complete") || s.debug {
		fmt.Fprintln(out, "HOOKS:")
		for _, h := range rel.Hooks {
			fmt.Fprintf(out, "---\n# Source: %s\n%s\n", h.Path, h.Manifest)
		}
		fmt.Fprintf(out, "MANIFEST:\n%s\n", rel.Manifest)
	}

	if !s.hideNotes && rel.Info.Notes != "" {
		fmt.Fprintf(out, "NOTES:\n%s\n", strings.TrimSpace(rel.Info.Notes))
	}
	return nil
}

// printTableObj prints what the server returned for a resource as kubectl's human-readable printer
// does (kubectl/pkg/cmd/get.TablePrinter over HumanPrintFlags' table printer): a server-side Table is
// decoded first, anything else is printed as it is. cpphelm does not import kubectl's get command
// for this: its package initialisers load kubectl's translations, 16 ms of every start-up.
func printTableObj(p printers.ResourcePrinter, obj runtime.Object, w io.Writer) error {
	if t, err := decodeIntoTable(obj); err == nil {
		return p.PrintObj(t, w)
	}
	return p.PrintObj(obj, w)
}

func decodeIntoTable(obj runtime.Object) (runtime.Object, error) {
	event, isEvent := obj.(*metav1.WatchEvent)
	if isEvent {
		obj = event.Object.Object
	}
	gvk := obj.GetObjectKind().GroupVersionKind()
	if gvk != metav1beta1.SchemeGroupVersion.WithKind("Table") && gvk != metav1.SchemeGroupVersion.WithKind("Table") {
		return nil, fmt.Errorf("attempt to decode non-Table object")
	}
	unstr, ok := obj.(*unstructured.Unstructured)
	if !ok {
		return nil, fmt.Errorf("attempt to decode non-Unstructured object")
	}
	table := &metav1.Table{}
	if err := runtime.DefaultUnstructuredConverter.FromUnstructured(unstr.Object, table); err != nil {
		return nil, err
	}
	for i := range table.Rows {
		row := &table.Rows[i]
		if row.Object.Raw == nil || row.Object.Object != nil {
			continue
		}
		converted, err := runtime.Decode(unstructured.UnstructuredJSONScheme, row.Object.Raw)
		if err != nil {
			return nil, err
		}
		row.Object.Object = converted
	}
	if isEvent {
		event.Object.Object = table
		return event, nil
	}
	return table, nil
}

func formatChartName(c *chart.Chart) string {
	if c == nil || c.Metadata == nil {
		return "MISSING"
	}
	return fmt.Sprintf("%s-%s", c.Name(), c.Metadata.Version)
}

func formatAppVersion(c *chart.Chart) string {
	if c == nil || c.Metadata == nil {
		return "MISSING"
	}
	return c.AppVersion()
}

// ---- list ----

type releaseElement struct {
	Name       string `json:"name"`
	Namespace  string `json:"namespace"`
	Revision   string `json:"revision"`
	Updated    string `json:"updated"`
	Status     string `json:"status"`
	Chart      string `json:"chart"`
	AppVersion string `json:"app_version"`
}

type releaseListWriter struct {
	releases  []releaseElement
	noHeaders bool
	noColor   bool
}

func newReleaseListWriter(releases []*release.Release, timeFormat string, noHeaders, noColor bool) *releaseListWriter {
	elements := make([]releaseElement, 0, len(releases))
	for _, r := range releases {
		e := releaseElement{
			Name:       r.Name,
			Namespace:  r.Namespace,
			Revision:   strconv.Itoa(r.Version),
			Status:     r.Info.Status.String(),
			Chart:      formatChartName(r.Chart),
			AppVersion: formatAppVersion(r.Chart),
			Updated:    "-",
		}
		if t := r.Info.LastDeployed; !t.IsZero() {
			if timeFormat != "" {
				e.Updated = t.Format(timeFormat)
			} else {
				e.Updated = t.String()
			}
		}
		elements = append(elements, e)
	}
	return &releaseListWriter{elements, noHeaders, noColor}
}

func (w *releaseListWriter) WriteTable(out io.Writer) error {
	table := uitable.New()
	if !w.noHeaders {
		h := func(s string) any { return coloroutput.ColorizeHeader(s, w.noColor) }
		table.AddRow(h("NAME"), h("NAMESPACE"), h("REVISION"), h("UPDATED"), h("STATUS"), h("CHART"), h("APP VERSION"))
	}
	for _, r := range w.releases {
		table.AddRow(r.Name, coloroutput.ColorizeNamespace(r.Namespace, w.noColor), r.Revision, r.Updated,
			coloroutput.ColorizeStatus(common.Status(r.Status), w.noColor), r.Chart, r.AppVersion)
	}
	return output.EncodeTable(out, table)
}

func (w *releaseListWriter) WriteJSON(out io.Writer) error { return output.EncodeJSON(out, w.releases) }
func (w *releaseListWriter) WriteYAML(out io.Writer) error { return output.EncodeYAML(out, w.releases) }

// ---- history ----

type releaseInfo struct {
	Revision         int
	Updated          time.Time
	Status           string
	Chart            string
	AppVersion       string
	RollbackRevision int
	Description      string
}

type releaseInfoJSON struct {
	Revision         int        `json:"revision"`
	Updated          *time.Time `json:"updated,omitempty"`
	Status           string     `json:"status"`
	Chart            string     `json:"chart"`
	AppVersion       string     `json:"app_version"`
	RollbackRevision int        `json:"rollback_revision,omitempty"`
	Description      string     `json:"description"`
}

func (r releaseInfo) MarshalJSON() ([]byte, error) {
	tmp := releaseInfoJSON{Revision: r.Revision, Status: r.Status, Chart: r.Chart, AppVersion: r.AppVersion,
		RollbackRevision: r.RollbackRevision, Description: r.Description}
	if !r.Updated.IsZero() {
		tmp.Updated = &r.Updated
	}
	return json.Marshal(tmp)
}

type releaseHistory struct {
	items        []releaseInfo
	showRollback bool
}

func (r releaseHistory) WriteJSON(out io.Writer) error { return output.EncodeJSON(out, r.list()) }
func (r releaseHistory) WriteYAML(out io.Writer) error { return output.EncodeYAML(out, r.list()) }

// list keeps helm's encoding of an empty history: an empty array, not null.
func (r releaseHistory) list() []releaseInfo {
	if r.items == nil {
		return []releaseInfo{}
	}
	return r.items
}

func (r releaseHistory) WriteTable(out io.Writer) error {
	tbl := uitable.New()
	if r.showRollback {
		tbl.AddRow("REVISION", "UPDATED", "STATUS", "CHART", "APP VERSION", "ROLLBACK", "DESCRIPTION")
	} else {
		tbl.AddRow("REVISION", "UPDATED", "STATUS", "CHART", "APP VERSION", "DESCRIPTION")
	}
	for _, it := range r.items {
		if r.showRollback {
			rb := ""
			if it.RollbackRevision > 0 {
				rb = strconv.Itoa(it.RollbackRevision)
			}
			tbl.AddRow(it.Revision, it.Updated.Format(time.ANSIC), it.Status, it.Chart, it.AppVersion, rb, it.Description)
		} else {
			tbl.AddRow(it.Revision, it.Updated.Format(time.ANSIC), it.Status, it.Chart, it.AppVersion, it.Description)
		}
	}
	return output.EncodeTable(out, tbl)
}

// ---- get metadata / values ----

type metadataWriter struct{ m *action.Metadata }

func (w metadataWriter) WriteTable(out io.Writer) error {
	method := "client-side apply (defaulted)"
	switch w.m.ApplyMethod {
	case "":
	case string(release.ApplyMethodClientSideApply):
		method = "client-side apply"
	case string(release.ApplyMethodServerSideApply):
		method = "server-side apply"
	default:
		method = fmt.Sprintf("unknown (%q)", w.m.ApplyMethod)
	}
	fmt.Fprintf(out, "NAME: %v\n", w.m.Name)
	fmt.Fprintf(out, "CHART: %v\n", w.m.Chart)
	fmt.Fprintf(out, "VERSION: %v\n", w.m.Version)
	fmt.Fprintf(out, "APP_VERSION: %v\n", w.m.AppVersion)
	fmt.Fprintf(out, "ANNOTATIONS: %v\n", k8sLabels.Set(w.m.Annotations).String())
	fmt.Fprintf(out, "LABELS: %v\n", k8sLabels.Set(w.m.Labels).String())
	fmt.Fprintf(out, "DEPENDENCIES: %v\n", w.m.FormattedDepNames())
	fmt.Fprintf(out, "NAMESPACE: %v\n", w.m.Namespace)
	fmt.Fprintf(out, "REVISION: %v\n", w.m.Revision)
	fmt.Fprintf(out, "STATUS: %v\n", w.m.Status)
	fmt.Fprintf(out, "DEPLOYED_AT: %v\n", w.m.DeployedAt)
	fmt.Fprintf(out, "APPLY_METHOD: %v\n", method)
	return nil
}

func (w metadataWriter) WriteJSON(out io.Writer) error { return output.EncodeJSON(out, w.m) }
func (w metadataWriter) WriteYAML(out io.Writer) error { return output.EncodeYAML(out, w.m) }

type valuesWriter struct {
	vals      map[string]any
	allValues bool
}

func (v valuesWriter) WriteTable(out io.Writer) error {
	if v.allValues {
		fmt.Fprintln(out, "COMPUTED VALUES:")
	} else {
		fmt.Fprintln(out, "USER-SUPPLIED VALUES:")
	}
	return output.EncodeYAML(out, v.vals)
}

func (v valuesWriter) WriteJSON(out io.Writer) error { return output.EncodeJSON(out, v.vals) }
func (v valuesWriter) WriteYAML(out io.Writer) error { return output.EncodeYAML(out, v.vals) }
