package main

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"

	release "helm.sh/helm/v4/pkg/release/v1"
	"helm.sh/helm/v4/pkg/storage"
	"helm.sh/helm/v4/pkg/storage/driver"
	"sigs.k8s.io/yaml"
)

// DriverCheckRequest re-creates what helm's root command does before every command with the memory
// driver: every HELM_MEMORY_DRIVER_DATA file must read and decode as a list of releases.
type DriverCheckRequest struct {
	MemoryDriverData string `json:"memory_driver_data"`
}

func init() {
	handle("driver.check", func(_ *call, req *DriverCheckRequest) (any, error) {
		return nil, preload(storage.Init(driver.NewMemory()), req.MemoryDriverData, false)
	})
}

// The decoded HELM_MEMORY_DRIVER_DATA files: the check before the command and the command itself
// run in one process, so the (possibly large) files are read and decoded once. The first store
// preloaded takes them (operations change records in place); a later operation of the same process
// (a program using the SDK) reads the files again, as another helm process would.
var (
	memoryMu       sync.Mutex
	memoryList     string
	memoryReleases []*release.Release
	memoryLoaded   bool
)

// memoryData decodes the files (or returns them decoded); memoryMu is held.
func memoryData(list string) ([]*release.Release, error) {
	if memoryLoaded && memoryList == list {
		return memoryReleases, nil
	}
	var all []*release.Release
	for _, path := range strings.Split(list, ":") {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("Unable to read memory driver data%v", err)
		}
		releases, err := decodeMemoryFile(path, b)
		if err != nil {
			return nil, fmt.Errorf("Unable to unmarshal memory driver data: %v", err)
		}
		all = append(all, releases...)
	}
	memoryList, memoryReleases, memoryLoaded = list, all, true
	return all, nil
}

// preloadInto loads the ':'-separated release files into a store (helm's memory-driver test aid).
func preloadInto(store *storage.Storage, list string) error { return preload(store, list, true) }

// preload loads the files into a store; `take`: the store keeps the records (an operation's store),
// else they stay decoded for the operation that follows (the check before the command).
func preload(store *storage.Storage, list string, take bool) error {
	memoryMu.Lock()
	releases, err := memoryData(list)
	if take {
		memoryLoaded, memoryReleases = false, nil
	}
	memoryMu.Unlock()
	if err != nil {
		return err
	}
	for _, rel := range releases {
		if err := store.Create(rel); err != nil {
			return err
		}
	}
	return nil
}

// decodeMemoryFile decodes one HELM_MEMORY_DRIVER_DATA file as helm does (YAML converted to JSON,
// then decoded). Nearly all of the time goes into the YAML conversion, so the decoded releases are
// also kept as JSON in $HELM_CACHE_HOME/cpphelm-memory/ (one file per data path, tagged with the
// SHA-256 of the YAML it came from; see cache_file.go): while the file's bytes stay the same, later
// commands decode that JSON, which gives the same releases (their JSON encoding round-trips). A file
// that fails to decode is never cached, so its errors are always helm's.
func decodeMemoryFile(path string, b []byte) ([]*release.Release, error) {
	sum := sha256.Sum256(b)
	cachePath := cacheFileFor("cpphelm-memory", path, ".json")
	if c, ok := readCacheFile(cachePath, "memory", sum); ok {
		releases := []*release.Release{}
		if json.Unmarshal(c, &releases) == nil {
			return releases, nil
		}
	}
	releases := []*release.Release{}
	if err := yaml.Unmarshal(b, &releases); err != nil {
		return nil, err
	}
	if data, err := json.Marshal(releases); err == nil {
		writeCacheFile(cachePath, "memory", sum, data)
	}
	return releases, nil
}
