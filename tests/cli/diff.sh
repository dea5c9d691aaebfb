# iacrev diff on tasks written here: exact output in --color=never mode,
# layouts, options, escapes, and the errors a reviewer can meet.
. "$TESTS_DIR/lib.sh"

git init -q repo
cd repo
t=archive/cdk-ts/Pr1
write_file $t/metadata.json <<'JSON'
{"platform": "cdk", "language": "ts", "training_quality": 8}
JSON
write_file $t/lib/MODEL_RESPONSE.md <<'MD'
# Model answer

## File: lib/tap-stack.ts

```typescript
import * as cdk from 'aws-cdk-lib';

export class TapStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    const bucket = new Bucket(this, 'Data', { versioned: false });
  }
}
```

## File: lib/util/helpers.ts

```ts
export const name = 'x';
```

Deploy it:

```bash
npm run deploy
```
MD
write_file $t/lib/IDEAL_RESPONSE.md <<'MD'
# Ideal answer

## File: lib/tap-stack.ts

```typescript
import * as cdk from 'aws-cdk-lib';

export class TapStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    const bucket = new Bucket(this, 'Data', { versioned: true });
    new cdk.CfnOutput(this, 'BucketName', { value: bucket.bucketName });
  }
}
```

## File: lib/helpers.ts

```ts
export const name = 'x';
```

## File: test/tap-stack.test.ts

```ts
test('bucket', () => {});
```
MD
# A task without code blocks, with an escape sequence and CRLF line ends.
p=archive/cfn-yaml/Pr2
write_file $p/metadata.json <<'JSON'
{"platform": "cfn", "language": "yaml"}
JSON
mkdir -p $p/lib
printf 'Use a bucket.\nThen \033[31mred\033[0m text.\nDone.\n' >$p/lib/MODEL_RESPONSE.md
printf 'Use  a bucket.\r\nThen\tplain text.\r\nDone.\r\n' >$p/lib/IDEAL_RESPONSE.md
commit_all "two tasks"


# --- the default: file list, then each file's hunks --------------------
run_iacrev diff --color=never --width 100 $t
expect_rc "diff" 0
expect_eq "diff" "$(cat <<'OUT'
5 files: 2 paired, 1 only in MODEL, 1 only in IDEAL (code blocks: MODEL 3, IDEAL 3)
  lib/tap-stack.ts                      modified       +2 -1 ~1   75%  by path
  lib/util/helpers.ts → lib/helpers.ts  moved          +0 -0 ~0  100%  by basename
  test/tap-stack.test.ts                only in IDEAL  +1 -0 ~0    0%
  (bash block M:24)                     only in MODEL  +0 -1 ~0    0%
  (prose)                               modified       +3 -3 ~2   25%

lib/tap-stack.ts  modified (paired by path)  +2 -1 ~1  75% similar
  MODEL lines 6-13 → IDEAL lines 6-14, named by heading
@@ -8,6 +8,7 @@ 1/1
 8  8   export class TapStack extends cdk.Stack {
 9  9     constructor(scope: cdk.App, id: string) {
10 10       super(scope, id);
11    -     const bucket = new Bucket(this, 'Data', { versioned: false });
   11 +     const bucket = new Bucket(this, 'Data', { versioned: true });
   12 +     new cdk.CfnOutput(this, 'BucketName', { value: bucket.bucketName });
12 13     }
13 14   }

lib/util/helpers.ts → lib/helpers.ts  moved (paired by basename)  +0 -0 ~0  100% similar
  MODEL line 19 → IDEAL line 20, named by heading

test/tap-stack.test.ts  only in IDEAL  +1 -0 ~0
  IDEAL line 26, named by heading
@@ -0,0 +26,1 @@ 1/1
   26 + test('bucket', () => {});

(bash block M:24)  only in MODEL  +0 -1 ~0
  MODEL line 25
@@ -25,1 +0,0 @@ 1/1
25    - npm run deploy

(prose)  modified  +3 -3 ~2  25% similar
@@ -1,10 +1,10 @@ 1/1
 1    - # Model answer
    1 + # Ideal answer
 2  2
 3  3   ## File: lib/tap-stack.ts
 4  4
