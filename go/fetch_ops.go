package main

// Commands that fetch, publish or verify charts: pull, push, registry login/logout, verify. Each
// re-creates its helm pkg/cmd glue over pkg/action.

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/moby/term"

	"helm.sh/helm/v4/pkg/action"
	"helm.sh/helm/v4/pkg/registry"
)

// PullRequest is `helm pull CHART...`.
type PullRequest struct {
	Settings    Settings         `json:"settings"`
	ChartRefs   []string         `json:"chart_refs"`
	Chart       ChartPathOptions `json:"chart"`
	Devel       bool             `json:"devel"`
	Untar       bool             `json:"untar"`
	Prov        bool             `json:"prov"`
	UntarDir    string           `json:"untardir"`
	Destination string           `json:"destination"`
}

// PushRequest is `helm push CHART REMOTE`.
type PushRequest struct {
	Settings  Settings `json:"settings"`
	ChartPath string   `json:"chart_path"`
	Remote    string   `json:"remote"`
	DownloadOptions
}

// RegistryLoginRequest is `helm registry login HOST`; --insecure is InsecureSkipTLSVerify.
type RegistryLoginRequest struct {
	Settings Settings `json:"settings"`
	Host     string   `json:"host"`
	DownloadOptions
	PasswordStdin bool `json:"password_stdin"`
}

// RegistryLogoutRequest is `helm registry logout HOST`.
type RegistryLogoutRequest struct {
	Settings Settings `json:"settings"`
	Host     string   `json:"host"`
}

// VerifyRequest is `helm verify PATH`.
type VerifyRequest struct {
	Settings Settings `json:"settings"`
	Path     string   `json:"path"`
	Keyring  string   `json:"keyring"`
}

func init() {
	handle("pull", opPull)
	handle("push", opPush)
	handle("registry.login", opRegistryLogin)
	handle("registry.check", opRegistryCheck)
	handle("registry.logout", opRegistryLogout)
	handle("verify", opVerify)
}

func opPull(c *call, req *PullRequest) (any, error) {
	e := req.Settings.envSettings()
	client := action.NewPull(action.WithConfig(&action.Configuration{}))
	req.Chart.apply(&client.ChartPathOptions)
	client.Settings = e
	client.Devel, client.Untar, client.VerifyLater = req.Devel, req.Untar, req.Prov
	client.UntarDir, client.DestDir = req.UntarDir, req.Destination
	if client.Version == "" && client.Devel {
		slog.Debug("setting version to >0.0.0-0")
		client.Version = ">0.0.0-0"
	}
	if err := setRegistryClient(client, e, c, &req.Chart.DownloadOptions); err != nil {
		return nil, err
	}
	for _, ref := range req.ChartRefs {
		client.Settings = e
		cleanup := func() {}
		if client.RepoURL == "" {
			client.Settings, cleanup = chartIndexSettings(e, ref)
		}
		out, err := client.Run(ref)
		cleanup()
		if err != nil {
			return nil, err
		}
		fmt.Fprint(c, out)
	}
	return nil, nil
}

func opPush(c *call, req *PushRequest) (any, error) {
	e := req.Settings.envSettings()
	rc, err := newRegistryClient(e, c, &req.DownloadOptions)
	if err != nil {
		return nil, err
	}
	client := action.NewPushWithOpts(action.WithPushConfig(&action.Configuration{RegistryClient: rc}),
		action.WithTLSClientConfig(req.CertFile, req.KeyFile, req.CaFile),
		action.WithInsecureSkipTLSVerify(req.InsecureSkipTLSVerify),
		action.WithPlainHTTP(req.PlainHTTP),
		action.WithPushOptWriter(c))
	client.Settings = e
	out, err := client.Run(req.ChartPath, req.Remote)
	if err != nil {
		return nil, err
	}
	fmt.Fprint(c, out)
	return nil, nil
}

// registryConfig is helm's root action configuration as the registry commands see it: only the
// default registry client (stored credentials, no TLS options), printing to stdout.
func registryConfig(c *call, s *Settings) (*action.Configuration, error) {
	e := s.envSettings()
	rc, err := buildRegistryClient(e, c, &DownloadOptions{})
	if err != nil {
		return nil, err
	}
	return &action.Configuration{RegistryClient: rc}, nil
}

func opRegistryLogin(c *call, req *RegistryLoginRequest) (any, error) {
	cfg, err := registryConfig(c, &req.Settings)
	if err != nil {
		return nil, err
	}
	username, password, err := loginCredentials(req.Username, req.Password, req.PasswordStdin)
	if err != nil {
		return nil, err
	}
	return nil, action.NewRegistryLogin(cfg).Run(c, req.Host, username, password,
		action.WithCertFile(req.CertFile),
		action.WithKeyFile(req.KeyFile),
		action.WithCAFile(req.CaFile),
		action.WithInsecure(req.InsecureSkipTLSVerify),
		action.WithPlainHTTPLogin(req.PlainHTTP))
}

// loginCredentials is helm's getUsernamePassword: --password-stdin, else prompts on the terminal for
// what is missing; a password given on the command line draws helm's warning.
func loginCredentials(username, password string, fromStdin bool) (string, string, error) {
	var err error
	switch {
	case fromStdin:
		b, err := io.ReadAll(os.Stdin)
		if err != nil {
			return "", "", err
		}
		password = strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r")
	case password == "":
		if username == "" {
			if username, err = promptLine("Username: ", false); err != nil {
				return "", "", err
			}
			username = strings.TrimSpace(username)
		}
		prompt, missing := "Password: ", "password required"
		if username == "" {
			prompt, missing = "Token: ", "token required"
		}
		if password, err = promptLine(prompt, true); err != nil {
			return "", "", err
		} else if password == "" {
			return "", "", errors.New(missing)
		}
	default:
		slog.Warn("using --password via the CLI is insecure. Use --password-stdin")
	}
	return username, password, nil
}

// promptLine prints prompt on stdout and reads one line from stdin, without echo when silent.
func promptLine(prompt string, silent bool) (string, error) {
	out := eventWriter(eventStdout)
	fmt.Fprint(out, prompt)
	if silent {
		fd := os.Stdin.Fd()
		state, err := term.SaveState(fd)
		if err != nil {
			return "", err
		}
		term.DisableEcho(fd, state)
		defer term.RestoreTerminal(fd, state)
	}
	line, _, err := bufio.NewReader(os.Stdin).ReadLine()
	if err != nil {
		return "", err
	}
	if silent {
		fmt.Fprintln(out)
	}
	return string(line), nil
}

func opRegistryLogout(c *call, req *RegistryLogoutRequest) (any, error) {
	cfg, err := registryConfig(c, &req.Settings)
	if err != nil {
		return nil, err
	}
	return nil, action.NewRegistryLogout(cfg).Run(c, req.Host)
}

func opVerify(c *call, req *VerifyRequest) (any, error) {
	req.Settings.envSettings()
	client := action.NewVerify()
	client.Keyring = req.Keyring
	out, err := client.Run(req.Path)
	if err != nil {
		return nil, err
	}
	fmt.Fprint(c, out)
	return nil, nil
}

// RegistryCheckRequest asks whether helm's root command could make its registry client from the
// credentials file at Path (helm fails every command when it cannot).
type RegistryCheckRequest struct {
	Path string `json:"path"`
}

func opRegistryCheck(_ *call, req *RegistryCheckRequest) (any, error) {
	_, err := registry.NewClient(registry.ClientOptCredentialsFile(req.Path))
	return nil, err
}
