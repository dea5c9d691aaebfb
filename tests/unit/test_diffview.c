/* The diff as styled lines: unified and side-by-side layouts, wrapping
 * with wide characters, escapes, marks for the view, list and notices. */
#include "testlib.h"

#include "../../core/buf.h"
#include "../../views/diff.h"

struct pair {
	struct mdoc *m, *i;
	struct rdiff *rd;
};

static struct pair make(const char *model, const char *ideal)
{
	struct pair p;
	assert_int_equal(mdoc_parse(&p.m, model, strlen(model)), 0);
	assert_int_equal(mdoc_parse(&p.i, ideal, strlen(ideal)), 0);
	p.rd = rdiff_new(p.m, p.i, 0);
	assert_int_equal(rdiff_compute_all(p.rd, true), 0);
	return p;
}

static void done(struct pair *p)
{
	rdiff_free(p->rd);
	mdoc_free(p->m);
	mdoc_free(p->i);
}

/* The lines as text, trailing blanks dropped, one '\n' after each. */
static char *text_of(struct slist *l)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < l->n; i++) {
		sline_rtrim(&l->v[i]);
		buf_put(&b, l->v[i].text ? l->v[i].text : "", l->v[i].len);
		buf_putc(&b, '\n');
	}
	return buf_detach(&b);
}

static const struct diff_opts unified = { DIFF_UNIFIED, 0, true, 0, 3 };

static void unified_layout(void **state)
{
	(void)state;
	struct pair p = make("a\nold alpha beta\nremove me\nz\n", "a\nnew line\nold alpha gamma\nz\n");
	struct slist out = { 0 };
	diff_render_file(&out, &p.rd->whole, 0, &unified);
	char *got = text_of(&out);
	assert_string_equal(got,
			    "(whole document)  modified  +2 -2 ~1  50% similar\n"
			    "@@ -1,4 +1,4 @@ 1/1\n"
			    "1 1   a\n"
			    "2   - old alpha beta\n"
			    "3   - remove me\n"
			    "  2 + new line\n"
			    "  3 + old alpha gamma\n"
			    "4 4   z\n");
	free(got);
	/* the changed words carry the word styles, the rest the line style */
	const struct sline *del = &out.v[3], *add = &out.v[6];
	const char *beta = strstr(del->text, "beta"), *gamma = strstr(add->text, "gamma");
	assert_int_equal(sline_style_at(del, (uint32_t)(beta - del->text)), S_DIFF_DEL_WORD);
	assert_int_equal(sline_style_at(del, (uint32_t)(beta - del->text) - 2), S_DIFF_DEL);
	assert_int_equal(sline_style_at(add, (uint32_t)(gamma - add->text)), S_DIFF_ADD_WORD);
	assert_int_equal(sline_style_at(&out.v[2], 0), S_DIFF_LINENO);
	/* marks for the view */
	assert_int_equal(out.v[0].flags, DIFF_LINE_FILE);
	assert_int_equal(out.v[1].flags, DIFF_LINE_HUNK);
	assert_int_equal(DIFF_REF_HUNK(out.v[1].ref), 1);
	assert_int_equal(out.v[2].flags, 0);
	assert_int_equal(out.v[3].flags, DIFF_LINE_CHANGE);
	assert_int_equal(out.v[4].flags, 0);
	slist_free(&out);

	/* the file index travels in ref */
	diff_render_file(&out, &p.rd->whole, 7, &unified);
	for (size_t i = 0; i < out.n; i++)
		assert_int_equal(DIFF_REF_FILE(out.v[i].ref), 7);
	slist_free(&out);
	done(&p);
}

