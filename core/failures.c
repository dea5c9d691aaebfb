/* The failures splitter.  The document is read line by line; libcmark only
 * says which lines belong to code blocks (so that "### 1." inside a fence
 * is not a heading, however the fences nest or fail to close). */
#include "failures.h"

#include <cmark.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mem.h"
#include "failures_text.h"
#include "utf8.h"

const char *severity_name(enum severity s)
{
	switch (s) {
	case SEV_CRITICAL: return "Critical";
	case SEV_HIGH: return "High";
	case SEV_MEDIUM: return "Medium";
	case SEV_LOW: return "Low";
	case SEV_NONE: break;
	}
	return NULL;
}

const char *sev_source_name(enum sev_source s)
{
	switch (s) {
	case SEVSRC_FIELD: return "field";
	case SEVSRC_HEADING: return "heading";
	case SEVSRC_EMOJI: return "emoji";
	case SEVSRC_SECTION: return "section";
	case SEVSRC_NONE: break;
	}
	return NULL;
}

const char *fail_method_name(enum fail_method m)
{
	switch (m) {
	case FM_NUMBERED_HEADINGS: return "numbered-headings";
	case FM_HEADINGS: return "headings";
	case FM_SECTION_HEADINGS: return "section-headings";
	case FM_BOLD_LIST: return "bold-list";
	case FM_NUMBERED_LIST: return "numbered-list";
	case FM_BULLETS: return "bullets";
	case FM_NONE: break;
	}
	return "none";
}

enum {
	H_SECTION = 1,   /* "## Critical Failures" */
	H_NEGATED = 2,   /* "## No Critical Failures" */
	H_EXCLUDED = 4,  /* "## What the model got right": its children are not failures */
	H_BOILER = 8,    /* "### Root Cause", "### Fix Applied" */
	H_OPENING = 16,  /* ftext_boilerplate that no numbered item starts with: "Summary" */
	H_NUMBERED = 32,
};

struct heading {
	int line;            /* normalised, 0-based */
	int level;
	const char *text, *end;
	int parent;          /* index of the enclosing heading, -1 at top */
	unsigned flags;
	enum severity section_sev;
	struct numbering nb;
};

/* ---- the splitter ---- */

struct scan {
	const struct mdsrc *src;
	bool *code;            /* per normalised line */
	struct heading *h;
	size_t nh, hcap;
	int *under;            /* per line: the innermost heading open there, -1 none */
	/* per item: the severity its heading line shows (word, emoji) and the
	 * heading it sits under (for the enclosing section) */
	struct mark { enum severity word, emoji; int heading; } *marks;
	size_t mcap;
};

static void line_at(const struct scan *s, size_t i, const char **p, const char **e)
{
	size_t n;
	*p = mdsrc_line(s->src, i, &n);
	*e = *p + n;
}

/* Mark the lines of code blocks, as libcmark parses the document. */
static void mark_code(struct scan *s)
{
	s->code = xcalloc(s->src->nlines + 1, sizeof(bool));
	cmark_node *doc = cmark_parse_document(s->src->text, s->src->len, CMARK_OPT_DEFAULT);
	if (!doc)
		return;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_CODE_BLOCK)
			continue;
		int a = cmark_node_get_start_line(n), b = cmark_node_get_end_line(n);
		for (int l = a; l <= b && l >= 1 && (size_t)l <= s->src->nlines; l++)
			s->code[l - 1] = true;
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
}

/* An ATX heading: level and text (closing #s removed). */
static int atx_heading(const char *p, const char *e, const char **tp, const char **te)
{
	int indent = 0;
	while (p < e && *p == ' ' && indent < 4) {
		p++;
		indent++;
	}
	if (indent > 3)
		return 0;
	int level = 0;
	while (p < e && *p == '#' && level < 7) {
		p++;
		level++;
	}
	if (level < 1 || level > 6 || (p < e && !ftext_is_blank(*p)))
		return 0;
	p = ftext_skip_ws(p, e);
	e = ftext_trim_end(p, e);
	/* an optional closing sequence of #s preceded by a blank */
	const char *c = e;
	while (c > p && c[-1] == '#')
		c--;
	if (c < e && (c == p || ftext_is_blank(c[-1])))
		e = ftext_trim_end(p, c);
	*tp = p;
	*te = e;
	return level;
}

