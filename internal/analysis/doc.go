// Package analysis is the Cedar language server's semantics, independent of
// any editor protocol: it knows files, their kinds, which schema and
// entities belong to each, and computes one feature per file of this
// package. internal/lsp is the thin layer that speaks LSP on top of it.
//
// # Contract for feature authors
//
//   - A feature is a function of a *Snapshot and byte offsets into a File's
//     Text, returning plain Go values with byte Spans. It never sees LSP
//     types or line/character positions: internal/lsp converts positions
//     with File.Lines() (UTF-16 or UTF-8, as the session negotiated).
//   - A Snapshot is immutable and safe for concurrent use; features may run
//     in parallel on one snapshot and must not modify anything they are
//     given (ASTs, schemas, texts are shared between snapshots).
//   - Snapshot.File(uri) is the open document's text or the disk's. Its
//     Kind comes from the path (KindOf), never from a language id. Parsed
//     artifacts are computed lazily, once per file version:
//     File.Policies() (policy AST and parse errors), File.SchemaSyntax()
//     (schema syntax tree and parse errors).
//   - Snapshot.SchemaFor(uri) is the file's schema (nil when none is found),
//     chosen by the rules of AssociationFor; Schema.Resolved is nil while
//     the schema has errors (Schema.Partial then holds what resolved, which
//     completion and hover use). Schema.EntityDecl/ActionDecl give the file and
//     span of a declaration (fragments are merged, each keeps its file).
//     Snapshot.EntitiesFor(uri) and LinksFor(uri) are the entities and
//     template-link files found the same way (AssociationFor(path) says
//     which rule chose them).
//   - A Schema is shared by every snapshot in which its fragments are
//     unchanged; expensive per-schema work (the validator, per-policy
//     validation results) is cached on it.
//   - Long features take a context.Context and return early when it is
//     cancelled (the client cancelled the request or typed again).
//   - Spans: analysis.Span{Start, End} is a half-open byte range; the
//     engine's spans convert directly (analysis.Span(node.Span)).
//   - Settings() carries the user's settings (cedar.*), documented in
//     docs/LANGUAGE-SERVER.md.
//
// A Workspace owns the mutable state (open documents, settings, workspace
// folders, explicit schema associations) and produces a new Snapshot on
// every change.
package analysis
