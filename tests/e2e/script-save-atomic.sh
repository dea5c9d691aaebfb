# Files iacrev writes where it is told (:save-display FILE, export -o
# FILE) replace the target whole (core/afile): a symbolic link there is
# replaced, never followed, and no temporary file is left behind.
. "$TESTS_DIR/lib.sh"
. "$TESTS_DIR/e2e/tui.lib"
make_repo

printf 'precious\n' >"$T/victim"
ln -s "$T/victim" "$T/screen"
run_script 80x12 -C repo <<S
:save-display $T/screen
q
S
expect_eq "save-display: exit" 0 "$rc"
expect_eq "save-display: the link's target untouched" "precious" "$(cat "$T/victim")"
[ -f "$T/screen" ] && [ ! -L "$T/screen" ] || fail "save-display: the link was not replaced"
expect_contains "save-display: the screen saved" " Tasks 4/4" "$(cat "$T/screen")"

ln -s "$T/victim" "$T/export.csv"
run_iacrev export -C repo -o "$T/export.csv"
expect_rc "export -o" 0
expect_eq "export -o: the link's target untouched" "precious" "$(cat "$T/victim")"
[ -f "$T/export.csv" ] && [ ! -L "$T/export.csv" ] || fail "export -o: the link was not replaced"
expect_eq "no temporary file left" "" "$(ls "$T" | grep '\.tmp\.' || true)"

# A folder that cannot be written: a clear message, the old file kept.
# Root writes through chmod 555, so there the folder is a read-only bind
# mount in a private mount namespace (as tests/cli/score-storage.sh does).
mkdir "$T/ro"
printf 'old\n' >"$T/ro/screen"
cat >"$T/ro.script" <<S
:save-display $T/ro/screen
:save-display $T/after
q
S
export T IACREV
ro_run='COLUMNS=200 LINES=12 IACREV_SCRIPT="$T/ro.script" "$IACREV" -C repo </dev/null >/dev/null 2>&1'
ran=yes
if [ "$(id -u)" != 0 ]; then
	chmod 555 "$T/ro"
	ro_rc=0
	sh -c "$ro_run" || ro_rc=$?
	chmod 755 "$T/ro"
	[ "$ro_rc" = 0 ] || fail "save-display into a read-only folder: exit $ro_rc"
elif unshare -m true 2>/dev/null; then
	unshare -m sh -c "mount --bind \"\$T/ro\" \"\$T/ro\" && mount -o remount,ro,bind \"\$T/ro\" \"\$T/ro\" && $ro_run" ||
		fail "save-display into a read-only folder: the run failed"
else
	echo "save-display into a read-only folder: skipped (root without unshare -m)"
	ran=no
fi
if [ "$ran" = yes ]; then
	expect_contains "save-display: error named" "cannot create a temporary file beside it" "$(cat "$T/after")"
	expect_eq "save-display: old file kept" "old" "$(cat "$T/ro/screen")"
fi
