/* One file of the response diff: libgit2's patience line diff, the lines
 * of each change aligned by similarity, the changed words of each similar
 * pair, the statistics, and hunks for any amount of context. */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "linediff.h"
#include "mem.h"
#include "rdiff.h"
#include "tokdiff.h"

struct builder {
	struct rdiff_file *f;
	unsigned flags;
	size_t rowcap, changecap, spancap;
	size_t tokens;          /* word-diff tokens spent */
};

static struct rdiff_row *push_row(struct builder *bd, int32_t a, int32_t b, enum rdiff_row_kind kind)
{
	struct rdiff_file *f = bd->f;
	VEC_GROW(f->rows, f->nrows + 1, bd->rowcap);
	struct rdiff_row *r = &f->rows[f->nrows++];
	memset(r, 0, sizeof(*r));
	r->a = a;
	r->b = b;
	r->kind = (uint8_t)kind;
	return r;
}

static uint32_t push_spans(struct builder *bd, const struct tok_span *v, size_t n)
{
	struct rdiff_file *f = bd->f;
	uint32_t first = (uint32_t)f->nspans;
	VEC_GROW(f->spans, f->nspans + n, bd->spancap);
	for (size_t i = 0; i < n; i++)
		f->spans[f->nspans++] = (struct rdiff_span){ v[i].start, v[i].len };
	return first;
}

/* The changed words of a similar pair; no highlight past the limits or
 * when too little is left unchanged. */
static int word_spans(struct builder *bd, struct rdiff_row *r)
{
	struct rdiff_file *f = bd->f;
	if (bd->flags & RDIFF_NO_WORDS)
		return 0;
	const struct mdoc_line *la = &f->a->v[r->a], *lb = &f->b->v[r->b];
	if (la->len > RDIFF_WORD_MAX_LINE || lb->len > RDIFF_WORD_MAX_LINE) {
		f->notes |= RDIFF_NOTE_LONG_LINE;
		return 0;
	}
	if (bd->tokens > RDIFF_WORD_MAX_TOKENS) {
		f->notes |= RDIFF_NOTE_WORD_BUDGET;
		return 0;
	}
	struct tok_diff td;
	int rc = tok_diff(la->s, la->len, lb->s, lb->len, bd->flags & RDIFF_IGNORE_WS, &td);
	if (rc < 0)
		return rc;
	bd->tokens += td.tokens;
	if (td.same >= RDIFF_WORDS_SIMILAR) {
		r->aspan = push_spans(bd, td.a, td.na);
		r->naspan = (uint32_t)td.na;
		r->bspan = push_spans(bd, td.b, td.nb);
		r->nbspan = (uint32_t)td.nb;
	}
	tok_diff_free(&td);
	return 0;
}

/* The signatures of lines [first, first + n) of t, their hashes in one
 * block (a malloc per line was a tenth of a --stat batch). */
static uint32_t *sigs_make(struct tok_sig *s, const struct mdoc_text *t, size_t first, size_t n)
{
	uint32_t *pool = NULL;
	size_t len = 0, cap = 0;
	for (size_t i = 0; i < n; i++) {
		size_t before = len;
		tok_hashes(t->v[first + i].s, t->v[first + i].len, &pool, &len, &cap);
		s[i].n = len - before;
	}
	for (size_t i = 0, at = 0; i < n; at += s[i].n, i++) {
		s[i].h = pool + at; /* pool has stopped moving */
		tok_sort(s[i].h, s[i].n);
	}
	return pool;
}

enum { STEP_MATCH = 1, STEP_UP = 2, STEP_LEFT = 3 };

/* Pairs (i, j) of similar lines, in order, that maximise the summed
 * similarity (a monotone alignment, as an LCS over weighted matches). */
