package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestRetractWithdrawsNames adds the fictional document to a bolt store
// by CLI, retracts it, and asks GraphQL for the names it gave: the new
// person Marta Ilves and Zelensky's new alias Ze are found after the add,
// and NOT_FOUND after the retraction, as before it, with no suggestion of
// a retracted name; Zelensky keeps his own names. Adding the file again is
// refused, saying the document is retracted.
func TestRetractWithdrawsNames(t *testing.T) {
	db := filepath.Join(t.TempDir(), "parley.db")
	getenv := func(k string) string {
		if k == "USER" {
			return "tester"
		}
		return ""
	}
	// entity asks GraphQL for the entity named name; it returns its name,
	// or the error code and the suggested names.
	entity := func(name string) (found string, code string, suggested []string) {
		t.Helper()
		var out bytes.Buffer
		q := `query($n: String) { entity(name: $n) { name } }`
		vars, _ := json.Marshal(map[string]string{"n": name})
		err := run(context.Background(), []string{"query", "--db", db, "--lang", "graphql", "--variables", string(vars), q}, getenv, nil, &out, io.Discard)
		var r struct {
			Data struct {
				Entity *struct{ Name string }
			}
			Errors []struct {
				Extensions struct {
					Code        string
					Suggestions []struct{ Name, Alias string }
				}
			}
		}
		if jerr := json.Unmarshal(out.Bytes(), &r); jerr != nil {
			t.Fatalf("entity(name: %q): %v, then %v in %s", name, err, jerr, out.String())
		}
		if r.Data.Entity != nil {
			return r.Data.Entity.Name, "", nil
		}
		if err == nil || len(r.Errors) == 0 {
			t.Fatalf("entity(name: %q): neither an entity nor an error: %s", name, out.String())
		}
		for _, s := range r.Errors[0].Extensions.Suggestions {
			suggested = append(suggested, s.Name, s.Alias)
		}
		return "", r.Errors[0].Extensions.Code, suggested
	}
	const person, alias, seedPerson = "Marta Ilves", "Ze", "Volodymyr Zelensky"
	withdrawn := func(phase string) {
		t.Helper()
		for _, name := range []string{person, alias} {
			if found, code, sug := entity(name); found != "" || code != "NOT_FOUND" || slices.Contains(sug, person) || slices.Contains(sug, alias) {
				t.Errorf("%s: entity(name: %q) = %q, %s, suggesting %q; want NOT_FOUND without the retracted names", phase, name, found, code, sug)
			}
		}
		if found, _, _ := entity(seedPerson); found != seedPerson {
			t.Errorf("%s: entity(name: %q) = %q", phase, seedPerson, found)
		}
	}
	add := func() error {
		return run(context.Background(), []string{"add", "--db", db, fictionYAML}, getenv, nil, io.Discard, io.Discard)
	}

	withdrawn("before the add")
	if err := add(); err != nil {
		t.Fatal(err)
	}
	if found, _, _ := entity(person); found != person {
		t.Errorf("after the add entity(name: %q) = %q", person, found)
	}
	if found, _, _ := entity(alias); found != seedPerson {
		t.Errorf("after the add entity(name: %q) = %q; want %s", alias, found, seedPerson)
	}
	if err := run(context.Background(), []string{"retract", "--db", db, "--reason", "fiction, for tests", fictionYAML}, getenv, nil, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	withdrawn("after the retraction")

	err := add()
	var u usageError
	if err == nil || errors.As(err, &u) || !strings.Contains(err.Error(), "was retracted by tester") || !strings.Contains(err.Error(), "fiction, for tests") {
		t.Errorf("adding the retracted file again: %v; want it refused, naming the retraction", err)
	}
	withdrawn("after adding the file again")
}
