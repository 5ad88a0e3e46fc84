package main

import (
	"fmt"
	"text/template"

	helmversion "helm.sh/helm/v4/internal/version"

	"helm.sh/helm/v4/cpphelmshim/version"
)

// versionInfo is cpphelm's build information; the helm library's own fields come from helm.
func versionInfo(req *VersionRequest) version.BuildInfo {
	h := helmversion.Get()
	return version.BuildInfo{
		Version:           req.CpphelmVersion,
		GitCommit:         req.GitCommit,
		GitTreeState:      req.GitTreeState,
		GoVersion:         h.GoVersion,
		KubeClientVersion: h.KubeClientVersion,
		HelmVersion:       helmversion.GetVersion(),
	}
}

func init() {
	handle("version", func(c *call, req *VersionRequest) (any, error) {
		v := versionInfo(req)
		if req.Template != "" {
			tt, err := template.New("_").Parse(req.Template)
			if err != nil {
				return nil, err
			}
			return nil, tt.Execute(c, v)
		}
		if req.Short {
			if len(v.GitCommit) >= 7 {
				fmt.Fprintf(c, "%s+g%s\n", v.Version, v.GitCommit[:7])
			} else {
				fmt.Fprintln(c, v.Version)
			}
			return nil, nil
		}
		fmt.Fprintf(c, "%#v\n", v)
		return nil, nil
	})
	handle("namespace", func(_ *call, req *NamespaceRequest) (any, error) {
		return req.Settings.envSettings().Namespace(), nil
	})
}
