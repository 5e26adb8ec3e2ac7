package graph

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"
)

// On PostgreSQL each server holds its own text index and follows the
// others' writes. Cayley's quads table says which quads were added since a
// change marker (their horizon, a BIGSERIAL, is higher), but a removal
// leaves no trace there. So each removal also appends the subjects it
// touched to parley_text_log, a table of Parley's own, and a server that
// sees the marker move re-indexes the subjects of the quads added since
// and of the removals logged since: no more than changed.
//
// The log is written after the removal, under the write lock. Should a
// process die between the two, or a tool remove quads without logging,
// the counts do not add up (the quads now must be the quads then plus
// those added, or fewer when removals were logged), and the index is
// rebuilt in full, as before.
//
// The log keeps its newest textLogKeep rows: a server further behind
// rebuilds anyway (maxFollow), and one whose position falls before the
// oldest row kept sees the gap and rebuilds too.

// textLogKeep is how many of its newest rows the removal log keeps: many
// more than maxFollow, so that pruning never makes a server rebuild that
// would have followed.
const textLogKeep = 10 * maxFollow

// textLogDDL creates the removal log unless it exists.
const textLogDDL = `CREATE TABLE IF NOT EXISTS parley_text_log (seq BIGSERIAL PRIMARY KEY, subject TEXT NOT NULL)`

// textPosition is how far a server's text index has followed the database:
// the change marker and the last removal logged.
type textPosition struct {
	marker changeMarker
	seq    int64
}

// textChanges is what changed since a textPosition.
type textChanges struct {
	now      textPosition
	subjects []string // subjects of added text or type quads, and of logged removals
	bridged  bool     // false: the counts do not add up; rebuild
}

// ensureTextLog creates the removal log. Two processes creating it at once
// may collide in PostgreSQL's catalog; the table is then there.
func (d *sqlDB) ensureTextLog(ctx context.Context) error {
	if _, err := d.db.ExecContext(ctx, textLogDDL); err != nil {
		var n int
		if qerr := d.db.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables
			WHERE table_schema = current_schema() AND table_name = 'parley_text_log'`).Scan(&n); qerr != nil || n == 0 {
			return fmt.Errorf("create the text index's removal log in %s: %w", d.label, err)
		}
	}
	return nil
}

// logRemovals appends the subjects a removal touched to the log, and
// prunes the log to its newest d.logKeep rows.
func (d *sqlDB) logRemovals(ctx context.Context, subjects []string) error {
	if len(subjects) == 0 {
		return nil
	}
	_, err := d.db.ExecContext(ctx, `INSERT INTO parley_text_log (subject) SELECT unnest($1::text[])`, pq.Array(subjects))
	if err != nil {
		return fmt.Errorf("log removal for the text index in %s: %w", d.label, err)
	}
	_, err = d.db.ExecContext(ctx, `DELETE FROM parley_text_log WHERE seq <= (SELECT max(seq) FROM parley_text_log) - $1`, d.logKeep)
	if err != nil {
		return fmt.Errorf("prune the text index's removal log in %s: %w", d.label, err)
	}
	return nil
}

// textPositionNow reads the current textPosition.
func (d *sqlDB) textPositionNow(ctx context.Context) (textPosition, error) {
	var p textPosition
	err := d.db.QueryRowContext(ctx, `SELECT count(*), coalesce(max(horizon), 0),
		(SELECT coalesce(max(seq), 0) FROM parley_text_log) FROM quads`).Scan(&p.marker.quads, &p.marker.horizon, &p.seq)
	if err != nil {
		return p, fmt.Errorf("read change marker in %s: %w", d.label, err)
	}
	return p, nil
}

// textChangesSince reads what changed since from, in one snapshot: the
// subjects of quads added with one of preds, and of logged removals.
func (d *sqlDB) textChangesSince(ctx context.Context, from textPosition, preds []string) (ch textChanges, err error) {
	tx, err := d.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return ch, fmt.Errorf("read changes in %s: %w", d.label, err)
	}
	defer tx.Rollback()
	err = tx.QueryRowContext(ctx, `SELECT count(*), coalesce(max(horizon), 0),
		(SELECT coalesce(max(seq), 0) FROM parley_text_log) FROM quads`).Scan(&ch.now.marker.quads, &ch.now.marker.horizon, &ch.now.seq)
	if err != nil {
		return ch, fmt.Errorf("read change marker in %s: %w", d.label, err)
	}
	var added, removals, oldest int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(min(seq), 0) FROM parley_text_log`).Scan(&oldest); err != nil {
		return ch, fmt.Errorf("read the removal log in %s: %w", d.label, err)
	}
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM quads WHERE horizon > $1`, from.marker.horizon).Scan(&added); err != nil {
		return ch, fmt.Errorf("count added quads in %s: %w", d.label, err)
	}
	seen := map[string]bool{}
	rows, err := tx.QueryContext(ctx, `SELECT subject FROM parley_text_log WHERE seq > $1 AND seq <= $2`, from.seq, ch.now.seq)
	if err != nil {
		return ch, fmt.Errorf("read the removal log in %s: %w", d.label, err)
	}
	if err := scanSubjects(rows, seen, &ch.subjects, &removals); err != nil {
		return ch, fmt.Errorf("read the removal log in %s: %w", d.label, err)
	}
	args := []any{from.marker.horizon}
	ph := make([]string, len(preds))
	for i, p := range preds {
		h := cgraph.HashOf(quad.IRI(p))
		args = append(args, h[:])
		ph[i] = "$" + strconv.Itoa(i+2)
	}
	rows, err = tx.QueryContext(ctx, `SELECT DISTINCT s.value_string FROM quads q JOIN nodes s ON s.hash = q.subject_hash
		WHERE q.horizon > $1 AND s.iri AND q.predicate_hash IN (`+strings.Join(ph, ", ")+`)`, args...)
	if err != nil {
		return ch, fmt.Errorf("read added subjects in %s: %w", d.label, err)
	}
	var n int64
	if err := scanSubjects(rows, seen, &ch.subjects, &n); err != nil {
		return ch, fmt.Errorf("read added subjects in %s: %w", d.label, err)
	}
	// Without logged removals, the count must match exactly; with them, it
	// may only be lower (a removal of a quad added since takes it from
	// both sides, so it may be equal too). (The highest horizon may fall,
	// when the newest quads are removed; new quads still get higher ones,
	// from the sequence.) Rows after from's may have been pruned when the
	// oldest kept is past the next one.
	want := from.marker.quads + added
	pruned := oldest > from.seq+1
	ch.bridged = !pruned && (removals == 0 && ch.now.marker.quads == want || removals > 0 && ch.now.marker.quads <= want)
	return ch, nil
}

// scanSubjects appends the subjects of rows not yet seen to out, counting
// the rows in n.
func scanSubjects(rows *sql.Rows, seen map[string]bool, out *[]string, n *int64) error {
	defer rows.Close()
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		*n++
		if !seen[s] {
			seen[s] = true
			*out = append(*out, s)
		}
	}
	return rows.Err()
}
