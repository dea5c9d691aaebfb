/* Response documents through libcmark: normalise the bytes, find the
 * fenced code blocks as CommonMark does, split the rest into prose, and
 * label each block with the file it stands for. */
#include "mdoc.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cmark_arena.h"
#include "err.h"
#include "mem.h"
#include "utf8.h"

/* utf8_valid with a fast path over ASCII, most of every document: eight
 * bytes at a time while none has its high bit set. */
static bool valid_utf8(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		uint64_t w;
		if (i + 8 <= n) {
			memcpy(&w, s + i, 8);
			if (!(w & 0x8080808080808080ull)) {
				i += 8;
				continue;
			}
		}
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (cp == UTF8_REPLACEMENT && k == 1)
			return false;
		i += k;
	}
	return true;
}

/* BOM dropped, invalid UTF-8 replaced, CRLF and lone CR made LF. */
static char *normalise(const char *bytes, size_t len, size_t *out_len, unsigned *flags)
{
	if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
		bytes += 3;
		len -= 3;
		*flags |= MDOC_HAD_BOM;
	}
	char *repaired = NULL;
	if (!valid_utf8(bytes, len)) {
		*flags |= MDOC_HAD_INVALID_UTF8;
		repaired = utf8_repair(bytes, len, &len);
		bytes = repaired;
	}
	char *out = xmalloc(st_add(len, 1));
	if (memchr(bytes, '\0', len))
		*flags |= MDOC_HAD_NUL;
	if (!memchr(bytes, '\r', len)) {
		/* the usual case: nothing to change */
		memcpy(out, bytes, len);
		out[len] = '\0';
		free(repaired);
		*out_len = len;
		return out;
	}
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		char c = bytes[i];
		if (c == '\r') {
			if (i + 1 < len && bytes[i + 1] == '\n') {
				*flags |= MDOC_HAD_CRLF;
				i++;
			} else {
				*flags |= MDOC_HAD_CR;
			}
			c = '\n';
		}
		out[o++] = c;
	}
	out[o] = '\0';
	free(repaired);
	*out_len = o;
	return out;
}

static void split_lines(struct mdoc *d)
{
	size_t n = 0, cap = 0, start = 0;
	while (start < d->len) {
		const char *nl = memchr(d->text + start, '\n', d->len - start);
		size_t end = nl ? (size_t)(nl - d->text) : d->len;
		size_t ln = end - start;
		if (ln > UINT32_MAX)
			ln = UINT32_MAX; /* a 4 GB line is cut, not misread */
		VEC_GROW(d->lines.v, n + 1, cap);
		d->lines.v[n] = (struct mdoc_line){ d->text + start, (uint32_t)ln, (uint32_t)(n + 1) };
		n++;
		start = end + 1;
	}
	if (!d->lines.v)
		d->lines.v = xcalloc(1, sizeof(struct mdoc_line));
	d->lines.n = n;
}

static const struct mdoc_line *line_at(const struct mdoc *d, size_t no)
{
	return no >= 1 && no <= d->lines.n ? &d->lines.v[no - 1] : NULL;
}

/* A closing fence for `ch` x `len`: after the container's marks, at least
 * `len` fence characters and nothing but spaces after them. */
static bool is_closing_fence(const struct mdoc_line *l, char ch, size_t len)
{
	size_t i = 0;
	while (i < l->len && (l->s[i] == ' ' || l->s[i] == '\t' || l->s[i] == '>'))
		i++;
	size_t run = 0;
	while (i + run < l->len && l->s[i + run] == ch)
		run++;
	if (run < len)
		return false;
	for (size_t j = i + run; j < l->len; j++)
		if (l->s[j] != ' ' && l->s[j] != '\t')
			return false;
	return true;
}

/* The body of a nested block comes from cmark's literal (container marks
 * stripped), numbered from the line after the fence. */
static void nested_body(struct mdoc_block *b, const char *lit)
{
	size_t len = strlen(lit);
	b->owned = xstrndup(lit, len);
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (b->owned[i] == '\n')
			n++;
	if (len && b->owned[len - 1] != '\n')
		n++;
	b->body.v = xcalloc(n ? n : 1, sizeof(struct mdoc_line));
	size_t start = 0, k = 0;
	for (size_t i = 0; i <= len && k < n; i++)
		if (i == len || b->owned[i] == '\n') {
			b->body.v[k] = (struct mdoc_line){ b->owned + start, (uint32_t)(i - start),
							   (uint32_t)(b->fence_line + 1 + k) };
			k++;
			start = i + 1;
		}
	b->body.n = n;
}

/* The body of a top-level block: its source lines, less the fence's own
 * indentation (CommonMark removes up to that many spaces). */
