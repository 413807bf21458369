#!/usr/bin/env bash
# Resource limits on untrusted documents: a PDF page that keeps Poppler busy past --page-timeout,
# a parser that passes --worker-memory, a document over --max-pages, images over
# --max-image-pixels. Each fails its own document with exit 65 and a message naming the file
# and the flag (or leaves the image out); the state file stays whole and the tool usable.
source "$(dirname "$0")/lib.bash"

# A page that takes Poppler seconds (about 1 s per million operations here).
/usr/bin/python3 "$SOURCE_DIR/tests/support/make_slow_pdf.py" "$WORK/slow.pdf" 5000000
expect_code 0 "$COLLPROC" add slow --linesheet "$WORK/slow.pdf" --po "$TESTDATA/grid-basic/po.xlsx"
start=$(date +%s%N)
expect_code 65 "$COLLPROC" --progress none --page-timeout 0.2 process slow
took_ms=$((($(date +%s%N) - start) / 1000000))
grep -q "slow: slow.pdf: extract-images: page 1: one page took longer than 0.2 s (--page-timeout)" "$WORK/err" ||
  fail "page timeout message: $(cat "$WORK/err")"
[ "$took_ms" -lt 5000 ] || fail "the page timeout took ${took_ms} ms to act"
[ "$(status_of slow document_processing)" = failed ] || fail "the job should read failed"
[ "$(sqlite3 "$COLLPROC_STATE" 'PRAGMA integrity_check')" = ok ] || fail "state damaged"
# Workers are forks of the tool, with its command line.
if pgrep -f -- "--page-timeout 0.2 process slow" >/dev/null; then fail "a worker outlived its document"; fi

# Memory: every worker fails at once under 64 MB of address space (not under ASan, whose
# shadow memory rules out an address-space limit).
stage grid-basic ss26
if ! under_asan; then
  expect_code 65 "$COLLPROC" --progress none --worker-memory 64 process ss26
  grep -q "ss26: linesheet.pdf: extract-images: page 1: .*--worker-memory" "$WORK/err" ||
    fail "memory limit message: $(cat "$WORK/err")"
  if grep -q "Out of memory" "$WORK/err"; then fail "Poppler's own complaint reached stderr"; fi
fi
expect_code 0 "$COLLPROC" --progress none process ss26

# Images over --max-image-pixels are left out; the default keeps them.
placements() { "$COLLPROC" history ss26 --json | /usr/bin/python3 -c "
import json, sys
runs = json.load(sys.stdin)
print(next(p['counts']['placements'] for p in runs[-1]['phases'] if p['phase'] == 'extract-images'))"; }
all=$(placements)
expect_code 0 "$COLLPROC" --progress none --max-image-pixels 1000 process ss26 --force
few=$(placements)
[ "$few" -lt "$all" ] || fail "--max-image-pixels 1000 kept $few of $all placements"

# Pages: refused at add, naming the file and the flag; nothing is staged.
expect_code 65 "$COLLPROC" --max-pages 1 add big --linesheet "$TESTDATA/grid-basic/linesheet.pdf"
grep -q "linesheet.pdf: 2 pages, more than the limit of 1" "$WORK/err" || fail "max pages: $(cat "$WORK/err")"
grep -q -- "--max-pages" "$WORK/err" || fail "max pages hint: $(cat "$WORK/err")"
expect_code 3 "$COLLPROC" documents big

# Flags are checked: a bad value is a usage error.
expect_code 2 "$COLLPROC" --page-timeout 0 status
