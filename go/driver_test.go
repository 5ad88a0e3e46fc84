package main

import (
	"os"
	"path/filepath"
	"testing"

	"helm.sh/helm/v4/pkg/storage"
	"helm.sh/helm/v4/pkg/storage/driver"
)

// One process may run many operations (a program using the SDK): each preloaded store gets records
// of its own, so what one operation changes in place (status drops the chart before printing) is
// never seen by the next; the check before a command and the command itself still decode once.
func TestMemoryPreloadRecordsAreNotShared(t *testing.T) {
	t.Setenv("HELM_CACHE_HOME", t.TempDir())
	path := filepath.Join(t.TempDir(), "releases.yaml")
	data := "- name: web\n  namespace: default\n  version: 1\n  info:\n    status: deployed\n" +
		"  chart:\n    metadata:\n      name: demo\n      version: 1.0.0\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	memoryLoaded = false
	load := func(take bool) *storage.Storage {
		s := storage.Init(driver.NewMemory())
		if err := preload(s, path, take); err != nil {
			t.Fatal(err)
		}
		return s
	}
	load(false) // the driver check
	if !memoryLoaded {
		t.Fatal("the check did not keep the decoded records for the command")
	}
	first := load(true)
	if memoryLoaded {
		t.Fatal("the command's store did not take the records")
	}
	rel, err := first.Get("web", 1)
	if err != nil {
		t.Fatal(err)
	}
	acc, _ := toV1Release(rel)
	acc.Chart = nil // what status does before printing
	rel2, err := load(true).Get("web", 1)
	if err != nil {
		t.Fatal(err)
	}
	acc2, err := toV1Release(rel2)
	if err != nil || acc2.Chart == nil || acc2.Chart.Metadata.Name != "demo" {
		t.Fatalf("the second operation saw the first one's change: %+v %v", acc2, err)
	}
}
