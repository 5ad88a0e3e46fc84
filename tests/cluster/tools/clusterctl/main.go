// clusterctl is the conformance runner's window into the test cluster: it creates namespaces,
// reads the latest status of a release from its storage labels, and dumps release records and
// the objects of a namespace in a canonical form (timestamps and server-assigned fields removed), so
// two namespaces — one managed by helm, one by cpphelm — can be compared field by field.
//
//	clusterctl ns-create NS...
//	clusterctl ns-delete NS...
//	clusterctl wait-status NS RELEASE STATUS SECONDS   (exit 1 on timeout)
//	clusterctl dump NS
//	clusterctl server                      (the API server URL of the kubeconfig)
//	clusterctl sa-token NS NAME [CLUSTERROLE]  (a ServiceAccount NS/NAME, bound in NS to CLUSTERROLE
//	                                        when given; prints a bearer token for it)
//
// KUBECONFIG selects the cluster.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	authenticationv1 "k8s.io/api/authentication/v1"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
)

func fail(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "clusterctl: "+format+"\n", a...)
	os.Exit(2)
}

func restConfig() *rest.Config {
	rules := clientcmd.NewDefaultClientConfigLoadingRules()
	cfg, err := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(rules, &clientcmd.ConfigOverrides{}).ClientConfig()
	if err != nil {
		fail("%v", err)
	}
	return cfg
}

// serviceAccountToken makes the ServiceAccount (and, with role, a RoleBinding of that ClusterRole
// in ns) and returns a one-hour token from the TokenRequest API: a real bearer token, checked by the
// API server's service-account authenticator.
func serviceAccountToken(ctx context.Context, cs *kubernetes.Clientset, ns, name, role string) string {
	sa := &corev1.ServiceAccount{ObjectMeta: metav1.ObjectMeta{Name: name}}
	if _, err := cs.CoreV1().ServiceAccounts(ns).Create(ctx, sa, metav1.CreateOptions{}); err != nil && !apierrors.IsAlreadyExists(err) {
		fail("%v", err)
	}
	if role != "" {
		rb := &rbacv1.RoleBinding{
			ObjectMeta: metav1.ObjectMeta{Name: name + "-" + role},
			RoleRef:    rbacv1.RoleRef{APIGroup: "rbac.authorization.k8s.io", Kind: "ClusterRole", Name: role},
			Subjects:   []rbacv1.Subject{{Kind: "ServiceAccount", Name: name, Namespace: ns}},
		}
		if _, err := cs.RbacV1().RoleBindings(ns).Create(ctx, rb, metav1.CreateOptions{}); err != nil && !apierrors.IsAlreadyExists(err) {
			fail("%v", err)
		}
	}
	secs := int64(3600)
	tr, err := cs.CoreV1().ServiceAccounts(ns).CreateToken(ctx, name,
		&authenticationv1.TokenRequest{Spec: authenticationv1.TokenRequestSpec{ExpirationSeconds: &secs}}, metav1.CreateOptions{})
	if err != nil {
		fail("%v", err)
	}
	return tr.Status.Token
}

func clients() (*kubernetes.Clientset, dynamic.Interface) {
	cfg := restConfig()
	cfg.QPS, cfg.Burst = 200, 400
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		fail("%v", err)
	}
	dyn, err := dynamic.NewForConfig(cfg)
	if err != nil {
		fail("%v", err)
	}
	return cs, dyn
}

