#!/usr/bin/env bash
# Bad documents: a text file, an encrypted PDF, a truncated PDF and an empty
# file are refused by `add` with exit 65 and a message naming the file, and a
# failed add leaves the state file unchanged.
source "$(dirname "$0")/lib.bash"

stage grid-basic demo
before=$(sqlite3 "$COLLPROC_STATE" .dump | sha256sum)

printf 'style,qty\nA1,2\n' >"$WORK/notes.pdf"
head -c 3000 "$TESTDATA/grid-basic/linesheet.pdf" >"$WORK/truncated.pdf"
: >"$WORK/empty.pdf"
cp "$SOURCE_DIR/tests/pdf/fixtures/encrypted.pdf" "$WORK/locked.pdf"
printf '\x00\x01\x02binary' >"$WORK/blob.bin"

for f in notes.pdf truncated.pdf empty.pdf locked.pdf; do
  expect_code 65 "$COLLPROC" add demo --linesheet "$WORK/$f"
  grep -q "$f" "$WORK/err" || fail "$f: message does not name the file: $(cat "$WORK/err")"
  grep -q '^collproc: hint: ' "$WORK/err" || fail "$f: no hint: $(cat "$WORK/err")"
done
grep -q 'password' "$WORK/err" || fail "encrypted PDF: message does not say why: $(cat "$WORK/err")"
expect_code 65 "$COLLPROC" add demo --po "$WORK/blob.bin"
expect_code 65 "$COLLPROC" add demo --po "$WORK/truncated.pdf"

# One bad file among good ones stages nothing.
expect_code 65 "$COLLPROC" add other --linesheet "$TESTDATA/table-rows/linesheet.pdf" --po "$WORK/empty.pdf"

after=$(sqlite3 "$COLLPROC_STATE" .dump | sha256sum)
[ "$before" = "$after" ] || fail "a failed add changed the state file"
expect_code 3 "$COLLPROC" documents other
expect_code 3 "$COLLPROC" add demo --linesheet "$WORK/does-not-exist.pdf"
