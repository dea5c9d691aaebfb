/* Inline Markdown (text, emphasis, code spans, links, breaks) into one
 * styled line, and the wrapping of such a line at a width. */
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "../core/utf8.h"
#include "document_int.h"

void inl_init(struct inl *in)
{
	memset(in, 0, sizeof(*in));
	sline_init(&in->text);
}

void inl_free(struct inl *in)
{
	sline_free(&in->text);
	free(in->hard);
	free(in->marks);
	free(in->styles);
	free(in->link_start);
	memset(in, 0, sizeof(*in));
}

static void push_style(struct inl *in, int style)
{
	VEC_GROW(in->styles, in->nstyles + 1, in->stylecap);
	in->styles[in->nstyles++] = style;
}

static int cur_style(const struct inl *in)
{
	return in->nstyles ? in->styles[in->nstyles - 1] : S_NORMAL;
}

static void mark_line(struct inl *in)
{
	VEC_GROW(in->marks, in->nmarks + 1, in->markcap);
	in->marks[in->nmarks++] = (struct srcmark){ in->text.len, in->line };
}

void inl_begin(struct inl *in, int base_style, int line)
{
	sline_clear(&in->text);
	in->nhard = in->nmarks = in->nstyles = in->nlinks = 0;
	in->line = line;
	push_style(in, base_style);
	mark_line(in);
}

int inl_line_at(const struct inl *in, uint32_t off)
{
	int line = in->nmarks ? in->marks[0].line : 0;
	for (size_t i = 0; i < in->nmarks && in->marks[i].off <= off; i++)
		line = in->marks[i].line;
	return line;
}

static void add_literal(struct inl *in, int style, cmark_node *node)
{
	const char *s = cmark_node_get_literal(node);
	if (s)
		sline_add(&in->text, style, s, strlen(s));
}

/* Whether the text since `from` is exactly `s` (an autolink shows its
 * target once). */
static bool text_equals(const struct sline *t, uint32_t from, const char *s)
{
	size_t n = strlen(s);
	if (t->len - from == n && memcmp(t->text + from, s, n) == 0)
		return true;
	/* <mailto:x@y> shows as x@y */
	return strncmp(s, "mailto:", 7) == 0 && t->len - from == n - 7 &&
	       memcmp(t->text + from, s + 7, n - 7) == 0;
}

void inl_event(struct inl *in, cmark_event_type ev, cmark_node *node)
{
	bool enter = ev == CMARK_EVENT_ENTER;
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_TEXT:
		add_literal(in, cur_style(in), node);
		break;
	case CMARK_NODE_CODE:
		add_literal(in, S_MD_CODE, node);
		break;
	case CMARK_NODE_HTML_INLINE:
		add_literal(in, S_DIM, node);
		break;
	case CMARK_NODE_SOFTBREAK:
		sline_add(&in->text, cur_style(in), " ", 1);
		in->line++;
		mark_line(in);
		break;
	case CMARK_NODE_LINEBREAK:
		VEC_GROW(in->hard, in->nhard + 1, in->hardcap);
		in->hard[in->nhard++] = in->text.len;
		in->line++;
		mark_line(in);
		break;
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG:
		if (enter)
			push_style(in, cmark_node_get_type(node) == CMARK_NODE_EMPH ? S_MD_EMPH : S_MD_STRONG);
		else if (in->nstyles > 1)
			in->nstyles--;
		break;
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE: {
		bool image = cmark_node_get_type(node) == CMARK_NODE_IMAGE;
		if (enter) {
			if (image)
				sline_adds(&in->text, S_DIM, "[image: ");
			VEC_GROW(in->link_start, in->nlinks + 1, in->linkcap);
			in->link_start[in->nlinks++] = in->text.len;
			push_style(in, S_MD_LINK);
			break;
		}
		if (in->nstyles > 1)
			in->nstyles--;
		uint32_t from = in->nlinks ? in->link_start[--in->nlinks] : in->text.len;
		if (image)
			sline_adds(&in->text, S_DIM, "]");
		const char *url = cmark_node_get_url(node);
		if (url && *url && (image || !text_equals(&in->text, from, url))) {
			sline_adds(&in->text, S_DIM, " (");
			sline_adds(&in->text, S_DIM, url);
			sline_adds(&in->text, S_DIM, ")");
		}
		break;
	}
	default:
		break;
	}
}