func main() {
	if len(os.Args) < 2 {
		fail("usage: clusterctl ns-create|ns-delete|wait-status|dump|cm-set|server|sa-token ...")
	}
	ctx := context.Background()
	cs, dyn := clients()
	args := os.Args[2:]
	switch os.Args[1] {
	case "ns-create":
		for _, ns := range args {
			_, err := cs.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}, metav1.CreateOptions{})
			if err != nil && !apierrors.IsAlreadyExists(err) {
				fail("%v", err)
			}
		}
	case "ns-delete":
		for _, ns := range args {
			err := cs.CoreV1().Namespaces().Delete(ctx, ns, metav1.DeleteOptions{})
			if err != nil && !apierrors.IsNotFound(err) {
				fail("%v", err)
			}
		}
	case "wait-status":
		if len(args) != 4 {
			fail("usage: clusterctl wait-status NS RELEASE STATUS SECONDS")
		}
		secs, _ := strconv.Atoi(args[3])
		deadline := time.Now().Add(time.Duration(secs) * time.Second)
		for {
			if s := latestStatus(ctx, cs, args[0], args[1]); s == args[2] {
				return
			}
			if time.Now().After(deadline) {
				fmt.Fprintf(os.Stderr, "clusterctl: release %s/%s never reached %s (last: %q)\n", args[0], args[1], args[2],
					latestStatus(ctx, cs, args[0], args[1]))
				os.Exit(1)
			}
			time.Sleep(100 * time.Millisecond)
		}
	case "dump":
		if len(args) != 1 {
			fail("usage: clusterctl dump NS")
		}
		dump(ctx, cs, dyn, args[0], os.Stdout)
	case "cm-set":
		if len(args) != 4 {
			fail("usage: clusterctl cm-set NS NAME KEY VALUE")
		}
		patch := fmt.Sprintf(`{"data":{%q:%q}}`, args[2], args[3])
		if _, err := cs.CoreV1().ConfigMaps(args[0]).Patch(ctx, args[1], types.MergePatchType, []byte(patch),
			metav1.PatchOptions{FieldManager: "clusterctl"}); err != nil {
			fail("%v", err)
		}
	case "server":
		fmt.Println(restConfig().Host)
	case "sa-token":
		if len(args) < 2 || len(args) > 3 {
			fail("usage: clusterctl sa-token NS NAME [CLUSTERROLE]")
		}
		fmt.Println(serviceAccountToken(ctx, cs, args[0], args[1], append(args[2:], "")[0]))
	default:
		fail("unknown command %q", os.Args[1])
	}
}

// latestStatus reads the status label of a release's highest revision (secret or configmap driver).
func latestStatus(ctx context.Context, cs *kubernetes.Clientset, ns, name string) string {
	sel := metav1.ListOptions{LabelSelector: "owner=helm,name=" + name}
	best, status := -1, ""
	consider := func(l map[string]string) {
		if v, err := strconv.Atoi(l["version"]); err == nil && v > best {
			best, status = v, l["status"]
		}
	}
	if s, err := cs.CoreV1().Secrets(ns).List(ctx, sel); err == nil {
		for _, o := range s.Items {
			consider(o.Labels)
		}
	}
	if c, err := cs.CoreV1().ConfigMaps(ns).List(ctx, sel); err == nil {
		for _, o := range c.Items {
			consider(o.Labels)
		}
	}
	return status
}

// decodeRelease undoes helm's storage encoding: base64, then gzip when the magic header is there.
func decodeRelease(data string) (map[string]any, error) {
	b, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		return nil, err
	}
	if len(b) > 3 && bytes.Equal(b[0:3], []byte{0x1f, 0x8b, 0x08}) {
		r, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		if b, err = io.ReadAll(r); err != nil {
			return nil, err
		}
	}
	var m map[string]any
	return m, json.Unmarshal(b, &m)
}

var timeKeys = map[string]bool{"first_deployed": true, "last_deployed": true, "deleted": true,
	"started_at": true, "completed_at": true, "creationTimestamp": true, "time": true,
	"lastTransitionTime": true, "lastUpdateTime": true, "modtime": true, "startTime": true, "completionTime": true}

// scrub replaces timestamps with "T" and drops server-assigned identity (uid, resourceVersion, ...).
func scrub(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			switch {
			case timeKeys[k]:
				if val != nil && val != "" {
					x[k] = "T"
				}
			case k == "uid" || k == "resourceVersion" || k == "generation" || k == "clusterIP" || k == "clusterIPs" ||
				k == "managedFields" || k == "observedGeneration":
				delete(x, k)
			default:
				x[k] = scrub(val)
			}
		}
		return x
	case []any:
		for i := range x {
			x[i] = scrub(x[i])
		}
	}
	return v
}

