/* The failures splitter on the shapes and conventions of corpus-facts §4,
 * written here as small documents. */
#include "testlib.h"

#include "../../core/failures.h"

#define FAIL(...) fail_msg(__VA_ARGS__)

static struct failures split(const char *md)
{
	struct failures f;
	failures_split(&f, md, strlen(md));
	return f;
}

/* "number|severity|title" for item i, severity "-" when none. */
static void expect_item(const struct failures *f, size_t i, const char *number,
			enum severity sev, const char *title)
{
	assert_true(i < f->n);
	const struct failure_item *it = &f->v[i];
	if (number)
		assert_string_equal(it->number ? it->number : "(null)", number);
	else
		assert_null(it->number);
	assert_int_equal(it->ordinal, (int)i + 1);
	assert_int_equal(it->severity, sev);
	assert_string_equal(it->title, title);
}

static void numbered_h3_standard_template(void **state)
{
	(void)state;
	struct failures f = split("# Model Response Failures Analysis\n"   /* 1 */
				  "\n"
				  "## Critical Failures\n"                 /* 3 */
				  "\n"
				  "### 1. Missing KMS key\n"               /* 5 */
				  "\n"
				  "**Impact Level**: Critical\n"
				  "\n"
				  "Body text.\n"                           /* 9 */
				  "\n"
				  "### 2. **Wrong engine version**\n"      /* 11 */
				  "**Impact Level**: High\n"
				  "\n"
				  "## Medium Failures\n"                   /* 14 */
				  "### 3. Unused variable\n"               /* 15 */
				  "text\n"
				  "\n"
				  "## Summary\n"                           /* 18 */
				  "All told, three failures.\n");
	assert_int_equal(f.method, FM_NUMBERED_HEADINGS);
	assert_int_equal(f.n, 3);
	assert_int_equal(f.lines, 19);
	expect_item(&f, 0, "1", SEV_CRITICAL, "Missing KMS key");
	expect_item(&f, 1, "2", SEV_HIGH, "Wrong engine version");
	expect_item(&f, 2, "3", SEV_MEDIUM, "Unused variable");
	assert_int_equal(f.v[0].sev_from, SEVSRC_FIELD);
	assert_int_equal(f.v[2].sev_from, SEVSRC_SECTION);
	/* the item runs to the next heading of the same or a higher level,
	 * without trailing blank lines */
	assert_int_equal(f.v[0].first, 5);
	assert_int_equal(f.v[0].last, 9);
	assert_int_equal(f.v[0].body_first, 6);
	assert_int_equal(f.v[0].body_last, 9);
	assert_int_equal(f.v[0].level, 3);
	assert_int_equal(f.v[1].first, 11);
	assert_int_equal(f.v[1].last, 12);
	assert_int_equal(f.v[2].first, 15);
	assert_int_equal(f.v[2].last, 16);
	failures_free(&f);
}

static void heading_shapes(void **state)
{
	(void)state;
	static const struct { const char *md; const char *number; const char *title; } cases[] = {
		{ "## 1. Title here\ntext\n## 2. Second\n", "1", "Title here" },
		{ "### 1. **Bold title**\n### 2. **Two**\n", "1", "Bold title" },
		{ "## Issue 1: Broken import\n## Issue 2: Other\n", "1", "Broken import" },
		{ "## FAULT 1: Missing policy\n## FAULT 2: Bad ACL\n", "1", "Missing policy" },
		{ "## Failure 3 - Wrong region\n", "3", "Wrong region" },
		{ "## Error 1: Invalid resource type\n", "1", "Invalid resource type" },
		{ "### Issue 4: Hard-coded key\n", "4", "Hard-coded key" },
		{ "### 1.1 Circular dependency\n### 1.2 Second\n", "1.1", "Circular dependency" },
		{ "#### 2. Deep item\n", "2", "Deep item" },
		{ "### **Issue 1 — Public bucket**\n", "1", "Public bucket" },
		{ "## 1\\. Escaped dot\n", "1", "Escaped dot" },
		{ "## 1) Parenthesis\n", "1", "Parenthesis" },
		{ "### [2] Bracketed\n", "2", "Bracketed" },
		{ "### MF-01: Invalid `RetentionInDays`\n", "MF-01", "Invalid `RetentionInDays`" },
		{ "### a. **Inline Lambda code**\n### b. Other\n", "a", "Inline Lambda code" },
		{ "## Category A — Secrets\n", "A", "Secrets" },
		{ "### 1. Title ###\n", "1", "Title" },
	};
	for (size_t i = 0; i < FX_COUNT(cases); i++) {
		struct failures f = split(cases[i].md);
		if (f.n < 1 || f.method != FM_NUMBERED_HEADINGS)
			FAIL("case %zu: %zu items, method %s", i, f.n, fail_method_name(f.method));
		assert_string_equal(f.v[0].number, cases[i].number);
		assert_string_equal(f.v[0].title, cases[i].title);
		failures_free(&f);
	}
}

