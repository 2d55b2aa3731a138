package main

import (
	"errors"
	"flag"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// A read-only registry (the part of the distribution API a pull uses) over
// the folder mkimage writes: DIR/<name>/manifests/<tag or digest> and
// DIR/blobs/<digest>.
func runRegistry(args []string) error {
	flags := flag.NewFlagSet("registry", flag.ContinueOnError)
	listen := flags.String("listen", "127.0.0.1:0", "address to listen on")
	dir := flags.String("dir", "", "content folder")
	cert := flags.String("cert", "", "server certificate (PEM)")
	key := flags.String("key", "", "server key (PEM)")
	portFile := flags.String("port-file", "", "write the port it listens on here once it listens")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if *dir == "" || *cert == "" || *key == "" {
		return errors.New("-dir, -cert and -key are required")
	}
	listener, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	if err := writePortFile(*portFile, listener); err != nil {
		return err
	}
	server := &http.Server{Handler: registry{dir: *dir}, ReadHeaderTimeout: 30 * time.Second}
	return server.ServeTLS(listener, *cert, *key)
}

type registry struct{ dir string }

const manifestType = "application/vnd.docker.distribution.manifest.v2+json"

func (reg registry) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "read-only registry", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Docker-Distribution-API-Version", "registry/2.0")
	path := strings.TrimPrefix(r.URL.Path, "/v2/")
	if path == "" || r.URL.Path == "/v2" {
		w.WriteHeader(http.StatusOK)
		return
	}
	var file, contentType, digest string
	if name, reference, ok := cutLast(path, "/manifests/"); ok {
		file = filepath.Join(reg.dir, filepath.FromSlash(name), "manifests", reference)
		contentType = manifestType
	} else if _, blob, ok := cutLast(path, "/blobs/"); ok {
		file = filepath.Join(reg.dir, "blobs", blob)
		contentType = "application/octet-stream"
		digest = blob
	} else {
		http.NotFound(w, r)
		return
	}
	if strings.Contains(path, "..") {
		http.NotFound(w, r)
		return
	}
	content, err := os.Open(file)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer content.Close()
	if digest == "" {
		if data, err := os.ReadFile(file + ".digest"); err == nil {
			digest = strings.TrimSpace(string(data))
		}
	}
	w.Header().Set("Content-Type", contentType)
	if digest != "" {
		w.Header().Set("Docker-Content-Digest", digest)
	}
	http.ServeContent(w, r, "", time.Time{}, content)
}

func cutLast(s, sep string) (string, string, bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return "", "", false
	}
	return s[:i], s[i+len(sep):], true
}
