/* The response diff: the pairing cascade, line diff and alignment, word
 * spans, statistics, hunks and the limits. */
#include "testlib.h"

#include "../../core/buf.h"
#include "../../core/rdiff.h"

struct pair {
	struct mdoc *m, *i;
	struct rdiff *rd;
};

static struct pair make(const char *model, size_t mlen, const char *ideal, size_t ilen, unsigned flags)
{
	struct pair p;
	assert_int_equal(mdoc_parse(&p.m, model, mlen), 0);
	assert_int_equal(mdoc_parse(&p.i, ideal, ilen), 0);
	p.rd = rdiff_new(p.m, p.i, flags);
	return p;
}

static struct pair make_s(const char *model, const char *ideal, unsigned flags)
{
	return make(model, strlen(model), ideal, strlen(ideal), flags);
}

static void done(struct pair *p)
{
	rdiff_free(p->rd);
	mdoc_free(p->m);
	mdoc_free(p->i);
}

static const char cascade_model[] =
	"# Answer\n\n"
	"## File: lib/app.ts\n```ts\nconst a = 1;\nconst b = 2;\n```\n\n" /* M0: path */
	"## File: src/util.ts\n```ts\nexport const u = 1;\n```\n\n" /* M1: basename */
	"```python\nimport os\nprint(1)\n```\n\n"                  /* M2: language */
	"```yaml\na: 1\n```\n\n"                                   /* M3: only in MODEL */
	"```yaml\nname: x\nitems:\n  - one\n  - two\n```\n\n"      /* M4: similarity */
	"```bash\nls\n```\n";                                      /* M5: only in MODEL */

static const char cascade_ideal[] =
	"# Ideal\n\n"
	"## lib/app.ts\n```typescript\nconst a = 1;\nconst b = 3;\n```\n\n"
	"## lib/util.ts\n```ts\nexport const u = 1;\n```\n\n"
	"```py\nimport os\nprint(2)\n```\n\n"
	"```yaml\nname: x\nitems:\n  - one\n  - three\n```\n\n"
	"```go\npackage main\n```\n";

static void pairing_cascade(void **state)
{
	(void)state;
	struct pair p = make_s(cascade_model, cascade_ideal, 0);
	struct rdiff *rd = p.rd;
	assert_int_equal(rdiff_compute_all(rd, false), 0);
	struct {
		const char *name;
		enum rdiff_status status;
		enum rdiff_how how;
		const char *state;
	} want[] = {
		{ "lib/app.ts", RDIFF_PAIRED, RDIFF_BY_PATH, "modified" },
		{ "src/util.ts \xe2\x86\x92 lib/util.ts", RDIFF_PAIRED, RDIFF_BY_BASENAME, "moved" },
		{ "(python block M:14 I:14)", RDIFF_PAIRED, RDIFF_BY_LANGUAGE, "modified" },
		{ "(yaml block M:23 I:19)", RDIFF_PAIRED, RDIFF_BY_SIMILARITY, "modified" },
		{ "(go block I:26)", RDIFF_ONLY_IDEAL, RDIFF_BY_NONE, "only in IDEAL" },
		{ "(yaml block M:19)", RDIFF_ONLY_MODEL, RDIFF_BY_NONE, "only in MODEL" },
		{ "(bash block M:30)", RDIFF_ONLY_MODEL, RDIFF_BY_NONE, "only in MODEL" },
		{ "(prose)", RDIFF_PAIRED, RDIFF_BY_NONE, "rewritten" },
	};
	assert_int_equal(rd->nfiles, FX_COUNT(want));
	for (size_t k = 0; k < FX_COUNT(want); k++) {
		const struct rdiff_file *f = &rd->files[k];
		assert_string_equal(f->name, want[k].name);
		assert_int_equal(f->status, want[k].status);
		assert_int_equal(f->how, want[k].how);
		assert_string_equal(rdiff_file_state(f), want[k].state);
	}
	assert_int_equal(rd->files[0].kind, RDIFF_BLOCK);
	assert_int_equal(rd->files[7].kind, RDIFF_PROSE);
	assert_string_equal(rd->files[0].lang, "typescript");
	/* the moved file is unchanged */
	assert_int_equal(rd->files[1].stats.added, 0);
	assert_int_equal(rd->files[1].stats.similarity, 100);
	/* only-in files are all added or all removed */
	assert_int_equal(rd->files[4].stats.added, 1);
	assert_int_equal(rd->files[4].stats.removed, 0);
	assert_int_equal(rd->files[5].stats.removed, 1);
	/* code lines: MODEL 2+1+2+1+4+1, IDEAL 2+1+2+4+1; paired 4+2+4+8 */
	assert_int_equal(rd->code_lines, 21);
	assert_int_equal(rd->coverage, 85);
	done(&p);
}

