package main

// A fast loader for repository index files. helm's repo.LoadIndexFile reads YAML with
// sigs.k8s.io/yaml: go-yaml builds a generic tree, the tree is re-encoded as JSON (objects with
// their keys sorted), and that JSON is decoded strictly into repo.IndexFile. On a bitnami-size
// index (16 MB, 18 000 entries) that costs seconds and hundreds of MiB.
//
// yamlIndexToJSON converts, in one pass over the bytes, the regular block YAML that `helm repo
// index` and common chart servers write into the same JSON that sigs.k8s.io/yaml would produce;
// the JSON is then decoded and checked exactly as helm does. Whatever the converter does not
// recognise with certainty — anchors, aliases, tags, flow collections, folded or multi-line
// scalars, tabs, control characters, invalid UTF-8, duplicate keys, a scalar go-yaml would read
// as a number or a date — makes it give up, and helm's own loader runs instead. So the result,
// the warnings and the errors are always helm's; only the time differs
// (go/index_fast_test.go compares both over generated, real and adversarial indexes).

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	chart "helm.sh/helm/v4/pkg/chart/v2"
	repo "helm.sh/helm/v4/pkg/repo/v1"
)

// loadedIndex is a parsed index with what cpphelm's caches need of it.
type loadedIndex struct {
	*repo.IndexFile
	// charts holds each chart's entries as a JSON array, as decoded (before helm's validation and
	// sorting), when the fast path read the index; nil after helm's loader.
	charts map[string][]byte
}

// loadIndexFast loads the index file at path with helm's result, warnings and errors; logged
// tells whether loading logged anything (an entry skipped as invalid), to handler h.
func loadIndexFast(path string, data []byte, h slog.Handler) (*loadedIndex, bool, error) {
	// A document in the subset is never valid JSON (helm decodes those as JSON).
	if data != nil {
		if ci, ok := yamlIndexToJSON(data); ok {
			if ind, ok := ci.decode(); ok {
				return &loadedIndex{ind, ci.charts}, false, nil
			}
		}
	}
	counter := &countingHandler{Handler: h}
	prev := slog.Default()
	slog.SetDefault(slog.New(counter))
	ind, err := repo.LoadIndexFile(path)
	slog.SetDefault(prev)
	logged := counter.records.Load() > 0
	if err != nil {
		return nil, logged, err
	}
	return &loadedIndex{ind, nil}, logged, nil
}

// decodeIndexJSON decodes converted JSON as sigs.k8s.io/yaml's UnmarshalStrict does and applies
// helm's checks (repo/v1 loadIndex); ok=false whenever helm would fail or log anything.
func decodeIndexJSON(b []byte) (*repo.IndexFile, bool) {
	ind := &repo.IndexFile{}
	if !decodeStrict(b, ind) || ind.APIVersion == "" {
		return nil, false
	}
	for _, cvs := range ind.Entries {
		if !checkVersions(cvs) {
			return nil, false
		}
	}
	ind.SortEntries()
	return ind, true
}

// decodeStrict decodes JSON into v as sigs.k8s.io/yaml's UnmarshalStrict does its JSON.
func decodeStrict(b []byte, v any) bool {
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	return d.Decode(&v) == nil
}

// checkVersions applies helm's loader's checks and defaults to one chart's entries; false when
// the loader would skip (and log) one.
func checkVersions(cvs repo.ChartVersions) bool {
	for _, v := range cvs {
		if v == nil {
			return false
		}
		if v.Metadata == nil {
			v.Metadata = &chart.Metadata{}
		}
		if v.APIVersion == "" {
			v.APIVersion = chart.APIVersionV1
		}
		if err := v.Validate(); err != nil && !skippableValidation(err) {
			return false
		}
	}
	return true
}

// decode is decodeIndexJSON of the converted index, with the charts decoded in parallel.
func (ci *convertedIndex) decode() (*repo.IndexFile, bool) {
	if ci.entries[0] < 0 {
		return decodeIndexJSON(ci.json)
	}
	top := make([]byte, 0, len(ci.json)-(ci.entries[1]-ci.entries[0])+2)
	top = append(append(append(top, ci.json[:ci.entries[0]]...), "{}"...), ci.json[ci.entries[1]:]...)
	ind := &repo.IndexFile{}
	if !decodeStrict(top, ind) || ind.APIVersion == "" || ind.Entries == nil {
		return nil, false
	}
	names := make([]string, 0, len(ci.charts))
	for name := range ci.charts {
		names = append(names, name)
	}
	decoded := make([]repo.ChartVersions, len(names))
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(names) && !failed.Load(); i = int(next.Add(1) - 1) {
				var cvs repo.ChartVersions
				if !decodeStrict(ci.charts[names[i]], &cvs) || !checkVersions(cvs) {
					failed.Store(true)
					return
				}
				sort.Sort(sort.Reverse(cvs))
				decoded[i] = cvs
			}
		}()
	}
	wg.Wait()
	if failed.Load() {
		return nil, false
	}
	for i, name := range names {
		ind.Entries[name] = decoded[i]
	}
	return ind, true
}