static void collect_headings(struct scan *s)
{
	size_t nlines = s->src->nlines;
	s->under = xcalloc(nlines + 1, sizeof(int));
	int *stack = NULL;
	size_t depth = 0, cap = 0;
	for (size_t i = 0; i < nlines; i++) {
		const char *p, *e, *tp, *te;
		line_at(s, i, &p, &e);
		int level = s->code[i] ? 0 : atx_heading(p, e, &tp, &te);
		if (level) {
			while (depth && s->h[stack[depth - 1]].level >= level)
				depth--;
			VEC_GROW(s->h, s->nh + 1, s->hcap);
			struct heading *h = &s->h[s->nh];
			memset(h, 0, sizeof(*h));
			h->line = (int)i;
			h->level = level;
			h->text = tp;
			h->end = te;
			h->parent = depth ? stack[depth - 1] : -1;
			VEC_GROW(stack, depth + 1, cap);
			stack[depth++] = (int)s->nh;
			s->nh++;
		}
		s->under[i] = depth ? stack[depth - 1] : -1;
	}
	free(stack);
}

static bool ancestor_excluded(const struct scan *s, int hi)
{
	for (int a = hi; a >= 0; a = s->h[a].parent)
		if (s->h[a].flags & H_EXCLUDED)
			return true;
	return false;
}

static enum severity enclosing_section(const struct scan *s, int hi)
{
	for (int a = hi; a >= 0; a = s->h[a].parent)
		if (s->h[a].flags & H_SECTION)
			return s->h[a].section_sev;
	return SEV_NONE;
}

static void classify_headings(struct scan *s)
{
	for (size_t i = 0; i < s->nh; i++) {
		struct heading *h = &s->h[i];
		bool numbered = ftext_numbering(h->text, h->end, &h->nb);
		const char *body = numbered ? h->nb.rest : ftext_skip_decor(h->text, h->end);
		bool negated = false;
		enum severity sec = SEV_NONE;
		if (!h->nb.keyword)
			sec = ftext_section(body, h->end, &negated);
		if (sec && !negated) {
			h->flags |= H_SECTION;
			h->section_sev = sec;
		} else if (negated) {
			h->flags |= H_NEGATED;
		} else if (numbered) {
			h->flags |= H_NUMBERED;
		}
		if (ftext_excluded_parent(h->text, h->end) || ftext_check_mark(h->text, h->end))
			h->flags |= H_EXCLUDED;
		bool opening;
		if (ftext_boilerplate(body, h->end, &opening))
			h->flags |= H_BOILER | (opening ? H_OPENING : 0);
	}
}

/* ---- items ---- */

/* A new item whose heading line shows [tp, te) (the title part, for a
 * severity word) within [lp, le) (the whole line, for an emoji). */
static struct failure_item *add_item(struct scan *s, struct failures *f, const struct numbering *nb,
				     const char *tp, const char *te, const char *lp, const char *le,
				     int heading)
{
	VEC_GROW(f->v, f->n + 1, f->cap);
	VEC_GROW(s->marks, f->n + 1, s->mcap);
	struct failure_item *it = &f->v[f->n];
	memset(it, 0, sizeof(*it));
	struct mark *m = &s->marks[f->n];
	f->n++;
	it->ordinal = (int)f->n;
	if (nb && nb->num && nb->numlen)
		it->number = xstrndup(nb->num, nb->numlen);
	m->word = nb && nb->sev ? nb->sev : ftext_heading_severity(tp, te);
	m->emoji = ftext_emoji_severity(lp, le);
	m->heading = heading;
	return it;
}

/* Blank lines at the end of [first, last] do not belong to the item. */
static int trim_blank_tail(const struct scan *s, int first, int last)
{
	while (last >= first) {
		const char *p, *e;
		line_at(s, (size_t)last, &p, &e);
		if (ftext_skip_ws(p, e) < e)
			break;
		last--;
	}
	return last;
}

/* End (exclusive, normalised line) of a heading item: the next heading of
 * the same or a higher level. */
static int heading_body_end(const struct scan *s, size_t hi)
{
	for (size_t j = hi + 1; j < s->nh; j++)
		if (s->h[j].level <= s->h[hi].level)
			return s->h[j].line;
	return (int)s->src->nlines;
}

