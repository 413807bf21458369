#!/usr/bin/env bash
# A full disk and a read-only state directory, for real: the state lives on a small tmpfs in a
# private mount namespace (unshare), filled up, then remounted read-only. Each failure exits 1
# with an error naming the path and a hint; afterwards the state file opens, passes
# integrity_check, and the job resumes to the same export as an uninterrupted run.
# Skipped (exit 125) where mount namespaces are not allowed.
source "$(dirname "$0")/lib.bash"

if [ -z "${COLLPROC_IN_NAMESPACE:-}" ]; then
  flag=-m
  [ "$(id -u)" = 0 ] || flag=-rm
  unshare "$flag" true 2>/dev/null || { echo "no mount namespaces here"; exit 125; }
  code=0
  COLLPROC_IN_NAMESPACE=1 unshare "$flag" bash "$0" || code=$?
  exit "$code"
fi

mnt=$WORK/mnt
mkdir -p "$mnt"
trap 'umount -l "$mnt" 2>/dev/null; rm -rf "$WORK"' EXIT
mount -t tmpfs -o size=8m tmpfs "$mnt" 2>/dev/null || { echo "cannot mount tmpfs"; exit 125; }
export COLLPROC_STATE=$mnt/state.db

COLLPROC_STATE=$WORK/reference.db stage grid-basic ss26
COLLPROC_STATE=$WORK/reference.db "$COLLPROC" -q --progress none process ss26
COLLPROC_STATE=$WORK/reference.db "$COLLPROC" export ss26 >"$WORK/reference.json"

# Disk full: stage, fill the volume but for a little room, process: the job starts, and a
# write fails in the middle of it.
stage grid-basic ss26
dd if=/dev/zero of="$mnt/filler" bs=64k 2>/dev/null || true
truncate -s -96K "$mnt/filler"
expect_code 1 "$COLLPROC" --progress none process ss26
grep -q "collproc: error: .*$mnt/.*No space left on device\|collproc: error: .*$mnt/.*disk is full" "$WORK/err" ||
  fail "disk full: the error does not name the path and the cause: $(cat "$WORK/err")"
grep -q "collproc: hint: .*free disk space" "$WORK/err" || fail "disk full: no hint: $(cat "$WORK/err")"
rm -f "$mnt/filler"
[ "$(sqlite3 "$COLLPROC_STATE" 'PRAGMA integrity_check')" = ok ] || fail "disk full: state damaged"
# The job could not record its own failure on the full disk; retry takes it over.
expect_code 0 "$COLLPROC" --progress none retry ss26
"$COLLPROC" export ss26 >"$WORK/after.json"
cmp -s "$WORK/reference.json" "$WORK/after.json" || fail "disk full: export after retry differs"

# Read-only: the volume is remounted read-only (root cannot write it either).
mount -o remount,ro "$mnt"
expect_code 1 "$COLLPROC" --progress none process ss26 --force
grep -q "collproc: error: .*$mnt" "$WORK/err" || fail "read-only: the error does not name the path: $(cat "$WORK/err")"
grep -q "collproc: hint: .*writable" "$WORK/err" || fail "read-only: no hint: $(cat "$WORK/err")"
mount -o remount,rw "$mnt"
[ "$(sqlite3 "$COLLPROC_STATE" 'PRAGMA integrity_check')" = ok ] || fail "read-only: state damaged"
expect_code 0 "$COLLPROC" status ss26
expect_code 0 "$COLLPROC" --progress none process ss26
"$COLLPROC" export ss26 >"$WORK/after.json"
cmp -s "$WORK/reference.json" "$WORK/after.json" || fail "read-only: export differs"
