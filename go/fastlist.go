package main

// cpphelm's `list` for the secret and configmap drivers. helm fetches and decodes every revision of
// every release (base64, gzip, JSON) and then keeps only the latest revision of each. Here a
// metadata-only list reads the storage labels (name, version, status) of every record, which pick
// the records that can be printed; only those are fetched (selected by their status labels, in
// protobuf) and decoded. The filtering, sorting and paging afterwards are helm's
// (action.List.Run), step for step, so the output is the same.

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/metadata"

	"helm.sh/helm/v4/pkg/action"
	release "helm.sh/helm/v4/pkg/release/v1"
	releaseutil "helm.sh/helm/v4/pkg/release/v1/util"
)

// storedRecord is one release record as the storage driver keeps it, before decoding.
type storedRecord struct {
	object          string // the Secret's or ConfigMap's name
	resourceVersion string
	namespace       string
	name            string
	version         int
	status          string
	labels          map[string]string
	data            []byte // base64 of (gzipped) JSON
}

// recordClients returns the typed and metadata clients the fast list reads storage records through.
type recordClients func() (kubernetes.Interface, metadata.Interface, error)

// protobufClients returns recordClients for getter's cluster, asking for protobuf.
func protobufClients(getter action.RESTClientGetter) recordClients {
	return func() (kubernetes.Interface, metadata.Interface, error) {
		rc, err := getter.ToRESTConfig()
		if err != nil {
			return nil, nil, err
		}
		rc.AcceptContentTypes = "application/vnd.kubernetes.protobuf,application/json"
		rc.ContentType = "application/vnd.kubernetes.protobuf"
		cs, err := kubernetes.NewForConfig(rc)
		if err != nil {
			return nil, nil, err
		}
		meta, err := metadata.NewForConfig(rc)
		if err != nil {
			return nil, nil, err
		}
		return cs, meta, nil
	}
}

// storageResource returns the resource a Kubernetes storage driver keeps records in ("" for others).
func storageResource(driverName string) string {
	switch driverName {
	case "secret", "secrets", "":
		return "secrets"
	case "configmap", "configmaps":
		return "configmaps"
	}
	return ""
}

// fastList returns handled=false when the driver is not one it knows, or when a record it would
// print cannot be decoded (helm's own path then decides what to do with such a record).
func fastList(cfg *action.Configuration, driverName, namespace string, l *action.List,
	clients recordClients) (rels []*release.Release, handled bool, err error) {
	resource := storageResource(driverName)
	if resource == "" {
		return nil, false, nil
	}
	if err := cfg.KubeClient.IsReachable(); err != nil {
		return nil, true, err
	}
	return listStored(clients, resource, namespace, l)
}

// listStored is action.List.Run over the records of resource ("secrets" or "configmaps") in
// namespace (all namespaces when ""), reading only the records it may print; handled=false when
// helm's own list must decide (a record changed between the reads, or one cannot be decoded).
func listStored(clients recordClients, resource, namespace string,
	l *action.List) (rels []*release.Release, handled bool, err error) {
	var filter *regexp.Regexp
	if l.Filter != "" {
		if filter, err = regexp.Compile(l.Filter); err != nil {
			return nil, true, err
		}
	}
	cs, meta, err := clients()
	if err != nil {
		return nil, true, err
	}
	ctx := context.Background()
	needed, matched, err := chooseRecords(ctx, meta, resource, namespace, l, filter)
	if err != nil {
		return nil, true, listError(resource, err)
	}
	if matched == 0 {
		return nil, true, nil
	}
	complete, err := fetchRecordData(ctx, cs, resource, namespace, needed)
	if err != nil {
		return nil, true, listError(resource, err)
	}
	if !complete {
		// The records changed between the two reads (a release operation ran meanwhile):
		// let helm's own list read them all again.
		return nil, false, nil
	}
	return finishList(l, needed, matched)
}

// listError is the error helm's driver for resource returns when its list fails: the secrets
// driver wraps it, the configmaps driver does not.
func listError(resource string, err error) error {
	if resource == "configmaps" {
		return err
	}
	return fmt.Errorf("list: failed to list: %w", err)
}

