# iacrev score, reviews, export, stats and the tasks list's review columns
# and filters, on a repository built here.
. "$TESTS_DIR/lib.sh"

# Random ids and times, and object ids, made stable for comparison.
norm() {
	sed -E -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]{12}Z/TIME/g' \
		-e 's/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}/TIME/g' \
		-e 's/[0-9a-f]{40}/SHA/g' -e 's/[0-9a-f]{16}/ID/g' -e 's/[0-9a-f]{10}/SHORT/g'
}

git init -q repo && cd repo
git config user.name "Ada L."
git config user.email "ada@example.org"
write_file archive/cdk-ts/Pr1/lib/MODEL_FAILURES.md <<'X'
# Model failures
## Critical
### 1. KMS key rotation
### 2. Tags added
```
### 9. inside a fence: not an item
```
### 3. Outputs for tests
X
write_file archive/cdk-ts/Pr1/metadata.json <<'X'
{"platform": "cdk", "language": "ts", "complexity": "hard", "training_quality": 9}
X
write_file archive/cfn-yaml/Pr2/lib/PROMPT.md <<'X'
p
X
write_file archive/cfn-yaml/Pr2/metadata.json <<'X'
{"platform": "cfn", "language": "yaml", "complexity": "medium", "training_quality": 6}
X
write_file archive-localstack/LS-7-cfn-json/lib/MODEL_FAILURES.md <<'X'
nothing listed
X
write_file archive-localstack/LS-7-cfn-json/metadata.json <<'X'
{"platform": "cfn", "language": "json", "complexity": "medium"}
X
commit_all "three tasks"

# Without reviews the tasks list keeps its columns.
run_iacrev tasks --color=never
expect_rc "tasks" 0
expect_eq "tasks without reviews" "archive-localstack/LS-7-cfn-json  -  cfn-json  medium  none  ---F
archive/cdk-ts/Pr1                -  cdk-ts    hard    9     ---F
archive/cfn-yaml/Pr2              -  cfn-yaml  medium  6     P---" "$out"

# Usage and input errors: exit 1, a clear message, nothing written.
run_iacrev score
expect_rc "no task" 1
expect_contains "no task" "which task?" "$err"
run_iacrev score archive/nope --score 8
expect_rc "unknown task" 1
expect_contains "unknown task" "no task at 'archive/nope'" "$err"
run_iacrev score archive/cdk-ts/Pr1 --items AB
expect_rc "item count" 1
expect_eq "item count" "iacrev: archive/cdk-ts/Pr1: MODEL_FAILURES.md has 3 failure items, --items gives 2 (AB): one letter per item, in order" "$err"
run_iacrev score archive/cdk-ts/Pr1 --items ABX
expect_rc "bad category" 1
expect_contains "bad category" "'X' is not a category" "$err"
run_iacrev score archive/cdk-ts/Pr1 --items AAC --score 7
expect_rc "override without reason" 1
expect_contains "override without reason" "the score 7 differs from the computed 10: an override needs a reason" "$err"
run_iacrev score archive/cdk-ts/Pr1 --score 11
expect_rc "score range" 1
expect_contains "score range" "--score takes a whole number from 0 to 10, not '11'" "$err"
run_iacrev score archive/cdk-ts/Pr1 --score 8 --factors ha
expect_rc "factors need items" 1
run_iacrev score archive/cdk-ts/Pr1 --items AAC --factors fast
expect_rc "unknown factor" 1
expect_contains "unknown factor" "unknown complexity factor 'fast'" "$err"
run_iacrev score archive/cdk-ts/Pr1 --items AAC --blocker moon
expect_rc "unknown blocker" 1
run_iacrev score archive/cfn-yaml/Pr2 --items A
expect_rc "no failures doc" 1
expect_contains "no failures doc" "has no lib/MODEL_FAILURES.md" "$err"
# no identity: a clear error (global config is the test's own HOME)
git config --unset user.email
git config --global --unset user.email
run_iacrev score archive/cdk-ts/Pr1 --score 8
expect_rc "no identity" 1
expect_contains "no identity" "git config user.email is not set" "$err"
git config user.email "ada@example.org"
git config --global user.email "reviewer@example.org"
if git show-ref -q refs/notes/iacrev; then fail "a failed score wrote a record"; fi