static size_t align_dp(const struct tok_sig *da, size_t nd, const struct tok_sig *aa, size_t na,
		       size_t *pi, size_t *pj)
{
	size_t w = na + 1;
	uint8_t *step = xcalloc(st_mult(nd + 1, w), 1);
	uint32_t *prev = xcalloc(w, sizeof(uint32_t)), *cur = xcalloc(w, sizeof(uint32_t));
	for (size_t i = 1; i <= nd; i++) {
		cur[0] = 0;
		step[i * w] = STEP_UP;
		for (size_t j = 1; j <= na; j++) {
			uint32_t up = prev[j], left = cur[j - 1], best = up;
			uint8_t how = STEP_UP;
			if (left > best) {
				best = left;
				how = STEP_LEFT;
			}
			/* Dice is at most 2*min/(m+n): lines of very different
			 * lengths cannot be alike, and need no comparison. */
			size_t x = da[i - 1].n, y = aa[j - 1].n, lo = x < y ? x : y;
			unsigned s = 0;
			if (!x && !y)
				s = 1000;
			else if (2000 * lo / (x + y) >= RDIFF_LINE_SIMILAR)
				s = tok_sig_dice(&da[i - 1], &aa[j - 1]);
			if (s >= RDIFF_LINE_SIMILAR && prev[j - 1] + s >= best) {
				best = prev[j - 1] + s;
				how = STEP_MATCH;
			}
			cur[j] = best;
			step[i * w + j] = how;
		}
		uint32_t *t = prev;
		prev = cur;
		cur = t;
	}
	size_t n = 0, i = nd, j = na;
	while (i > 0 && j > 0) {
		uint8_t how = step[i * w + j];
		if (how == STEP_MATCH) {
			pi[n] = i - 1;
			pj[n] = j - 1;
			n++;
			i--;
			j--;
		} else if (how == STEP_UP) {
			i--;
		} else {
			j--;
		}
	}
	for (size_t k = 0; k < n / 2; k++) {
		size_t t = pi[k];
		pi[k] = pi[n - 1 - k];
		pi[n - 1 - k] = t;
		t = pj[k];
		pj[k] = pj[n - 1 - k];
		pj[n - 1 - k] = t;
	}
	free(step);
	free(prev);
	free(cur);
	return n;
}

/* Unpaired deleted and added lines side by side, as many rows as the
 * longer run. */
static void gap_rows(struct builder *bd, size_t a0, size_t na, size_t b0, size_t nb)
{
	size_t rows = na > nb ? na : nb;
	for (size_t k = 0; k < rows; k++)
		push_row(bd, k < na ? (int32_t)(a0 + k) : -1, k < nb ? (int32_t)(b0 + k) : -1,
			 RDIFF_ROW_CHANGE);
}

static int similar_row(struct builder *bd, size_t a, size_t b)
{
	struct rdiff_row *r = push_row(bd, (int32_t)a, (int32_t)b, RDIFF_ROW_CHANGE);
	r->similar = true;
	bd->f->stats.changed++;
	return word_spans(bd, r);
}

/* Deleted lines [a0, a0+nd) and added lines [b0, b0+na) of one change. */
static int emit_change(struct builder *bd, size_t a0, size_t nd, size_t b0, size_t na)
{
	struct rdiff_file *f = bd->f;
	if (!nd && !na)
		return 0;
	VEC_GROW(f->changes, f->nchanges + 1, bd->changecap);
	struct rdiff_change *ch = &f->changes[f->nchanges++];
	ch->first = f->nrows;
	int rc = 0;
	if (!nd || !na) {
		gap_rows(bd, a0, nd, b0, na);
	} else if (nd > RDIFF_ALIGN_MAX_CELLS / na) {
		/* Too large to align by similarity: by position. */
		f->notes |= RDIFF_NOTE_ALIGN;
		size_t rows = nd > na ? nd : na;
		for (size_t k = 0; k < rows && rc == 0; k++) {
			if (k < nd && k < na) {
				struct tok_sig x, y;
				tok_sig_make(&x, f->a->v[a0 + k].s, f->a->v[a0 + k].len);
				tok_sig_make(&y, f->b->v[b0 + k].s, f->b->v[b0 + k].len);
				bool alike = tok_sig_dice(&x, &y) >= RDIFF_LINE_SIMILAR;
				tok_sig_free(&x);
				tok_sig_free(&y);
				if (alike) {
					rc = similar_row(bd, a0 + k, b0 + k);
					continue;
				}
			}
			push_row(bd, k < nd ? (int32_t)(a0 + k) : -1, k < na ? (int32_t)(b0 + k) : -1,
				 RDIFF_ROW_CHANGE);
		}
	} else {
		struct tok_sig *da = xcalloc(nd, sizeof(*da)), *aa = xcalloc(na, sizeof(*aa));
		uint32_t *dpool = sigs_make(da, f->a, a0, nd), *apool = sigs_make(aa, f->b, b0, na);
		size_t most = nd < na ? nd : na;
		size_t *pi = xcalloc(most, sizeof(size_t)), *pj = xcalloc(most, sizeof(size_t));
		size_t n = align_dp(da, nd, aa, na, pi, pj);
		free(dpool);
		free(apool);
		free(da);
		free(aa);
		size_t i = 0, j = 0;
		for (size_t k = 0; k < n && rc == 0; k++) {
			gap_rows(bd, a0 + i, pi[k] - i, b0 + j, pj[k] - j);
			rc = similar_row(bd, a0 + pi[k], b0 + pj[k]);
			i = pi[k] + 1;
			j = pj[k] + 1;
		}
		if (rc == 0)
			gap_rows(bd, a0 + i, nd - i, b0 + j, na - j);
		free(pi);
		free(pj);
	}
	/* ch may have moved with the vector: index again */
	f->changes[f->nchanges - 1].end = f->nrows;
	return rc;
}

