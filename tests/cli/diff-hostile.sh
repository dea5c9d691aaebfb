# iacrev diff over the hostile repository (tests/hostile/make-repo): a 5 MB
# line against 5 MB of random bytes, 100,000 code blocks against 50,000,
# escapes everywhere, deep nesting, missing blobs.  No crash, no hang, no
# raw control byte in the output, clear messages and exit codes.
. "$TESTS_DIR/lib.sh"

"$TESTS_DIR/hostile/make-repo" "$T/h" >/dev/null
cd "$T/h"

# run_bounded NAME WANT_RC ARGS...: at most 60 s, no sanitizer report.
run_bounded() {
	name=$1 want=$2; shift 2
	set +e
	timeout -k 5 60 "$IACREV" diff "$@" >"$T/out" 2>"$T/err"
	rc=$?
	set -e
	if grep -q 'Sanitizer' "$T/err"; then tail -n 30 "$T/err"; fail "$name: sanitizer report"; fi
	[ "$rc" = "$want" ] || { tail -n 5 "$T/err"; fail "$name: exit $rc, expected $want"; }
	expect_no_controls "$name (stdout)" "$T/out"
	expect_no_controls "$name (stderr)" "$T/err"
}

run_bounded "controls" 0 --color=never --side-by-side --width 120 hostile/controls
expect_contains "escape shown" '^[[2J' "$(cat "$T/out")"
# in colour, the only escapes are iacrev's own SGR sequences
set +e
timeout 60 "$IACREV" diff --color=always hostile/controls >"$T/color" 2>&1
set -e
sed 's/\x1b\[[0-9;]*m//g' "$T/color" >"$T/plain"
expect_no_controls "controls in colour" "$T/plain"
run_bounded "huge line" 0 --width 100 hostile/huge-line
expect_contains "encodings noted" "invalid UTF-8 (shown as" "$(cat "$T/out")"
run_bounded "huge line, whole, side by side" 0 --whole --side-by-side --width 100 hostile/huge-line
run_bounded "many blocks" 0 --stat hostile/many-blocks
expect_contains "many blocks" "150001 files: 0 paired, 50000 only in MODEL, 100000 only in IDEAL" \
	"$(cat "$T/out")"
run_bounded "deep" 2 hostile/deep
expect_contains "deep" "hostile/deep/lib/IDEAL_RESPONSE.md at" "$(cat "$T/err")"
run_bounded "missing MODEL blob" 2 hostile/missing-MODEL_RESPONSE
expect_contains "missing MODEL blob" "lib/MODEL_RESPONSE.md at" "$(cat "$T/err")"
expect_contains "missing MODEL blob" "is missing from the object store" "$(cat "$T/err")"
run_bounded "every task" 2 --all --stat
