package graph_test

import (
	"context"
	"fmt"
	"log"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/seed"
)

// Open a store in memory, load the seed, and ask which name the article
// gives Pokrovsk in Russian.
func ExampleOpen() {
	ctx := context.Background()
	s, err := graph.Open(ctx, graph.Config{Backend: graph.BackendMemory})
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	if _, err := s.LoadFS(ctx, seed.FS); err != nil {
		log.Fatal(err)
	}
	e, err := s.Entity(ctx, "Krasnoarmeysk")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(e.Name, e.Kind)
	// Output: Pokrovsk TERRITORY
}

// EntityHeaders answers from the name index alone: the name and kind of
// each entity, without reading its quads, for lists that need no more.
func ExampleStore_EntityHeaders() {
	ctx := context.Background()
	s, err := graph.Open(ctx, graph.Config{Backend: graph.BackendMemory})
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	if _, err := s.LoadFS(ctx, seed.FS); err != nil {
		log.Fatal(err)
	}
	iri, err := s.Resolve(ctx, "Krasnoarmeysk")
	if err != nil {
		log.Fatal(err)
	}
	heads, err := s.EntityHeaders(ctx, []string{iri, "https://w3id.org/parley/id/atlantis"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(heads), heads[iri].Name, heads[iri].Kind)
	// Output: 1 Pokrovsk TERRITORY
}
