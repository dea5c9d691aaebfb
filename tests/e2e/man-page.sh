# share/iacrev.1 lists every key of the action table (its key list is
# generated: scripts/update-man-keys) and every subcommand.
. "$TESTS_DIR/lib.sh"
page="$TESTS_DIR/../share/iacrev.1"
[ -f "$page" ] || fail "no man page at $page"

committed=$(sed -n '/^\.\\" BEGIN KEYS/,/^\.\\" END KEYS/p' "$page" | sed '1d;$d')
run_iacrev --dump-keys=man
expect_rc "dump keys" 0
expect_eq "the man page's key list matches the action table (run scripts/update-man-keys)" \
	"$out" "$committed"

# Every subcommand of the usage has its entry.
run_iacrev --help
for cmd in $(printf '%s\n' "$out" | sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p'); do
	grep -q "^\.B $cmd\$" "$page" || fail "subcommand '$cmd' missing from the man page"
done

# It renders without complaint where groff is installed.
if command -v groff >/dev/null 2>&1; then
	warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
	expect_eq "groff warnings" "" "$warnings"
fi
