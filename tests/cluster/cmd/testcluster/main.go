// Command testcluster runs a small but real Kubernetes control plane on loopback
// for cpphelm's cluster tests:
//
//	embedded etcd + kube-apiserver + kube-controller-manager + kube-scheduler + kwok
//
// Usage:
//
//	testcluster up --dir DIR [--bin BINDIR]
//
// It stays in the foreground, writes DIR/kubeconfig and then DIR/ready once the
// cluster is usable, and tears everything down on SIGTERM/SIGINT (or when a
// component dies). All children stay in the launcher's process group (ctl.sh
// starts it with setsid), so `kill -KILL -- -PGID` reaps everything even if the
// launcher itself was killed with -9.
package main

import (
	"context"
	"crypto/tls"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"go.etcd.io/etcd/server/v3/embed"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
)

// expectedVersion is stamped by build.sh (-X main.expectedVersion=v1.36.3); the
// launcher refuses to report ready if the apiserver's /version differs, which
// catches binaries built without the version ldflags.
var expectedVersion = ""

const nodeName = "kwok-node-0"

// customStages are appended to the upstream kwok stage files copied by build.sh.
// pod-complete-run-to-completion: Running pods with restartPolicy Never/OnFailure
// (helm test pods, Job pods, hook pods) become Succeeded, unless they carry the
// chaos label, in which case the upstream pod-container-running-failed stage
// makes them Failed. The selectors are mutually exclusive.
const customStages = `apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: pod-complete-run-to-completion
spec:
  resourceRef:
    apiGroup: v1
    kind: Pod
  selector:
    matchExpressions:
    - key: '.metadata.deletionTimestamp'
      operator: 'DoesNotExist'
    - key: '.status.phase'
      operator: 'In'
      values:
      - 'Running'
    - key: '.spec.restartPolicy'
      operator: 'In'
      values:
      - 'Never'
      - 'OnFailure'
    - key: '.metadata.labels["pod-container-running-failed.stage.kwok.x-k8s.io"]'
      operator: 'NotIn'
      values:
      - 'true'
  next:
    statusTemplate: |
      {{ $now := Now }}
      conditions:
      - lastTransitionTime: {{ $now | Quote }}
        status: "True"
        type: Initialized
      - lastTransitionTime: {{ $now | Quote }}
        reason: PodCompleted
        status: "False"
        type: Ready
      - lastTransitionTime: {{ $now | Quote }}
        reason: PodCompleted
        status: "False"
        type: ContainersReady
      containerStatuses:
      {{ range .spec.containers }}
      - image: {{ .image | Quote }}
        name: {{ .name | Quote }}
        ready: false
        restartCount: 0
        started: false
        state:
          terminated:
            exitCode: 0
            finishedAt: {{ $now | Quote }}
            reason: Completed
            startedAt: {{ $now | Quote }}
      {{ end }}
      phase: Succeeded
`

// upstreamStages are the files build.sh copies from the kwok module into BIN/kwok-stages.
var upstreamStages = []string{
	"node-initialize.yaml",
	"node-heartbeat-with-lease.yaml",
	"pod-ready.yaml",
	"pod-delete.yaml",
	"pod-container-running-failed.yaml",
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "%s testcluster: %s\n", time.Now().Format("15:04:05.000"), fmt.Sprintf(format, args...))
}

func main() {
	if len(os.Args) < 2 || os.Args[1] != "up" {
		fmt.Fprintln(os.Stderr, "usage: testcluster up --dir DIR [--bin BINDIR] [--timeout 180s]")
		os.Exit(2)
	}
	fs := flag.NewFlagSet("up", flag.ExitOnError)
	dir := fs.String("dir", "", "state directory (kubeconfig, ready, logs, pki, etcd)")
	bin := fs.String("bin", "", "directory with kube-apiserver, kube-controller-manager, kube-scheduler, kwok, kwok-stages/ (default: this executable's directory)")
	timeout := fs.Duration("timeout", 180*time.Second, "give up if the cluster is not ready within this time")
	_ = fs.Parse(os.Args[2:])
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "testcluster: --dir is required")
		os.Exit(2)
	}
	if *bin == "" {
		exe, err := os.Executable()
		if err != nil {
			logf("cannot find own executable: %v", err)
			os.Exit(1)
		}
		*bin = filepath.Dir(exe)
	}
	d, _ := filepath.Abs(*dir)
	b, _ := filepath.Abs(*bin)
	os.Exit(run(d, b, *timeout))
}

