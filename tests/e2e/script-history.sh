# The history views on a repository in the real shape: a task written at
# the root on a branch, revised, archived by a rename and merged, then a
# second task at the root.  h opens the lineage, Enter a revision (its
# documents, failures and diff read there), m/d diff two revisions, the
# log leads to a commit and a document's diff.  Hazards: an escape
# sequence and a carriage return in a subject, a missing blob, a shallow
# clone, a detached HEAD.
. "$TESTS_DIR/lib.sh"
. "$TESTS_DIR/e2e/tui.lib"
mkdir "$T/r"
cd "$T/r"
git init -q
printf 'readme\n' >README.md
commit_all "initial"
git checkout -q -b IAC-1
printf '# Prompt\nBuild a bucket.\n' | write_file lib/PROMPT.md
printf '{"platform":"cdk","language":"ts","training_quality":6}' >metadata.json
commit_all "feat: prompt and metadata"
c_prompt=$(git rev-parse --short=10 HEAD)
printf 'model v1\n' >lib/MODEL_RESPONSE.md
commit_all "feat: model response"
c_model=$(git rev-parse --short=10 HEAD)
old_model_blob=$(git rev-parse HEAD:lib/MODEL_RESPONSE.md)
printf 'model v2\n' >lib/MODEL_RESPONSE.md
printf 'ideal\n' >lib/IDEAL_RESPONSE.md
printf '# Failures\n\n### 1. First draft item\n\nWrong.\n' >lib/MODEL_FAILURES.md
printf '{"platform":"cdk","language":"ts","training_quality":7}' >metadata.json
commit_all "feat: ideal, failures v1"
c_v1=$(git rev-parse --short=10 HEAD)
printf '# Failures\n\n### 1. Second draft item\n\nStill wrong.\n' >lib/MODEL_FAILURES.md
printf '{"platform":"cdk","language":"ts","training_quality":8.5}' >metadata.json
commit_all "$(printf 'docs: failures v2 \033[31mred\033[0m\r done')"
c_v2=$(git rev-parse --short=10 HEAD)
archive_task archive/cdk-ts/Pr1
commit_all "chore(archive): move PR #1 to archive/cdk-ts/Pr1"
c_move=$(git rev-parse --short=10 HEAD)
git checkout -q main
tick
git merge -q --no-ff -m "Merge pull request #1 from turing/IAC-1" IAC-1
c_merge=$(git rev-parse --short=10 HEAD)
printf '# Second\n' | write_file lib/PROMPT.md
printf '{"platform":"tf","language":"hcl","training_quality":5}' >metadata.json
commit_all "feat: second task at the root"
c_second=$(git rev-parse --short=10 HEAD)
# the first MODEL_RESPONSE.md is lost
rm -f ".git/objects/$(echo "$old_model_blob" | cut -c1-2)/$(echo "$old_model_blob" | cut -c3-)"

rows() {
	grep -E '^[ *] [0-9a-f]{10}  ' "$1" | awk -F'  +' '{ print $2, $5, $6, $7 }'
}

