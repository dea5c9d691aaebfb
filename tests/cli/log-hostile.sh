# iacrev log over the hostile repository (tests/hostile/make-repo): the log
# and every hostile task's lineage, text and JSON, with no crash, no hang
# and no raw control byte in any output.
. "$TESTS_DIR/lib.sh"

"$TESTS_DIR/hostile/make-repo" "$T/h" >/dev/null
"$TESTS_DIR/hostile/make-repo" "$T/wide" --wide 100000 >/dev/null

# Every run must exit 0 (run_bounded in tests/lib.sh).
BOUNDED_MAX_RC=0

# In colour, the only escapes are iacrev's own SGR sequences.
set +e
"$IACREV" log -C "$T/h" --color=always >"$T/colour" 2>&1
rc=$?
set -e
expect_eq "log in colour" 0 "$rc"
sed "s/$(printf '\033')\[[0-9;]*m//g" "$T/colour" >"$T/stripped"
expect_no_controls "log in colour, SGR removed" "$T/stripped"
expect_eq "log: two commits" 2 "$(wc -l <"$T/stripped")"
run_bounded "log --color=never" log -C "$T/h" --color=never
out=$(cat "$T/out")
expect_contains "log: the subject's escapes shown" 'IAC-291533^[[C^M) ^[[2J^[]52;c;eA==^G' "$out"
expect_contains "log: the author's escapes shown" 'Evil^[]0;title^' "$out"
expect_contains "log: the tasks, then how many more" 'hostile/emoji-🔥🔍 (new), +12 more]' "$out"
run_bounded "log --json" log -C "$T/h" --json
expect_eq "log --json: 15 tasks in the first commit" 15 "$(tail -n 1 "$T/out" | grep -o '"path":' | wc -l)"

# every task's lineage, by its path as iacrev tasks --json gives it
"$IACREV" tasks -C "$T/h" --json | sed -E 's/^\{"path":"(([^"\\]|\\.)*)".*/\1/' >"$T/paths"
expect_eq "15 tasks" 15 "$(wc -l <"$T/paths")"
n=0
while IFS= read -r p; do
	n=$((n + 1))
	case "$p" in *\\*) continue ;; esac   # names with escapes: below
	run_bounded "lineage $p" log -C "$T/h" "$p" --color=never
	[ "$(wc -l <"$T/out")" -ge 1 ] || fail "lineage $p: no revision"
	run_bounded "lineage $p --json" log -C "$T/h" "$p" --json
done <"$T/paths"
run_bounded "lineage with an escape in the name" log -C "$T/h" "$(printf 'hostile/name-\033[31mred\033[0m')" --color=never
expect_contains "escaped name" 'hostile/name-^[[31mred^[[0m' "$(cat "$T/out")"
run_bounded "lineage with a newline in the name" log -C "$T/h" "hostile/name-with
newline" --json
expect_contains "newline in json" '"path":"hostile/name-with\nnewline"' "$(cat "$T/out")"
# a missing blob in every kind of document: marked, never fatal
run_bounded "missing metadata" log -C "$T/h" hostile/missing-metadata --color=never
expect_contains "missing metadata: score unreadable" '!     PMIF-!' "$(cat "$T/out")"
run_bounded "controls" log -C "$T/h" hostile/controls --json
expect_contains "string score read" '"training_quality":null' "$(head -n 1 "$T/out")"

run_bounded "log of 100,000 tasks" log -C "$T/wide" --color=never
expect_contains "100,000 tasks" '+99997 more]' "$(cat "$T/out")"
run_bounded "lineage in 100,000 tasks" log -C "$T/wide" archive/wide-7/Pr99907 --color=never
expect_eq "lineage in 100,000 tasks" 1 "$(wc -l <"$T/out")"