type cluster struct {
	dir, bin string
	etcd     *embed.Etcd
	mu       sync.Mutex
	procs    []*proc // in start order
	died     chan string
}

type proc struct {
	name string
	cmd  *exec.Cmd
	done chan struct{}
	err  error
}

func run(dir, bin string, timeout time.Duration) int {
	start := time.Now()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		logf("%v", err)
		return 1
	}
	// Own pid (and process group) for ctl.sh; authoritative even if setsid forked.
	pgid, _ := syscall.Getpgid(0)
	_ = os.WriteFile(filepath.Join(dir, "launcher.pid"), []byte(fmt.Sprintf("%d %d\n", os.Getpid(), pgid)), 0o644)
	_ = os.Remove(filepath.Join(dir, "ready"))
	_ = os.Remove(filepath.Join(dir, "kubeconfig"))

	c := &cluster{dir: dir, bin: bin, died: make(chan string, 8)}
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP)

	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	// Abort startup on a signal or a dying component.
	upErr := make(chan error, 1)
	go func() { upErr <- c.up(ctx, start) }()

	rc := 0
	select {
	case err := <-upErr:
		if err != nil {
			logf("startup failed: %v", err)
			rc = 1
		} else {
			logf("ready after %.1fs (kubeconfig: %s)", time.Since(start).Seconds(), filepath.Join(dir, "kubeconfig"))
			select {
			case s := <-sigs:
				logf("received %v, shutting down", s)
			case name := <-c.died:
				logf("component %s exited unexpectedly, shutting down", name)
				rc = 1
			}
		}
	case s := <-sigs:
		logf("received %v during startup, shutting down", s)
		cancel()
		rc = 1
	case name := <-c.died:
		logf("component %s exited during startup", name)
		cancel()
		rc = 1
	}
	_ = os.Remove(filepath.Join(dir, "ready"))
	c.down()
	logf("stopped (rc=%d)", rc)
	return rc
}

