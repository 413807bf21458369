#!/usr/bin/env bash
# collproc sync under faults: 503, 429 with Retry-After, a connection reset after the
# server applied a commit, and a timeout are retried and the remote ends equal to the
# export; retries running out exit 69; a refused write exits 1 with the server's message.
source "$(dirname "$0")/lib.bash"
source "$SOURCE_DIR/tests/support/firestore.bash"
start_server
case=grid-basic
process_case "$case"
"$COLLPROC" export "$case" >"$WORK/export.json"

fault '{"match": ":commit", "kind": "status", "status": 503, "count": 2}'
fault '{"match": "/upload/", "kind": "status", "status": 429, "retry_after": "1", "count": 1}'
fault '{"match": "/storage/v1/b/", "kind": "reset", "count": 1}'
fault '{"match": ":commit", "kind": "reset", "apply": true, "count": 1}'
fault '{"match": ":commit", "kind": "timeout", "seconds": 2, "count": 1}'
start=$(date +%s%N)
expect_code 0 "$COLLPROC" sync "$case" --batch-size 3 --timeout 1
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$elapsed_ms" -ge 1000 ] || fail "Retry-After: 1 not honoured (sync took $elapsed_ms ms)"
check compare demo-test demo-test.appspot.com "$WORK/export.json" || fail "remote differs after faults"
[ "$(check count POST /upload/)" -le "$(grep -o 'images/[0-9a-f]*\.[a-z]*' "$WORK/export.json" | sort -u | wc -l | awk '{print $1 + 1}')" ] \
  || fail "an image was uploaded twice"

# Retries run out: exit 69 with a hint; the rerun finishes the job.
expect_code 0 "$COLLPROC" --progress none generate-items "$case" --force
fault '{"match": ":commit", "kind": "status", "status": 503, "count": 3}'
expect_code 69 "$COLLPROC" sync "$case" --retries 2
grep -q "unavailable after 3 attempts" "$WORK/err" || fail "no unavailable message: $(cat "$WORK/err")"
expect_code 0 "$COLLPROC" sync "$case"
grep -q "1 documents updated" "$WORK/out" || fail "rerun did not finish: $(cat "$WORK/out")"

# A final error stops with the server's message and exit 1.
expect_code 0 "$COLLPROC" --progress none generate-items "$case" --force
fault '{"match": ":commit", "kind": "status", "status": 403, "message": "Missing or insufficient permissions.", "count": 1}'
expect_code 1 "$COLLPROC" sync "$case"
grep -q "PERMISSION_DENIED: Missing or insufficient permissions" "$WORK/err" || fail "$(cat "$WORK/err")"

# Usage: no bucket, bad batch size, unknown collection.
expect_code 2 env -u COLLPROC_BUCKET "$COLLPROC" sync "$case"
grep -q "no Storage bucket" "$WORK/err" || fail "$(cat "$WORK/err")"
expect_code 2 "$COLLPROC" sync "$case" --batch-size 501
expect_code 3 "$COLLPROC" sync nosuch
