package main

// cpphelm's own cache files ($HELM_CACHE_HOME/cpphelm-search/, $HELM_CACHE_HOME/cpphelm-memory/).
// A cache only ever saves work: a file that is missing, unreadable, not a regular file, of another
// format, kind or helm library, made from other source content, truncated or otherwise damaged is
// ignored, and the caller does what helm does (parses the source). Writing is best effort and
// silent: a read-only or full cache directory just means no cache. A file is written whole to a
// temporary file beside it and renamed into place, so a reader (in any process) sees either the
// old file or the new one, never a part.
//
// Layout: the line "cpphelm-cache <format> <kind> <helm library version>\n", the SHA-256 of the
// source content (32 bytes), the payload's length (8 bytes, big-endian) and its CRC-32C (4 bytes,
// big-endian), then the payload.

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"syscall"

	helmversion "helm.sh/helm/v4/internal/version"

	"helm.sh/helm/v4/pkg/helmpath"
)

// cacheFormat changes whenever the layout or the meaning of a cache's payload changes.
const cacheFormat = 2

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// cacheHeader is the first line of every cache file of this kind written by this build.
func cacheHeader(kind string) []byte {
	return fmt.Appendf(nil, "cpphelm-cache %d %s %s\n", cacheFormat, kind, helmversion.GetVersion())
}

// readCacheFile returns the payload of the cache file at path when it is whole, of this format,
// kind and helm library, and made from source content with hash source; ok=false otherwise.
func readCacheFile(path, kind string, source [32]byte) (payload []byte, ok bool) {
	b, err := readRegularFile(path)
	if err != nil {
		return nil, false
	}
	return parseCacheFile(b, kind, source)
}

// parseCacheFile returns the payload of cache file content b under the same conditions.
func parseCacheFile(b []byte, kind string, source [32]byte) (payload []byte, ok bool) {
	h := cacheHeader(kind)
	if !bytes.HasPrefix(b, h) {
		return nil, false
	}
	b = b[len(h):]
	if len(b) < 44 || !bytes.Equal(b[:32], source[:]) {
		return nil, false
	}
	n, sum := binary.BigEndian.Uint64(b[32:40]), binary.BigEndian.Uint32(b[40:44])
	payload = b[44:]
	if uint64(len(payload)) != n || crc32.Checksum(payload, castagnoli) != sum {
		return nil, false
	}
	return payload, true
}

// readRegularFile reads a regular file; anything else (a directory, a FIFO that would block, a
// device that never ends) is an error.
func readRegularFile(path string) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", path)
	}
	return io.ReadAll(f)
}

// writeCacheFile stores payload, made from source content with hash source, as the cache file at
// path, atomically; any failure leaves the previous file (or none) and is not reported.
func writeCacheFile(path, kind string, source [32]byte, payload []byte) {
	writeCacheFileParts(path, kind, source, [][]byte{payload})
}

// writeCacheFileParts is writeCacheFile of the payload made of parts (written one after the other,
// never joined in memory).
func writeCacheFileParts(path, kind string, source [32]byte, parts [][]byte) {
	head := cacheFileHead(kind, source, parts)
	dir := filepath.Dir(path)
	if os.MkdirAll(dir, 0o755) != nil {
		return
	}
	f, err := os.CreateTemp(dir, ".cache-*")
	if err != nil {
		return
	}
	_, werr := f.Write(head)
	for _, part := range parts {
		if werr == nil {
			_, werr = f.Write(part)
		}
	}
	if cerr := f.Close(); werr != nil || cerr != nil || os.Rename(f.Name(), path) != nil {
		os.Remove(f.Name())
	}
}

// cacheFileHead is what a cache file holds before its payload (made of parts).
func cacheFileHead(kind string, source [32]byte, parts [][]byte) []byte {
	head := cacheHeader(kind)
	head = append(head, source[:]...)
	n, sum := 0, uint32(0)
	for _, part := range parts {
		n += len(part)
		sum = crc32.Update(sum, castagnoli, part)
	}
	head = binary.BigEndian.AppendUint64(head, uint64(n))
	return binary.BigEndian.AppendUint32(head, sum)
}

// cacheFileFor names the cache file of a source file in one of cpphelm's cache directories under
// $HELM_CACHE_HOME (one file per source path).
func cacheFileFor(dir, source, ext string) string {
	abs, err := filepath.Abs(source)
	if err != nil {
		abs = source
	}
	sum := sha256.Sum256([]byte(abs))
	return helmpath.CachePath(dir, hex.EncodeToString(sum[:16])+ext)
}
