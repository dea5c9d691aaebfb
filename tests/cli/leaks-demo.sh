# No leak and no memory error on the demo repository (share/demo): every
# subcommand, and the workbench's views in script mode, with the binary
# under test.  Under the ASan build (`make cli-tests`, `make test`)
# LeakSanitizer reports any leak at exit; with IACREV_VALGRIND=1 each run
# goes through valgrind --leak-check=full instead (tests/leaks-valgrind:
# the normal build, slower, not part of `make test`).
. "$TESTS_DIR/lib.sh"
. "$TESTS_DIR/e2e/tui.lib"

R="$T/demo"
"$TESTS_DIR/../share/demo/make-repo" "$R" >/dev/null || fail "make-repo failed"
git -C "$R" config user.name "Leak Checker"
git -C "$R" config user.email "leaks@example.org"
git clone -q --bare "$R" "$T/remote.git"
git -C "$R" remote add origin "$T/remote.git"
task=archive/cdk-ts/Pr101

vg=
if [ -n "${IACREV_VALGRIND:-}" ]; then
	vg="valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible"
	vg="$vg --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99"
	vg="$vg --suppressions=$TESTS_DIR/valgrind.supp"  # a leak of libgit2 1.5
fi

runs=0
# leak_free NAME ARGS...: exit 0, and no report from a sanitizer or valgrind.
leak_free() {
	name=$1; shift
	set +e
	$vg "$IACREV" "$@" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
	set -e
	if grep -q 'Sanitizer\|runtime error\|==[0-9]*== ' "$T/err" || [ "$rc" != 0 ]; then
		tail -n 40 "$T/err" >&2
		fail "$name: exit $rc or a memory report"
	fi
	runs=$((runs + 1))
}

leak_free "tasks" tasks -C "$R"
leak_free "tasks --json" tasks -C "$R" --json
leak_free "tasks --filter --sort" tasks -C "$R" --filter 'tq:any -path:templates' --sort -tq
leak_free "diff" diff -C "$R" "$task"
leak_free "diff side by side, whole" diff -C "$R" --side-by-side --whole -w "$task"
leak_free "diff --all --stat" diff -C "$R" --all --stat
leak_free "failures" failures -C "$R" "$task"
leak_free "failures --json" failures -C "$R" "$task" --json
leak_free "doc" doc -C "$R" "$task" MODEL_RESPONSE.md
leak_free "doc --raw" doc -C "$R" "$task" IDEAL_RESPONSE.md --raw
leak_free "log" log -C "$R" -n 50
leak_free "log TASK -v" log -C "$R" "$task" -v
leak_free "score --score" score -C "$R" "$task" --score 7 --note "leak check"
leak_free "score --items" score -C "$R" "$task" --items ABCA-BCA --factors ha
leak_free "reviews" reviews -C "$R"
leak_free "reviews TASK" reviews -C "$R" "$task"
leak_free "reviews --all --json" reviews -C "$R" --all --json
leak_free "export" export -C "$R"
leak_free "export jsonl to a file" export -C "$R" --all-records --format jsonl -o "$T/export.jsonl"
leak_free "stats" stats -C "$R"
leak_free "stats --json" stats -C "$R" --json
leak_free "sync" sync -C "$R" origin

# The workbench: every view opened, scrolled, closed (script mode).
cat >"$T/script" <<'EOS'
j
<Enter>
d
s
<Tab>
q
f
<Enter>
q
q
p
q
S
j
a
:save-display sheet.txt
q
?
q
q
q
EOS
# The last run, so exporting these touches no other.
export COLUMNS=100 LINES=30 IACREV_SCRIPT="$T/script"
leak_free "workbench" -C "$R"
expect_contains "the workbench reached the score sheet" " Score " "$(head -n 1 "$T/sheet.txt")"
expect_eq "every run checked" 23 "$runs"
