# The score sheet's exact screen in script mode (tests/e2e/tui.lib's
# fixture): a fresh sheet, one item categorised and a blocker ticked; a save
# without git user.name fails with the error on the sheet and the answers
# kept, and succeeds once the identity is set; the other reviewers' scores
# stay hidden until the reviewer has saved (blind review).
. "$TESTS_DIR/lib.sh"
. "$TESTS_DIR/e2e/tui.lib"
make_repo

# another reviewer scored the task already
(
	export HOME="$T/bo-home"
	mkdir -p "$HOME"
	git config --global user.name Bo
	git config --global user.email bo@example.org
	"$IACREV" -C repo score archive/cdk-ts/Pr1 --score 3 --reason "Bo's view" >/dev/null
)
git config --global --unset user.name

run_script 80x46 -C repo archive/cdk-ts/Pr1 <<'SCRIPT'
S
:save-display fresh
b
<Ctrl-s>
:save-display no-identity
SCRIPT
expect_rc "script ran" 0
short=$(git -C repo rev-parse --short=10 HEAD)
expect_screen "a fresh sheet" fresh <<X
 Score archive/cdk-ts/Pr1: 4
  your review: none saved yet

Blockers  Space ticks; a blocker sets the score
  [ ] platform or language differs from metadata.json  → 3
  [ ] wrong AWS account  → 3
  [ ] half or more of the required services missing  → 4
  [ ] wrong region (where the prompt names one)  → 5

Failure items  a b c: category, - or x: not a fix
    1  [?] none       Missing versioning

Complexity of IDEAL_RESPONSE  Space ticks; +1 each, at most +2
  [ ] three or more AWS services integrated with each other  +1
  [ ] security best practice (KMS, least-privilege IAM, encryption)  +1
  [ ] high availability (multi-AZ, auto scaling, failover)  +1
  [ ] advanced patterns (event-driven, serverless, microservices)  +1
  [ ] a single AWS service with basic configuration  -1

Score  0-9 or + (10) set the final score, = takes the computed one
  step 1: base 8
  step 2: no blocker
  step 3: A 0, B 0, C 0, not a fix 0: no items that count: -4 (minimal change)
          1 item not categorised yet
  step 4: no complexity factor: 0
  step 5: 8 - 4 + 0 = 4
  computed  4  (1 item without a category)
  final     4  poor, the computed score
  reason    (r edits)
  note      (e edits)
  metadata  training_quality 9  ! differs from 4 by 2 or more

Other reviewers
  1 score, hidden until you save yours (blind review)

Save
  nothing to save






 repo @ HEAD ($short)  [score]  10/36
? help  a category  Space tick  r reason  e note  Ctrl-s save  Enter open  q bac
X
# the failed save: its error on the sheet and in the message line, the
# category given kept
got=$(cat no-identity)
expect_contains "the item's category stays" "    1  [B] none       Missing versioning" "$got"
expect_contains "the error on the sheet" "  not saved: git config user.name is not set: reviews are signed with your git
  identity" "$got"
expect_contains "how to retry" "the answers are kept: fix the cause and press Ctrl-S again" "$got"
expect_contains "the title says unsaved" " Score archive/cdk-ts/Pr1: 8 (unsaved)" "$got"
run_iacrev -C repo reviews --json
expect_not_contains "nothing saved" "reviewer@example.org" "$out"

# with an identity the save lands, and Bo's score shows (blind review over)
git config --global user.name "Test Reviewer"
run_script 80x46 -C repo archive/cdk-ts/Pr1 <<'SCRIPT'
S
b
<Ctrl-s>
:save-display saved
q
S
:save-display reopened
<Enter>
:save-display item
q
:save-display back
SCRIPT
expect_rc "script ran" 0
got=$(cat saved)
expect_contains "saved" "saved: archive/cdk-ts/Pr1 scored 8" "$got"
expect_contains "Bo's score after my save" "   3  Bo  reason: Bo's view" "$got"
expect_not_contains "no error left" "not saved" "$got"
got=$(cat reopened)
expect_contains "the sheet opens with my answers" "    1  [B] none       Missing versioning" "$got"
expect_contains "my saved review" "  your review: 8  saved " "$got"
expect_contains "nothing unsaved" " Score archive/cdk-ts/Pr1: 8
" "$got"
run_iacrev -C repo reviews archive/cdk-ts/Pr1
expect_contains "my record" "Test Reviewer <reviewer@example.org>: 8" "$out"
expect_contains "Enter on an item reads it" " Failures archive/cdk-ts/Pr1: item 1 of 1" "$(cat item)"
expect_contains "q comes back to the sheet" " Score archive/cdk-ts/Pr1: 8" "$(cat back)"