static void language_pairing_needs_something_shared(void **state)
{
	(void)state;
	struct buf model = BUF_INIT;
	buf_puts(&model, "## bin/tap.ts\n```ts\n");
	for (int i = 0; i < 50; i++)
		buf_printf(&model, "new Stack%d(app, 'S%d', { env });\n", i, i);
	buf_puts(&model, "```\n");
	struct pair p = make(model.ptr, model.len, "```ts\nconst x = 1;\n```\n", 23, 0);
	assert_int_equal(p.rd->nfiles, 3); /* and the prose: the heading */
	assert_int_equal(p.rd->files[0].status, RDIFF_ONLY_IDEAL);
	assert_int_equal(p.rd->files[1].status, RDIFF_ONLY_MODEL);
	assert_int_equal(p.rd->files[2].kind, RDIFF_PROSE);
	assert_int_equal(p.rd->coverage, 0);
	done(&p);
	buf_free(&model);

	/* two named blocks of the only language pair when they are alike */
	p = make_s("## lib/stack.ts\n```ts\nimport * as cdk from 'aws-cdk-lib';\nexport class S {}\n```\n",
		   "## lib/tap-stack.ts\n```ts\nimport * as cdk from 'aws-cdk-lib';\nexport class T {}\n```\n", 0);
	assert_int_equal(p.rd->files[0].status, RDIFF_PAIRED);
	assert_int_equal(p.rd->files[0].how, RDIFF_BY_LANGUAGE);
	assert_int_equal(rdiff_compute(p.rd, &p.rd->files[0]), 0);
	assert_string_equal(rdiff_file_state(&p.rd->files[0]), "renamed");
	done(&p);
}

/* The rows of a file as "a:b" (context) or "a>b" (change, '*' similar). */
static void rows_text(const struct rdiff_file *f, char *out)
{
	out[0] = '\0';
	for (size_t r = 0; r < f->nrows; r++) {
		const struct rdiff_row *x = &f->rows[r];
		char cell[32];
		snprintf(cell, sizeof(cell), "%s%d%s%d", r ? " " : "", x->a,
			 x->kind == RDIFF_ROW_SAME ? ":" : x->similar ? "*" : ">", x->b);
		strcat(out, cell);
	}
}

static void change_is_aligned_by_similarity(void **state)
{
	(void)state;
	struct pair p = make_s("keep1\nold alpha beta\nremove me entirely\nkeep2\n",
			       "keep1\nnew line totally\nold alpha gamma\nkeep2\n", 0);
	struct rdiff_file *f = &p.rd->whole;
	assert_int_equal(rdiff_compute(p.rd, f), 0);
	char rows[256];
	rows_text(f, rows);
	assert_string_equal(rows, "0:0 -1>1 1*2 2>-1 3:3");
	assert_int_equal(f->nchanges, 1);
	assert_int_equal(f->changes[0].first, 1);
	assert_int_equal(f->changes[0].end, 4);
	const struct rdiff_row *sim = &f->rows[2];
	assert_int_equal(sim->naspan, 1);
	assert_int_equal(f->spans[sim->aspan].start, 10);
	assert_int_equal(f->spans[sim->aspan].len, 4); /* "beta" */
	assert_int_equal(sim->nbspan, 1);
	assert_int_equal(f->spans[sim->bspan].len, 5); /* "gamma" */
	assert_int_equal(f->stats.added, 2);
	assert_int_equal(f->stats.removed, 2);
	assert_int_equal(f->stats.changed, 1);
	assert_int_equal(f->stats.same, 2);
	assert_int_equal(f->stats.similarity, 50);
	done(&p);

	/* too dissimilar once diffed: paired, but no highlight */
	p = make_s("x\na b c d e f\n", "x\nf e d c b a\n", 0);
	f = &p.rd->whole;
	assert_int_equal(rdiff_compute(p.rd, f), 0);
	rows_text(f, rows);
	assert_string_equal(rows, "0:0 1*1");
	assert_int_equal(f->rows[1].naspan + f->rows[1].nbspan, 0);
	done(&p);

	/* statistics only: no word diff */
	p = make_s("a\nold alpha beta\n", "a\nold alpha gamma\n", RDIFF_NO_WORDS);
	f = &p.rd->whole;
	assert_int_equal(rdiff_compute(p.rd, f), 0);
	assert_int_equal(f->stats.changed, 1);
	assert_int_equal(f->nspans, 0);
	done(&p);
}

