# iacrev tasks: rows, JSON Lines, filters, sorting, errors.
. "$TESTS_DIR/lib.sh"

git init -q repo && cd repo
write_file archive/cdk-ts/Pr10/lib/PROMPT.md <<'X'
Build a bucket.
X
write_file archive/cdk-ts/Pr10/lib/MODEL_RESPONSE.md <<'X'
model
X
write_file archive/cdk-ts/Pr10/lib/IDEAL_RESPONSE.md <<'X'
ideal
X
write_file archive/cdk-ts/Pr10/lib/MODEL_FAILURES.md <<'X'
### 1. Missing encryption
X
write_file archive/cdk-ts/Pr10/lib/PROMPT2.md <<'X'
second turn
X
write_file archive/cdk-ts/Pr10/metadata.json <<'X'
{"platform": "cdk", "language": "typescript", "complexity": "hard", "po_id": "5001",
 "training_quality": 9, "author": "ada-turing"}
X
write_file archive/cfn-yaml/Pr11/lib/PROMPT.md <<'X'
p
X
write_file archive/cfn-yaml/Pr11/metadata.json <<'X'
{
  "platform": "cloudformation",
  "language": "yaml",
  "subject_labels": [
    "a",
  ],
}
X
write_file archive/tf-hcl/Pr12/lib/PROMPT.md <<'X'
p
X
write_file archive/tf-hcl/Pr12/lib/MODEL_FAILURES.md <<'X'
f
X
write_file archive/tf-hcl/Pr12/metadata.json <<'X'
{"platform": "tf", "language": "hcl", "complexity": "medium", "po_id": "77", "training_quality": "high"}
X
write_file subcategory-references/opt/Pr13/lib/MODEL_RESPONSE.md <<'X'
m
X
write_file templates/cdk-ts/lib/PROMPT.md <<'X'
Insert here the prompt
X
commit_all "tasks"

run_iacrev tasks
expect_rc "tasks" 0
expect_eq "tasks rows" "archive/cdk-ts/Pr10              5001  cdk-typescript  hard    9     PMIF+1
archive/cfn-yaml/Pr11            -     -               -       -     P---    x/metadata.json: line 6, column 3: a trailing comma before ']'
archive/tf-hcl/Pr12              77    tf-hcl          medium  none  P--F    training_quality is a string: \"high\"
subcategory-references/opt/Pr13  -     -               -       -     -M--    no metadata.json" "$(printf '%s\n' "$out" | sed 's/archive\/cfn-yaml\/Pr11\/metadata.json/x\/metadata.json/')"

run_iacrev tasks --filter 'platform:cdk'
expect_eq "filter platform" "archive/cdk-ts/Pr10  5001  cdk-typescript  hard  9  PMIF+1" "$out"

run_iacrev tasks --filter 'tq:none has:prompt' --sort -path
expect_eq "filter tq:none, sort -path" "archive/tf-hcl/Pr12    77  tf-hcl  medium  none  P--F  training_quality is a string: \"high\"
archive/cfn-yaml/Pr11  -   -       -       -     P---  archive/cfn-yaml/Pr11/metadata.json: line 6, column 3: a trailing comma before ']'" "$out"