// skippableValidation is the validation failure helm's index loader ignores (helm issue 12748).
func skippableValidation(err error) bool {
	var verr chart.ValidationError
	return errors.As(err, &verr) && strings.HasPrefix(verr.Error(), "validation: more than one dependency with name or alias")
}

// readIndexFile reads an index file; a nil slice when it cannot be read (helm's loader then
// reports why).
func readIndexFile(path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	return b
}

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

// convertedIndex is an index converted to JSON: the JSON, and when "entries" is a block mapping,
// the range of its value in the JSON and each chart's entries (a JSON array, or null).
type convertedIndex struct {
	json    []byte
	entries [2]int
	charts  map[string][]byte
}

// yamlIndexToJSON converts an index in the regular subset of block YAML to JSON with sorted keys;
// ok=false: not the subset.
func yamlIndexToJSON(src []byte) (*convertedIndex, bool) {
	if !plainText(src) {
		return nil, false
	}
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
		if s.key == "entries" && s.children != nil {
			ci.entries = [2]int{s.val, s.end}
			ci.charts = make(map[string][]byte, len(s.children))
			for _, cs := range s.children {
				ci.charts[cs.key] = y.out[cs.val:cs.end]
			}
		}
	}
	return ci, true
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

// inline converts the scalar that starts at p on the current line (the value of a key or a
// sequence item in a block at indentation ind) and moves past it.
func (y *yconv) inline(p, ind int) error {
	switch y.src[p] {
	case '\'', '"':
		return y.quoted(p, ind)
	case '|':
		return y.literal(p, ind)
	case '[', '{':
		if p+1 < y.e && y.src[p+1] == y.src[p]+2 && y.rest(p+2) {
			y.out = append(y.out, y.src[p], y.src[p]+2)
			y.next()
			return nil
		}
		return errNotRegular
	case '&', '*', '!', '>', '%', '@', '`', ',', ']', '}', '#':
		return errNotRegular
	case '-', '?', ':':
		if p+1 == y.e || y.src[p+1] == ' ' {
			return errNotRegular
		}
	}
	return y.plain(p, ind)
}

// plainLine returns the end of a plain scalar's text on the line [p, e) (before a comment and
// trailing spaces) and whether a comment follows; ok=false when the line holds what would end the
// scalar early (": ").
func (y *yconv) plainLine(p, e int) (end int, comment, ok bool) {
	end = e
	for q := p; q < e; q++ {
		if y.src[q] == '#' && q > p && y.src[q-1] == ' ' {
			end, comment = q, true
			break
		}
		if y.src[q] == ':' && (q+1 == e || y.src[q+1] == ' ') {
			return 0, false, false
		}
	}
	for end > p && y.src[end-1] == ' ' {
		end--
	}
	return end, comment, true
}

// plain converts a plain scalar: its first line, then the lines indented more than ind that
// continue it (folded: one line break is a space, n empty lines are n line breaks).
func (y *yconv) plain(p, ind int) error {
	end, comment, ok := y.plainLine(p, y.e)
	if !ok {
		return errNotRegular
	}
	text := y.src[p:end]
	var folded []byte
	stop := y.e + 1
	for blanks := 0; !comment && stop < len(y.src); {
		ls, c, e := y.rawLine(stop)
		if c == e {
			blanks++
			stop = e + 1
			continue
		}
		if c-ls <= ind || y.src[c] == '#' {
			break
		}
		if strings.IndexByte("-?:,[]{}#&*!|>'\"%@`", y.src[c]) >= 0 {
			return errNotRegular
		}
		var cend int
		if cend, comment, ok = y.plainLine(c, e); !ok {
			return errNotRegular
		}
		if folded == nil {
			folded = append([]byte(nil), text...)
		}
		folded = appendFold(folded, blanks)
		folded = append(folded, y.src[c:cend]...)
		blanks = 0
		stop = e + 1
	}
	if folded != nil {
		text = folded
	}
	switch {
	case resolvesToString(text):
		y.out = appendJSONString(y.out, text)
	case isNull(string(text)):
		y.out = append(y.out, "null"...)
	case isBool(string(text)) != 0:
		y.out = strconv.AppendBool(y.out, isBool(string(text)) > 0)
	default:
		return errNotRegular // a number or a date: sigs.k8s.io/yaml converts those by the target's type
	}
	y.nextFrom(stop)
	return nil
}

