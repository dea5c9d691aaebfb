# Every subcommand over the hostile repository (tests/hostile/make-repo):
# no crash, no hang, no raw control byte in any output, clear messages.
. "$TESTS_DIR/lib.sh"

"$TESTS_DIR/hostile/make-repo" "$T/h" >/dev/null
"$TESTS_DIR/hostile/make-repo" "$T/wide" --wide 100000 >/dev/null

run_bounded "tasks" tasks -C "$T/h"
[ "$rc" = 0 ] || fail "tasks: exit $rc"
out=$(cat "$T/out")
expect_eq "tasks: every hostile task listed" 15 "$(printf '%s\n' "$out" | wc -l)"
expect_contains "escape in a folder name shown" 'hostile/name-^[[31mred^[[0m' "$out"
expect_contains "newline in a folder name shown" 'hostile/name-with^Jnewline' "$out"
expect_contains "missing blob named" 'lib/IDEAL_RESPONSE.md unreadable: object' "$out"
expect_contains "missing metadata named" 'hostile/missing-metadata/metadata.json at' "$out"
expect_contains "deep metadata refused" 'hostile/meta-deep/metadata.json: line 1' "$out"
expect_contains "latin-1 metadata" 'hostile/meta-latin1/metadata.json: line 1, column 48: not valid UTF-8' "$out"

run_bounded "tasks --json" tasks -C "$T/h" --json
# every line is valid JSON (jq may be absent: count objects by shape)
[ "$(grep -c '^{"path":' "$T/out")" = 15 ] || fail "tasks --json: 15 objects"

run_bounded "tasks --filter" tasks -C "$T/h" --filter 'problem:yes'
run_bounded "tasks on 100,000 tasks" tasks -C "$T/wide"
expect_eq "100,000 tasks" 100000 "$(wc -l <"$T/out")"
