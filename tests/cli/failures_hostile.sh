# iacrev failures and iacrev doc over the hostile repository
# (tests/hostile/make-repo): no crash, no hang, no raw control byte out.
. "$TESTS_DIR/lib.sh"

"$TESTS_DIR/hostile/make-repo" "$T/h" >/dev/null
cd "$T/h"

# bounded NAME WANT_RC ARGS...: at most 60 s, the expected exit code, no
# sanitizer report, clean output.
bounded() {
	name=$1 want=$2; shift 2
	set +e
	timeout -k 5 60 "$IACREV" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	set -e
	if grep -q 'Sanitizer' "$T/err"; then tail -n 30 "$T/err"; fail "$name: sanitizer report"; fi
	[ "$rc" = "$want" ] || { tail -n 5 "$T/err"; fail "$name: exit $rc, expected $want"; }
	expect_no_controls "$name (stdout)" "$T/out"
	expect_no_controls "$name (stderr)" "$T/err"
}

bounded "controls: rows" 0 failures hostile/controls
expect_contains "controls: the escape shown" 'Title ^[[2J^[[H clear+home' "$(cat "$T/out")"
expect_contains "controls: an escape before a severity hides it" '2  Critical' "$(sed -n 2p "$T/out")"
bounded "controls: json" 0 failures hostile/controls --json
bounded "controls: item" 0 failures hostile/controls --item 2
for doc in PROMPT.md MODEL_RESPONSE.md IDEAL_RESPONSE.md MODEL_FAILURES.md; do
	bounded "controls: $doc" 0 doc hostile/controls "$doc" --width 60
	bounded "controls: $doc raw" 0 doc hostile/controls "$doc" --raw --width 60
done
bounded "controls: prompt raw" 0 doc hostile/controls PROMPT.md --raw --width 200
expect_contains "controls: raw keeps the lone CR visible" 'lone CR:^Mhere' "$(cat "$T/out")"
expect_contains "controls: raw shows the NUL" 'NUL:^@:end' "$(cat "$T/out")"

bounded "20,000 items" 0 failures hostile/many-blocks
expect_eq "20,000 items" 20000 "$(wc -l <"$T/out")"
bounded "100,000 code blocks" 0 doc hostile/many-blocks IDEAL_RESPONSE.md

bounded "10,000-deep list" 0 failures hostile/deep
bounded "10,000-deep quote" 0 doc hostile/deep PROMPT.md --width 80
expect_contains "deep quote text shown" 'deep quote' "$(cat "$T/out")"
bounded "deep quote and emphasis" 0 doc hostile/deep MODEL_RESPONSE.md

bounded "5 MB line" 0 doc hostile/huge-line MODEL_RESPONSE.md --cut-code
bounded "5 MB of random bytes" 0 doc hostile/huge-line IDEAL_RESPONSE.md

bounded "missing failures blob" 2 failures hostile/missing-MODEL_FAILURES
expect_contains "missing blob named" 'MODEL_FAILURES.md at HEAD: object' "$(cat "$T/err")"
bounded "missing prompt blob" 2 doc hostile/missing-PROMPT PROMPT.md
