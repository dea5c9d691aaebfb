# Every view over the hostile repository (tests/hostile/make-repo) in a
# real terminal: tasks, task, diff (unified and side by side), document,
# failures, help and blob (raw), on the tasks whose documents hold every
# control and escape sequence, a 5 MB line, random bytes, 100,000 code
# blocks, 10,000-deep nesting, missing blobs, and on folder names with ESC
# and newlines.  For each step: the view opens, scrolls and shows its help;
# the score sheet (S), the task history, the log and a commit too;
# before and after, the screen is intact (the view's title on the first
# row, its status and hint lines at the bottom, no escape sequence but
# colours in the pane), the pane title and tmux's paste buffers (OSC 52)
# untouched; iacrev exits 0 with nothing from a sanitizer.  Each step is
# bounded by timeout(1) and tm_wait.
. "$TESTS_DIR/lib.sh"
. "$TESTS_DIR/e2e/tui.lib"

"$TESTS_DIR/hostile/make-repo" "$T/h" >/dev/null
tm_start 120 30
rows=$($TM display-message -p -t t '#{pane_height}')
$TM set-option -g set-clipboard on  # an OSC 52 reaching tmux would fill a buffer
title_before=$($TM display-message -p -t t '#{pane_title}')
esc=$(printf '\033')

# The pane as it must look while a view is open: $1 the title regex, $2 the
# view's tag in the status line.
expect_intact() {
	screen=$(tm_screen)
	first=$(printf '%s\n' "$screen" | sed -n 1p)
	# the last row is the message line
	status=$(printf '%s\n' "$screen" | sed -n "$((rows - 2))p")
	hint=$(printf '%s\n' "$screen" | sed -n "$((rows - 1))p")
	printf '%s\n' "$first" | grep -Eq -- "$1" || { printf '%s\n' "$screen" >&2; fail "$step: title row moved or gone"; }
	case $status in
	" h @ HEAD "*"[$2]"*) ;;
	*) printf '%s\n' "$screen" >&2; fail "$step: status line moved or gone" ;;
	esac
	case $hint in
	"? help"*) ;;
	*) printf '%s\n' "$screen" >&2; fail "$step: hint line moved or gone" ;;
	esac
	expect_eq "$step: pane title untouched" "$title_before" "$($TM display-message -p -t t '#{pane_title}')"
	expect_eq "$step: no paste buffer (OSC 52)" "" "$($TM list-buffers)"
	raw=$($TM capture-pane -e -p -t t | sed "s/$esc\[[0-9;:]*m//g" | grep -c "$esc" || true)
	expect_eq "$step: no escape sequence but colours in the pane" 0 "$raw"
}

n=0
# view STEP TITLE-REGEX TAG KEYS -- ARGS...: open, check, scroll, help, check, quit.
view() {
	step=$1 title=$2 tag=$3 keys=$4
	shift 5
	n=$((n + 1))
	{
		printf 'timeout --foreground -k 5 120 "%s" -C "%s"' "$IACREV" "$T/h"
		for a in "$@"; do printf " '%s'" "$a"; done
		printf ' 2>"%s"; echo EXIT=$?\n' "$T/err$n"
	} >"$T/step$n.sh"
	tm_keys clear Enter
	tm_gone 'EXIT='
	tm_run "sh $T/step$n.sh"
	if [ -n "${via:-}" ]; then
		# opened from the task view by keys: KEY=REGEX, each awaited
		tm_wait '^ Task ' 60
		tm_wait '\[task\]' 60
		for pair in $via; do
			tm_keys "${pair%%=*}"
			tm_wait "${pair#*=}" 60
		done
	fi
	tm_wait "$title" 60
	tm_wait "\\[$tag\\]" 60
	expect_intact "$title" "$tag"
	if [ -n "${expect_message:-}" ]; then
		expect_contains "$step: message" "$expect_message" "$(tm_screen | sed -n "${rows}p")"
	fi
	for k in $keys; do tm_keys "$k"; done
	# the help view answers only once every key before it was read
	tm_keys '?'
	tm_wait '^ Help: ' 60
	expect_not_contains "$step: every key understood" "no action for" "$(tm_screen | sed -n "${rows}p")"
	expect_intact '^ Help: ' help
	tm_keys q
	tm_wait "$title" 60
	tm_wait "\\[$tag\\]" 60
	expect_intact "$title" "$tag"
	tm_keys Q
	tm_wait '^EXIT=' 60
	expect_eq "$step: exit status" "EXIT=0" "$(tm_screen | grep '^EXIT=')"
	if grep -q 'Sanitizer\|runtime error' "$T/err$n"; then
		tail -n 30 "$T/err$n" >&2
		fail "$step: sanitizer report"
	fi
}