static void critical_failure_prefix_gives_severity(void **state)
{
	(void)state;
	struct failures f = split("# Report\n## Critical Failure #1: Deprecated runtime\n"
				  "## Critical Failure 2: Missing prefix (Category C)\n");
	assert_int_equal(f.n, 2);
	expect_item(&f, 0, "1", SEV_CRITICAL, "Deprecated runtime");
	expect_item(&f, 1, "2", SEV_CRITICAL, "Missing prefix (Category C)");
	assert_int_equal(f.v[0].sev_from, SEVSRC_HEADING);
	failures_free(&f);
}

static void level_with_most_numbered_headings_wins(void **state)
{
	(void)state;
	struct failures f = split("## 1. Syntax issues\n### a. Inline code\n### b. Indentation\n"
				  "## 2. Security issues\n### a. IP allow-list\n### b. Public bucket\n"
				  "### c. Encryption\n");
	assert_int_equal(f.n, 5);
	assert_int_equal(f.v[0].level, 3);
	expect_item(&f, 4, "c", SEV_NONE, "Encryption");
	/* ... and "Fault N" headings at another level join them */
	failures_free(&f);
	f = split("## Fault 1: Missing policy\n## Fault 2: Bad property\n## Additional Issues\n"
		  "### Fault 3: ACL\n### Fault 4: IAM logic\n### Fault 5: Credentials\n");
	assert_int_equal(f.n, 5);
	expect_item(&f, 0, "1", SEV_NONE, "Missing policy");
	expect_item(&f, 2, "3", SEV_NONE, "ACL");
	failures_free(&f);
}

static void numbered_section_is_a_section(void **state)
{
	(void)state;
	struct failures f = split("#### 1. Critical Failures\n##### 1. Real item\n**Failure ID:** MF-CRIT-001\n"
				  "#### 2. High Failures\n##### 1. Another\n");
	assert_int_equal(f.n, 2);
	expect_item(&f, 0, "1", SEV_CRITICAL, "Real item");
	expect_item(&f, 1, "1", SEV_HIGH, "Another");
	assert_int_equal(f.v[1].sev_from, SEVSRC_SECTION);
	failures_free(&f);
}

static void positive_sections_dropped(void **state)
{
	(void)state;
	struct failures f = split("## Critical Issues\n### 1. Real failure\n"
				  "## What the Model Did Right\n### 1. Good structure\n### 2. Tests\n### 3. Docs\n"
				  "## Strengths\n### 1. Naming\n"
				  "## Lessons Learned\n### 1. Lesson\n"
				  "## Recommendations\n### 1. Do this\n");
	assert_int_equal(f.n, 1);
	expect_item(&f, 0, "1", SEV_CRITICAL, "Real failure");
	failures_free(&f);
}

