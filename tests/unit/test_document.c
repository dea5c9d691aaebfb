/* The document renderer: each element, nesting, tables, wide characters,
 * escapes, hostile depth, source line refs; the failures rows. */
#include "testlib.h"

#include "../../core/buf.h"
#include "../../views/document.h"
#include "../../views/failures.h"

#define FAIL(...) fail_msg(__VA_ARGS__)

#define V "\xE2\x94\x82" /* │ */
#define H "\xE2\x94\x80" /* ─ */
#define X "\xE2\x94\xBC" /* ┼ */

/* The lines' text joined with LF (no final LF). */
static char *text_of(const struct slist *l)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_putc(&b, '\n');
		buf_put(&b, l->v[i].text ? l->v[i].text : "", l->v[i].len);
	}
	return buf_detach(&b);
}

/* "ref|text" per line. */
static char *refs_of(const struct slist *l)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < l->n; i++)
		buf_printf(&b, "%s%ld|%.*s", i ? "\n" : "", (long)l->v[i].ref, (int)l->v[i].len,
			   l->v[i].text ? l->v[i].text : "");
	return buf_detach(&b);
}

/* Render and check the invariants every output keeps: no line wider
 * than the width, refs never decreasing, no control bytes. */
static struct slist render(const char *md, size_t width, unsigned flags)
{
	struct slist out = { 0 };
	document_render(&out, md, strlen(md), width, flags);
	intptr_t prev = 0;
	for (size_t i = 0; i < out.n; i++) {
		const struct sline *l = &out.v[i];
		if (l->cols > (width < DOC_MIN_WIDTH ? DOC_MIN_WIDTH : width))
			FAIL("line %zu is %u columns wide: '%s'", i, l->cols, l->text);
		if (l->ref < prev)
			FAIL("line %zu: ref %ld after %ld", i, (long)l->ref, (long)prev);
		prev = l->ref;
		for (uint32_t k = 0; k < l->len; k++)
			if ((unsigned char)l->text[k] < 0x20 || l->text[k] == 0x7f)
				FAIL("line %zu: control byte 0x%02x", i, (unsigned char)l->text[k]);
		if (utf8_columns(l->text ? l->text : "", l->len) != l->cols)
			FAIL("line %zu: cols %u do not match its text", i, l->cols);
	}
	return out;
}

static void expect_render(const char *md, size_t width, unsigned flags, const char *want)
{
	struct slist out = render(md, width, flags);
	char *got = text_of(&out);
	if (strcmp(got, want) != 0)
		FAIL("--- want\n%s\n--- got\n%s\n---", want, got);
	free(got);
	slist_free(&out);
}

/* The style of the first byte of `needle` in line i. */
static int style_of(const struct slist *out, size_t i, const char *needle)
{
	assert_true(i < out->n);
	const char *p = strstr(out->v[i].text, needle);
	if (!p)
		FAIL("'%s' not in line %zu: '%s'", needle, i, out->v[i].text);
	return sline_style_at(&out->v[i], (uint32_t)(p - out->v[i].text));
}

static void headings_and_inlines(void **state)
{
	(void)state;
	const char *md = "# One\n\n## Two\n\n### Three\n\nSetext\n======\n\n"
			 "Plain *emph* **strong** `code` ~~x~~ <b>html</b>\n";
	expect_render(md, 40, 0,
		      "# One\n\n## Two\n\n### Three\n\n# Setext\n\n"
		      "Plain emph strong code ~~x~~ <b>html</b>");
	struct slist out = render(md, 40, 0);
	assert_int_equal(style_of(&out, 0, "One"), S_MD_HEADING1);
	assert_int_equal(style_of(&out, 2, "Two"), S_MD_HEADING2);
	assert_int_equal(style_of(&out, 4, "Three"), S_MD_HEADING3);
	assert_int_equal(style_of(&out, 8, "Plain"), S_NORMAL);
	assert_int_equal(style_of(&out, 8, "emph"), S_MD_EMPH);
	assert_int_equal(style_of(&out, 8, "strong"), S_MD_STRONG);
	assert_int_equal(style_of(&out, 8, "code"), S_MD_CODE);
	assert_int_equal(style_of(&out, 8, "<b>"), S_DIM);
	slist_free(&out);
}