# The rubric, every step of its arithmetic.
run_iacrev score archive/cdk-ts/Pr1 --items AB- --factors services,security
expect_rc "score" 0
expect_eq "score" "archive/cdk-ts/Pr1: score 10, excellent
  computed 10: 8 + 1 + 2 = 11, clamped to 10
  saved: record ID on commit SHORT" "$(printf '%s\n' "$out" | norm)"
first_id=$(git notes --ref=iacrev show HEAD | sed -E 's/.*"id":"([0-9a-f]{16})".*/\1/')
run_iacrev score archive/cdk-ts/Pr1 --items AAC --score 7 --reason "too easy, really" --note 'says "hi", twice
then a second line'
expect_rc "override" 0
expect_eq "override" "archive/cdk-ts/Pr1: score 7, fair (below the bar)
  computed 10: 8 + 2 + 0 = 10
  reason: too easy, really
  saved: record ID on commit SHORT (supersedes $first_id)" "$(printf '%s\n' "$out" | sed -E 's/record [0-9a-f]{16}/record ID/; s/commit [0-9a-f]{10}/commit SHORT/')"
# No items at all: minimal change, with a warning; a LocalStack task is marked.
run_iacrev score archive-localstack/LS-7-cfn-json --items '' --blocker services --json
expect_rc "localstack" 0
expect_contains "localstack warning" "MODEL_FAILURES.md lists nothing" "$err"
expect_contains "localstack answers" '"answers":{"blockers":["services"],"items":[],"factors":[],"localstack":true},"computed":4,"score":4' "$out"
run_iacrev score archive/cfn-yaml/Pr2 --score 5 --json
expect_rc "direct score" 0
expect_contains "direct score" '"answers":null,"computed":null,"score":5,"reason":null,"note":""}' "$out"

# git shows the records on the commit that last changed the task.
notes=$(git log --notes=iacrev --format='%N' -1 HEAD)
expect_contains "git log --notes" '"task":"archive/cdk-ts/Pr1"' "$notes"
expect_eq "one note, canonical" "$(git notes --ref=iacrev show HEAD | sort -u)" "$(git notes --ref=iacrev show HEAD)"

run_iacrev reviews --color=never
expect_rc "reviews" 0
expect_eq "reviews" "archive-localstack/LS-7-cfn-json  Ada L. <ada@example.org>  4  (rubric 4)   TIME
archive/cdk-ts/Pr1                Ada L. <ada@example.org>  7  (rubric 10)  TIME    says \"hi\", twice^Jthen a second line
archive/cfn-yaml/Pr2              Ada L. <ada@example.org>  5  (direct)     TIME" "$(printf '%s\n' "$out" | norm)"

run_iacrev reviews archive/cdk-ts/Pr1 --color=never
expect_rc "reviews TASK" 0
expect_eq "reviews TASK" "Ada L. <ada@example.org>: 7, fair (below the bar)
  step 1: base 8
  step 2: no blocker
  step 3: A 2, B 0, C 1, not a fix 0: two or more A items: +2 (B and C ignored)
  step 4: no complexity factor: 0
  step 5: 8 + 2 + 0 = 10
  item 1 A KMS key rotation
  item 2 A Tags added
  item 3 C Outputs for tests
  reason: too easy, really
  note: says \"hi\", twice^Jthen a second line
  TIME ID 10, reviewed at SHORT
  TIME ID 7, reviewed at SHORT (current)" "$(printf '%s\n' "$out" | norm)"