static void toplevel_body(const struct mdoc *d, struct mdoc_block *b, size_t indent)
{
	uint32_t first = b->fence_line + 1;
	uint32_t last = b->unterminated ? b->last_line : b->close_line - 1;
	if (last > d->lines.n)
		last = (uint32_t)d->lines.n;
	size_t n = last >= first ? last - first + 1 : 0;
	b->body.v = xcalloc(n ? n : 1, sizeof(struct mdoc_line));
	for (size_t k = 0; k < n; k++) {
		struct mdoc_line l = *line_at(d, first + k);
		for (size_t i = 0; i < indent && l.len && l.s[0] == ' '; i++) {
			l.s++;
			l.len--;
		}
		b->body.v[k] = l;
	}
	b->body.n = n;
}

/* Whether a code block whose start column is on a run of fence characters
 * is in fact an indented block whose first line shows a fence (cmark puts
 * both kinds' start column on that run; its API does not tell them apart).
 * At the top level the indentation decides (four columns).  Inside a list
 * or quote, the literal does: a fenced block's literal leaves its opening
 * line out, an indented one's begins with it, so an indented block's
 * literal has a line more than the lines after its fence.  A literal whose
 * first line is the rest of the fence line is indented too, unless the
 * block has the shape of a closed fence (a body line may repeat the fence,
 * "```py" under "```py"). */
static bool indented_with_fence(const struct mdoc *d, cmark_node *node,
				const struct mdoc_line *fence, int col, int start, int end,
				char ch, size_t run)
{
	cmark_node *parent = cmark_node_parent(node);
	if (!parent || cmark_node_get_type(parent) == CMARK_NODE_DOCUMENT) {
		size_t cols = 0;
		for (int i = 0; i < col - 1; i++)
			cols = fence->s[i] == '\t' ? (cols / 4 + 1) * 4 : cols + 1;
		return cols >= 4;
	}
	const char *lit = cmark_node_get_literal(node);
	if (!lit)
		return false;
	size_t lines = 0;
	for (const char *p = lit; *p; p++)
		lines += *p == '\n';
	if (*lit && lit[strlen(lit) - 1] != '\n')
		lines++;
	const struct mdoc_line *last = line_at(d, (size_t)end);
	if (end > start && last && is_closing_fence(last, ch, run) &&
	    lines == (size_t)(end - start - 1))
		return false; /* a closed fence */
	if (lines > (size_t)(end - start))
		return true;  /* more lines than follow the fence */
	const char *rest = fence->s + col - 1;
	size_t rest_len = fence->len - ((size_t)col - 1);
	const char *nl = strchr(lit, '\n');
	size_t first = nl ? (size_t)(nl - lit) : strlen(lit);
	return first == rest_len && memcmp(lit, rest, rest_len) == 0;
}

static bool add_block(struct mdoc *d, cmark_node *node, size_t *cap)
{
	int start = cmark_node_get_start_line(node), col = cmark_node_get_start_column(node);
	int end = cmark_node_get_end_line(node);
	const struct mdoc_line *fence = line_at(d, (size_t)start);
	if (!fence || col < 1 || (size_t)col > fence->len)
		return false;
	char ch = fence->s[col - 1];
	size_t run = 0;
	while ((size_t)col - 1 + run < fence->len && fence->s[col - 1 + run] == ch)
		run++;
	if ((ch != '`' && ch != '~') || run < 3 ||
	    indented_with_fence(d, node, fence, col, start, end, ch, run))
		return false; /* an indented code block: prose */

	VEC_GROW(d->blocks, d->nblocks + 1, *cap);
	struct mdoc_block *b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof(*b));
	const char *info = cmark_node_get_fence_info(node);
	size_t ilen = 0;
	b->info = utf8_repair(info ? info : "", info ? strlen(info) : 0, &ilen);
	b->lang = mdoc_lang_norm(b->info);
	b->fence_line = (uint32_t)start;
	if (end < start)
		end = start;
	const struct mdoc_line *last = line_at(d, (size_t)end);
	if (end > start && last && is_closing_fence(last, ch, run))
		b->close_line = (uint32_t)end;
	b->unterminated = b->close_line == 0;
	b->last_line = (uint32_t)end;
	cmark_node *parent = cmark_node_parent(node);
	b->nested = parent && cmark_node_get_type(parent) != CMARK_NODE_DOCUMENT;
	if (b->nested) {
		const char *lit = cmark_node_get_literal(node);
		nested_body(b, lit ? lit : "");
		/* never past the close or the document */
		size_t end_body = b->close_line ? b->close_line - 1 : d->lines.n;
		if (b->fence_line + b->body.n > end_body)
			b->body.n = end_body > b->fence_line ? end_body - b->fence_line : 0;
		/* the block's lines are its fence, its body and its close */
		uint32_t body_end = b->fence_line + (uint32_t)b->body.n;
		b->last_line = b->close_line ? b->close_line : body_end;
	} else {
		toplevel_body(d, b, (size_t)col - 1);
	}
	return true;
}