static void hunks_follow_the_context(void **state)
{
	(void)state;
	struct buf a = BUF_INIT, b = BUF_INIT;
	for (int i = 1; i <= 20; i++) {
		buf_printf(&a, "line %d\n", i);
		buf_printf(&b, "line %d%s\n", i, i == 3 || i == 12 ? " changed" : "");
	}
	struct pair p = make(a.ptr, a.len, b.ptr, b.len, 0);
	struct rdiff_file *f = &p.rd->whole;
	assert_int_equal(rdiff_compute(p.rd, f), 0);
	struct rdiff_hunk *h = NULL;
	assert_int_equal(rdiff_hunks(f, 3, &h), 2);
	assert_int_equal(h[0].a_line, 1);
	assert_int_equal(h[0].a_count, 6);
	assert_int_equal(h[0].b_count, 6);
	assert_int_equal(h[1].a_line, 9);
	assert_int_equal(h[1].a_count, 7);
	free(h);
	/* 8 unchanged lines between: one hunk from 4 lines of context */
	assert_int_equal(rdiff_hunks(f, 4, &h), 1);
	assert_int_equal(h[0].first, 0);
	assert_int_equal(h[0].end, 16);
	free(h);
	assert_int_equal(rdiff_hunks(f, 0, &h), 2);
	assert_int_equal(h[0].a_line, 3);
	assert_int_equal(h[0].a_count, 1);
	free(h);
	done(&p);
	buf_free(&a);
	buf_free(&b);

	/* a pure insertion names the line before it, as git does */
	p = make_s("a\nb\n", "a\nnew\nb\n", 0);
	f = &p.rd->whole;
	assert_int_equal(rdiff_compute(p.rd, f), 0);
	assert_int_equal(rdiff_hunks(f, 0, &h), 1);
	assert_int_equal(h[0].a_line, 1);
	assert_int_equal(h[0].a_count, 0);
	assert_int_equal(h[0].b_line, 2);
	assert_int_equal(h[0].b_count, 1);
	free(h);
	done(&p);
}

static void block_lines_keep_document_numbers(void **state)
{
	(void)state;
	struct pair p = make_s("intro\n\n## File: a.py\n```python\nx = 1\ny = 2\n```\n",
			       "## File: a.py\n```python\nx = 1\ny = 3\n```\n", 0);
	struct rdiff_file *f = &p.rd->files[0];
	assert_int_equal(rdiff_compute(p.rd, f), 0);
	struct rdiff_hunk *h = NULL;
	assert_int_equal(rdiff_hunks(f, 3, &h), 1);
	assert_int_equal(h[0].a_line, 5);
	assert_int_equal(h[0].b_line, 3);
	assert_int_equal(f->a->v[f->rows[1].a].no, 6);
	assert_int_equal(f->b->v[f->rows[1].b].no, 4);
	free(h);
	done(&p);
}

static void whitespace_can_be_ignored(void **state)
{
	(void)state;
	const char *m = "```ts\nif (x) {\n  y();\n}\n```\n", *i = "```ts\nif (x)  {\n    y();\n}\n```\n";
	struct pair p = make_s(m, i, 0);
	assert_int_equal(rdiff_compute(p.rd, &p.rd->files[0]), 0);
	assert_int_equal(p.rd->files[0].stats.changed, 2);
	/* the same model, recomputed with the flag */
	rdiff_set_flags(p.rd, RDIFF_IGNORE_WS);
	assert_false(p.rd->files[0].computed);
	assert_int_equal(rdiff_compute(p.rd, &p.rd->files[0]), 0);
	assert_int_equal(p.rd->files[0].stats.added, 0);
	assert_int_equal(p.rd->files[0].stats.same, 3);
	assert_string_equal(rdiff_file_state(&p.rd->files[0]), "identical");
	done(&p);
}

static void identical_and_empty_documents(void **state)
{
	(void)state;
	struct pair p = make_s(cascade_model, cascade_model, 0);
	assert_int_equal(rdiff_compute_all(p.rd, true), 0);
	for (size_t k = 0; k < p.rd->nfiles; k++) {
		assert_string_equal(rdiff_file_state(&p.rd->files[k]), "identical");
		assert_int_equal(p.rd->files[k].nchanges, 0);
	}
	assert_int_equal(p.rd->whole.nchanges, 0);
	assert_int_equal(p.rd->coverage, 100);
	struct rdiff_hunk *h = NULL;
	assert_int_equal(rdiff_hunks(&p.rd->whole, 3, &h), 0);
	free(h);
	done(&p);

	/* an empty MODEL: one prose file, all added */
	p = make("", 0, "hello\n", 6, 0);
	assert_int_equal(rdiff_compute_all(p.rd, true), 0);
	assert_int_equal(p.rd->nfiles, 1);
	assert_int_equal(p.rd->files[0].kind, RDIFF_PROSE);
	assert_int_equal(p.rd->files[0].stats.added, 1);
	assert_int_equal(p.rd->whole.stats.added, 1);
	done(&p);
}