// appendFold appends what a line break followed by blanks empty lines folds to.
func appendFold(b []byte, blanks int) []byte {
	if blanks == 0 {
		return append(b, ' ')
	}
	for ; blanks > 0; blanks-- {
		b = append(b, '\n')
	}
	return b
}

// rawLine returns the line starting at p: its start, where its content starts (after the
// indentation) and its end; c == e for a blank line.
func (y *yconv) rawLine(p int) (ls, c, e int) {
	e = bytes.IndexByte(y.src[p:], '\n')
	if e < 0 {
		e = len(y.src)
	} else {
		e += p
	}
	c = p
	for c < e && y.src[c] == ' ' {
		c++
	}
	return p, c, e
}

// rest tells whether the current line holds nothing but spaces or a comment from p on.
func (y *yconv) rest(p int) bool {
	for p < y.e && y.src[p] == ' ' {
		p++
	}
	return p == y.e || (y.src[p] == '#' && y.src[p-1] == ' ')
}

// quoted converts a single- or double-quoted scalar; lines after its first must be indented
// more than ind (they are folded as in plain scalars; a double-quoted line ending in "\" joins
// the next without a space).
func (y *yconv) quoted(p, ind int) error {
	quote := y.src[p]
	b := y.scratch[:0]
	trail := 0 // spaces at the end of b that a line break removes (not escaped ones)
	q, e := p+1, y.e
	for {
		joined := false
		for q < e {
			ch := y.src[q]
			switch {
			case ch == quote && quote == '\'' && q+1 < e && y.src[q+1] == '\'':
				b = append(b, '\'')
				q += 2
				trail = 0
				continue
			case ch == quote:
				y.e = e
				if !y.rest(q + 1) {
					return errNotRegular
				}
				y.out = appendJSONString(y.out, b)
				y.scratch = b[:0]
				y.next()
				return nil
			case ch == '\\' && quote == '"':
				if q+1 == e {
					joined = true
					q++
					continue
				}
				n, ok := y.escape(q+1, e, &b)
				if !ok {
					return errNotRegular
				}
				q += 1 + n
				trail = 0
				continue
			}
			b = append(b, ch)
			if ch == ' ' {
				trail++
			} else {
				trail = 0
			}
			q++
		}
		if !joined {
			b = b[:len(b)-trail]
		}
		trail = 0
		blanks := 0
		next := e + 1
		for {
			if next >= len(y.src) {
				return errNotRegular // never closed
			}
			ls, c, le := y.rawLine(next)
			if c == le {
				blanks++
				next = le + 1
				continue
			}
			if c-ls <= ind || (joined && blanks > 0) {
				return errNotRegular
			}
			if !joined {
				b = appendFold(b, blanks)
			}
			q, e = c, le
			break
		}
	}
}

// escape decodes the escape sequence after a backslash at q (before e) onto b; it returns the
// sequence's length.
func (y *yconv) escape(q, e int, b *[]byte) (int, bool) {
	if r, ok := simpleEscapes[y.src[q]]; ok {
		*b = utf8.AppendRune(*b, r)
		return 1, true
	}
	width := 0
	switch y.src[q] {
	case 'x':
		width = 2
	case 'u':
		width = 4
	case 'U':
		width = 8
	default:
		return 0, false
	}
	if q+width >= e {
		return 0, false
	}
	v, err := strconv.ParseUint(string(y.src[q+1:q+1+width]), 16, 32)
	if err != nil || !utf8.ValidRune(rune(v)) {
		return 0, false
	}
	*b = utf8.AppendRune(*b, rune(v))
	return 1 + width, true
}

// simpleEscapes are go-yaml's one-character escapes in double-quoted scalars.
var simpleEscapes = map[byte]rune{
	'0': 0, 'a': '\a', 'b': '\b', 't': '\t', 'n': '\n', 'v': '\v', 'f': '\f', 'r': '\r', 'e': 0x1b,
	' ': ' ', '"': '"', '\'': '\'', '\\': '\\', 'N': 0x85, '_': 0xa0, 'L': 0x2028, 'P': 0x2029,
}

