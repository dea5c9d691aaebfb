/* GFM pipe tables.  libcmark 0.30 is plain CommonMark: a table reaches us
 * as a paragraph.  Its source lines are split into cells here (a header
 * row, a delimiter row with the same number of cells, then rows; "\|" is a
 * pipe inside a cell), each cell's inline Markdown is rendered by libcmark,
 * and the table is drawn with columns fitted to the width: cells wrap
 * inside their column; when even narrow columns do not fit, rows are cut
 * at the width with a mark. */
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/mem.h"
#include "document_int.h"

enum align { AL_NONE, AL_LEFT, AL_CENTER, AL_RIGHT };

/* One source line of the paragraph, container markers removed. */
struct srcline {
	const char *p;
	size_t n;
};

struct row {
	char **cells;      /* Markdown of each cell, pipes unescaped */
	size_t n;
	int line;          /* libcmark line */
};

static bool blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

static void trim(const char **p, size_t *n)
{
	while (*n && blank(**p)) {
		(*p)++;
		(*n)--;
	}
	while (*n && blank((*p)[*n - 1]))
		(*n)--;
}

/* Split a row into cells; returns false when the line has no pipe. */
static bool split_row(const char *p, size_t n, struct row *r)
{
	trim(&p, &n);
	bool pipe = false;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\\' && i + 1 < n) {
			i++;
			continue;
		}
		if (p[i] == '|')
			pipe = true;
	}
	if (!pipe)
		return false;
	if (n && p[0] == '|') {
		p++;
		n--;
	}
	if (n && p[n - 1] == '|' && !(n >= 2 && p[n - 2] == '\\'))
		n--;
	memset(r, 0, sizeof(*r));
	size_t cap = 0;
	struct buf cell = BUF_INIT;
	for (size_t i = 0; i <= n; i++) {
		if (i == n || p[i] == '|') {
			const char *c = cell.ptr ? cell.ptr : "";
			size_t cn = cell.len;
			trim(&c, &cn);
			VEC_GROW(r->cells, r->n + 1, cap);
			r->cells[r->n++] = xstrndup(c, cn);
			buf_truncate(&cell, 0);
			continue;
		}
		if (p[i] == '\\' && i + 1 < n && p[i + 1] == '|') {
			buf_putc(&cell, '|');
			i++;
			continue;
		}
		buf_putc(&cell, p[i]);
	}
	buf_free(&cell);
	return true;
}

static void row_free(struct row *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->cells[i]);
	free(r->cells);
	memset(r, 0, sizeof(*r));
}

/* The delimiter row: ":--", "---:", ":-:" cells; the alignments. */
static bool delimiter_row(const struct row *r, enum align *al)
{
	for (size_t i = 0; i < r->n; i++) {
		const char *c = r->cells[i];
		size_t n = strlen(c);
		bool left = n && c[0] == ':', right = n && c[n - 1] == ':';
		size_t a = left ? 1 : 0, b = right && n > a ? n - 1 : n;
		if (a >= b)
			return false;
		for (size_t k = a; k < b; k++)
			if (c[k] != '-')
				return false;
		if (al)
			al[i] = left && right ? AL_CENTER : right ? AL_RIGHT : left ? AL_LEFT : AL_NONE;
	}
	return r->n > 0;
}

/* The paragraph's source lines without block quote markers; the first
 * starts at the paragraph's column. */
static size_t source_lines(struct rctx *c, cmark_node *node, struct srcline **out)
{
	int a = cmark_node_get_start_line(node), b = cmark_node_get_end_line(node);
	size_t quotes = c->quotes;
	size_t n = 0;
	*out = xcalloc((size_t)(b >= a ? b - a + 1 : 1), sizeof(**out));
	for (int l = a; l <= b; l++) {
		size_t len;
		const char *p = mdsrc_line(c->src, (size_t)(c->line_base + l - 1), &len);
		if (l == a) {
			size_t col = (size_t)cmark_node_get_start_column(node);
			if (col >= 1 && col - 1 <= len) {
				p += col - 1;
				len -= col - 1;
			}
		} else {
			for (size_t q = 0; q < quotes; q++) {
				size_t k = 0;
				while (k < len && k < 3 && p[k] == ' ')
					k++;
				if (k < len && p[k] == '>') {
					k++;
					if (k < len && blank(p[k]))
						k++;
					p += k;
					len -= k;
				}
			}
		}
		(*out)[n++] = (struct srcline){ p, len };
	}
	return n;
}

/* A cell's Markdown as a paragraph of its own: a leading character that
 * would open a block ("# x", "- x", "1. x", "> x", "```") is escaped. */
