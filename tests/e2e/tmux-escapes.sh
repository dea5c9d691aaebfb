# A document holding escape sequences (clear screen, set title, OSC 52
# clipboard, bell) shows them as visible text and leaves the screen and
# the terminal's title intact; colours follow the config and NO_COLOR.
. "$TESTS_DIR/lib.sh"
. "$TESTS_DIR/e2e/tui.lib"
make_repo
mkdir -p "$XDG_CONFIG_HOME/iacrev"
printf 'color cursor black yellow\n' >"$XDG_CONFIG_HOME/iacrev/config"
tm_start 100 20
title_before=$($TM display-message -p -t t '#{pane_title}')

tm_run "$IACREV -C repo archive/cfn-yaml/Pr3 raw PROMPT.md; echo EXIT=\$?"
tm_wait '^ archive/cfn-yaml/Pr3/lib/PROMPT.md \(raw\)'
screen=$(tm_screen)
expect_contains "escapes as text" '1 clear^[[2J^[[Hhome title^[]0;pwned^G osc52^[]52;c;aGVsbG8=^G bell^G end' "$screen"
expect_contains "the status line is intact" "[blob]  lines 1-1/1 100%" "$screen"
expect_eq "the pane title is untouched" "$title_before" "$($TM display-message -p -t t '#{pane_title}')"
tm_keys q
tm_wait '^ Task archive/cfn-yaml/Pr3'

# The cursor line in the configured colours: black on yellow.
colours=$($TM capture-pane -e -p -t t)
case $colours in
*"$(printf '\033[30;43m')"*|*"$(printf '\033[30m\033[43m')"*) ;;
*) printf '%s\n' "$colours" | cat -v | head -5 >&2; fail "cursor line not black on yellow" ;;
esac
tm_keys Q
tm_wait '^EXIT=0$'

# NO_COLOR: attributes only (reverse for the cursor), no colour at all.
tm_keys clear Enter
tm_run "NO_COLOR=1 $IACREV -C repo archive/cfn-yaml/Pr3; echo EXIT=\$?"
tm_wait '^ Task archive/cfn-yaml/Pr3'
mono=$($TM capture-pane -e -p -t t)
if printf '%s' "$mono" | grep -q "$(printf '\033')\[[0-9;]*[34][0-7][;m]"; then
	printf '%s\n' "$mono" | cat -v | head -5 >&2
	fail "NO_COLOR still colours"
fi
cursor_line=$(printf '%s\n' "$mono" | grep 'PROMPT.md  ')
case $cursor_line in
*"$(printf '\033')["*7m*) ;;
*) printf '%s\n' "$cursor_line" | cat -v >&2; fail "NO_COLOR: the cursor line is not in reverse video" ;;
esac
tm_keys Q
tm_wait '^EXIT=0$'

# Task paths are data too: a folder named with escape sequences.
mkdir evil
(
	cd evil
	git init -q
	printf 'p\n' | write_file "archive/$(printf '\033]0;pwned\007')Pr9/lib/PROMPT.md"
	printf '{}' | write_file "archive/$(printf '\033[2J\033[H')Pr8/metadata.json"
	commit_all "evil paths"
)
tm_keys clear Enter
tm_run "$IACREV -C evil; echo EXIT=\$?"
tm_wait '^ Tasks 2/2'
screen=$(tm_screen)
expect_contains "an escape in a path is text" 'archive/^[[2J^[[HPr8' "$screen"
expect_contains "an OSC in a path is text" 'archive/^[]0;pwned^GPr9' "$screen"
expect_eq "the pane title is still untouched" "$title_before" "$($TM display-message -p -t t '#{pane_title}')"
tm_keys j Enter
tm_wait '^ Task archive/\^\[\]0;pwned\^GPr9'
tm_keys Q
tm_wait '^EXIT=0$'

# 256-colour settings degrade on an 8-colour terminal: 208 (orange) is red.
printf 'color cursor 208 default\n' >"$XDG_CONFIG_HOME/iacrev/config"
tm_keys clear Enter
tm_run "TERM=xterm $IACREV -C repo; echo EXIT=\$?"
tm_wait '^ Tasks 4/4'
eight=$($TM capture-pane -e -p -t t | grep '^.*900 ')
case $eight in
*"$(printf '\033[31m')"*|*"$(printf '\033[31;')"*|*"$(printf ';31m')"*) ;;
*) printf '%s\n' "$eight" | cat -v >&2; fail "colour 208 is not red on 8 colours" ;;
esac
tm_keys Q
tm_wait '^EXIT=0$'
