/* Response documents: blocks, their labels, languages, line ranges, the
 * unterminated mark and untrusted bytes. */
#include "testlib.h"

#include "../../core/mdoc.h"

static struct mdoc *parse(const char *text)
{
	struct mdoc *d = NULL;
	assert_int_equal(mdoc_parse(&d, text, strlen(text)), 0);
	return d;
}

static void assert_label(const char *doc, const char *path, enum mdoc_label label)
{
	struct mdoc *d = parse(doc);
	assert_int_equal(d->nblocks, 1);
	if (path) {
		assert_non_null(d->blocks[0].path);
		assert_string_equal(d->blocks[0].path, path);
	} else {
		assert_null(d->blocks[0].path);
	}
	assert_int_equal(d->blocks[0].label, label);
	mdoc_free(d);
}

static void labels_from_info_string(void **state)
{
	(void)state;
	assert_label("```typescript lib/tap-stack.ts\nx\n```\n", "lib/tap-stack.ts", MDOC_LABEL_INFO);
	assert_label("```hcl - modules/networking/main.tf\nx\n```\n", "modules/networking/main.tf",
		     MDOC_LABEL_INFO);
	assert_label("```typescript:Payment API CDK Stack:lib/tap-stack.ts\nx\n```\n",
		     "lib/tap-stack.ts", MDOC_LABEL_INFO);
	/* the info string wins over the heading above */
	assert_label("## File: lib/a.ts\n\n```ts lib/b.ts\nx\n```\n", "lib/b.ts", MDOC_LABEL_INFO);
	/* junk glued to the fence names nothing */
	assert_label("```hclvariable \"environment_suffix\" {\nx\n```\n", NULL, MDOC_LABEL_NONE);
}

static void labels_from_headings(void **state)
{
	(void)state;
	assert_label("## File: lib/types.ts\n\n```ts\nx\n```\n", "lib/types.ts", MDOC_LABEL_HEADING);
	assert_label("### `lib/x.ts`\n```ts\nx\n```\n", "lib/x.ts", MDOC_LABEL_HEADING);
	assert_label("### 3. lib/x.ts\n\n```ts\nx\n```\n", "lib/x.ts", MDOC_LABEL_HEADING);
	assert_label("## bin/tap.ts\n\n```ts\nx\n```\n", "bin/tap.ts", MDOC_LABEL_HEADING);
	assert_label("## Main Stack File (`./lib/tap-stack.ts`)\n\n```ts\nx\n```\n",
		     "lib/tap-stack.ts", MDOC_LABEL_HEADING);
	assert_label("### lib/stacks/net.ts - networking ###\n```ts\nx\n```\n", "lib/stacks/net.ts",
		     MDOC_LABEL_HEADING);
	assert_label("#### Step 2: main.tf\n```hcl\nx\n```\n", "main.tf", MDOC_LABEL_HEADING);
	/* headings that name no file */
	assert_label("## Deployment\n\n```bash\nnpm install\n```\n", NULL, MDOC_LABEL_NONE);
	assert_label("## Node.js runtime\n\n```js\nx\n```\n", NULL, MDOC_LABEL_NONE);
	assert_label("## Node.js\n\n```js\nx\n```\n", NULL, MDOC_LABEL_NONE);
}

static void labels_from_bold_and_code_span_lines(void **state)
{
	(void)state;
	assert_label("**File: `lambda_code/main.py`**\n\n```python\nx\n```\n", "lambda_code/main.py",
		     MDOC_LABEL_BOLD);
	assert_label("**`lib/src/main/java/app/Stack.java`**\n```java\nx\n```\n",
		     "lib/src/main/java/app/Stack.java", MDOC_LABEL_BOLD);
	/* a heading then a "Path:" line: the nearest line names the file */
	assert_label("## bin/tap.ts\n**Path:** `bin/tap.ts`\n\n```ts\nx\n```\n", "bin/tap.ts",
		     MDOC_LABEL_BOLD);
	assert_label("`lib/modules.ts`:\n```ts\nx\n```\n", "lib/modules.ts", MDOC_LABEL_CODESPAN);
	assert_label("- `lib/modules.ts`\n\n```ts\nx\n```\n", "lib/modules.ts", MDOC_LABEL_CODESPAN);
}