static void restarted_numbering_under_fixes_dropped(void **state)
{
	(void)state;
	struct failures f = split("## What Failed\n### 1. Health check\n### 2. Imports\n"
				  "## The Fixes Applied\n### 1. Corrected health check\n### 2. Added imports\n"
				  "## Security Gaps\n### 3. Open port\n");
	assert_int_equal(f.n, 3);
	expect_item(&f, 2, "3", SEV_NONE, "Open port");
	failures_free(&f);
	/* groups that restart under topics are kept */
	f = split("## Security Gaps\n### 1. Flow logs\n### 2. No API auth\n"
		  "## High Availability Deficiencies\n### 1. Two AZs\n");
	assert_int_equal(f.n, 3);
	expect_item(&f, 1, "2", SEV_NONE, "No API auth");
	/* "High Availability" is a topic, not a severity */
	expect_item(&f, 2, "1", SEV_NONE, "Two AZs");
	failures_free(&f);
}

static void severity_conventions(void **state)
{
	(void)state;
	static const struct {
		const char *md;
		enum severity sev;
		enum sev_source from;
		const char *title; /* NULL: "T" */
	} cases[] = {
		{ "### 1. T\n**Impact Level**: Critical\n", SEV_CRITICAL, SEVSRC_FIELD, NULL },
		{ "### 1. T\n**Severity**: HIGH\n", SEV_HIGH, SEVSRC_FIELD, NULL },
		{ "### 1. T\n- **Severity:** Moderate\n", SEV_MEDIUM, SEVSRC_FIELD, NULL },
		{ "### 1. T\n**Impact**: HIGH - the stack fails\n", SEV_HIGH, SEVSRC_FIELD, NULL },
		{ "### 1. T\nSome text **Severity: Low** here\n", SEV_LOW, SEVSRC_FIELD, NULL },
		{ "### 1. T\n**Priority**: P1\n", SEV_HIGH, SEVSRC_FIELD, NULL },
		{ "### 1. T\n**Risk Level**: Blocker\n", SEV_CRITICAL, SEVSRC_FIELD, NULL },
		{ "### 1. [CRITICAL] T\n", SEV_CRITICAL, SEVSRC_HEADING, NULL },
		{ "### 1. T (High)\n", SEV_HIGH, SEVSRC_HEADING, NULL },
		{ "### 1. T - Medium Severity\n", SEV_MEDIUM, SEVSRC_HEADING, NULL },
		{ "### 1. T \xE2\x9D\x8C CRITICAL\n", SEV_CRITICAL, SEVSRC_HEADING, NULL },
		{ "### 1. **MAJOR NAMING INCONSISTENCY** - T\n", SEV_HIGH, SEVSRC_HEADING,
		  "MAJOR NAMING INCONSISTENCY - T" },
		{ "### 1. Critical: T\n", SEV_CRITICAL, SEVSRC_HEADING, NULL },
		{ "### 1. \xF0\x9F\x94\xB4 T\n", SEV_CRITICAL, SEVSRC_EMOJI, NULL },
		{ "### 1. \xF0\x9F\x9F\xA0 T\n", SEV_HIGH, SEVSRC_EMOJI, NULL },
		{ "### 1. \xF0\x9F\x9F\xA1 T\n", SEV_MEDIUM, SEVSRC_EMOJI, NULL },
		{ "### 1. \xF0\x9F\x9F\xA2 T\n", SEV_LOW, SEVSRC_EMOJI, NULL },
		{ "## Minor Issues and Style Problems\n### 1. T\n", SEV_LOW, SEVSRC_SECTION, NULL },
		{ "## High Severity Issues\n### 1. T\n", SEV_HIGH, SEVSRC_SECTION, NULL },
		{ "## Medium Priority Failures\n### 1. T\n", SEV_MEDIUM, SEVSRC_SECTION, NULL },
		{ "## Major Issues\n### 1. T\n", SEV_HIGH, SEVSRC_SECTION, NULL },
		/* free text after Impact is not a severity */
		{ "### 1. T\n**Impact**: High availability is lost\n", SEV_NONE, SEVSRC_NONE, NULL },
		/* neither is a topic word in the title */
		{ "### 1. High Availability not configured\n", SEV_NONE, SEVSRC_NONE,
		  "High Availability not configured" },
		{ "### 1. Low-level API misuse\n", SEV_NONE, SEVSRC_NONE, "Low-level API misuse" },
		/* nor a field inside a code block */
		{ "### 1. T\n```\nSeverity: Critical\n```\n", SEV_NONE, SEVSRC_NONE, NULL },
	};
	for (size_t i = 0; i < FX_COUNT(cases); i++) {
		struct failures f = split(cases[i].md);
		if (f.n != 1)
			FAIL("case %zu: %zu items", i, f.n);
		if (f.v[0].severity != cases[i].sev || f.v[0].sev_from != cases[i].from)
			FAIL("case %zu: severity %d from %d, expected %d from %d", i,
				 f.v[0].severity, f.v[0].sev_from, cases[i].sev, cases[i].from);
		assert_string_equal(f.v[0].title, cases[i].title ? cases[i].title : "T");
		failures_free(&f);
	}
}

