#!/bin/sh
# sh bench/startup-repo.sh DIR [TASKS]: a large task repository for bench/startup
# when bench/gen-repo is not there: TASKS tasks (default 3,000) under
# archive/<platform-language>/Pr<N>/, each with metadata.json and the four
# documents, committed 10 tasks a commit, through git fast-import.
set -eu
dir=$1
n=${2:-3000}
rm -rf "$dir"
git init -q "$dir"
LC_ALL=C awk -v n="$n" '
# The largest real pair (corpus-facts §2): MODEL 2,496 lines, IDEAL 8,402,
# in code blocks under "## File:" headings; the IDEAL edits and extends
# the MODEL so that the diff has thousands of changes.
function large(lines, side,    out, b, k, per, v) {
	out = "# Response\n\nThe stack, file by file.\n\n"
	per = int(lines / 6)
	for (b = 1; b <= 6; b++) {
		out = out "## File: lib/module" b ".ts\n\n```typescript\n"
		for (k = 1; k <= per; k++) {
			v = (side == 2 && k % 7 == 0) ? "changed" : "value"
			out = out "export const item" b "_" k " = { name: \"" v k "\", size: " (k % 13) ", region: \"us-east-1\" };\n"
		}
		out = out "```\n\n"
	}
	return out
}
BEGIN {
	split("cdk-ts cfn-yaml tf-hcl pulumi-ts cfn-json cdk-py pulumi-py cdktf-ts cdktf-py analysis-py", pls, " ")
	split("medium hard expert", cx, " ")
	body = ""
	for (i = 0; i < 40; i++)
		body = body "Line " i " of a document, long enough to look like prose in a real file.\n"
	mark = 0
	t = 1751364000
	for (c = 0; c * 10 < n; c++) {
		printf "commit refs/heads/main\n"
		printf "committer Bench <bench@example.org> %d +0000\n", t + c * 3600
		msg = "Merge pull request #" c " from bench/tasks"
		printf "data %d\n%s\n", length(msg), msg
		for (k = 0; k < 10 && c * 10 + k < n; k++) {
			i = c * 10 + k + 1
			pl = pls[(i % 10) + 1]
			split(pl, parts, "-")
			d = "archive/" pl "/Pr" i
			meta = sprintf("{\n  \"platform\": \"%s\",\n  \"language\": \"%s\",\n  \"complexity\": \"%s\",\n  \"po_id\": \"%d\",\n  \"team\": \"synth\",\n  \"author\": \"author%d\",\n  \"startedAt\": \"2025-07-01T10:00:00Z\",\n  \"training_quality\": %d\n}\n", parts[1], parts[2], cx[(i % 3) + 1], 300000 + i, i % 17, 5 + i % 6)
			printf "M 100644 inline %s/metadata.json\ndata %d\n%s\n", d, length(meta), meta
			split("PROMPT MODEL_RESPONSE IDEAL_RESPONSE MODEL_FAILURES", docs, " ")
			for (j = 1; j <= 4; j++) {
				doc = "# " docs[j] " of task " i "\n" body
				if (i == 1 && (j == 2 || j == 3))
					doc = large(j == 2 ? 2500 : 8400, j == 2 ? 1 : 2)
				printf "M 100644 inline %s/lib/%s.md\ndata %d\n%s\n", d, docs[j], length(doc), doc
			}
		}
	}
}' | LC_ALL=C git -C "$dir" fast-import --quiet
git -C "$dir" symbolic-ref HEAD refs/heads/main
git -C "$dir" reset -q --hard
echo "$dir: $n tasks"
