#!/bin/sh
# build.sh copies the browser builds of the playground's and the explorer's
# npm dependencies from node_modules/ into assets/vendor/, one directory per
# package named with its version, and writes assets/vendor/LICENSES.txt. The
# copies are committed, so building or running Parley needs no node.
#
# Usage: cd web && npm ci && npm run build     (npm run build runs this script)
#
# When a version changes, update the paths in templates/playground.html and
# templates/explorer.html too; go test ./web fails if a page names a file that
# is not there.
set -eu
cd "$(dirname "$0")"
if [ ! -d node_modules ]; then
	echo "build.sh: node_modules is missing: run npm ci first" >&2
	exit 1
fi

out=assets/vendor
rm -rf "$out"

# copy PACKAGE DIR FILE...: copy FILEs of node_modules/PACKAGE into
# $out/DIR-VERSION/.
copy() {
	pkg=$1
	dir=$out/$2-$(node -p "require('./node_modules/$pkg/package.json').version")
	shift 2
	mkdir -p "$dir"
	for f in "$@"; do
		cp "node_modules/$pkg/$f" "$dir/"
	done
	echo "build.sh: $dir"
}

copy react react umd/react.production.min.js LICENSE
copy react-dom react-dom umd/react-dom.production.min.js LICENSE
copy graphiql graphiql graphiql.min.js graphiql.min.css LICENSE
copy @graphiql/plugin-explorer graphiql-plugin-explorer dist/index.umd.js dist/style.css
# The explorer's graph drawing: cytoscape, and the fcose layout with the two
# packages it is built on (UMD builds: globals cytoscape, layoutBase,
# coseBase, cytoscapeFcose, loaded in that order).
copy cytoscape cytoscape dist/cytoscape.min.js LICENSE
copy layout-base layout-base layout-base.js LICENSE
copy cose-base cose-base cose-base.js LICENSE
copy cytoscape-fcose cytoscape-fcose cytoscape-fcose.js LICENSE

# The bundles contain code from many of the installed packages: list every
# installed package with its licence, and the licence text it ships.
node - >"$out/LICENSES.txt" <<'JS'
const fs = require("fs");
const path = require("path");
const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
const out = [
  "Third-party software in Parley's web/assets/vendor/.",
  "The vendored bundles include code from some of the npm packages below,",
  "which are every package that package-lock.json installs.",
  "",
];
for (const dir of Object.keys(lock.packages).filter((d) => d !== "").sort()) {
  const meta = lock.packages[dir];
  if (meta.dev) continue;
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  out.push("=".repeat(72), `${pkg.name} ${pkg.version} (${meta.license || pkg.license || "no licence field"})`, "");
  const file = fs.readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
  out.push(file ? fs.readFileSync(path.join(dir, file), "utf8").trim() : "(the package ships no licence file)", "");
}
process.stdout.write(out.join("\n") + "\n");
JS
echo "build.sh: $out/LICENSES.txt"
