#!/usr/bin/env bash
# collproc sync: every sample collection lands in Firestore and Storage field by field;
# --dry-run and a second sync send nothing; fields the web app owns survive; an item
# gone locally is deleted remotely.
source "$(dirname "$0")/lib.bash"
source "$SOURCE_DIR/tests/support/firestore.bash"
start_server

for case_dir in "$TESTDATA"/*/; do
  case=$(basename "$case_dir")
  [ -f "$case_dir/truth.json" ] || continue
  process_case "$case"
  sent=$(check count POST /)
  expect_code 0 "$COLLPROC" sync "$case" --dry-run
  grep -q "^update collections/$case \[categories,processing_status\]" "$WORK/out" || fail "$case: dry run: $(cat "$WORK/out")"
  [ "$(check count POST /)" = "$sent" ] || fail "$case: --dry-run sent a request"
  expect_code 0 "$COLLPROC" sync "$case"
  "$COLLPROC" export "$case" >"$WORK/$case.json"
  check compare demo-test demo-test.appspot.com "$WORK/$case.json" || fail "$case: remote differs from export"
  sent=$(check count POST /)
  expect_code 0 "$COLLPROC" sync "$case"
  grep -q "0 images uploaded (0 already there), 0 documents updated, 0 deleted" "$WORK/out" || fail "$case: $(cat "$WORK/out")"
  [ "$(check count POST /)" = "$sent" ] || fail "$case: an unchanged sync sent something"
done

# The web app's own field on the collection document survives a sync (update mask).
case=table-rows
expect_code 0 "$COLLPROC" sync "$case"
name="projects/demo-test/databases/(default)/documents/collections/$case"
curl -sf -H 'Authorization: Bearer owner' "$BASE/v1/projects/demo-test/databases/(default)/documents:commit" --data \
  "{\"writes\": [{\"update\": {\"name\": \"$name\", \"fields\": {\"deck_title\": {\"stringValue\": \"AW25\"}}}, \"updateMask\": {\"fieldPaths\": [\"deck_title\"]}}]}" >/dev/null \
  || fail "web-app write refused"

# A new PO without the first style: its items disappear locally and remotely.
mkdir -p "$WORK/po2"
grep -v 'AW25/301' "$TESTDATA/$case/po.csv" >"$WORK/po2/po.csv"
"$COLLPROC" -q add "$case" --po "$WORK/po2/po.csv"
expect_code 0 "$COLLPROC" --progress none process "$case"
expect_code 0 "$COLLPROC" --progress none generate-items "$case"
expect_code 0 "$COLLPROC" sync "$case"
grep -Eq "documents updated, [1-9][0-9]* deleted" "$WORK/out" || fail "nothing deleted: $(cat "$WORK/out")"
"$COLLPROC" export "$case" >"$WORK/$case.2.json"
check compare demo-test demo-test.appspot.com "$WORK/$case.2.json" || fail "remote differs after regenerate"
[ "$(check field demo-test "collections/$case" deck_title)" = '"AW25"' ] || fail "sync removed the web app's deck_title"

# --full resends everything to a remote wiped behind collproc's back.
curl -sf -X POST "$BASE/_test/reset" >/dev/null
expect_code 0 "$COLLPROC" sync "$case"
grep -q "0 documents updated" "$WORK/out" || fail "incremental sync after a wipe: $(cat "$WORK/out")"
expect_code 0 "$COLLPROC" sync "$case" --full
check compare demo-test demo-test.appspot.com "$WORK/$case.2.json" || fail "--full left the remote unlike the export"
