#!/usr/bin/env bash
# Purchase orders that read but hold no usable order table are bad input: the
# job fails with exit 65 and an error in the status that says what was expected.
source "$(dirname "$0")/lib.bash"

check_failure() { # check_failure COLLECTION STEP_LABEL TEXT
  "$COLLPROC" --json status "$1" >"$WORK/status.json"
  /usr/bin/python3 - "$WORK/status.json" "$2" "$3" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["item_generation"]
assert s["status"] == "failed", s
assert s["error"]["step"] == sys.argv[2], s["error"]
assert sys.argv[3] in s["error"]["message"], s["error"]
assert s["error"]["details"], s["error"]
PY
}

printf 'Purchase order 1234\nBuyer,Jane\n\nnotes,more notes\nplain,text\n' >"$WORK/no-header.csv"
printf 'Style,Colour,Size\nSS26-1042,Black,M\n' >"$WORK/no-qty.csv"

for case in no-header no-qty; do
  "$COLLPROC" -q add "$case" --linesheet "$TESTDATA/grid-basic/linesheet.pdf" --po "$WORK/$case.csv"
  "$COLLPROC" -q --progress none process "$case"
  expect_code 65 "$COLLPROC" --progress none generate-items "$case"
  grep -q "^collproc: error: $case: .*$case.csv" "$WORK/err" || fail "$case: error does not name collection and file: $(cat "$WORK/err")"
done
check_failure no-header "Parsing purchase order" "no header row found"
check_failure no-qty "Identifying columns with AI" "no quantity column"
