#!/bin/sh
# Regenerates testdata/layouts/html-jewelry-cards/. Needs Debian's chromium,
# fonts-lato, python3-pil, node/npm; installs the pinned npm packages here.
set -e
cd "$(dirname "$0")"
[ -d node_modules/pagedjs ] && [ -d node_modules/exceljs ] || npm install --no-audit --no-fund
exec /usr/bin/python3 make.py