static void severity_precedence(void **state)
{
	(void)state;
	/* field beats heading word beats emoji beats section */
	struct failures f = split("## Critical Failures\n"
				  "### 1. \xF0\x9F\x9F\xA2 A [HIGH]\n**Severity**: Low\n"
				  "### 2. \xF0\x9F\x9F\xA2 B [HIGH]\n"
				  "### 3. \xF0\x9F\x9F\xA2 C\n"
				  "### 4. D\n");
	assert_int_equal(f.n, 4);
	expect_item(&f, 0, "1", SEV_LOW, "A");
	assert_int_equal(f.v[0].sev_from, SEVSRC_FIELD);
	expect_item(&f, 1, "2", SEV_HIGH, "B");
	assert_int_equal(f.v[1].sev_from, SEVSRC_HEADING);
	expect_item(&f, 2, "3", SEV_LOW, "C");
	assert_int_equal(f.v[2].sev_from, SEVSRC_EMOJI);
	expect_item(&f, 3, "4", SEV_CRITICAL, "D");
	assert_int_equal(f.v[3].sev_from, SEVSRC_SECTION);
	failures_free(&f);
	assert_string_equal(severity_name(SEV_MEDIUM), "Medium");
	assert_null(severity_name(SEV_NONE));
	assert_int_equal(severity_parse("MODERATE", 8), SEV_MEDIUM);
	assert_int_equal(severity_parse("minor", 5), SEV_LOW);
	assert_int_equal(severity_parse("P0", 2), SEV_CRITICAL);
	assert_int_equal(severity_parse("highly", 6), SEV_NONE);
}

static void unnumbered_headings_fallback(void **state)
{
	(void)state;
	struct failures f = split("# Model Failures and Fixes\n\n## Overview\ntext\n"
				  "## CodeCommit Repository Creation Failure\ntext\n"
				  "## Deprecated AWS CDK APIs\n### Problem\nx\n### Fix Applied\ny\n"
				  "## IAM Managed Policy Not Found\n"
				  "## Summary\nsum\n## Conclusion\n");
	assert_int_equal(f.method, FM_HEADINGS);
	assert_int_equal(f.n, 3);
	expect_item(&f, 0, NULL, SEV_NONE, "CodeCommit Repository Creation Failure");
	expect_item(&f, 1, NULL, SEV_NONE, "Deprecated AWS CDK APIs");
	/* the body holds the sub-headings */
	assert_int_equal(f.v[1].first, 7);
	assert_int_equal(f.v[1].last, 11);
	failures_free(&f);
	/* topic headings under severity sections take the section's severity */
	f = split("## Critical Failures\n### Wrong engine\n### Open bucket\n## Low Failures\n### Naming\n");
	assert_int_equal(f.method, FM_HEADINGS);
	assert_int_equal(f.n, 3);
	expect_item(&f, 2, NULL, SEV_LOW, "Naming");
	failures_free(&f);
}

static void section_headings_fallback(void **state)
{
	(void)state;
	/* every other heading is boilerplate: the ones under a section count */
	struct failures f = split("# Report\n## Critical Issues\n### Impact\nbad\n### Root Cause\nwhy\n");
	assert_int_equal(f.method, FM_SECTION_HEADINGS);
	assert_int_equal(f.n, 2);
	expect_item(&f, 0, NULL, SEV_CRITICAL, "Impact");
	failures_free(&f);
}

