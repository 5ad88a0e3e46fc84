package main

// helm-diff's --three-way-merge: instead of the release's stored manifest against the rendered chart,
// compare the live objects (status, managed fields and helm's ownership annotations removed) with what
// the API server says they would become after helm's three-way patch (a server-side dry-run patch).
// Objects the chart drops come from the stored manifest; objects it adds are shown as rendered.

import (
	"bytes"
	"encoding/json"
	"fmt"

	jsonpatch "github.com/evanphx/json-patch/v5"
	apiextv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/strategicpatch"
	"k8s.io/cli-runtime/pkg/resource"
	"sigs.k8s.io/yaml"

	"helm.sh/helm/v4/pkg/action"
	"helm.sh/helm/v4/pkg/kube"
)

var yamlSeparator = []byte("\n---\n")

// threeWayManifests returns the manifests to compare for --three-way-merge: (live or stored, merged or
// rendered), as helm-diff builds them.
func threeWayManifests(cfg *action.Configuration, stored, rendered string) (string, string, error) {
	if err := cfg.KubeClient.IsReachable(); err != nil {
		return "", "", err
	}
	original, err := cfg.KubeClient.Build(bytes.NewBufferString(stored), false)
	if err != nil {
		return "", "", fmt.Errorf("unable to build kubernetes objects from original release manifest: %w", err)
	}
	target, err := cfg.KubeClient.Build(bytes.NewBufferString(rendered), false)
	if err != nil {
		return "", "", fmt.Errorf("unable to build kubernetes objects from new release manifest: %w", err)
	}
	before, after, err := mergedManifests(original, target)
	if err != nil {
		return "", "", fmt.Errorf("unable to generate manifests: %w", err)
	}
	return string(before), string(after), nil
}

func resourceKey(r *resource.Info) string {
	gvk := r.Object.GetObjectKind().GroupVersionKind()
	return fmt.Sprintf("%s/%s/%s/%s", gvk.GroupVersion().String(), gvk.Kind, r.Namespace, r.Name)
}

func appendYAML(to []byte, obj any) []byte {
	out, _ := yaml.Marshal(obj)
	to = append(to, yamlSeparator...)
	return append(to, out...)
}

func mergedManifests(original, target kube.ResourceList) ([]byte, []byte, error) {
	before, after := []byte{}, []byte{}
	inTarget := map[string]bool{}
	for _, r := range target {
		inTarget[resourceKey(r)] = true
	}
	inOriginal := map[string]bool{}
	for _, r := range original {
		inOriginal[resourceKey(r)] = true
		if !inTarget[resourceKey(r)] {
			before = appendYAML(before, r.Object) // to be deleted
		}
	}
	// New to the release but already in the cluster: the patch starts from the live object.
	for _, r := range target {
		if inOriginal[resourceKey(r)] {
			continue
		}
		if _, err := resource.NewHelper(r.Client, r.Mapping).Get(r.Namespace, r.Name); err != nil {
			if apierrors.IsNotFound(err) {
				continue
			}
			return nil, nil, fmt.Errorf("rendered manifests contain a resource that already exists. Unable to continue with update: %w",
				fmt.Errorf("could not get information about the resource: %w", err))
		}
		original.Append(r)
	}
	err := target.Visit(func(info *resource.Info, err error) error {
		if err != nil {
			return err
		}
		kind := info.Mapping.GroupVersionKind.Kind
		helper := resource.NewHelper(info.Client, info.Mapping)
		live, err := helper.Get(info.Namespace, info.Name)
		if err != nil {
			if !apierrors.IsNotFound(err) {
				return fmt.Errorf("could not get information about the resource: %w", err)
			}
			after = appendYAML(after, info.Object) // to be created
			return nil
		}
		pruned, err := prunedObject(live)
		if err != nil {
			return fmt.Errorf("prune current obj %q with kind %s: %w", info.Name, kind, err)
		}
		before = appendYAML(before, pruned)
		originalInfo := original.Get(info)
		if originalInfo == nil {
			return fmt.Errorf("could not find %q", info.Name)
		}
		patch, patchType, err := threeWayPatch(originalInfo.Object, live, info)
		if err != nil {
			return err
		}
		helper.ServerDryRun = true
		merged, err := helper.Patch(info.Namespace, info.Name, patchType, patch, nil)
		if err != nil {
			return fmt.Errorf("cannot patch %q with kind %s: %w", info.Name, kind, err)
		}
		if pruned, err = prunedObject(merged); err != nil {
			return fmt.Errorf("prune current obj %q with kind %s: %w", info.Name, kind, err)
		}
		after = appendYAML(after, pruned)
		return nil
	})
	return before, after, err
}

// threeWayPatch is the patch helm's upgrade would send: a strategic merge patch of (stored, rendered,
// live), or a JSON merge patch for unstructured objects and CRDs.
func threeWayPatch(stored, live runtime.Object, target *resource.Info) ([]byte, types.PatchType, error) {
	oldData, err := json.Marshal(stored)
	if err != nil {
		return nil, types.StrategicMergePatchType, fmt.Errorf("serializing current configuration: %w", err)
	}
	newData, err := json.Marshal(target.Object)
	if err != nil {
		return nil, types.StrategicMergePatchType, fmt.Errorf("serializing target configuration: %w", err)
	}
	liveData, err := json.Marshal(live)
	if err != nil {
		return nil, types.StrategicMergePatchType, fmt.Errorf("serializing live configuration: %w", err)
	}
	versioned := kube.AsVersioned(target)
	_, unstructured := versioned.(runtime.Unstructured)
	_, crd := versioned.(*apiextv1.CustomResourceDefinition)
	if unstructured || crd {
		patch, err := jsonpatch.CreateMergePatch(oldData, newData)
		return patch, types.MergePatchType, err
	}
	meta, err := strategicpatch.NewPatchMetaFromStruct(versioned)
	if err != nil {
		return nil, types.StrategicMergePatchType, fmt.Errorf("unable to create patch metadata from object: %w", err)
	}
	patch, err := strategicpatch.CreateThreeWayMergePatch(oldData, newData, liveData, meta, true)
	return patch, types.StrategicMergePatchType, err
}

// prunedObject is a live object without status, managed fields, generation and the annotations helm and
// the deployment controller add, as helm-diff shows it.
func prunedObject(obj runtime.Object) (map[string]any, error) {
	data, err := json.Marshal(obj)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("could not unmarshal byte sequence: %w", err)
	}
	delete(m, "status")
	metadata, _ := m["metadata"].(map[string]any)
	if metadata == nil {
		return m, nil
	}
	delete(metadata, "managedFields")
	delete(metadata, "generation")
	if annotations, ok := metadata["annotations"].(map[string]any); ok {
		delete(annotations, "meta.helm.sh/release-name")
		delete(annotations, "meta.helm.sh/release-namespace")
		delete(annotations, "deployment.kubernetes.io/revision")
		if len(annotations) == 0 {
			delete(metadata, "annotations")
		}
	}
	return m, nil
}