static void item_from_heading(struct scan *s, struct failures *f, size_t hi, bool numbered)
{
	struct heading *h = &s->h[hi];
	const char *tp = numbered ? h->nb.rest : h->text;
	struct failure_item *it = add_item(s, f, numbered ? &h->nb : NULL, tp, h->end, h->text,
					   h->end, h->parent);
	it->title = ftext_clean_title(tp, h->end);
	if (!it->title[0]) {
		free(it->title);
		it->title = ftext_clean_title(h->text, h->end);
	}
	it->level = h->level;
	it->nfirst = h->line + 1;
	int end = heading_body_end(s, hi); /* exclusive, 0-based */
	it->nlast = trim_blank_tail(s, h->line, end - 1) + 1;
}

/* List items: the line, and a body up to the next item or heading. */
static void items_from_lines(struct scan *s, struct failures *f, const int *lines, size_t n,
			     const struct numbering *nbs)
{
	for (size_t k = 0; k < n; k++) {
		int l = lines[k];
		int stop = k + 1 < n ? lines[k + 1] : (int)s->src->nlines;
		for (int j = l + 1; j < stop; j++) {
			const char *p, *e, *tp, *te;
			line_at(s, (size_t)j, &p, &e);
			if (!s->code[j] && atx_heading(p, e, &tp, &te)) {
				stop = j;
				break;
			}
		}
		const char *p, *e;
		line_at(s, (size_t)l, &p, &e);
		const char *t = nbs[k].rest ? nbs[k].rest : p;
		struct failure_item *it = add_item(s, f, &nbs[k], t, e, p, e, s->under[l]);
		/* "**Title**: explanation" keeps the bold part as the title */
		const char *q = ftext_skip_ws(t, e);
		if (e - q > 4 && q[0] == '*' && q[1] == '*') {
			const char *close = NULL;
			for (const char *c = q + 2; c + 1 < e; c++)
				if (c[0] == '*' && c[1] == '*') {
					close = c;
					break;
				}
			if (close && close > q + 2)
				e = close + 2;
		}
		it->title = ftext_clean_title(t, e);
		it->nfirst = l + 1;
		it->nlast = trim_blank_tail(s, l, stop - 1) + 1;
	}
}

static bool numbered_candidate(const struct scan *s, size_t i)
{
	const struct heading *h = &s->h[i];
	return (h->flags & H_NUMBERED) && !(h->flags & H_OPENING) &&
	       !(h->parent >= 0 && ancestor_excluded(s, h->parent));
}

static bool is_ancestor(const struct scan *s, int anc, int hi)
{
	for (int a = s->h[hi].parent; a >= 0; a = s->h[a].parent)
		if (a == anc)
			return true;
	return false;
}

/* The integer an item number starts with ("3", "1.2" → 1, "b" → 2). */
static int number_value(const struct numbering *nb)
{
	if (!nb->num || !nb->numlen)
		return 0;
	const char *p = nb->num, *e = p + nb->numlen;
	while (p < e && !ftext_is_digit(*p))
		p++;
	if (p == e)
		return ftext_is_upper(nb->num[0]) ? nb->num[0] - 'A' + 1 : nb->num[0] - 'a' + 1;
	int v = 0;
	while (p < e && ftext_is_digit(*p) && v < 100000)
		v = v * 10 + (*p++ - '0');
	return v;
}

/* Numbered headings at the level that has the most of them, plus
 * "Issue N" / "MF-01" headings elsewhere that neither hold nor sit inside
 * a chosen one; a group whose numbering starts again under a heading of
 * remedies ("## The Fixes Applied" → "### 1.") is dropped. */