func (c *cluster) up(ctx context.Context, start time.Time) error {
	dir, bin := c.dir, c.bin
	logs := filepath.Join(dir, "logs")
	pki := filepath.Join(dir, "pki")
	for _, p := range []string{logs, pki, filepath.Join(dir, "flex"), filepath.Join(dir, "kwok-work")} {
		if err := os.MkdirAll(p, 0o755); err != nil {
			return err
		}
	}
	for _, f := range []string{"kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok"} {
		if _, err := os.Stat(filepath.Join(bin, f)); err != nil {
			return fmt.Errorf("missing binary: %w", err)
		}
	}

	ports, err := freePorts(5)
	if err != nil {
		return err
	}
	etcdClient, etcdPeer, apiPort, kcmPort, schedPort := ports[0], ports[1], ports[2], ports[3], ports[4]
	logf("ports: etcd=%d etcd-peer=%d apiserver=%d kcm=%d scheduler=%d", etcdClient, etcdPeer, apiPort, kcmPort, schedPort)

	// --- PKI and the admin kubeconfig used by every component.
	if err := writePKI(pki); err != nil {
		return fmt.Errorf("pki: %w", err)
	}
	server := fmt.Sprintf("https://127.0.0.1:%d", apiPort)
	adminKC := filepath.Join(pki, "admin.kubeconfig")
	if err := writeKubeconfig(adminKC, server, pki); err != nil {
		return fmt.Errorf("kubeconfig: %w", err)
	}

	// --- etcd (embedded)
	t0 := time.Now()
	cfg := embed.NewConfig()
	cfg.Name = "testcluster"
	cfg.Dir = filepath.Join(dir, "etcd")
	cu := url.URL{Scheme: "http", Host: fmt.Sprintf("127.0.0.1:%d", etcdClient)}
	pu := url.URL{Scheme: "http", Host: fmt.Sprintf("127.0.0.1:%d", etcdPeer)}
	cfg.ListenClientUrls, cfg.AdvertiseClientUrls = []url.URL{cu}, []url.URL{cu}
	cfg.ListenPeerUrls, cfg.AdvertisePeerUrls = []url.URL{pu}, []url.URL{pu}
	cfg.InitialCluster = cfg.InitialClusterFromName(cfg.Name)
	cfg.UnsafeNoFsync = true
	cfg.LogLevel = "warn"
	// embed.NewConfig leaves these at 0 (etcd's CLI sets them from flag defaults),
	// which would log every request as "expensive" at warn level.
	cfg.WarningUnaryRequestDuration = embed.DefaultWarningUnaryRequestDuration
	cfg.WarningApplyDuration = embed.DefaultWarningApplyDuration
	cfg.LogOutputs = []string{filepath.Join(logs, "etcd.log")}
	e, err := embed.StartEtcd(cfg)
	if err != nil {
		return fmt.Errorf("etcd: %w", err)
	}
	c.etcd = e
	select {
	case <-e.Server.ReadyNotify():
	case err := <-e.Err():
		return fmt.Errorf("etcd: %w", err)
	case <-ctx.Done():
		return fmt.Errorf("etcd not ready: %w", ctx.Err())
	}
	logf("etcd ready in %.1fs", time.Since(t0).Seconds())

	// --- kube-apiserver
	t0 = time.Now()
	if err := c.start(ctx, "kube-apiserver",
		"--etcd-servers="+cu.String(),
		"--bind-address=127.0.0.1", "--secure-port="+strconv.Itoa(apiPort),
		"--advertise-address=127.0.0.1", "--endpoint-reconciler-type=none",
		"--cert-dir="+pki,
		"--tls-cert-file="+filepath.Join(pki, "apiserver.crt"),
		"--tls-private-key-file="+filepath.Join(pki, "apiserver.key"),
		"--client-ca-file="+filepath.Join(pki, "ca.crt"),
		"--service-account-issuer=https://kubernetes.default.svc.cluster.local",
		"--service-account-key-file="+filepath.Join(pki, "sa.key"),
		"--service-account-signing-key-file="+filepath.Join(pki, "sa.key"),
		"--service-cluster-ip-range=10.96.0.0/16",
		"--authorization-mode=RBAC",
		"--allow-privileged=true",
		"--profiling=false",
	); err != nil {
		return err
	}
	rc, err := clientcmd.BuildConfigFromFlags("", adminKC)
	if err != nil {
		return err
	}
	rc.QPS, rc.Burst = 50, 100
	cs, err := kubernetes.NewForConfig(rc)
	if err != nil {
		return err
	}
	if err := poll(ctx, 100*time.Millisecond, func() (bool, error) {
		body, err := cs.Discovery().RESTClient().Get().AbsPath("/readyz").DoRaw(ctx)
		return err == nil && strings.TrimSpace(string(body)) == "ok", nil
	}); err != nil {
		return fmt.Errorf("kube-apiserver /readyz: %w", err)
	}
	logf("kube-apiserver ready in %.1fs", time.Since(t0).Seconds())
	v, err := cs.Discovery().ServerVersion()
	if err != nil {
		return fmt.Errorf("/version: %w", err)
	}
	if expectedVersion != "" && v.GitVersion != expectedVersion {
		return fmt.Errorf("/version reports %q, want %q (version ldflags missing?)", v.GitVersion, expectedVersion)
	}
	logf("server version %s", v.GitVersion)

	// --- kube-controller-manager, kube-scheduler, kwok
	if err := c.start(ctx, "kube-controller-manager",
		"--kubeconfig="+adminKC,
		"--authentication-kubeconfig="+adminKC, "--authorization-kubeconfig="+adminKC,
		"--leader-elect=false", "--use-service-account-credentials=false",
		"--bind-address=127.0.0.1", "--secure-port="+strconv.Itoa(kcmPort),
		"--root-ca-file="+filepath.Join(pki, "ca.crt"),
		"--service-account-private-key-file="+filepath.Join(pki, "sa.key"),
		"--cluster-signing-cert-file="+filepath.Join(pki, "ca.crt"),
		"--cluster-signing-key-file="+filepath.Join(pki, "ca.key"),
		"--flex-volume-plugin-dir="+filepath.Join(dir, "flex"),
		"--profiling=false",
	); err != nil {
		return err
	}
	if err := c.start(ctx, "kube-scheduler",
		"--kubeconfig="+adminKC,
		"--authentication-kubeconfig="+adminKC, "--authorization-kubeconfig="+adminKC,
		"--leader-elect=false",
		"--bind-address=127.0.0.1", "--secure-port="+strconv.Itoa(schedPort),
		"--profiling=false",
	); err != nil {
		return err
	}
	kwokCfg := filepath.Join(dir, "kwok.yaml")
	if err := writeStages(kwokCfg, filepath.Join(bin, "kwok-stages")); err != nil {
		return fmt.Errorf("kwok stages: %w", err)
	}
	if err := c.start(ctx, "kwok",
		"--kubeconfig="+adminKC,
		"--config="+kwokCfg,
		"--manage-all-nodes=true",
		"--node-lease-duration-seconds=40",
		"--cidr=10.244.0.0/16",
	); err != nil {
		return err
	}

	// --- the Node
	t0 = time.Now()
	if err := createNode(ctx, cs); err != nil {
		return fmt.Errorf("create node: %w", err)
	}
	if err := poll(ctx, 200*time.Millisecond, func() (bool, error) {
		n, err := cs.CoreV1().Nodes().Get(ctx, nodeName, metav1.GetOptions{})
		if err != nil {
			return false, nil
		}
		if len(n.Spec.Taints) != 0 {
			return false, nil
		}
		for _, cond := range n.Status.Conditions {
			if cond.Type == corev1.NodeReady {
				return cond.Status == corev1.ConditionTrue, nil
			}
		}
		return false, nil
	}); err != nil {
		return fmt.Errorf("node %s Ready and untainted: %w", nodeName, err)
	}
	logf("node %s Ready and untainted in %.1fs", nodeName, time.Since(t0).Seconds())

	// --- the default ServiceAccount (proves the KCM controllers run)
	if err := poll(ctx, 200*time.Millisecond, func() (bool, error) {
		_, err := cs.CoreV1().ServiceAccounts("default").Get(ctx, "default", metav1.GetOptions{})
		return err == nil, nil
	}); err != nil {
		return fmt.Errorf("serviceaccount default/default: %w", err)
	}
	// KCM and scheduler health endpoints (always-allowed paths, self-signed serving certs).
	hc := &http.Client{Timeout: 2 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	for name, port := range map[string]int{"kube-controller-manager": kcmPort, "kube-scheduler": schedPort} {
		u := fmt.Sprintf("https://127.0.0.1:%d/healthz", port)
		if err := poll(ctx, 200*time.Millisecond, func() (bool, error) {
			resp, err := hc.Get(u)
			if err != nil {
				return false, nil
			}
			resp.Body.Close()
			return resp.StatusCode == 200, nil
		}); err != nil {
			return fmt.Errorf("%s /healthz: %w", name, err)
		}
	}

	// --- publish
	kc := filepath.Join(dir, "kubeconfig")
	if err := writeKubeconfig(kc+".tmp", server, pki); err != nil {
		return err
	}
	if err := os.Rename(kc+".tmp", kc); err != nil {
		return err
	}
	c.mu.Lock()
	var pids strings.Builder
	fmt.Fprintf(&pids, "%d testcluster\n", os.Getpid())
	for _, p := range c.procs {
		fmt.Fprintf(&pids, "%d %s\n", p.cmd.Process.Pid, p.name)
	}
	c.mu.Unlock()
	_ = os.WriteFile(filepath.Join(dir, "pids"), []byte(pids.String()), 0o644)
	env := fmt.Sprintf("KUBECONFIG=%s\nK8S_API_SERVER=%s\nK8S_VERSION=%s\n", kc, server, v.GitVersion)
	_ = os.WriteFile(filepath.Join(dir, "env"), []byte(env), 0o644)
	if err := os.WriteFile(filepath.Join(dir, "ready"), []byte(fmt.Sprintf("%.1f\n", time.Since(start).Seconds())), 0o644); err != nil {
		return err
	}
	return nil
}

// start runs BIN/name with args; output goes to DIR/logs/name.log. The child
// stays in our process group (no Setpgid) so ctl.sh can kill the whole group.
func (c *cluster) start(ctx context.Context, name string, args ...string) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	logFile, err := os.OpenFile(filepath.Join(c.dir, "logs", name+".log"), os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	cmd := exec.Command(filepath.Join(c.bin, name), args...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.Dir = c.dir
	cmd.Env = append(os.Environ(),
		"KUBECONFIG=", // never fall back to a user's kubeconfig
		"KWOK_WORKDIR="+filepath.Join(c.dir, "kwok-work"), // kwok: no ~/.kwok/kwok.yaml
	)
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return fmt.Errorf("start %s: %w", name, err)
	}
	p := &proc{name: name, cmd: cmd, done: make(chan struct{})}
	c.mu.Lock()
	c.procs = append(c.procs, p)
	c.mu.Unlock()
	logf("started %s (pid %d)", name, cmd.Process.Pid)
	go func() {
		p.err = cmd.Wait()
		logFile.Close()
		close(p.done)
		select {
		case c.died <- name:
		default:
		}
	}()
	return nil
}

// down stops the children in reverse start order (SIGTERM, 10 s, SIGKILL), then
// etcd, then SIGKILLs anything left in our process group except ourselves.
func (c *cluster) down() {
	c.mu.Lock()
	procs := append([]*proc(nil), c.procs...)
	c.mu.Unlock()
	for i := len(procs) - 1; i >= 0; i-- {
		p := procs[i]
		select {
		case <-p.done:
			logf("%s had already exited: %v", p.name, p.err)
			continue
		default:
		}
		_ = p.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-p.done:
			logf("%s stopped", p.name)
		case <-time.After(10 * time.Second):
			logf("%s did not stop within 10s, killing", p.name)
			_ = p.cmd.Process.Kill()
			<-p.done
		}
	}
	if c.etcd != nil {
		done := make(chan struct{})
		go func() { c.etcd.Close(); close(done) }()
		select {
		case <-done:
			logf("etcd stopped")
		case <-time.After(10 * time.Second):
			logf("etcd did not close within 10s")
		}
	}
}

