#!/bin/sh
# Regenerates testdata/layouts/react-pdf-cards/ (see SOURCE.md there).
# Needs node 20 and `npm install --no-audit --no-fund` in this folder once.
set -e
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$here"  # common.prepare() removes and remakes the output folder
[ -d "$here/node_modules" ] || (cd "$here" && npm ci --no-audit --no-fund)
/usr/bin/python3 "$here/make.py" prepare "$tmp"
node "$here/make.mjs" "$tmp"
/usr/bin/python3 "$here/make.py" truth "$tmp"