static bool try_numbered_headings(struct scan *s, struct failures *f)
{
	size_t count[7] = { 0 };
	for (size_t i = 0; i < s->nh; i++)
		if (numbered_candidate(s, i))
			count[s->h[i].level]++;
	int best = 0;
	for (int l = 1; l <= 6; l++)
		if (count[l] > count[best])
			best = l;
	if (!best)
		return false;
	int *sel = xcalloc(s->nh, sizeof(int));
	size_t n = 0;
	for (size_t i = 0; i < s->nh; i++)
		if (s->h[i].level == best && numbered_candidate(s, i))
			sel[n++] = (int)i;
	size_t nbest = n;
	for (size_t i = 0; i < s->nh; i++) {
		if (s->h[i].level == best || !numbered_candidate(s, i) || !s->h[i].nb.keyword)
			continue;
		bool related = false;
		for (size_t k = 0; k < nbest && !related; k++)
			related = is_ancestor(s, sel[k], (int)i) || is_ancestor(s, (int)i, sel[k]);
		if (!related)
			sel[n++] = (int)i;
	}
	/* back in document order */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && sel[j - 1] > sel[j]; j--) {
			int t = sel[j];
			sel[j] = sel[j - 1];
			sel[j - 1] = t;
		}
	int maxnum = 0, parent = -2;
	bool drop = false;
	for (size_t k = 0; k < n; k++) {
		const struct heading *h = &s->h[sel[k]];
		int v = number_value(&h->nb);
		if (h->parent != parent) {
			parent = h->parent;
			drop = k > 0 && v <= maxnum && parent >= 0 &&
			       ftext_remedy_parent(s->h[parent].text, s->h[parent].end);
		}
		if (v > maxnum)
			maxnum = v;
		if (!drop)
			item_from_heading(s, f, (size_t)sel[k], true);
	}
	free(sel);
	f->method = FM_NUMBERED_HEADINGS;
	return f->n > 0;
}

static bool plain_candidate(const struct scan *s, size_t i)
{
	const struct heading *h = &s->h[i];
	return h->level >= 2 && !(h->flags & (H_SECTION | H_NEGATED | H_BOILER | H_EXCLUDED)) &&
	       !(h->parent >= 0 && ancestor_excluded(s, h->parent));
}

static bool try_plain_headings(struct scan *s, struct failures *f)
{
	size_t count[7] = { 0 };
	for (size_t i = 0; i < s->nh; i++)
		if (plain_candidate(s, i))
			count[s->h[i].level]++;
	int best = 0;
	for (int l = 2; l <= 6; l++)
		if (count[l] > count[best])
			best = l;
	if (!best)
		return false;
	for (size_t i = 0; i < s->nh; i++)
		if (s->h[i].level == best && plain_candidate(s, i))
			item_from_heading(s, f, i, false);
	f->method = FM_HEADINGS;
	return true;
}

static bool try_section_headings(struct scan *s, struct failures *f)
{
	size_t before = f->n;
	for (size_t i = 0; i < s->nh; i++) {
		const struct heading *h = &s->h[i];
		if (h->parent < 0 || (h->flags & (H_SECTION | H_NEGATED)) || !enclosing_section(s, h->parent))
			continue;
		if (ancestor_excluded(s, (int)i))
			continue;
		/* only the outermost heading inside the section */
		if (!(s->h[h->parent].flags & H_SECTION))
			continue;
		item_from_heading(s, f, i, false);
	}
	if (f->n == before)
		return false;
	f->method = FM_SECTION_HEADINGS;
	return true;
}

/* A list line at column 0..3: "1. **Title**" / "**1. Title**" (bold),
 * "1. Title" (plain), "- Title" (bullet). */
enum list_kind { LK_BOLD, LK_PLAIN, LK_BULLET };

static bool list_line(const char *p, const char *e, enum list_kind kind, struct numbering *nb)
{
	memset(nb, 0, sizeof(*nb));
	const char *q = p;
	if (kind != LK_BOLD && q < e && ftext_is_blank(*q))
		return false; /* plain lists and bullets only at column 0 */
	int ind = 0;
	while (q < e && *q == ' ' && ind < 4) {
		q++;
		ind++;
	}
	if (ind > 3)
		return false;
	if (kind == LK_BULLET) {
		if (q + 1 < e && (*q == '-' || *q == '*' || *q == '+') && ftext_is_blank(q[1])) {
			const char *r = ftext_skip_ws(q + 1, e);
			if (r >= e || (r + 2 < e && r[0] == '[' && r[2] == ']' && r + 3 <= e))
				return r < e && !(r[0] == '[');
			nb->rest = r;
			return true;
		}
		return false;
	}
	if (kind == LK_BOLD && q + 2 < e && q[0] == '*' && q[1] == '*' && ftext_is_digit(q[2])) {
		bool dotted;
		const char *d = ftext_scan_dotted(q + 2, e, &dotted);
		if (d > q + 2 && d < e && (*d == '.' || *d == ')')) {
			nb->num = q + 2;
			nb->numlen = (size_t)(d - nb->num);
			nb->rest = ftext_skip_ws(d + 1, e);
			return true;
		}
		return false;
	}
	bool dotted;
	const char *d = ftext_scan_dotted(q, e, &dotted);
	if (d == q || dotted || d >= e || (*d != '.' && *d != ')') || d + 1 >= e || !ftext_is_blank(d[1]))
		return false;
	const char *r = ftext_skip_ws(d + 1, e);
	if (r >= e)
		return false;
	bool bold = r + 1 < e && r[0] == '*' && r[1] == '*';
	if ((kind == LK_BOLD) != bold)
		return false;
	nb->num = q;
	nb->numlen = (size_t)(d - q);
	nb->rest = r;
	return true;
}

