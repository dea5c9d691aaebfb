# iacrev log: the repository log and task lineages, on a repository in the
# real shape (a task written at the root on a branch, revised, moved into
# archive/ by a bot and merged; a second task reusing the root lib/; a
# later fix of the first task's score), then the hazards.
. "$TESTS_DIR/lib.sh"

meta() { printf '{"platform":"cdk","language":"ts"%s}\n' "$1"; }
ids() { sed -E 's/^[0-9a-f]{10}/ID/'; }

git init -q repo
cd repo
printf 'tasks\n' | write_file README.md
printf 'Insert here the prompt\n' | write_file templates/cdk-ts/lib/PROMPT.md
commit_all "init"
git checkout -q -b pr1
printf 'Prompt A\n' | write_file lib/PROMPT.md
meta "" | write_file metadata.json
commit_all "A: prompt"
printf 'model A\n' | write_file lib/MODEL_RESPONSE.md
printf 'ideal A\n' | write_file lib/IDEAL_RESPONSE.md
commit_all "A: responses"
printf '### 1. fail A\n' | write_file lib/MODEL_FAILURES.md
meta ',"training_quality":8' | write_file metadata.json
commit_all "A: failures"
printf 'code\n' | write_file lib/tap-stack.ts
commit_all "A: code only"
meta ',"training_quality":9' | write_file metadata.json
commit_all "A: tq 9"
archive_task archive/cdk-ts/Pr1
tick
GIT_AUTHOR_NAME="GitHub Actions Bot" git commit -q -m "feat(cdk): archive Pr1"
git checkout -q main
printf 'main moves\n' | write_file other.txt
commit_all "main: unrelated"
tick
git merge -q --no-ff pr1 -m "Merge pull request #1 from someone/pr1"
git checkout -q -b pr2
printf 'Prompt B\n' | write_file lib/PROMPT.md
printf '{"platform":"tf","language":"hcl"}\n' | write_file metadata.json
commit_all "B: prompt"
printf '### 1. fail B\n' | write_file lib/MODEL_FAILURES.md
commit_all "B: failures"
archive_task archive/tf-hcl/Pr2
commit_all "feat(tf): archive Pr2"
git checkout -q main
tick
git merge -q --no-ff pr2 -m "Merge pull request #2 from someone/pr2"
git checkout -q -b pr3
meta ',"training_quality":10' | write_file archive/cdk-ts/Pr1/metadata.json
commit_all "Pr1: review says 10"
git checkout -q main
tick
git merge -q --no-ff pr3 -m "Merge pull request #3 from someone/pr3"

# The repository log: every commit, newest first, with the tasks it touched.
run_iacrev log --color=never -v
expect_rc "log" 0
expect_eq "log index status" "history index: built: 15 commits (there was no index yet)" "$err"
expect_eq "log" "ID  2025-07-02 01:00  Test Author       Merge pull request #3 from someone/pr3  [archive/cdk-ts/Pr1]
ID  2025-07-02 00:00  Test Author       Pr1: review says 10  [archive/cdk-ts/Pr1]
ID  2025-07-01 23:00  Test Author       Merge pull request #2 from someone/pr2  [archive/tf-hcl/Pr2 (new)]
ID  2025-07-01 22:00  Test Author       feat(tf): archive Pr2  [. (gone), archive/tf-hcl/Pr2 (new)]
ID  2025-07-01 21:00  Test Author       B: failures  [.]
ID  2025-07-01 20:00  Test Author       B: prompt  [. (new)]
ID  2025-07-01 19:00  Test Author       Merge pull request #1 from someone/pr1  [archive/cdk-ts/Pr1 (new)]
ID  2025-07-01 18:00  Test Author       main: unrelated
ID  2025-07-01 17:00  GitHub Actions …  feat(cdk): archive Pr1  [. (gone), archive/cdk-ts/Pr1 (new)]
ID  2025-07-01 16:00  Test Author       A: tq 9  [.]
ID  2025-07-01 15:00  Test Author       A: code only  [.]
ID  2025-07-01 14:00  Test Author       A: failures  [.]
ID  2025-07-01 13:00  Test Author       A: responses  [.]
ID  2025-07-01 12:00  Test Author       A: prompt  [. (new)]
ID  2025-07-01 11:00  Test Author       init" "$(printf '%s\n' "$out" | ids)"
expect_eq "log ids" "$(git log --format=%h --abbrev=10 | head -3)" "$(printf '%s\n' "$out" | cut -c1-10 | head -3)"

# The first task's lineage: the later fix, the move, the branch's
# revisions at the root; not the merges, not the code-only commit, not the
# second task's commits.
run_iacrev log archive/cdk-ts/Pr1 --color=never
expect_rc "lineage" 0
expect_eq "lineage" "ID  2025-07-02 00:00  Test Author       10    -----m  archive/cdk-ts/Pr1       Pr1: review says 10
ID  2025-07-01 17:00  GitHub Actions …  9     ------  archive/cdk-ts/Pr1 <- .  feat(cdk): archive Pr1
ID  2025-07-01 16:00  Test Author       9     -----m  .                        A: tq 9
ID  2025-07-01 14:00  Test Author       8     ---F-m  .                        A: failures
ID  2025-07-01 13:00  Test Author       none  -MI---  .                        A: responses
ID  2025-07-01 12:00  Test Author       none  P----m  .                        A: prompt" "$(printf '%s\n' "$out" | ids)"

