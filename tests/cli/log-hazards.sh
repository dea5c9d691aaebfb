# iacrev log on hostile history: escape sequences and carriage returns in
# subjects and author names, folder names with escapes, a newline and an
# emoji, a missing blob, an octopus merge, a shallow clone.
. "$TESTS_DIR/lib.sh"

git init -q repo
cd repo
printf 'p\n' | write_file lib/PROMPT.md
printf '{"training_quality":7}\n' | write_file metadata.json
tick
git add -A
GIT_AUTHOR_NAME="$(printf 'Eve \033[31mRed\033[0m')" git commit -q -m "$(printf 'fix(tests): \033[200~paste\r done')"
printf 'f\n' | write_file lib/MODEL_FAILURES.md
commit_all "$(printf 'IAC-291533\033[C')"
odd=$(printf 'archive-localstack/LS-\033[1;33m\360\237\224\215 Extracting\n101912376-pulumi-py')
mkdir -p "$odd"
git mv lib metadata.json "$odd/"
commit_all "archive into an odd folder"
mkdir -p archive/pulumi-py/Pr9
git mv "$odd/lib" "$odd/metadata.json" archive/pulumi-py/Pr9/
commit_all "move it again"

run_iacrev log --color=never
expect_rc "log" 0
printf '%s\n' "$out" >"$T/log.txt"
expect_no_controls "log output" "$T/log.txt"
expect_contains "escaped subject" "fix(tests): ^[[200~paste^M done" "$out"
expect_contains "escaped author, clipped" "Eve ^[[31mRed^[…  fix" "$out"
expect_contains "escaped folder" "archive-localstack/LS-^[[1;33m🔍 Extracting^J101912376-pulumi-py (gone)" "$out"
expect_eq "one line per commit" 4 "$(wc -l <"$T/log.txt")"

run_iacrev log archive/pulumi-py/Pr9 --color=never
expect_rc "lineage" 0
printf '%s\n' "$out" >"$T/lineage.txt"
expect_no_controls "lineage output" "$T/lineage.txt"
expect_eq "lineage" "ID  2025-07-01 14:00  Test Author       7     ------  archive/pulumi-py/Pr9 <- archive-localstack/LS-^[[1;33m🔍 E…  move it again
ID  2025-07-01 13:00  Test Author       7     ------  archive-localstack/LS-^[[1;33m🔍 Extracting^J101912376-pulu…  archive into an odd folder
ID  2025-07-01 12:00  Test Author       7     ---F--  .                                                             IAC-291533^[[C
ID  2025-07-01 11:00  Eve ^[[31mRed^[…  7     P----m  .                                                             fix(tests): ^[[200~paste^M done" "$(sed -E 's/^[0-9a-f]{10}/ID/' "$T/lineage.txt")"
run_iacrev log archive/pulumi-py/Pr9 --json
printf '%s\n' "$out" >"$T/lineage.json"
expect_no_controls "json output" "$T/lineage.json"
expect_contains "json keeps the escape" '"from":"archive-localstack/LS-\u001B[1;33m🔍 Extracting\n101912376-pulumi-py"' "$out"
expect_contains "json subject" '"subject":"fix(tests): \u001B[200~paste\r done"' "$out"
expect_contains "json author" '"author":"Eve \u001B[31mRed\u001B[0m"' "$out"

# A shallow clone: the history is cut, and iacrev says so.
cd "$T"
git clone -q --depth 2 "file://$T/repo" shallow
run_iacrev log -C shallow --color=never
expect_rc "shallow" 0
expect_eq "shallow rows" 2 "$(printf '%s\n' "$out" | wc -l)"
expect_contains "shallow warning" "iacrev: warning: the history is cut at $(git -C shallow rev-parse --short=10 HEAD~1): this is a shallow clone" "$err"
run_iacrev log -C shallow archive/pulumi-py/Pr9 --color=never
expect_rc "shallow lineage" 0
expect_contains "shallow lineage" "[history cut here]" "$out"
expect_contains "shallow lineage warning" "shallow clone" "$err"
cd "$T/repo"

# A missing blob: the revision is shown, the document marked unreadable.
blob=$(git rev-parse HEAD~2:lib/MODEL_FAILURES.md)
rm -f ".git/objects/$(printf %s "$blob" | cut -c1-2)/$(printf %s "$blob" | cut -c3-)"
run_iacrev log archive/pulumi-py/Pr9 --color=never
expect_rc "missing blob" 0
expect_contains "missing blob" "7     ---!--  .  " "$out"
expect_eq "missing blob: all revisions" 4 "$(printf '%s\n' "$out" | wc -l)"
run_iacrev log archive/pulumi-py/Pr9 --json
expect_contains "missing blob json" "\"name\":\"MODEL_FAILURES.md\",\"kind\":\"failures\",\"status\":\"added\",\"blob\":\"$blob\",\"readable\":false" "$out"

# An octopus merge of three branches.
cd "$T"
git init -q octo
cd octo
printf 'x\n' | write_file README.md
commit_all init
for n in 1 2 3; do
	git checkout -q -b b$n main
	printf 'p%s\n' $n | write_file archive/x/Pr$n/lib/PROMPT.md
	commit_all "add Pr$n"
done
git checkout -q main
tick
git merge -q --no-ff b1 b2 b3 -m "Merge branches b1, b2, b3" >/dev/null
run_iacrev log -n 1 --color=never
expect_contains "octopus" "Merge branches b1, b2, b3  [archive/x/Pr1 (new), archive/x/Pr2 (new), archive/x/Pr3 (new)]" "$out"
run_iacrev log archive/x/Pr3 --color=never
expect_eq "octopus lineage" 1 "$(printf '%s\n' "$out" | wc -l)"
expect_contains "octopus lineage" "add Pr3" "$out"
run_iacrev log -n 1 --json
expect_eq "octopus parents" 4 "$(printf '%s\n' "$out" | grep -o '"parents":\[[^]]*\]' | tr ',' '\n' | wc -l)"

