package main

// Many writers and readers of one cache file at once, as goroutines and as processes (this test
// binary started again in a helper mode): no reader may ever see a file that is not one writer's
// whole file, and the memory driver's answers stay helm's.

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"sigs.k8s.io/yaml"

	release "helm.sh/helm/v4/pkg/release/v1"
)

// The helper modes: CPPHELM_CACHE_HELPER=raw:<path>:<id>:<rounds> or memory:<data path>:<rounds>.
const helperEnv = "CPPHELM_CACHE_HELPER"

func TestMain(m *testing.M) {
	if spec := os.Getenv(helperEnv); spec != "" {
		if err := cacheHelper(spec); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

var rawSource = sha256.Sum256([]byte("raw"))

// writerPayload is writer id's payload of round r: its id and length, then a pattern of both.
func writerPayload(id, r int) []byte {
	n := []int{100, 64<<10 + 3, 700 << 10}[r%3] + id
	b := make([]byte, n)
	binary.BigEndian.PutUint32(b, uint32(id))
	binary.BigEndian.PutUint32(b[4:], uint32(n))
	for i := 8; i < n; i++ {
		b[i] = byte(id*31 + i*7)
	}
	return b
}

// checkWhole returns nil when b is a whole cache file as writeCacheFile writes a writerPayload.
func checkWhole(b []byte) error {
	h := cacheHeader("raw")
	if !bytes.HasPrefix(b, h) || len(b) < len(h)+44 {
		return fmt.Errorf("torn: %d bytes, no whole header", len(b))
	}
	b = b[len(h):]
	n, sum, p := binary.BigEndian.Uint64(b[32:40]), binary.BigEndian.Uint32(b[40:44]), b[44:]
	if uint64(len(p)) != n || crc32.Checksum(p, castagnoli) != sum || len(p) < 8 {
		return fmt.Errorf("torn: payload of %d bytes, header says %d", len(p), n)
	}
	id := int(binary.BigEndian.Uint32(p))
	for r := range 3 {
		if want := writerPayload(id, r); bytes.Equal(p, want) {
			return nil
		}
	}
	return fmt.Errorf("torn: payload of %d bytes is no writer's (id %d)", len(p), id)
}

// readWhole reads the file at path: nil when it does not exist yet or is whole.
func readWhole(path string) error {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	return checkWhole(b)
}

// cacheHelper runs one helper process.
func cacheHelper(spec string) error {
	f := strings.Split(spec, ":")
	rounds, _ := strconv.Atoi(f[len(f)-1])
	switch f[0] {
	case "raw":
		id, _ := strconv.Atoi(f[2])
		for r := range rounds {
			writeCacheFile(f[1], "raw", rawSource, writerPayload(id, r))
			if err := readWhole(f[1]); err != nil {
				return err
			}
		}
		return nil
	case "memory":
		return decodeRepeatedly(f[1], rounds)
	}
	return fmt.Errorf("unknown helper mode %q", spec)
}

// decodeRepeatedly decodes the memory driver data at path rounds times through the cache and
// compares each result with helm's own parse.
func decodeRepeatedly(path string, rounds int) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var want []*release.Release
	if err := yaml.Unmarshal(b, &want); err != nil {
		return err
	}
	wantJSON := mustJSON(want)
	for range rounds {
		got, err := decodeMemoryFile(path, b)
		if err != nil {
			return err
		}
		if s := mustJSON(got); s != wantJSON {
			return fmt.Errorf("decoded %s, helm's parse %s", s, wantJSON)
		}
	}
	return nil
}

// mustJSON is v's JSON encoding (or the error's text).
func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "error: " + err.Error()
	}
	return string(b)
}

// readUntil reads path until stop is closed, reporting the first torn read; it returns the
// number of whole reads.
func readUntil(t *testing.T, path string, stop <-chan struct{}, wg *sync.WaitGroup, whole *atomic.Int64) {
	defer wg.Done()
	for {
		select {
		case <-stop:
			return
		default:
		}
		if err := readWhole(path); err != nil {
			t.Error(err)
			return
		}
		if _, err := os.Stat(path); err == nil {
			whole.Add(1)
		}
	}
}

