# The hostile repository's refs/notes/iacrev (tests/hostile/make-repo):
# two notes whose lines are garbage (not JSON, cut JSON, wrong types, a
# score out of range, a future version, a 2 MB line, control bytes)
# beside valid records.  reviews, export, stats, tasks and score load the
# valid records and name every garbage line by note blob and line number,
# with no raw control byte in any output.
. "$TESTS_DIR/lib.sh"

"$TESTS_DIR/hostile/make-repo" "$T/h" >/dev/null
note1=$(git -C "$T/h" notes --ref=iacrev list HEAD | cut -c1-10)
note2=$(git -C "$T/h" notes --ref=iacrev list HEAD~1 | cut -c1-10)
head=$(git -C "$T/h" rev-parse --short=10 HEAD)
parent=$(git -C "$T/h" rev-parse --short=10 HEAD~1)

# Every run must exit 0 (run_bounded in tests/lib.sh).
BOUNDED_MAX_RC=0

# expect_garbage_named NAME: stderr names each of the 9 garbage lines
expect_garbage_named() {
	err=$(cat "$T/err")
	for line in 1 3 4 5 6 7 8; do
		expect_contains "$1: note 1 line $line named" \
			"refs/notes/iacrev: note blob $note1 (on $head), line $line: not a review record" "$err"
	done
	for line in 1 2; do
		expect_contains "$1: note 2 line $line named" \
			"refs/notes/iacrev: note blob $note2 (on $parent), line $line: not a review record" "$err"
	done
	expect_eq "$1: one warning per garbage line" 9 "$(grep -c 'not a review record, kept as it is' "$T/err")"
	expect_not_contains "$1: valid lines not named" "line 2: not a review record" \
		"$(grep "$note1" "$T/err")"
}

run_bounded "reviews" reviews -C "$T/h" --color=never
expect_eq "reviews: the two valid records" 2 "$(wc -l <"$T/out")"
expect_contains "valid record of hostile/controls" "hostile/controls  Valid Reviewer <valid@example.org>  7" "$(cat "$T/out")"
expect_contains "valid record of hostile/deep" "hostile/deep      Valid Reviewer <other@example.org>  4" "$(cat "$T/out")"
expect_garbage_named reviews
expect_contains "why: cut JSON" "line 3: not a review record, kept as it is: not JSON: premature end of input" "$(cat "$T/err")"
expect_contains "why: wrong types" "line 4: not a review record, kept as it is: no time (at)" "$(cat "$T/err")"
expect_contains "why: future version" "line 7: not a review record, kept as it is: format version 2" "$(cat "$T/err")"
expect_contains "why: score out of range" "score is not 0-10 or null" "$(cat "$T/err")"

run_bounded "export jsonl" export -C "$T/h" --all-records --format jsonl
expect_eq "export: 2 records + 9 garbage lines" 11 "$(wc -l <"$T/out")"
expect_eq "export: garbage lines located" 9 "$(grep -c '"note_blob":"[0-9a-f]\{40\}","line":[0-9]' "$T/out")"
expect_garbage_named export
set +e
timeout -k 5 60 "$IACREV" export -C "$T/h" >"$T/out" 2>"$T/err"
rc=$?
set -e
expect_eq "export csv" 0 "$rc"
expect_eq "csv: header + 2 records" 3 "$(wc -l <"$T/out")"
# CRLF line ends are CSV's; no other control byte
if LC_ALL=C grep -q "$(printf '[\001-\010\013\014\016-\037\177]')" "$T/out"; then
	fail "export csv: raw control bytes"
fi
expect_no_controls "export csv (stderr)" "$T/err"

run_bounded "stats" stats -C "$T/h"
expect_contains "stats: 2 reviewed tasks" "all               15         2       2" "$(cat "$T/out")"
expect_garbage_named stats

run_bounded "tasks --filter reviews" tasks -C "$T/h" --filter 'reviews:>=1'
expect_eq "tasks: the two reviewed tasks" 2 "$(wc -l <"$T/out")"
expect_garbage_named tasks

# A new record is added beside the garbage, which stays byte for byte.
git -C "$T/h" config user.name "R"
git -C "$T/h" config user.email "r@example.org"
run_bounded "score" score -C "$T/h" hostile/controls --score 9
run_bounded "reviews after" reviews -C "$T/h" --color=never
expect_eq "reviews after: three records" 3 "$(wc -l <"$T/out")"
expect_eq "garbage still there" 9 "$(grep -c 'not a review record, kept as it is' "$T/err")"
