package main

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// A forward proxy for the tests. Nodes have no DNS and no route anywhere: a
// host name they reach at all is reached through here, by -map. Every
// request is logged as one JSON line, so a test can prove that a pull went
// through the proxy, with which credentials.
type proxy struct {
	routes  map[string]string
	mapFile string
	pass    bool
	auth    string
	logFile io.Writer
	logMu   sync.Mutex
	// Set with -intercept-cert: CONNECTs are decrypted (see intercept.go).
	intercept *interception
}

type proxyLogLine struct {
	Time   string `json:"time"`
	Method string `json:"method"`
	Target string `json:"target"`
	Status int    `json:"status"`
	User   string `json:"user,omitempty"`
	Error  string `json:"error,omitempty"`
	// The CONNECT was decrypted with the proxy's own certificate.
	Intercepted bool `json:"intercepted,omitempty"`
}

func runProxy(args []string) error {
	flags := flag.NewFlagSet("proxy", flag.ContinueOnError)
	listen := flags.String("listen", "127.0.0.1:0", "address to listen on, or unix:PATH")
	logPath := flags.String("log", "", "file the JSON lines go to (appended)")
	routes := flags.String("map", "", "host:port=address:port,... where to connect for each target")
	mapFile := flags.String("map-file", "", "more -map entries, one per line, read again for every request")
	pass := flags.Bool("pass-unmapped", false, "connect to targets that -map does not name as they are (else 403)")
	auth := flags.String("auth", "", "user:password the clients must send (Proxy-Authorization: Basic)")
	portFile := flags.String("port-file", "", "write the port it listens on here once it listens")
	interceptCert := flags.String("intercept-cert", "", "decrypt CONNECTs: the certificate (PEM) shown to clients, signed by the proxy's own CA")
	interceptKey := flags.String("intercept-key", "", "the key of -intercept-cert")
	upstreamCA := flags.String("upstream-ca", "", "with -intercept-cert: the CA (PEM) the targets' certificates are checked against")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if *logPath == "" {
		return errors.New("-log is required")
	}
	logFile, err := os.OpenFile(*logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	intercept, err := loadInterception(*interceptCert, *interceptKey, *upstreamCA)
	if err != nil {
		return err
	}
	p := &proxy{routes: map[string]string{}, mapFile: *mapFile, pass: *pass, auth: *auth, logFile: logFile, intercept: intercept}
	if err := addRoutes(p.routes, strings.Split(*routes, ",")); err != nil {
		return err
	}
	listener, err := listenOn(*listen)
	if err != nil {
		return err
	}
	if err := writePortFile(*portFile, listener); err != nil {
		return err
	}
	server := &http.Server{Handler: p, ReadHeaderTimeout: 30 * time.Second}
	return server.Serve(listener)
}

func listenOn(address string) (net.Listener, error) {
	if path, ok := strings.CutPrefix(address, "unix:"); ok {
		_ = os.Remove(path)
		return net.Listen("unix", path)
	}
	return net.Listen("tcp", address)
}

// writePortFile tells the harness the listener is ready (and, for TCP, its port).
func writePortFile(path string, listener net.Listener) error {
	if path == "" {
		return nil
	}
	port := 0
	if tcp, ok := listener.Addr().(*net.TCPAddr); ok {
		port = tcp.Port
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(strconv.Itoa(port)+"\n"), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func addRoutes(routes map[string]string, entries []string) error {
	for _, entry := range entries {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		from, to, ok := strings.Cut(entry, "=")
		if !ok {
			return errors.New("map entries are host:port=address:port, got " + entry)
		}
		routes[from] = to
	}
	return nil
}

// route says where to connect for host:port, and whether it was mapped.
func (p *proxy) route(hostPort string) (string, bool) {
	if address, ok := p.routes[hostPort]; ok {
		return address, true
	}
	if p.mapFile == "" {
		return "", false
	}
	data, err := os.ReadFile(p.mapFile)
	if err != nil {
		return "", false
	}
	extra := map[string]string{}
	if addRoutes(extra, strings.Split(string(data), "\n")) != nil {
		return "", false
	}
	address, ok := extra[hostPort]
	return address, ok
}

func (p *proxy) log(line proxyLogLine) {
	line.Time = time.Now().UTC().Format(time.RFC3339Nano)
	data, _ := json.Marshal(line)
	p.logMu.Lock()
	defer p.logMu.Unlock()
	_, _ = p.logFile.Write(append(data, '\n'))
}

func (p *proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	line := proxyLogLine{Method: r.Method, Target: r.Host}
	if r.Method != http.MethodConnect {
		line.Target = r.URL.String()
	}
	user, password := proxyCredentials(r)
	line.User = user
	if p.auth != "" && user+":"+password != p.auth {
		line.Status = http.StatusProxyAuthRequired
		p.log(line)
		w.Header().Set("Proxy-Authenticate", `Basic realm="proxyinject test proxy"`)
		w.WriteHeader(http.StatusProxyAuthRequired)
		return
	}
	hostPort := r.Host
	if r.Method != http.MethodConnect && !strings.Contains(hostPort, ":") {
		hostPort += ":80"
	}
	address, mapped := p.route(hostPort)
	if !mapped {
		if !p.pass {
			line.Status = http.StatusForbidden
			line.Error = "no route for " + hostPort
			p.log(line)
			http.Error(w, line.Error, http.StatusForbidden)
			return
		}
		address = hostPort
	}
	upstream, err := net.DialTimeout("tcp", address, 10*time.Second)
	if err != nil {
		line.Status = http.StatusBadGateway
		line.Error = err.Error()
		p.log(line)
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer upstream.Close()
	if r.Method == http.MethodConnect && p.intercept != nil {
		// Logged once the handshakes are done: their outcome is the news.
		line.Status = http.StatusOK
		line.Intercepted = true
		p.intercept.relay(w, upstream, hostPort, func(err error) {
			if err != nil {
				line.Status = http.StatusBadGateway
				line.Error = err.Error()
			}
			p.log(line)
		})
		return
	}
	line.Status = http.StatusOK
	p.log(line)
	if r.Method == http.MethodConnect {
		p.tunnel(w, upstream)
		return
	}
	r.Header.Del("Proxy-Authorization")
	r.RequestURI = r.URL.RequestURI()
	if err := r.Write(upstream); err != nil {
		return
	}
	hijacked, buffered, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	defer hijacked.Close()
	_ = buffered.Flush()
	_, _ = io.Copy(hijacked, upstream)
}

func (p *proxy) tunnel(w http.ResponseWriter, upstream net.Conn) {
	client, buffered, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	defer client.Close()
	_, _ = client.Write([]byte("HTTP/1.1 200 Connection established\r\n\r\n"))
	done := make(chan struct{}, 2)
	go func() {
		_, _ = io.Copy(upstream, buffered)
		closeWrite(upstream)
		done <- struct{}{}
	}()
	go func() {
		_, _ = io.Copy(client, upstream)
		closeWrite(client)
		done <- struct{}{}
	}()
	<-done
	<-done
}

func closeWrite(conn net.Conn) {
	if tcp, ok := conn.(*net.TCPConn); ok {
		_ = tcp.CloseWrite()
	}
}

func proxyCredentials(r *http.Request) (string, string) {
	header := r.Header.Get("Proxy-Authorization")
	encoded, ok := strings.CutPrefix(header, "Basic ")
	if !ok {
		return "", ""
	}
	decoded, err := base64.StdEncoding.DecodeString(encoded)
	if err != nil {
		return "", ""
	}
	user, password, _ := strings.Cut(string(decoded), ":")
	return user, password
}
