// Package main is the cpphelm shim: a c-archive exposing helm's library packages through a small C ABI.
// Requests and results cross the boundary as JSON; see ../shared/design.md and lib/backend/go_backend.cpp.
package main

/*
#include <stdint.h>
#include <stdlib.h>

typedef void (*chs_event_cb)(void* user, int kind, const char* data, size_t len);

static inline void chs_call_event(chs_event_cb cb, void* user, int kind, const char* data, size_t len) {
	if (cb) cb(user, kind, data, len);
}
*/
import "C"

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"unsafe"

	"helm.sh/helm/v4/pkg/kube"
	// The kubeconfig auth-provider plugins helm's main links (oidc; azure and gcp only say they were removed).
	_ "k8s.io/client-go/plugin/pkg/client/auth"
)

func init() {
	// The manager name must be "helm", not the executable's name, so that server-side apply
	// does not fight helm over field ownership (cmd/helm does the same).
	kube.ManagedFieldsManager = "helm"
}

// handleSignals: install and upgrade cancel themselves on SIGINT/SIGTERM as helm's do (the CLI asks
// for it; a program using the SDK keeps its own signal handling and cancels through a token).
var handleSignals atomic.Bool

// chs_configure applies the host's runtime options once the runtime has started (C++ calls it after
// every package initialiser ran): the collector's growth target (< 0: leave it), whether GOGC in the
// runtime's environment was put there by C++ for the start-up alone (then it is removed again, so
// that processes the shim starts do not inherit it), and whether install/upgrade handle signals.
//
//export chs_configure
func chs_configure(gcPercent C.int, startupGOGC C.int, signals C.int) {
	if startupGOGC != 0 {
		// Only in the runtime's copy of the environment: the host's own never had it.
		os.Unsetenv("GOGC")
	}
	if gcPercent >= 0 {
		debug.SetGCPercent(int(gcPercent))
	}
	handleSignals.Store(signals != 0)
}

// Event kinds sent to C++ through the event callback.
const (
	eventStderr = 1 // text for stderr (log lines, warnings)
	eventStdout = 2 // text for stdout that must appear before the call returns (progress lines)
)

var (
	eventMu   sync.Mutex
	eventCB   C.chs_event_cb
	eventUser unsafe.Pointer
)

//export chs_set_event_callback
func chs_set_event_callback(cb C.chs_event_cb, user unsafe.Pointer) {
	eventMu.Lock()
	defer eventMu.Unlock()
	eventCB = cb
	eventUser = user
}

// emit hands one event to C++ (synchronously; the callback copies the bytes).
func emit(kind int, data []byte) {
	eventMu.Lock()
	defer eventMu.Unlock()
	if eventCB == nil || len(data) == 0 {
		return
	}
	p := C.CBytes(data)
	defer C.free(p)
	C.chs_call_event(eventCB, eventUser, C.int(kind), (*C.char)(p), C.size_t(len(data)))
}

// eventWriter is an io.Writer that forwards everything written to it as one event kind.
type eventWriter int

func (w eventWriter) Write(p []byte) (int, error) {
	emit(int(w), p)
	return len(p), nil
}

// ---- cancellation handles ----

var (
	cancelMu   sync.Mutex
	cancelNext uint64 = 1
	cancels           = map[uint64]*cancelEntry{}
)

type cancelEntry struct {
	ctx    context.Context
	cancel context.CancelFunc
}

//export chs_cancel_new
func chs_cancel_new() C.uint64_t {
	cancelMu.Lock()
	defer cancelMu.Unlock()
	ctx, cancel := context.WithCancel(context.Background())
	h := cancelNext
	cancelNext++
	cancels[h] = &cancelEntry{ctx: ctx, cancel: cancel}
	return C.uint64_t(h)
}

//export chs_cancel
func chs_cancel(h C.uint64_t) {
	cancelMu.Lock()
	e := cancels[uint64(h)]
	cancelMu.Unlock()
	if e != nil {
		e.cancel()
	}
}

//export chs_cancel_free
func chs_cancel_free(h C.uint64_t) {
	cancelMu.Lock()
	defer cancelMu.Unlock()
	if e := cancels[uint64(h)]; e != nil {
		e.cancel()
		delete(cancels, uint64(h))
	}
}

