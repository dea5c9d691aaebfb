# The demo repository (share/demo/make-repo) in the workbench, opened the
# way `make demo` opens it: the whole list, a task, its diff and failures,
# and a clean quit.
. "$TESTS_DIR/lib.sh"
. "$TESTS_DIR/e2e/tui.lib"
src=$(cd "$TESTS_DIR/.." && pwd)
"$src/share/demo/make-repo" "$T/demo" >/dev/null
n=$("$IACREV" -C "$T/demo" tasks | wc -l)
[ "$n" -gt 1 ] || fail "the demo repository has $n tasks"

tm_start 120 40
tm_run "$IACREV -C '$T/demo'; echo EXIT=\$?"
tm_wait "^ Tasks $n/$n  sort: path"
tm_keys j Enter
tm_wait '^ Task '
tm_wait 'Documents \(Enter opens\)'
tm_keys d
tm_wait '^ Diff .*MODEL_RESPONSE.md → IDEAL_RESPONSE.md'
tm_wait '\[diff\]'
tm_keys s
tm_wait 'side-by-side'
tm_keys q
tm_keys f
tm_wait '^ Failures .*items?'
tm_keys Enter
tm_wait 'item 1 of'
tm_keys q q
tm_keys q
tm_wait "^ Tasks $n/$n"
tm_keys q
tm_wait '^EXIT=0$'
tm_expect_sane_tty "after the demo"

# `make demo` itself: it builds the demo repository and opens it.
tm_keys clear Enter
tm_run "env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s -C '$src' demo; echo EXIT=\$?"
tm_wait "^ Tasks $n/$n" 120
tm_keys q
tm_wait '^EXIT=0$' 30
