package graph

// Temporary: method stubs so that dependants compile while the store is
// written. Each moves to its own file when implemented.

import (
	"context"
	"errors"
	"io"
)

var errTODO = errors.New("not implemented yet")

// Store is a Parley knowledge graph over a Cayley quad store.
type Store struct{}

func (s *Store) Resolve(ctx context.Context, ref string) (string, error) { return "", errTODO }
func (s *Store) Entity(ctx context.Context, ref string) (*Entity, error) { return nil, errTODO }
func (s *Store) EntitiesByIRI(ctx context.Context, iris []string) (map[string]*Entity, error) {
	return nil, errTODO
}
func (s *Store) Search(ctx context.Context, text string, kinds []Kind, first int) ([]*Entity, error) {
	return nil, errTODO
}
func (s *Store) Entities(ctx context.Context, f EntityFilter) (EntityPage, error) {
	return EntityPage{}, errTODO
}
func (s *Store) Relations(ctx context.Context, iris []string, f RelationFilter) (map[string][]Relation, error) {
	return nil, errTODO
}
func (s *Store) Positions(ctx context.Context, f PositionFilter) ([]Position, error) {
	return nil, errTODO
}
func (s *Store) PositionsOf(ctx context.Context, holders []string) (map[string][]Position, error) {
	return nil, errTODO
}
func (s *Store) Mentions(ctx context.Context, iris []string) (map[string][]string, error) {
	return nil, errTODO
}
func (s *Store) Sources(ctx context.Context) ([]Source, error) { return nil, errTODO }
func (s *Store) SourcesByIRI(ctx context.Context, iris []string) (map[string]*Source, error) {
	return nil, errTODO
}
func (s *Store) Events(ctx context.Context, f EventFilter) ([]*Entity, error) { return nil, errTODO }
func (s *Store) Claims(ctx context.Context, f ClaimFilter) ([]Claim, error)   { return nil, errTODO }
func (s *Store) Topics(ctx context.Context) ([]*Entity, error)                { return nil, errTODO }
func (s *Store) Timeline(ctx context.Context, entity string) ([]*Entity, error) {
	return nil, errTODO
}
func (s *Store) Connection(ctx context.Context, from, to string, maxHops int) ([]Hop, error) {
	return nil, errTODO
}
func (s *Store) Quads(ctx context.Context, f QuadFilter) ([]Quad, error)      { return nil, errTODO }
func (s *Store) Export(ctx context.Context, w io.Writer, format string) error { return errTODO }