func contextFor(h uint64) context.Context {
	cancelMu.Lock()
	defer cancelMu.Unlock()
	if e := cancels[h]; e != nil {
		return e.ctx
	}
	return context.Background()
}

// ---- invocation ----

// opError is an error with a kind that C++ maps to its own error type.
type opError struct {
	Kind     string         `json:"kind"`
	Message  string         `json:"message"`
	ExitCode int            `json:"exit_code,omitempty"` // the status to exit with, when not 1 (a plugin's)
	Details  map[string]any `json:"details,omitempty"`   // release, revision, pending state, resources not ready
}

type envelope struct {
	OK     bool            `json:"ok"`
	Error  *opError        `json:"error,omitempty"`
	Result json.RawMessage `json:"result,omitempty"`
}

// call is what one operation receives: its decoded request lives in the op itself.
type call struct {
	ctx    context.Context
	mu     sync.Mutex // a signal handler goroutine may print while the op runs
	stdout []byte

	observed *observedKube // the waits of a release-writing op (wait_observer.go), or nil
}

func (c *call) Write(p []byte) (int, error) {
	c.mu.Lock()
	c.stdout = append(c.stdout, p...)
	c.mu.Unlock()
	return len(p), nil
}

type opFunc func(c *call, req []byte) (any, error)

var ops = map[string]opFunc{}

func register(name string, f opFunc) { ops[name] = f }

// handle registers an operation whose request decodes into Req (strictly: unknown fields are an
// error), and lists Req under its type name, the name C++ gives it, for the round-trip test.
func handle[Req any](name string, f func(c *call, req *Req) (any, error)) {
	requestTypes[reflect.TypeFor[Req]().Name()] = func() any { return new(Req) }
	opRequests[name] = func() any { return new(Req) }
	register(name, func(c *call, data []byte) (any, error) {
		req := new(Req)
		if err := decode(data, req); err != nil {
			return nil, err
		}
		return f(c, req)
	})
}

// opRequests gives, per operation registered with handle, a new value of its request type (the
// fuzz targets decode into it without running the operation).
var opRequests = map[string]func() any{}

// invoke runs the operation name on the request data: its outcome as the envelope C++ receives.
// A panic on this goroutine becomes an internal error.
func invoke(c *call, name string, data []byte) (env envelope) {
	defer func() {
		if r := recover(); r != nil {
			env = envelope{Error: &opError{Kind: "internal", Message: fmt.Sprintf("internal error: %v\n%s", r, debug.Stack())}}
		}
	}()
	f, ok := ops[name]
	if !ok {
		return envelope{Error: &opError{Kind: "internal", Message: fmt.Sprintf("unknown operation %q", name)}}
	}
	res, err := f(c, data)
	if err != nil {
		return envelope{Error: classify(err)}
	}
	env.OK = true
	if res != nil {
		b, merr := json.Marshal(res)
		if merr != nil {
			return envelope{Error: &opError{Kind: "internal", Message: merr.Error()}}
		}
		env.Result = b
	}
	return env
}

//export chs_invoke
func chs_invoke(op *C.char, req *C.char, reqLen C.size_t, cancel C.uint64_t,
	out **C.char, outLen *C.size_t, stdout **C.char, stdoutLen *C.size_t) C.int {
	c := &call{ctx: contextFor(uint64(cancel))}
	env := invoke(c, C.GoString(op), C.GoBytes(unsafe.Pointer(req), C.int(reqLen)))
	b, err := json.Marshal(env)
	if err != nil {
		b = []byte(`{"ok":false,"error":{"kind":"internal","message":"cannot encode result"}}`)
	}
	*out = (*C.char)(C.CBytes(b))
	*outLen = C.size_t(len(b))
	*stdout = nil
	*stdoutLen = 0
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.stdout) > 0 {
		*stdout = (*C.char)(C.CBytes(c.stdout))
		*stdoutLen = C.size_t(len(c.stdout))
	}
	if env.OK {
		return 0
	}
	return 1
}

//export chs_free
func chs_free(p unsafe.Pointer) {
	C.free(p)
}

func main() {}