// TestCacheCheckerSeesTornFiles: the checker the concurrency tests rely on rejects part of a file.
func TestCacheCheckerSeesTornFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c")
	writeCacheFile(path, "raw", rawSource, writerPayload(3, 1))
	b, _ := os.ReadFile(path)
	if err := checkWhole(b); err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{0, 20, len(b) / 2, len(b) - 1} {
		if checkWhole(b[:n]) == nil {
			t.Errorf("%d of %d bytes passed as whole", n, len(b))
		}
	}
	good := bytes.Clone(b)
	copy(b[len(b)-1000:], bytes.Repeat([]byte{1}, 1000))
	if checkWhole(b) == nil || checkWhole(good) != nil {
		t.Error("a mixed file passed as whole")
	}
}

// TestCacheConcurrentGoroutines: writers and readers in one process share one cache file.
func TestCacheConcurrentGoroutines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cpphelm-search", "c.gob")
	stop := make(chan struct{})
	var readers, writers sync.WaitGroup
	var whole atomic.Int64
	for range 6 {
		readers.Add(1)
		go readUntil(t, path, stop, &readers, &whole)
	}
	for id := range 8 {
		writers.Add(1)
		go func() {
			defer writers.Done()
			for r := range 30 {
				writeCacheFile(path, "raw", rawSource, writerPayload(id, r))
			}
		}()
	}
	writers.Wait()
	close(stop)
	readers.Wait()
	if err := readWhole(path); err != nil || whole.Load() == 0 {
		t.Errorf("final file: %v; %d whole reads", err, whole.Load())
	}
	assertNoTempFiles(t, filepath.Dir(path))
}

// startHelpers starts n helper processes with the specs given by spec(i) and waits for them all.
func startHelpers(t *testing.T, n int, env []string, spec func(i int) string) {
	t.Helper()
	var wg sync.WaitGroup
	for i := range n {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(append(os.Environ(), env...), helperEnv+"="+spec(i))
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := cmd.Wait(); err != nil {
				t.Errorf("helper %d: %v: %s", i, err, out.String())
			}
		}()
	}
	wg.Wait()
}

// TestCacheConcurrentProcesses: processes write and read one cache file while this one reads it.
func TestCacheConcurrentProcesses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cpphelm-search", "c.gob")
	stop := make(chan struct{})
	var readers sync.WaitGroup
	var whole atomic.Int64
	for range 3 {
		readers.Add(1)
		go readUntil(t, path, stop, &readers, &whole)
	}
	startHelpers(t, 6, nil, func(i int) string { return fmt.Sprintf("raw:%s:%d:40", path, i) })
	close(stop)
	readers.Wait()
	if err := readWhole(path); err != nil || whole.Load() == 0 {
		t.Errorf("final file: %v; %d whole reads", err, whole.Load())
	}
	assertNoTempFiles(t, filepath.Dir(path))
}

// TestMemoryCacheConcurrentProcesses: processes decode one memory driver data file through one
// cache at once (each writing it on a miss); every decode is helm's parse.
func TestMemoryCacheConcurrentProcesses(t *testing.T) {
	home := t.TempDir()
	data, _ := memoryFixture(t)
	startHelpers(t, 6, []string{"HELM_CACHE_HOME=" + home},
		func(int) string { return fmt.Sprintf("memory:%s:15", data) })
	t.Setenv("HELM_CACHE_HOME", home)
	if err := decodeRepeatedly(data, 1); err != nil {
		t.Error(err)
	}
	assertNoTempFiles(t, filepath.Join(home, "cpphelm-memory"))
}

// assertNoTempFiles fails when a writer's temporary file was left in dir.
func assertNoTempFiles(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".cache-") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}
