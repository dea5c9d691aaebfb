# iacrev doc: a task document rendered at a width, raw, and errors.
. "$TESTS_DIR/lib.sh"

git init -q repo && cd repo
write_file archive/tf-hcl/Pr7/lib/PROMPT.md <<'X'
# Build a VPC

Create a **VPC** with `two` subnets and [flow logs](https://docs.example/fl).

- public subnet
- private subnet
  1. with NAT

> Keep it cheap.

| Resource | Count |
|----------|------:|
| subnet   | 2     |
| nat \| gw | 1 |

```hcl
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
```
X
write_file archive/tf-hcl/Pr7/lib/notes/extra.md <<'X'
plain *notes*
X
printf '# Title\r\nline with \033[2J clear and \033]52;c;eA==\007 clip\r\n' >archive/tf-hcl/Pr7/lib/MODEL_RESPONSE.md
commit_all "task"

run_iacrev doc archive/tf-hcl/Pr7 PROMPT.md --width 40
expect_rc "rendered" 0
expect_eq "rendered" "# Build a VPC

Create a VPC with two subnets and flow
logs (https://docs.example/fl).

• public subnet
• private subnet
  1. with NAT

│ Keep it cheap.

 Resource │ Count
──────────┼───────
 subnet   │     2
 nat | gw │     1

┌─ hcl ─────────────────────────────────
│ resource \"aws_vpc\" \"main\" { cidr_block
↪  = \"10.0.0.0/16\" }
└───────────────────────────────────────" "$out"

run_iacrev doc archive/tf-hcl/Pr7 lib/PROMPT.md --width 40 --cut-code
expect_rc "cut code" 0
expect_contains "cut code" "│ resource \"aws_vpc\" \"main\" { cidr_bloc→" "$out"

run_iacrev doc archive/tf-hcl/Pr7 PROMPT.md --raw --width 30
expect_rc "raw" 0
expect_eq "raw head" " 1 # Build a VPC
 2
 3 Create a **VPC** with \`two\`
    subnets and [flow logs](ht
   tps://docs.example/fl)." "$(printf '%s\n' "$out" | head -n 5)"

run_iacrev doc archive/tf-hcl/Pr7 lib/notes/extra.md
expect_rc "any file of the task" 0
expect_eq "any file of the task" "plain notes" "$out"
run_iacrev doc archive/tf-hcl/Pr7 notes/extra.md
expect_rc "a path is inside the task folder" 1
expect_eq "a path is inside the task folder" "iacrev: task archive/tf-hcl/Pr7 has no notes/extra.md at HEAD" "$err"

run_iacrev doc archive/tf-hcl/Pr7 MODEL_RESPONSE.md --width 80
expect_rc "escapes" 0
expect_eq "escapes shown, CRLF read" "# Title

line with ^[[2J clear and ^[]52;c;eA==^G clip" "$out"
"$IACREV" doc archive/tf-hcl/Pr7 MODEL_RESPONSE.md >"$T/o1"
"$IACREV" doc archive/tf-hcl/Pr7 MODEL_RESPONSE.md --raw >"$T/o2"
"$IACREV" doc archive/tf-hcl/Pr7 MODEL_RESPONSE.md --color=always >"$T/o3"
expect_no_controls "rendered" "$T/o1"
expect_no_controls "raw" "$T/o2"

run_iacrev doc archive/tf-hcl/Pr7 IDEAL_RESPONSE.md
expect_rc "absent document" 1
expect_eq "absent document" "iacrev: task archive/tf-hcl/Pr7 has no lib/IDEAL_RESPONSE.md at HEAD" "$err"

run_iacrev doc archive/tf-hcl/Pr7
expect_rc "no file given" 1
expect_contains "no file given" "usage: iacrev doc TASK FILE" "$err"

run_iacrev doc nope PROMPT.md
expect_rc "unknown task" 1

run_iacrev doc archive/tf-hcl/Pr7 PROMPT.md --width x
expect_rc "bad width" 1