static void labels_from_prose_lines(void **state)
{
	(void)state;
	assert_label("Create a separate file `stack-policy.json` to protect it:\n\n```json\n{}\n```\n",
		     "stack-policy.json", MDOC_LABEL_PROSE);
	assert_label("Then update lib/tap-stack.ts as follows:\n```ts\nx\n```\n", "lib/tap-stack.ts",
		     MDOC_LABEL_PROSE);
	/* two names: the one whose extension fits the block's language */
	assert_label("Put `config.json` next to `app.py`:\n```python\nx\n```\n", "app.py",
		     MDOC_LABEL_PROSE);
	/* two names that both fit: no label */
	assert_label("Compare `a.py` and `b.py`:\n```python\nx\n```\n", NULL, MDOC_LABEL_NONE);
	/* a heading two lines up names the file when the nearest line does not */
	assert_label("## File: lib/x.ts\nThe stack:\n```ts\nx\n```\n", "lib/x.ts", MDOC_LABEL_HEADING);
}

static void labels_from_first_line_comments(void **state)
{
	(void)state;
	assert_label("```ts\n// lib/processing-lambda-stack.ts\nx\n```\n", "lib/processing-lambda-stack.ts",
		     MDOC_LABEL_COMMENT);
	assert_label("```python\n# test/test_integration.py\nx\n```\n", "test/test_integration.py",
		     MDOC_LABEL_COMMENT);
	assert_label("```python\n\"\"\"tap_stack.py\"\"\"\nx\n```\n", "tap_stack.py", MDOC_LABEL_COMMENT);
	assert_label("```hcl\n\n# File: main.tf\nx\n```\n", "main.tf", MDOC_LABEL_COMMENT);
	assert_label("```html\n<!-- web/index.html -->\n```\n", "web/index.html", MDOC_LABEL_COMMENT);
	/* comments that are not names */
	assert_label("```bash\n#!/usr/bin/env bash\n```\n", NULL, MDOC_LABEL_NONE);
	assert_label("```bash\n# install the tools.py way\n```\n", NULL, MDOC_LABEL_NONE);
	assert_label("```markdown\n## File: lib/x.ts\n```\n", NULL, MDOC_LABEL_NONE);
}

static void label_needs_the_line_just_above(void **state)
{
	(void)state;
	/* the second block follows the first: the heading is not its label */
	struct mdoc *d = parse("## File: lib/a.ts\n```ts\na\n```\n\n```ts\nb\n```\n");
	assert_int_equal(d->nblocks, 2);
	assert_string_equal(d->blocks[0].path, "lib/a.ts");
	assert_null(d->blocks[1].path);
	mdoc_free(d);
}

static void pathlike_tokens(void **state)
{
	(void)state;
	const char *yes[] = { "lib/tap-stack.ts", "main.tf", "Dockerfile", "package.json",
			      "go.mod", "a/b/c.yaml", ".gitignore", "terraform.tfvars" };
	const char *no[] = { "lib/", "e.g.", "Node.js", "s3.amazonaws.com", "index.handler",
			     "1.2.3", "AWS::S3::Bucket", "two words.ts", "" };
	for (size_t i = 0; i < FX_COUNT(yes); i++)
		assert_true(mdoc_pathlike(yes[i], strlen(yes[i])));
	for (size_t i = 0; i < FX_COUNT(no); i++)
		assert_false(mdoc_pathlike(no[i], strlen(no[i])));
}

static void languages_are_normalised(void **state)
{
	(void)state;
	const char *pairs[][2] = {
		{ "ts", "typescript" }, { "TypeScript", "typescript" }, { "py", "python" },
		{ "Python", "python" }, { "yml", "yaml" }, { "tf", "hcl" }, { "terraform", "hcl" },
		{ "hcl", "hcl" }, { "js", "javascript" }, { "md", "markdown" }, { "txt", "text" },
		{ "plaintext", "text" }, { "sh", "bash" }, { "typescript:Stack:lib/x.ts", "typescript" },
		{ "json {", "json" }, { "", "" },
	};
	for (size_t i = 0; i < FX_COUNT(pairs); i++) {
		char *l = mdoc_lang_norm(pairs[i][0]);
		assert_string_equal(l, pairs[i][1]);
		free(l);
	}
}