static bool try_list(struct scan *s, struct failures *f, enum list_kind kind, size_t min)
{
	int *lines = NULL;
	struct numbering *nbs = NULL;
	size_t n = 0, cap = 0, cap2 = 0;
	for (size_t i = 0; i < s->src->nlines; i++) {
		if (s->code[i])
			continue;
		const char *p, *e;
		line_at(s, i, &p, &e);
		struct numbering nb;
		if (!list_line(p, e, kind, &nb))
			continue;
		if (s->under[i] >= 0 && ancestor_excluded(s, s->under[i]))
			continue;
		VEC_GROW(lines, n + 1, cap);
		VEC_GROW(nbs, n + 1, cap2);
		lines[n] = (int)i;
		nbs[n] = nb;
		n++;
	}
	bool ok = n >= min && n > 0;
	if (ok) {
		items_from_lines(s, f, lines, n, nbs);
		f->method = kind == LK_BOLD ? FM_BOLD_LIST : kind == LK_PLAIN ? FM_NUMBERED_LIST : FM_BULLETS;
	}
	free(lines);
	free(nbs);
	return ok;
}

static void assign_severity(struct scan *s, struct failure_item *it, const struct mark *m)
{
	enum sev_source from = SEVSRC_NONE;
	enum severity sv = SEV_NONE;
	/* 1. a field line in the body */
	for (int l = it->nfirst; l < it->nlast && !sv; l++) {
		if (s->code[l])
			continue;
		const char *p, *e;
		line_at(s, (size_t)l, &p, &e);
		sv = ftext_field_severity(p, e);
		from = SEVSRC_FIELD;
	}
	/* 2. a word in the heading, 3. a colour emoji, 4. the section */
	if (!sv && m->word) {
		sv = m->word;
		from = SEVSRC_HEADING;
	}
	if (!sv && m->emoji) {
		sv = m->emoji;
		from = SEVSRC_EMOJI;
	}
	if (!sv && m->heading >= 0) {
		sv = enclosing_section(s, m->heading);
		from = SEVSRC_SECTION;
	}
	it->severity = sv;
	it->sev_from = sv ? from : SEVSRC_NONE;
}

void failures_split_src(struct failures *f, const struct mdsrc *src)
{
	memset(f, 0, sizeof(*f));
	f->lines = src->orig_nlines;
	struct scan s;
	memset(&s, 0, sizeof(s));
	s.src = src;
	mark_code(&s);
	collect_headings(&s);
	classify_headings(&s);

	size_t nheadings = s.nh;
	if (!try_numbered_headings(&s, f) && !try_plain_headings(&s, f) &&
	    !try_section_headings(&s, f) && !try_list(&s, f, LK_BOLD, 1) &&
	    !try_list(&s, f, LK_PLAIN, 2) && !(nheadings <= 2 && try_list(&s, f, LK_BULLET, 1)))
		f->method = FM_NONE;

	for (size_t i = 0; i < f->n; i++) {
		struct failure_item *it = &f->v[i];
		assign_severity(&s, it, &s.marks[i]);
		it->first = mdsrc_orig(src, it->nfirst);
		it->last = mdsrc_orig(src, it->nlast);
		/* after a lone CR the body may start on the heading's line */
		it->body_first = it->nfirst < it->nlast ? mdsrc_orig(src, it->nfirst + 1) : it->last + 1;
		if (it->body_first <= it->first)
			it->body_first = it->first + 1;
		it->body_last = it->last;
	}
	free(s.code);
	free(s.under);
	free(s.h);
	free(s.marks);
}

void failures_split(struct failures *f, const char *bytes, size_t len)
{
	struct mdsrc src;
	mdsrc_init(&src, bytes, len);
	failures_split_src(f, &src);
	mdsrc_free(&src);
}

void failures_free(struct failures *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].number);
		free(f->v[i].title);
	}
	free(f->v);
	memset(f, 0, sizeof(*f));
}
