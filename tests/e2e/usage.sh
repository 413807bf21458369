#!/usr/bin/env bash
# Usage errors and prerequisites: exit codes and messages that say what to do.
source "$(dirname "$0")/lib.bash"

expect_code 3 "$COLLPROC" status nowhere
expect_code 2 "$COLLPROC" frobnicate
expect_code 2 "$COLLPROC" add 'bad/id' --linesheet "$TESTDATA/grid-basic/linesheet.pdf"
grep -q "contains '/'" "$WORK/err" || fail "invalid ID not explained: $(cat "$WORK/err")"
expect_code 2 "$COLLPROC" add '__reserved__' --linesheet "$TESTDATA/grid-basic/linesheet.pdf"

"$COLLPROC" -q add ss26 --linesheet "$TESTDATA/grid-basic/linesheet.pdf"
expect_code 3 "$COLLPROC" process ss26
grep -q -- "--po" "$WORK/err" || fail "missing PO: no hint to add one: $(cat "$WORK/err")"
"$COLLPROC" -q add ss26 --po "$TESTDATA/grid-basic/po.xlsx"

expect_code 2 "$COLLPROC" generate-items ss26
grep -q "collproc process ss26" "$WORK/err" || fail "generate-items before process: $(cat "$WORK/err")"
expect_code 2 "$COLLPROC" phase extract-txt ss26
grep -q "did you mean 'extract-text'" "$WORK/err" || fail "no suggestion: $(cat "$WORK/err")"
expect_code 2 "$COLLPROC" phase match-images ss26
grep -q "filter-images\|extract-images" "$WORK/err" || fail "phase without inputs: $(cat "$WORK/err")"

# One phase at a time, then the rest of the job skips what is done.
expect_code 0 "$COLLPROC" --progress none phase extract-images ss26
expect_code 0 "$COLLPROC" show extract-images ss26
grep -q "img-" "$WORK/out" || fail "show extract-images printed no images"
expect_code 0 "$COLLPROC" --progress plain process ss26
grep -q "Phase 1 of 6: Extracting images from documents: skipped" "$WORK/err" || fail "phase 1 not skipped: $(cat "$WORK/err")"
expect_code 0 "$COLLPROC" --json status ss26
/usr/bin/python3 - "$WORK/out" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
d = s["document_processing"]
assert d["status"] == "completed", d
assert d["progress"] == {"phase": 6, "total_phases": 6, "percentage": 100}, d
assert d["current_phase"] == "Matching images to products", d
assert "error" not in d
assert s["item_generation"]["status"] == "idle"
PY
# show --page: a page the linesheets do not have is an error; --json keeps that page's products.
expect_code 2 "$COLLPROC" show extract-products ss26 --page 99
grep -q "page 99 is out of range: the linesheets have 2 pages" "$WORK/err" || fail "show --page 99: $(cat "$WORK/err")"
expect_code 2 "$COLLPROC" show extract-text ss26 --page -1
grep -q "pages count from 1" "$WORK/err" || fail "show --page -1: $(cat "$WORK/err")"
expect_code 0 "$COLLPROC" --json show extract-products ss26 --page 2
/usr/bin/python3 -c '
import json, sys
pages = {p["page"] for o in json.load(open(sys.argv[1]))["outputs"] for p in o["data"]}
assert pages == {2}, pages
' "$WORK/out" || fail "show --json --page 2 kept other pages"
expect_code 2 "$COLLPROC" retry ss26
expect_code 0 "$COLLPROC" history ss26
grep -q "extract-images" "$WORK/out" || fail "history has no phases"

# status runs in collproc itself (no Poppler, OpenCV or libcurl loaded), whatever global options
# come first; every other command is handed to collproc-engine.
stage grid-basic lean
for args in "status lean" "--progress none --state $COLLPROC_STATE status" "--json status lean"; do
  # shellcheck disable=SC2086
  LD_DEBUG=libs "$COLLPROC" $args >/dev/null 2>"$WORK/libs" || fail "'collproc $args' failed"
  if grep -q "libpoppler\|libopencv\|libcurl" "$WORK/libs"; then fail "'collproc $args' loaded the engine's libraries"; fi
done
# A job that never ran has null times, not "".
"$COLLPROC" --json status lean | /usr/bin/python3 -c '
import json, sys
job = json.load(sys.stdin)["document_processing"]
assert job["status"] == "idle", job
assert job["started_at"] is None and job["completed_at"] is None, job
' || fail "status --json: unset times are not null"
LD_DEBUG=libs "$COLLPROC" documents lean >/dev/null 2>"$WORK/libs"
grep -q "libpoppler" "$WORK/libs" || fail "documents did not run in collproc-engine"

# Progress counts read as words, singular for one: "(1 document)", "3 skipped rows".
expect_code 0 "$COLLPROC" --progress none process lean
expect_code 0 "$COLLPROC" --progress plain generate-items lean
grep -q "Fetching purchase order: done in .* (1 document)" "$WORK/err" || fail "plain counts: $(cat "$WORK/err")"
grep -q "skipped rows" "$WORK/err" || fail "plain counts: $(cat "$WORK/err")"
