package main

// Fake Kubernetes clients for the fast list's differential test: one fake clientset (client-go's,
// as helm's own storage tests use) holds the records; the typed and metadata clients the fast list
// reads through are views of it that page their lists as an API server does (limit + continue).

import (
	"context"
	"sort"
	"strconv"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/kubernetes"
	typedcorev1 "k8s.io/client-go/kubernetes/typed/core/v1"
	"k8s.io/client-go/metadata"
)

// pageOf returns the page of items (ordered by key) that opts asks for, at most size items when
// size > 0, and the continue token of the next page ("" after the last).
func pageOf[T any](items []T, key func(*T) string, opts metav1.ListOptions, size int) ([]T, string) {
	sort.SliceStable(items, func(i, j int) bool { return key(&items[i]) < key(&items[j]) })
	start, _ := strconv.Atoi(opts.Continue)
	start = min(start, len(items))
	n := len(items) - start
	if opts.Limit > 0 && int(opts.Limit) < n {
		n = int(opts.Limit)
	}
	if size > 0 && size < n {
		n = size
	}
	next := ""
	if start+n < len(items) {
		next = strconv.Itoa(start + n)
	}
	return items[start : start+n], next
}

func objectKey(m *metav1.ObjectMeta) string { return m.Namespace + "/" + m.Name }

// pagedClients returns recordClients over cs whose lists come in pages of at most size items;
// beforeData, when set, runs once before the first list of record data.
func pagedClients(cs kubernetes.Interface, size int, beforeData func()) recordClients {
	return func() (kubernetes.Interface, metadata.Interface, error) {
		once := &beforeData
		return pagedClientset{Interface: cs, size: size, before: once}, fakeMetadata{cs: cs, size: size}, nil
	}
}

// pagedClientset is cs with paged Secret and ConfigMap lists.
type pagedClientset struct {
	kubernetes.Interface
	size   int
	before *func()
}

func (p pagedClientset) CoreV1() typedcorev1.CoreV1Interface {
	return pagedCore{CoreV1Interface: p.Interface.CoreV1(), p: p}
}

type pagedCore struct {
	typedcorev1.CoreV1Interface
	p pagedClientset
}

func (c pagedCore) Secrets(ns string) typedcorev1.SecretInterface {
	return pagedSecrets{SecretInterface: c.CoreV1Interface.Secrets(ns), p: c.p}
}

func (c pagedCore) ConfigMaps(ns string) typedcorev1.ConfigMapInterface {
	return pagedConfigMaps{ConfigMapInterface: c.CoreV1Interface.ConfigMaps(ns), p: c.p}
}

// runBefore runs the hook once.
func (p pagedClientset) runBefore() {
	if p.before != nil && *p.before != nil {
		f := *p.before
		*p.before = nil
		f()
	}
}

type pagedSecrets struct {
	typedcorev1.SecretInterface
	p pagedClientset
}

func (s pagedSecrets) List(ctx context.Context, opts metav1.ListOptions) (*corev1.SecretList, error) {
	s.p.runBefore()
	l, err := s.SecretInterface.List(ctx, metav1.ListOptions{LabelSelector: opts.LabelSelector})
	if err != nil {
		return nil, err
	}
	items, next := pageOf(l.Items, func(o *corev1.Secret) string { return objectKey(&o.ObjectMeta) }, opts, s.p.size)
	return &corev1.SecretList{ListMeta: metav1.ListMeta{Continue: next}, Items: items}, nil
}

type pagedConfigMaps struct {
	typedcorev1.ConfigMapInterface
	p pagedClientset
}

func (s pagedConfigMaps) List(ctx context.Context, opts metav1.ListOptions) (*corev1.ConfigMapList, error) {
	s.p.runBefore()
	l, err := s.ConfigMapInterface.List(ctx, metav1.ListOptions{LabelSelector: opts.LabelSelector})
	if err != nil {
		return nil, err
	}
	items, next := pageOf(l.Items, func(o *corev1.ConfigMap) string { return objectKey(&o.ObjectMeta) }, opts, s.p.size)
	return &corev1.ConfigMapList{ListMeta: metav1.ListMeta{Continue: next}, Items: items}, nil
}

// fakeMetadata is the metadata client of cs (PartialObjectMetadata lists of its Secrets and ConfigMaps).
type fakeMetadata struct {
	cs   kubernetes.Interface
	size int
}

func (f fakeMetadata) Resource(gvr schema.GroupVersionResource) metadata.Getter {
	return &fakeMetaResource{f: f, resource: gvr.Resource}
}

type fakeMetaResource struct {
	metadata.ResourceInterface // only List is implemented
	f                          fakeMetadata
	resource, namespace        string
}

func (r *fakeMetaResource) Namespace(ns string) metadata.ResourceInterface {
	c := *r
	c.namespace = ns
	return &c
}

func (r *fakeMetaResource) List(ctx context.Context, opts metav1.ListOptions) (*metav1.PartialObjectMetadataList, error) {
	all := metav1.ListOptions{LabelSelector: opts.LabelSelector}
	var metas []metav1.ObjectMeta
	switch r.resource {
	case "secrets":
		l, err := r.f.cs.CoreV1().Secrets(r.namespace).List(ctx, all)
		if err != nil {
			return nil, err
		}
		for _, it := range l.Items {
			metas = append(metas, it.ObjectMeta)
		}
	case "configmaps":
		l, err := r.f.cs.CoreV1().ConfigMaps(r.namespace).List(ctx, all)
		if err != nil {
			return nil, err
		}
		for _, it := range l.Items {
			metas = append(metas, it.ObjectMeta)
		}
	}
	items, next := pageOf(metas, objectKey, opts, r.f.size)
	out := &metav1.PartialObjectMetadataList{ListMeta: metav1.ListMeta{Continue: next}}
	for _, m := range items {
		out.Items = append(out.Items, metav1.PartialObjectMetadata{ObjectMeta: m})
	}
	return out, nil
}
