#!/usr/bin/env bash
# The robustness corpus (broken and odd real-world PDFs, spreadsheets, CSVs):
# `add`, `process` and `generate-items` exit 0 or 65, and a 65 names the
# file; never a crash, a hang or unbounded memory, and the state file stays
# intact. Prints the files by outcome. Skipped when the corpus is absent.
source "$(dirname "$0")/lib.bash"

corpus=${SHARED_DIR:-$SOURCE_DIR/../shared}/corpus/robustness
[ -d "$corpus" ] || { echo "no corpus at $corpus"; exit 125; }
# KiB: a runaway allocation fails instead of swamping the machine (not under ASan, which maps
# terabytes of shadow memory; the workers' own --worker-memory limit is off there too).
under_asan || ulimit -v 4000000

ok_code() { # ok_code CODE ALLOWED...
  local code=$1; shift
  for c in "$@"; do [ "$code" -eq "$c" ] && return 0; done
  return 1
}

n=0
declare -A outcomes=()
outcome() { outcomes[$1]=$((${outcomes[$1]:-0} + 1)); }
for f in "$corpus"/pdf/*.pdf "$corpus"/xlsx/*.xlsx "$corpus"/csv/*.csv; do
  n=$((n + 1))
  id=c$n
  name=$(basename "$f")
  case "$f" in
    *.pdf) args=(--linesheet "$f" --po "$TESTDATA/table-rows/po.csv") ;;
    *) args=(--linesheet "$TESTDATA/grid-basic/linesheet.pdf" --po "$f") ;;
  esac
  code=0; timeout 60 "$COLLPROC" add "$id" "${args[@]}" >"$WORK/out" 2>"$WORK/err" || code=$?
  ok_code "$code" 0 65 || fail "$name: add exited $code: $(cat "$WORK/err")"
  if [ "$code" -eq 65 ]; then
    grep -q "$name" "$WORK/err" || fail "$name: refusal does not name the file: $(cat "$WORK/err")"
    outcome "refused by add (65)"
    continue
  fi
  code=0; timeout 120 "$COLLPROC" --progress none process "$id" >"$WORK/out" 2>"$WORK/err" || code=$?
  ok_code "$code" 0 65 || fail "$name: process exited $code: $(cat "$WORK/err")"
  if [ "$code" -eq 65 ]; then
    grep -q "$name" "$WORK/err" || fail "$name: process failure does not name the file: $(cat "$WORK/err")"
    outcome "failed process (65)"
    continue
  fi
  # A corpus PDF is the linesheet; only a corpus spreadsheet needs item generation.
  if [ "${f##*.}" != pdf ]; then
    code=0; timeout 120 "$COLLPROC" --progress none generate-items "$id" >"$WORK/out" 2>"$WORK/err" || code=$?
    ok_code "$code" 0 65 || fail "$name: generate-items exited $code: $(cat "$WORK/err")"
    if [ "$code" -eq 65 ]; then
      grep -q "$name" "$WORK/err" || fail "$name: generate-items failure does not name the file: $(cat "$WORK/err")"
      outcome "failed generate-items (65)"
      continue
    fi
  fi
  outcome "processed (0)"
done
for o in "${!outcomes[@]}"; do echo "corpus: ${outcomes[$o]} $o"; done
[ "$(sqlite3 "$COLLPROC_STATE" 'PRAGMA integrity_check')" = ok ] || fail "state file damaged"
echo "corpus: $n files, every outcome clean"