# The tasks list: columns MINE, REVS, STALE once there are reviews.
run_iacrev tasks --color=never
expect_eq "tasks with reviews" "archive-localstack/LS-7-cfn-json  -  cfn-json  medium  none  4  1     ---F
archive/cdk-ts/Pr1                -  cdk-ts    hard    9     7  1     ---F
archive/cfn-yaml/Pr2              -  cfn-yaml  medium  6     5  1     P---" "$out"
run_iacrev tasks --filter 'score:<6'
expect_eq "score:<6" "archive-localstack/LS-7-cfn-json  -  cfn-json  medium  none  4  1     ---F
archive/cfn-yaml/Pr2              -  cfn-yaml  medium  6     5  1     P---" "$out"
run_iacrev tasks --filter 'reviewer:ada reviews:>=1 reviewed:yes path:Pr1'
expect_contains "reviewer filter" "archive/cdk-ts/Pr1" "$out"
run_iacrev tasks --filter 'reviewer:bo'
expect_eq "reviewer:bo" "" "$out"

# A withdrawn score, then a change to a task: stale.
run_iacrev score archive/cfn-yaml/Pr2 --withdraw --note "wrong batch"
expect_rc "withdraw" 0
expect_eq "withdraw" "archive/cfn-yaml/Pr2: score withdrawn" "$(printf '%s\n' "$out" | head -1)"
echo "### 4. One more" >> archive/cdk-ts/Pr1/lib/MODEL_FAILURES.md
commit_all "Pr1: one more failure"
run_iacrev tasks --color=never
expect_eq "stale and withdrawn" "archive-localstack/LS-7-cfn-json  -  cfn-json  medium  none  4  1         ---F
archive/cdk-ts/Pr1                -  cdk-ts    hard    9     7  1  stale  ---F
archive/cfn-yaml/Pr2              -  cfn-yaml  medium  6     w  0         P---" "$out"
run_iacrev tasks --filter 'reviewed:stale'
expect_contains "reviewed:stale" "archive/cdk-ts/Pr1" "$out"
run_iacrev tasks --filter 'reviewed:no'
expect_eq "reviewed:no" "archive/cfn-yaml/Pr2  -  cfn-yaml  medium  6  w  0     P---" "$out"
run_iacrev tasks --json --filter path:Pr1
expect_contains "json review fields" '"my_score":7,"my_review":"stale","reviews":1,"stale":true' "$out"
run_iacrev reviews --color=never
expect_contains "reviews stale" "stale" "$out"
# the old revision: fresh again
run_iacrev reviews --rev HEAD~1 --color=never
expect_not_contains "old rev not stale" "stale" "$out"

# A second reviewer, and a line someone appended by hand.
git config user.name "Bo"
git config user.email "bo@example.org"
run_iacrev score archive/cdk-ts/Pr1 --items AACB --score 9 --reason "solid"
expect_rc "second reviewer" 0
expect_not_contains "bo supersedes nothing of ada" "supersedes" "$out"
git notes --ref=iacrev append -m "a remark typed by hand" HEAD

run_iacrev export
expect_rc "export" 0
expect_eq "export csv" "task,reviewer_name,reviewer_email,score,computed,withdrawn,stale,task_found,current,concurrent_edits,at,id,supersedes,platform,language,complexity,training_quality,blockers,items,factors,reason,note,tree,commit,annotated
archive-localstack/LS-7-cfn-json,Ada L.,ada@example.org,4,4,false,false,true,true,false,TIME,ID,,cfn,json,medium,,services,,,,,SHA,SHA,SHA
archive/cdk-ts/Pr1,Ada L.,ada@example.org,7,10,false,true,true,true,false,TIME,ID,ID,cdk,ts,hard,9,,AAC,,\"too easy, really\",\"says \"\"hi\"\", twice
then a second line\",SHA,SHA,SHA
archive/cdk-ts/Pr1,Bo,bo@example.org,9,10,false,false,true,true,false,TIME,ID,,cdk,ts,hard,9,,AACB,,solid,,SHA,SHA,SHA
archive/cfn-yaml/Pr2,Ada L.,ada@example.org,,,true,false,true,true,false,TIME,ID,ID,cfn,yaml,medium,6,,,,,wrong batch,SHA,SHA,SHA" "$(printf '%s\n' "$out" | tr -d '\r' | norm)"
# RFC 4180 line ends, and readable by a CSV parser when there is one
crlf=$("$IACREV" export | tr -cd '\r' | wc -c)
expect_eq "CRLF line ends" "5" "$crlf"
if command -v python3 >/dev/null 2>&1; then
	rows=$("$IACREV" export | python3 -c 'import csv,sys; r=list(csv.DictReader(sys.stdin)); print(len(r), r[1]["note"].count("\n"), r[1]["reason"])')
	expect_eq "python csv" "4 1 too easy, really" "$rows"