/* Lines that are fences or bodies of blocks, as a mark per line. */
static unsigned char *code_marks(const struct mdoc *d)
{
	unsigned char *mark = xcalloc(d->lines.n + 1, 1);
	for (size_t i = 0; i < d->nblocks; i++) {
		const struct mdoc_block *b = &d->blocks[i];
		for (uint32_t no = b->fence_line; no <= b->last_line && no <= d->lines.n; no++)
			mark[no] = 1;
	}
	return mark;
}

static void split_prose(struct mdoc *d, const unsigned char *mark)
{
	d->prose.v = xcalloc(d->lines.n ? d->lines.n : 1, sizeof(struct mdoc_line));
	size_t cap = 0;
	for (size_t no = 1; no <= d->lines.n; no++) {
		if (mark[no])
			continue;
		d->prose.v[d->prose.n++] = d->lines.v[no - 1];
		if (d->nsections && d->sections[d->nsections - 1].last == no - 1) {
			d->sections[d->nsections - 1].last = (uint32_t)no;
		} else {
			VEC_GROW(d->sections, d->nsections + 1, cap);
			d->sections[d->nsections++] = (struct mdoc_section){ (uint32_t)no, (uint32_t)no };
		}
	}
}

static bool blank(const struct mdoc_line *l)
{
	for (uint32_t i = 0; i < l->len; i++)
		if (l->s[i] != ' ' && l->s[i] != '\t')
			return false;
	return true;
}

/* The nearest non-blank prose line above `no`, or 0 (a block or the top
 * of the document comes first). */
static uint32_t prose_line_above(const struct mdoc *d, const unsigned char *mark, uint32_t no)
{
	while (no > 1) {
		no--;
		if (mark[no])
			return 0;
		if (!blank(&d->lines.v[no - 1]))
			return no;
	}
	return 0;
}

static void label_block(struct mdoc *d, struct mdoc_block *b, const unsigned char *mark)
{
	char *path = mdoc_label_from_info(b->info);
	if (path) {
		b->path = path;
		b->label = MDOC_LABEL_INFO;
		return;
	}
	/* The line just above, then the one above it (a heading followed by a
	 * "**Path:**" line) when the first names nothing. */
	uint32_t above = prose_line_above(d, mark, b->fence_line);
	for (int k = 0; k < 2 && above; k++) {
		const struct mdoc_line *l = &d->lines.v[above - 1];
		enum mdoc_label kind;
		path = mdoc_label_from_line(l->s, l->len, &kind, b->lang);
		if (path) {
			b->path = path;
			b->label = kind;
			b->label_line = above;
			return;
		}
		above = prose_line_above(d, mark, above);
	}
	for (size_t i = 0; i < b->body.n && i < 3; i++) {
		const struct mdoc_line *l = &b->body.v[i];
		if (blank(l))
			continue;
		path = mdoc_label_from_comment(l->s, l->len);
		if (path) {
			b->path = path;
			b->label = MDOC_LABEL_COMMENT;
			b->label_line = l->no;
		}
		break;
	}
}

int mdoc_parse(struct mdoc **out, const char *bytes, size_t len)
{
	*out = NULL;
	struct mdoc *d = xcalloc(1, sizeof(*d));
	d->text = normalise(bytes ? bytes : "", bytes ? len : 0, &d->len, &d->flags);
	split_lines(d);
	/* cmark_parse_document, with the thread's arena for cmark's memory */
	cmark_parser *parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, cmark_arena_mem());
	cmark_parser_feed(parser, d->text, d->len);
	cmark_node *doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	if (!doc) {
		cmark_arena_reset();
		mdoc_free(d);
		return err_set("the Markdown parser failed");
	}
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	size_t cap = 0;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK)
			add_block(d, node, &cap);
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	cmark_arena_reset();
	unsigned char *mark = code_marks(d);
	split_prose(d, mark);
	for (size_t i = 0; i < d->nblocks; i++)
		label_block(d, &d->blocks[i], mark);
	free(mark);
	*out = d;
	return 0;
}

void mdoc_free(struct mdoc *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->nblocks; i++) {
		struct mdoc_block *b = &d->blocks[i];
		free(b->info);
		free(b->lang);
		free(b->path);
		free(b->body.v);
		free(b->owned);
	}
	free(d->blocks);
	free(d->sections);
	free(d->prose.v);
	free(d->lines.v);
	free(d->text);
	free(d);
}

size_t mdoc_unterminated(const struct mdoc *d)
{
	size_t n = 0;
	for (size_t i = 0; i < d->nblocks; i++)
		n += d->blocks[i].unterminated;
	return n;
}