run_iacrev tasks --json --filter path:Pr10
expect_rc "json" 0
expect_contains "json path" '"path":"archive/cdk-ts/Pr10"' "$out"
expect_contains "json raw language" '"language":"typescript","language_norm":"ts"' "$out"
expect_contains "json tq" '"training_quality":9,' "$out"
expect_contains "json docs" '{"name":"PROMPT2.md","kind":"prompt","turn":2,' "$out"
[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "json: one line per task"

run_iacrev tasks --json --filter path:Pr12
expect_contains "json tq reason" '"training_quality":null,"training_quality_raw":"\"high\"","training_quality_reason":"the string \"high\" is not a number"' "$out"

# from a subfolder, and with -C before or after the subcommand
(cd archive/cdk-ts && "$IACREV" tasks | wc -l | grep -qx 4) || fail "tasks from a subfolder"
cd "$T"
run_iacrev -C repo tasks --filter Pr13
expect_contains "global -C" "subcategory-references/opt/Pr13" "$out"
run_iacrev tasks -C repo/archive --filter Pr13
expect_contains "-C after" "subcategory-references/opt/Pr13" "$out"

# errors
mkdir plain
run_iacrev tasks -C plain
expect_rc "not a repository" 2
expect_eq "not a repository: one line" 1 "$(printf '%s\n' "$err" | wc -l)"
expect_contains "not a repository message" "not a git repository" "$err"
run_iacrev tasks -C repo --filter 'colour:red'
expect_rc "bad filter" 1
expect_contains "bad filter message" "unknown filter key 'colour'" "$err"
run_iacrev tasks -C repo --sort colour
expect_rc "bad sort" 1
run_iacrev tasks -C repo --rev no-such-branch
expect_rc "bad revision" 1
expect_contains "bad revision message" "unknown revision 'no-such-branch'" "$err"
git init -q empty
run_iacrev tasks -C empty
expect_rc "empty repository" 2
expect_contains "empty repository message" "no commits yet" "$err"

# --rev and bare repositories
cd repo
write_file archive/tf-hcl/Pr14/lib/PROMPT.md <<'X'
p
X
commit_all "one more"
cd "$T"
run_iacrev tasks -C repo --rev HEAD~1
expect_eq "--rev HEAD~1" 4 "$(printf '%s\n' "$out" | wc -l)"
git clone -q --bare repo bare.git
run_iacrev tasks -C bare.git
expect_eq "bare" 5 "$(printf '%s\n' "$out" | wc -l)"

# hostile names never reach the terminal raw
cd repo
esc=$(printf '\033')
mkdir -p "archive/x/Pr${esc}[2J/lib"
echo p > "archive/x/Pr${esc}[2J/lib/PROMPT.md"
commit_all "escape in a folder name"
"$IACREV" tasks >"$T/hostile.out" 2>&1 || fail "tasks on a hostile name"
expect_no_controls "hostile name" "$T/hostile.out"
expect_contains "hostile name shown" 'archive/x/Pr^[[2J' "$(cat "$T/hostile.out")"

# colour: never by default into a pipe, always when asked, never with NO_COLOR
"$IACREV" tasks --color=always | grep -q "$(printf '\033')\[" || fail "--color=always"
NO_COLOR=1 "$IACREV" tasks --color=always >"$T/nocolor.out"
expect_no_controls "NO_COLOR" "$T/nocolor.out"

# the cache of parsed metadata (.git/iacrev/meta.cache): a run that reads
# it, and one after it was damaged, say exactly what a first run says
rm -f .git/iacrev/meta.cache
run_iacrev tasks --json
expect_rc "json, no cache" 0
first=$out
[ -f .git/iacrev/meta.cache ] || fail "tasks writes .git/iacrev/meta.cache"
run_iacrev tasks --json
expect_eq "json from the cache" "$first" "$out"
printf 'damaged' | dd of=.git/iacrev/meta.cache bs=1 seek=60 conv=notrunc 2>/dev/null
run_iacrev tasks --json
expect_eq "json, damaged cache" "$first" "$out"

# --json over many tasks (encoded on two threads when there are two cores):
# one line per task, in the order of the rows
i=0
while [ $i -lt 80 ]; do
	mkdir -p "many/t$i/lib"
	echo "p$i" >"many/t$i/lib/PROMPT.md"
	printf '{"po_id": "m%d", "training_quality": %d}\n' $i $((i % 11)) >"many/t$i/metadata.json"
	i=$((i + 1))
done
commit_all "many tasks"
run_iacrev tasks --color=never --filter path:many
rows=$(printf '%s\n' "$out" | awk '{ print $1 }')
expect_eq "80 tasks" 80 "$(printf '%s\n' "$rows" | wc -l)"
run_iacrev tasks --json --filter path:many
expect_rc "json, many" 0
expect_eq "json, many: one line per task in order" "$rows" \
	"$(printf '%s\n' "$out" | sed 's/^{"path":"\([^"]*\)".*/\1/')"
expect_contains "json, many: the last" '"path":"many/t9","tree":' "$out"