// chooseRecords returns, from the labels of every record (metadata only), the records action.List
// would print, keyed by namespace/object name, and how many records pass the name filter (helm's
// len(results)).
func chooseRecords(ctx context.Context, meta metadata.Interface, resource, namespace string,
	l *action.List, filter *regexp.Regexp) (map[string]*storedRecord, int, error) {
	supersededOnly := l.StateMask == action.ListSuperseded
	matched := 0                         // records passing the name filter
	latest := map[string]*storedRecord{} // namespace/name -> highest revision
	var superseded []*storedRecord       // every superseded record, when that is all that is asked
	err := listPages(func(opts metav1.ListOptions) (string, error) {
		page, err := meta.Resource(schema.GroupVersionResource{Version: "v1", Resource: resource}).
			Namespace(namespace).List(ctx, opts)
		if err != nil {
			return "", err
		}
		for i := range page.Items {
			it := &page.Items[i]
			r := newStoredRecord(it.Namespace, it.Labels, nil)
			r.object, r.resourceVersion = it.Name, it.ResourceVersion
			if filter != nil && !filter.MatchString(r.name) {
				continue
			}
			matched++
			if supersededOnly {
				if r.status == "superseded" {
					superseded = append(superseded, r)
				}
				continue
			}
			key := path.Join(r.namespace, r.name)
			if cur, ok := latest[key]; ok && cur.version > r.version {
				continue
			}
			latest[key] = r
		}
		return page.Continue, nil
	}, "owner=helm")
	if err != nil {
		return nil, 0, err
	}
	chosen := superseded
	for _, r := range latest {
		chosen = append(chosen, r)
	}
	// The status label is what the driver wrote with the record: what the mask excludes is never
	// fetched (helm decodes it, then filters on the same status).
	needed := map[string]*storedRecord{}
	for _, r := range chosen {
		if l.StateMask&l.StateMask.FromName(r.status) != 0 {
			needed[r.namespace+"/"+r.object] = r
		}
	}
	return needed, matched, nil
}

// fetchRecordData fills in the data of the needed records, listing (one list per page) only the
// statuses they have; complete is false when a record is missing or changed since its labels were read.
func fetchRecordData(ctx context.Context, cs kubernetes.Interface, resource, namespace string,
	needed map[string]*storedRecord) (complete bool, err error) {
	if len(needed) == 0 {
		return true, nil
	}
	statuses := map[string]bool{}
	for _, r := range needed {
		statuses[r.status] = true
	}
	var names []string
	for st := range statuses {
		names = append(names, st)
	}
	sort.Strings(names)
	sel := "owner=helm,status in (" + strings.Join(names, ",") + ")"
	got := 0
	consistent := true
	take := func(ns, name, rv string, data []byte) {
		if r, ok := needed[ns+"/"+name]; ok {
			if r.resourceVersion != rv {
				consistent = false
			}
			r.data = bytes.Clone(data)
			got++
		}
	}
	err = listPages(func(opts metav1.ListOptions) (string, error) {
		if resource == "configmaps" {
			page, err := cs.CoreV1().ConfigMaps(namespace).List(ctx, opts)
			if err != nil {
				return "", err
			}
			for i := range page.Items {
				it := &page.Items[i]
				take(it.Namespace, it.Name, it.ResourceVersion, []byte(it.Data["release"]))
			}
			return page.Continue, nil
		}
		page, err := cs.CoreV1().Secrets(namespace).List(ctx, opts)
		if err != nil {
			return "", err
		}
		for i := range page.Items {
			it := &page.Items[i]
			take(it.Namespace, it.Name, it.ResourceVersion, it.Data["release"])
		}
		return page.Continue, nil
	}, sel)
	if err != nil {
		return false, err
	}
	return consistent && got == len(needed), nil
}

