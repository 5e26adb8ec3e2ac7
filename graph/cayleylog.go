package graph

import (
	"fmt"
	"log"
	"regexp"
	"sync"

	"github.com/cayleygraph/cayley/clog"
)

// Cayley's SQL backend logs the connection string it was given, password
// and all, when it cannot connect ("Couldn't open database at %s"), through
// its process-wide logger. Before the first SQL store opens, Parley swaps
// that logger for one that prints the same lines with passwords redacted.
// This is the one piece of global state Parley sets, and it is set once.
var redactCayleyLog sync.Once

func installRedactingLog() {
	redactCayleyLog.Do(func() { clog.SetLogger(&redactingLog{}) })
}

// urlPassword matches the password in the userinfo of any URL.
var urlPassword = regexp.MustCompile(`(\w+://[^:/@\s]*:)[^@\s]*@`)

// redactSecrets removes passwords from connection strings anywhere in s.
func redactSecrets(s string) string {
	s = urlPassword.ReplaceAllString(s, "${1}xxxxx@")
	return kvPassword.ReplaceAllString(s, "password=xxxxx")
}

// redactingLog is Cayley's standard logger with [redactSecrets] applied.
type redactingLog struct {
	mu        sync.Mutex
	verbosity int
}

func (l *redactingLog) print(prefix, format string, args []any) {
	log.Print(prefix + redactSecrets(fmt.Sprintf(format, args...)))
}

func (l *redactingLog) Infof(format string, args ...any)    { l.print("", format, args) }
func (l *redactingLog) Warningf(format string, args ...any) { l.print("WARN: ", format, args) }
func (l *redactingLog) Errorf(format string, args ...any)   { l.print("ERROR: ", format, args) }
func (l *redactingLog) Fatalf(format string, args ...any) {
	log.Fatal("FATAL: " + redactSecrets(fmt.Sprintf(format, args...)))
}

func (l *redactingLog) V(level int) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.verbosity >= level
}

func (l *redactingLog) SetV(level int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.verbosity = level
}
