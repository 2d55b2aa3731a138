// The node tool: the small programs the real-node tests need and no Debian
// package provides, in one static binary with only the standard library.
//
//	node-tool proxy ...     HTTP proxy (CONNECT and plain) that logs every request
//	node-tool registry ...  read-only TLS image registry over a folder
//	node-tool mkimage ...   writes an image as a docker archive and as registry content
//	node-tool cert ...      a CA and a server certificate signed by it
//
// Run under the name "pause" (the pause image's /pause), it is the pause
// container: it sleeps until it is told to stop.
package main

import (
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	if filepath.Base(os.Args[0]) == "pause" {
		pause()
		return
	}
	if len(os.Args) < 2 {
		usage()
	}
	commands := map[string]func([]string) error{
		"proxy":    runProxy,
		"registry": runRegistry,
		"mkimage":  runMkimage,
		"cert":     runCert,
	}
	command, ok := commands[os.Args[1]]
	if !ok {
		usage()
	}
	if err := command(os.Args[2:]); err != nil {
		fmt.Fprintf(os.Stderr, "node-tool %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: node-tool proxy|registry|mkimage|cert [flags]")
	os.Exit(2)
}
