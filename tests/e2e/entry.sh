# The workbench's entry points refuse what they cannot open before the
# terminal is taken over: a message on stderr and the exit code.
. "$TESTS_DIR/lib.sh"
. "$TESTS_DIR/e2e/tui.lib"
make_repo
mkdir plain

export IACREV_SCRIPT="$T/empty-script"
: >"$IACREV_SCRIPT"

run_iacrev -C plain
expect_rc "not a repository" 2
expect_contains "not a repository says so" "not a git repository" "$err"
expect_eq "nothing drawn" "" "$out"

run_iacrev -C repo nope
expect_rc "unknown task" 1
expect_eq "unknown task message" "iacrev: no task at 'nope' in f193cd326d (see iacrev tasks)" "$err"

run_iacrev -C repo templates/cdk-ts
expect_rc "templates are not tasks" 1

run_iacrev -C repo --rev nosuch
expect_rc "unknown revision" 1
expect_contains "unknown revision message" "unknown revision 'nosuch'" "$err"

run_iacrev -C repo archive/cdk-ts/Pr1 blame
expect_rc "unknown view" 1
expect_contains "unknown view message" "unknown view 'blame'" "$err"

run_iacrev -C repo archive/cdk-ts/Pr1 doc
expect_rc "doc without a file" 1
expect_contains "doc needs a file" "doc needs a FILE" "$err"

run_iacrev -C repo archive/cdk-ts/Pr1 diff extra
expect_rc "too many arguments" 1

# An empty script opens and quits at once: exit 0.
run_iacrev -C repo archive/cdk-ts/Pr1
expect_rc "opens straight on a task" 0

# A bad key name in a script is an error that names the line.
printf 'j\n<Nope>\n' >"$IACREV_SCRIPT"
run_iacrev -C repo
expect_rc "bad script" 1
expect_contains "bad script line" "script line 2: unknown key name <Nope>" "$err"

unset IACREV_SCRIPT
run_iacrev -C repo </dev/null
expect_rc "no terminal" 1
expect_contains "no terminal message" "the workbench needs a terminal" "$err"

# The man page's key list comes from the action table.
run_iacrev --dump-keys=man
expect_rc "dump keys" 0
expect_contains "dump keys has sections" ".SS Every view" "$out"
run_iacrev --dump-keys=bogus
expect_rc "dump keys: unknown format" 1
