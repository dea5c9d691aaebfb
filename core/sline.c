#include "sline.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mem.h"
#include "utf8.h"

static const char *const style_names[S__COUNT] = {
	[S_NORMAL] = "normal", [S_DIM] = "dim", [S_BOLD] = "bold",
	[S_TITLE] = "title", [S_STATUS] = "status", [S_HINT] = "hint",
	[S_KEY] = "key", [S_HEADER] = "header", [S_SELECTED] = "cursor",
	[S_PATH] = "path", [S_ID] = "id", [S_DATE] = "date",
	[S_AUTHOR] = "author", [S_NUMBER] = "number", [S_OK] = "ok",
	[S_WARN] = "warning", [S_ERROR] = "error", [S_CTRL] = "control",
	[S_MATCH] = "search-match",
	[S_DIFF_FILE] = "diff-file", [S_DIFF_HUNK] = "diff-hunk",
	[S_DIFF_ADD] = "diff-add", [S_DIFF_DEL] = "diff-del",
	[S_DIFF_ADD_WORD] = "diff-add-word", [S_DIFF_DEL_WORD] = "diff-del-word",
	[S_DIFF_CONTEXT] = "diff-context", [S_DIFF_LINENO] = "diff-lineno",
	[S_DIFF_FILLER] = "diff-filler", [S_DIFF_WRAP] = "diff-wrap",
	[S_MD_HEADING1] = "md-heading1", [S_MD_HEADING2] = "md-heading2",
	[S_MD_HEADING3] = "md-heading3", [S_MD_EMPH] = "md-emph",
	[S_MD_STRONG] = "md-strong", [S_MD_CODE] = "md-code",
	[S_MD_CODE_FRAME] = "md-code-frame", [S_MD_LINK] = "md-link",
	[S_MD_QUOTE] = "md-quote", [S_MD_RULE] = "md-rule",
	[S_MD_TABLE] = "md-table", [S_MD_BULLET] = "md-bullet",
	[S_SEV_CRITICAL] = "severity-critical", [S_SEV_HIGH] = "severity-high",
	[S_SEV_MEDIUM] = "severity-medium", [S_SEV_LOW] = "severity-low",
};

const char *style_name(int style)
{
	if (style < 0 || style >= S__COUNT || !style_names[style])
		return "normal";
	return style_names[style];
}

int style_by_name(const char *name)
{
	for (int i = 0; i < S__COUNT; i++)
		if (style_names[i] && strcmp(style_names[i], name) == 0)
			return i;
	return -1;
}

void sline_init(struct sline *l)
{
	memset(l, 0, sizeof(*l));
}

void sline_free(struct sline *l)
{
	free(l->text);
	free(l->spans);
	sline_init(l);
}

void sline_clear(struct sline *l)
{
	l->len = 0;
	l->nspans = 0;
	l->cols = 0;
	l->flags = 0;
	l->ref = 0;
	if (l->text)
		l->text[0] = '\0';
}

static void put_bytes(struct sline *l, int style, const char *s, size_t n)
{
	if (!n)
		return;
	if ((size_t)l->len + n + 1 > UINT32_MAX)
		return; /* a line of 4 GB is not shown past that point */
	size_t need = (size_t)l->len + n + 1;
	if (need > l->cap) {
		size_t cap = l->cap ? l->cap : 64;
		while (cap < need)
			cap *= 2;
		if (cap > UINT32_MAX)
			cap = UINT32_MAX;
		l->text = xrealloc(l->text, cap);
		l->cap = (uint32_t)cap;
	}
	memcpy(l->text + l->len, s, n);
	if (l->nspans && l->spans[l->nspans - 1].style == style &&
	    l->spans[l->nspans - 1].start + l->spans[l->nspans - 1].len == l->len) {
		l->spans[l->nspans - 1].len += (uint32_t)n;
	} else {
		size_t cap = l->spancap;
		VEC_GROW(l->spans, (size_t)l->nspans + 1, cap);
		l->spancap = (uint32_t)cap;
		l->spans[l->nspans++] = (struct span){ l->len, (uint32_t)n, (uint16_t)style };
	}
	l->len += (uint32_t)n;
	l->text[l->len] = '\0';
}

void sline_add(struct sline *l, int style, const char *bytes, size_t n)
{
	size_t i = 0;
	while (i < n) {
		/* Copy the longest run of plain printable ASCII at once. */
		size_t run = i;
		while (run < n && (unsigned char)bytes[run] >= 0x20 && (unsigned char)bytes[run] < 0x7F)
			run++;
		if (run > i) {
			put_bytes(l, style, bytes + i, run - i);
			l->cols += (uint32_t)(run - i);
			i = run;
			continue;
		}
		uint32_t cp;
		size_t k = utf8_decode(bytes + i, n - i, &cp);
		if (cp == '\t') {
			size_t spaces = SLINE_TABSTOP - (l->cols % SLINE_TABSTOP);
			put_bytes(l, style, "        ", spaces);
			l->cols += (uint32_t)spaces;
		} else if (utf8_is_dropped(cp)) {
			/* nothing */
		} else {
			int w = utf8_width(cp);
			if (w < 0) {
				char esc[16];
				size_t e = utf8_escape(cp, esc);
				put_bytes(l, S_CTRL, esc, e);
				l->cols += (uint32_t)e;
			} else if (cp == UTF8_REPLACEMENT && k == 1) {
				char enc[4];
				put_bytes(l, S_CTRL, enc, utf8_encode(cp, enc));
				l->cols += 1;
			} else {
				put_bytes(l, style, bytes + i, k);
				l->cols += (uint32_t)w;
			}
		}
		i += k;
	}
}

