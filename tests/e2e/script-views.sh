# The diff, failures and document screens in the workbench, opened from
# the task view and from the command line: their keys, and J/K.
. "$TESTS_DIR/lib.sh"
. "$TESTS_DIR/e2e/tui.lib"
src="$TESTS_DIR/.."
mkdir -p "$T/views"
(
	cd "$T/views"
	git init -q
	for n in 1 2; do
		d=archive/cdk-ts/Pr$n/lib
		cat <<-X | write_file $d/MODEL_RESPONSE.md
		# Answer $n

		## File: lib/stack.ts

		\`\`\`typescript
		import * as cdk from 'aws-cdk-lib';
		const bucket = new s3.Bucket(this, 'Data');
		export const name = 'model';
		\`\`\`

		## File: lib/extra.ts

		\`\`\`typescript
		export const onlyInModel = true;
		\`\`\`
		X
		cat <<-X | write_file $d/IDEAL_RESPONSE.md
		# Answer $n

		## File: lib/stack.ts

		\`\`\`typescript
		import * as cdk from 'aws-cdk-lib';
		const bucket = new s3.Bucket(this, 'Data', { versioned: true });
		export const name = 'ideal';
		\`\`\`
		X
		cat <<-X | write_file $d/MODEL_FAILURES.md
		# Model Response Failures

		## Critical Failures

		### 1. Bucket not versioned

		**Impact Level**: Critical

		The bucket has no versioning.

		### 2. Wrong name

		**Impact Level**: Low

		The name is wrong.
		X
		printf '# Prompt %s\n\nBuild a **versioned** bucket.\n' "$n" | write_file $d/PROMPT.md
		printf '{"platform":"cdk","language":"ts","training_quality":8}' >archive/cdk-ts/Pr$n/metadata.json
	done
	commit_all "two tasks"
)


run_script 100x24 -C views archive/cdk-ts/Pr1 diff <<'S'
:save-display diff
<Tab>
:save-display diff-tab
]c
:save-display diff-change
s
:save-display diff-side
J
:save-display diff-next-task
q
:save-display back-to-task
f
:save-display failures
<Enter>
:save-display item
q
:save-display items-again
D
:save-display whole
r
:save-display whole-raw
q
q
p
:save-display prompt
S
expect_rc "views script" 0
expect_contains "the diff opens unified" "Diff archive/cdk-ts/Pr1: MODEL_RESPONSE.md → IDEAL_RESPONSE.md  unified" "$(sed -n 1p diff)"
expect_contains "the diff lists its files" "lib/extra.ts" "$(cat diff)"
expect_contains "Tab goes to the first file's header" "lib/stack.ts" "$(sed -n 2p diff-tab)"
expect_contains "]c goes to the first change" "const bucket = new s3.Bucket(this, 'Data');" "$(sed -n 2p diff-change)"
expect_contains "s switches to side-by-side" "side-by-side" "$(sed -n 1p diff-side)"
expect_contains "side-by-side has two columns" "│" "$(cat diff-side)"
expect_contains "s keeps the cursor on its change" "const bucket = new s3.Bucket(this, 'Data');" "$(sed -n 2p diff-side)"
expect_contains "J moves to the next task in the diff" "Diff archive/cdk-ts/Pr2:" "$(sed -n 1p diff-next-task)"
expect_contains "q goes back to the task" "[task]" "$(cat back-to-task)"
expect_contains "the failures list" "Failures archive/cdk-ts/Pr1: 2 items" "$(sed -n 1p failures)"
expect_contains "items with their severity" "Critical  Bucket not versioned" "$(cat failures)"
expect_contains "Enter reads an item" "item 1 of 2" "$(sed -n 1p item)"
expect_contains "the item's body" "The bucket has no versioning." "$(cat item)"
expect_not_contains "only that item" "The name is wrong." "$(cat item)"
expect_contains "q comes back to the list" "2 items" "$(sed -n 1p items-again)"
expect_contains "D opens the whole document" "archive/cdk-ts/Pr1/lib/MODEL_FAILURES.md" "$(sed -n 1p whole)"
expect_contains "rendered: the field without its stars" "Impact Level: Critical" "$(cat whole)"
expect_contains "r shows the raw source" "**Impact Level**: Critical" "$(cat whole-raw)"
expect_contains "p renders the prompt" "[document]" "$(cat prompt)"
