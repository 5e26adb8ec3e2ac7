// Package pgtest gives tests a PostgreSQL database state of their own, on
// the server that PARLEY_TEST_POSTGRES names (a DSN; .ci/postgres.sh starts
// one and prints it).
//
// Without the variable, [DSN] logs how to set it and returns "", so the
// PostgreSQL cases are skipped on a developer's machine; when CI is set it
// fails the test instead, as it does when the server cannot be reached.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	_ "github.com/lib/pq" // the "postgres" driver
)

// Env is the environment variable holding the test server's DSN.
const Env = "PARLEY_TEST_POSTGRES"

// CtlEnv is the environment variable holding the command that stops and
// starts the test server: "$PARLEY_TEST_PG_CTL stop", "… start".
const CtlEnv = "PARLEY_TEST_PG_CTL"

// DSN returns the test server's DSN, or "" when the PostgreSQL cases
// should be skipped. It fails tb under CI when the variable is unset, and
// whenever the server it names cannot be reached.
func DSN(tb testing.TB) string {
	tb.Helper()
	dsn := lookup(tb, Env, "run the suite against PostgreSQL")
	if dsn == "" {
		tb.Logf("postgres: skipped; set %s=postgres://user:password@127.0.0.1:5432/db?sslmode=disable (or eval \"$(bash .ci/postgres.sh)\") to run against PostgreSQL", Env)
		return ""
	}
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		tb.Fatalf("%s: %v", Env, err)
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		tb.Fatalf("%s is set but PostgreSQL cannot be reached: %v", Env, err)
	}
	return dsn
}

// Fresh returns the DSN of a fresh schema (see [Schema]) on the test
// server, and skips the test when there is none.
func Fresh(tb testing.TB) string {
	tb.Helper()
	dsn := DSN(tb)
	if dsn == "" {
		tb.Skip("needs PostgreSQL")
	}
	return Schema(tb, dsn)
}

// lookup returns the environment variable key, failing tb when it is unset
// under CI, which must do what it names.
func lookup(tb testing.TB, key, must string) string {
	tb.Helper()
	v := os.Getenv(key)
	if v == "" && os.Getenv("CI") != "" {
		tb.Fatalf("%s is not set: CI must %s (eval \"$(bash .ci/postgres.sh)\")", key, must)
	}
	return v
}

// Schema creates an empty schema on the server dsn names, drops it when
// the test ends, and returns dsn with its search_path set to that schema,
// so that each test sees a database of its own.
func Schema(tb testing.TB, dsn string) string {
	tb.Helper()
	b := make([]byte, 6)
	rand.Read(b)
	name := "parley_test_" + hex.EncodeToString(b)
	run := func(q string) error {
		db, err := sql.Open("postgres", dsn)
		if err != nil {
			return err
		}
		defer db.Close()
		_, err = db.Exec(q)
		return err
	}
	if err := run("CREATE SCHEMA " + name); err != nil {
		tb.Fatalf("create schema %s: %v", name, err)
	}
	tb.Cleanup(func() {
		if err := run("DROP SCHEMA " + name + " CASCADE"); err != nil {
			tb.Errorf("drop schema %s: %v", name, err)
		}
	})
	return WithParam(dsn, "search_path", name)
}

// WithParam returns dsn (URL or key=value form) with one parameter set.
func WithParam(dsn, key, value string) string {
	if u, err := url.Parse(dsn); err == nil && u.Scheme != "" {
		q := u.Query()
		q.Set(key, value)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return dsn + " " + key + "=" + value
}

// Ctl runs the command in PARLEY_TEST_PG_CTL with action ("stop" or
// "start"), skipping the test when the variable is unset outside CI.
func Ctl(tb testing.TB, action string) {
	tb.Helper()
	ctl := lookup(tb, CtlEnv, "run the restart test")
	if ctl == "" {
		tb.Skipf("%s is not set: it names the command that stops and starts the test server", CtlEnv)
	}
	f := strings.Fields(ctl)
	out, err := exec.Command(f[0], append(f[1:], action)...).CombinedOutput()
	if err != nil {
		tb.Fatalf("%s %s: %v\n%s", ctl, action, err, out)
	}
}