static void blocks_have_line_ranges_and_prose_is_the_rest(void **state)
{
	(void)state;
	struct mdoc *d = parse("# Title\n\nIntro\n\n```ts\none\ntwo\n```\nbetween\n~~~~python\nx\n~~~~\nend");
	assert_int_equal(d->lines.n, 13);
	assert_int_equal(d->nblocks, 2);
	const struct mdoc_block *b = &d->blocks[0];
	assert_int_equal(b->fence_line, 5);
	assert_int_equal(b->close_line, 8);
	assert_false(b->unterminated);
	assert_int_equal(b->body.n, 2);
	assert_int_equal(b->body.v[0].no, 6);
	assert_memory_equal(b->body.v[1].s, "two", 3);
	assert_string_equal(b->lang, "typescript");
	assert_string_equal(d->blocks[1].lang, "python");
	assert_int_equal(d->blocks[1].fence_line, 10);
	/* prose: lines 1-4, 9, 13 in three sections */
	assert_int_equal(d->prose.n, 6);
	assert_int_equal(d->prose.v[4].no, 9);
	assert_int_equal(d->prose.v[5].no, 13);
	assert_int_equal(d->nsections, 3);
	assert_int_equal(d->sections[0].first, 1);
	assert_int_equal(d->sections[0].last, 4);
	mdoc_free(d);

	/* indented code is prose; a fence inside a list item is a block
	 * whose body loses the item's indentation */
	d = parse("text\n\n    indented\n\n1. step\n\n   ```bash\n   ls\n   ```\n");
	assert_int_equal(d->nblocks, 1);
	assert_true(d->blocks[0].nested);
	assert_int_equal(d->blocks[0].body.n, 1);
	assert_int_equal(d->blocks[0].body.v[0].no, 8);
	assert_int_equal(d->blocks[0].body.v[0].len, 2);
	assert_memory_equal(d->blocks[0].body.v[0].s, "ls", 2);
	mdoc_free(d);
}

static void unterminated_blocks_are_marked(void **state)
{
	(void)state;
	/* an answer cut off in the middle of its code */
	struct mdoc *d = parse("## lib/a.go\n```go\nGeoRestriction: aw");
	assert_int_equal(d->nblocks, 1);
	assert_true(d->blocks[0].unterminated);
	assert_int_equal(d->blocks[0].close_line, 0);
	assert_int_equal(d->blocks[0].body.n, 1);
	assert_int_equal(mdoc_unterminated(d), 1);
	mdoc_free(d);

	/* a README in a markdown block with inner fences: CommonMark closes
	 * the outer block at the inner bare fence, and the last fence opens
	 * a block that runs to the end */
	d = parse("```markdown\n# App\n```bash\nnpm i\n```\nMore\n```\n\n## Next\n");
	assert_int_equal(d->nblocks, 2);
	assert_false(d->blocks[0].unterminated);
	assert_int_equal(d->blocks[0].close_line, 5);
	assert_true(d->blocks[1].unterminated);
	assert_int_equal(d->blocks[1].fence_line, 7);
	assert_int_equal(d->blocks[1].body.n, 2);
	mdoc_free(d);

	/* a longer fence is not closed by a shorter one */
	d = parse("````python\nx\n```\n");
	assert_true(d->blocks[0].unterminated);
	assert_int_equal(d->blocks[0].body.n, 2);
	mdoc_free(d);
}

static void untrusted_bytes(void **state)
{
	(void)state;
	/* BOM and CRLF: line numbers as in an editor, no CR in the text */
	const char crlf[] = "\xEF\xBB\xBF# T\r\n\r\n```ts\r\nx;\r\n```\r\n";
	struct mdoc *d = NULL;
	assert_int_equal(mdoc_parse(&d, crlf, sizeof(crlf) - 1), 0);
	assert_true(d->flags & MDOC_HAD_BOM);
	assert_true(d->flags & MDOC_HAD_CRLF);
	assert_int_equal(d->lines.n, 5);
	assert_int_equal(d->lines.v[0].len, 3);
	assert_memory_equal(d->lines.v[0].s, "# T", 3);
	assert_int_equal(d->nblocks, 1);
	assert_int_equal(d->blocks[0].fence_line, 3);
	assert_int_equal(d->blocks[0].body.v[0].len, 2);
	mdoc_free(d);

	/* invalid UTF-8 is replaced, not dropped; NULs stay; a lone CR ends
	 * a line as CommonMark says */
	const char bad[] = "it\x92s\nnul\0here\rnext\n";
	assert_int_equal(mdoc_parse(&d, bad, sizeof(bad) - 1), 0);
	assert_true(d->flags & MDOC_HAD_INVALID_UTF8);
	assert_true(d->flags & MDOC_HAD_NUL);
	assert_true(d->flags & MDOC_HAD_CR);
	assert_int_equal(d->lines.n, 3);
	assert_int_equal(d->lines.v[0].len, 6);
	assert_memory_equal(d->lines.v[0].s, "it\xEF\xBF\xBDs", 6);
	assert_int_equal(d->lines.v[1].len, 8);
	assert_memory_equal(d->lines.v[1].s, "nul\0here", 8);
	assert_memory_equal(d->lines.v[2].s, "next", 4);
	mdoc_free(d);

	/* empty input, and a block whose fence is the last line */
	assert_int_equal(mdoc_parse(&d, "", 0), 0);
	assert_int_equal(d->lines.n, 0);
	assert_int_equal(d->nblocks, 0);
	mdoc_free(d);
	d = parse("text\n```");
	assert_int_equal(d->nblocks, 1);
	assert_true(d->blocks[0].unterminated);
	assert_int_equal(d->blocks[0].body.n, 0);
	assert_string_equal(d->blocks[0].info, "");
	mdoc_free(d);
}