15 16
16    - ## File: lib/util/helpers.ts
   17 + ## File: lib/helpers.ts
17 18
21 22
22    - Deploy it:
   23 + ## File: test/tap-stack.test.ts
23 24
OUT
)" "$out"
[ -z "$err" ] || fail "diff wrote to stderr: $err"

# --- --stat: the list alone; the task may be spelled with ./ and / -------
run_iacrev diff --stat --color=never ./$t/
expect_rc "stat" 0
expect_eq "stat" "$(cat <<'OUT'
5 files: 2 paired, 1 only in MODEL, 1 only in IDEAL (code blocks: MODEL 3, IDEAL 3)
  lib/tap-stack.ts                      modified       +2 -1 ~1   75%  by path
  lib/util/helpers.ts → lib/helpers.ts  moved          +0 -0 ~0  100%  by basename
  test/tap-stack.test.ts                only in IDEAL  +1 -0 ~0    0%
  (bash block M:24)                     only in MODEL  +0 -1 ~0    0%
  (prose)                               modified       +3 -3 ~2   25%
OUT
)" "$out"

# --- side by side: long lines wrap inside their column -------------------
run_iacrev diff --side-by-side --width 110 --color=never $t
expect_rc "side-by-side" 0
expect_contains "side-by-side" "$(cat <<'OUT'
@@ -8,6 +8,7 @@ 1/1
 8   export class TapStack extends cdk.Stack {        │  8   export class TapStack extends cdk.Stack {
 9     constructor(scope: cdk.App, id: string) {      │  9     constructor(scope: cdk.App, id: string) {
10       super(scope, id);                            │ 10       super(scope, id);
11 -     const bucket = new Bucket(this, 'Data', { ver│ 11 +     const bucket = new Bucket(this, 'Data', { ver
   ↪ sioned: false });                                │    ↪ sioned: true });
                                                      │ 12 +     new cdk.CfnOutput(this, 'BucketName', { value
                                                      │    ↪ : bucket.bucketName });
12     }                                              │ 13     }
13   }                                                │ 14   }
OUT
)" "$out"
# too narrow for two columns: unified, and it says so
run_iacrev diff --side-by-side --width 40 --color=never $t
expect_contains "narrow" "note: side-by-side needs 60 columns: shown unified" "$out"
expect_contains "narrow" "11    -     const bucket" "$out"

# --- the whole document ---------------------------------------------------
run_iacrev diff --whole --stat --color=never $t
expect_eq "whole stat" "$(cat <<'OUT'
whole documents: MODEL 26 lines, IDEAL 27 lines
  (whole document)  modified       +7 -6 ~4   65%
OUT
)" "$out"

# --- escapes, CRLF, tabs, context and whitespace on a task without code ---
run_iacrev diff -U 0 --color=never $p
expect_eq "no blocks" "$(cat <<'OUT'
note: IDEAL_RESPONSE.md has CRLF line ends
note: neither document has code blocks: the prose diff is the whole diff
1 file: 0 paired, 0 only in MODEL, 0 only in IDEAL (code blocks: MODEL 0, IDEAL 0)
  (prose)  modified       +2 -2 ~1   33%

