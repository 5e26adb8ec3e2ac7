package schema_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/parley-kg/parley/graph"
	"github.com/parley-kg/parley/schema"
	"github.com/parley-kg/parley/seed"
)

// ExampleHandler serves the GraphQL API over a memory store loaded with the
// seed, and asks it for Krasnoarmeysk, which is Pokrovsk's Russian name.
func ExampleHandler() {
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Config{Backend: graph.BackendMemory})
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close()
	if _, err := st.LoadFS(ctx, seed.FS); err != nil {
		log.Fatal(err)
	}
	s, err := schema.New(st, schema.Options{})
	if err != nil {
		log.Fatal(err)
	}
	ts := httptest.NewServer(schema.Handler(s, schema.HandlerOptions{Logger: slog.New(slog.DiscardHandler)}))
	defer ts.Close()

	req, _ := http.NewRequest(http.MethodPost, ts.URL, strings.NewReader(
		`{"query": "{ entity(name: \"Krasnoarmeysk\") { name type } }"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/graphql-response+json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		log.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	fmt.Println(res.Status)
	fmt.Println(res.Header.Get("Content-Type"))
	fmt.Print(string(body))
	// Output:
	// 200 OK
	// application/graphql-response+json; charset=utf-8
	// {"data":{"entity":{"name":"Pokrovsk","type":"TERRITORY"}}}
}