static void list_fallbacks(void **state)
{
	(void)state;
	struct failures f = split("# Failures\n\n1. **Missing outputs**: the stack has none\n   more\n"
				  "2. **Open SSH** - port 22\n\n**3. Wrong AMI**\ntext\n");
	assert_int_equal(f.method, FM_BOLD_LIST);
	assert_int_equal(f.n, 3);
	expect_item(&f, 0, "1", SEV_NONE, "Missing outputs");
	expect_item(&f, 1, "2", SEV_NONE, "Open SSH");
	expect_item(&f, 2, "3", SEV_NONE, "Wrong AMI");
	assert_int_equal(f.v[0].first, 3);
	assert_int_equal(f.v[0].last, 4);
	assert_int_equal(f.v[0].level, 0);
	failures_free(&f);

	f = split("1. Generated response had issues in vpc flow logs.\n\n"
		  "2. Autoscaling group creation failed\n   details\n");
	assert_int_equal(f.method, FM_NUMBERED_LIST);
	assert_int_equal(f.n, 2);
	expect_item(&f, 1, "2", SEV_NONE, "Autoscaling group creation failed");
	assert_int_equal(f.v[1].last, 4);
	failures_free(&f);

	/* a single plain item is not a list of failures */
	f = split("Intro.\n\n1. Only one point\n");
	assert_int_equal(f.n, 0);
	failures_free(&f);

	f = split("# Failures\n- Missing tags\n- Public bucket\n  continued\n* Third\n");
	assert_int_equal(f.method, FM_BULLETS);
	assert_int_equal(f.n, 3);
	expect_item(&f, 2, NULL, SEV_NONE, "Third");
	failures_free(&f);

	/* bullets are not items in a document with many headings */
	f = split("# A\n## B is boilerplate? no\n## Summary\n## Conclusion\n- x\n- y\n");
	assert_int_not_equal(f.method, FM_BULLETS);
	failures_free(&f);
}

static void fences_ignored(void **state)
{
	(void)state;
	struct failures f = split("## Critical Failures\n"
				  "### 1. Real\n"
				  "```markdown\n"
				  "### 2. Inside a fence\n"
				  "**Severity**: Low\n"
				  "```\n"
				  "````\n"
				  "```bash\n"
				  "### 3. Nested fence\n"
				  "```\n"
				  "````\n"
				  "    ### 4. indented code is not a heading\n"
				  "### 5. After\n"
				  "```python\n"
				  "### 6. unclosed fence runs to the end\n");
	assert_int_equal(f.n, 2);
	expect_item(&f, 0, "1", SEV_CRITICAL, "Real");
	expect_item(&f, 1, "5", SEV_CRITICAL, "After");
	assert_int_equal(f.v[0].last, 12);
	assert_int_equal(f.v[1].last, 15);
	failures_free(&f);
}

static void encodings(void **state)
{
	(void)state;
	/* BOM, CRLF, an invalid byte (cp1252 apostrophe), a lone CR */
	const char md[] = "\xEF\xBB\xBF# Title\r\n\r\n### 1. Model\x92s mistake\r\n"
			  "text\rmore\r\n### 2. Second\r\n**Severity**: High\r\n";
	struct failures f = split(md);
	assert_int_equal(f.n, 2);
	expect_item(&f, 0, "1", SEV_NONE, "Model\xEF\xBF\xBDs mistake");
	assert_int_equal(f.v[0].first, 3);
	/* the lone CR does not start a line of the original file */
	assert_int_equal(f.v[0].last, 4);
	assert_int_equal(f.v[0].body_first, 4);
	failures_free(&f);
	/* a body that starts after a lone CR on the heading's own line */
	const char cr[] = "### 1. A\r**Severity**: High\n### 2. B\n";
	failures_split(&f, cr, sizeof(cr) - 1);
	assert_int_equal(f.n, 2);
	expect_item(&f, 0, "1", SEV_HIGH, "A");
	assert_int_equal(f.v[0].first, 1);
	assert_int_equal(f.v[0].last, 1);
	assert_true(f.v[0].body_first > f.v[0].body_last); /* empty in original lines */
	assert_int_equal(f.v[1].first, 2);
	failures_free(&f);
	f = split(md);
	assert_int_equal(f.v[1].first, 5);
	assert_int_equal(f.v[1].last, 6);
	expect_item(&f, 1, "2", SEV_HIGH, "Second");
	assert_int_equal(f.lines, 6);
	failures_free(&f);

	/* NULs and control bytes do not stop the scan */
	const char nul[] = "### 1. A\0B\n\x1b[2J\n### 2. C\n";
	failures_split(&f, nul, sizeof(nul) - 1);
	assert_int_equal(f.n, 2);
	assert_int_equal(f.v[1].first, 3);
	failures_free(&f);
}

