package main

import (
	"encoding/json"
	"fmt"
)

// Test-only operations: they prove the boundary works (panics become errors, requests round-trip).
func init() {
	register("test.panic", func(_ *call, _ []byte) (any, error) {
		panic("deliberate panic from the shim's test op")
	})
	register("test.echo", func(_ *call, data []byte) (any, error) {
		var req struct {
			Type    string          `json:"type"`
			Payload json.RawMessage `json:"payload"`
		}
		if err := decode(data, &req); err != nil {
			return nil, err
		}
		mk, ok := requestTypes[req.Type]
		if !ok {
			return nil, fmt.Errorf("unknown request type %q", req.Type)
		}
		v := mk()
		if err := decode(req.Payload, v); err != nil {
			return nil, err
		}
		return v, nil
	})
	register("test.types", func(_ *call, _ []byte) (any, error) {
		out := map[string]any{}
		for name, mk := range requestTypes {
			out[name] = mk()
		}
		return out, nil
	})
}

func init() {
	register("test.events", func(_ *call, _ []byte) (any, error) {
		emit(eventStderr, []byte("one\n"))
		emit(eventStderr, []byte("two\n"))
		return nil, nil
	})
	register("test.wait", func(c *call, _ []byte) (any, error) {
		<-c.ctx.Done()
		return nil, c.ctx.Err()
	})
}
