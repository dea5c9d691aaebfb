# The config file: bind and color lines apply, a bad line is reported
# with its file and line number and skipped; the same lines work as :
# commands.
. "$TESTS_DIR/lib.sh"
. "$TESTS_DIR/e2e/tui.lib"
make_repo
mkdir -p "$XDG_CONFIG_HOME/iacrev"
cat >"$XDG_CONFIG_HOME/iacrev/config" <<'C'
# keys of my own
bind tasks x view-prompt
bind generic <Ctrl-x> quit
bind tasks <Space> no-such-action
color cursor black yellow bold
color title red chartreuse
C

run_script 300x10 -C repo <<'S'
:save-display first
x
:save-display bound
S
expect_rc "config script" 0
expect_contains "a bad line is reported with its line number" \
	"$XDG_CONFIG_HOME/iacrev/config:4: unknown action 'no-such-action' (see the help view, ?) (and 1 more bad lines)" \
	"$(tail -n 1 first)"
expect_contains "a bound key works" " lib/PROMPT.md" "$(sed -n 1p bound)"

# The binding shows in the help view, and : applies config lines.
run_script 100x40 -C repo <<'S'
:bind tasks z sort-next
z
:save-display sorted
?
:save-display help
:color nowhere red blue
:save-display bad-command
S
expect_contains ": bind works" "sort: po" "$(sed -n 1p sorted)"
expect_contains "help shows configured keys" "  o z               sort-next" "$(cat help)"
expect_contains "help shows the config's own binding" "  p x               view-prompt" "$(cat help)"
expect_contains ": color reports errors" "unknown area 'nowhere'" "$(tail -n 1 bad-command)"

# An unreadable config is reported, the workbench still opens.
XDG_CONFIG_HOME="$T/other" run_script 80x10 -C repo <<'S'
:save-display none
S
expect_rc "no config is fine" 0
expect_eq "no config: no message" "" "$(tail -n 1 none)"
