package lsp

import (
	"context"
	"encoding/json"
	"runtime/debug"

	"go.lsp.dev/protocol"

	"github.com/cedar-ls/cedar-ls/internal/analysis"
)

// initializeParams is protocol.InitializeParams plus what LSP 3.17 added
// and go.lsp.dev/protocol v0.12 lacks.
type initializeParams struct {
	protocol.InitializeParams
	InitializationOptions json.RawMessage `json:"initializationOptions,omitempty"`
	Capabilities          struct {
		protocol.ClientCapabilities
		General struct {
			PositionEncodings []string `json:"positionEncodings"`
		} `json:"general"`
	} `json:"capabilities"`
}

// serverCapabilities adds LSP 3.17's positionEncoding.
type serverCapabilities struct {
	protocol.ServerCapabilities
	PositionEncoding string `json:"positionEncoding,omitempty"`
	// InlayHintProvider is set by inlay_hint.go.
	InlayHintProvider bool `json:"inlayHintProvider,omitempty"`
}

type initializeResult struct {
	Capabilities serverCapabilities   `json:"capabilities"`
	ServerInfo   *protocol.ServerInfo `json:"serverInfo,omitempty"`
}

func init() { onSyncRequest("initialize", initialize) }

func initialize(ctx context.Context, s *Server, p *initializeParams) (any, error) {
	var folders []string
	for _, f := range p.WorkspaceFolders {
		folders = append(folders, analysis.URIToPath(f.URI))
	}
	if len(folders) == 0 && p.RootURI != "" {
		folders = append(folders, analysis.URIToPath(string(p.RootURI)))
	}
	if len(folders) == 0 && p.RootPath != "" {
		folders = append(folders, p.RootPath)
	}
	settings, problems := analysis.ApplySettings(analysis.DefaultSettings(), p.InitializationOptions)
	s.ws.SetFolders(folders)
	s.ws.SetSettings(settings)

	enc := analysis.UTF16
	for _, e := range p.Capabilities.General.PositionEncodings {
		if e == "utf-8" {
			enc = analysis.UTF8
		}
	}
	caps := p.Capabilities.ClientCapabilities
	s.mu.Lock()
	s.enc = enc
	s.state = stateInitialized
	if ws := caps.Workspace; ws != nil {
		s.client.configuration = ws.Configuration
		s.client.watchedFilesDynReg = ws.DidChangeWatchedFiles != nil && ws.DidChangeWatchedFiles.DynamicRegistration
		s.client.configDynReg = ws.DidChangeConfiguration != nil && ws.DidChangeConfiguration.DynamicRegistration
		s.client.codeLensRefresh = ws.CodeLens != nil && ws.CodeLens.RefreshSupport
	}
	s.mu.Unlock()
	for _, msg := range problems {
		s.logf("%s", msg)
	}

	result := &initializeResult{ServerInfo: &protocol.ServerInfo{Name: "cedar-ls", Version: version()}}
	result.Capabilities.PositionEncoding = "utf-16"
	result.Capabilities.InlayHintProvider = inlayHintsServed
	if enc == analysis.UTF8 {
		result.Capabilities.PositionEncoding = "utf-8"
	}
	result.Capabilities.TextDocumentSync = &protocol.TextDocumentSyncOptions{
		OpenClose: true,
		Change:    protocol.TextDocumentSyncKindIncremental,
		Save:      &protocol.SaveOptions{IncludeText: false},
	}
	result.Capabilities.Workspace = &protocol.ServerCapabilitiesWorkspace{
		WorkspaceFolders: &protocol.ServerCapabilitiesWorkspaceFolders{Supported: true, ChangeNotifications: true},
	}
	for _, add := range capabilities {
		add(s, &result.Capabilities.ServerCapabilities)
	}
	return result, nil
}

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
