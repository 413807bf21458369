#!/usr/bin/env bash
# A sync killed (SIGKILL) or interrupted (SIGINT) half-way finishes on rerun: the remote then equals a clean sync
# of the same state, field by field, and no image was uploaded twice.
source "$(dirname "$0")/lib.bash"
source "$SOURCE_DIR/tests/support/firestore.bash"
start_server
case=two-linesheets
process_case "$case"
"$COLLPROC" export "$case" >"$WORK/export.json"
items=$(/usr/bin/python3 -c "import json; print(len(json.load(open('$WORK/export.json'))['items']))")

# Every request takes 0.1 s and commits carry 2 writes: the kill lands mid-way.
fault '{"match": "/", "kind": "delay", "seconds": 0.1, "count": 100000}'
"$COLLPROC" sync "$case" --batch-size 2 >"$WORK/killed.out" 2>&1 &
pid=$!
for _ in $(seq 1 200); do
  [ "$(check count POST :commit)" -ge 2 ] && break
  sleep 0.05
done
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
curl -sf -X POST "$BASE/_test/clear-faults" >/dev/null
landed=$(check snapshot demo-test | grep -c "\"collections/$case/items/" || true)
[ "$landed" -lt "$items" ] || fail "the kill came too late: $landed of $items items had landed"

expect_code 0 "$COLLPROC" sync "$case"
check compare demo-test demo-test.appspot.com "$WORK/export.json" || fail "rerun left the remote unlike the export"
expect_code 0 "$COLLPROC" sync "$case" --project clean
check snapshot demo-test >"$WORK/rerun.json"
check snapshot clean >"$WORK/clean.json"
grep -q "collections/$case/items/" "$WORK/clean.json" || fail "the clean sync wrote no items"
diff "$WORK/rerun.json" "$WORK/clean.json" >&2 || fail "killed+rerun differs from a clean sync"
# SIGINT mid-way: exit 130 at the next request, and the rerun finishes the same way.
fault '{"match": "/", "kind": "delay", "seconds": 0.1, "count": 100000}'
"$COLLPROC" sync "$case" --project sigint --batch-size 2 >"$WORK/int.out" 2>&1 &
pid=$!
for _ in $(seq 1 200); do
  [ "$(check snapshot sigint | grep -c "\"collections/$case/items/" || true)" -ge 2 ] && break
  sleep 0.05
done
kill -INT "$pid"
code=0
wait "$pid" || code=$?
[ "$code" = 130 ] || fail "SIGINT: sync exited $code ($(cat "$WORK/int.out"))"
curl -sf -X POST "$BASE/_test/clear-faults" >/dev/null
expect_code 0 "$COLLPROC" sync "$case" --project sigint
check snapshot sigint >"$WORK/sigint.json"
diff "$WORK/sigint.json" "$WORK/clean.json" >&2 || fail "interrupted+rerun differs from a clean sync"

images=$(grep -o 'images/[0-9a-f]*\.[a-z]*' "$WORK/export.json" | sort -u | wc -l)
[ "$(check count POST /upload/)" -le "$images" ] || fail "an image was uploaded twice"
