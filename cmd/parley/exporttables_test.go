package main

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestExportTables: /export serves each table as plain CSV, a zip of all
// of them, and says what is wrong with a bad table or format.
func TestExportTables(t *testing.T) {
	ts := newTestServer(t)
	for _, tc := range []struct {
		name, query string
		status      int
		ctype, file string
		errText     string // in the JSON error, for a 400
	}{
		{"Positions", "format=csv&table=positions", 200, "text/csv", "positions.csv", ""},
		{"TableDefaultsToCSV", "table=entities", 200, "text/csv", "entities.csv", ""},
		{"ZipFormat", "format=zip", 200, "application/zip", "parley-tables.zip", ""},
		{"TableAll", "table=all", 200, "application/zip", "parley-tables.zip", ""},
		{"UnknownTable", "format=csv&table=postions", 400, "application/json", "",
			`table "postions": want one of entities, positions, claims, events, relations, sources, or all; did you mean positions?`},
		{"TableNotCSV", "format=jsonld&table=positions", 400, "application/json", "", `table=positions is CSV: give format=csv, not "jsonld"`},
		{"AllNotJSONLD", "format=jsonld&table=all", 400, "application/json", "", `table=all is a zip of CSV files`},
		{"UnknownFormat", "format=xml", 400, "application/json", "", `format "xml": want one of nquads, jsonld, csv, or zip (every table, zipped)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := http.Get(ts.URL + "/export?" + tc.query)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tc.status || !strings.HasPrefix(res.Header.Get("Content-Type"), tc.ctype) {
				t.Fatalf("status %d, type %q; want %d, %q: %.300s", res.StatusCode, res.Header.Get("Content-Type"), tc.status, tc.ctype, body)
			}
			if tc.file != "" && !strings.Contains(res.Header.Get("Content-Disposition"), `filename="`+tc.file+`"`) {
				t.Errorf("Content-Disposition %q, want file %s", res.Header.Get("Content-Disposition"), tc.file)
			}
			if tc.errText != "" {
				var e struct{ Error string }
				if json.Unmarshal(body, &e) != nil || !strings.Contains(e.Error, tc.errText) {
					t.Errorf("error %s, want %q", body, tc.errText)
				}
			}
			if tc.ctype == "application/zip" {
				if _, err := zip.NewReader(bytes.NewReader(body), int64(len(body))); err != nil {
					t.Errorf("not a zip: %v", err)
				}
			}
		})
	}

	// The article: Pokrovsk, called Krasnoarmeysk in Russian, is a plain
	// row with a short id.
	res, err := http.Get(ts.URL + "/export?format=csv&table=entities")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	rows, err := csv.NewReader(res.Body).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows[1:] {
		if r[0] == "pokrovsk" {
			found = r[2] == "Pokrovsk" && strings.Contains(r[3], "Krasnoarmeysk")
		}
	}
	if !found {
		t.Errorf("no plain entities row of Pokrovsk with its alias Krasnoarmeysk")
	}
}
