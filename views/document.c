/* The block structure of a document: containers (block quotes, lists,
 * items) as prefixes on each line, blank lines between blocks, and the
 * leaf blocks themselves.  See document.h. */
#include "document.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "../core/utf8.h"
#include "document_int.h"

static const char *const bullets[] = { "\xE2\x80\xA2", "\xE2\x97\xA6", "\xE2\x96\xAA" }; /* • ◦ ▪ */

int doc_ref(const struct rctx *c, int cmark_line)
{
	return mdsrc_orig(c->src, c->line_base + (cmark_line > 0 ? cmark_line : 1));
}

static size_t frame_cols(const struct rctx *c, const struct frame *f)
{
	(void)c;
	switch (f->kind) {
	case FR_QUOTE: return 2;
	case FR_ITEM: return (size_t)utf8_columns(f->marker, strlen(f->marker));
	case FR_LIST: break;
	}
	return 0;
}

size_t doc_prefix_cols(const struct rctx *c)
{
	size_t cols = 0;
	for (size_t i = 0; i < c->depth; i++) {
		size_t w = frame_cols(c, &c->frames[i]);
		if (cols + w > c->indent_cap)
			break;
		cols += w;
	}
	return cols;
}

size_t doc_avail(const struct rctx *c, size_t lead)
{
	size_t used = doc_prefix_cols(c) + lead;
	return used + 1 >= c->width ? 1 : c->width - used;
}

struct sline *doc_line(struct rctx *c, int ref, bool content)
{
	/* libcmark's end lines can come before the lines a block holds (a
	 * fence closed by its container): refs must never go backwards */
	if (ref < c->last_ref)
		ref = c->last_ref;
	c->last_ref = ref;
	struct sline *l = slist_push(c->out);
	l->ref = ref;
	size_t cols = 0;
	for (size_t i = 0; i < c->depth; i++) {
		struct frame *f = &c->frames[i];
		size_t w = frame_cols(c, f);
		if (cols + w > c->indent_cap)
			break; /* deeper containers share the last indent */
		cols += w;
		if (f->kind == FR_QUOTE) {
			sline_adds(l, S_MD_QUOTE, "\xE2\x94\x82 "); /* │ */
		} else if (f->kind == FR_ITEM) {
			if (content && f->marker_pending) {
				sline_adds(l, S_MD_BULLET, f->marker);
				f->marker_pending = false;
			} else {
				sline_pad(l, S_NORMAL, l->cols + w);
			}
		}
	}
	return l;
}

static void blank_line(struct rctx *c, int ref)
{
	struct sline *l = doc_line(c, ref, false);
	sline_rtrim(l);
}

static void push_frame(struct rctx *c, struct frame f)
{
	VEC_GROW(c->frames, c->depth + 1, c->cap);
	c->frames[c->depth++] = f;
}

/* Whether a block sits directly in an item of a tight list (or is an item
 * of one): no blank line follows it. */
static bool in_tight(cmark_node *node)
{
	cmark_node *p = cmark_node_parent(node);
	if (!p)
		return false;
	if (cmark_node_get_type(node) == CMARK_NODE_ITEM)
		return cmark_node_get_list_tight(p);
	if (cmark_node_get_type(p) == CMARK_NODE_ITEM && cmark_node_parent(p))
		return cmark_node_get_list_tight(cmark_node_parent(p));
	return false;
}

static void block_start(struct rctx *c, cmark_node *node)
{
	if (c->need_blank && c->out->n)
		blank_line(c, doc_ref(c, cmark_node_get_start_line(node)));
	c->need_blank = false;
}

static void block_end(struct rctx *c, cmark_node *node)
{
	c->need_blank = !in_tight(node);
}

/* ---- leaves ---- */

/* Emit collected inline text wrapped at the width; `lead` (may be NULL)
 * starts the first line and the rest hang under it. */
void doc_flush_inline(struct rctx *c, const struct sline *lead)
{
	struct inl *in = &c->inl;
	size_t lead_cols = lead ? lead->cols : 0;
	struct range *r = NULL;
	size_t cap = 0;
	size_t n = doc_wrap(&in->text, doc_avail(c, lead_cols), true, in->hard, in->nhard, &r, &cap);
	for (size_t i = 0; i < n; i++) {
		struct sline *l = doc_line(c, doc_ref(c, inl_line_at(in, r[i].a)), true);
		if (lead && i == 0)
			sline_append(l, lead);
		else
			sline_pad(l, S_NORMAL, l->cols + lead_cols);
		doc_slice(l, &in->text, r[i].a, r[i].b);
	}
	free(r);
}

