#!/usr/bin/env bash
# The HTTP benchmark, side by side with Cayley's own server: builds `cayley`
# from the Cayley version in go.mod, in a throwaway module outside the
# repository (Parley's go.mod does not gain Cayley's command's
# dependencies), then runs TestHTTPBench in cmd/parley, which serves the
# same files with `parley serve` and `cayley http` (bolt), sends both the
# same Gizmo query in the same rounds, times `parley load` against
# `cayley load`, and prints the tables of the README's Performance section.
#
#   bash .ci/bench-http.sh                      # seed and 100k quads, 5 rounds: about 4 minutes
#   PARLEY_BENCH_HTTP_SIZES=seed,10000 PARLEY_BENCH_HTTP_RUNS=3 bash .ci/bench-http.sh
#
# The cayley binary is kept in ${PARLEY_CAYLEY_CACHE:-$HOME/.cache/parley}
# (building it takes about two minutes; it needs a C compiler for
# Cayley's SQLite driver). Other knobs: PARLEY_BENCH_HTTP_DURATION (per
# target per round, default 2s), PARLEY_BENCH_HTTP_WORKERS (default 4).
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(go list -m -f '{{.Version}}' github.com/cayleygraph/cayley)
cache=${PARLEY_CAYLEY_CACHE:-$HOME/.cache/parley}
cayley=$cache/cayley-$version
if [ ! -x "$cayley" ]; then
  echo "building cayley $version (once; kept at $cayley)" >&2
  mod=$(mktemp -d)
  trap 'rm -rf "$mod"' EXIT
  mkdir -p "$cache"
  (
    cd "$mod"
    export GOFLAGS=-mod=mod
    go mod init cayleybuild >/dev/null 2>&1
    # Cayley's own go.mod pins logrus with a replace directive, which a
    # dependent module has to repeat.
    go mod edit -replace github.com/Sirupsen/logrus=github.com/Sirupsen/logrus@v1.0.1
    go get "github.com/cayleygraph/cayley/cmd/cayley@$version" >/dev/null 2>&1
    go build -o "$cayley" github.com/cayleygraph/cayley/cmd/cayley
  )
fi

echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(go version)"
PARLEY_BENCH_HTTP=1 PARLEY_BENCH_CAYLEY=$cayley \
  go test -count=1 -v -run '^TestHTTPBench$' -timeout 0 ./cmd/parley | grep -v '^=== RUN'
