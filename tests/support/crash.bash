# Sourced by tests/e2e/crash_points.sh and scripts/stress after lib.bash: kills collproc at its
# crash points (core/util/test_hooks.hpp) and checks that nothing is lost.
CHECK_STATE=$SOURCE_DIR/tests/support/check_state.py
CRASH_TRIALS=0 CRASH_SURVIVED=0

# prepare CASE JOB DIR: DIR/start.db is a state with CASE staged (and processed, when JOB is
# items), DIR/reference.json the export of an uninterrupted run of JOB from there.
prepare() {
  local case=$1 job=$2 dir=$3
  mkdir -p "$dir"
  COLLPROC_STATE=$dir/start.db stage "$case" ss26
  if [ "$job" = items ]; then
    COLLPROC_STATE=$dir/start.db "$COLLPROC" -q --progress none process ss26
  fi
  copy_state "$dir/start.db" "$dir/reference.db"
  COLLPROC_STATE=$dir/reference.db "$COLLPROC" -q --progress none "$(job_command "$job")" ss26
  COLLPROC_STATE=$dir/reference.db "$COLLPROC" export ss26 >"$dir/reference.json"
}

job_command() { [ "$1" = items ] && echo generate-items || echo process; }

# copy_state FROM TO: the state file with its WAL and blobs (no process has it open).
copy_state() {
  rm -rf "$2" "$2-wal" "$2-shm" "$2.blobs"
  cp "$1" "$2"
  for suffix in -wal -shm; do [ -e "$1$suffix" ] && cp "$1$suffix" "$2$suffix"; done
  cp -a "$1.blobs" "$2.blobs"
}

# wait_group_gone PID: waits until every process of PID's group (its worker processes, killed
# with it) has exited, as a later cron run would find them.
wait_group_gone() {
  for _ in $(seq 1 200); do
    pgrep -g "$1" >/dev/null || return 0
    sleep 0.02
  done
  fail "the worker processes of pid $1 outlived it by 4 s"
}

# count_points DIR JOB: how many crash points an uninterrupted run reaches.
count_points() {
  local dir=$1 job=$2
  copy_state "$dir/start.db" "$dir/count.db"
  rm -f "$dir/points"
  COLLPROC_STATE=$dir/count.db COLLPROC_TEST_CRASH_LOG=$dir/points \
    "$COLLPROC" -q --progress none "$(job_command "$job")" ss26
  wc -l <"$dir/points"
}

# crash_at DIR JOB N: run JOB, killed at crash point N; recover; check the state and export.
crash_at() {
  local dir=$1 job=$2 n=$3 state=$1/trial.db code=0
  copy_state "$dir/start.db" "$state"
  COLLPROC_STATE=$state COLLPROC_TEST_CRASH_AT=$n \
    setsid "$COLLPROC" -q --progress none "$(job_command "$job")" ss26 >/dev/null 2>"$dir/crash.err" &
  { wait $! || code=$?; } 2>/dev/null
  wait_group_gone $!
  [ "$code" = 137 ] || fail "$job, point $n: expected a SIGKILL (137), got exit $code: $(cat "$dir/crash.err")"
  CRASH_TRIALS=$((CRASH_TRIALS + 1))
  COLLPROC_STATE=$state expect_code 0 "$COLLPROC" --progress none recover
  grep -q "was left processing" "$WORK/err" || fail "$job, point $n: recover found nothing to restart"
  /usr/bin/python3 "$CHECK_STATE" "$state" >&2 || fail "$job, point $n: the state is inconsistent"
  COLLPROC_STATE=$state "$COLLPROC" export ss26 >"$dir/after.json"
  cmp -s "$dir/reference.json" "$dir/after.json" ||
    fail "$job, point $n: export after recover differs from an uninterrupted run"
  CRASH_SURVIVED=$((CRASH_SURVIVED + 1))
}

# crash_case CASE JOB STRIDE: every STRIDE-th crash point of JOB on CASE, and the last one.
crash_case() {
  local case=$1 job=$2 stride=$3 dir=$WORK/crash-$1-$2 total
  prepare "$case" "$job" "$dir"
  total=$(count_points "$dir" "$job")
  [ "$total" -gt 0 ] || fail "$job on $case reached no crash point"
  local n tried=0
  for n in $({ seq 1 "$stride" "$total"; echo "$total"; } | sort -un); do
    crash_at "$dir" "$job" "$n"
    tried=$((tried + 1))
  done
  echo "$case $job: killed at $tried of its $total crash points, all survived"
}