static void same_rows(struct builder *bd, size_t a0, size_t b0, size_t n)
{
	for (size_t k = 0; k < n; k++)
		push_row(bd, (int32_t)(a0 + k), (int32_t)(b0 + k), RDIFF_ROW_SAME);
}

static size_t text_bytes(const struct mdoc_text *t)
{
	size_t n = 0;
	for (size_t i = 0; i < t->n; i++)
		n += t->v[i].len + 1;
	return n;
}

/* libgit2's patience diff with no context: each hunk is one change, and
 * the lines between hunks are the same on both sides. */
static int line_diff(struct builder *bd)
{
	struct rdiff_file *f = bd->f;
	size_t ai = 0, bi = 0, na = f->a->n, nb = f->b->n;
	struct linediff_hunk *hunks = NULL;
	size_t nh = 0;
	int rc = 0;
	/* An identical pair (one in seven) needs no diff. */
	if (!linediff_same(f->a, f->b))
		rc = linediff(f->a, f->b, bd->flags & RDIFF_IGNORE_WS, f->name, &hunks, &nh);
	for (size_t h = 0; h < nh && rc == 0; h++) {
		const struct linediff_hunk *hunk = &hunks[h];
		/* "-5,0" inserts after line 5; "-5,2" removes lines 5 and 6. */
		size_t del = hunk->old_lines ? (size_t)hunk->old_start - 1 : (size_t)hunk->old_start;
		size_t add = hunk->new_lines ? (size_t)hunk->new_start - 1 : (size_t)hunk->new_start;
		if (del < ai || add < bi || del > na || add > nb)
			continue; /* cannot happen with context 0; never trust it blindly */
		size_t same = del - ai < add - bi ? del - ai : add - bi;
		same_rows(bd, ai, bi, same);
		ai += same;
		bi += same;
		size_t dend = del + (size_t)hunk->old_lines, aend = add + (size_t)hunk->new_lines;
		if (dend > na)
			dend = na;
		if (aend > nb)
			aend = nb;
		rc = emit_change(bd, ai, dend - ai, bi, aend - bi);
		ai = dend;
		bi = aend;
	}
	free(hunks);
	if (rc < 0)
		return rc;
	size_t same = na - ai < nb - bi ? na - ai : nb - bi;
	same_rows(bd, ai, bi, same);
	return emit_change(bd, ai + same, na - ai - same, bi + same, nb - bi - same);
}

static bool nonblank(const struct mdoc_line *l)
{
	for (uint32_t i = 0; i < l->len; i++)
		if (l->s[i] != ' ' && l->s[i] != '\t')
			return true;
	return false;
}

static void compute_stats(struct rdiff_file *f)
{
	struct rdiff_stats *s = &f->stats;
	size_t shared = 0, wa = 0, wb = 0;
	for (size_t i = 0; i < f->nrows; i++) {
		const struct rdiff_row *r = &f->rows[i];
		if (r->kind == RDIFF_ROW_SAME) {
			s->same++;
			shared += nonblank(&f->a->v[r->a]);
		} else {
			s->added += r->b >= 0;
			s->removed += r->a >= 0;
		}
	}
	for (size_t i = 0; i < f->a->n; i++)
		wa += nonblank(&f->a->v[i]);
	for (size_t i = 0; i < f->b->n; i++)
		wb += nonblank(&f->b->v[i]);
	s->a_text = wa;
	s->b_text = wb;
	size_t most = wa > wb ? wa : wb;
	s->similarity = most ? (unsigned)(100 * shared / most) : 100;
	if (s->similarity == 100 && (s->added || s->removed) && most)
		s->similarity = 99; /* "100%" only when nothing changed */
}

