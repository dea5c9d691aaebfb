# The history views in a real terminal on the demo repository: h from the
# tasks list, Enter on a revision (its failures there), m/d between two
# revisions, the log, a commit and a document's diff, and a clean quit.
. "$TESTS_DIR/lib.sh"
. "$TESTS_DIR/e2e/tui.lib"
src=$(cd "$TESTS_DIR/.." && pwd)
"$src/share/demo/make-repo" "$T/demo" >/dev/null
n=$("$IACREV" -C "$T/demo" tasks | wc -l)
c101=$(git -C "$T/demo" rev-parse --short=10 7217dbb8ff)

tm_start 150 40
tm_run "$IACREV -C '$T/demo'; echo EXIT=\$?"
tm_wait "^ Tasks $n/$n" 30
tm_keys /Pr101 Enter
tm_keys h
tm_wait '^ History archive/cdk-ts/Pr101: 7 revisions'
tm_wait "^  $c101  2025-07-05 10:10  Priya Raman       9     ---F-m  \\.  "
tm_keys j Enter
tm_wait "^ Task \\.  @ $c101"
tm_keys f
tm_wait "^ Failures \\.: .* @ $c101"
tm_keys q q
tm_wait '^ History archive/cdk-ts/Pr101'
tm_keys m j j d
tm_wait "^ Diff MODEL_FAILURES.md: [0-9a-f]{10} → $c101"
tm_keys q L
tm_wait '^ Log: 71 commits'
tm_keys Enter
tm_wait '^ Commit 055e4bb44b'
tm_wait 'MODEL_FAILURES.md +modified'
tm_keys j Enter
tm_wait '^ Diff MODEL_FAILURES.md: 87a7b85281 → 055e4bb44b'
tm_keys q q q q
tm_wait "^ Tasks $n/$n" 30
tm_keys q
tm_wait '^EXIT=0$'
tm_expect_sane_tty "after the history views"
