package main

// Request types mirror lib/include/cpphelm/requests.hpp field for field (json names are the
// C++ member names without the m_ prefix). tests/unit and the shim's round-trip op keep them in step.

// ValuesOptions mirrors helm's values.Options (-f, --set, --set-string, --set-file, --set-json, --set-literal).
type ValuesOptions struct {
	ValueFiles    []string `json:"value_files"`
	Values        []string `json:"values"`
	StringValues  []string `json:"string_values"`
	FileValues    []string `json:"file_values"`
	JSONValues    []string `json:"json_values"`
	LiteralValues []string `json:"literal_values"`
}

// DownloadOptions are the TLS and credential flags of every command that downloads (embedded, so
// its fields sit flat in the JSON, as cpphelm::DownloadOptions is encoded).
type DownloadOptions struct {
	Username              string `json:"username"`
	Password              string `json:"password"`
	CertFile              string `json:"cert_file"`
	KeyFile               string `json:"key_file"`
	CaFile                string `json:"ca_file"`
	InsecureSkipTLSVerify bool   `json:"insecure_skip_tls_verify"`
	PlainHTTP             bool   `json:"plain_http"`
}

// ChartPathOptions mirrors helm's action.ChartPathOptions flags.
type ChartPathOptions struct {
	DownloadOptions
	Keyring            string `json:"keyring"`
	PassCredentialsAll bool   `json:"pass_credentials"`
	RepoURL            string `json:"repo"`
	Verify             bool   `json:"verify"`
	Version            string `json:"version"`
}

// InstallOptions holds the flags helm's addInstallFlags binds (shared by install, upgrade --install, template).
type InstallOptions struct {
	CreateNamespace          bool              `json:"create_namespace"`
	ForceReplace             bool              `json:"force_replace"`
	ForceConflicts           bool              `json:"force_conflicts"`
	ServerSide               bool              `json:"server_side"`
	NoHooks                  bool              `json:"no_hooks"`
	Replace                  bool              `json:"replace"`
	Timeout                  string            `json:"timeout"`
	Wait                     string            `json:"wait"`
	WaitForJobs              bool              `json:"wait_for_jobs"`
	GenerateName             bool              `json:"generate_name"`
	NameTemplate             string            `json:"name_template"`
	Description              string            `json:"description"`
	Devel                    bool              `json:"devel"`
	DependencyUpdate         bool              `json:"dependency_update"`
	DisableOpenAPIValidation bool              `json:"disable_openapi_validation"`
	RollbackOnFailure        bool              `json:"rollback_on_failure"`
	SkipCRDs                 bool              `json:"skip_crds"`
	RenderSubchartNotes      bool              `json:"render_subchart_notes"`
	SkipSchemaValidation     bool              `json:"skip_schema_validation"`
	Labels                   map[string]string `json:"labels"`
	EnableDNS                bool              `json:"enable_dns"`
	HideNotes                bool              `json:"hide_notes"`
	TakeOwnership            bool              `json:"take_ownership"`
	PostRenderer             string            `json:"post_renderer"`
	PostRendererArgs         []string          `json:"post_renderer_args"`
}

// TemplateRequest is `helm template`.
type TemplateRequest struct {
	Settings    Settings         `json:"settings"`
	Args        []string         `json:"args"`
	Install     InstallOptions   `json:"install"`
	Values      ValuesOptions    `json:"values"`
	Chart       ChartPathOptions `json:"chart"`
	DryRun      string           `json:"dry_run"`
	Validate    bool             `json:"validate"`
	ShowOnly    []string         `json:"show_only"`
	OutputDir   string           `json:"output_dir"`
	IncludeCRDs bool             `json:"include_crds"`
	SkipTests   bool             `json:"skip_tests"`
	IsUpgrade   bool             `json:"is_upgrade"`
	KubeVersion string           `json:"kube_version"`
	APIVersions []string         `json:"api_versions"`
	ReleaseName bool             `json:"release_name"`
}

// VersionRequest is `version`: cpphelm's own version fields come from C++, the rest from Go and helm.
type VersionRequest struct {
	CpphelmVersion string `json:"cpphelm_version"`
	GitCommit      string `json:"git_commit"`
	GitTreeState   string `json:"git_tree_state"`
	Short          bool   `json:"short"`
	Template       string `json:"template"`
}

// requestTypes lists every request type by the name C++ uses for it (the round-trip test walks it);
// handle fills it.
var requestTypes = map[string]func() any{}

// NamespaceRequest asks for the effective namespace (flag, kubeconfig context, "default").
type NamespaceRequest struct {
	Settings Settings `json:"settings"`
}

// CreateRequest is `helm create NAME`.
type CreateRequest struct {
	Name            string `json:"name"`
	Starter         string `json:"starter"`
	StarterDir      string `json:"starter_dir"`
	ChartAPIVersion string `json:"chart_api_version"`
}

// LintRequest is `helm lint PATH...`.
type LintRequest struct {
	Settings             Settings      `json:"settings"`
	Paths                []string      `json:"paths"`
	Values               ValuesOptions `json:"values"`
	Strict               bool          `json:"strict"`
	WithSubcharts        bool          `json:"with_subcharts"`
	Quiet                bool          `json:"quiet"`
	SkipSchemaValidation bool          `json:"skip_schema_validation"`
	KubeVersion          string        `json:"kube_version"`
}

// ShowRequest is `helm show all|chart|values|readme|crds CHART`.
type ShowRequest struct {
	Settings Settings         `json:"settings"`
	Format   string           `json:"format"`
	Chart    string           `json:"chart_ref"`
	Options  ChartPathOptions `json:"chart"`
	Devel    bool             `json:"devel"`
	JSONPath string           `json:"jsonpath"`
}

// PackageRequest is `helm package PATH...`.
type PackageRequest struct {
	Settings         Settings `json:"settings"`
	Paths            []string `json:"paths"`
	Sign             bool     `json:"sign"`
	Key              string   `json:"key"`
	Keyring          string   `json:"keyring"`
	PassphraseFile   string   `json:"passphrase_file"`
	Version          string   `json:"version"`
	AppVersion       string   `json:"app_version"`
	Destination      string   `json:"destination"`
	DependencyUpdate bool     `json:"dependency_update"`
	DownloadOptions
}

// DependencyRequest is `helm dependency list|update|build [CHART]`.
type DependencyRequest struct {
	Settings    Settings `json:"settings"`
	Action      string   `json:"action"`
	ChartPath   string   `json:"chart_path"`
	MaxColWidth uint     `json:"max_col_width"`
	Verify      bool     `json:"verify"`
	Keyring     string   `json:"keyring"`
	SkipRefresh bool     `json:"skip_refresh"`
	DownloadOptions
}
