# The tasks list in script mode: exact screens for the first screen,
# moving with counts, sorting, filtering (a bad filter keeps the old one),
# searching with n/N and the help view.
. "$TESTS_DIR/lib.sh"
. "$TESTS_DIR/e2e/tui.lib"
make_repo

run_script 80x12 -C repo <<'S'
:save-display first
2j
:save-display count
3G
:save-display count-G
>
:save-display scrolled
<
o
:save-display sort-po
O
:save-display sort-po-reverse
Fpl:cdk<Enter>
:save-display filtered
F<Ctrl-u>bogus:1<Enter>
:save-display bad-filter
F<Ctrl-u><Enter>
g
/tf-hcl<Enter>
:save-display search
/archive<Enter>
n
:save-display next
N
:save-display prev-wrapped
?
:save-display help
S
expect_rc "script ran" 0

expect_screen "first screen" first <<'X'
 Tasks 4/4  sort: path
TASK                  PO_ID  PLATFORM        CPLX    TQ    DOCS  PROBLEMS
.                     900    cdk-ts          medium  7     P---
archive/cdk-ts/Pr1    123    cdk-typescript  Hard    9     PMIF
archive/cfn-yaml/Pr3  -      -               -       -     P---  archive/cfn-yam
archive/tf-hcl/Pr2    77     terraform-hcl   expert  none  P---  training_qualit



 repo @ HEAD (f193cd326d)  [tasks]  1/4
? help  o sort  F filter  d diff  f failures  p prompt  Enter open  q quit  / se
X
expect_contains "2j moves two lines" "[tasks]  3/4" "$(cat count)"
expect_contains "3G goes to line 3" "[tasks]  3/4" "$(cat count-G)"
expect_eq "> scrolls sideways by half a screen" "     medium  7     P---" "$(sed -n 3p scrolled)"
expect_eq "> scrolls the header too" "     CPLX    TQ    DOCS  PROBLEMS" "$(sed -n 2p scrolled)"
expect_screen "o sorts by po_id" sort-po <<'X'
 Tasks 4/4  sort: po
TASK                  PO_ID  PLATFORM        CPLX    TQ    DOCS  PROBLEMS
archive/tf-hcl/Pr2    77     terraform-hcl   expert  none  P---  training_qualit
archive/cdk-ts/Pr1    123    cdk-typescript  Hard    9     PMIF
.                     900    cdk-ts          medium  7     P---
archive/cfn-yaml/Pr3  -      -               -       -     P---  archive/cfn-yam



 repo @ HEAD (f193cd326d)  [tasks]  4/4
? help  o sort  F filter  d diff  f failures  p prompt  Enter open  q quit  / se
sorted by po
X
expect_contains "O reverses" "sort: -po" "$(sed -n 1p sort-po-reverse)"
expect_contains "O reverses the values" ".                     900" "$(sed -n 3p sort-po-reverse)"
expect_contains "O keeps the cursor on its task" "[tasks]  4/4" "$(cat sort-po-reverse)"
expect_contains "absent values sort last both ways" "archive/cfn-yaml/Pr3" "$(sed -n 6p sort-po-reverse)"
expect_screen "F filters with the filter language" filtered <<'X'
 Tasks 2/4  sort: -po  filter: pl:cdk
TASK                  PO_ID  PLATFORM        CPLX    TQ    DOCS  PROBLEMS
.                     900    cdk-ts          medium  7     P---
archive/cdk-ts/Pr1    123    cdk-typescript  Hard    9     PMIF





 repo @ HEAD (f193cd326d)  [tasks]  1/2
? help  o sort  F filter  d diff  f failures  p prompt  Enter open  q quit  / se
2 of 4 tasks match
X
expect_contains "a bad filter keeps the old one" "Tasks 2/4  sort: -po  filter: pl:cdk" "$(sed -n 1p bad-filter)"
expect_contains "a bad filter says why" "filter: unknown filter key 'bogus'" "$(tail -n 1 bad-filter)"
expect_contains "search moves to the match" "[tasks]  3/4" "$(cat search)"
expect_contains "n goes to the next match, wrapping" "[tasks]  2/4" "$(cat next)"
expect_contains "N wraps backwards" "[tasks]  4/4" "$(cat prev-wrapped)"
expect_contains "N says it wrapped" "search wrapped" "$(cat prev-wrapped)"
expect_contains "help lists this view's keys" "Keys of the tasks view" "$(cat help)"
expect_contains "help lists sort" "  o                 sort-next           sort by the next column" "$(cat help)"
expect_contains "help names its view" "[help]" "$(cat help)"
