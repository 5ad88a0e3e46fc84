// Command benchseed writes bench-0000..bench-NNNN, each with revisions 1..R (1..R-1 superseded, R
// deployed), as helm's own release records: into a namespace's Secrets or ConfigMaps through helm's
// pkg/storage and pkg/storage/driver (so labels, encoding and keys are exactly what helm writes), or
// into a HELM_MEMORY_DRIVER_DATA file (the YAML list of releases helm's root command loads).
//
//	benchseed --releases 1000 --revisions 5 --namespace NS --driver secret|configmap   (uses KUBECONFIG)
//	benchseed --memory-file FILE --releases 1000 --revisions 5 --namespace NS
//
// The content is deterministic (fixed timestamps), so two seedings print the same list/history.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
	"sigs.k8s.io/yaml"

	"helm.sh/helm/v4/pkg/chart/common"
	chart "helm.sh/helm/v4/pkg/chart/v2"
	rcommon "helm.sh/helm/v4/pkg/release/common"
	release "helm.sh/helm/v4/pkg/release/v1"
	"helm.sh/helm/v4/pkg/storage"
	"helm.sh/helm/v4/pkg/storage/driver"
)

// All timestamps derive from base: release i is first deployed at base + i*97s (plus a sub-second
// part, as real records carry nanoseconds) and revision r is deployed (r-1) days later.
var base = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)

const chartName = "benchapp"