static int heading_style(int level)
{
	return level == 1 ? S_MD_HEADING1 : level == 2 ? S_MD_HEADING2 : S_MD_HEADING3;
}

static void flush_heading(struct rctx *c, cmark_node *node)
{
	int level = cmark_node_get_heading_level(node);
	struct sline lead;
	sline_init(&lead);
	sline_repeat(&lead, heading_style(level), "#", (size_t)level);
	sline_adds(&lead, heading_style(level), " ");
	doc_flush_inline(c, &lead);
	sline_free(&lead);
}

/* A line of `n` copies of a frame character after `head`. */
static void rule_line(struct rctx *c, int ref, int style, const char *head, const char *unit,
		      const char *label)
{
	struct sline *l = doc_line(c, ref, true);
	size_t avail = doc_avail(c, 0);
	size_t start = l->cols;
	sline_adds(l, style, head);
	if (label && *label) {
		struct sline t;
		sline_init(&t);
		sline_adds(&t, style, label);
		size_t room = avail > 6 ? avail - 6 : 0;
		sline_adds(l, style, " ");
		if (t.cols > room) {
			sline_slice(l, &t, 0, room > 0 ? room - 1 : 0);
			sline_adds(l, style, "\xE2\x80\xA6"); /* … */
		} else {
			sline_append(l, &t);
		}
		sline_adds(l, style, " ");
		sline_free(&t);
	}
	size_t used = l->cols - start;
	if (used < avail)
		sline_repeat(l, style, unit, avail - used);
}

/* Does the code block start with a fence (rather than an indent)? */
static bool fenced(const struct rctx *c, cmark_node *node)
{
	size_t len;
	int line = c->line_base + cmark_node_get_start_line(node);
	const char *s = mdsrc_line(c->src, (size_t)(line - 1), &len);
	int col = cmark_node_get_start_column(node);
	if (col < 1 || (size_t)col > len)
		return false;
	s += col - 1;
	len -= (size_t)col - 1;
	while (len && (*s == ' ' || *s == '\t' || *s == '>')) {
		s++;
		len--;
	}
	return len >= 3 && (memcmp(s, "```", 3) == 0 || memcmp(s, "~~~", 3) == 0);
}

/* A code block: a frame with the info string, the lines in S_MD_CODE,
 * long lines wrapped under a continuation mark (or cut with a mark). */
static void render_code(struct rctx *c, cmark_node *node)
{
	bool fence = fenced(c, node);
	int line = cmark_node_get_start_line(node);
	const char *info = cmark_node_get_fence_info(node);
	rule_line(c, doc_ref(c, line), S_MD_CODE_FRAME, "\xE2\x94\x8C\xE2\x94\x80", "\xE2\x94\x80", info); /* ┌─ */
	const char *lit = cmark_node_get_literal(node);
	const char *p = lit ? lit : "", *end = p + strlen(p);
	int first = fence ? line + 1 : line;
	size_t avail = doc_avail(c, 2);
	struct sline code;
	sline_init(&code);
	struct range *r = NULL;
	size_t cap = 0;
	for (int i = 0; p < end; i++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		sline_clear(&code);
		sline_add(&code, S_MD_CODE, p, (size_t)(le - p));
		int ref = doc_ref(c, first + i);
		if (c->flags & DOC_CUT_CODE) {
			struct sline *l = doc_line(c, ref, true);
			sline_adds(l, S_MD_CODE_FRAME, "\xE2\x94\x82 "); /* │ */
			if (code.cols > avail) {
				sline_slice(l, &code, 0, avail > 1 ? avail - 1 : 0);
				sline_adds(l, S_MD_CODE_FRAME, "\xE2\x86\x92"); /* → */
			} else {
				sline_append(l, &code);
			}
		} else {
			size_t n = doc_wrap(&code, avail, false, NULL, 0, &r, &cap);
			for (size_t k = 0; k < n; k++) {
				struct sline *l = doc_line(c, ref, true);
				sline_adds(l, S_MD_CODE_FRAME, k ? "\xE2\x86\xAA " : "\xE2\x94\x82 "); /* ↪ │ */
				doc_slice(l, &code, r[k].a, r[k].b);
			}
		}
		p = nl ? nl + 1 : end;
	}
	free(r);
	sline_free(&code);
	rule_line(c, doc_ref(c, cmark_node_get_end_line(node)), S_MD_CODE_FRAME, "\xE2\x94\x94", "\xE2\x94\x80", NULL); /* └ */
}