static void limits_fall_back_to_coarser_diffs(void **state)
{
	(void)state;
	/* over RDIFF_MAX_LINES: removed and added whole */
	struct buf big = BUF_INIT;
	for (int i = 0; i <= RDIFF_MAX_LINES; i++)
		buf_puts(&big, "x\n");
	struct pair p = make(big.ptr, big.len, "x\n", 2, 0);
	assert_int_equal(rdiff_compute(p.rd, &p.rd->whole), 0);
	assert_true(p.rd->whole.notes & RDIFF_NOTE_TOO_LARGE);
	assert_int_equal(p.rd->whole.stats.removed, RDIFF_MAX_LINES + 1);
	assert_int_equal(p.rd->whole.stats.added, 1);
	done(&p);
	buf_free(&big);

	/* a change of 510 x 510 lines: aligned by position */
	struct buf a = BUF_INIT, b = BUF_INIT;
	for (int i = 0; i < 510; i++) {
		buf_printf(&a, "item %d alpha\n", i);
		buf_printf(&b, "item %d beta\n", i);
	}
	p = make(a.ptr, a.len, b.ptr, b.len, 0);
	assert_int_equal(rdiff_compute(p.rd, &p.rd->whole), 0);
	assert_true(p.rd->whole.notes & RDIFF_NOTE_ALIGN);
	assert_int_equal(p.rd->whole.stats.changed, 510);
	assert_int_equal(p.rd->whole.nrows, 510);
	done(&p);
	buf_free(&a);
	buf_free(&b);

	/* a 17 KB line: paired, not highlighted */
	struct buf la = BUF_INIT, lb = BUF_INIT;
	for (int i = 0; i < 3400; i++) {
		buf_puts(&la, "word ");
		buf_puts(&lb, i == 100 ? "diff " : "word ");
	}
	buf_putc(&la, '\n');
	buf_putc(&lb, '\n');
	p = make(la.ptr, la.len, lb.ptr, lb.len, 0);
	assert_int_equal(rdiff_compute(p.rd, &p.rd->whole), 0);
	assert_true(p.rd->whole.notes & RDIFF_NOTE_LONG_LINE);
	assert_int_equal(p.rd->whole.stats.changed, 1);
	assert_int_equal(p.rd->whole.nspans, 0);
	done(&p);
	buf_free(&la);
	buf_free(&lb);
}

static void large_inputs_are_diffed(void **state)
{
	(void)state;
	/* a 5,000-line block with every tenth line changed */
	struct buf a = BUF_INIT, b = BUF_INIT;
	buf_puts(&a, "```hcl\n");
	buf_puts(&b, "```hcl\n");
	for (int i = 0; i < 5000; i++) {
		buf_printf(&a, "resource \"aws_s3_bucket\" \"b%d\" { bucket = \"x%d\" }\n", i, i);
		buf_printf(&b, "resource \"aws_s3_bucket\" \"b%d\" { bucket = \"%s%d\" }\n", i,
			   i % 10 ? "x" : "y", i);
	}
	buf_puts(&a, "```\n");
	buf_puts(&b, "```\n");
	struct pair p = make(a.ptr, a.len, b.ptr, b.len, 0);
	assert_int_equal(rdiff_compute_all(p.rd, true), 0);
	assert_int_equal(p.rd->files[0].stats.changed, 500);
	assert_int_equal(p.rd->files[0].notes, 0);
	done(&p);
	buf_free(&a);
	buf_free(&b);

	/* 5 MB of random bytes against 5 MB of other random bytes */
	size_t n = 5u << 20;
	char *x = xmalloc(n), *y = xmalloc(n);
	uint32_t s = 7;
	for (size_t i = 0; i < n; i++) {
		s = s * 1103515245u + 12345u;
		x[i] = (char)(s >> 16);
		s = s * 1103515245u + 12345u;
		y[i] = (char)(s >> 16);
	}
	p = make(x, n, y, n, 0);
	assert_int_equal(rdiff_compute_all(p.rd, true), 0);
	assert_true(p.rd->whole.computed);
	assert_true(p.rd->whole.stats.removed > 0);
	done(&p);
	free(x);
	free(y);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pairing_cascade),
		cmocka_unit_test(language_pairing_needs_something_shared),
		cmocka_unit_test(change_is_aligned_by_similarity),
		cmocka_unit_test(hunks_follow_the_context),
		cmocka_unit_test(block_lines_keep_document_numbers),
		cmocka_unit_test(whitespace_can_be_ignored),
		cmocka_unit_test(identical_and_empty_documents),
		cmocka_unit_test(limits_fall_back_to_coarser_diffs),
		cmocka_unit_test(large_inputs_are_diffed),
	};
	return cmocka_run_group_tests(tests, fx_setup_global, fx_teardown_global);
}