static void no_items(void **state)
{
	(void)state;
	static const char *const docs[] = {
		"",
		"Insert here the model's failures",
		"The model response was correct. No failures were found.\n\nIt deployed fine.\n",
		"# Model Failures\n\n## Summary\n\nNone.\n\n## Conclusion\nGood.\n",
		"\n\n\n",
	};
	for (size_t i = 0; i < FX_COUNT(docs); i++) {
		struct failures f = split(docs[i]);
		if (f.n)
			FAIL("doc %zu: %zu items, first '%s'", i, f.n, f.v[0].title);
		assert_int_equal(f.method, FM_NONE);
		failures_free(&f);
	}
}

static void hostile_input_is_bounded(void **state)
{
	(void)state;
	/* 20,000 nested quotes and list markers, one long line, random bytes */
	size_t n = 200000;
	char *md = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		md[i] = i < 20000 ? '>' : i < 60000 ? (i % 3 == 0 ? '-' : ' ') : (char)(i * 7919 % 251 + 1);
	md[n] = '\0';
	struct failures f;
	failures_split(&f, md, n);
	failures_free(&f);
	free(md);
}

/* Titles that begin like a report section ("Key", "What") are failures
 * when the rest says so; a range heading ("3–4.") is one item. */
static void section_like_titles_and_ranges(void **state)
{
	(void)state;
	struct failures f = split("# Failures\n\n"
				  "## 1. No queue policy\n\ntext\n\n"
				  "## 2. Key policy does not let SNS use the key\n\ntext\n\n"
				  "## 3\xE2\x80\x93" "4. Requirements skipped\n\ntext\n\n"
				  "## 5. What is deployed is not what was reviewed\n\ntext\n\n"
				  "## 6. Key Findings\n\ntext\n\n"
				  "## 7. What Went Wrong\n\ntext\n");
	assert_int_equal(f.n, 4);
	expect_item(&f, 0, "1", SEV_NONE, "No queue policy");
	expect_item(&f, 1, "2", SEV_NONE, "Key policy does not let SNS use the key");
	expect_item(&f, 2, "3\xE2\x80\x93" "4", SEV_NONE, "Requirements skipped");
	expect_item(&f, 3, "5", SEV_NONE, "What is deployed is not what was reviewed");
	failures_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(numbered_h3_standard_template),
		cmocka_unit_test(heading_shapes),
		cmocka_unit_test(critical_failure_prefix_gives_severity),
		cmocka_unit_test(level_with_most_numbered_headings_wins),
		cmocka_unit_test(numbered_section_is_a_section),
		cmocka_unit_test(positive_sections_dropped),
		cmocka_unit_test(restarted_numbering_under_fixes_dropped),
		cmocka_unit_test(severity_conventions),
		cmocka_unit_test(severity_precedence),
		cmocka_unit_test(unnumbered_headings_fallback),
		cmocka_unit_test(section_headings_fallback),
		cmocka_unit_test(list_fallbacks),
		cmocka_unit_test(fences_ignored),
		cmocka_unit_test(encodings),
		cmocka_unit_test(no_items),
		cmocka_unit_test(hostile_input_is_bounded),
		cmocka_unit_test(section_like_titles_and_ranges),
	};
	return cmocka_run_group_tests(tests, fx_setup_global, fx_teardown_global);
}
