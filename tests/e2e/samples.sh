#!/usr/bin/env bash
# Every sample collection, end to end: add, process, generate-items, export;
# the export must match its truth.json (products, prices, colours, sizes,
# photos, items) and a second export must be byte-identical.
source "$(dirname "$0")/lib.bash"

for case_dir in "$TESTDATA"/*/; do
  case=$(basename "$case_dir")
  [ -f "$case_dir/truth.json" ] || continue
  stage "$case"
  expect_code 0 "$COLLPROC" --progress none process "$case"
  expect_code 0 "$COLLPROC" --progress none generate-items "$case"
  expect_code 0 "$COLLPROC" export "$case" --out "$WORK/$case"
  /usr/bin/python3 "$SOURCE_DIR/tests/e2e/check_export.py" "$case_dir" "$WORK/$case" || fail "$case: export differs from truth.json"
  "$COLLPROC" export "$case" >"$WORK/$case.again.json"
  cmp -s "$WORK/$case/collection.json" "$WORK/$case.again.json" || fail "$case: two exports differ"
  [ "$(status_of "$case" document_processing)" = completed ] || fail "$case: documents not completed"
done
# Items' sizes read in human order (XS S M L XL, numbers ascending), not as sorted strings.
/usr/bin/python3 - "$WORK/grid-basic/collection.json" "$WORK/table-rows/collection.json" <<'PY' || fail "item sizes not in human order"
import json, sys
ladder = ["XXS", "XS", "S", "M", "L", "XL", "XXL"]
def key(s):
    return (0, ladder.index(s), 0) if s in ladder else (1, 0, float(s)) if s.isdigit() else (2, 0, 0)
seen = 0
for path in sys.argv[1:]:
    for item in json.load(open(path))["items"]:
        labels = list(item["sizes"])
        assert labels == sorted(labels, key=key), (item["style_number"], labels)
        seen += len(labels) > 2
assert seen > 0, "no item with three sizes to check"
PY
# One page's products say why each field was read so.
expect_code 0 "$COLLPROC" show extract-products grid-basic --page 1
grep -q "^  region: the text under, over or beside the photo at" "$WORK/out" || fail "show --page: no region"
grep -q "^  wholesale_price: labelled" "$WORK/out" || fail "show --page: no price evidence"
