package engine

import (
	"github.com/cedar-ls/cedar-ls/engine/parse"
	"github.com/cedar-ls/cedar-ls/engine/types"
)

// Cedar values. A Value is one of Bool, Long, String, EntityUID, Set,
// Record, Decimal, IPAddr, Datetime or Duration.
type (
	Value      = types.Value
	Bool       = types.Bool
	Long       = types.Long
	String     = types.String
	EntityType = types.EntityType
	EntityUID  = types.EntityUID
	Set        = types.Set
	Record     = types.Record
	Decimal    = types.Decimal
	IPAddr     = types.IPAddr
	Datetime   = types.Datetime
	Duration   = types.Duration
)

// NewEntityUID returns the entity UID typ::"id".
func NewEntityUID(typ EntityType, id string) EntityUID { return types.NewEntityUID(typ, id) }

// ParseEntityUID reads an entity UID written as in a policy, such as
// `User::"alice"` or `App::Action::"view"`.
func ParseEntityUID(text string) (EntityUID, error) {
	uid, err := parse.EntityUID(text)
	if err != nil {
		return EntityUID{}, InputError("", []byte(text), err)
	}
	return uid, nil
}

// NewRecord returns a record of the given attributes.
func NewRecord(attrs map[string]Value) Record { return types.NewRecord(attrs) }

// NewSet returns the set of the given values (duplicates removed).
func NewSet(values ...Value) Set { return types.NewSet(values...) }