static void paragraphs_wrap_at_words(void **state)
{
	(void)state;
	expect_render("The quick brown fox jumps over the lazy dog and keeps running far away.\n\n"
		      "Averyveryveryverylongwordthatcannotfit here\n",
		      20, 0,
		      "The quick brown fox\njumps over the lazy\ndog and keeps\nrunning far away.\n\n"
		      "Averyveryveryverylon\ngwordthatcannotfit\nhere");
	/* soft breaks join, hard breaks (two spaces, backslash) break */
	expect_render("one\ntwo  \nthree\\\nfour\n", 40, 0, "one two\nthree\nfour");
	/* widths below the minimum are rendered at the minimum */
	expect_render("a b c d e f g h i j k l m n o p q r s t u v\n", 5, 0,
		      "a b c d e f g h i j\nk l m n o p q r s t\nu v");
}

static void lists_nest_and_hang(void **state)
{
	(void)state;
	expect_render("- one\n- two is a longer item that wraps\n  - nested\n    1. deep\n    2. deeper\n- three\n\n"
		      "8. eight\n9. nine\n10. ten\n\n"
		      "1) loose\n\n2) list\n\n   second para\n",
		      24, 0,
		      "\xE2\x80\xA2 one\n"
		      "\xE2\x80\xA2 two is a longer item\n  that wraps\n"
		      "  \xE2\x97\xA6 nested\n"
		      "    1. deep\n    2. deeper\n"
		      "\xE2\x80\xA2 three\n\n"
		      " 8. eight\n 9. nine\n10. ten\n\n"
		      "1) loose\n\n2) list\n\n   second para");
	struct slist out = render("- a\n", 40, 0);
	assert_int_equal(style_of(&out, 0, "\xE2\x80\xA2"), S_MD_BULLET);
	slist_free(&out);
	/* an empty item still shows its marker */
	expect_render("- \n- b\n", 40, 0, "\xE2\x80\xA2\n\xE2\x80\xA2 b");
}

static void quotes_nest_with_bars(void **state)
{
	(void)state;
	expect_render("> quoted text that wraps here\n>\n> > nested\n\nafter\n", 22, 0,
		      "\xE2\x94\x82 quoted text that\n\xE2\x94\x82 wraps here\n\xE2\x94\x82\n"
		      "\xE2\x94\x82 \xE2\x94\x82 nested\n\nafter");
	struct slist out = render("> q\n", 40, 0);
	assert_int_equal(style_of(&out, 0, "q"), S_MD_QUOTE);
	slist_free(&out);
}

static void code_blocks_framed(void **state)
{
	(void)state;
	const char *md = "```python lib/app.py\nx = 1\n\tif y:\nlong_line_of_code_here_that_is_long\n```\n";
	expect_render(md, 24, 0,
		      "\xE2\x94\x8C" H " python lib/app.py " H H H "\n"
		      V " x = 1\n"
		      V "         if y:\n"
		      V " long_line_of_code_here\n"
		      "\xE2\x86\xAA _that_is_long\n"
		      "\xE2\x94\x94" H H H H H H H H H H H H H H H H H H H H H H H);
	/* cut instead of wrapped */
	struct slist out = render(md, 24, DOC_CUT_CODE);
	assert_int_equal(out.n, 5);
	assert_string_equal(out.v[3].text, V " long_line_of_code_her\xE2\x86\x92");
	assert_int_equal(style_of(&out, 1, "x = 1"), S_MD_CODE);
	assert_int_equal(style_of(&out, 0, "python"), S_MD_CODE_FRAME);
	/* refs: the fence, each code line, the closing fence */
	char *r = refs_of(&out);
	assert_true(strncmp(r, "1|", 2) == 0);
	assert_non_null(strstr(r, "\n2|\xE2\x94\x82 x = 1\n3|"));
	assert_non_null(strstr(r, "\n5|\xE2\x94\x94"));
	free(r);
	slist_free(&out);
	/* an indented block: no fence, lines from its first line */
	out = render("para\n\n    indented\n    code\n", 30, 0);
	r = refs_of(&out);
	assert_non_null(strstr(r, "\n3|\xE2\x94\x82 indented\n4|\xE2\x94\x82 code\n"));
	free(r);
	slist_free(&out);
}