// finishList decodes the needed records and applies action.List's status mask, label selector,
// sort, offset and limit; handled=false when a record cannot be decoded, or when its content
// does not name the release, namespace and revision its labels and place do (helm groups and
// filters by the content: a copy restored into another namespace, say, is left to helm's list).
func finishList(l *action.List, needed map[string]*storedRecord,
	matched int) (rels []*release.Release, handled bool, err error) {
	var out []*release.Release
	for _, r := range needed {
		rel, err := decodeStored(r.data)
		if err != nil || rel.Name != r.name || rel.Namespace != r.namespace || rel.Version != r.version {
			return nil, false, nil
		}
		rel.Labels = r.labels
		if l.StateMask&l.StateMask.FromName(rel.Info.Status.String()) == 0 {
			continue
		}
		out = append(out, rel)
	}

	selector, err := labels.Parse(l.Selector)
	if err != nil {
		return nil, true, err
	}
	kept := out[:0]
	for _, r := range out {
		if selector.Matches(labels.Set(r.Labels)) {
			kept = append(kept, r)
		}
	}
	out = kept
	sortReleases(l, out)

	if l.Offset >= len(out) {
		return []*release.Release{}, true, nil
	}
	limit := matched
	if l.Limit > 0 && l.Limit < limit {
		limit = l.Limit
	}
	last := min(l.Offset+limit, len(out))
	return out[l.Offset:last], true, nil
}

// listPages runs a paginated list with the label selector until the server has no more pages.
func listPages(page func(metav1.ListOptions) (string, error), selector string) error {
	opts := metav1.ListOptions{LabelSelector: selector, Limit: 500}
	for {
		next, err := page(opts)
		if err != nil {
			return err
		}
		if next == "" {
			return nil
		}
		opts.Continue = next
	}
}

func newStoredRecord(namespace string, lbs map[string]string, data []byte) *storedRecord {
	v, _ := strconv.Atoi(lbs["version"])
	return &storedRecord{namespace: namespace, name: lbs["name"], version: v, status: lbs["status"],
		labels: lbs, data: data}
}

var gzipMagic = []byte{0x1f, 0x8b, 0x08}

// decodeStored undoes the storage drivers' encoding (as helm's driver.decodeRelease does).
func decodeStored(data []byte) (*release.Release, error) {
	b := make([]byte, base64.StdEncoding.DecodedLen(len(data)))
	n, err := base64.StdEncoding.Decode(b, data)
	if err != nil {
		return nil, err
	}
	b = b[:n]
	if len(b) > 3 && bytes.Equal(b[0:3], gzipMagic) {
		r, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		defer r.Close()
		if b, err = io.ReadAll(r); err != nil {
			return nil, err
		}
	}
	var rls release.Release
	if err := json.Unmarshal(b, &rls); err != nil {
		return nil, err
	}
	return &rls, nil
}

// sortReleases is action.List's sort.
func sortReleases(l *action.List, rels []*release.Release) {
	sorter := l.Sort
	if l.SortReverse {
		sorter = action.ByNameDesc
	}
	if l.ByDate {
		sorter = action.ByDateDesc
		if l.SortReverse {
			sorter = action.ByDateAsc
		}
	}
	switch sorter {
	case action.ByDateDesc:
		releaseutil.SortByDate(rels)
	case action.ByDateAsc:
		releaseutil.Reverse(rels, releaseutil.SortByDate)
	case action.ByNameDesc:
		releaseutil.Reverse(rels, releaseutil.SortByName)
	default:
		releaseutil.SortByName(rels)
	}
}

// latestRevision reads, from the storage labels alone, the highest revision of a release (secret
// and configmap drivers). status and get then fetch and decode that one record, where helm's
// Releases.Last decodes every revision to find it. 0 when unknown: the caller then asks for the
// latest revision as helm does, with helm's errors.
func latestRevision(getter action.RESTClientGetter, namespace, driverName, name string) int {
	resource := storageResource(driverName)
	if resource == "" {
		return 0
	}
	if len(name) == 0 || len(name) > 53 || strings.ContainsAny(name, ",=!() ") {
		return 0
	}
	rc, err := getter.ToRESTConfig()
	if err != nil {
		return 0
	}
	meta, err := metadata.NewForConfig(rc)
	if err != nil {
		return 0
	}
	list, err := meta.Resource(schema.GroupVersionResource{Version: "v1", Resource: resource}).
		Namespace(namespace).List(context.Background(), metav1.ListOptions{LabelSelector: "owner=helm,name=" + name})
	if err != nil {
		return 0
	}
	best := 0
	for _, it := range list.Items {
		if v, err := strconv.Atoi(it.Labels["version"]); err == nil && v > best {
			best = v
		}
	}
	return best
}