run_script 160x40 -C "$T/r" <<S
j
h
:save-display $T/hist
3G
<Enter>
:save-display $T/at-v1
f
:save-display $T/fail-v1
q
p
:save-display $T/prompt-v1
q
d
:save-display $T/diff-v1
q
q
j
<Enter>
:save-display $T/at-model
q
k
m
k
d
:save-display $T/revdiff
q
:save-display $T/marked
L
:save-display $T/log
/failures v2
<Enter>
<Enter>
:save-display $T/commit
j
<Enter>
:save-display $T/commit-diff
S
expect_rc "history script" 0
expect_eq "the lineage of the archived task" "$c_move 8.5 ------ archive/cdk-ts/Pr1 <- .
$c_v2 8.5 ---F-m .
$c_v1 7 -MIF-m .
$c_model 6 -!---- .
$c_prompt 6 P----m ." "$(rows "$T/hist")"
expect_contains "the title counts the revisions" " History archive/cdk-ts/Pr1: 5 revisions" "$(sed -n 1p "$T/hist")"
expect_contains "an escape in a subject is shown, not run" 'docs: failures v2 ^[[31mred^[[0m^M done' "$(cat "$T/hist")"
expect_contains "a missing blob is named" "! unreadable (blob missing)" "$(cat "$T/hist")"
expect_contains "Enter opens the task at that revision" " Task .  @ $c_v1" "$(sed -n 1p "$T/at-v1")"
expect_contains "the documents of that revision" "MODEL_FAILURES.md       44 bytes, 5 lines" "$(cat "$T/at-v1")"
expect_contains "the score of that revision" "training_quality  7  → 7" "$(cat "$T/at-v1")"
expect_contains "the failures at that revision" "@ $c_v1" "$(sed -n 1p "$T/fail-v1")"
expect_contains "the failures item of that revision" "First draft item" "$(cat "$T/fail-v1")"
expect_contains "the response diff at that revision" "@ $c_v1" "$(sed -n 1p "$T/diff-v1")"
expect_contains "a document at that revision" "@ $c_v1" "$(sed -n 1p "$T/prompt-v1")"
expect_contains "the document of that revision" "Build a bucket." "$(cat "$T/prompt-v1")"
expect_contains "the response diff reads that revision's model" "model v2" "$(cat "$T/diff-v1")"
expect_contains "a revision whose blob is lost opens" " Task .  @ $c_model" "$(sed -n 1p "$T/at-model")"
expect_contains "and says the document is unreadable" "unreadable: the blob is missing" "$(cat "$T/at-model")"
expect_eq "m then d: MODEL_FAILURES.md between two revisions" " Diff MODEL_FAILURES.md: $c_v1 → $c_v2
--- lib/MODEL_FAILURES.md @ $c_v1
+++ lib/MODEL_FAILURES.md @ $c_v2
+2 -2
@@ -1,5 +1,5 @@
    1     1  # Failures
    2     2
    3       -### 1. First draft item
          3 +### 1. Second draft item
    4     4
    5       -Wrong.
          5 +Still wrong." "$(sed -n 1,12p "$T/revdiff")"
expect_contains "the mark shows" "* $c_v1" "$(cat "$T/marked")"
expect_contains "the log lists every commit" " Log: 8 commits" "$(sed -n 1p "$T/log")"
expect_contains "the log names the tasks a commit touched" "Merge pull request #1 from turing/IAC-1  [archive/cdk-ts/Pr1 (new)]" "$(cat "$T/log")"
expect_contains "the log's newest commit" "$c_second" "$(sed -n 3p "$T/log")"
expect_contains "Enter opens the commit" " Commit $c_v2" "$(sed -n 1p "$T/commit")"
expect_contains "the commit's documents" "MODEL_FAILURES.md       modified" "$(cat "$T/commit")"
expect_contains "the commit's metadata" "metadata.json           modified" "$(cat "$T/commit")"
expect_eq "Enter on a document diffs it against the parent" " Diff MODEL_FAILURES.md: $c_v1 → $c_v2
--- lib/MODEL_FAILURES.md @ $c_v1
+++ lib/MODEL_FAILURES.md @ $c_v2
+2 -2" "$(sed -n 1,4p "$T/commit-diff")"

# The second task at the root: its own lineage, not the first task's.
run_script 160x20 -C "$T/r" . history <<S
:save-display $T/root
S
expect_eq "the root task's lineage stays off the first task's branch" "$c_second 5 P----m ." "$(rows "$T/root")"

# Detached HEAD at the merge: the same lineage of the archived task.
git -C "$T/r" checkout -q --detach "$c_merge"
run_script 160x20 -C "$T/r" archive/cdk-ts/Pr1 history <<S
:save-display $T/detached
S
expect_rc "detached HEAD" 0
expect_eq "the lineage on a detached HEAD" "$(rows "$T/hist")" "$(rows "$T/detached")"
git -C "$T/r" checkout -q main

# A shallow clone: the history is cut, and the view says so.
git clone -q --depth 2 "file://$T/r" "$T/shallow"
run_script 160x20 -C "$T/shallow" archive/cdk-ts/Pr1 history <<S
:save-display $T/cut
S
expect_rc "shallow clone" 0
expect_contains "a shallow clone says the history is cut" "this is a shallow clone, older commits are not here" "$(cat "$T/cut")"