static void links_rules_html(void **state)
{
	(void)state;
	expect_render("See [the docs](https://x.example/a) and <https://y.example>.\n\n"
		      "![diagram](img.png)\n\n---\n\n<div>\n<p>hi</p>\n</div>\n",
		      30, 0,
		      "See the docs\n(https://x.example/a) and\nhttps://y.example.\n\n"
		      "[image: diagram] (img.png)\n\n"
		      "\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80"
		      "\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80"
		      "\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80"
		      "\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80"
		      "\xE2\x94\x80\xE2\x94\x80\n\n"
		      "<div>\n<p>hi</p>\n</div>");
	struct slist out = render("[t](u)\n", 30, 0);
	assert_int_equal(style_of(&out, 0, "t"), S_MD_LINK);
	assert_int_equal(style_of(&out, 0, "(u)"), S_DIM);
	slist_free(&out);
}

static void tables_aligned(void **state)
{
	(void)state;
	expect_render("Intro line\n| Name | Sev | Count |\n|:-----|:---:|------:|\n"
		      "| a \\| b | High | 3 |\n| `c` | Critical | 12 |\n| short |\n",
		      60, 0,
		      "Intro line\n"
		      " Name  " V "   Sev    " V " Count\n"
		      H H H H H H H X H H H H H H H H H H X H H H H H H H "\n"
		      " a | b " V "   High   " V "     3\n"
		      " c     " V " Critical " V "    12\n"
		      " short " V "          " V);
	struct slist out = render("| h1 | h2 |\n|---|---|\n| **b** | x |\n", 60, 0);
	assert_int_equal(style_of(&out, 0, "h1"), S_MD_STRONG);
	assert_int_equal(style_of(&out, 2, "b"), S_MD_STRONG);
	assert_int_equal(style_of(&out, 0, V), S_MD_TABLE);
	slist_free(&out);
	out = render("| h |\n|---|\n| `code` |\n| - item |\n| # h |\n| 1. one |\n", 60, 0);
	assert_int_equal(style_of(&out, 2, "code"), S_MD_CODE);
	/* a cell that looks like a block stays text */
	assert_string_equal(out.v[3].text, " - item");
	assert_string_equal(out.v[4].text, " # h");
	assert_string_equal(out.v[5].text, " 1. one");
	slist_free(&out);
	/* not a table: no delimiter row, or cells that do not match */
	expect_render("a | b\nc | d\n", 60, 0, "a | b c | d");
	expect_render("a | b\n|---|---|---|\n", 60, 0, "a | b |---|---|---|");
}

static void tables_fit_the_width(void **state)
{
	(void)state;
	/* a wide cell wraps inside its column */
	expect_render("| Key | Note |\n|---|---|\n| k | a long note that has to wrap |\n", 26, 0,
		      " Key " V " Note\n"
		      H H H H H X H H H H H H H H H H H H H H H H H H H H "\n"
		      " k   " V " a long note that\n"
		      "     " V " has to wrap");
	/* too many columns for the width: rows are cut with a mark */
	struct slist out = render("|a|b|c|d|e|f|g|h|\n|-|-|-|-|-|-|-|-|\n|1|2|3|4|5|6|7|8|\n", 20, 0);
	assert_int_equal(out.n, 3);
	assert_non_null(strstr(out.v[0].text, "\xE2\x86\x92")); /* → */
	slist_free(&out);
	/* lines and refs: header, delimiter, rows */
	out = render("x\n\n| a | b |\n| - | - |\n| 1 | 2 |\n", 40, 0);
	char *r = refs_of(&out);
	assert_string_equal(r, "1|x\n3|\n3| a " V " b\n4|" H H H X H H H "\n5| 1 " V " 2");
	free(r);
	slist_free(&out);
}

static void tables_in_containers(void **state)
{
	(void)state;
	expect_render("> | a | b |\n> |---|---|\n> | 1 | 2 |\n\n- | x |\n  |---|\n  | y |\n", 40, 0,
		      V "  a " V " b\n" V " " H H H X H H H "\n" V "  1 " V " 2\n\n"
		      "\xE2\x80\xA2  x\n  " H H H "\n   y");
}

