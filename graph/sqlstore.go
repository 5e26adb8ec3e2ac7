package graph

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"
)

// ErrUnavailable is returned when the database server of a SQL backend
// cannot be reached. (It lives here, beside the only code that returns it.)
var ErrUnavailable = errors.New("database unavailable")

// Defaults of the connection settings in [Config].
const (
	DefaultMaxConns         = 10
	DefaultConnectTimeout   = 5 * time.Second
	DefaultStatementTimeout = 30 * time.Second
	DefaultRefreshInterval  = time.Second
)

// sqlDialects maps each SQL backend to the database/sql driver that Cayley's
// backend registers for it; Parley opens its own small pool with the same
// driver for counts and the change marker.
var sqlDialects = map[string]*struct{ driver string }{
	BackendPostgres: {driver: "postgres"},
}

// sqlDB is Parley's own connection to the database of a SQL backend, beside
// Cayley's: Cayley's quad store does not expose its *sql.DB, and its counts
// are estimates or cached for the life of the process.
type sqlDB struct {
	db    *sql.DB
	label string // the DSN without its password, for messages
	// logKeep is how many rows the text index's removal log keeps
	// (textLogKeep; tests set fewer).
	logKeep int64
}

// changeMarker summarises the quads table: with Parley's insert-only
// writes, any committed write changes the count, and a delete followed by
// an insert changes the highest horizon (Cayley's BIGSERIAL row id).
type changeMarker struct{ quads, horizon int64 }

// openSQL connects to the database cfg.Path names, creates Cayley's schema
// there unless it exists, and opens Cayley's quad store on it.
func openSQL(ctx context.Context, cfg Config) (opened, error) {
	if cfg.Path == "" {
		return opened{}, fmt.Errorf("%s backend needs a connection URL (--db postgres://user:password@host:port/database): %w", cfg.Backend, ErrInvalid)
	}
	dsn, err := sqlDSN(cfg)
	if err != nil {
		return opened{}, err
	}
	installRedactingLog()
	label := RedactDSN(cfg.Path)
	db, err := sql.Open(sqlDialects[cfg.Backend].driver, dsn)
	if err != nil {
		return opened{}, fmt.Errorf("connect to %s: %w", label, err)
	}
	db.SetMaxOpenConns(2)
	side := &sqlDB{db: db, label: label, logKeep: textLogKeep}
	pctx, cancel := context.WithTimeout(ctx, orDefault(cfg.ConnectTimeout, DefaultConnectTimeout))
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		db.Close()
		return opened{}, fmt.Errorf("%w: cannot reach %s: %v", ErrUnavailable, label, err)
	}
	if err := side.init(pctx, cfg.Backend, dsn); err != nil {
		db.Close()
		return opened{}, err
	}
	maxConns := cfg.MaxConns
	if maxConns <= 0 {
		maxConns = DefaultMaxConns
	}
	qs, err := cgraph.NewQuadStore(cfg.Backend, dsn, cgraph.Options{
		"maxopenconnections": maxConns,
		"maxidleconnections": maxConns,
		"connmaxlifetime":    "30m",
	})
	if err != nil {
		db.Close()
		return opened{}, fmt.Errorf("open quad store on %s: %w", label, err)
	}
	return opened{qs: qs, policy: sqlReads, sql: side}, nil
}

// init creates Cayley's tables and indexes unless they exist. Cayley's
// InitQuadStore runs in one transaction on PostgreSQL, so of two processes
// initialising at once one creates everything and the other fails (with
// "already exists" or a unique violation in the catalog): that failure is
// success when the tables are there afterwards.
func (d *sqlDB) init(ctx context.Context, backend, dsn string) error {
	if ok, err := d.initialised(ctx); err != nil || ok {
		return err
	}
	err := cgraph.InitQuadStore(backend, dsn, nil)
	if err == nil || errors.Is(err, cgraph.ErrDatabaseExists) {
		return nil
	}
	if ok, _ := d.initialised(ctx); ok {
		return nil
	}
	return fmt.Errorf("create schema in %s: %w", d.label, err)
}

// initialised reports whether Cayley's tables exist in the current schema.
func (d *sqlDB) initialised(ctx context.Context) (bool, error) {
	var n int
	err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_name IN ('quads', 'nodes')`).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("look for Parley's tables in %s: %w", d.label, err)
	}
	return n == 2, nil
}

// stats counts quads and nodes exactly.
func (d *sqlDB) stats(ctx context.Context) (cgraph.Stats, error) {
	var st cgraph.Stats
	err := d.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM quads), (SELECT count(*) FROM nodes)`).
		Scan(&st.Quads.Size, &st.Nodes.Size)
	if err != nil {
		return st, fmt.Errorf("count quads in %s: %w", d.label, err)
	}
	st.Quads.Exact, st.Nodes.Exact = true, true
	return st, nil
}

// marker reads the change marker.
func (d *sqlDB) marker(ctx context.Context) (changeMarker, error) {
	var m changeMarker
	err := d.db.QueryRowContext(ctx, `SELECT count(*), coalesce(max(horizon), 0) FROM quads`).Scan(&m.quads, &m.horizon)
	if err != nil {
		return m, fmt.Errorf("read change marker in %s: %w", d.label, err)
	}
	return m, nil
}