// literal converts a literal block scalar ("|" with an optional chomping indicator "-" or "+" and
// indentation indicator 1-9, alone after its key) whose lines are indented more than ind.
func (y *yconv) literal(p, ind int) error {
	chomp, contentInd := byte(0), -1
	q := p + 1
	for i := 0; i < 2 && q < y.e; i++ {
		switch ch := y.src[q]; {
		case (ch == '-' || ch == '+') && chomp == 0:
			chomp = ch
			q++
		case ch >= '1' && ch <= '9' && contentInd < 0:
			contentInd = ind + int(ch-'0')
			q++
		}
	}
	for q < y.e && y.src[q] == ' ' {
		q++
	}
	if q != y.e || y.e >= len(y.src) {
		return errNotRegular
	}
	b := y.scratch[:0]
	lines := 0
	blankRun := 0
	pos := y.e + 1
	for pos < len(y.src) {
		ls, c, e := y.rawLine(pos)
		if e == len(y.src) {
			return errNotRegular // the last line has no line break: go-yaml's chomping differs there
		}
		if c == e { // a blank line
			if (contentInd < 0 && lines == 0) || c-ls > contentInd {
				return errNotRegular
			}
			blankRun++
			pos = e + 1
			continue
		}
		if contentInd < 0 {
			contentInd = c - ls
			if contentInd <= ind {
				return errNotRegular
			}
		}
		if c-ls < contentInd {
			if c-ls > ind {
				return errNotRegular
			}
			break
		}
		if lines > 0 {
			b = append(b, '\n')
		}
		for ; blankRun > 0; blankRun-- {
			b = append(b, '\n')
		}
		b = append(b, y.src[ls+contentInd:e]...)
		lines++
		pos = e + 1
	}
	if lines == 0 {
		return errNotRegular
	}
	switch chomp {
	case 0:
		b = append(b, '\n')
	case '+':
		for i := 0; i <= blankRun; i++ {
			b = append(b, '\n')
		}
	}
	y.out = appendJSONString(y.out, b)
	y.scratch = b[:0]
	y.nextFrom(pos)
	return nil
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

func isNull(s string) bool {
	switch s {
	case "", "~", "null", "Null", "NULL":
		return true
	}
	return false
}

// isBool is 1 for go-yaml's true words, -1 for its false words, 0 otherwise.
func isBool(s string) int {
	switch s {
	case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON":
		return 1
	case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF":
		return -1
	}
	return 0
}

// resolvesToString tells whether go-yaml resolves the plain scalar s to the string s (and not to
// null, a boolean, a number or a date; "<<" is a merge only as a key). It errs on the side of "no".
func resolvesToString[T string | []byte](s T) bool {
	if len(s) == 0 {
		return false
	}
	switch s[0] {
	case '+', '-', '.', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return !numberOrDate(string(s))
	case 'y', 'Y', 'n', 'N', 't', 'T', 'f', 'F', 'o', 'O', '~':
		return !isNull(string(s)) && isBool(string(s)) == 0
	}
	return true
}

// numberOrDate tells whether a scalar starting with a sign, a digit or a dot may be read by go-yaml
// as anything but a string.
func numberOrDate(s string) bool {
	switch s {
	case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF":
		return true
	}
	if s[0] == '.' {
		_, err := strconv.ParseFloat(s, 64)
		return err == nil
	}
	if looksLikeDate(s) {
		return true
	}
	plain := strings.ReplaceAll(s, "_", "")
	if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
		return true
	}
	if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
		return true
	}
	if yamlFloat.MatchString(plain) {
		if _, err := strconv.ParseFloat(plain, 64); err == nil {
			return true
		}
	}
	if bin, ok := strings.CutPrefix(plain, "0b"); ok {
		_, err1 := strconv.ParseInt(bin, 2, 64)
		_, err2 := strconv.ParseUint(bin, 2, 64)
		return err1 == nil || err2 == nil
	}
	if bin, ok := strings.CutPrefix(plain, "-0b"); ok {
		_, err := strconv.ParseInt("-"+bin, 2, 64)
		return err == nil
	}
	return false
}

// yamlFloat is go-yaml's syntax of a float.
var yamlFloat = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)

// looksLikeDate is go-yaml's quick check for its timestamp formats (four digits and a dash); every
// scalar it accepts is treated as a possible date.
func looksLikeDate(s string) bool {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i == 4 && i < len(s) && s[i] == '-'
}
