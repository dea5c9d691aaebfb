/* Fuzz target: the response diff (core/rdiff) and its side-by-side and
 * unified rendering (views/diff).  The input is split at its first NUL
 * (or in the middle) into MODEL and IDEAL; the first byte picks the
 * flags, the width and the context.  Every row must name lines that
 * exist, every span lie inside its line, every hunk inside the rows, and
 * every rendered row fit the width, and no line hold a control byte. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/rdiff.h"
#include "../../core/utf8.h"
#include "../../views/diff.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	utf8_locale_init();
	return 0;
}

static void check_lines(const struct slist *out, size_t width)
{
	for (size_t i = 0; i < out->n; i++) {
		const struct sline *l = &out->v[i];
		/* rows fit the width; headers and notes are cut by the view */
		if (width && l->cols > width &&
		    !(l->flags & (DIFF_LINE_FILE | DIFF_LINE_HUNK | DIFF_LINE_NOTE | DIFF_LINE_LIST)))
			__builtin_trap();
		for (uint32_t k = 0; k < l->len; k++)
			if ((unsigned char)l->text[k] < 0x20 || l->text[k] == 0x7f)
				__builtin_trap();
	}
}

static void check_file(const struct rdiff_file *f)
{
	if (!f->computed)
		__builtin_trap();
	for (size_t i = 0; i < f->nrows; i++) {
		const struct rdiff_row *r = &f->rows[i];
		if ((r->a < 0 && r->b < 0) || (r->a >= 0 && (size_t)r->a >= f->a->n) ||
		    (r->b >= 0 && (size_t)r->b >= f->b->n))
			__builtin_trap();
		if ((size_t)r->aspan + r->naspan > f->nspans || (size_t)r->bspan + r->nbspan > f->nspans)
			__builtin_trap();
		for (uint32_t k = 0; k < r->naspan; k++) {
			const struct rdiff_span *s = &f->spans[r->aspan + k];
			if (r->a < 0 || (size_t)s->start + s->len > f->a->v[r->a].len)
				__builtin_trap();
		}
		for (uint32_t k = 0; k < r->nbspan; k++) {
			const struct rdiff_span *s = &f->spans[r->bspan + k];
			if (r->b < 0 || (size_t)s->start + s->len > f->b->v[r->b].len)
				__builtin_trap();
		}
	}
	for (size_t i = 0; i < f->nchanges; i++)
		if (f->changes[i].first >= f->changes[i].end || f->changes[i].end > f->nrows)
			__builtin_trap();
	if (f->stats.similarity > 100)
		__builtin_trap();
	for (unsigned ctx = 0; ctx < 4; ctx += 3) {
		struct rdiff_hunk *h = NULL;
		size_t n = rdiff_hunks(f, ctx, &h);
		for (size_t i = 0; i < n; i++)
			if (h[i].first >= h[i].end || h[i].end > f->nrows || (i && h[i].first < h[i - 1].end))
				__builtin_trap();
		free(h);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned sel = size ? data[0] : 0;
	const char *s = size ? (const char *)data + 1 : "";
	size_t n = size ? size - 1 : 0;
	const char *nul = memchr(s, '\0', n);
	size_t an = nul ? (size_t)(nul - s) : n / 2;
	const char *b = s + an + (nul ? 1 : 0);
	size_t bn = n - (size_t)(b - s);

	struct mdoc *ma = NULL, *mb = NULL;
	if (mdoc_parse(&ma, s, an) < 0 || mdoc_parse(&mb, b, bn) < 0) {
		mdoc_free(ma);
		mdoc_free(mb);
		return 0;
	}
	unsigned flags = (sel & 1 ? RDIFF_IGNORE_WS : 0) | (sel & 2 ? RDIFF_NO_WORDS : 0);
	struct rdiff *rd = rdiff_new(ma, mb, flags);
	if (rdiff_compute_all(rd, true) == 0) {
		struct slist out = { 0 };
		struct diff_opts o = {
			.layout = sel & 4 ? DIFF_SIDE_BY_SIDE : DIFF_UNIFIED,
			.width = 40 + (sel >> 3) * 6,
			.wrap = sel & 8,
			.hscroll = sel & 16 ? 3 : 0,
			.context = sel & 32 ? 0 : 3,
		};
		/* the notices and the list are cut by the view, not here */
		diff_render_notices(&out, rd, true);
		diff_render_list(&out, rd, false, o.width);
		diff_render_list(&out, rd, true, o.width);
		check_lines(&out, 0);
		slist_clear(&out);
		for (size_t i = 0; i < rd->nfiles; i++) {
			check_file(&rd->files[i]);
			diff_render_file(&out, &rd->files[i], i, &o);
		}
		check_file(&rd->whole);
		diff_render_file(&out, &rd->whole, rd->nfiles, &o);
		check_lines(&out, o.width);
		slist_free(&out);
	}
	rdiff_free(rd);
	mdoc_free(ma);
	mdoc_free(mb);
	return 0;
}
