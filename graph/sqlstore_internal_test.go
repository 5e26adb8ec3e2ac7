package graph

import (
	"testing"
	"time"
)

// TestSQLDSN checks that Parley's connection settings join the DSN without
// overriding what it says itself.
func TestSQLDSN(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"URLDefaults", Config{Backend: BackendPostgres, Path: "postgres://u:p@db/x?sslmode=disable"},
			"postgres://u:p@db/x?connect_timeout=5&sslmode=disable&statement_timeout=30000"},
		{"URLKeepsItsOwn", Config{Backend: BackendPostgres, Path: "postgres://db/x?connect_timeout=9", StatementTimeout: 2 * time.Second},
			"postgres://db/x?connect_timeout=9&statement_timeout=2000"},
		{"KeyValue", Config{Backend: BackendPostgres, Path: "host=db dbname=x", ConnectTimeout: 1500 * time.Millisecond},
			"host=db dbname=x connect_timeout=2 statement_timeout=30000"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := sqlDSN(tc.cfg)
			if err != nil {
				t.Fatal(err)
			} else if got != tc.want {
				t.Errorf("sqlDSN = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestRedactSecrets(t *testing.T) {
	tests := []struct{ in, want string }{
		{`Couldn't open database at postgres://u:s3cret@db:5432/x?sslmode=disable: &pq.Error{}`,
			`Couldn't open database at postgres://u:xxxxx@db:5432/x?sslmode=disable: &pq.Error{}`},
		{`Couldn't open database at host=db password=s3cret dbname=x: EOF`,
			`Couldn't open database at host=db password=xxxxx dbname=x: EOF`},
		{`no secret in postgres://db/x`, `no secret in postgres://db/x`},
	}
	for _, tc := range tests {
		if got := redactSecrets(tc.in); got != tc.want {
			t.Errorf("redactSecrets(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