var templates = map[string]string{
	"templates/_helpers.tpl": `{{- define "benchapp.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- define "benchapp.labels" -}}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}
`,
	"templates/serviceaccount.yaml": `apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "benchapp.fullname" . }}
  labels:
    {{- include "benchapp.labels" . | nindent 4 }}
`,
	"templates/service.yaml": `apiVersion: v1
kind: Service
metadata:
  name: {{ include "benchapp.fullname" . }}
  labels:
    {{- include "benchapp.labels" . | nindent 4 }}
spec:
  type: {{ .Values.service.type }}
  ports:
    - port: {{ .Values.service.port }}
      targetPort: http
      protocol: TCP
      name: http
  selector:
    app.kubernetes.io/name: {{ .Chart.Name }}
    app.kubernetes.io/instance: {{ .Release.Name }}
`,
	"templates/configmap.yaml": `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "benchapp.fullname" . }}
  labels:
    {{- include "benchapp.labels" . | nindent 4 }}
data:
  {{- range $k, $v := .Values.settings }}
  {{ $k }}: {{ $v | quote }}
  {{- end }}
`,
	"templates/deployment.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "benchapp.fullname" . }}
  labels:
    {{- include "benchapp.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
  selector:
    matchLabels:
      app.kubernetes.io/name: {{ .Chart.Name }}
      app.kubernetes.io/instance: {{ .Release.Name }}
  template:
    metadata:
      labels:
        {{- include "benchapp.labels" . | nindent 8 }}
    spec:
      serviceAccountName: {{ include "benchapp.fullname" . }}
      containers:
        - name: {{ .Chart.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          ports:
            - name: http
              containerPort: 8080
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
`,
	"templates/NOTES.txt": `1. Get the application URL by running these commands:
  kubectl --namespace {{ .Release.Namespace }} port-forward svc/{{ include "benchapp.fullname" . }} 8080:{{ .Values.service.port }}
`,
	"templates/tests/test-connection.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: "{{ include "benchapp.fullname" . }}-test-connection"
  annotations:
    "helm.sh/hook": test
spec:
  containers:
    - name: wget
      image: busybox
      command: ['wget']
      args: ['{{ include "benchapp.fullname" . }}:{{ .Values.service.port }}']
  restartPolicy: Never
`,
}

var templateOrder = []string{"templates/NOTES.txt", "templates/_helpers.tpl", "templates/configmap.yaml",
	"templates/deployment.yaml", "templates/service.yaml", "templates/serviceaccount.yaml",
	"templates/tests/test-connection.yaml"}

const valuesYAML = `replicaCount: 1
image:
  repository: registry.example.com/bench/benchapp
  tag: "2.4.0"
service:
  type: ClusterIP
  port: 80
resources:
  limits:
    cpu: 500m
    memory: 256Mi
  requests:
    cpu: 100m
    memory: 128Mi
settings:
  LOG_LEVEL: info
  FEATURE_FLAGS: "search,export,audit"
`

// newChart builds the chart as helm's loader would hold it for chart version 1.<rev-1>.0.
func newChart(rev int) *chart.Chart {
	mod := base.Add(-30 * 24 * time.Hour)
	var values map[string]any
	if err := yaml.Unmarshal([]byte(valuesYAML), &values); err != nil {
		panic(err)
	}
	c := &chart.Chart{
		Metadata: &chart.Metadata{
			APIVersion:  chart.APIVersionV2,
			Name:        chartName,
			Version:     fmt.Sprintf("1.%d.0", rev-1),
			AppVersion:  "2.4.0",
			Description: "A Helm chart used to benchmark list, history and status",
			Type:        "application",
			Home:        "https://example.com/benchapp",
			Keywords:    []string{"bench", "web"},
			Maintainers: []*chart.Maintainer{{Name: "Bench Team", Email: "bench@example.com"}},
		},
		Values:  values,
		ModTime: mod,
		Files: []*common.File{
			{Name: ".helmignore", Data: []byte(".git/\n*.swp\n*.bak\n"), ModTime: mod},
			{Name: "README.md", Data: []byte("# benchapp\n\nA chart for benchmarks.\n"), ModTime: mod},
		},
	}
	for _, name := range templateOrder {
		c.Templates = append(c.Templates, &common.File{Name: name, Data: []byte(templates[name]), ModTime: mod})
	}
	return c
}

// manifest is the rendered output helm would store (about 3 KiB), with its "# Source:" separators.
func manifest(name, ns string, rev int) string {
	full := name + "-" + chartName
	labels := fmt.Sprintf(`    helm.sh/chart: %[1]s-1.%[2]d.0
    app.kubernetes.io/name: %[1]s
    app.kubernetes.io/instance: %[3]s
    app.kubernetes.io/version: "2.4.0"
    app.kubernetes.io/managed-by: Helm`, chartName, rev-1, name)
	var b strings.Builder
	fmt.Fprintf(&b, "---\n# Source: %s/templates/serviceaccount.yaml\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: %s\n  labels:\n%s\n", chartName, full, labels)
	fmt.Fprintf(&b, "---\n# Source: %s/templates/configmap.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\n  labels:\n%s\ndata:\n  FEATURE_FLAGS: \"search,export,audit\"\n  LOG_LEVEL: \"info\"\n", chartName, full, labels)
	for k := 0; k < 12; k++ {
		fmt.Fprintf(&b, "  SETTING_%02d: \"value-%02d-for-%s-revision-%d\"\n", k, k, name, rev)
	}
	fmt.Fprintf(&b, "---\n# Source: %s/templates/service.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: %s\n  labels:\n%s\nspec:\n  type: ClusterIP\n  ports:\n    - port: 80\n      targetPort: http\n      protocol: TCP\n      name: http\n  selector:\n    app.kubernetes.io/name: %s\n    app.kubernetes.io/instance: %s\n", chartName, full, labels, chartName, name)
	fmt.Fprintf(&b, "---\n# Source: %s/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: %s\n  labels:\n%s\nspec:\n  replicas: %d\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: %s\n      app.kubernetes.io/instance: %s\n  template:\n    metadata:\n      labels:\n%s\n    spec:\n      serviceAccountName: %s\n      containers:\n        - name: %s\n          image: \"registry.example.com/bench/benchapp:2.4.%d\"\n          ports:\n            - name: http\n              containerPort: 8080\n          resources:\n            limits:\n              cpu: 500m\n              memory: 256Mi\n            requests:\n              cpu: 100m\n              memory: 128Mi\n",
		chartName, full, labels, rev, chartName, name, strings.ReplaceAll(labels, "    ", "        "), full, chartName, rev-1)
	_ = ns
	return b.String()
}

// newRelease builds revision rev of release i.
func newRelease(i, rev, revisions int, ns string, ch *chart.Chart) *release.Release {
	name := fmt.Sprintf("bench-%04d", i)
	first := base.Add(time.Duration(i)*97*time.Second + time.Duration(i*7919+1)*time.Microsecond*13)
	last := first.Add(time.Duration(rev-1) * 24 * time.Hour)
	status, desc := rcommon.StatusSuperseded, "Upgrade complete"
	if rev == revisions {
		status = rcommon.StatusDeployed
	}
	if rev == 1 {
		desc = "Install complete"
	}
	full := name + "-" + chartName
	return &release.Release{
		Name:      name,
		Namespace: ns,
		Chart:     ch,
		Config: map[string]any{
			"replicaCount": rev,
			"image":        map[string]any{"tag": fmt.Sprintf("2.4.%d", rev-1)},
		},
		Manifest: manifest(name, ns, rev),
		Info: &release.Info{
			FirstDeployed: first,
			LastDeployed:  last,
			Description:   desc,
			Status:        status,
			Notes: fmt.Sprintf("1. Get the application URL by running these commands:\n  kubectl --namespace %s port-forward svc/%s 8080:80\n",
				ns, full),
		},
		Hooks: []*release.Hook{{
			Name:     full + "-test-connection",
			Kind:     "Pod",
			Path:     chartName + "/templates/tests/test-connection.yaml",
			Manifest: fmt.Sprintf("apiVersion: v1\nkind: Pod\nmetadata:\n  name: \"%[1]s-test-connection\"\n  annotations:\n    \"helm.sh/hook\": test\nspec:\n  containers:\n    - name: wget\n      image: busybox\n      command: ['wget']\n      args: ['%[1]s:80']\n  restartPolicy: Never", full),
			Events:   []release.HookEvent{release.HookTest},
			LastRun:  release.HookExecution{},
		}},
		Version:     rev,
		ApplyMethod: string(release.ApplyMethodServerSideApply),
	}
}

func main() {
	releases := flag.Int("releases", 1000, "number of releases (bench-0000 ...)")
	revisions := flag.Int("revisions", 5, "revisions per release")
	ns := flag.String("namespace", "default", "namespace of the releases")
	drv := flag.String("driver", "secret", "storage driver for the cluster: secret or configmap")
	memFile := flag.String("memory-file", "", "write a HELM_MEMORY_DRIVER_DATA file instead of using a cluster")
	workers := flag.Int("workers", 8, "concurrent writers (cluster mode)")
	flag.Parse()
	if *releases < 1 || *releases > 10000 || *revisions < 1 {
		fail("--releases must be 1..10000 and --revisions >= 1")
	}
	charts := make([]*chart.Chart, *revisions+1)
	for r := 1; r <= *revisions; r++ {
		charts[r] = newChart(r)
	}
	t0 := time.Now()
	if *memFile != "" {
		all := make([]*release.Release, 0, *releases**revisions)
		for i := 0; i < *releases; i++ {
			for r := 1; r <= *revisions; r++ {
				all = append(all, newRelease(i, r, *revisions, *ns, charts[r]))
			}
		}
		b, err := yaml.Marshal(all)
		if err != nil {
			fail("marshal: %v", err)
		}
		if err := os.WriteFile(*memFile, b, 0o644); err != nil {
			fail("%v", err)
		}
		fmt.Printf("benchseed: wrote %d records (%.1f MiB) to %s in %.2fs\n", len(all),
			float64(len(b))/(1<<20), *memFile, time.Since(t0).Seconds())
		return
	}
	seedCluster(*releases, *revisions, *ns, *drv, *workers, charts, t0)
}

func seedCluster(releases, revisions int, ns, drv string, workers int, charts []*chart.Chart, t0 time.Time) {
	cfg, err := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(
		clientcmd.NewDefaultClientConfigLoadingRules(), &clientcmd.ConfigOverrides{}).ClientConfig()
	if err != nil {
		fail("kubeconfig: %v", err)
	}
	cfg.QPS, cfg.Burst = 2000, 4000 // client-go's default 5 qps would take 1000 s for 5000 records
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		fail("client: %v", err)
	}
	ctx := context.Background()
	_, err = cs.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}, metav1.CreateOptions{})
	if err != nil && !apierrors.IsAlreadyExists(err) {
		fail("create namespace %s: %v", ns, err)
	}
	var d driver.Driver
	switch drv {
	case "secret", "secrets":
		d = driver.NewSecrets(cs.CoreV1().Secrets(ns))
	case "configmap", "configmaps":
		d = driver.NewConfigMaps(cs.CoreV1().ConfigMaps(ns))
	default:
		fail("unknown --driver %q (secret or configmap)", drv)
	}
	store := storage.Init(d)
	jobs := make(chan *release.Release, 64)
	var wg sync.WaitGroup
	var done, existed atomic.Int64
	var firstErr atomic.Value
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for rel := range jobs {
				err := store.Create(rel)
				if err == driver.ErrReleaseExists {
					existed.Add(1)
				} else if err != nil {
					firstErr.CompareAndSwap(nil, fmt.Errorf("%s.v%d: %w", rel.Name, rel.Version, err))
				}
				done.Add(1)
			}
		}()
	}
	for i := 0; i < releases; i++ {
		for r := 1; r <= revisions; r++ {
			jobs <- newRelease(i, r, revisions, ns, charts[r])
		}
	}
	close(jobs)
	wg.Wait()
	if e := firstErr.Load(); e != nil {
		fail("%v", e)
	}
	fmt.Printf("benchseed: wrote %d %s records in namespace %s in %.2fs (%d already existed)\n",
		done.Load()-existed.Load(), drv, ns, time.Since(t0).Seconds(), existed.Load())
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "benchseed: "+format+"\n", args...)
	os.Exit(1)
}
