package lsp

import (
	"context"
	"encoding/json"

	"go.lsp.dev/jsonrpc2"
)

// The official cedar-language-server's commands, accepted as it takes them.
func init() {
	onCommand("cedar.associateSchema", associateSchema)
	onCommand("cedar.removeSchemaAssociation", removeSchemaAssociation)
}

type associateSchemaArgs struct {
	DocumentURI string  `json:"document_uri"`
	SchemaURI   *string `json:"schema_uri"`
}

// associateSchema makes a schema file the schema of a document, over every
// automatic rule; without schema_uri it drops the association, so the
// automatic rules apply again.
func associateSchema(ctx context.Context, s *Server, args []json.RawMessage) (any, error) {
	var a associateSchemaArgs
	if len(args) != 1 || json.Unmarshal(args[0], &a) != nil || a.DocumentURI == "" {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "cedar.associateSchema takes one argument {document_uri, schema_uri?}")
	}
	var schemas []string
	if a.SchemaURI != nil && *a.SchemaURI != "" {
		schemas = []string{*a.SchemaURI}
	}
	s.ws.Associate(a.DocumentURI, schemas)
	s.diagnostics.everything()
	return nil, nil
}

// removeSchemaAssociation drops a document's explicit association. Its
// argument is {document_uri} or the URI string.
func removeSchemaAssociation(ctx context.Context, s *Server, args []json.RawMessage) (any, error) {
	var a associateSchemaArgs
	var uri string
	switch {
	case len(args) == 1 && json.Unmarshal(args[0], &a) == nil && a.DocumentURI != "":
		uri = a.DocumentURI
	case len(args) == 1 && json.Unmarshal(args[0], &uri) == nil && uri != "":
	default:
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "cedar.removeSchemaAssociation takes one argument {document_uri}")
	}
	s.ws.Associate(uri, nil)
	s.diagnostics.everything()
	return nil, nil
}
