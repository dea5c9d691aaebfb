# The real workbench in tmux: open a repository, move, filter, sort, open
# a task and a document, search, resize to 40x12 and back, the too-small
# notice, help, mouse wheel, and quit with the terminal restored.
. "$TESTS_DIR/lib.sh"
. "$TESTS_DIR/e2e/tui.lib"
make_repo
tm_start 80 24

tm_run "$IACREV -C repo; echo EXIT=\$?"
tm_wait '^ Tasks 4/4  sort: path'
tm_wait '\[tasks\]  1/4'
tm_keys j j
tm_wait '\[tasks\]  3/4'
tm_keys 2 k
tm_wait '\[tasks\]  1/4'

tm_keys F
tm_wait '^filter:$'
tm_keys 'pl:cdk' Enter
tm_wait '^ Tasks 2/4  sort: path  filter: pl:cdk'
tm_wait '^2 of 4 tasks match'
tm_keys F C-u Enter
tm_wait '^ Tasks 4/4  sort: path$'

tm_keys o
tm_wait 'sort: po$'
tm_keys O
tm_wait 'sort: -po$'
tm_keys o o o o o o o o
tm_wait 'sort: -path$'
tm_keys O
tm_wait 'sort: path$'

tm_keys /
tm_wait '^/$'
tm_keys 'tf-h' Enter
tm_wait '\[tasks\]  4/4'

tm_keys g Enter
tm_wait '^ Task \.  \(1/4 in the list\)'
tm_wait 'PROMPT.md +31 bytes, 2 lines'
tm_keys Enter
tm_wait '^ lib/PROMPT.md'
tm_wait 'Root task'
tm_keys q
tm_wait '^ Task \.  \(1/4 in the list\)'

tm_resize 40 12
tm_wait '\[task\]  [0-9]+/[0-9]+ *$'
screen=$(tm_screen)
expect_eq "40x12 has 12 rows" 12 "$(printf '%s\n' "$screen" | wc -l)"
expect_contains "40x12 keeps the hints" "? help" "$screen"
tm_resize 30 8
tm_wait '^terminal too small: 30x8'
tm_resize 80 24
tm_wait '^ Task \.  \(1/4 in the list\)'
tm_wait 'Documents \(Enter opens\)'

tm_keys '?'
tm_wait '^ Help: keys of the task view'
tm_wait 'lines 1-20/'
# The mouse wheel scrolls (an SGR wheel-down report, as xterm sends it).
$TM send-keys -t t -l "$(printf '\033[<65;10;5M')"
tm_wait 'lines 4-23/'
tm_keys q
tm_wait '^ Task \.  \(1/4 in the list\)'
tm_keys q
tm_wait '^ Tasks 4/4'
tm_keys q
tm_wait '^EXIT=0$'
tm_expect_sane_tty "after q"

# Q quits from any depth.
tm_run "$IACREV -C repo archive/cdk-ts/Pr1 prompt; echo EXIT=\$?"
tm_wait '^ archive/cdk-ts/Pr1/lib/PROMPT.md'
tm_keys Q
tm_wait '^EXIT=0$'
tm_expect_sane_tty "after Q"