/* HTML blocks are shown as their text, dimmed, wrapped anywhere. */
static void render_html(struct rctx *c, cmark_node *node)
{
	const char *lit = cmark_node_get_literal(node);
	const char *p = lit ? lit : "", *end = p + strlen(p);
	int line = cmark_node_get_start_line(node);
	struct sline t;
	sline_init(&t);
	struct range *r = NULL;
	size_t cap = 0;
	for (int i = 0; p < end; i++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		sline_clear(&t);
		sline_add(&t, S_DIM, p, (size_t)(le - p));
		size_t n = doc_wrap(&t, doc_avail(c, 0), false, NULL, 0, &r, &cap);
		for (size_t k = 0; k < n; k++)
			doc_slice(doc_line(c, doc_ref(c, line + i), true), &t, r[k].a, r[k].b);
		p = nl ? nl + 1 : end;
	}
	free(r);
	sline_free(&t);
}

/* ---- containers ---- */

static int count_digits(int n)
{
	int d = 1;
	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

static void enter_list(struct rctx *c, cmark_node *node)
{
	struct frame f;
	memset(&f, 0, sizeof(f));
	f.kind = FR_LIST;
	f.ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
	f.tight = cmark_node_get_list_tight(node);
	f.delim = cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM ? ')' : '.';
	f.next_number = cmark_node_get_list_start(node);
	f.level = c->list_level++;
	if (f.ordered) {
		int items = 0;
		for (cmark_node *k = cmark_node_first_child(node); k; k = cmark_node_next(k))
			items++;
		int last = f.next_number + (items > 0 ? items - 1 : 0);
		if (last < f.next_number)
			last = f.next_number; /* overflow: a start near INT_MAX */
		f.marker_cols = count_digits(last) + 2;
	} else {
		f.marker_cols = 2;
	}
	push_frame(c, f);
}

static void enter_item(struct rctx *c)
{
	/* an item's parent is always a list */
	struct frame *list = c->depth && c->frames[c->depth - 1].kind == FR_LIST ? &c->frames[c->depth - 1] : NULL;
	struct frame f;
	memset(&f, 0, sizeof(f));
	f.kind = FR_ITEM;
	f.marker_pending = true;
	if (list && list->ordered) {
		char num[24];
		int n = snprintf(num, sizeof(num), "%d%c", list->next_number, list->delim);
		if (list->next_number < 2147483647)
			list->next_number++;
		snprintf(f.marker, sizeof(f.marker), "%*s ", list->marker_cols - 1 > n ? list->marker_cols - 1 : n, num);
	} else {
		int level = list ? list->level : 0;
		snprintf(f.marker, sizeof(f.marker), "%s ", bullets[level % 3]);
	}
	push_frame(c, f);
}

static void pop_frame(struct rctx *c)
{
	if (!c->depth)
		return;
	struct frame *f = &c->frames[c->depth - 1];
	if (f->kind == FR_LIST)
		c->list_level--;
	if (f->kind == FR_QUOTE)
		c->quotes--;
	c->depth--;
}

/* ---- the walk ---- */

static void render_tree(struct rctx *c, cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(node);
		bool enter = ev == CMARK_EVENT_ENTER;
		if (type >= CMARK_NODE_FIRST_INLINE && type <= CMARK_NODE_LAST_INLINE) {
			inl_event(&c->inl, ev, node);
			continue;
		}
		switch (type) {
		case CMARK_NODE_BLOCK_QUOTE:
		case CMARK_NODE_LIST:
		case CMARK_NODE_ITEM:
			if (enter) {
				block_start(c, node);
				if (type == CMARK_NODE_BLOCK_QUOTE) {
					push_frame(c, (struct frame){ .kind = FR_QUOTE });
					c->quotes++;
				}
				else if (type == CMARK_NODE_LIST)
					enter_list(c, node);
				else
					enter_item(c);
			} else {
				struct frame *f = &c->frames[c->depth - 1];
				if (f->kind == FR_ITEM && !cmark_node_first_child(node)) /* an empty item */
					doc_line(c, doc_ref(c, cmark_node_get_start_line(node)), true);
				pop_frame(c);
				block_end(c, node);
			}
			break;
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
			if (enter) {
				block_start(c, node);
				if (type == CMARK_NODE_PARAGRAPH && doc_table(c, node)) {
					cmark_iter_reset(it, node, CMARK_EVENT_EXIT);
					block_end(c, node);
					break;
				}
				int style = type == CMARK_NODE_HEADING ? heading_style(cmark_node_get_heading_level(node))
					  : c->quotes ? S_MD_QUOTE : S_NORMAL;
				inl_begin(&c->inl, style, cmark_node_get_start_line(node));
			} else {
				if (type == CMARK_NODE_HEADING)
					flush_heading(c, node);
				else
					doc_flush_inline(c, NULL);
				block_end(c, node);
			}
			break;
		case CMARK_NODE_CODE_BLOCK:
			block_start(c, node);
			render_code(c, node);
			block_end(c, node);
			break;
		case CMARK_NODE_HTML_BLOCK:
			block_start(c, node);
			render_html(c, node);
			block_end(c, node);
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			block_start(c, node);
			rule_line(c, doc_ref(c, cmark_node_get_start_line(node)), S_MD_RULE, "", "\xE2\x94\x80", NULL);
			block_end(c, node);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

static void render_text(struct slist *out, const struct mdsrc *src, int line_base, const char *text,
			size_t len, size_t width, unsigned flags)
{
	size_t first_line = out->n;
	struct rctx c;
	memset(&c, 0, sizeof(c));
	c.out = out;
	c.src = src;
	c.line_base = line_base;
	c.width = width < DOC_MIN_WIDTH ? DOC_MIN_WIDTH : width;
	c.flags = flags;
	c.indent_cap = c.width / 2;
	inl_init(&c.inl);
	cmark_node *doc = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
	if (doc) {
		render_tree(&c, doc);
		cmark_node_free(doc);
	}
	inl_free(&c.inl);
	free(c.frames);
	for (size_t i = first_line; i < out->n; i++)
		sline_rtrim(&out->v[i]); /* pads and empty code lines */
}

void document_render_part(struct slist *out, const struct mdsrc *src, int first, int last,
			  size_t width, unsigned flags)
{
	if (first < 1)
		first = 1;
	if (last < 0 || (size_t)last > src->nlines)
		last = (int)src->nlines;
	if (first > last)
		return;
	size_t a = src->line_off[first - 1];
	size_t b = src->line_off[last];
	if (b > src->len)
		b = src->len;
	render_text(out, src, first - 1, src->text + a, b - a, width, flags);
}

void document_render(struct slist *out, const char *bytes, size_t len, size_t width, unsigned flags)
{
	if (flags & DOC_RAW) {
		document_render_raw(out, bytes, len, 1, -1, width);
		return;
	}
	struct mdsrc src;
	mdsrc_init(&src, bytes, len);
	render_text(out, &src, 0, src.text, src.len, width, flags);
	mdsrc_free(&src);
}

void document_render_raw(struct slist *out, const char *bytes, size_t len, int first, int last,
			 size_t width)
{
	if (width < DOC_MIN_WIDTH)
		width = DOC_MIN_WIDTH;
	/* count the lines for the gutter width */
	int total = 0;
	for (size_t i = 0; i < len; i++)
		if (bytes[i] == '\n')
			total++;
	if (len && bytes[len - 1] != '\n')
		total++;
	if (last < 1 || last > total)
		last = total;
	if (first < 1)
		first = 1;
	int gutter = count_digits(last);  /* then one space */
	size_t avail = width > (size_t)gutter + 1 ? width - (size_t)gutter - 1 : 1;
	struct sline t;
	sline_init(&t);
	struct range *r = NULL;
	size_t cap = 0;
	const char *p = bytes, *end = bytes + len;
	for (int line = 1; p < end && line <= last; line++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		if (line >= first) {
			size_t n = (size_t)(le - p);
			if (nl && n && le[-1] == '\r')
				n--; /* CRLF: the CR is part of the line end */
			sline_clear(&t);
			sline_add(&t, S_NORMAL, p, n);
			size_t nr = doc_wrap(&t, avail, false, NULL, 0, &r, &cap);
			for (size_t k = 0; k < nr; k++) {
				struct sline *l = slist_push(out);
				l->ref = line;
				if (k == 0)
					sline_addf(l, S_DIM, "%*d ", gutter, line);
				else
					sline_pad(l, S_NORMAL, (size_t)gutter + 1);
				doc_slice(l, &t, r[k].a, r[k].b);
				sline_rtrim(l);
			}
		}
		p = nl ? nl + 1 : end;
	}
	free(r);
	sline_free(&t);
}
