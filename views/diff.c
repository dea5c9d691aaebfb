#include "diff.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "../core/utf8.h"

#define WRAP_MARK "\xe2\x86\xaa" /* ↪ */
#define SIDE_SEP "\xe2\x94\x82 " /* "│ ": 2 columns */
#define SIDE_SEP_COLS 2
#define ARROW "\xe2\x86\x92"     /* → */
#define ELLIPSIS "\xe2\x80\xa6"  /* … */

static size_t digits(size_t n)
{
	size_t d = 1;
	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

static struct sline *note(struct slist *out, intptr_t ref, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static struct sline *note(struct slist *out, intptr_t ref, const char *fmt, ...)
{
	struct sline *l = slist_push(out);
	char *msg;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	sline_adds(l, S_WARN, "note: ");
	sline_adds(l, S_NORMAL, msg ? msg : "?");
	free(msg);
	l->flags = DIFF_LINE_NOTE;
	l->ref = ref;
	return l;
}

static void encoding_note(struct slist *out, const char *who, unsigned flags)
{
	if (!(flags & (MDOC_HAD_CRLF | MDOC_HAD_CR | MDOC_HAD_INVALID_UTF8 | MDOC_HAD_NUL)))
		return; /* a BOM alone changes nothing a reviewer sees */
	char what[200] = "";
	size_t n = 0;
	if (flags & MDOC_HAD_CRLF)
		n += (size_t)snprintf(what + n, sizeof(what) - n, "%sCRLF line ends", n ? ", " : "");
	if (flags & MDOC_HAD_CR)
		n += (size_t)snprintf(what + n, sizeof(what) - n, "%slone CRs (read as line ends)",
				      n ? ", " : "");
	if (flags & MDOC_HAD_INVALID_UTF8)
		n += (size_t)snprintf(what + n, sizeof(what) - n,
				      "%sinvalid UTF-8 (shown as \xef\xbf\xbd)", n ? ", " : "");
	if (flags & MDOC_HAD_NUL)
		snprintf(what + n, sizeof(what) - n, "%sNUL bytes (shown as ^@)", n ? ", " : "");
	note(out, 0, "%s has %s", who, what);
}

void diff_render_notices(struct slist *out, const struct rdiff *rd, bool whole)
{
	encoding_note(out, "MODEL_RESPONSE.md", rd->model->flags);
	encoding_note(out, "IDEAL_RESPONSE.md", rd->ideal->flags);
	if (whole) {
		const struct rdiff_file *w = &rd->whole;
		if (w->computed && w->stats.similarity < RDIFF_REWRITTEN && w->stats.a_text &&
		    w->stats.b_text)
			note(out, 0, "MODEL and IDEAL share only %u%% of their lines: almost every line "
				     "shows as changed", w->stats.similarity);
		return;
	}
	if (!rd->model->nblocks && !rd->ideal->nblocks)
		note(out, 0, "neither document has code blocks: the prose diff is the whole diff");
	else if (rd->coverage < RDIFF_LOW_COVERAGE)
		note(out, 0, "paired blocks hold only %u%% of the code lines; "
			     "the whole-document diff (--whole) may read better", rd->coverage);
	if (rd->notes & RDIFF_NOTE_PAIR_BUDGET)
		note(out, 0, "too many blocks to pair all by similarity (over %u token comparisons): "
			     "some are left unpaired", (unsigned)RDIFF_PAIR_MAX_WORK);
}

/* --- the file list --- */

static void fit_name(struct sline *l, int style, const char *name, size_t cols)
{
	struct sline full;
	sline_init(&full);
	sline_adds(&full, style, name);
	if (!cols || full.cols <= cols) {
		sline_append(l, &full);
		sline_pad(l, S_NORMAL, l->cols + (cols ? cols - full.cols : 0));
	} else {
		/* keep the end of a long path: that is where the file name is */
		size_t start = l->cols;
		sline_adds(l, S_DIM, ELLIPSIS);
		sline_slice(l, &full, full.cols - (cols - 1), cols - 1);
		sline_pad(l, S_NORMAL, start + cols);
	}
	sline_free(&full);
}

static int state_style(const struct rdiff_file *f)
{
	if (f->status != RDIFF_PAIRED)
		return S_WARN;
	if (f->computed && !f->stats.added && !f->stats.removed)
		return S_OK;
	return S_NORMAL;
}

static void list_row(struct sline *l, const struct rdiff_file *f, size_t name_cols,
		     const size_t w[4])
{
	sline_adds(l, S_NORMAL, "  ");
	fit_name(l, S_PATH, f->name, name_cols);
	sline_adds(l, S_NORMAL, "  ");
	size_t at = l->cols;
	sline_adds(l, state_style(f), rdiff_file_state(f));
	sline_pad(l, S_NORMAL, at + 14);
	if (!f->computed)
		return;
	const struct rdiff_stats *s = &f->stats;
	char num[32];
	at = l->cols;
	snprintf(num, sizeof(num), " +%zu", s->added);
	sline_pad(l, S_NORMAL, at + w[0] + 2 - strlen(num));
	sline_adds(l, S_DIFF_ADD, num);
	at = l->cols;
	snprintf(num, sizeof(num), " -%zu", s->removed);
	sline_pad(l, S_NORMAL, at + w[1] + 2 - strlen(num));
	sline_adds(l, S_DIFF_DEL, num);
	at = l->cols;
	snprintf(num, sizeof(num), " ~%zu", s->changed);
	sline_pad(l, S_NORMAL, at + w[2] + 2 - strlen(num));
	sline_adds(l, S_DIM, num);
	snprintf(num, sizeof(num), "%u%%", s->similarity);
	at = l->cols;
	sline_pad(l, S_NORMAL, at + 6 - strlen(num));
	sline_adds(l, S_NUMBER, num);
	if (f->how != RDIFF_BY_NONE) {
		sline_adds(l, S_NORMAL, "  ");
		sline_addf(l, S_DIM, "by %s", rdiff_how_name(f->how));
	}
}

void diff_render_list(struct slist *out, const struct rdiff *rd, bool whole, size_t width)
{
	const struct rdiff_file *files = whole ? &rd->whole : rd->files;
	size_t n = whole ? 1 : rd->nfiles;
	size_t name_cols = 0, w[4] = { 1, 1, 1, 0 };
	for (size_t i = 0; i < n; i++) {
		size_t c = utf8_columns(files[i].name, strlen(files[i].name));
		if (c > name_cols)
			name_cols = c;
		if (files[i].computed) {
			size_t d[3] = { digits(files[i].stats.added), digits(files[i].stats.removed),
					digits(files[i].stats.changed) };
			for (int k = 0; k < 3; k++)
				if (d[k] > w[k])
					w[k] = d[k];
		}
	}
	/* The name column gives way first when the list is too wide. */
	size_t rest = 2 + 2 + 14 + w[0] + w[1] + w[2] + 6 + 6 + 16;
	if (width && name_cols + rest > width)
		name_cols = width > rest + 12 ? width - rest : 12;
	struct sline *h = slist_push(out);
	size_t paired = 0, mo = 0, io = 0;
	for (size_t i = 0; i < n; i++) {
		paired += files[i].kind == RDIFF_BLOCK && files[i].status == RDIFF_PAIRED;
		mo += files[i].status == RDIFF_ONLY_MODEL;
		io += files[i].status == RDIFF_ONLY_IDEAL;
	}
	if (whole)
		sline_addf(h, S_HEADER, "whole documents: MODEL %zu lines, IDEAL %zu lines",
			   rd->model->lines.n, rd->ideal->lines.n);
	else
		sline_addf(h, S_HEADER,
			   "%zu file%s: %zu paired, %zu only in MODEL, %zu only in IDEAL "
			   "(code blocks: MODEL %zu, IDEAL %zu)",
			   n, n == 1 ? "" : "s", paired, mo, io, rd->model->nblocks, rd->ideal->nblocks);
	h->flags = DIFF_LINE_LIST;
	h->ref = DIFF_REF(0, 0);
	for (size_t i = 0; i < n; i++) {
		struct sline *l = slist_push(out);
		list_row(l, &files[i], name_cols, w);
		l->flags = DIFF_LINE_LIST;
		l->ref = DIFF_REF(i, 0);
	}
}

/* --- one file --- */

static void range_text(struct sline *l, const char *who, const struct mdoc_block *b)
{
	if (b->body.n > 1)
		sline_addf(l, S_DIM, "%s lines %u-%u", who, b->body.v[0].no,
			   b->body.v[b->body.n - 1].no);
	else if (b->body.n)
		sline_addf(l, S_DIM, "%s line %u", who, b->body.v[0].no);
	else
		sline_addf(l, S_DIM, "%s line %u (empty)", who, b->fence_line);
}

static void file_header(struct slist *out, const struct rdiff_file *f, size_t index)
{
	intptr_t ref = DIFF_REF(index, 0);
	struct sline *l = slist_push(out);
	l->flags = DIFF_LINE_FILE;
	l->ref = ref;
	sline_adds(l, S_DIFF_FILE, f->name);
	sline_adds(l, S_NORMAL, "  ");
	sline_adds(l, state_style(f), rdiff_file_state(f));
	if (f->how != RDIFF_BY_NONE)
		sline_addf(l, S_DIM, " (paired by %s)", rdiff_how_name(f->how));
	if (f->computed) {
		sline_adds(l, S_NORMAL, "  ");
		sline_addf(l, S_DIFF_ADD, "+%zu", f->stats.added);
		sline_adds(l, S_NORMAL, " ");
		sline_addf(l, S_DIFF_DEL, "-%zu", f->stats.removed);
		sline_adds(l, S_NORMAL, " ");
		sline_addf(l, S_DIM, "~%zu", f->stats.changed);
		if (f->status == RDIFF_PAIRED)
			sline_addf(l, S_NUMBER, "  %u%% similar", f->stats.similarity);
	}
	if (f->ablock || f->bblock) {
		l = slist_push(out);
		l->flags = DIFF_LINE_FILE;
		l->ref = ref;
		sline_adds(l, S_NORMAL, "  ");
		if (f->ablock)
			range_text(l, "MODEL", f->ablock);
		if (f->ablock && f->bblock)
			sline_adds(l, S_DIM, " " ARROW " ");
		if (f->bblock)
			range_text(l, "IDEAL", f->bblock);
		const struct mdoc_block *lb = f->bblock ? f->bblock : f->ablock;
		if (lb->label != MDOC_LABEL_NONE)
			sline_addf(l, S_DIM, ", named by %s", mdoc_label_name(lb->label));
	}
	if (f->ablock && f->ablock->unterminated)
		note(out, ref, "MODEL's block (line %u) has no closing fence: read to the end of "
			       "the document", f->ablock->fence_line);
	if (f->bblock && f->bblock->unterminated)
		note(out, ref, "IDEAL's block (line %u) has no closing fence: read to the end of "
			       "the document", f->bblock->fence_line);
	if (f->notes & RDIFF_NOTE_TOO_LARGE)
		note(out, ref, "too large to diff line by line (over %u lines or %u MiB a side): "
			       "shown removed and added whole", (unsigned)RDIFF_MAX_LINES,
		     (unsigned)(RDIFF_MAX_BYTES >> 20));
	if (f->notes & RDIFF_NOTE_ALIGN)
		note(out, ref, "changes over %u line pairs are aligned by position, not similarity",
		     (unsigned)RDIFF_ALIGN_MAX_CELLS);
	if (f->notes & RDIFF_NOTE_LONG_LINE)
		note(out, ref, "lines over %u bytes get no word highlight", (unsigned)RDIFF_WORD_MAX_LINE);
	if (f->notes & RDIFF_NOTE_WORD_BUDGET)
		note(out, ref, "word highlighting stopped after %u tokens", (unsigned)RDIFF_WORD_MAX_TOKENS);
	if (f->kind != RDIFF_DOCUMENT && f->status == RDIFF_PAIRED && f->computed &&
	    f->stats.similarity < RDIFF_REWRITTEN && f->stats.a_text && f->stats.b_text)
		note(out, ref, "the two sides share only %u%% of their lines: almost everything "
			       "shows as changed", f->stats.similarity);
}

/* Geometry of a file's rows at the chosen width. */
struct geom {
	enum diff_layout layout;
	size_t numw;     /* line number digits */
	size_t textw;    /* unified: text columns (0 unbounded); side: left side */
	size_t textw2;   /* side-by-side: right side */
	bool wrap;
	size_t hscroll;
};

static size_t max_lineno(const struct rdiff_file *f)
{
	size_t m = 0;
	if (f->a->n && f->a->v[f->a->n - 1].no > m)
		m = f->a->v[f->a->n - 1].no;
	if (f->b->n && f->b->v[f->b->n - 1].no > m)
		m = f->b->v[f->b->n - 1].no;
	return m;
}

static void geometry(struct geom *g, const struct rdiff_file *f, const struct diff_opts *o)
{
	memset(g, 0, sizeof(*g));
	g->numw = digits(max_lineno(f));
	g->wrap = o->wrap;
	g->hscroll = o->wrap ? 0 : o->hscroll;
	size_t gutter = g->numw + 3; /* "123 - " */
	if (o->layout == DIFF_SIDE_BY_SIDE &&
	    o->width >= 2 * (gutter + DIFF_SIDE_MIN_TEXT) + SIDE_SEP_COLS) {
		g->layout = DIFF_SIDE_BY_SIDE;
		size_t text = o->width - SIDE_SEP_COLS - 2 * gutter;
		g->textw = text / 2;
		g->textw2 = text - g->textw;
		return;
	}
	g->layout = DIFF_UNIFIED;
	size_t ugutter = 2 * g->numw + 4;
	if (o->width)
		g->textw = o->width > ugutter + 8 ? o->width - ugutter : 8;
}

enum diff_layout diff_layout_for(const struct rdiff_file *f, const struct diff_opts *o)
{
	struct geom g;
	geometry(&g, f, o);
	return g.layout;
}

/* A line's text with its word highlights, tabs expanded from column 0. */
static void line_text(struct sline *c, const struct rdiff_file *f, const struct mdoc_line *l,
		      uint32_t span, uint32_t nspan, int base, int word)
{
	sline_clear(c);
	uint32_t pos = 0;
	for (uint32_t i = 0; i < nspan; i++) {
		const struct rdiff_span *sp = &f->spans[span + i];
		if (sp->start < pos || sp->start + sp->len > l->len)
			continue;
		sline_add(c, base, l->s + pos, sp->start - pos);
		sline_add(c, word, l->s + sp->start, sp->len);
		pos = sp->start + sp->len;
	}
	sline_add(c, base, l->s + pos, l->len - pos);
}

/* Where a wrapped piece of a line starts: its byte offset, its column,
 * and the span that holds that byte (so copying a piece never rescans the
 * line: a 5 MB line wraps in linear time). */
struct cut {
	size_t byte, col;
	uint32_t span;
};

/* The pieces of c at width w, never splitting a character; the caller
 * frees.  Returns the count (at least 1). */
static size_t wrap_points(const struct sline *c, size_t w, struct cut **out)
{
	struct cut *v = NULL;
	size_t n = 0, cap = 0;
	VEC_GROW(v, 1, cap);
	v[n++] = (struct cut){ 0, 0, 0 };
	size_t col = 0, start = 0, i = 0;
	uint32_t span = 0;
	while (w && i < c->len) {
		while (span + 1 < c->nspans && i >= (size_t)c->spans[span].start + c->spans[span].len)
			span++;
		uint32_t cp;
		size_t k = utf8_decode(c->text + i, c->len - i, &cp);
		int cw = utf8_width(cp);
		if (cw < 0)
			cw = 1;
		if (col + (size_t)cw > start + w && col > start) {
			VEC_GROW(v, n + 1, cap);
			v[n++] = (struct cut){ i, col, span };
			start = col;
		}
		col += (size_t)cw;
		i += k;
	}
	*out = v;
	return n;
}

/* Append the bytes [from, to) of a sanitised line with their styles,
 * starting the span search at `span`.  (Adding sanitised text again
 * changes nothing: its tabs are spaces and its controls escapes.) */
static void append_piece(struct sline *dst, const struct sline *src, size_t from, size_t to,
			 uint32_t span)
{
	for (uint32_t s = span; s < src->nspans && from < to; s++) {
		size_t lo = src->spans[s].start, hi = lo + src->spans[s].len;
		if (hi <= from)
			continue;
		size_t a = from > lo ? from : lo, b = to < hi ? to : hi;
		if (a >= b)
			break;
		sline_add(dst, src->spans[s].style, src->text + a, b - a);
		from = b;
	}
}

/* One side of a row: the pieces of its text for the width. */
struct piece_src {
	struct sline text;
	struct cut *cuts;
	size_t ncuts;
	bool present;
	int base;        /* style of the text */
	char mark;       /* ' ', '-', '+' */
	uint32_t no;
};

static void piece_init(struct piece_src *p)
{
	memset(p, 0, sizeof(*p));
	sline_init(&p->text);
}

static void piece_free(struct piece_src *p)
{
	sline_free(&p->text);
	free(p->cuts);
}

static void piece_set(struct piece_src *p, const struct rdiff_file *f, const struct mdoc_text *t,
		      int32_t idx, uint32_t span, uint32_t nspan, char mark, const struct geom *g,
		      size_t textw)
{
	free(p->cuts);
	p->cuts = NULL;
	p->ncuts = 0;
	p->present = idx >= 0;
	p->mark = mark;
	if (!p->present) {
		sline_clear(&p->text);
		p->ncuts = 1;
		return;
	}
	p->base = mark == '-' ? S_DIFF_DEL : mark == '+' ? S_DIFF_ADD : S_DIFF_CONTEXT;
	int word = mark == '-' ? S_DIFF_DEL_WORD : S_DIFF_ADD_WORD;
	p->no = t->v[idx].no;
	line_text(&p->text, f, &t->v[idx], span, nspan, p->base, word);
	if (g->wrap && textw) {
		p->ncuts = wrap_points(&p->text, textw, &p->cuts);
	} else {
		p->ncuts = 1;
	}
}

/* Piece k of a side into l, `textw` columns (0: all), padded when asked. */
static void put_piece(struct sline *l, const struct piece_src *p, size_t k, const struct geom *g,
		      size_t textw, bool pad)
{
	size_t at = l->cols;
	if (!p->present || k >= p->ncuts) {
		if (pad && textw)
			sline_pad(l, p->present ? S_NORMAL : S_DIFF_FILLER, at + textw);
		return;
	}
	if (!textw) {
		sline_append(l, &p->text);
	} else if (g->wrap) {
		const struct cut *c = &p->cuts[k];
		size_t to = k + 1 < p->ncuts ? p->cuts[k + 1].byte : p->text.len;
		append_piece(l, &p->text, c->byte, to, c->span);
	} else {
		sline_slice(l, &p->text, g->hscroll, textw);
		if (p->text.cols > g->hscroll + textw)
			l->flags |= DIFF_LINE_CUT;
	}
	if (pad && textw)
		sline_pad(l, p->base, at + textw);
}

static void gutter(struct sline *l, const struct piece_src *p, size_t k, size_t numw, bool number)
{
	if (k == 0 && number && p->present)
		sline_addf(l, S_DIFF_LINENO, "%*u", (int)numw, p->no);
	else
		sline_pad(l, S_DIFF_LINENO, l->cols + numw);
}

static void mark(struct sline *l, const struct piece_src *p, size_t k)
{
	sline_adds(l, S_NORMAL, " ");
	if (!p->present)
		sline_adds(l, S_DIFF_FILLER, " ");
	else if (k >= p->ncuts)
		sline_adds(l, S_NORMAL, " ");
	else if (k > 0)
		sline_adds(l, S_DIFF_WRAP, WRAP_MARK);
	else
		sline_addf(l, p->base, "%c", p->mark);
	sline_adds(l, S_NORMAL, " ");
}

/* Unified: one line of one side (a context line shows both numbers). */
static void unified_line(struct slist *out, const struct piece_src *p, uint32_t other_no,
			 bool left, const struct geom *g, intptr_t ref, unsigned flags)
{
	for (size_t k = 0; k < p->ncuts; k++) {
		struct sline *l = slist_push(out);
		l->ref = ref;
		l->flags = k ? DIFF_LINE_WRAPPED : flags;
		bool context = p->mark == ' ';
		if (k == 0 && (left || context))
			sline_addf(l, S_DIFF_LINENO, "%*u", (int)g->numw, left ? p->no : other_no);
		else
			sline_pad(l, S_DIFF_LINENO, g->numw);
		sline_adds(l, S_NORMAL, " ");
		if (k == 0 && (!left || context))
			sline_addf(l, S_DIFF_LINENO, "%*u", (int)g->numw, left ? other_no : p->no);
		else
			sline_pad(l, S_DIFF_LINENO, l->cols + g->numw);
		mark(l, p, k);
		put_piece(l, p, k, g, g->textw, false);
	}
}

/* Side-by-side: one row, as many screen lines as its longer side needs. */
static void side_row(struct slist *out, const struct piece_src *a, const struct piece_src *b,
		     const struct geom *g, intptr_t ref, unsigned flags)
{
	size_t n = a->ncuts > b->ncuts ? a->ncuts : b->ncuts;
	for (size_t k = 0; k < n; k++) {
		struct sline *l = slist_push(out);
		l->ref = ref;
		l->flags = k ? DIFF_LINE_WRAPPED : flags;
		gutter(l, a, k, g->numw, true);
		mark(l, a, k);
		put_piece(l, a, k, g, g->textw, true);
		sline_adds(l, S_DIFF_LINENO, SIDE_SEP);
		gutter(l, b, k, g->numw, true);
		mark(l, b, k);
		put_piece(l, b, k, g, g->textw2, false);
	}
}

static void hunk_header(struct slist *out, const struct rdiff_hunk *h, size_t i, size_t n,
			intptr_t ref)
{
	struct sline *l = slist_push(out);
	l->flags = DIFF_LINE_HUNK;
	l->ref = ref;
	sline_addf(l, S_DIFF_HUNK, "@@ -%u,%u +%u,%u @@", h->a_line, h->a_count, h->b_line,
		   h->b_count);
	sline_addf(l, S_DIM, " %zu/%zu", i + 1, n);
}

static void render_hunk(struct slist *out, const struct rdiff_file *f, const struct rdiff_hunk *h,
			const struct geom *g, intptr_t ref)
{
	struct piece_src a, b;
	piece_init(&a);
	piece_init(&b);
	size_t r = h->first;
	while (r < h->end) {
		const struct rdiff_row *row = &f->rows[r];
		if (row->kind == RDIFF_ROW_SAME) {
			piece_set(&a, f, f->a, row->a, 0, 0, ' ', g, g->textw);
			if (g->layout == DIFF_SIDE_BY_SIDE) {
				piece_set(&b, f, f->b, row->b, 0, 0, ' ', g, g->textw2);
				side_row(out, &a, &b, g, ref, 0);
			} else {
				unified_line(out, &a, f->b->v[row->b].no, true, g, ref, 0);
			}
			r++;
			continue;
		}
		size_t end = r;
		while (end < h->end && f->rows[end].kind == RDIFF_ROW_CHANGE)
			end++;
		unsigned first = DIFF_LINE_CHANGE;
		if (g->layout == DIFF_SIDE_BY_SIDE) {
			for (size_t k = r; k < end; k++) {
				const struct rdiff_row *x = &f->rows[k];
				piece_set(&a, f, f->a, x->a, x->aspan, x->naspan, '-', g, g->textw);
				piece_set(&b, f, f->b, x->b, x->bspan, x->nbspan, '+', g, g->textw2);
				side_row(out, &a, &b, g, ref, first);
				first = 0;
			}
		} else {
			for (size_t k = r; k < end; k++) {
				const struct rdiff_row *x = &f->rows[k];
				if (x->a < 0)
					continue;
				piece_set(&a, f, f->a, x->a, x->aspan, x->naspan, '-', g, g->textw);
				unified_line(out, &a, 0, true, g, ref, first);
				first = 0;
			}
			for (size_t k = r; k < end; k++) {
				const struct rdiff_row *x = &f->rows[k];
				if (x->b < 0)
					continue;
				piece_set(&b, f, f->b, x->b, x->bspan, x->nbspan, '+', g, g->textw);
				unified_line(out, &b, 0, false, g, ref, first);
				first = 0;
			}
		}
		r = end;
	}
	piece_free(&a);
	piece_free(&b);
}

void diff_render_file(struct slist *out, const struct rdiff_file *f, size_t index,
		      const struct diff_opts *o)
{
	file_header(out, f, index);
	struct geom g;
	geometry(&g, f, o);
	if (o->layout == DIFF_SIDE_BY_SIDE && g.layout == DIFF_UNIFIED)
		note(out, DIFF_REF(index, 0), "side-by-side needs %zu columns: shown unified",
		     2 * (g.numw + 3 + DIFF_SIDE_MIN_TEXT) + SIDE_SEP_COLS);
	struct rdiff_hunk *h = NULL;
	size_t n = rdiff_hunks(f, o->context, &h);
	for (size_t i = 0; i < n; i++) {
		intptr_t ref = DIFF_REF(index, i + 1 < DIFF_REF_HUNKS ? i + 1 : DIFF_REF_HUNKS - 1);
		hunk_header(out, &h[i], i, n, ref);
		render_hunk(out, f, &h[i], &g, ref);
	}
	free(h);
}
