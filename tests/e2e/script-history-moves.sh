# The log and commit views over moves and hazards: an archiving commit that
# moves a task and edits a document (the commit view pairs it with its
# folder before the move, so the diff shows the real change), one that
# only moves (documents unchanged), an octopus merge of three branches,
# and a task folder named with an escape, a newline and an emoji.
. "$TESTS_DIR/lib.sh"
. "$TESTS_DIR/e2e/tui.lib"
mkdir "$T/r"
cd "$T/r"
git init -q -b main
printf 'readme\n' >README.md
commit_all "initial"
# A: written at the root, then moved with its failures edited
git checkout -q -b A
printf '# Prompt A\n' | write_file lib/PROMPT.md
printf '# Failures\n\n### 1. Old item\n' >lib/MODEL_FAILURES.md
printf '{"training_quality":6}' >metadata.json
commit_all "feat: task A"
archive_task archive/cdk-ts/Pr1
printf '# Failures\n\n### 1. New item\n' >archive/cdk-ts/Pr1/lib/MODEL_FAILURES.md
commit_all "chore(archive): move A and edit"
c_movea=$(git rev-parse --short=10 HEAD)
c_a=$(git rev-parse --short=10 HEAD~1)
# C: written at the root, then only moved
git checkout -q main
git checkout -q -b C
printf '# Prompt C\n' | write_file lib/PROMPT.md
printf '{"training_quality":4}' >metadata.json
commit_all "feat: task C"
archive_task archive/tf-hcl/Pr3
commit_all "chore(archive): move C"
c_movec=$(git rev-parse --short=10 HEAD)
# B: a folder named with ESC, a newline and an emoji
git checkout -q main
git checkout -q -b B
odd="archive/x/P$(printf '\033[31m\nr2\360\237\230\200')"
printf '# Prompt B\n' | write_file "$odd/lib/PROMPT.md"
printf '{"training_quality":8}' >"$odd/metadata.json"
commit_all "feat: odd task"
git checkout -q main
tick
git merge -q --no-ff --no-edit -m "Octopus" A B C >/dev/null
c_oct=$(git rev-parse --short=10 HEAD)
expect_eq "an octopus merge" "4" "$(git cat-file -p HEAD | grep -c '^parent ')"

# A script never idles, so the background build waits for :idle.
run_script 160x30 -C "$T/r" <<S
j
S
expect_eq "no index without a pause" "" "$(ls .git/iacrev/history.idx 2>/dev/null)"
git config iacrev.historyInBackground false
run_script 160x30 -C "$T/r" <<S
:idle
S
expect_rc ":idle, opted out" 0
expect_eq "no background build when opted out" "" "$(ls .git/iacrev/history.idx 2>/dev/null)"
git config --unset iacrev.historyInBackground
run_script 160x30 -C "$T/r" <<S
:idle
:save-display $T/idle
S
expect_rc ":idle" 0
[ -s .git/iacrev/history.idx ] || fail ":idle did not build the history index"
expect_not_contains "no progress left on the status line" "history index" "$(cat "$T/idle")"

run_script 160x30 -C "$T/r" <<S
L
:save-display $T/log
<Enter>
:save-display $T/oct
q
/move A and edit
<Enter>
<Enter>
:save-display $T/movea
/moved from
<Enter>
<Enter>
:save-display $T/movea-task
:view-score
:save-display $T/movea-score
q
j
<Enter>
:save-display $T/movea-diff
q
q
/move C
<Enter>
<Enter>
:save-display $T/movec
S
expect_rc "moves script" 0
expect_eq "no stderr" "" "$err"
expect_contains "the octopus is in the log with the tasks it brought" \
	"Octopus  [archive/cdk-ts/Pr1 (new), archive/tf-hcl/Pr3 (new), archive/x/P^[[31m^Jr2😀 (new)]" "$(cat "$T/log")"
expect_contains "the octopus commit opens" " Commit $c_oct" "$(sed -n 1p "$T/oct")"
expect_eq "it lists its four parents" "1" "$(grep -Ec '^parents  ([0-9a-f]{10} ){3}[0-9a-f]{10}$' "$T/oct")"
expect_contains "the odd folder is shown, not run" "  archive/x/P^[[31m^Jr2😀  (new)" "$(cat "$T/oct")"
expect_contains "the archiving commit says where the task came from" \
	"  archive/cdk-ts/Pr1  (moved from .)" "$(cat "$T/movea")"
expect_contains "the root folder says where it went" "  .  (moved to archive/cdk-ts/Pr1)" "$(cat "$T/movea")"
expect_contains "only the edited document is listed under the move" \
	"MODEL_FAILURES.md       modified" "$(cat "$T/movea")"
expect_contains "Enter on the moved task opens it there" " Task archive/cdk-ts/Pr1  @ $c_movea" "$(sed -n 1p "$T/movea-task")"
expect_eq "the moved document diffs against its folder before the move" " Diff MODEL_FAILURES.md: $c_a → $c_movea
--- lib/MODEL_FAILURES.md @ $c_a
+++ archive/cdk-ts/Pr1/lib/MODEL_FAILURES.md @ $c_movea
+1 -1" "$(sed -n 1,4p "$T/movea-diff")"
expect_contains "a plain move says its documents are unchanged" \
	"  archive/tf-hcl/Pr3  (moved from .; its documents unchanged)" "$(cat "$T/movec")"
# S at an old revision refuses (reviews are kept by path, and the old
# folder may hold another task now), and says how to review it.
expect_contains "S from the history stays on the task" " Task archive/cdk-ts/Pr1  @ $c_movea" "$(sed -n 1p "$T/movea-score")"
expect_contains "and says why" "S scores the task at the workbench's revision ($c_oct), not at $c_movea from the history" "$(cat "$T/movea-score")"