nav='j j C-d C-f G g k'
# the list loads the valid review records and names the garbage lines
expect_message='refs/notes/iacrev: 9 lines are not review records, kept as they are (note blob'
view "tasks" '^ Tasks 15/15' tasks "$nav" --
expect_message=
view "task with escapes" '^ Task hostile/controls' task "$nav" -- hostile/controls
view "task named with ESC" '^ Task hostile/name-\^\[\[31mred' task "$nav" -- "hostile/name-${esc}[31mred${esc}[0m"
view "task named with a newline" '^ Task hostile/name-with\^Jnewline' task "$nav" -- "hostile/name-with
newline"
view "task, missing blobs" '^ Task hostile/missing-PROMPT' task "$nav" -- hostile/missing-PROMPT prompt
view "diff with escapes" '^ Diff hostile/controls' diff "s Tab $nav s" -- hostile/controls diff
view "diff, 5 MB line and random bytes" '^ Diff hostile/huge-line' diff "s $nav" -- hostile/huge-line diff
view "diff, 150,000 blocks" '^ Diff hostile/many-blocks' diff "Tab s $nav" -- hostile/many-blocks diff
view "diff, missing blob" '^ Task hostile/missing-IDEAL_RESPONSE' task "$nav" -- hostile/missing-IDEAL_RESPONSE diff
view "failures with escapes" '^ Failures hostile/controls' failures "$nav" -- hostile/controls failures
view "failures, 20,000 items" '^ Failures hostile/many-blocks' failures "$nav" -- hostile/many-blocks failures
view "failures, 10,000-deep list" '^ Failures hostile/deep' failures "$nav" -- hostile/deep failures
view "document with escapes" '^ hostile/controls/lib/PROMPT.md' document "$nav" -- hostile/controls prompt
view "document, 10,000-deep quotes" '^ hostile/deep/lib/MODEL_RESPONSE.md' document "$nav" -- hostile/deep doc MODEL_RESPONSE.md
view "document, random bytes" '^ hostile/huge-line/lib/IDEAL_RESPONSE.md' document "$nav" -- hostile/huge-line doc IDEAL_RESPONSE.md
view "document, 100,000 blocks" '^ hostile/many-blocks/lib/IDEAL_RESPONSE.md' document "$nav" -- hostile/many-blocks doc IDEAL_RESPONSE.md
view "raw with escapes" '^ hostile/controls/lib/PROMPT.md \(raw\)' blob "$nav" -- hostile/controls raw PROMPT.md
view "raw, 5 MB line" '^ hostile/huge-line/lib/MODEL_RESPONSE.md \(raw\)' blob "$nav" -- hostile/huge-line raw MODEL_RESPONSE.md
view "raw, random bytes" '^ hostile/huge-line/lib/IDEAL_RESPONSE.md \(raw\)' blob "$nav" -- hostile/huge-line raw IDEAL_RESPONSE.md
view "task history with escapes" '^ History hostile/controls' history "$nav" -- hostile/controls history
view "task history, 10,000-deep documents" '^ History hostile/deep' history "$nav" -- hostile/deep history
via='L=^.Log:'
view "log, escapes in subjects and authors" '^ Log: ' log "$nav" -- hostile/controls
via='L=^.Log: Enter=^.Commit'
view "commit with escapes in its message" '^ Commit ' commit "$nav" -- hostile/controls
via='L=^.Log: j=. Enter=^.Commit'
view "first commit: every hostile task" '^ Commit ' commit "$nav" -- hostile/controls
via=S=^.Score
view "score sheet with escapes" '^ Score hostile/controls' score "j j C-d G g" -- hostile/controls
view "score sheet, 20,000 items" '^ Score hostile/many-blocks' score "j C-d C-f G g" -- hostile/many-blocks
view "score sheet, missing failures" '^ Score hostile/missing-MODEL_FAILURES' score "j G g" -- hostile/missing-MODEL_FAILURES
via=
