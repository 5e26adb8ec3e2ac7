package graph

// TextFollowed reports what the last refresh of a PostgreSQL server's text
// index did: how many subjects it indexed again, and whether it rebuilt
// the index in full instead.
func (s *Store) TextFollowed() (subjects int, full bool) {
	s.refreshMu.Lock()
	defer s.refreshMu.Unlock()
	return s.text.followed.subjects, s.text.followed.full
}