/* An indented code block whose first line shows a fence is prose, at the
 * top and inside a list or quote (found by fuzz_mdoc: it was taken for a
 * fenced block with a body line past the document's end); a fenced block
 * whose first body line repeats its fence stays a fenced block. */
static void indented_code_showing_a_fence(void **state)
{
	(void)state;
	const char *indented[] = {
		"    ```\n    code\n",
		"\t```\n\tcode\n",
		"- a\n\n      ```\n      x\n",
		"> q\n>\n>     ```\n>     x\n",
		"- item\n\n      ```\n",
	};
	for (size_t i = 0; i < sizeof(indented) / sizeof(*indented); i++) {
		struct mdoc *d = parse(indented[i]);
		assert_int_equal(d->nblocks, 0);
		mdoc_free(d);
	}
	struct mdoc *d = parse("- a\n\n  ```py\n  ```py\n  x\n  ```\n");
	assert_int_equal(d->nblocks, 1);
	assert_int_equal(d->blocks[0].fence_line, 3);
	assert_int_equal(d->blocks[0].close_line, 6);
	assert_int_equal(d->blocks[0].body.n, 2);
	assert_int_equal(d->blocks[0].body.v[0].no, 4);
	mdoc_free(d);
	d = parse("   ```\n   x\n   ```\n");
	assert_int_equal(d->nblocks, 1);
	mdoc_free(d);
	/* a NUL makes cmark's literal differ from the line: the count decides */
	static const char nul[] = "- item\n\n      ``` a\0b\n \n      ```\nafter\n";
	assert_int_equal(mdoc_parse(&d, nul, sizeof(nul) - 1), 0);
	assert_int_equal(d->nblocks, 0);
	mdoc_free(d);
}

static void random_bytes_parse(void **state)
{
	(void)state;
	size_t n = 1 << 20;
	char *junk = xmalloc(n);
	uint32_t x = 12345;
	for (size_t i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		junk[i] = (char)(x >> 16);
		if (i % 97 == 0)
			junk[i] = '`'; /* plenty of fence-like noise */
	}
	struct mdoc *d = NULL;
	assert_int_equal(mdoc_parse(&d, junk, n), 0);
	assert_true(d->lines.n > 0);
	size_t body = 0;
	for (size_t i = 0; i < d->nblocks; i++)
		body += d->blocks[i].body.n;
	assert_true(d->prose.n + body <= d->lines.n);
	mdoc_free(d);
	free(junk);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(labels_from_info_string),
		cmocka_unit_test(labels_from_headings),
		cmocka_unit_test(labels_from_bold_and_code_span_lines),
		cmocka_unit_test(labels_from_prose_lines),
		cmocka_unit_test(labels_from_first_line_comments),
		cmocka_unit_test(label_needs_the_line_just_above),
		cmocka_unit_test(pathlike_tokens),
		cmocka_unit_test(languages_are_normalised),
		cmocka_unit_test(blocks_have_line_ranges_and_prose_is_the_rest),
		cmocka_unit_test(unterminated_blocks_are_marked),
		cmocka_unit_test(untrusted_bytes),
		cmocka_unit_test(indented_code_showing_a_fence),
		cmocka_unit_test(random_bytes_parse),
	};
	return cmocka_run_group_tests(tests, fx_setup_global, fx_teardown_global);
}
