package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/parley-kg/parley/graph"
)

// commandNames returns the commands the usage text lists, so that the
// suggestions follow the usage as commands are added.
func commandNames() []string {
	_, list, _ := strings.Cut(usage, "Commands:\n")
	var out []string
	for _, line := range strings.Split(list, "\n") {
		if !strings.HasPrefix(line, "  ") {
			break
		}
		out = append(out, strings.Fields(line)[0])
	}
	return out
}

// unknownCommand is the usage error for an unknown command: a suggestion
// when one is near, and where the list is, instead of the whole usage.
func unknownCommand(cmd string) error {
	msg := fmt.Sprintf("unknown command %q", cmd)
	if near := graph.Nearest(cmd, commandNames()); len(near) > 0 {
		msg += fmt.Sprintf("; did you mean %q?", near[0])
	}
	return usagef("%s (\"parley help\" lists the commands)", msg)
}

// parseFlags parses args, flags and arguments in any order: flags after
// the arguments are moved before them, and "--" ends the flags. A mistake
// is a short usage error: an unknown flag names the nearest one, and the
// full flag list is left to --help.
func parseFlags(fs *flag.FlagSet, args []string) error {
	usage, out := fs.Usage, fs.Output()
	fs.Usage = func() {} // printed below, for --help only
	fs.SetOutput(io.Discard)
	err := fs.Parse(interleaved(fs, args))
	fs.Usage = usage
	fs.SetOutput(out)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, flag.ErrHelp):
		usage()
		return err
	}
	help := fmt.Sprintf("(%q lists the flags)", fs.Name()+" --help")
	if name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: -"); ok {
		msg := fmt.Sprintf("unknown flag --%s", name)
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		if near := graph.Nearest(name, names); len(near) > 0 {
			msg += fmt.Sprintf("; did you mean --%s?", near[0])
		}
		return usagef("%s %s", msg, help)
	}
	return usagef("%v %s", err, help)
}

// interleaved returns args with the flags first and the arguments after a
// "--", so that the flag package, which stops at the first argument,
// takes flags written after the arguments too. A flag that takes a value
// and has no "=" takes the next word.
func interleaved(fs *flag.FlagSet, args []string) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			rest = append(rest, args[i+1:]...)
			i = len(args)
		case len(a) > 1 && a[0] == '-':
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if strings.Contains(name, "=") {
				continue
			}
			if f := fs.Lookup(name); f != nil && !isBoolFlag(f) && i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
		default:
			rest = append(rest, a)
		}
	}
	return append(append(flags, "--"), rest...)
}

// isBoolFlag reports whether f takes no value.
func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}
