package engine

import (
	"slices"

	"github.com/cedar-ls/cedar-ls/engine/entities"
	"github.com/cedar-ls/cedar-ls/engine/entities/entitiesjson"
)

// Entity is one entity: its UID, attributes, parents and tags.
type Entity = entities.Entity

// Entities is an entity store: entities by UID, with the transitive
// closure of their parents, for `in` and attribute lookups.
type Entities = entities.Store

// LoadEntities reads entities JSON (the official format: an array of
// {"uid", "attrs", "parents", "tags"}). With a schema, values are read by
// the declared types (a string where an extension type is declared is the
// constructor's argument, an entity reference may be written without
// `__entity`), every entity is checked against the schema, and the
// schema's actions join the entities, as official Cedar does. The error
// lists every problem, each with its span.
func LoadEntities(name string, src []byte, s *Schema) (*Entities, error) {
	var list []*Entity
	var err error
	if s != nil {
		list, err = entitiesjson.ParseWithSchema(src, s)
	} else {
		list, err = entitiesjson.Parse(src)
	}
	if err != nil {
		return nil, InputError(name, src, err)
	}
	store, err := entities.NewStore(list)
	if err != nil {
		return nil, InputError(name, src, err)
	}
	return store, nil
}

// NewEntities makes a store of the given entities; with a schema, its
// actions are added (those not among the entities), as LoadEntities does.
func NewEntities(list []*Entity, s *Schema) (*Entities, error) {
	if s != nil {
		list = slices.Clip(list) // appending must not write into the caller's array
		given := make(map[EntityUID]bool, len(list))
		for _, e := range list {
			given[e.UID] = true
		}
		for _, a := range entitiesjson.SchemaActions(s) {
			if !given[a.UID] {
				list = append(list, a)
			}
		}
	}
	return entities.NewStore(list)
}