static void cell_markdown(const char *s, struct buf *b)
{
	buf_truncate(b, 0);
	size_t n = strlen(s);
	size_t d = 0;
	while (d < n && d < 9 && s[d] >= '0' && s[d] <= '9')
		d++;
	bool escape = false;
	if (n && (s[0] == '#' || s[0] == '>' || s[0] == '='))
		escape = true;
	else if (n >= 3 && (s[0] == '`' || s[0] == '~') && s[1] == s[0] && s[2] == s[0])
		escape = true; /* a fence */
	else if (n && (s[0] == '-' || s[0] == '+' || s[0] == '*') && (n == 1 || blank(s[1])))
		escape = true; /* a list item */
	else if (n && (s[0] == '-' || s[0] == '*' || s[0] == '_') && strspn(s, "-*_ \t") == n)
		escape = true; /* a thematic break */
	if (d && d < n && (s[d] == '.' || s[d] == ')')) {
		buf_put(b, s, d);
		buf_putc(b, '\\');
		buf_puts(b, s + d);
		return;
	}
	if (escape)
		buf_putc(b, '\\');
	buf_puts(b, s);
}

static void render_cell(const char *md, int style, struct sline *out, struct buf *tmp)
{
	cell_markdown(md, tmp);
	cmark_node *doc = cmark_parse_document(tmp->ptr ? tmp->ptr : "", tmp->len, CMARK_OPT_DEFAULT);
	if (doc) {
		inl_render_node(doc, style, out);
		cmark_node_free(doc);
	}
}

/* Column widths that fit `budget`: natural widths if they fit, else
 * shared out from the narrowest column up, no column under min(natural, 3).
 * Returns false when even that does not fit (rows will be cut). */
static bool fit_columns(const size_t *natural, size_t n, size_t budget, size_t *w)
{
	size_t sum = 0;
	for (size_t j = 0; j < n; j++)
		sum += natural[j];
	if (sum <= budget) {
		memcpy(w, natural, n * sizeof(*w));
		return true;
	}
	size_t *order = xcalloc(n, sizeof(*order));
	for (size_t j = 0; j < n; j++)
		order[j] = j;
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && natural[order[k - 1]] > natural[order[k]]; k--) {
			size_t t = order[k];
			order[k] = order[k - 1];
			order[k - 1] = t;
		}
	size_t left = budget, mins = 0;
	for (size_t i = 0; i < n; i++) {
		size_t j = order[i];
		size_t min = natural[j] < 3 ? natural[j] : 3;
		size_t share = left / (n - i);
		size_t v = natural[j] < share ? natural[j] : share;
		if (v < min)
			v = min;
		w[j] = v;
		left = v > left ? 0 : left - v;
		mins += min;
	}
	free(order);
	return mins <= budget;
}

static void pad_aligned(struct sline *l, const struct sline *cell, const struct range *r, size_t w,
			enum align al)
{
	struct sline part;
	sline_init(&part);
	if (r)
		doc_slice(&part, cell, r->a, r->b);
	size_t extra = w > part.cols ? w - part.cols : 0;
	size_t before = al == AL_RIGHT ? extra : al == AL_CENTER ? extra / 2 : 0;
	sline_pad(l, S_NORMAL, l->cols + before);
	sline_append(l, &part);
	sline_pad(l, S_NORMAL, l->cols + (extra - before));
	sline_free(&part);
}

/* Append `content` to a new output line, cut at the width with a mark. */
static void table_line(struct rctx *c, int ref, const struct sline *content, size_t avail)
{
	struct sline *l = doc_line(c, ref, true);
	if (content->cols > avail) {
		sline_slice(l, content, 0, avail > 1 ? avail - 1 : 0);
		sline_adds(l, S_MD_TABLE, "\xE2\x86\x92"); /* → */
	} else {
		sline_append(l, content);
	}
	sline_rtrim(l);
}