# crash_sync CASE STRIDE: kill `sync` (2 writes a commit) at every STRIDE-th crash point (after an
# upload, after a commit the server confirmed, after recording it); the rerun must leave the
# remote equal to the export, as a clean sync does. Needs tests/support/firestore.bash's server.
crash_sync() {
  local case=$1 stride=$2 dir=$WORK/crash-$1-sync total n code tried=0
  mkdir -p "$dir"
  COLLPROC_STATE=$dir/start.db stage "$case" ss26
  COLLPROC_STATE=$dir/start.db "$COLLPROC" -q --progress none process ss26
  COLLPROC_STATE=$dir/start.db "$COLLPROC" -q --progress none generate-items ss26
  COLLPROC_STATE=$dir/start.db "$COLLPROC" export ss26 >"$dir/export.json"
  copy_state "$dir/start.db" "$dir/count.db"
  rm -f "$dir/points"
  COLLPROC_STATE=$dir/count.db COLLPROC_TEST_CRASH_LOG=$dir/points \
    "$COLLPROC" -q sync ss26 --project count --bucket count.appspot.com --batch-size 2 >/dev/null
  total=$(wc -l <"$dir/points")
  [ "$total" -gt 0 ] || fail "sync reached no crash point"
  for n in $({ seq 1 "$stride" "$total"; echo "$total"; } | sort -un); do
    copy_state "$dir/start.db" "$dir/trial.db"
    code=0
    COLLPROC_STATE=$dir/trial.db COLLPROC_TEST_CRASH_AT=$n "$COLLPROC" -q sync ss26 \
      --project "p$n" --bucket "b$n.appspot.com" --batch-size 2 >/dev/null 2>"$dir/crash.err" &
    { wait $! || code=$?; } 2>/dev/null
    [ "$code" = 137 ] || fail "sync, point $n: expected a SIGKILL (137), got exit $code"
    CRASH_TRIALS=$((CRASH_TRIALS + 1))
    COLLPROC_STATE=$dir/trial.db expect_code 0 "$COLLPROC" sync ss26 --project "p$n" --bucket "b$n.appspot.com"
    /usr/bin/python3 "$CHECK_STATE" "$dir/trial.db" >&2 || fail "sync, point $n: the state is inconsistent"
    check compare "p$n" "b$n.appspot.com" "$dir/export.json" >/dev/null ||
      fail "sync, point $n: after the rerun the remote differs from the export"
    CRASH_SURVIVED=$((CRASH_SURVIVED + 1))
    tried=$((tried + 1))
  done
  echo "$case sync: killed at $tried of its $total crash points, all survived"
}

# crash_random CASE JOB TRIALS MAX_MS: kill -9 after a random delay of up to MAX_MS, TRIALS times.
crash_random() {
  local case=$1 job=$2 trials=$3 max_ms=$4 dir=$WORK/random-$1-$2 i delay state
  prepare "$case" "$job" "$dir"
  state=$dir/trial.db
  for i in $(seq 1 "$trials"); do
    copy_state "$dir/start.db" "$state"
    delay=$((RANDOM % max_ms))
    COLLPROC_STATE=$state "$COLLPROC" -q --progress none "$(job_command "$job")" ss26 >/dev/null 2>&1 &
    local pid=$!
    sleep "$(printf '0.%03d' "$delay")"
    kill -9 "$pid" 2>/dev/null || true
    { wait "$pid" || true; } 2>/dev/null
    CRASH_TRIALS=$((CRASH_TRIALS + 1))
    # recover restarts a job the kill left processing; a kill before the job took its lease
    # left nothing to recover, and the rerun (all phases up to date after a recover) does it.
    COLLPROC_STATE=$state expect_code 0 "$COLLPROC" --progress none recover
    COLLPROC_STATE=$state expect_code 0 "$COLLPROC" --progress none "$(job_command "$job")" ss26
    /usr/bin/python3 "$CHECK_STATE" "$state" >&2 || fail "$job, random kill after ${delay} ms: inconsistent state"
    COLLPROC_STATE=$state "$COLLPROC" export ss26 >"$dir/after.json"
    cmp -s "$dir/reference.json" "$dir/after.json" ||
      fail "$job, random kill after ${delay} ms: export differs from an uninterrupted run"
    CRASH_SURVIVED=$((CRASH_SURVIVED + 1))
  done
  echo "$case $job: $trials random kills (0-${max_ms} ms), all survived"
}