run_iacrev log -n 2 ./archive/tf-hcl/Pr2/ --color=never
expect_eq "second task" "ID  2025-07-01 22:00  Test Author  none  ------  archive/tf-hcl/Pr2 <- .  feat(tf): archive Pr2
ID  2025-07-01 21:00  Test Author  none  ---F--  .                        B: failures" "$(printf '%s\n' "$out" | ids | sed 's/Test Author       /Test Author  /')"

# JSON Lines: every field.
run_iacrev log archive/cdk-ts/Pr1 --json -n 1
fix=$(git rev-parse pr3)
expect_eq "lineage json" "{\"task\":\"archive/cdk-ts/Pr1\",\"commit\":\"$fix\",\"author\":\"Test Author\",\"email\":\"author@example.org\",\"date\":\"2025-07-02T00:00:00+00:00\",\"subject\":\"Pr1: review says 10\",\"path\":\"archive/cdk-ts/Pr1\",\"from\":null,\"created\":false,\"history_cut\":false,\"docs\":[{\"name\":\"metadata.json\",\"kind\":\"metadata\",\"status\":\"modified\",\"blob\":\"$(git rev-parse pr3:archive/cdk-ts/Pr1/metadata.json)\",\"readable\":true}],\"training_quality\":10,\"training_quality_raw\":\"10\",\"training_quality_reason\":null,\"metadata\":\"ok\",\"metadata_error\":null}" "$out"
run_iacrev log --json -n 1 --rev pr1
expect_eq "log json" "{\"commit\":\"$(git rev-parse pr1)\",\"parents\":[\"$(git rev-parse pr1~1)\"],\"author\":\"GitHub Actions Bot\",\"email\":\"author@example.org\",\"date\":\"2025-07-01T17:00:00+00:00\",\"subject\":\"feat(cdk): archive Pr1\",\"tasks\":[{\"path\":\".\",\"added\":false,\"deleted\":true,\"changed\":[\"prompt\",\"model\",\"ideal\",\"failures\",\"metadata\",\"other\"]},{\"path\":\"archive/cdk-ts/Pr1\",\"added\":true,\"deleted\":false,\"changed\":[\"prompt\",\"model\",\"ideal\",\"failures\",\"metadata\",\"other\"]}],\"history_cut\":false,\"incomplete\":false}" "$out"

# The index is reused, extended when the branch moves, rebuilt when damaged.
run_iacrev log -v -n 0
expect_eq "reused" "history index: loaded: 15 commits" "$err"
printf 'more\n' | write_file other.txt
commit_all "main: more"
run_iacrev log -v -n 1 --color=never
expect_eq "extended" "history index: extended by 1 commit to 16" "$err"
expect_contains "extended log" "main: more" "$out"
printf 'X' | dd of=.git/iacrev/history.idx bs=1 seek=300 conv=notrunc 2>/dev/null
run_iacrev log -v archive/cdk-ts/Pr1 --color=never
expect_rc "after damage" 0
expect_eq "rebuilt" "history index: built: 16 commits (the index file is corrupt (checksum mismatch))" "$err"
expect_eq "same lineage" 6 "$(printf '%s\n' "$out" | wc -l)"

# Errors: an unknown task, a bad option, not a repository, an empty one.
run_iacrev log archive/none
expect_rc "unknown task" 1
expect_eq "unknown task" "iacrev: no task at 'archive/none' in HEAD (see iacrev tasks)" "$err"
run_iacrev log templates/cdk-ts
expect_rc "template" 1
run_iacrev log -n x
expect_rc "bad -n" 1
run_iacrev log a b
expect_rc "two tasks" 1
run_iacrev log --rev no-such-branch
expect_rc "bad rev" 1
expect_contains "bad rev" "no-such-branch" "$err"
cd "$T"
mkdir plain
run_iacrev log -C plain
expect_rc "not a repository" 2
expect_contains "not a repository" "not a git repository" "$err"
git init -q empty
run_iacrev log -C empty
expect_rc "empty" 2
expect_contains "empty" "no commits yet" "$err"

# A detached HEAD, and a bare repository.
cd repo
git checkout -q --detach pr1~3
run_iacrev log --color=never
expect_eq "detached" 4 "$(printf '%s\n' "$out" | wc -l)"
expect_contains "detached" "A: failures" "$(printf '%s\n' "$out" | head -1)"
run_iacrev log . --color=never
expect_eq "root task" "ID  2025-07-01 14:00  Test Author       8     ---F-m  .     A: failures
ID  2025-07-01 13:00  Test Author       none  -MI---  .     A: responses
ID  2025-07-01 12:00  Test Author       none  P----m  .     A: prompt" "$(printf '%s\n' "$out" | ids)"
git checkout -q main
cd "$T"
git clone -q --bare repo bare.git
run_iacrev log -C bare.git archive/tf-hcl/Pr2 -n 1 --color=never
expect_rc "bare" 0
expect_contains "bare" "feat(tf): archive Pr2" "$out"
