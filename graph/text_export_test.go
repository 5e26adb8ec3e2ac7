package graph

import "context"

// TextFollowed reports what the last refresh of a PostgreSQL server's text
// index did: how many subjects it indexed again, and whether it rebuilt
// the index in full instead.
func (s *Store) TextFollowed() (subjects int, full bool) {
	s.refreshMu.Lock()
	defer s.refreshMu.Unlock()
	return s.text.followed.subjects, s.text.followed.full
}

// SetTextLogKeep sets how many rows a PostgreSQL store's removal log
// keeps when it next logs a removal.
func (s *Store) SetTextLogKeep(n int64) { s.sql.logKeep = n }

// TextLogRows returns the number of rows in the removal log.
func (s *Store) TextLogRows(ctx context.Context) (int64, error) {
	var n int64
	err := s.sql.db.QueryRowContext(ctx, `SELECT count(*) FROM parley_text_log`).Scan(&n)
	return n, err
}