var modifiedAt = regexp.MustCompile(`^\d+$`)

func recordLabels(l map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range l {
		if (k == "modifiedAt" || k == "createdAt") && modifiedAt.MatchString(v) {
			v = "T"
		}
		out[k] = v
	}
	return out
}

// kinds whose objects are compared (namespaced; pods and replicasets carry random names and are left out).
var kinds = []schema.GroupVersionResource{
	{Version: "v1", Resource: "configmaps"},
	{Version: "v1", Resource: "secrets"},
	{Version: "v1", Resource: "services"},
	{Version: "v1", Resource: "serviceaccounts"},
	{Group: "apps", Version: "v1", Resource: "deployments"},
	{Group: "batch", Version: "v1", Resource: "jobs"},
}

func dump(ctx context.Context, cs *kubernetes.Clientset, dyn dynamic.Interface, ns string, out io.Writer) {
	type rec struct {
		Key     string            `json:"key"`
		Kind    string            `json:"kind"`
		Labels  map[string]string `json:"labels"`
		Release any               `json:"release"`
	}
	var recs []rec
	sel := metav1.ListOptions{LabelSelector: "owner=helm"}
	secrets, err := cs.CoreV1().Secrets(ns).List(ctx, sel)
	if err != nil {
		fail("%v", err)
	}
	for _, s := range secrets.Items {
		r, err := decodeRelease(string(s.Data["release"]))
		if err != nil {
			fail("secret %s: %v", s.Name, err)
		}
		recs = append(recs, rec{s.Name, "Secret/" + string(s.Type), recordLabels(s.Labels), scrub(r)})
	}
	cms, err := cs.CoreV1().ConfigMaps(ns).List(ctx, sel)
	if err != nil {
		fail("%v", err)
	}
	for _, c := range cms.Items {
		r, err := decodeRelease(c.Data["release"])
		if err != nil {
			fail("configmap %s: %v", c.Name, err)
		}
		recs = append(recs, rec{c.Name, "ConfigMap", recordLabels(c.Labels), scrub(r)})
	}
	sort.Slice(recs, func(i, j int) bool { return recs[i].Key < recs[j].Key })

	type obj struct {
		Kind     string   `json:"kind"`
		Name     string   `json:"name"`
		Managers []string `json:"managers"`
		Object   any      `json:"object"`
	}
	var objs []obj
	for _, gvr := range kinds {
		list, err := dyn.Resource(gvr).Namespace(ns).List(ctx, metav1.ListOptions{})
		if err != nil {
			fail("%s: %v", gvr.Resource, err)
		}
		for _, u := range list.Items {
			if skipObject(gvr.Resource, &u) {
				continue
			}
			var managers []string
			for _, m := range u.GetManagedFields() {
				managers = append(managers, m.Manager+"/"+string(m.Operation))
			}
			sort.Strings(managers)
			o := u.Object
			delete(o, "status")
			objs = append(objs, obj{u.GetKind(), u.GetName(), managers, scrub(o)})
		}
	}
	sort.Slice(objs, func(i, j int) bool {
		if objs[i].Kind != objs[j].Kind {
			return objs[i].Kind < objs[j].Kind
		}
		return objs[i].Name < objs[j].Name
	})
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	if err := enc.Encode(map[string]any{"releases": recs, "objects": objs}); err != nil {
		fail("%v", err)
	}
}

// skipObject leaves out what the cluster itself creates and helm's own release records.
func skipObject(resource string, u *unstructured.Unstructured) bool {
	name := u.GetName()
	switch resource {
	case "configmaps":
		return name == "kube-root-ca.crt" || u.GetLabels()["owner"] == "helm"
	case "secrets":
		t, _, _ := unstructured.NestedString(u.Object, "type")
		return t == "helm.sh/release.v1" || strings.HasPrefix(t, "kubernetes.io/service-account")
	case "serviceaccounts":
		return name == "default"
	}
	return false
}