void rdiff_file_reset(struct rdiff_file *f)
{
	free(f->rows);
	free(f->changes);
	free(f->spans);
	f->rows = NULL;
	f->changes = NULL;
	f->spans = NULL;
	f->nrows = f->nchanges = f->nspans = 0;
	memset(&f->stats, 0, sizeof(f->stats));
	f->notes = 0;
	f->computed = false;
}

int rdiff_compute(struct rdiff *rd, struct rdiff_file *f)
{
	if (f->computed)
		return 0;
	rdiff_file_reset(f);
	struct builder bd = { f, rd->flags, 0, 0, 0, 0 };
	int rc;
	if (f->a->n > RDIFF_MAX_LINES || f->b->n > RDIFF_MAX_LINES ||
	    text_bytes(f->a) > RDIFF_MAX_BYTES || text_bytes(f->b) > RDIFF_MAX_BYTES) {
		f->notes |= RDIFF_NOTE_TOO_LARGE;
		VEC_GROW(f->changes, 1, bd.changecap);
		f->changes[0].first = 0;
		gap_rows(&bd, 0, f->a->n, 0, f->b->n);
		f->changes[0].end = f->nrows;
		f->nchanges = f->nrows ? 1 : 0;
		rc = 0;
	} else if (!f->a->n || !f->b->n) {
		rc = emit_change(&bd, 0, f->a->n, 0, f->b->n);
	} else {
		rc = line_diff(&bd);
	}
	if (rc < 0) {
		rdiff_file_reset(f);
		return rc;
	}
	compute_stats(f);
	f->computed = true;
	return 0;
}

/* The line number of a row's side, or 0. */
static uint32_t row_no(const struct mdoc_text *t, int32_t idx)
{
	return idx >= 0 ? t->v[idx].no : 0;
}

static void hunk_lines(const struct rdiff_file *f, struct rdiff_hunk *h)
{
	h->a_count = h->b_count = 0;
	h->a_line = h->b_line = 0;
	for (size_t r = h->first; r < h->end; r++) {
		const struct rdiff_row *row = &f->rows[r];
		if (row->a >= 0 && !h->a_count++)
			h->a_line = row_no(f->a, row->a);
		if (row->b >= 0 && !h->b_count++)
			h->b_line = row_no(f->b, row->b);
	}
	/* An empty side names the line before it, as git's "-5,0" does. */
	for (size_t r = h->first; r-- > 0 && (!h->a_count || !h->b_count);) {
		const struct rdiff_row *row = &f->rows[r];
		if (!h->a_count && !h->a_line && row->a >= 0)
			h->a_line = row_no(f->a, row->a);
		if (!h->b_count && !h->b_line && row->b >= 0)
			h->b_line = row_no(f->b, row->b);
		if ((h->a_count || h->a_line) && (h->b_count || h->b_line))
			break;
	}
}

size_t rdiff_hunks(const struct rdiff_file *f, unsigned context, struct rdiff_hunk **out)
{
	struct rdiff_hunk *v = NULL;
	size_t n = 0, cap = 0;
	for (size_t c = 0; c < f->nchanges; c++) {
		const struct rdiff_change *ch = &f->changes[c];
		size_t first = ch->first > context ? ch->first - context : 0;
		size_t end = ch->end + context < f->nrows ? ch->end + context : f->nrows;
		if (n && first <= v[n - 1].end) {
			v[n - 1].end = end; /* the contexts touch: one hunk */
			continue;
		}
		VEC_GROW(v, n + 1, cap);
		v[n++] = (struct rdiff_hunk){ first, end, 0, 0, 0, 0 };
	}
	for (size_t i = 0; i < n; i++)
		hunk_lines(f, &v[i]);
	*out = v;
	return n;
}