static void side_by_side_layout(void **state)
{
	(void)state;
	struct pair p = make("a\nold alpha beta\nremove me\nz\n", "a\nnew line\nold alpha gamma\nz\n");
	struct diff_opts o = { DIFF_SIDE_BY_SIDE, 61, true, 0, 1 };
	assert_int_equal(diff_layout_for(&p.rd->whole, &o), DIFF_SIDE_BY_SIDE);
	struct slist out = { 0 };
	diff_render_file(&out, &p.rd->whole, 0, &o);
	char *got = text_of(&out);
	assert_string_equal(got,
			    "(whole document)  modified  +2 -2 ~1  50% similar\n"
			    "@@ -1,4 +1,4 @@ 1/1\n"
			    "1   a                        \xe2\x94\x82 1   a\n"
			    "                             \xe2\x94\x82 2 + new line\n"
			    "2 - old alpha beta           \xe2\x94\x82 3 + old alpha gamma\n"
			    "3 - remove me                \xe2\x94\x82\n"
			    "4   z                        \xe2\x94\x82 4   z\n");
	free(got);
	slist_free(&out);

	/* too narrow: unified, and a note says so */
	o.width = 40;
	assert_int_equal(diff_layout_for(&p.rd->whole, &o), DIFF_UNIFIED);
	diff_render_file(&out, &p.rd->whole, 0, &o);
	assert_non_null(strstr(out.v[1].text, "side-by-side needs 58 columns: shown unified"));
	assert_int_equal(out.v[1].flags, DIFF_LINE_NOTE);
	slist_free(&out);
	done(&p);
}

/* The column where the separator sits in a side-by-side line, or -1. */
static long separator_col(const struct sline *l)
{
	const char *sep = strstr(l->text ? l->text : "", "\xe2\x94\x82");
	return sep ? (long)utf8_columns(l->text, (size_t)(sep - l->text)) : -1;
}

static void wrapping_keeps_columns_aligned(void **state)
{
	(void)state;
	/* emoji are two columns wide: the rows must still line up */
	const char *m = "x\nstart \xf0\x9f\x8e\x89\xf0\x9f\x8e\x89\xf0\x9f\x8e\x89\xf0\x9f\x8e\x89"
			"\xf0\x9f\x8e\x89\xf0\x9f\x8e\x89\xf0\x9f\x8e\x89\xf0\x9f\x8e\x89\xf0\x9f\x8e\x89"
			"\xf0\x9f\x8e\x89\xf0\x9f\x8e\x89\xf0\x9f\x8e\x89 tail words here\n";
	const char *i = "x\nstart \xe6\x97\xa5\xe6\x9c\xac tail words here\n";
	struct pair p = make(m, i);
	struct diff_opts o = { DIFF_SIDE_BY_SIDE, 61, true, 0, 3 };
	struct slist out = { 0 };
	diff_render_file(&out, &p.rd->whole, 0, &o);
	size_t rows = 0, wrapped = 0;
	for (size_t k = 0; k < out.n; k++) {
		const struct sline *l = &out.v[k];
		if (l->flags & (DIFF_LINE_FILE | DIFF_LINE_HUNK | DIFF_LINE_NOTE))
			continue;
		rows++;
		assert_int_equal(separator_col(l), 29);
		assert_true(l->cols <= 61);
		if (l->flags & DIFF_LINE_WRAPPED) {
			wrapped++;
			/* the mark on the left side only: the right has ended */
			const char *mark = strstr(l->text, "\xe2\x86\xaa");
			assert_non_null(mark);
			assert_null(strstr(mark + 3, "\xe2\x86\xaa"));
		}
	}
	assert_int_equal(rows, 3);
	assert_int_equal(wrapped, 1);
	slist_free(&out);

	/* unified at a width wraps too, never splitting a wide character */
	o.layout = DIFF_UNIFIED;
	o.width = 20;
	diff_render_file(&out, &p.rd->whole, 0, &o);
	for (size_t k = 2; k < out.n; k++) {
		assert_true(out.v[k].cols <= 20);
		assert_true(utf8_valid(out.v[k].text, out.v[k].len));
	}
	slist_free(&out);

	/* cut instead of wrapped: a window onto the text, marked when cut */
	o.wrap = false;
	o.hscroll = 6;
	diff_render_file(&out, &p.rd->whole, 0, &o);
	bool cut = false;
	for (size_t k = 2; k < out.n; k++) {
		cut |= (out.v[k].flags & DIFF_LINE_CUT) != 0;
		assert_false(out.v[k].flags & DIFF_LINE_WRAPPED);
	}
	assert_true(cut);
	assert_string_equal(out.v[3].text, "2   - \xf0\x9f\x8e\x89\xf0\x9f\x8e\x89\xf0\x9f\x8e\x89"
					   "\xf0\x9f\x8e\x89\xf0\x9f\x8e\x89\xf0\x9f\x8e\x89\xf0\x9f\x8e\x89");
	assert_true(out.v[3].flags & DIFF_LINE_CUT);
	slist_free(&out);
	done(&p);
}

