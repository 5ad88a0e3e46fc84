package main

// What helm's waits do not say: while install/upgrade/rollback/uninstall/test wait for resources,
// observedKube (helm's kube.Client with its waiters wrapped) can report each resource's state as it
// changes (progress events, drawn by C++ on stderr), and when a wait fails it records, for every
// resource that was not ready, why: the pods' waiting/terminated reasons, unschedulable conditions
// and the recent warning events, as `kubectl describe` would show them. helm's own waiting and its
// errors are unchanged; all of this is additive.

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/fluxcd/cli-utils/pkg/kstatus/status"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/kubernetes"

	"helm.sh/helm/v4/pkg/action"
	"helm.sh/helm/v4/pkg/kube"
)

// eventProgress carries one progress snapshot (JSON) to C++.
const eventProgress = 3

// progressInterval is how often resource states are polled while progress is shown.
const progressInterval = time.Second

// resourceState is one resource's state, as progress events and error details carry it.
type resourceState struct {
	Resource string   `json:"resource"` // Kind/name
	State    string   `json:"state"`    // kstatus: InProgress, Current, Failed, Terminating, NotFound, Unknown
	Message  string   `json:"message,omitempty"`
	Causes   []string `json:"causes,omitempty"`
}

// observedKube is helm's Kubernetes client whose waiters report progress and causes.
type observedKube struct {
	*kube.Client
	progress bool // emit progress events while waiting

	mu       sync.Mutex
	notReady []resourceState // what the last failed wait left not ready
}

// observe wraps the Kubernetes client of the call's configuration (observeWaits) and keeps it
// with the call, whose error then carries what the failed wait left not ready.
func (c *call) observe(cfg *action.Configuration, s *Settings) {
	c.observed = observeWaits(cfg, s)
}

// observeWaits wraps the configuration's Kubernetes client (when it is helm's real one) so that
// its waits report progress (when asked) and remember why a failed wait failed.
func observeWaits(cfg *action.Configuration, s *Settings) *observedKube {
	kc, ok := cfg.KubeClient.(*kube.Client)
	if !ok {
		return nil
	}
	o := &observedKube{Client: kc, progress: s.Progress == "plain" || s.Progress == "live"}
	cfg.KubeClient = o
	return o
}

