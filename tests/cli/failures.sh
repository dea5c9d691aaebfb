# iacrev failures: rows, JSON Lines, one item, later turns, errors.
. "$TESTS_DIR/lib.sh"

git init -q repo && cd repo
write_file archive/cdk-ts/Pr1/lib/MODEL_FAILURES.md <<'X'
# Model Response Failures Analysis

## Critical Failures

### 1. Missing KMS key

**Impact Level**: Critical

The bucket is not encrypted.

### 2. **Wrong engine version**

```yaml
### 3. not a heading: inside a fence
```

## Medium Failures

### 3. Unused variable [LOW]

## Summary

Three failures.
X
write_file archive/cdk-ts/Pr1/lib/MODEL_FAILURES2.md <<'X'
1. **Second turn failure**: details
2. **Another one**
X
write_file archive/cdk-ts/Pr1/metadata.json <<'X'
{"platform": "cdk", "language": "ts"}
X
write_file archive/cdk-ts/Pr2/lib/PROMPT.md <<'X'
only a prompt
X
write_file archive/cdk-ts/Pr3/lib/MODEL_FAILURES.md <<'X'
Insert here the model's failures
X
write_file archive/cdk-ts/Pr4/lib/MODEL_FAILURES.md <<'X'
### 1. This blob will go missing
X
commit_all "tasks"
first=$(git rev-parse HEAD)

# a later revision changes the report; --rev reads the old one
write_file archive/cdk-ts/Pr1/lib/MODEL_FAILURES.md <<'X'
## Issue 1: Only one now
X
commit_all "rewrite"

run_iacrev failures archive/cdk-ts/Pr1 --rev "$first"
expect_rc "rows" 0
expect_eq "rows" "1  Critical  Missing KMS key       5-9
2  Critical  Wrong engine version  11-15
3  Low       Unused variable       19-19" "$out"
expect_eq "rows: nothing on stderr" "" "$err"

run_iacrev failures archive/cdk-ts/Pr1
expect_rc "HEAD" 0
expect_eq "HEAD rows" "1  none      Only one now  1-1" "$out"

run_iacrev -C "$T/repo/archive" failures archive/cdk-ts/Pr1 --json --rev "$first"
expect_rc "json" 0
expect_eq "json lines" 3 "$(printf '%s\n' "$out" | wc -l)"
expect_eq "json first" '{"task":"archive/cdk-ts/Pr1","file":"archive/cdk-ts/Pr1/lib/MODEL_FAILURES.md","ordinal":1,"number":"1","title":"Missing KMS key","severity":"Critical","severity_from":"field","level":3,"lines":[5,9],"body":[6,9],"method":"numbered-headings","count":3}' \
	"$(printf '%s\n' "$out" | head -n 1)"
expect_contains "json third" '"severity":"Low","severity_from":"heading"' "$(printf '%s\n' "$out" | tail -n 1)"

run_iacrev failures archive/cdk-ts/Pr1 --rev "$first" --item 1 --width 40 --color=never
expect_rc "item" 0
expect_eq "item" "1. Missing KMS key
Critical (from the field)  lines 5-9

Impact Level: Critical

The bucket is not encrypted." "$out"

run_iacrev failures archive/cdk-ts/Pr1 --rev "$first" --item 2 --raw --width 40
expect_rc "item raw" 0
expect_eq "item raw" "11 ### 2. **Wrong engine version**
12
13 \`\`\`yaml
14 ### 3. not a heading: inside a fence
15 \`\`\`" "$out"

run_iacrev failures archive/cdk-ts/Pr1 --rev "$first" --item 4
expect_rc "item out of range" 1
expect_contains "item out of range" "has 3 failure items; there is no item 4" "$err"

run_iacrev failures archive/cdk-ts/Pr1 --doc MODEL_FAILURES2.md
expect_rc "later turn" 0
expect_eq "later turn" "1  none      Second turn failure  1-1
2  none      Another one          2-2" "$out"

run_iacrev failures archive/cdk-ts/Pr1 --doc lib/MODEL_FAILURES3.md
expect_rc "no such later turn" 1
expect_eq "no such later turn" "iacrev: task archive/cdk-ts/Pr1 has no lib/MODEL_FAILURES3.md at HEAD" "$err"

run_iacrev failures archive/cdk-ts/Pr2
expect_rc "no failures document" 1
expect_eq "no failures document" "iacrev: task archive/cdk-ts/Pr2 has no lib/MODEL_FAILURES.md at HEAD" "$err"

run_iacrev failures archive/cdk-ts/Pr3
expect_rc "placeholder" 0
expect_eq "placeholder: no rows" "" "$out"
expect_eq "placeholder: said so" "iacrev: warning: no failure items found in archive/cdk-ts/Pr3/lib/MODEL_FAILURES.md (1 line)" "$err"

run_iacrev failures archive/cdk-ts/Pr9
expect_rc "unknown task" 1
expect_contains "unknown task" "no task at 'archive/cdk-ts/Pr9'" "$err"

run_iacrev failures
expect_rc "no task given" 1
expect_contains "no task given" "usage: iacrev failures TASK" "$err"

run_iacrev failures archive/cdk-ts/Pr1 --width 0
expect_rc "bad width" 1

# a blob missing from the object store: exit 2, the object named
blob=$(git rev-parse HEAD:archive/cdk-ts/Pr4/lib/MODEL_FAILURES.md)
rm -f ".git/objects/$(echo "$blob" | cut -c1-2)/$(echo "$blob" | cut -c3-)"
run_iacrev failures archive/cdk-ts/Pr4
expect_rc "missing blob" 2
expect_eq "missing blob" "iacrev: archive/cdk-ts/Pr4/lib/MODEL_FAILURES.md at HEAD: object $blob is missing from the object store" "$err"
run_iacrev failures archive/cdk-ts/Pr4 --json
expect_rc "missing blob, json" 2

# escape sequences in a title reach stdout only as visible text
write_file archive/x/Pr5/lib/MODEL_FAILURES.md <<X
### 1. Title $(printf '\033')]0;pwned$(printf '\007') $(printf '\033')[2J end
X
commit_all "escapes"
run_iacrev failures archive/x/Pr5
expect_rc "escapes" 0
expect_eq "escapes shown" '1  none      Title ^[]0;pwned^G ^[[2J end  1-1' "$out"
"$IACREV" failures archive/x/Pr5 --json >"$T/json.out"
expect_no_controls "escapes in json" "$T/json.out"
"$IACREV" failures archive/x/Pr5 --color=always >"$T/color.out"
expect_contains "colour: the number styled" "$(printf '\033[1m1\033[m')" "$(cat "$T/color.out")"
