// Package engine is Cedar for Go programs: the one package to import to
// read policies, schemas, entities and requests, and to authorize,
// validate, format and evaluate. It follows official Cedar 4.13 (language
// version 4.5) byte for byte.
//
// A typical authorization:
//
//	policies, err := engine.ParsePolicies("policies.cedar", policyText)
//	entities, err := engine.LoadEntities("entities.json", entitiesJSON, nil)
//	request, err := engine.DecodeRequest("request.json", requestJSON, engine.RequestOptions{})
//	response := engine.Authorize(policies, entities, request)
//	if response.Decision == engine.Allow { … }
//
// With a schema ([LoadSchema]), entities and contexts are read by the
// schema's declared types (strings become extension values where the schema
// says so, entity references may omit `__entity`) and checked against it,
// and requests can be validated against it ([RequestOptions]).
//
// Every reading function returns, for bad input, an error that says where:
// an [*Error] holds the input's name and text and one [Diagnostic] per
// problem, each with a span; its Error method renders them as
// `file:line:col: error: …` with the offending line and a caret.
//
// The subpackages (engine/ast, engine/parse, engine/authz, engine/validate,
// …) remain available for tools that need the syntax tree or finer control;
// the names here are aliases of theirs, so values pass freely between them.
package engine