void inl_render_node(cmark_node *node, int base_style, struct sline *out)
{
	struct inl in;
	inl_init(&in);
	inl_begin(&in, base_style, 1);
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;
	bool block_seen = false;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (t >= CMARK_NODE_FIRST_INLINE && t <= CMARK_NODE_LAST_INLINE) {
			inl_event(&in, ev, n);
		} else if (ev == CMARK_EVENT_ENTER && t != CMARK_NODE_DOCUMENT) {
			/* blocks inside a cell run on, separated by a space */
			if (block_seen && in.text.len)
				sline_add(&in.text, base_style, " ", 1);
			block_seen = true;
			if (t == CMARK_NODE_CODE_BLOCK || t == CMARK_NODE_HTML_BLOCK) {
				const char *s = cmark_node_get_literal(n);
				size_t len = s ? strlen(s) : 0;
				while (len && s[len - 1] == '\n')
					len--;
				sline_add(&in.text, S_MD_CODE, s ? s : "", len);
			}
		}
	}
	cmark_iter_free(it);
	/* hard breaks inside a cell become spaces */
	sline_append(out, &in.text);
	inl_free(&in);
}

static void push_range(struct range **v, size_t *n, size_t *cap, const struct sline *t, uint32_t a,
		       uint32_t b, bool words)
{
	if (words)
		while (b > a && t->text[b - 1] == ' ')
			b--;
	VEC_GROW(*v, *n + 1, *cap);
	(*v)[(*n)++] = (struct range){ a, b };
}

size_t doc_wrap(const struct sline *t, size_t width, bool words, const uint32_t *hard,
		size_t nhard, struct range **v, size_t *cap)
{
	const uint32_t none = UINT32_MAX;
	size_t n = 0, h = 0;
	uint32_t off = 0, start = 0, brk = none;
	size_t col = 0, start_col = 0, brk_col = 0;
	if (width < 1)
		width = 1;
	while (off < t->len) {
		if (h < nhard && hard[h] <= off) {
			if (hard[h] >= start)
				push_range(v, &n, cap, t, start, off, words);
			start = off;
			start_col = col;
			brk = none;
			h++;
			continue;
		}
		uint32_t cp;
		size_t k = utf8_decode(t->text + off, t->len - off, &cp);
		int w = utf8_width(cp);
		if (w < 0)
			w = 1; /* cannot happen in sanitised text */
		if (words && cp == ' ') {
			brk = off;
			brk_col = col;
		}
		if (col + (size_t)w - start_col > width && off > start) {
			if (words && brk != none && brk > start) {
				push_range(v, &n, cap, t, start, brk, words);
				uint32_t s = brk;
				size_t sc = brk_col;
				while (s < t->len && t->text[s] == ' ') {
					s++;
					sc++;
				}
				start = s;
				start_col = sc;
				if (start > off) {
					off = start;
					col = start_col;
				}
			} else {
				push_range(v, &n, cap, t, start, off, words);
				start = off;
				start_col = col;
			}
			brk = none;
			continue;
		}
		col += (size_t)w;
		off += (uint32_t)k;
	}
	if (start < t->len || n == 0)
		push_range(v, &n, cap, t, start, t->len, words);
	return n;
}

void doc_slice(struct sline *dst, const struct sline *src, uint32_t a, uint32_t b)
{
	for (uint32_t i = 0; i < src->nspans; i++) {
		const struct span *sp = &src->spans[i];
		uint32_t lo = sp->start > a ? sp->start : a;
		uint32_t hi = sp->start + sp->len < b ? sp->start + sp->len : b;
		if (lo < hi)
			sline_add(dst, sp->style, src->text + lo, hi - lo);
	}
}
