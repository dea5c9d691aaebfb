# The score sheet driven from the keyboard on the demo repository, in a
# real terminal (tmux): the review queue of a filtered list, items put in
# categories, an override refused without its reason, Ctrl-S (not eaten as
# XOFF), the tasks list's columns and filter following the save, the
# question before leaving unsaved answers, n to the next task; then a
# second clone sees the score after `iacrev sync` through a bare remote.
. "$TESTS_DIR/lib.sh"
. "$TESTS_DIR/e2e/tui.lib"
src=$(cd "$TESTS_DIR/.." && pwd)
"$src/share/demo/make-repo" "$T/demo" >/dev/null

tm_start 120 50
tm_run "$IACREV -C '$T/demo'; echo EXIT=\$?"
tm_wait '^ Tasks 10/10  sort: path'
# the review queue: the tasks nobody reviewed yet
tm_keys F
tm_wait '^filter:'
tm_keys 'reviewed:no' Enter
tm_wait 'filter: reviewed:no'
tm_keys j j Enter
tm_wait '^ Task archive/cdk-py/Pr102'
tm_keys S
tm_wait '^ Score archive/cdk-py/Pr102: 4$'
tm_wait '  1  \[\?\] .*The dead-letter queue is never attached'
# one key per item, the cursor goes down the list: A A B C - x
tm_keys a a b c - x
tm_wait '  6  \[-\] .*Files in the wrong place'
tm_wait '  1  \[A\] .*The dead-letter queue'
tm_wait '^ Score archive/cdk-py/Pr102: 10 \(unsaved\)'
tm_wait 'step 3: A 2, B 1, C 1, not a fix 2: two or more A items: \+2'
# an override without a reason is refused, and the answers stay
tm_keys 7
tm_wait 'final     7 .*an override of the computed 10'
tm_wait 'reason    \(required for an override: r\)'
tm_keys C-s
tm_wait 'not saved: the score differs from the computed one: an override needs a reason'
tm_wait '  4  \[C\] '
tm_keys r
tm_wait '^reason:'
tm_keys 'Tests prove little; the fixes are partial' Enter
tm_wait 'reason    Tests prove little; the fixes are partial'
tm_keys C-s
tm_wait 'saved: archive/cdk-py/Pr102 scored 7'
tm_wait '^ Score archive/cdk-py/Pr102: 7$'
tm_wait '  your review: 7  saved '
# leaving with unsaved answers asks first; n stays
tm_keys 1
tm_wait '^ Score archive/cdk-py/Pr102: 1 \(unsaved\)'
tm_keys q
tm_wait 'unsaved answers: leave without saving\? \(y/n\)'
tm_keys n Enter
tm_wait 'still here'
tm_wait '^ Score archive/cdk-py/Pr102: 1 \(unsaved\)'
tm_keys '='
tm_keys q
tm_wait 'unsaved answers: leave without saving\?'
tm_keys y Enter
tm_wait '^ Task archive/cdk-py/Pr102'
# n from the task view: the next task of the list, on its score sheet
tm_keys n
tm_wait '^ Score archive/cdk-ts/Pr101: 4$'
tm_keys q
tm_wait '^ Task archive/cdk-ts/Pr101'
tm_keys q
# the list follows the save: the filter drops the reviewed task, and the
# review columns show my score
tm_wait '^ Tasks 9/10 .*filter: reviewed:no'
tm_keys F C-u Enter
tm_wait '^ Tasks 10/10'
tm_wait '^archive/cdk-py/Pr102 .* 7 +1 '
tm_keys q
tm_wait '^EXIT=0$'
tm_expect_sane_tty "after the score sheet"

# n in the sheet saves and moves on (the sheet opened from the list)
tm_keys clear Enter
tm_run "$IACREV -C '$T/demo'; echo EXIT=\$?"
tm_wait '^ Tasks 10/10'
tm_keys j j j S
tm_wait '^ Score archive/cdk-ts/Pr101: 4$'
tm_keys a a a a a a a a
tm_wait '^ Score archive/cdk-ts/Pr101: 10 \(unsaved\)'
tm_keys 5 r
tm_wait '^reason:'
tm_keys 'The items repeat one another' Enter
tm_keys n
tm_wait '^ Score archive/cfn-json/Pr105: '
tm_keys q
tm_wait '^archive/cdk-ts/Pr101 .* 5 +1 '
tm_keys q
tm_wait '^EXIT=0$'

run_iacrev -C "$T/demo" reviews --json
expect_contains "Pr102's record" '"task":"archive/cdk-py/Pr102"' "$out"
expect_contains "the override and its reason" '"computed":10,"score":7,"reason":"Tests prove little; the fixes are partial"' "$out"
expect_contains "Pr101's record" '"computed":10,"score":5,"reason":"The items repeat one another"' "$out"

# A second clone sees the scores after iacrev sync (file remote).
git init -q --bare "$T/remote.git"
git -C "$T/demo" remote add origin "$T/remote.git"
git -C "$T/demo" push -q origin main
run_iacrev -C "$T/demo" sync origin
expect_rc "sync from the reviewer's clone" 0
git clone -q "$T/remote.git" "$T/second"
run_iacrev -C "$T/second" reviews archive/cdk-py/Pr102
expect_eq "no scores before the sync" "" "$out"
run_iacrev -C "$T/second" sync
expect_rc "sync in the second clone" 0
run_iacrev -C "$T/second" reviews archive/cdk-py/Pr102
expect_contains "the second clone sees the score" "Test Reviewer <reviewer@example.org>: 7, fair" "$out"
run_iacrev -C "$T/second" tasks --filter 'reviewed:yes'
expect_eq "reviewed tasks in the second clone" "2" "$(printf '%s\n' "$out" | wc -l)"
