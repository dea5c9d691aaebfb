# The history index is built in the background when the workbench starts
# (between key polls, once the tasks list is loaded): its file appears
# without any history key pressed, keys answer meanwhile, and the log then
# opens on its rows.
. "$TESTS_DIR/lib.sh"
. "$TESTS_DIR/e2e/tui.lib"
src=$(cd "$TESTS_DIR/.." && pwd)
"$src/share/demo/make-repo" "$T/demo" >/dev/null
n=$("$IACREV" -C "$T/demo" tasks | wc -l)
idx="$T/demo/.git/iacrev/history.idx"
expect_eq "no index before the workbench" "" "$(ls "$idx" 2>/dev/null)"

tm_start 150 40
tm_run "$IACREV -C '$T/demo'; echo EXIT=\$?"
tm_wait "^ Tasks $n/$n" 30
# keys answer while it builds
tm_keys j
tm_wait "\\[tasks\\]  2/$n"
i=0
while [ ! -s "$idx" ] && [ $i -lt 600 ]; do
	sleep 0.05
	i=$((i + 1))
done
[ -s "$idx" ] || fail "the history index was not built in the background"
tm_gone 'history index'
tm_keys L
tm_wait '^ Log: 71 commits'
tm_keys q q
tm_wait '^EXIT=0$'
tm_expect_sane_tty "after the background build"
