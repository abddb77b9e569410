package cli_test

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/trustcloud/trustcloud/internal/cli"
)

// TestCLILinksNoNetworkCode: the trustcloud command cannot reach the
// network because no package it is built from can: none imports net/http,
// crypto/tls or golang.org/x/net, and package net only reaches it through
// crypto/x509 (IP addresses in certificates; it opens no connection).
func TestCLILinksNoNetworkCode(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("go is needed to list the packages of the CLI: %v", err)
	}
	out, err := exec.Command(goBin, "list", "-deps", "-f", `{{.ImportPath}} {{join .Imports " "}}`,
		"github.com/trustcloud/trustcloud/cmd/trustcloud").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	network := func(p string) bool {
		return p == "net" || p == "crypto/tls" || p == "net/rpc" || p == "net/smtp" || strings.HasPrefix(p, "net/http") ||
			strings.HasPrefix(p, "golang.org/x/net/") || strings.HasPrefix(p, "vendor/golang.org/x/net/") || strings.HasPrefix(p, "google.golang.org/grpc")
	}
	allowed := map[string]bool{"crypto/x509 net": true}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 50 {
		t.Fatalf("go list gave %d packages", len(lines))
	}
	for _, line := range lines {
		pkg, imports, _ := strings.Cut(line, " ")
		// The network packages import one another; what matters is
		// who imports them.
		if pkg == "net" || strings.HasPrefix(pkg, "net/") || strings.HasPrefix(pkg, "vendor/") {
			continue
		}
		for _, imp := range strings.Fields(imports) {
			if network(imp) && !allowed[pkg+" "+imp] {
				t.Errorf("%s imports %s", pkg, imp)
			}
		}
	}
}

// TestBinaryPlanMakesNoNetworkCall reads a binary plan through real
// Terraform with every proxy variable pointing at a local listener, which
// records any connection. trustcloud runs `terraform show -json`; Terraform
// asks checkpoint.hashicorp.com for news unless CHECKPOINT_DISABLE is set,
// so the terraform given to trustcloud runs `terraform version` (which
// waits for that answer) before the real command. trustcloud must make
// the run silent; the same terraform run directly must be heard, or the
// listener proves nothing.
func TestBinaryPlanMakesNoNetworkCall(t *testing.T) {
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tf == "" {
		var err error
		if tf, err = exec.LookPath("terraform"); err != nil {
			t.Fatalf("terraform is needed to make a binary plan (install Terraform >= 1.8 or set TF_ACC_TERRAFORM_PATH): %v", err)
		}
	}
	dir := t.TempDir()
	work := filepath.Join(dir, "work")
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "main.tf"), []byte("resource \"terraform_data\" \"app\" {\n  input = \"eu-west-3\"\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A fresh home: no checkpoint cache, no CLI configuration.
	home := func(name string) string {
		h := filepath.Join(dir, name)
		if err := os.MkdirAll(h, 0o755); err != nil {
			t.Fatal(err)
		}
		return h
	}
	base := []string{"TF_CLI_CONFIG_FILE=/dev/null", "TF_IN_AUTOMATION=1"}
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch strings.ToUpper(k) {
		case "CHECKPOINT_DISABLE", "HOME", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "TF_CLI_CONFIG_FILE", "TF_DATA_DIR":
			continue
		}
		base = append(base, kv)
	}
	setup := append(append([]string{}, base...), "HOME="+home("setup"), "CHECKPOINT_DISABLE=1")
	for _, args := range [][]string{{"init", "-input=false", "-no-color"}, {"plan", "-input=false", "-no-color", "-out=plan.tfplan"}} {
		cmd := exec.Command(tf, args...)
		cmd.Dir, cmd.Env = work, setup
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("terraform %s: %v\n%s", args[0], err, out)
		}
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = ln.Close() }()
	var mu sync.Mutex
	var seen []string
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			_ = c.SetReadDeadline(time.Now().Add(2 * time.Second))
			buf := make([]byte, 200)
			n, _ := c.Read(buf)
			mu.Lock()
			seen = append(seen, strconv.Quote(string(buf[:n])))
			mu.Unlock()
			_ = c.Close()
		}
	}()
	connections := func() []string {
		time.Sleep(300 * time.Millisecond) // let the listener log a late call
		mu.Lock()
		defer mu.Unlock()
		out := seen
		seen = nil
		return out
	}
	proxy := "http://" + ln.Addr().String()
	proxied := func(name string) []string {
		env := append([]string{}, base...)
		for _, k := range []string{"HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"} {
			env = append(env, k+"="+proxy)
		}
		return append(env, "NO_PROXY=", "no_proxy=", "HOME="+home(name))
	}
	wrapper := filepath.Join(dir, "terraform")
	script := "#!/bin/sh\n" + strconv.Quote(tf) + " version >/dev/null 2>&1\nexec " + strconv.Quote(tf) + " \"$@\"\n"
	if err := os.WriteFile(wrapper, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}

	r := runBinary(t, work, proxied("trustcloud"), "", "check", "--terraform", wrapper, "plan.tfplan")
	if r.code != cli.ExitOK || !strings.Contains(r.stdout, "1 resource") {
		t.Fatalf("trustcloud check plan.tfplan: %s", r)
	}
	if got := connections(); len(got) > 0 {
		t.Errorf("connections while trustcloud read the binary plan: %v", got)
	}

	cmd := exec.Command(wrapper, "show", "-json", "plan.tfplan")
	cmd.Dir, cmd.Env = work, proxied("direct")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("terraform show: %v\n%s", err, out)
	}
	if got := connections(); len(got) == 0 {
		t.Errorf("the listener heard nothing from %s run without CHECKPOINT_DISABLE, so it cannot tell a network call: this test needs HashiCorp Terraform, whose `version` asks checkpoint-api.hashicorp.com", tf)
	}
}
