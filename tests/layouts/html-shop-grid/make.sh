#!/bin/sh
# Regenerates testdata/layouts/html-shop-grid/. Needs Debian's chromium,
# python3-pil, poppler-utils, node/npm; installs the pinned npm packages here.
set -e
cd "$(dirname "$0")"
[ -d node_modules/bootstrap ] && [ -d node_modules/playwright-core ] || npm install --no-audit --no-fund
exec /usr/bin/python3 make.py