// withNotReady attaches the resources the failed wait left not ready to err (nil-safe).
func (k *observedKube) withNotReady(err error) error {
	if k == nil || err == nil {
		return err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if len(k.notReady) == 0 {
		return err
	}
	return withDetails(err, map[string]any{"resources": k.notReady})
}

func (k *observedKube) GetWaiter(ws kube.WaitStrategy) (kube.Waiter, error) {
	return k.GetWaiterWithOptions(ws)
}

func (k *observedKube) GetWaiterWithOptions(ws kube.WaitStrategy, opts ...kube.WaitOption) (kube.Waiter, error) {
	w, err := k.Client.GetWaiterWithOptions(ws, opts...)
	if err != nil {
		return nil, err
	}
	return &observedWaiter{inner: w, kube: k}, nil
}

type observedWaiter struct {
	inner kube.Waiter
	kube  *observedKube
}

func (w *observedWaiter) Wait(res kube.ResourceList, timeout time.Duration) error {
	return w.observe("wait", res, func() error { return w.inner.Wait(res, timeout) })
}

func (w *observedWaiter) WaitWithJobs(res kube.ResourceList, timeout time.Duration) error {
	return w.observe("wait", res, func() error { return w.inner.WaitWithJobs(res, timeout) })
}

func (w *observedWaiter) WaitForDelete(res kube.ResourceList, timeout time.Duration) error {
	return w.observe("delete", res, func() error { return w.inner.WaitForDelete(res, timeout) })
}

func (w *observedWaiter) WatchUntilReady(res kube.ResourceList, timeout time.Duration) error {
	return w.observe("hook", res, func() error { return w.inner.WatchUntilReady(res, timeout) })
}

// observe runs one wait of helm's: progress snapshots while it runs, the causes when it fails.
func (w *observedWaiter) observe(phase string, res kube.ResourceList, wait func() error) error {
	if len(res) == 0 {
		return wait()
	}
	stop := func() {}
	if w.kube.progress {
		if p := newProber(w.kube); p != nil {
			stop = p.report(phase, res)
		}
	}
	err := wait()
	stop()
	if err != nil {
		if p := newProber(w.kube); p != nil { // the clients are made only when they are needed
			left := p.notReady(phase, res)
			w.kube.mu.Lock()
			w.kube.notReady = left
			w.kube.mu.Unlock()
		}
	}
	return err
}

// prober reads the live state of resources with its own clients (never helm's infos, which the
// wait itself uses).
type prober struct {
	dyn dynamic.Interface
	cs  kubernetes.Interface
}

func newProber(k *observedKube) *prober {
	dyn, err := k.Factory.DynamicClient()
	if err != nil {
		return nil
	}
	cs, err := k.Factory.KubernetesClientSet()
	if err != nil {
		return nil
	}
	return &prober{dyn: dyn, cs: cs}
}

// state is one resource's kstatus (for a deletion: whether it is gone yet).
func (p *prober) state(kind, name string, get func() (*unstructured.Unstructured, error),
	deleting, hook bool) (resourceState, *unstructured.Unstructured) {
	rs := resourceState{Resource: kind + "/" + name}
	u, err := get()
	switch {
	case err != nil && deleting:
		rs.State = string(status.CurrentStatus)
		rs.Message = "deleted"
		return rs, nil
	case err != nil:
		rs.State = string(status.NotFoundStatus)
		rs.Message = err.Error()
		return rs, nil
	case deleting:
		rs.State = string(status.TerminatingStatus)
		rs.Message = "not deleted yet"
		return rs, u
	}
	res, err := status.Compute(u)
	if err != nil {
		rs.State = string(status.UnknownStatus)
		rs.Message = err.Error()
		return rs, u
	}
	rs.State, rs.Message = string(res.Status), res.Message
	if hook {
		hookState(&rs, u)
	}
	return rs, u
}

// hookState: a hook's Pod or Job is ready only once it has completed (helm's WatchUntilReady),
// where kstatus calls a running Pod or an active Job current.
func hookState(rs *resourceState, u *unstructured.Unstructured) {
	switch u.GetKind() {
	case "Pod":
		phase, _, _ := unstructured.NestedString(u.Object, "status", "phase")
		switch phase {
		case "Succeeded":
			rs.State, rs.Message = string(status.CurrentStatus), "hook completed"
		case "Failed":
			rs.State, rs.Message = string(status.FailedStatus), "hook failed"
		default:
			rs.State, rs.Message = string(status.InProgressStatus), "hook not completed (pod "+strings.ToLower(phase)+")"
		}
	case "Job":
		succeeded, _, _ := unstructured.NestedInt64(u.Object, "status", "succeeded")
		if succeeded > 0 {
			rs.State, rs.Message = string(status.CurrentStatus), "hook completed"
		} else if rs.State != string(status.FailedStatus) {
			rs.State, rs.Message = string(status.InProgressStatus), "hook not completed"
		}
	}
}

// snapshot reads every resource's state once.
func (p *prober) snapshot(ctx context.Context, phase string, res kube.ResourceList) ([]resourceState,
	[]*unstructured.Unstructured) {
	states := make([]resourceState, 0, len(res))
	objs := make([]*unstructured.Unstructured, 0, len(res))
	for _, info := range res {
		if info.Mapping == nil {
			continue
		}
		ri := p.dyn.Resource(info.Mapping.Resource)
		get := func() (*unstructured.Unstructured, error) {
			if info.Namespaced() {
				return ri.Namespace(info.Namespace).Get(ctx, info.Name, metav1.GetOptions{})
			}
			return ri.Get(ctx, info.Name, metav1.GetOptions{})
		}
		s, u := p.state(info.Mapping.GroupVersionKind.Kind, info.Name, get, phase == "delete", phase == "hook")
		states = append(states, s)
		objs = append(objs, u)
	}
	return states, objs
}

// progressSnapshot is one progress event.
type progressSnapshot struct {
	Phase     string          `json:"phase"` // wait, hook, delete
	Elapsed   float64         `json:"elapsed"`
	Resources []resourceState `json:"resources"`
}

// report polls the resources until the returned stop is called, emitting a snapshot at once and
// then every progressInterval (C++ prints what changed, or redraws its table).
func (p *prober) report(phase string, res kube.ResourceList) func() {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	start := time.Now()
	go func() {
		defer close(done)
		tick := time.NewTicker(progressInterval)
		defer tick.Stop()
		for {
			states, _ := p.snapshot(ctx, phase, res)
			if ctx.Err() != nil {
				return
			}
			b, _ := json.Marshal(progressSnapshot{Phase: phase, Elapsed: time.Since(start).Seconds(), Resources: states})
			emit(eventProgress, b)
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()
	return func() {
		cancel()
		<-done
	}
}

// notReady lists the resources that are not ready (or not deleted), each with its causes.
func (p *prober) notReady(phase string, res kube.ResourceList) []resourceState {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	states, objs := p.snapshot(ctx, phase, res)
	var out []resourceState
	for i, s := range states {
		if s.State == string(status.CurrentStatus) {
			continue
		}
		if objs[i] != nil && phase != "delete" {
			s.Causes = p.causes(ctx, objs[i])
		}
		out = append(out, s)
	}
	return out
}

// maxCauseLines bounds what one resource contributes: a few lines, not a dump.
const maxCauseLines = 6

// causes explains why a resource is not ready: its pods' states and the warning events of the
// resource and its pods.
func (p *prober) causes(ctx context.Context, u *unstructured.Unstructured) []string {
	var lines []string
	ns := u.GetNamespace()
	if u.GetKind() == "Pod" {
		var pod corev1.Pod
		if err := fromUnstructured(u, &pod); err == nil {
			lines = append(lines, podCauses(&pod)...)
		}
	} else if sel := podSelector(u); sel != "" {
		pods, err := p.cs.CoreV1().Pods(ns).List(ctx, metav1.ListOptions{LabelSelector: sel})
		if err == nil {
			for i := range pods.Items {
				if i == 3 {
					break
				}
				pod := &pods.Items[i]
				lines = append(lines, podCauses(pod)...)
				lines = append(lines, p.warnings(ctx, ns, "Pod", pod.Name)...)
			}
		}
	}
	lines = append(lines, p.warnings(ctx, ns, u.GetKind(), u.GetName())...)
	lines = dedupe(lines)
	if len(lines) > maxCauseLines {
		lines = lines[:maxCauseLines]
	}
	return lines
}

// podSelector is the label selector of the pods a workload runs (Deployment, StatefulSet,
// DaemonSet, ReplicaSet, Job), "" for anything else.
func podSelector(u *unstructured.Unstructured) string {
	m, found, err := unstructured.NestedStringMap(u.Object, "spec", "selector", "matchLabels")
	if err != nil || !found || len(m) == 0 {
		return ""
	}
	return labels.SelectorFromSet(m).String()
}

// podCauses: why a pod is not running or not ready.
func podCauses(pod *corev1.Pod) []string {
	var lines []string
	for _, c := range pod.Status.Conditions {
		if c.Type == corev1.PodScheduled && c.Status == corev1.ConditionFalse {
			lines = append(lines, fmt.Sprintf("Pod %s: %s: %s", pod.Name, c.Reason, c.Message))
		}
	}
	all := append(append([]corev1.ContainerStatus{}, pod.Status.InitContainerStatuses...), pod.Status.ContainerStatuses...)
	for _, cs := range all {
		if w := cs.State.Waiting; w != nil && w.Reason != "" {
			lines = append(lines, strings.TrimSuffix(fmt.Sprintf("Pod %s: container %s waiting: %s: %s", pod.Name,
				cs.Name, w.Reason, w.Message), ": "))
		}
		if t := cs.State.Terminated; t != nil && t.ExitCode != 0 {
			lines = append(lines, strings.TrimSuffix(fmt.Sprintf("Pod %s: container %s terminated: %s (exit code %d): %s",
				pod.Name, cs.Name, t.Reason, t.ExitCode, t.Message), ": "))
		}
	}
	if len(lines) == 0 && pod.Status.Phase != corev1.PodRunning && pod.Status.Phase != corev1.PodSucceeded {
		lines = append(lines, fmt.Sprintf("Pod %s: %s", pod.Name, pod.Status.Phase))
	}
	return lines
}

// warnings: the latest warning events of one object, newest last, as "Kind name: Reason: message".
func (p *prober) warnings(ctx context.Context, ns, kind, name string) []string {
	sel := "involvedObject.name=" + name + ",involvedObject.kind=" + kind + ",type=Warning"
	evs, err := p.cs.CoreV1().Events(ns).List(ctx, metav1.ListOptions{FieldSelector: sel})
	if err != nil || len(evs.Items) == 0 {
		return nil
	}
	items := evs.Items
	sort.SliceStable(items, func(i, j int) bool { return eventTime(&items[i]).Before(eventTime(&items[j])) })
	if len(items) > 3 {
		items = items[len(items)-3:]
	}
	var lines []string
	for _, e := range items {
		lines = append(lines, fmt.Sprintf("%s %s: %s: %s", kind, name, e.Reason, strings.TrimSpace(e.Message)))
	}
	return lines
}

func eventTime(e *corev1.Event) time.Time {
	switch {
	case !e.LastTimestamp.IsZero():
		return e.LastTimestamp.Time
	case !e.EventTime.IsZero():
		return e.EventTime.Time
	}
	return e.CreationTimestamp.Time
}

func fromUnstructured(u *unstructured.Unstructured, into any) error {
	return runtime.DefaultUnstructuredConverter.FromUnstructured(u.Object, into)
}

// dedupe keeps the first line of each message: lines are "Subject: Reason: message", and an
// event often repeats what a pod's condition already says.
func dedupe(lines []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range lines {
		key := l
		if parts := strings.SplitN(l, ": ", 3); len(parts) == 3 {
			key = parts[2]
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, l)
		}
	}
	return out
}