static void escapes_and_tabs(void **state)
{
	(void)state;
	struct pair p = make("keep\n\x1b[31mred\x1b[0m\n", "keep\n\tindented\n");
	struct slist out = { 0 };
	diff_render_file(&out, &p.rd->whole, 0, &unified);
	for (size_t k = 0; k < out.n; k++)
		for (uint32_t c = 0; c < out.v[k].len; c++)
			assert_true((unsigned char)out.v[k].text[c] >= 0x20);
	char *got = text_of(&out);
	assert_non_null(strstr(got, "2   - ^[[31mred^[[0m\n"));
	/* the tab expands from the start of the text, not of the screen line */
	assert_non_null(strstr(got, "  2 +         indented\n"));
	free(got);
	slist_free(&out);
	done(&p);
}

static void file_list_and_notices(void **state)
{
	(void)state;
	struct pair p = make("## File: lib/a.ts\n```ts\nconst a = 1;\nconst b = 2;\n```\n"
			     "```bash\nls\npwd\ncd x\nmake\n```\n",
			     "## File: lib/a.ts\n```ts\nconst a = 1;\nconst b = 3;\n```\n"
			     "## File: lib/extra.ts\n```ts\nexport {};\n```\n");
	struct slist out = { 0 };
	diff_render_list(&out, p.rd, false, 0);
	char *got = text_of(&out);
	assert_string_equal(got,
			    "4 files: 1 paired, 1 only in MODEL, 1 only in IDEAL (code blocks: MODEL 2, IDEAL 2)\n"
			    "  lib/a.ts          modified       +1 -1 ~1   50%  by path\n"
			    "  lib/extra.ts      only in IDEAL  +1 -0 ~0    0%\n"
			    "  (bash block M:6)  only in MODEL  +0 -4 ~0    0%\n"
			    "  (prose)           modified       +1 -0 ~0   50%\n");
	free(got);
	for (size_t k = 1; k < out.n; k++) {
		assert_int_equal(out.v[k].flags, DIFF_LINE_LIST);
		assert_int_equal(DIFF_REF_FILE(out.v[k].ref), k - 1);
	}
	slist_free(&out);
	/* a narrow list cuts the start of long names */
	diff_render_list(&out, p.rd, false, 60);
	assert_non_null(strstr(out.v[3].text, "\xe2\x80\xa6"));
	slist_free(&out);

	diff_render_notices(&out, p.rd, false);
	assert_int_equal(out.n, 1);
	got = text_of(&out);
	assert_string_equal(got, "note: paired blocks hold only 44% of the code lines; "
				 "the whole-document diff (--whole) may read better\n");
	free(got);
	slist_free(&out);
	/* whole documents sharing little */
	done(&p);
	p = make("one\ntwo\nthree\n", "four\nfive\nsix\r\n");
	diff_render_notices(&out, p.rd, true);
	got = text_of(&out);
	assert_string_equal(got, "note: IDEAL_RESPONSE.md has CRLF line ends\n"
				 "note: MODEL and IDEAL share only 0% of their lines: almost every "
				 "line shows as changed\n");
	free(got);
	slist_free(&out);
	done(&p);
}

static void unterminated_block_is_noted(void **state)
{
	(void)state;
	struct pair p = make("## File: a.go\n```go\npackage main\nfunc main() {\n",
			     "## File: a.go\n```go\npackage main\nfunc main() {}\n```\n");
	struct slist out = { 0 };
	diff_render_file(&out, &p.rd->files[0], 0, &unified);
	char *got = text_of(&out);
	assert_non_null(strstr(got, "  MODEL lines 3-4 \xe2\x86\x92 IDEAL lines 3-4, named by heading\n"
				    "note: MODEL's block (line 2) has no closing fence: read to the end "
				    "of the document\n"));
	free(got);
	slist_free(&out);
	done(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(unified_layout),
		cmocka_unit_test(side_by_side_layout),
		cmocka_unit_test(wrapping_keeps_columns_aligned),
		cmocka_unit_test(escapes_and_tabs),
		cmocka_unit_test(file_list_and_notices),
		cmocka_unit_test(unterminated_block_is_noted),
	};
	return cmocka_run_group_tests(tests, fx_setup_global, fx_teardown_global);
}
