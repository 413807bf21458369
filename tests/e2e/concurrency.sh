#!/usr/bin/env bash
# Eight processes started at once on one collection: exactly one runs, seven
# exit 75 naming the owner. Eight `batch --shard K/8` at once process every
# collection exactly once.
source "$(dirname "$0")/lib.bash"

stage grid-basic ss26
pids=()
for i in $(seq 1 8); do
  COLLPROC_TEST_DELAY_MS=50 "$COLLPROC" --progress none process ss26 >"$WORK/out.$i" 2>"$WORK/err.$i" &
  pids+=($!)
done
ran=0; refused=0
for i in $(seq 1 8); do
  code=0; wait "${pids[$((i - 1))]}" || code=$?
  case $code in
    0) ran=$((ran + 1)) ;;
    75) refused=$((refused + 1)); grep -q "already running (pid " "$WORK/err.$i" || fail "exit 75 without the owner: $(cat "$WORK/err.$i")" ;;
    *) fail "process $i exited $code: $(cat "$WORK/err.$i")" ;;
  esac
done
[ "$ran" -eq 1 ] && [ "$refused" -eq 7 ] || fail "$ran ran and $refused were refused, expected 1 and 7"
[ "$(sqlite3 "$COLLPROC_STATE" "SELECT count(*) FROM runs WHERE job = 'documents'")" -eq 1 ] || fail "more than one run recorded"

for c in a b c d e f g h i j k l; do
  "$COLLPROC" -q add "shard-$c" --linesheet "$TESTDATA/table-rows/linesheet.pdf" --po "$TESTDATA/table-rows/po.csv"
done
pids=()
for k in $(seq 1 8); do
  "$COLLPROC" --progress none -q batch --shard "$k/8" >"$WORK/batch.$k" 2>&1 &
  pids+=($!)
done
for pid in "${pids[@]}"; do
  wait "$pid" || fail "a batch shard failed: $(cat "$WORK"/batch.*)"
done
for c in a b c d e f g h i j k l; do
  n=$(sqlite3 "$COLLPROC_STATE" "SELECT count(*) FROM runs WHERE collection_id = 'shard-$c' AND job = 'documents'")
  [ "$n" -eq 1 ] || fail "shard-$c: document processing ran $n times, expected once"
  [ "$(status_of "shard-$c" item_generation)" = completed ] || fail "shard-$c: items not generated"
done
