#!/usr/bin/env bash
# The layout corpus (testdata/layouts/*: linesheets and POs made by other people's generators
# and templates), end to end with the offline engine, scored by check_export.py against each
# truth.json. Prints the score table (markdown). A family must reach issue 13's bar unless
# testdata/layouts/KNOWN_GAPS names it; a family named there that reaches the bar fails the
# test too, so the list only ever shrinks.
source "$(dirname "$0")/lib.bash"

LAYOUTS=$TESTDATA/layouts
[ -d "$LAYOUTS" ] || { echo "no $LAYOUTS"; exit 125; }
known_gap() { grep -qx "$1\( .*\)\?" "$LAYOUTS/KNOWN_GAPS" 2>/dev/null; }

failures=()
echo "| family | products | recall | style+prices exact | right photo | not a photo | items exact | all fields |"
echo "|---|---|---|---|---|---|---|---|"
for case_dir in "$LAYOUTS"/*/; do
  family=$(basename "$case_dir")
  [ -f "$case_dir/truth.json" ] || continue
  args=()
  for f in "$case_dir"/linesheet*.pdf; do args+=(--linesheet "$f"); done
  for f in "$case_dir"/po.*; do args+=(--po "$f"); done
  "$COLLPROC" -q add "$family" "${args[@]}"
  expect_code 0 "$COLLPROC" --progress none process "$family"
  items=0
  "$COLLPROC" --progress none generate-items "$family" >"$WORK/items.out" 2>&1 || items=$?
  [ "$items" -eq 0 ] || [ "$items" -eq 1 ] || [ "$items" -eq 65 ] || fail "$family: generate-items exited $items: $(cat "$WORK/items.out")"
  expect_code 0 "$COLLPROC" export "$family" --out "$WORK/$family"
  /usr/bin/python3 "$SOURCE_DIR/tests/e2e/check_export.py" "$case_dir" "$WORK/$family" \
    --metrics "$WORK/$family.json" >"$WORK/$family.problems" || true
  verdict=$(/usr/bin/python3 - "$WORK/$family.json" "$items" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
items_ok = sys.argv[2] == "0"
pct = lambda v: "-" if v is None else f"{100 * v:.0f}%"
print(f"| {m['case']} | {m['products']} | {pct(m['recall'])} | {pct(m['style_prices_exact'])} | "
      f"{pct(m['photos_right'])} | {m['not_photos']} | {pct(m['items_exact']) if items_ok else 'failed'} | "
      f"{pct(m['all_fields_exact'])} |", file=sys.stderr)
ok = (m["recall"] >= 0.99 and m["style_prices_exact"] >= 0.99 and m["photos_right"] >= 0.98
      and m["not_photos"] == 0 and m["unexpected_products"] == 0 and items_ok
      and m["items_exact"] >= 0.99)
print("ok" if ok else "below")
PY
  )
  if [ "$verdict" = ok ] && known_gap "$family"; then
    failures+=("$family reaches the bar: remove it from testdata/layouts/KNOWN_GAPS")
  elif [ "$verdict" != ok ] && ! known_gap "$family"; then
    failures+=("$family is below the bar: $(head -5 "$WORK/$family.problems" | tr '\n' ';')")
  fi
done 2>&1
for f in "${failures[@]}"; do echo "FAIL: $f" >&2; done
[ ${#failures[@]} -eq 0 ]
