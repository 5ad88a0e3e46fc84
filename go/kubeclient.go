package main

// One set of Kubernetes client objects per command. helm's EnvSettings builds its
// genericclioptions.ConfigFlags without kubectl's persistent mode, so every ToRESTMapper and
// ToDiscoveryClient call makes a new discovery client that re-reads the whole discovery cache
// (~25 files) and every ToRawKubeConfigLoader call re-reads the kubeconfig: `helm status` reads the
// discovery cache four times and the kubeconfig ten. sharedGetter is kubectl's persistent mode over
// helm's own ConfigFlags: the loader, the discovery client and the REST mapper are made once and
// shared (the deferred mapper still re-discovers on an unknown kind, and Invalidate/Reset act on
// the shared objects, as they do in kubectl). REST configs stay fresh per call (callers mutate them).
// The disk-cached discovery client itself re-reads its files on every full listing (the mapper and
// the shortcut expander each list everything), so memoDiscovery keeps the last complete listing in
// memory until Invalidate; freshness stays the disk client's.

import (
	"sync"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/cli-runtime/pkg/genericclioptions"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/restmapper"
	"k8s.io/client-go/tools/clientcmd"

	"helm.sh/helm/v4/pkg/cli"
)

type sharedGetter struct {
	flags *genericclioptions.ConfigFlags

	loaderOnce sync.Once
	loader     clientcmd.ClientConfig

	mu        sync.Mutex
	discovery discovery.CachedDiscoveryInterface
	mapper    meta.RESTMapper
}

// newSharedGetter is e's Kubernetes client getter with its objects made once and shared; the
// command's action.Configuration holds it (cfg.RESTClientGetter) for everything else that needs it.
func newSharedGetter(e *cli.EnvSettings) genericclioptions.RESTClientGetter {
	flags, ok := e.RESTClientGetter().(*genericclioptions.ConfigFlags)
	if !ok {
		return e.RESTClientGetter()
	}
	return &sharedGetter{flags: flags}
}

func (g *sharedGetter) ToRawKubeConfigLoader() clientcmd.ClientConfig {
	g.loaderOnce.Do(func() { g.loader = g.flags.ToRawKubeConfigLoader() })
	return g.loader
}

// ToRESTConfig is ConfigFlags.ToRESTConfig over the shared loader: a new config on every call.
func (g *sharedGetter) ToRESTConfig() (*rest.Config, error) {
	c, err := g.ToRawKubeConfigLoader().ClientConfig()
	if err != nil {
		return nil, err
	}
	if g.flags.WrapConfigFn != nil {
		return g.flags.WrapConfigFn(c), nil
	}
	return c, nil
}

func (g *sharedGetter) ToDiscoveryClient() (discovery.CachedDiscoveryInterface, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.discoveryLocked()
}

func (g *sharedGetter) discoveryLocked() (discovery.CachedDiscoveryInterface, error) {
	if g.discovery == nil {
		d, err := g.flags.ToDiscoveryClient()
		if err != nil {
			return nil, err
		}
		g.discovery = &memoDiscovery{CachedDiscoveryInterface: d}
	}
	return g.discovery, nil
}

// ToRESTMapper is ConfigFlags' mapper (deferred discovery behind the shortcut expander) over the
// shared discovery client; helm's flags have no warning printer, so expansion warnings are dropped.
func (g *sharedGetter) ToRESTMapper() (meta.RESTMapper, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.mapper == nil {
		d, err := g.discoveryLocked()
		if err != nil {
			return nil, err
		}
		g.mapper = restmapper.NewShortcutExpander(restmapper.NewDeferredDiscoveryRESTMapper(d), d, func(string) {})
	}
	return g.mapper, nil
}

// memoDiscovery remembers the last complete ServerGroups and ServerGroupsAndResources answers of a
// cached discovery client until it is invalidated; errors (also partial ones) are never remembered.
type memoDiscovery struct {
	discovery.CachedDiscoveryInterface

	mu        sync.Mutex
	groupList *metav1.APIGroupList
	groups    []*metav1.APIGroup
	resources []*metav1.APIResourceList
}

func (m *memoDiscovery) ServerGroups() (*metav1.APIGroupList, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.groupList != nil {
		return m.groupList, nil
	}
	l, err := m.CachedDiscoveryInterface.ServerGroups()
	if err == nil {
		m.groupList = l
	}
	return l, err
}

func (m *memoDiscovery) ServerGroupsAndResources() ([]*metav1.APIGroup, []*metav1.APIResourceList, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.groups != nil {
		return m.groups, m.resources, nil
	}
	g, r, err := m.CachedDiscoveryInterface.ServerGroupsAndResources()
	if err == nil {
		m.groups, m.resources = g, r
	}
	return g, r, err
}

func (m *memoDiscovery) Invalidate() {
	m.mu.Lock()
	m.groupList, m.groups, m.resources = nil, nil, nil
	m.mu.Unlock()
	m.CachedDiscoveryInterface.Invalidate()
}