// lockWrites takes PostgreSQL's session advisory lock of Parley's writes
// to the current schema, on a connection of its own, and returns what
// releases it. A write is checked against what the store holds, then
// applied: without the lock, two processes could each check a change that
// is valid alone and conflicts with the other's (two names for one
// entity), and both commit. Should this process die holding the lock, its
// connection closes and the server releases it.
func (d *sqlDB) lockWrites(ctx context.Context) (unlock func(), err error) {
	conn, err := d.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("lock writes in %s: %w", d.label, err)
	}
	const key = `hashtext('parley writes ' || current_schema())`
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(`+key+`)`); err != nil {
		conn.Close()
		return nil, fmt.Errorf("lock writes in %s: %w", d.label, err)
	}
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_unlock(`+key+`)`); err != nil {
			// Closing the session releases the lock; back in the pool it
			// would hold it.
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		conn.Close()
	}, nil
}

// eachQuadOf calls fn for every quad whose predicate is one of preds, in
// one query that joins the node values in, where going through Cayley would
// take a round trip per value not in its cache (seconds for 100k quads).
// It reads IRIs and string literals, which is all the name index needs.
func (d *sqlDB) eachQuadOf(ctx context.Context, preds []string, fn func(quad.Quad)) error {
	byHash := make(map[string]quad.IRI, len(preds))
	args := make([]any, len(preds))
	ph := make([]string, len(preds))
	for i, p := range preds {
		h := cgraph.HashOf(quad.IRI(p))
		byHash[string(h[:])] = quad.IRI(p)
		args[i] = h[:]
		ph[i] = "$" + strconv.Itoa(i+1)
	}
	// The label says whether a retraction withdraws the quad.
	rows, err := d.db.QueryContext(ctx, `SELECT s.value_string, q.predicate_hash, o.value_string, coalesce(o.iri, false), o.datatype, o.language, l.value_string
		FROM quads q JOIN nodes s ON s.hash = q.subject_hash JOIN nodes o ON o.hash = q.object_hash
		LEFT JOIN nodes l ON l.hash = q.label_hash AND l.iri
		WHERE q.predicate_hash IN (`+strings.Join(ph, ", ")+`) AND s.iri AND o.value_string IS NOT NULL`, args...)
	if err != nil {
		return fmt.Errorf("read names in %s: %w", d.label, err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			subj, obj      string
			pred           []byte
			iri            bool
			datatype, lang sql.NullString
			label          sql.NullString
		)
		if err := rows.Scan(&subj, &pred, &obj, &iri, &datatype, &lang, &label); err != nil {
			return fmt.Errorf("read names in %s: %w", d.label, err)
		}
		var o quad.Value = quad.String(obj)
		switch {
		case iri:
			o = quad.IRI(obj)
		case lang.Valid:
			o = quad.LangString{Value: quad.String(obj), Lang: lang.String}
		case datatype.Valid:
			o = quad.TypedString{Value: quad.String(obj), Type: quad.IRI(datatype.String)}
		}
		var l quad.Value
		if label.Valid {
			l = quad.IRI(label.String)
		}
		fn(quad.Quad{Subject: quad.IRI(subj), Predicate: byHash[string(pred)], Object: o, Label: l})
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read names in %s: %w", d.label, err)
	}
	return nil
}

// retryable reports whether err is a transaction conflict that a retry
// resolves: a deadlock between two loads writing the same nodes in a
// different order, or a serialization failure.
func retryable(err error) bool {
	var pe *pq.Error
	if errors.As(err, &pe) {
		return pe.Code == "40P01" || pe.Code == "40001"
	}
	return false
}

// sqlDSN returns cfg.Path with Parley's connection settings added where the
// DSN does not set them itself: connect_timeout (seconds), and for
// PostgreSQL statement_timeout (milliseconds), which bounds the queries
// Cayley runs without a context.
func sqlDSN(cfg Config) (string, error) {
	connect := max(time.Second, orDefault(cfg.ConnectTimeout, DefaultConnectTimeout))
	set := [][2]string{{"connect_timeout", strconv.Itoa(int(connect.Round(time.Second).Seconds()))}}
	if cfg.Backend == BackendPostgres {
		stmt := orDefault(cfg.StatementTimeout, DefaultStatementTimeout)
		set = append(set, [2]string{"statement_timeout", strconv.FormatInt(stmt.Milliseconds(), 10)})
	}
	dsn := cfg.Path
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			return "", fmt.Errorf("parse connection URL %s: %w", RedactDSN(dsn), ErrInvalid)
		}
		q := u.Query()
		for _, kv := range set {
			if q.Get(kv[0]) == "" {
				q.Set(kv[0], kv[1])
			}
		}
		u.RawQuery = q.Encode()
		return u.String(), nil
	}
	for _, kv := range set {
		if !strings.Contains(dsn, kv[0]+"=") {
			dsn += " " + kv[0] + "=" + kv[1]
		}
	}
	return strings.TrimSpace(dsn), nil
}

var kvPassword = regexp.MustCompile(`password\s*=\s*('(?:[^'\\]|\\.)*'|\S+)`)

// RedactDSN returns a database connection string (URL or key=value form)
// with its password replaced by "xxxxx", for logs and error messages.
func RedactDSN(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.Scheme != "" && u.Host != "" {
		q := u.Query()
		if q.Has("password") {
			q.Set("password", "xxxxx")
			u.RawQuery = q.Encode()
		}
		return u.Redacted()
	}
	return kvPassword.ReplaceAllString(dsn, "password=xxxxx")
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}
