# Reviews over the hostile repository (tests/hostile/make-repo) and hostile
# notes: every task scored (names with escapes and newlines, missing
# blobs), lines in refs/notes/iacrev with invalid UTF-8, NULs, escapes, a
# 1 MB line, a record whose strings hold control and bidi characters.
# No crash, no raw control byte in any output, every line kept.
. "$TESTS_DIR/lib.sh"

"$TESTS_DIR/hostile/make-repo" "$T/h" >/dev/null
git -C "$T/h" config user.name "Ré\`viewer"
git -C "$T/h" config user.email "r@example.org"

# Score every task, whatever its name; the failures document of some is
# missing from the object store.
"$IACREV" tasks -C "$T/h" --json | sed -E 's/^\{"path":("([^"\\]|\\.)*").*/\1/' >"$T/paths"
n=0
while IFS= read -r quoted; do
	path=$(printf '%b' "$(printf '%s' "$quoted" | sed -E 's/^"//; s/"$//; s/\\u001B/\\033/g')")
	run_bounded "score $n" score -C "$T/h" "$path" --score $((n % 11)) --note "hostile $n"
	[ "$rc" = 0 ] || { cat "$T/err"; fail "score $n: exit $rc"; }
	n=$((n + 1))
done <"$T/paths"
expect_eq "every task scored" 15 "$n"
run_bounded "items with a missing MODEL_FAILURES.md" score -C "$T/h" hostile/missing-MODEL_FAILURES --items A
expect_eq "missing failures blob: exit 2" 2 "$rc"
expect_contains "missing failures blob named" "MODEL_FAILURES.md at" "$(cat "$T/err")"

# Hostile lines next to the records, added with git itself.
commit=$(git -C "$T/h" rev-parse HEAD)
printf 'bad utf-8 \377\376 and a NUL \000 here and ESC \033[2J\n' >"$T/note1"
head -c 1000000 /dev/zero | tr '\0' 'x' >"$T/note2"
printf '\n{"v":1,"at":"2026-01-01T00:00:00.000Z","id":"0123456789abcdef","task":"hostile/x\\u001b[2J\\n","tree":"%s","commit":"%s","by":{"name":"\\u202eevil","email":"e@example.org"},"supersedes":"ffffffffffffffff","rubric":"iacrev-rubric-1","answers":null,"computed":null,"score":3,"reason":null,"note":"bell \\u0007 del \\u007f"}\n' \
	"$commit" "$commit" >"$T/note3"
cat "$T/note1" "$T/note2" "$T/note3" >"$T/notes"
git -C "$T/h" notes --ref=iacrev append -F "$T/notes" HEAD

run_bounded "reviews" reviews -C "$T/h" --color=never
[ "$rc" = 0 ] || fail "reviews: exit $rc"
expect_eq "reviews: 15 + the hand-written record + make-repo's 2" 18 "$(wc -l <"$T/out")"
expect_contains "escapes shown, not sent" 'hostile/x^[[2J^J' "$(cat "$T/out")"
expect_contains "bidi shown" '<U+202E>evil' "$(cat "$T/out")"
expect_contains "unknown supersedes" "supersedes unknown record ffffffffffffffff" "$(cat "$T/out")"
expect_contains "opaque lines counted" "11 lines in refs/notes/iacrev are not a record" "$(cat "$T/err")"
run_bounded "reviews --all --json" reviews -C "$T/h" --all --json
odd=$(printf 'hostile/x\033[2J\nX')
odd=${odd%X}
run_bounded "reviews TASK" reviews -C "$T/h" "$odd" --color=never
expect_contains "a task only in the records" "<U+202E>evil <e@example.org>: 3, insufficient" "$(cat "$T/out")"
run_bounded "export csv" export -C "$T/h" --all-records --format jsonl
set +e
"$IACREV" export -C "$T/h" --all-records >"$T/csv" 2>"$T/err"
rc=$?
set -e
expect_eq "export csv" 0 "$rc"
# CSV holds CR LF line ends and newlines inside quoted notes, no other control
if LC_ALL=C grep -q "$(printf '[\001-\010\013\014\016-\037\177]')" "$T/csv"; then
	fail "export csv: raw control bytes"
fi
expect_contains "csv shows escapes" 'hostile/x^[[2J' "$(cat "$T/csv")"
run_bounded "export jsonl" export -C "$T/h" --all-records --format jsonl
expect_eq "jsonl: every record and line (make-repo's notes: 2 records, 9 lines)" 29 "$(wc -l <"$T/out")"
grep -q '"unparsed":"bad utf-8 \\ufffd\|"unparsed":"bad utf-8 ' "$T/out" || fail "invalid UTF-8 line exported"
run_bounded "stats" stats -C "$T/h"
run_bounded "tasks with reviews" tasks -C "$T/h" --filter 'reviews:>=1'
expect_eq "tasks reviewed" 15 "$(wc -l <"$T/out")"

# A new save keeps every line, the hostile ones byte for byte.
run_bounded "score after" score -C "$T/h" hostile/controls --score 9 --reason x
[ "$rc" = 0 ] || fail "score after: exit $rc"
git -C "$T/h" notes --ref=iacrev show HEAD >"$T/after" || true
expect_eq "the 1 MB line kept" 1 "$(LC_ALL=C awk 'length($0) == 1000000' "$T/after" | wc -l)"
LC_ALL=C grep -q "$(printf 'ESC \033\\[2J')" "$T/after" || fail "the line with ESC and invalid UTF-8 lost"
