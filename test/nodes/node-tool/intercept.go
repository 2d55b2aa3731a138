package main

import (
	"bufio"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
)

// What a TLS-intercepting corporate proxy does, for the tests of the
// plugin's --ca-file: a CONNECT is answered, then the client's TLS is
// terminated here with a certificate for the requested host signed by the
// proxy's own CA, and the bytes are relayed over a second TLS connection to
// the real target, which this proxy verifies against -upstream-ca. A client
// that does not trust the proxy's CA fails its handshake (x509: unknown
// authority), exactly as a runtime does behind such a proxy.
type interception struct {
	leaf     tls.Certificate
	upstream *x509.CertPool
}

func loadInterception(certFile, keyFile, upstreamCA string) (*interception, error) {
	if certFile == "" && keyFile == "" && upstreamCA == "" {
		return nil, nil
	}
	if certFile == "" || keyFile == "" || upstreamCA == "" {
		return nil, errors.New("-intercept-cert, -intercept-key and -upstream-ca go together")
	}
	leaf, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, err
	}
	pem, err := os.ReadFile(upstreamCA)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, errors.New(upstreamCA + " holds no PEM certificate")
	}
	return &interception{leaf: leaf, upstream: pool}, nil
}

// relay terminates the client's TLS, opens TLS to the target and copies
// between the two. handshakes gets the first handshake that failed (naming
// which side) or nil, as soon as that is known: a runtime keeps idle
// connections open, so the end of the relay may come much later.
func (i *interception) relay(w http.ResponseWriter, upstream net.Conn, target string, handshakes func(error)) {
	conn, buffered, err := w.(http.Hijacker).Hijack()
	if err != nil {
		handshakes(err)
		return
	}
	defer conn.Close()
	if _, err := conn.Write([]byte("HTTP/1.1 200 Connection established\r\n\r\n")); err != nil {
		handshakes(err)
		return
	}
	// Bytes the server already read past the CONNECT belong to the handshake.
	client := tls.Server(bufferedConn{Conn: conn, reader: buffered.Reader}, &tls.Config{Certificates: []tls.Certificate{i.leaf}})
	if err := client.Handshake(); err != nil {
		handshakes(errors.New("client TLS handshake: " + err.Error()))
		return
	}
	defer client.Close()
	host, _, _ := strings.Cut(target, ":")
	server := tls.Client(upstream, &tls.Config{ServerName: host, RootCAs: i.upstream})
	if err := server.Handshake(); err != nil {
		handshakes(errors.New("upstream TLS handshake: " + err.Error()))
		return
	}
	handshakes(nil)
	done := make(chan struct{}, 2)
	go func() {
		_, _ = io.Copy(server, client)
		_ = server.CloseWrite()
		done <- struct{}{}
	}()
	go func() {
		_, _ = io.Copy(client, server)
		_ = client.CloseWrite()
		done <- struct{}{}
	}()
	<-done
	<-done
}

type bufferedConn struct {
	net.Conn
	reader *bufio.Reader
}

func (c bufferedConn) Read(p []byte) (int, error) {
	return c.reader.Read(p)
}