static void draw_table(struct rctx *c, struct row *rows, size_t nrows, const enum align *al,
		       size_t ncols, int delim_line)
{
	struct sline *cells = xcalloc(nrows * ncols, sizeof(*cells));
	size_t *natural = xcalloc(ncols, sizeof(size_t)), *w = xcalloc(ncols, sizeof(size_t));
	struct buf tmp = BUF_INIT;
	for (size_t r = 0; r < nrows; r++)
		for (size_t j = 0; j < ncols; j++) {
			struct sline *cell = &cells[r * ncols + j];
			sline_init(cell);
			if (j < rows[r].n)
				render_cell(rows[r].cells[j], r == 0 ? S_MD_STRONG : S_NORMAL, cell, &tmp);
			if (cell->cols > natural[j])
				natural[j] = cell->cols;
		}
	buf_free(&tmp);
	size_t avail = doc_avail(c, 0);
	size_t overhead = 3 * (ncols - 1) + 2;
	fit_columns(natural, ncols, avail > overhead ? avail - overhead : 0, w);

	struct range **wrapped = xcalloc(ncols, sizeof(*wrapped));
	size_t *nwrapped = xcalloc(ncols, sizeof(size_t)), *caps = xcalloc(ncols, sizeof(size_t));
	struct sline line;
	sline_init(&line);
	for (size_t r = 0; r < nrows; r++) {
		size_t height = 1;
		for (size_t j = 0; j < ncols; j++) {
			nwrapped[j] = doc_wrap(&cells[r * ncols + j], w[j] ? w[j] : 1, true, NULL, 0,
					       &wrapped[j], &caps[j]);
			if (nwrapped[j] > height)
				height = nwrapped[j];
		}
		for (size_t k = 0; k < height; k++) {
			sline_clear(&line);
			sline_adds(&line, S_MD_TABLE, " ");
			for (size_t j = 0; j < ncols; j++) {
				if (j)
					sline_adds(&line, S_MD_TABLE, " \xE2\x94\x82 "); /* │ */
				const struct range *rg = k < nwrapped[j] ? &wrapped[j][k] : NULL;
				pad_aligned(&line, &cells[r * ncols + j], rg, w[j], al[j]);
			}
			table_line(c, doc_ref(c, rows[r].line), &line, avail);
		}
		if (r == 0) {
			sline_clear(&line);
			for (size_t j = 0; j < ncols; j++) {
				if (j)
					sline_adds(&line, S_MD_TABLE, "\xE2\x94\xBC"); /* ┼ */
				sline_repeat(&line, S_MD_TABLE, "\xE2\x94\x80", w[j] + 2); /* ─ */
			}
			table_line(c, doc_ref(c, delim_line), &line, avail);
		}
	}
	sline_free(&line);
	for (size_t j = 0; j < ncols; j++)
		free(wrapped[j]);
	free(wrapped);
	free(nwrapped);
	free(caps);
	for (size_t i = 0; i < nrows * ncols; i++)
		sline_free(&cells[i]);
	free(cells);
	free(natural);
	free(w);
}

/* Lines of the paragraph before its table, rendered as a paragraph. */
static void lead_paragraph(struct rctx *c, const struct srcline *lines, size_t n, int first_line)
{
	struct buf md = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		buf_put(&md, lines[i].p, lines[i].n);
		buf_putc(&md, '\n');
	}
	cmark_node *doc = cmark_parse_document(md.ptr ? md.ptr : "", md.len, CMARK_OPT_DEFAULT);
	buf_free(&md);
	if (!doc)
		return;
	inl_begin(&c->inl, S_NORMAL, first_line);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	bool seen = false;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(node);
		if (t >= CMARK_NODE_FIRST_INLINE && t <= CMARK_NODE_LAST_INLINE)
			inl_event(&c->inl, ev, node);
		else if (ev == CMARK_EVENT_ENTER && t == CMARK_NODE_PARAGRAPH && seen)
			sline_add(&c->inl.text, S_NORMAL, " ", 1);
		else if (t == CMARK_NODE_PARAGRAPH)
			seen = true;
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	doc_flush_inline(c, NULL);
}

bool doc_table(struct rctx *c, cmark_node *node)
{
	struct srcline *lines = NULL;
	size_t n = source_lines(c, node, &lines);
	int first = cmark_node_get_start_line(node);
	size_t head = n;
	struct row hdr, del;
	memset(&hdr, 0, sizeof(hdr));
	memset(&del, 0, sizeof(del));
	for (size_t i = 0; i + 1 < n && head == n; i++) {
		if (!split_row(lines[i + 1].p, lines[i + 1].n, &del))
			continue;
		if (delimiter_row(&del, NULL) && split_row(lines[i].p, lines[i].n, &hdr)) {
			if (hdr.n == del.n)
				head = i;
			else
				row_free(&hdr);
		}
		if (head == n)
			row_free(&del);
	}
	if (head == n) {
		free(lines);
		return false;
	}
	if (head > 0) {
		lead_paragraph(c, lines, head, first);
		c->need_blank = false;
	}
	size_t ncols = hdr.n;
	enum align *al = xcalloc(ncols, sizeof(*al));
	delimiter_row(&del, al);
	struct row *rows = xcalloc(n - head - 1, sizeof(*rows));
	size_t nrows = 0;
	hdr.line = first + (int)head;
	rows[nrows++] = hdr;
	for (size_t i = head + 2; i < n; i++) {
		struct row r;
		if (!split_row(lines[i].p, lines[i].n, &r)) {
			/* a line without a pipe is a row of one cell */
			memset(&r, 0, sizeof(r));
			const char *p = lines[i].p;
			size_t len = lines[i].n;
			trim(&p, &len);
			r.cells = xcalloc(1, sizeof(char *));
			r.cells[0] = xstrndup(p, len);
			r.n = 1;
		}
		r.line = first + (int)i;
		rows[nrows++] = r;
	}
	draw_table(c, rows, nrows, al, ncols, first + (int)head + 1);
	for (size_t i = 0; i < nrows; i++)
		row_free(&rows[i]);
	row_free(&del);
	free(rows);
	free(al);
	free(lines);
	return true;
}