(prose)  modified  +2 -2 ~1  33% similar
@@ -1,2 +1,2 @@ 1/1
1   - Use a bucket.
2   - Then ^[[31mred^[[0m text.
  1 + Use  a bucket.
  2 + Then    plain text.
OUT
)" "$out"
expect_no_controls "escapes" "$T/.out"
run_iacrev diff -w --color=never $p
expect_contains "ignore whitespace" "$(cat <<'OUT'
@@ -1,3 +1,3 @@ 1/1
1 1   Use a bucket.
2   - Then ^[[31mred^[[0m text.
  2 + Then    plain text.
3 3   Done.
OUT
)" "$out"

# --- colour: always, never, NO_COLOR --------------------------------------
esc=$(printf '\033')
run_iacrev diff --color=always $t
expect_contains "color" "${esc}[32m+${esc}[m" "$out"
expect_contains "word highlight" "${esc}[1;30;42mtrue${esc}[m" "$out"
NO_COLOR=1 run_iacrev diff --color=always $t
expect_not_contains "NO_COLOR" "$esc" "$out"
run_iacrev diff $t
expect_not_contains "not a terminal" "$esc" "$out"

# --- several tasks, and --all ----------------------------------------------
run_iacrev diff --stat --color=never $t $p
expect_rc "two tasks" 0
expect_contains "two tasks" "$(printf '%s\n' "$t" "5 files:")" "$out"
expect_contains "two tasks" "$(printf '%s\n' "" "$p" "note: IDEAL_RESPONSE.md")" "$out"
run_iacrev diff --all --stat --color=never
expect_rc "all" 0
expect_eq "all tasks" "2" "$(printf '%s\n' "$out" | grep -c '^archive/')"

# A batch (worker threads, results printed in order) says exactly what one
# process per task says, each task under its path, a blank line between.
for mode in "--stat" "" "--side-by-side --width 120" "-w" "--whole"; do
	: >"$T/expected"
	for task in $t $p $t $p $t; do
		[ -s "$T/expected" ] && echo >>"$T/expected"
		echo "$task" >>"$T/expected"
		# shellcheck disable=SC2086 # mode is words
		"$IACREV" diff --color=never $mode "$task" >>"$T/expected" || fail "diff $mode $task"
	done
	# shellcheck disable=SC2086
	run_iacrev diff --color=never $mode $t $p $t $p $t
	expect_rc "batch $mode" 0
	expect_eq "batch $mode = one process per task" "$(cat "$T/expected")" "$out"
done

# --- an older revision -----------------------------------------------------
sed -i 's/versioned: true/versioned: true, encrypted: true/' $t/lib/IDEAL_RESPONSE.md
commit_all "encrypt"
run_iacrev diff --stat --color=never $t
expect_contains "new revision" "lib/tap-stack.ts                      modified       +2 -1 ~1   75%" "$out"
run_iacrev diff --color=never --rev HEAD~1 $t
expect_not_contains "old revision" "encrypted" "$out"
run_iacrev diff --color=never $t
expect_contains "new revision" "encrypted: true" "$out"

# --- errors -----------------------------------------------------------------
run_iacrev diff archive/none
expect_rc "unknown task" 1
expect_contains "unknown task" "no task at 'archive/none'" "$err"
run_iacrev diff
expect_rc "no task" 1
expect_contains "no task" "diff needs a TASK" "$err"
run_iacrev diff --width x $t
expect_rc "bad width" 1
run_iacrev diff --all $t
expect_rc "all and a task" 1
run_iacrev diff --rev nope $t
expect_rc "unknown revision" 1
expect_contains "unknown revision" "unknown revision 'nope'" "$err"

# A blob missing from the object store: the message names path, revision
# and object, and the exit code is 2.
m=archive/cdk-py/Pr3
write_file $m/metadata.json <<'JSON'
{"platform": "cdk", "language": "py"}
JSON
write_file $m/lib/MODEL_RESPONSE.md <<'MD'
only here
MD
write_file $m/lib/IDEAL_RESPONSE.md <<'MD'
this blob will be lost
MD
commit_all "a task that loses a blob"
blob=$(git rev-parse HEAD:$m/lib/IDEAL_RESPONSE.md)
rm -f ".git/objects/$(echo "$blob" | cut -c1-2)/$(echo "$blob" | cut -c3-)"
short=$(git rev-parse --short=10 HEAD)
run_iacrev diff $m
expect_rc "missing blob" 2
expect_eq "missing blob" "iacrev: $m/lib/IDEAL_RESPONSE.md at $short: object $blob is missing from the object store" "$err"
# other tasks still diff, and the exit code says one failed
run_iacrev diff --stat $t $m
expect_rc "missing blob among others" 2
expect_contains "missing blob among others" "5 files:" "$out"
# a task without IDEAL_RESPONSE.md at all
rm -rf $m/lib/IDEAL_RESPONSE.md
commit_all "no ideal"
run_iacrev diff $m
expect_rc "no ideal" 2
expect_eq "no ideal" "iacrev: $m/lib/IDEAL_RESPONSE.md at $(git rev-parse --short=10 HEAD): no such file" "$err"
