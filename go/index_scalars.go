package main

// Scalars for index_yaml.go: plain, quoted and literal scalars as go-yaml v2 reads them, and its
// resolution of plain scalars (what is a string, a null, a boolean, a number or a date).

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

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
