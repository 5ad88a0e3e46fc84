package main

// Requests of the release commands; twins of the structs in lib/include/cpphelm/requests.hpp.

// InstallRequest is `helm install [NAME] [CHART]`.
type InstallRequest struct {
	Settings   Settings         `json:"settings"`
	Args       []string         `json:"args"`
	Install    InstallOptions   `json:"install"`
	Values     ValuesOptions    `json:"values"`
	Chart      ChartPathOptions `json:"chart"`
	DryRun     string           `json:"dry_run"`
	HideSecret bool             `json:"hide_secret"`
	Output     string           `json:"output"`
}

// RevisionOptions are the flags upgrade and rollback share.
type RevisionOptions struct {
	Description    string `json:"description"`
	ForceReplace   bool   `json:"force_replace"`
	ForceConflicts bool   `json:"force_conflicts"`
	ServerSide     string `json:"server_side"`
	NoHooks        bool   `json:"no_hooks"`
	Timeout        string `json:"timeout"`
	Wait           string `json:"wait"`
	WaitForJobs    bool   `json:"wait_for_jobs"`
	CleanupOnFail  bool   `json:"cleanup_on_fail"`
	HistoryMax     int    `json:"history_max"`
	DryRun         string `json:"dry_run"`
}

// UpgradeRequest is `helm upgrade [RELEASE] [CHART]`.
type UpgradeRequest struct {
	Settings                 Settings          `json:"settings"`
	Release                  string            `json:"release"`
	ChartRef                 string            `json:"chart_ref"`
	Revision                 RevisionOptions   `json:"revision"`
	Values                   ValuesOptions     `json:"values"`
	Chart                    ChartPathOptions  `json:"chart"`
	Install                  bool              `json:"install"`
	CreateNamespace          bool              `json:"create_namespace"`
	Devel                    bool              `json:"devel"`
	HideSecret               bool              `json:"hide_secret"`
	DisableOpenAPIValidation bool              `json:"disable_openapi_validation"`
	SkipCRDs                 bool              `json:"skip_crds"`
	ResetValues              bool              `json:"reset_values"`
	ReuseValues              bool              `json:"reuse_values"`
	ResetThenReuseValues     bool              `json:"reset_then_reuse_values"`
	RollbackOnFailure        bool              `json:"rollback_on_failure"`
	RenderSubchartNotes      bool              `json:"render_subchart_notes"`
	HideNotes                bool              `json:"hide_notes"`
	SkipSchemaValidation     bool              `json:"skip_schema_validation"`
	Labels                   map[string]string `json:"labels"`
	DependencyUpdate         bool              `json:"dependency_update"`
	EnableDNS                bool              `json:"enable_dns"`
	TakeOwnership            bool              `json:"take_ownership"`
	PostRenderer             string            `json:"post_renderer"`
	PostRendererArgs         []string          `json:"post_renderer_args"`
	Output                   string            `json:"output"`
}

// RollbackRequest is `helm rollback <RELEASE> [REVISION]`.
type RollbackRequest struct {
	Settings    Settings        `json:"settings"`
	Release     string          `json:"release"`
	RevisionArg string          `json:"revision_arg"`
	Revision    RevisionOptions `json:"revision"`
}

// UninstallRequest is `helm uninstall RELEASE_NAME [...]`.
type UninstallRequest struct {
	Settings       Settings `json:"settings"`
	Releases       []string `json:"releases"`
	DryRun         bool     `json:"dry_run"`
	NoHooks        bool     `json:"no_hooks"`
	IgnoreNotFound bool     `json:"ignore_not_found"`
	KeepHistory    bool     `json:"keep_history"`
	Cascade        string   `json:"cascade"`
	Timeout        string   `json:"timeout"`
	Description    string   `json:"description"`
	Wait           string   `json:"wait"`
}

// ListRequest is `helm list`.
type ListRequest struct {
	Settings      Settings `json:"settings"`
	Short         bool     `json:"short"`
	NoHeaders     bool     `json:"no_headers"`
	TimeFormat    string   `json:"time_format"`
	ByDate        bool     `json:"by_date"`
	SortReverse   bool     `json:"sort_reverse"`
	Uninstalled   bool     `json:"uninstalled"`
	Superseded    bool     `json:"superseded"`
	Uninstalling  bool     `json:"uninstalling"`
	Deployed      bool     `json:"deployed"`
	Failed        bool     `json:"failed"`
	Pending       bool     `json:"pending"`
	AllNamespaces bool     `json:"all_namespaces"`
	Max           int      `json:"max"`
	Offset        int      `json:"offset"`
	Filter        string   `json:"filter"`
	Selector      string   `json:"selector"`
	Output        string   `json:"output"`
}

// StatusRequest is `helm status RELEASE_NAME`.
type StatusRequest struct {
	Settings Settings `json:"settings"`
	Release  string   `json:"release"`
	Revision int      `json:"revision"`
	Output   string   `json:"output"`
}

// HistoryRequest is `helm history RELEASE_NAME`.
type HistoryRequest struct {
	Settings             Settings `json:"settings"`
	Release              string   `json:"release"`
	Max                  int      `json:"max"`
	ShowRollbackRevision bool     `json:"show_rollback_revision"`
	Output               string   `json:"output"`
}

// GetRequest is `helm get all|hooks|manifest|metadata|notes|values RELEASE_NAME`.
type GetRequest struct {
	Settings  Settings `json:"settings"`
	What      string   `json:"what"`
	Release   string   `json:"release"`
	Revision  int      `json:"revision"`
	Template  string   `json:"template"`
	AllValues bool     `json:"all_values"`
	Output    string   `json:"output"`
}

// ReleaseTestRequest is `helm test [RELEASE]`.
type ReleaseTestRequest struct {
	Settings Settings `json:"settings"`
	Release  string   `json:"release"`
	Timeout  string   `json:"timeout"`
	Logs     bool     `json:"logs"`
	Filter   []string `json:"filter"`
}