func poll(ctx context.Context, every time.Duration, cond func() (bool, error)) error {
	for {
		ok, err := cond()
		if err != nil {
			return err
		}
		if ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(every):
		}
	}
}

func freePorts(n int) ([]int, error) {
	var ls []net.Listener
	defer func() {
		for _, l := range ls {
			l.Close()
		}
	}()
	var ports []int
	for i := 0; i < n; i++ {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

func writeStages(out, stageDir string) error {
	var docs []string
	for _, f := range upstreamStages {
		b, err := os.ReadFile(filepath.Join(stageDir, f))
		if err != nil {
			return err
		}
		docs = append(docs, strings.TrimSpace(string(b)))
	}
	docs = append(docs, strings.TrimSpace(customStages))
	return os.WriteFile(out, []byte(strings.Join(docs, "\n---\n")+"\n"), 0o644)
}

func createNode(ctx context.Context, cs *kubernetes.Clientset) error {
	res := corev1.ResourceList{
		corev1.ResourceCPU:    resource.MustParse("32"),
		corev1.ResourceMemory: resource.MustParse("256Gi"),
		corev1.ResourcePods:   resource.MustParse("2000"),
	}
	node := &corev1.Node{
		ObjectMeta: metav1.ObjectMeta{
			Name: nodeName,
			Annotations: map[string]string{
				"kwok.x-k8s.io/node":           "fake",
				"node.alpha.kubernetes.io/ttl": "0",
			},
			Labels: map[string]string{
				"kubernetes.io/hostname": nodeName,
				"kubernetes.io/os":       "linux",
				"kubernetes.io/arch":     "amd64",
				"type":                   "kwok",
			},
		},
		Status: corev1.NodeStatus{Allocatable: res, Capacity: res},
	}
	_, err := cs.CoreV1().Nodes().Create(ctx, node, metav1.CreateOptions{})
	if apierrors.IsAlreadyExists(err) {
		return nil
	}
	return err
}
