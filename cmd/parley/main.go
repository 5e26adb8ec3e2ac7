// Command parley is Parley's knowledge graph of the negotiations to end the
// war in Ukraine: it serves the graph over GraphQL and Cayley's query
// languages, and loads, queries, exports and checks it from the shell.
//
// Usage:
//
//	parley <command> [flags] [arguments]
//
// Run "parley help" for the commands, "parley <command> --help" for each.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
	case errors.As(err, new(usageError)):
		fmt.Fprintln(os.Stderr, "parley:", err)
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "parley:", err)
		os.Exit(1)
	}
}

// usageError is a mistake in the command line; main exits with status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// env is what a command reads from its environment, injected for tests.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// run dispatches to a subcommand.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return usagef("no command given")
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return runServe(ctx, rest, e)
	case "load":
		return runLoad(ctx, rest, e)
	case "add":
		return runAdd(ctx, rest, e)
	case "retract":
		return runRetract(ctx, rest, e)
	case "query":
		return runQuery(ctx, rest, e)
	case "export":
		return runExport(ctx, rest, e)
	case "check":
		return runCheck(ctx, rest, e)
	case "gen":
		return runGen(ctx, rest, e)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return unknownCommand(cmd)
}

const usage = `Parley: a knowledge graph of the negotiations to end the war in Ukraine.

Usage:
  parley <command> [flags] [arguments]

Commands:
  serve    serve GraphQL, the playground and Cayley's HTTP API
  load     add N-Quads files (plain or .gz) to the store
  add      add a source from its authoring file (YAML) and document text
  retract  withdraw a document or contribution (who, when, why); nothing is deleted
  query    run a Gizmo, MQL or Cayley GraphQL query and print JSON
  export   write the whole graph as N-Quads, JSON-LD or CSV
  check    validate N-Quads against Parley's vocabulary
  gen      write a synthetic graph of N quads, for benchmarks and load tests

Every command that opens a store takes --store and --db, and makes sure the
embedded seed is loaded (unless --no-seed). Flags may come before or after
arguments; "--" ends them.
Run "parley <command> --help" for a command's flags and examples.
`
