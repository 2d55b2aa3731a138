package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// runMkimage turns one layer (a tar of a root filesystem) into a one-layer
// linux/amd64 image: a docker archive that `ctr images import` and
// `docker load` read, and/or registry content for `node-tool registry`.
func runMkimage(args []string) error {
	flags := flag.NewFlagSet("mkimage", flag.ContinueOnError)
	layerPath := flags.String("layer", "", "the layer: an uncompressed tar")
	ref := flags.String("ref", "", "image references, comma-separated; the registry gets the first")
	cmd := flags.String("cmd", "", "the image's command, comma-separated")
	dockerOut := flags.String("docker", "", "write a docker archive here")
	regdir := flags.String("regdir", "", "add the image to this registry content folder")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if *layerPath == "" || *ref == "" || (*dockerOut == "" && *regdir == "") {
		return errors.New("-layer, -ref and -docker or -regdir are required")
	}
	layer, err := os.ReadFile(*layerPath)
	if err != nil {
		return err
	}
	config, err := json.Marshal(map[string]any{
		"architecture": "amd64",
		"os":           "linux",
		"created":      "1970-01-01T00:00:00Z",
		"config": map[string]any{
			"Cmd": strings.Split(*cmd, ","),
			"Env": []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"},
		},
		"rootfs": map[string]any{"type": "layers", "diff_ids": []string{digestOf(layer)}},
	})
	if err != nil {
		return err
	}
	if *dockerOut != "" {
		if err := writeDockerArchive(*dockerOut, *ref, config, layer); err != nil {
			return err
		}
	}
	if *regdir != "" {
		first, _, _ := strings.Cut(*ref, ",")
		return addToRegistry(*regdir, first, config, layer)
	}
	return nil
}

func digestOf(data []byte) string {
	sum := sha256.Sum256(data)
	return "sha256:" + hex.EncodeToString(sum[:])
}

func writeDockerArchive(path, ref string, config, layer []byte) error {
	configName := strings.TrimPrefix(digestOf(config), "sha256:") + ".json"
	layerName := strings.TrimPrefix(digestOf(layer), "sha256:") + "/layer.tar"
	manifest, err := json.Marshal([]map[string]any{{
		"Config": configName, "RepoTags": strings.Split(ref, ","), "Layers": []string{layerName},
	}})
	if err != nil {
		return err
	}
	file, err := os.Create(path)
	if err != nil {
		return err
	}
	defer file.Close()
	archive := tar.NewWriter(file)
	for _, entry := range []struct {
		name string
		data []byte
	}{{configName, config}, {layerName, layer}, {"manifest.json", manifest}} {
		header := &tar.Header{Name: entry.name, Mode: 0o644, Size: int64(len(entry.data)), ModTime: time.Unix(0, 0), Typeflag: tar.TypeReg}
		if err := archive.WriteHeader(header); err != nil {
			return err
		}
		if _, err := archive.Write(entry.data); err != nil {
			return err
		}
	}
	return archive.Close()
}

func addToRegistry(dir, ref string, config, layer []byte) error {
	hostAndName, tag, ok := cutLast(ref, ":")
	if !ok || strings.Contains(tag, "/") {
		return errors.New("-ref needs a tag")
	}
	_, name, ok := strings.Cut(hostAndName, "/")
	if !ok {
		return errors.New("-ref needs a registry host")
	}
	var gzipped bytes.Buffer
	zw := gzip.NewWriter(&gzipped)
	if _, err := zw.Write(layer); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	manifest, err := json.Marshal(map[string]any{
		"schemaVersion": 2,
		"mediaType":     manifestType,
		"config": map[string]any{
			"mediaType": "application/vnd.docker.container.image.v1+json",
			"size":      len(config), "digest": digestOf(config),
		},
		"layers": []map[string]any{{
			"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
			"size":      gzipped.Len(), "digest": digestOf(gzipped.Bytes()),
		}},
	})
	if err != nil {
		return err
	}
	blobs := filepath.Join(dir, "blobs")
	manifests := filepath.Join(dir, filepath.FromSlash(name), "manifests")
	for _, folder := range []string{blobs, manifests} {
		if err := os.MkdirAll(folder, 0o755); err != nil {
			return err
		}
	}
	manifestDigest := digestOf(manifest)
	files := map[string][]byte{
		filepath.Join(blobs, digestOf(config)):          config,
		filepath.Join(blobs, digestOf(gzipped.Bytes())): gzipped.Bytes(),
		filepath.Join(blobs, manifestDigest):            manifest,
		filepath.Join(manifests, tag):                   manifest,
		filepath.Join(manifests, tag+".digest"):         []byte(manifestDigest),
		filepath.Join(manifests, manifestDigest):        manifest,
	}
	for path, data := range files {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