fi
run_iacrev export --all-records -o "$T/all.csv"
expect_rc "export -o" 0
expect_eq "export -o lines" "7" "$(tr -cd '\r' < "$T/all.csv" | wc -c)"
expect_contains "export skipped line" "1 line of refs/notes/iacrev is not records" "$err"
expect_eq "no temporary file left" "all.csv" "$(cd "$T" && ls all.csv*)"
run_iacrev export --format jsonl --all-records
expect_rc "jsonl" 0
expect_eq "jsonl lines" "7" "$(printf '%s\n' "$out" | wc -l)"
expect_contains "jsonl keeps the hand-written line" '{"unparsed":"a remark typed by hand","why":"not JSON' "$out"
run_iacrev export --format xml
expect_rc "bad format" 1
run_iacrev export -o /nonexistent/dir/x.csv
expect_rc "unwritable export" 2
expect_contains "unwritable export" "/nonexistent/dir/x.csv: cannot create a temporary file beside it" "$err"

run_iacrev reviews --color=never
expect_contains "opaque line counted" "1 line in refs/notes/iacrev is not a record" "$err"

run_iacrev stats --color=never
expect_rc "stats" 0
expect_eq "stats" "PLATFORM       TASKS  REVIEWED  SCORES   MEAN    >=8  |0 ... 10 |
cdk                1         1       2   8.00    50%  |       █ █ |
cfn                2         1       1   4.00     0%  |    █      |

COMPLEXITY     TASKS  REVIEWED  SCORES   MEAN    >=8  |0 ... 10 |
hard               1         1       2   8.00    50%  |       █ █ |
medium             2         1       1   4.00     0%  |    █      |

               TASKS  REVIEWED  SCORES   MEAN    >=8  |0 ... 10 |
all                3         2       3   6.67    33%  |    █  █ █ |

agreement: 1 task with 2+ reviewers, 1 pair: mean absolute difference 2.00, Krippendorff's alpha (interval) 0.000
training_quality: 1 reviewed task has one: mean |reviewers - training_quality| 1.00; 0 differ by 2 or more" "$out"
run_iacrev stats --json
expect_contains "stats json" '"krippendorff_alpha_interval":0.0' "$out"

expect_no_controls "reviews output" "$T/.out"

# --items counts the items the failures splitter finds (`iacrev failures`):
# un-numbered headings under severity sections and a bold list are items.
write_file archive/tf-hcl/Pr3/lib/MODEL_FAILURES.md <<'X'
# Failures
## Critical Issues
### Bucket left public
The policy allows `*`.
### No encryption at rest
## Low
### Typo in an output name
X
write_file archive/tf-hcl/Pr3/metadata.json <<'X'
{"platform": "tf", "language": "hcl", "complexity": "medium"}
X
commit_all "a task with un-numbered items"
run_iacrev failures archive/tf-hcl/Pr3
expect_eq "three items" 3 "$(printf '%s\n' "$out" | wc -l)"
run_iacrev score archive/tf-hcl/Pr3 --items AB
expect_rc "two categories for three items" 1
expect_contains "the count is the splitter's" "MODEL_FAILURES.md has 3 failure items, --items gives 2" "$err"
run_iacrev score archive/tf-hcl/Pr3 --items AC- --json
expect_rc "one category per item" 0
expect_contains "titles as iacrev failures shows them" '"items":[{"n":1,"title":"Bucket left public","cat":"A"},{"n":2,"title":"No encryption at rest","cat":"C"},{"n":3,"title":"Typo in an output name","cat":"-"}]' "$out"
run_iacrev score archive/tf-hcl/Pr9 --items A
expect_rc "an unknown task" 1
expect_eq "the single-task load names it" "iacrev: no task at 'archive/tf-hcl/Pr9' in HEAD (see iacrev tasks)" "$err"