static void wide_characters_measured(void **state)
{
	(void)state;
	/* ✅ and CJK take two columns; the variation selector is dropped */
	expect_render("\xE2\x9C\x85 \xE8\x84\x86\xE5\xBC\xB1\xE8\x84\x86\xE5\xBC\xB1\xE8\x84\x86\xE5\xBC\xB1"
		      "\xE8\x84\x86\xE5\xBC\xB1\xE8\x84\x86\xE5\xBC\xB1 \xE2\x9A\xA0\xEF\xB8\x8F ok\n",
		      20, 0,
		      "\xE2\x9C\x85\n"
		      "\xE8\x84\x86\xE5\xBC\xB1\xE8\x84\x86\xE5\xBC\xB1\xE8\x84\x86\xE5\xBC\xB1"
		      "\xE8\x84\x86\xE5\xBC\xB1\xE8\x84\x86\xE5\xBC\xB1\n"
		      "\xE2\x9A\xA0 ok");
	struct slist out = render("| \xE2\x9C\x85 | b |\n|---|---|\n| x | y |\n", 40, 0);
	assert_int_equal(out.v[0].cols, out.v[2].cols);
	slist_free(&out);
}

static void escapes_shown_visibly(void **state)
{
	(void)state;
	const char *md = "clear \x1b[2J title \x1b]0;pwned\x07 clip \x1b]52;c;eA==\x07 \xE2\x80\xAE rtl\n\n"
			 "```\n\x1b[31mred\x1b[0m\x01\x7f\n```\n";
	struct slist out = render(md, 80, 0);
	assert_int_equal(out.n, 5);
	assert_string_equal(out.v[0].text, "clear ^[[2J title ^[]0;pwned^G clip ^[]52;c;eA==^G <U+202E> rtl");
	assert_string_equal(out.v[3].text, V " ^[[31mred^[[0m^A^?");
	assert_int_equal(style_of(&out, 0, "^["), S_CTRL);
	slist_free(&out);
	/* invalid UTF-8 and NULs */
	const char bad[] = "a\x92" "b\0c\n";
	document_render(&out, bad, sizeof(bad) - 1, 40, 0);
	assert_int_equal(out.n, 1);
	assert_string_equal(out.v[0].text, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c");
	slist_free(&out);
}

static void hostile_depth_is_bounded(void **state)
{
	(void)state;
	size_t n = 10000;
	struct buf md = BUF_INIT;
	for (size_t i = 0; i < n; i++)
		buf_puts(&md, ">");
	buf_puts(&md, " deep quote\n\n");
	for (size_t i = 0; i < n; i++)
		buf_puts(&md, "- ");
	buf_puts(&md, "deep list\n\n");
	for (size_t i = 0; i < n; i++)
		buf_puts(&md, "> 1. ");
	buf_puts(&md, "mixed\n\n");
	for (size_t i = 0; i < n; i++)
		buf_puts(&md, "*");
	buf_puts(&md, "x");
	for (size_t i = 0; i < n; i++)
		buf_puts(&md, "*");
	buf_puts(&md, "\n");
	struct slist out = render(md.ptr, 60, 0);
	/* the indent stops at half the width: the text is still there */
	assert_true(out.n >= 4);
	assert_non_null(strstr(out.v[0].text, "deep quote"));
	assert_true(out.v[0].cols <= 60);
	assert_non_null(strstr(out.v[2].text, "deep list"));
	assert_non_null(strstr(out.v[4].text, "mixed"));
	slist_free(&out);
	buf_free(&md);
}

static void refs_follow_the_original_lines(void **state)
{
	(void)state;
	/* BOM, CRLF, a lone CR (one original line, two for CommonMark) */
	struct slist out = render("\xEF\xBB\xBF# T\r\n\r\npara one\r\nstill\rmore\r\n\r\n- item\r\n", 40, 0);
	char *r = refs_of(&out);
	assert_string_equal(r, "1|# T\n3|\n3|para one still more\n6|\n6|\xE2\x80\xA2 item");
	free(r);
	slist_free(&out);
	/* a wrapped paragraph: each row carries the line its text is on */
	out = render("aaa bbb\nccc ddd\neee\n", 20, 0);
	r = refs_of(&out);
	assert_string_equal(r, "1|aaa bbb ccc ddd eee");
	free(r);
	slist_free(&out);
	out = render("aaaa bbbb cccc dddd\neeee ffff gggg hhhh\n", 20, 0);
	r = refs_of(&out);
	assert_string_equal(r, "1|aaaa bbbb cccc dddd\n2|eeee ffff gggg hhhh");
	free(r);
	slist_free(&out);
}

static void raw_mode(void **state)
{
	(void)state;
	const char md[] = "# T\r\nline \x1b[2J\ttab\rcr\n\xff\nthis line is long enough to wrap\n";
	struct slist out = { 0 };
	document_render(&out, md, sizeof(md) - 1, 20, DOC_RAW);
	char *t = refs_of(&out);
	assert_string_equal(t, "1|1 # T\n2|2 line ^[[2J      ta\n2|  b^Mcr\n3|3 \xEF\xBF\xBD\n"
			       "4|4 this line is long\n4|  enough to wrap");
	free(t);
	slist_free(&out);
	/* a range of lines, numbered as in the file */
	document_render_raw(&out, md, sizeof(md) - 1, 3, 3, 40);
	assert_int_equal(out.n, 1);
	assert_string_equal(out.v[0].text, "3 \xEF\xBF\xBD");
	slist_free(&out);
}

static void part_of_a_document(void **state)
{
	(void)state;
	const char *md = "# Report\n\n### 1. First\n\nbody *one*\n\n### 2. Second\n\n```\ncode\n```\n";
	struct mdsrc src;
	mdsrc_init(&src, md, strlen(md));
	struct slist out = { 0 };
	document_render_part(&out, &src, 8, 11, 20, 0);
	char *r = refs_of(&out);
	assert_string_equal(r, "9|\xE2\x94\x8C" H H H H H H H H H H H H H H H H H H H "\n10|" V " code\n"
			       "11|\xE2\x94\x94" H H H H H H H H H H H H H H H H H H H);
	free(r);
	slist_free(&out);

	/* the failures rows and one item */
	struct failures f;
	failures_split_src(&f, &src);
	assert_int_equal(f.n, 2);
	failures_list_lines(&out, &f, 0);
	r = text_of(&out);
	assert_string_equal(r, "1  none      First   3-5\n2  none      Second  7-11");
	free(r);
	slist_clear(&out);
	failures_list_lines(&out, &f, 24);
	r = text_of(&out);
	assert_string_equal(r, "1  none      First   3-5\n2  none      Seco\xE2\x80\xA6  7-11");
	assert_int_equal(out.v[1].ref, 1);
	free(r);
	slist_clear(&out);
	failures_item_lines(&out, &src, &f.v[0], 40, 0);
	r = refs_of(&out);
	assert_string_equal(r, "3|1. First\n3|none  lines 3-5\n4|\n5|body one");
	free(r);
	slist_free(&out);
	failures_free(&f);
	mdsrc_free(&src);
}

static void badges_and_json(void **state)
{
	(void)state;
	const char *md = "## Critical Failures\n### 1. A\n**Severity**: low\n### 2. B\n";
	struct failures f;
	failures_split(&f, md, strlen(md));
	struct slist out = { 0 };
	failures_list_lines(&out, &f, 0);
	assert_int_equal(style_of(&out, 0, "Low"), S_SEV_LOW);
	assert_int_equal(style_of(&out, 1, "Critical"), S_SEV_CRITICAL);
	slist_free(&out);
	json_t *o = failures_item_json(&f.v[0], &f);
	char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	assert_string_equal(s, "{\"ordinal\":1,\"number\":\"1\",\"title\":\"A\",\"severity\":\"Low\","
			       "\"severity_from\":\"field\",\"level\":3,\"lines\":[2,3],\"body\":[3,3],"
			       "\"method\":\"numbered-headings\",\"count\":2}");
	free(s);
	json_decref(o);
	failures_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(headings_and_inlines),
		cmocka_unit_test(paragraphs_wrap_at_words),
		cmocka_unit_test(lists_nest_and_hang),
		cmocka_unit_test(quotes_nest_with_bars),
		cmocka_unit_test(code_blocks_framed),
		cmocka_unit_test(links_rules_html),
		cmocka_unit_test(tables_aligned),
		cmocka_unit_test(tables_fit_the_width),
		cmocka_unit_test(tables_in_containers),
		cmocka_unit_test(wide_characters_measured),
		cmocka_unit_test(escapes_shown_visibly),
		cmocka_unit_test(hostile_depth_is_bounded),
		cmocka_unit_test(refs_follow_the_original_lines),
		cmocka_unit_test(raw_mode),
		cmocka_unit_test(part_of_a_document),
		cmocka_unit_test(badges_and_json),
	};
	return cmocka_run_group_tests(tests, fx_setup_global, fx_teardown_global);
}