void sline_adds(struct sline *l, int style, const char *s)
{
	sline_add(l, style, s, strlen(s));
}

void sline_addf(struct sline *l, int style, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	sline_add(l, style, b.ptr ? b.ptr : "", b.len);
	buf_free(&b);
}

void sline_pad(struct sline *l, int style, size_t cols)
{
	static const char spaces[] = "                                ";
	while (l->cols < cols) {
		size_t n = cols - l->cols;
		if (n > sizeof(spaces) - 1)
			n = sizeof(spaces) - 1;
		put_bytes(l, style, spaces, n);
		l->cols += (uint32_t)n;
	}
}

void sline_repeat(struct sline *l, int style, const char *unit, size_t n)
{
	size_t ulen = strlen(unit);
	for (size_t i = 0; i < n; i++)
		put_bytes(l, style, unit, ulen);
	l->cols += (uint32_t)n;
}

void sline_append(struct sline *dst, const struct sline *src)
{
	for (uint32_t i = 0; i < src->nspans; i++)
		put_bytes(dst, src->spans[i].style, src->text + src->spans[i].start, src->spans[i].len);
	dst->cols += src->cols;
}

size_t sline_slice(struct sline *dst, const struct sline *src, size_t from, size_t ncols)
{
	size_t col = 0, added = 0, end = from + ncols;
	for (uint32_t s = 0; s < src->nspans && col < end; s++) {
		const struct span *sp = &src->spans[s];
		const char *t = src->text + sp->start;
		size_t i = 0;
		while (i < sp->len && col < end) {
			uint32_t cp;
			size_t k = utf8_decode(t + i, sp->len - i, &cp);
			int w = utf8_width(cp);
			if (w < 0)
				w = 1; /* cannot happen in a sanitised line */
			if (col >= from && col + (size_t)w <= end) {
				put_bytes(dst, sp->style, t + i, k);
				dst->cols += (uint32_t)w;
				added += (size_t)w;
			} else if (w > 0 && col + (size_t)w > from && col < end) {
				/* a wide character cut by an edge */
				size_t lo = col < from ? from : col;
				size_t hi = col + (size_t)w > end ? end : col + (size_t)w;
				for (size_t c = lo; c < hi; c++) {
					put_bytes(dst, sp->style, " ", 1);
					dst->cols++;
					added++;
				}
			}
			col += (size_t)w;
			i += k;
		}
	}
	return added;
}

void sline_restyle(struct sline *l, uint32_t start, uint32_t len, int style)
{
	if (!len || start >= l->len)
		return;
	uint32_t end = start + len > l->len ? l->len : start + len;
	struct span *out = NULL;
	size_t nout = 0, cap = 0;
	for (uint32_t i = 0; i < l->nspans; i++) {
		struct span sp = l->spans[i];
		uint32_t sp_end = sp.start + sp.len;
		if (sp_end <= start || sp.start >= end) {
			VEC_GROW(out, nout + 1, cap);
			out[nout++] = sp;
			continue;
		}
		if (sp.start < start) {
			VEC_GROW(out, nout + 1, cap);
			out[nout++] = (struct span){ sp.start, start - sp.start, sp.style };
		}
		uint32_t lo = sp.start > start ? sp.start : start;
		uint32_t hi = sp_end < end ? sp_end : end;
		VEC_GROW(out, nout + 1, cap);
		out[nout++] = (struct span){ lo, hi - lo, (uint16_t)style };
		if (sp_end > end) {
			VEC_GROW(out, nout + 1, cap);
			out[nout++] = (struct span){ end, sp_end - end, sp.style };
		}
	}
	free(l->spans);
	l->spans = out;
	l->nspans = (uint32_t)nout;
	l->spancap = (uint32_t)cap;
}

void sline_rtrim(struct sline *l)
{
	while (l->len && l->text[l->len - 1] == ' ') {
		l->len--;
		l->cols--;
		struct span *last = &l->spans[l->nspans - 1];
		if (--last->len == 0)
			l->nspans--;
	}
	if (l->text)
		l->text[l->len] = '\0';
}

int sline_style_at(const struct sline *l, uint32_t off)
{
	for (uint32_t i = 0; i < l->nspans; i++)
		if (off >= l->spans[i].start && off < l->spans[i].start + l->spans[i].len)
			return l->spans[i].style;
	return S_NORMAL;
}

struct sline *slist_push(struct slist *list)
{
	VEC_GROW(list->v, list->n + 1, list->cap);
	struct sline *l = &list->v[list->n++];
	sline_init(l);
	return l;
}

void slist_clear(struct slist *list)
{
	for (size_t i = 0; i < list->n; i++)
		sline_free(&list->v[i]);
	list->n = 0;
}

void slist_free(struct slist *list)
{
	slist_clear(list);
	free(list->v);
	list->v = NULL;
	list->cap = 0;
}
