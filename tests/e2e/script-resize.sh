# Resize at any moment: to 40x12 and back, below the minimum (a notice,
# keys still work), and a NO_COLOR run.
. "$TESTS_DIR/lib.sh"
. "$TESTS_DIR/e2e/tui.lib"
make_repo

NO_COLOR=1 run_script 80x24 -C repo <<'S'
j
:resize 40x12
:save-display small
:resize 30x8
:save-display too-small
j
:resize 80x24
:save-display back
:resize 39x20
:save-display narrow
q
S
expect_rc "resize script" 0
expect_screen "40x12" small <<'X'
 Tasks 4/4  sort: path
TASK                  PO_ID  PLATFORM
.                     900    cdk-ts
archive/cdk-ts/Pr1    123    cdk-typescr
archive/cfn-yaml/Pr3  -      -
archive/tf-hcl/Pr2    77     terraform-h



 repo @ HEAD (f193cd326d)  [tasks]  2/4
? help  o sort  F filter  d diff  f fail
X
expect_screen "too small" too-small <<'X'
terminal too small: 30x8
iacrev needs at least 40x10
q quits
X
expect_contains "keys work while too small, and the screen comes back" "[tasks]  3/4" "$(cat back)"
expect_eq "the full screen is back" 24 "$(wc -l <back)"
expect_contains "one column short is too small" "terminal too small: 39x20" "$(cat narrow)"
