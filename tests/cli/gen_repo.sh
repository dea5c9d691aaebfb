# bench/gen-repo at a tiny scale: the history has the shape of a task
# repository (tasks archived by renames and merged by pull requests), the
# counts it reports are true, and the same seed gives the same repository.
. "$TESTS_DIR/lib.sh"

gen="$TESTS_DIR/../bench/gen-repo"
summary=$("$gen" --tasks 24 --commits 400 --seed 7 repo)
val() { printf '%s\n' "$summary" | sed -n "s/^$1=//p"; }

expect_eq "commits reported" 400 "$(val commits)"
expect_eq "commits in history" 400 "$(git -C repo rev-list --count HEAD)"
expect_eq "tasks reported" 24 "$(val tasks)"

# iacrev finds exactly the tasks the generator made, in rows and JSON
run_iacrev tasks -C repo --color=never
expect_rc "tasks" 0
expect_eq "task rows" 24 "$(printf '%s\n' "$out" | wc -l)"
expect_contains "root task" ". " "$out"
expect_contains "localstack task" "archive-localstack/" "$out"
expect_contains "subcategory task" "subcategory-references/" "$out"
expect_contains "malformed metadata" "metadata.json: line " "$out"
expect_contains "missing metadata" "no metadata.json" "$out"
run_iacrev tasks -C repo --json
expect_eq "json rows" 24 "$(printf '%s\n' "$out" | wc -l)"
expect_not_contains "templates are not tasks" '"path":"templates/' "$out"

# merges: pull requests, and main merged into branches
merges=$(git -C repo rev-list --merges --count HEAD)
expect_eq "merges reported" "$(val merges)" "$merges"
prs=$(git -C repo log --merges --format=%s HEAD | grep -c '^Merge pull request #[0-9]* from ')
expect_eq "pull request merges" "$(val pr_merges)" "$prs"
[ "$prs" -ge 20 ] || fail "only $prs pull request merges"
[ "$merges" -gt "$prs" ] || fail "no merge of main into a branch"

# one task: written at the root on its branch, moved by renames, merged
task=$(printf '%s\n' "$out" | sed -n 's/.*"path":"\(archive\/[^"]*\/Pr[0-9]*\)".*/\1/p' | head -n 1)
[ -n "$task" ] || fail "no archive task"
archive=$(git -C repo log --no-merges --format=%H -- "$task" | tail -n 1)
expect_eq "archived by" "GitHub Actions Bot" "$(git -C repo log -1 --format=%an "$archive")"
moves=$(git -C repo show -M --name-status --format= "$archive")
[ -n "$moves" ] || fail "empty archiving commit"
printf '%s\n' "$moves" | while IFS="$(printf '\t')" read -r status from to; do
	[ "$status" = R100 ] || fail "archiving changes $from: $status, not a rename"
	case "$from" in lib/* | test/* | metadata.json) ;; *) fail "moved from $from, not the root" ;; esac
	expect_eq "moved into the task" "$task/$from" "$to"
done
expect_contains "root files before" "lib" "$(git -C repo ls-tree --name-only "$archive^")"
expect_not_contains "no root lib after" "lib" "$(git -C repo ls-tree --name-only "$archive")"
work=$(git -C repo rev-list --count --no-merges "$archive^" -- lib/PROMPT.md)
[ "$work" -ge 1 ] || fail "the task was never written at the root"
number=${task##*/Pr}
merge=$(git -C repo log --merges --format=%H --grep="^Merge pull request #$number from" HEAD)
expect_eq "the pull request merges the archiving commit" "$archive" "$(git -C repo rev-parse "$merge^2")"

# one pack, as a clone has; the objects are sound
expect_eq "packs" 1 "$(ls repo/.git/objects/pack/*.pack | wc -l)"
expect_eq "loose objects" "count: 0" "$(git -C repo count-objects -v | head -n 1)"
git -C repo fsck --no-progress --no-dangling 2>&1 || fail "git fsck"
expect_eq "clean work tree" "" "$(git -C repo status --porcelain)"

# deterministic from the seed
"$gen" --tasks 24 --commits 400 --seed 7 --no-checkout again >/dev/null
expect_eq "same seed, same history" "$(git -C repo rev-parse HEAD)" "$(git -C again rev-parse HEAD)"
"$gen" --tasks 24 --commits 400 --seed 8 --no-checkout other >/dev/null
[ "$(git -C repo rev-parse HEAD)" != "$(git -C other rev-parse HEAD)" ] || fail "seed ignored"

# too few commits for the tasks: a clear error
set +e
err=$("$gen" --tasks 24 --commits 30 small 2>&1 >/dev/null)
rc=$?
set -e
[ "$rc" -ne 0 ] || fail "30 commits for 24 tasks accepted"
expect_contains "error" "too few for --tasks 24" "$err"
[ ! -e small ] || fail "a failed run left a repository"
