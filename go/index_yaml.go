package main

// The converter of index_fast.go: the regular subset of block YAML to the JSON sigs.k8s.io/yaml
// would make of it: mappings, sequences and the order of keys (scalars are in index_scalars.go).

import (
	"bytes"
	"errors"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

var errNotRegular = errors.New("not the regular subset")

// yconv is the state of one conversion: the source, the current line and the JSON written.
type yconv struct {
	src []byte
	ls  int // start of the current line (len(src) at the end)
	c   int // where the current node starts on it: ls + its indentation, or after "- "
	e   int // end of the current line (its '\n' or len(src))
	out []byte
	// keys holds each distinct key once (an index repeats a few dozen keys thousands of times)
	keys map[string]string
	// scratch is reused for the text of quoted and literal scalars
	scratch []byte
}

func (y *yconv) intern(b []byte) string {
	if k, ok := y.keys[string(b)]; ok {
		return k
	}
	k := string(b)
	y.keys[k] = k
	return k
}

// convertedIndex is an index converted to JSON: the JSON, and when "entries" is a mapping, the range
// of its value in the JSON; charts holds each chart's entries (a JSON array, or null) when entries is
// a block mapping. With chunks, the JSON holds "entries":{} and the charts are still YAML: each
// chunk is one chart's key and entries at indentation indent, converted by convertChunk.
type convertedIndex struct {
	json    []byte
	entries [2]int
	charts  map[string][]byte
	chunks  [][]byte
	indent  int
}

// yamlIndexToJSON converts an index in the regular subset of block YAML to JSON with sorted keys;
// ok=false: not the subset. The entries of a regular index are left in chunks, to be converted
// (and decoded) in parallel.
func yamlIndexToJSON(src []byte) (*convertedIndex, bool) {
	if !plainText(src) {
		return nil, false
	}
	if start, end, chunks, indent := splitEntries(src); chunks != nil {
		top := make([]byte, 0, start+len(src)-end+16)
		top = append(append(append(top, src[:start]...), "entries: {}\n"...), src[end:]...)
		ci, ok := convertDocument(top)
		if !ok || ci.entries[0] < 0 {
			return nil, false
		}
		ci.chunks, ci.indent = chunks, indent
		return ci, true
	}
	return convertDocument(src)
}

// convertDocument converts a whole index document (plain text) to JSON.
func convertDocument(src []byte) (*convertedIndex, bool) {
	y := &yconv{src: src, out: make([]byte, 0, len(src)+len(src)/4), keys: map[string]string{}}
	if !y.first() || y.c != y.ls || y.startsSeq() {
		return nil, false
	}
	segs, err := y.mapping(0)
	if err != nil || y.ls < len(src) {
		return nil, false
	}
	ci := &convertedIndex{json: y.out, entries: [2]int{-1, -1}}
	for _, s := range segs {
		if strings.EqualFold(s.key, "entries") && s.key != "entries" {
			return ci, true // which of two keys wins is the decoder's business: no per-chart view
		}
	}
	for _, s := range segs {
		if s.key == "entries" {
			ci.entries = [2]int{s.val, s.end}
			if s.children != nil {
				ci.charts = make(map[string][]byte, len(s.children))
				for _, cs := range s.children {
					ci.charts[cs.key] = y.out[cs.val:cs.end]
				}
			}
		}
	}
	return ci, true
}

// splitEntries finds the lines of the top-level "entries:" block mapping and cuts them into one
// chunk per chart (its key line at the block's indentation, and the lines up to the next); nil
// chunks when the layout is not that plain (the whole document is then converted in one piece).
// A chart's value never reaches a line at the block's indentation other than its own "- " items:
// everything inside it is indented more, so chunks convert alone as they would together.
func splitEntries(src []byte) (start, end int, chunks [][]byte, indent int) {
	start = -1
	for p := 0; p < len(src); {
		e := bytes.IndexByte(src[p:], '\n')
		if e < 0 {
			e = len(src)
		} else {
			e += p
		}
		line := src[p:e]
		switch {
		case len(line) == 0 || line[0] == ' ' || line[0] == '#':
		case start >= 0 && end < 0:
			end = p
		case bytes.Equal(bytes.TrimRight(line, " "), []byte("entries:")):
			if start >= 0 {
				return 0, 0, nil, 0 // twice: the strict decoder's error
			}
			start, end = p, -1
		}
		p = e + 1
	}
	if start < 0 {
		return 0, 0, nil, 0
	}
	if end < 0 {
		end = len(src)
	}
	body := start + bytes.IndexByte(src[start:], '\n') + 1
	if body <= start || body >= end {
		return 0, 0, nil, 0
	}
	indent = -1
	chunkStart := -1
	for p := body; p < end; {
		e := bytes.IndexByte(src[p:end], '\n')
		if e < 0 {
			e = end
		} else {
			e += p
		}
		c := p
		for c < e && src[c] == ' ' {
			c++
		}
		if c < e && src[c] != '#' {
			if indent < 0 {
				indent = c - p
			}
			at := c - p
			if at < indent {
				return 0, 0, nil, 0
			}
			if at == indent && !(src[c] == '-' && (c+1 == e || src[c+1] == ' ')) {
				if chunkStart >= 0 {
					chunks = append(chunks, src[chunkStart:p])
				}
				chunkStart = p
			}
		}
		p = e + 1
	}
	if indent <= 0 || chunkStart < 0 {
		return 0, 0, nil, 0
	}
	chunks = append(chunks, src[chunkStart:min(end, len(src))])
	return start, end, chunks, indent
}

// convertChunk converts one chart's chunk: its name and its entries' JSON.
func convertChunk(chunk []byte, indent int, keys map[string]string) (string, []byte, bool) {
	y := &yconv{src: chunk, out: make([]byte, 0, len(chunk)+len(chunk)/8), keys: keys}
	if !y.first() || y.indent() != indent || y.startsSeq() {
		return "", nil, false
	}
	segs, err := y.mapping(indent)
	if err != nil || !y.atEnd() || len(segs) != 1 {
		return "", nil, false
	}
	return segs[0].key, y.out[segs[0].val:segs[0].end], true
}

// plainText tells whether src is valid UTF-8 with only characters go-yaml reads as themselves in
// every context: no tabs, carriage returns, control characters, byte order marks or the Unicode
// line breaks that YAML 1.1 honours.
func plainText(src []byte) bool {
	if !utf8.Valid(src) {
		return false
	}
	for i, b := range src {
		if !suspect[b] {
			continue
		}
		if b < utf8.RuneSelf {
			return false // a control character
		}
		r, _ := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError || (r >= 0x80 && r <= 0x9f) || r == 0x2028 || r == 0x2029 || r == 0xfeff ||
			r == 0xfffe || r == 0xffff {
			return false
		}
	}
	return true
}

// suspect marks the control characters (but the line feed) and the lead bytes of the characters
// plainText refuses (C1 controls, U+2028, U+2029, U+FEFF, U+FFFD-U+FFFF).
var suspect = func() (t [256]bool) {
	for b := 0; b < 0x20; b++ {
		t[b] = b != '\n'
	}
	t[0x7f], t[0xc2], t[0xe2], t[0xef] = true, true, true, true
	return t
}()

// first moves to the first line with content.
func (y *yconv) first() bool {
	y.e = -1
	return y.nextFrom(0)
}

// next moves to the next line with content (skipping blank and comment lines); false at the end.
func (y *yconv) next() bool {
	return y.nextFrom(y.e + 1)
}

func (y *yconv) nextFrom(p int) bool {
	for p < len(y.src) {
		e := bytes.IndexByte(y.src[p:], '\n')
		if e < 0 {
			e = len(y.src)
		} else {
			e += p
		}
		c := p
		for c < e && y.src[c] == ' ' {
			c++
		}
		if c < e && y.src[c] != '#' {
			y.ls, y.c, y.e = p, c, e
			return true
		}
		p = e + 1
	}
	y.ls, y.c, y.e = len(y.src), len(y.src), len(y.src)
	return false
}

func (y *yconv) indent() int { return y.c - y.ls }

func (y *yconv) atEnd() bool { return y.ls >= len(y.src) }

// startsSeq tells whether the current node is a sequence item ("-" then a space or the line's end).
func (y *yconv) startsSeq() bool {
	return y.src[y.c] == '-' && (y.c+1 == y.e || y.src[y.c+1] == ' ')
}

// seg is one key of a converted mapping: its key, where `"key":value` starts, where the value starts
// and ends in the output, and (for mappings) the segments of the value's own keys.
type seg struct {
	key             string
	start, val, end int
	children        []seg
}

// block converts the block node that starts at the current position (a mapping or a sequence).
func (y *yconv) block() ([]seg, error) {
	if y.startsSeq() {
		return nil, y.sequence(y.indent())
	}
	return y.mapping(y.indent())
}

// mapping converts the block mapping whose keys are at indentation ind, starting at the current
// node; it ends on the first line indented less (or at the end).
func (y *yconv) mapping(ind int) ([]seg, error) {
	y.out = append(y.out, '{')
	var segs []seg
	for {
		colon := y.keyEnd()
		if colon < 0 {
			return nil, errNotRegular
		}
		key := y.intern(y.src[y.c:colon])
		if !plainKey(key) {
			return nil, errNotRegular
		}
		if len(segs) > 0 {
			y.out = append(y.out, ',')
		}
		s := seg{key: key, start: len(y.out)}
		y.out = appendJSONString(y.out, key)
		y.out = append(y.out, ':')
		s.val = len(y.out)
		p := colon + 1
		for p < y.e && y.src[p] == ' ' {
			p++
		}
		if p == y.e || y.src[p] == '#' {
			if p < y.e && p == colon+1 {
				return nil, errNotRegular // "key:#x" is a plain scalar, not a comment
			}
			children, err := y.nested(ind)
			if err != nil {
				return nil, err
			}
			s.children = children
		} else if err := y.inline(p, ind); err != nil {
			return nil, err
		}
		s.end = len(y.out)
		segs = append(segs, s)
		if y.atEnd() || y.indent() < ind {
			break
		}
		if y.indent() > ind || y.startsSeq() {
			return nil, errNotRegular
		}
	}
	y.out = append(y.out, '}')
	return y.sortKeys(segs)
}

// nested converts the value of a key with nothing after its colon: the block on the following
// lines (more indented, or a sequence at the key's own indentation), or null.
func (y *yconv) nested(ind int) ([]seg, error) {
	if !y.next() || y.indent() < ind || (y.indent() == ind && !y.startsSeq()) {
		y.out = append(y.out, "null"...)
		return nil, nil
	}
	if y.indent() == ind {
		return nil, y.sequence(ind)
	}
	return y.block()
}

// sequence converts the block sequence whose "-" are at indentation ind.
func (y *yconv) sequence(ind int) error {
	y.out = append(y.out, '[')
	for n := 0; ; n++ {
		if n > 0 {
			y.out = append(y.out, ',')
		}
		p := y.c + 1
		for p < y.e && y.src[p] == ' ' {
			p++
		}
		switch {
		case p == y.e || y.src[p] == '#':
			if p < y.e && p == y.c+1 {
				return errNotRegular
			}
			if !y.next() || y.indent() <= ind {
				y.out = append(y.out, "null"...)
			} else if _, err := y.block(); err != nil {
				return err
			}
		default:
			y.c = p
			if y.startsSeq() {
				if err := y.sequence(y.indent()); err != nil {
					return err
				}
			} else if y.keyEnd() >= 0 {
				if _, err := y.mapping(y.indent()); err != nil {
					return err
				}
			} else if err := y.inline(p, ind); err != nil {
				return err
			}
		}
		if y.atEnd() || y.indent() < ind {
			break
		}
		if y.indent() > ind {
			return errNotRegular
		}
		if !y.startsSeq() {
			break // the parent mapping's next key, at the sequence's own indentation
		}
	}
	y.out = append(y.out, ']')
	return nil
}

// keyEnd returns the position of the colon that ends a plain key starting at the current node
// ("key:" then a space or the line's end), or -1.
func (y *yconv) keyEnd() int {
	switch y.src[y.c] {
	case '"', '\'', '[', '{', '?', '&', '*', '!', '|', '>', '%', '@', '`', '#', ',', ']', '}':
		return -1
	}
	for p := y.c; p < y.e; p++ {
		if y.src[p] == ':' && (p+1 == y.e || y.src[p+1] == ' ') {
			return p
		}
		if y.src[p] == '#' && p > y.c && y.src[p-1] == ' ' {
			return -1
		}
	}
	return -1
}

// plainKey tells whether a plain key is read by go-yaml as exactly this string.
func plainKey(k string) bool {
	if k == "" || k[len(k)-1] == ' ' || k == "<<" || (k[0] == '-' && (len(k) == 1 || k[1] == ' ')) {
		return false
	}
	return resolvesToString(k)
}

// sortKeys orders a mapping's keys as encoding/json orders a map's, which is what
// sigs.k8s.io/yaml's conversion writes; a duplicate key makes go-yaml's strict mode fail.
func (y *yconv) sortKeys(segs []seg) ([]seg, error) {
	sorted := sort.SliceIsSorted(segs, func(i, j int) bool { return segs[i].key < segs[j].key })
	if !sorted {
		order := slices.Clone(segs)
		sort.Slice(order, func(i, j int) bool { return order[i].key < order[j].key })
		start, end := segs[0].start, segs[len(segs)-1].end
		body := make([]byte, 0, end-start)
		for i, s := range order {
			if i > 0 {
				body = append(body, ',')
			}
			shift := len(body) + start - s.start
			body = append(body, y.out[s.start:s.end]...)
			order[i].start += shift
			order[i].val += shift
			order[i].end += shift
			for j := range order[i].children {
				order[i].children[j].start += shift
				order[i].children[j].val += shift
				order[i].children[j].end += shift
			}
		}
		copy(y.out[start:end], body)
		segs = order
	}
	for i := 1; i < len(segs); i++ {
		if segs[i].key == segs[i-1].key {
			return nil, errNotRegular
		}
	}
	return segs, nil
}

// appendJSONString appends s as a JSON string (s is valid UTF-8).
func appendJSONString[T string | []byte](b []byte, s T) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		default:
			b = append(b, '\\', 'u', '0', '0', "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// The resolution of plain scalars, as go-yaml v2 (which sigs.k8s.io/yaml uses) does it.
