/* The response diff's files: pairing the code blocks of the two documents
 * (corpus-facts.md §2 measured why each step is needed: 30% of IDEAL blocks
 * pair by exact name, 4% by basename, 7% by a language found once on each
 * side, and 41% need similarity). */
#include "rdiff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "tokdiff.h"

static const struct mdoc_text empty_text = { NULL, 0 };

/* What pairing knows about one document's blocks. */
struct side {
	const struct mdoc *d;
	int *pair;               /* the other side's block, or -1 */
	enum rdiff_how *how;
	struct tok_sig *tokens;  /* computed when similarity is needed */
	struct tok_sig *lines;
	bool *signed_;
};

static void side_init(struct side *s, const struct mdoc *d)
{
	s->d = d;
	size_t n = d->nblocks ? d->nblocks : 1;
	s->pair = xcalloc(n, sizeof(int));
	s->how = xcalloc(n, sizeof(enum rdiff_how));
	s->tokens = xcalloc(n, sizeof(struct tok_sig));
	s->lines = xcalloc(n, sizeof(struct tok_sig));
	s->signed_ = xcalloc(n, sizeof(bool));
	for (size_t i = 0; i < d->nblocks; i++)
		s->pair[i] = -1;
}

static void side_free(struct side *s)
{
	for (size_t i = 0; i < s->d->nblocks; i++) {
		tok_sig_free(&s->tokens[i]);
		tok_sig_free(&s->lines[i]);
	}
	free(s->pair);
	free(s->how);
	free(s->tokens);
	free(s->lines);
	free(s->signed_);
}

static uint32_t hash_trimmed(const struct mdoc_line *l, bool *blank)
{
	uint32_t a = 0, b = l->len;
	while (a < b && (l->s[a] == ' ' || l->s[a] == '\t'))
		a++;
	while (b > a && (l->s[b - 1] == ' ' || l->s[b - 1] == '\t'))
		b--;
	*blank = a == b;
	uint32_t h = 2166136261u;
	for (uint32_t i = a; i < b; i++) {
		h ^= (unsigned char)l->s[i];
		h *= 16777619u;
	}
	return h;
}

/* Token and line signatures of a block, made once. */
static void sign(struct side *s, size_t i)
{
	if (s->signed_[i])
		return;
	s->signed_[i] = true;
	const struct mdoc_text *t = &s->d->blocks[i].body;
	struct tok_sig *ls = &s->lines[i], *ts = &s->tokens[i];
	ls->h = xcalloc(t->n ? t->n : 1, sizeof(uint32_t));
	size_t cap = 0;
	for (size_t k = 0; k < t->n; k++) {
		bool blank;
		uint32_t h = hash_trimmed(&t->v[k], &blank);
		if (!blank)
			ls->h[ls->n++] = h;
		tok_hashes(t->v[k].s, t->v[k].len, &ts->h, &ts->n, &cap);
	}
	tok_sort(ls->h, ls->n);
	tok_sort(ts->h, ts->n);
}

static void pair(struct side *m, struct side *i, size_t mi, size_t ii, enum rdiff_how how)
{
	m->pair[mi] = (int)ii;
	i->pair[ii] = (int)mi;
	m->how[mi] = i->how[ii] = how;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* A block's key for grouping (its path, basename or language) and its
 * index: sorted by key, then source order, so that each group is a run. */
struct keyed {
	const char *key;
	size_t idx;
};

static int keyed_cmp(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

enum key_kind { KEY_PATH, KEY_BASENAME, KEY_LANG };

static const char *block_key(const struct mdoc_block *b, enum key_kind kind)
{
	if (kind == KEY_LANG)
		return b->lang;
	if (!b->path)
		return NULL;
	return kind == KEY_PATH ? b->path : base_name(b->path);
}

/* The unpaired blocks of a side that have a key ("" counts only when
 * `empty` is set), sorted. */
static size_t keyed_blocks(const struct side *s, enum key_kind kind, bool empty, struct keyed **out)
{
	struct keyed *v = xcalloc(s->d->nblocks ? s->d->nblocks : 1, sizeof(*v));
	size_t n = 0;
	for (size_t i = 0; i < s->d->nblocks; i++) {
		const char *key = block_key(&s->d->blocks[i], kind);
		if (s->pair[i] < 0 && key && (*key || empty))
			v[n++] = (struct keyed){ key, i };
	}
	qsort(v, n, sizeof(*v), keyed_cmp);
	*out = v;
	return n;
}

/* The first position of `key` in v, or n. */
static size_t lower_bound(const struct keyed *v, size_t n, const char *key)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(v[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && strcmp(v[lo].key, key) == 0 ? lo : n;
}

/* Steps 1 and 2: the same path, then the same basename: each IDEAL block
 * in order takes the first unpaired MODEL block of its name.  A cursor
 * per name keeps this linear however often a name repeats. */
static void pair_by_name(struct side *m, struct side *id, enum key_kind kind)
{
	struct keyed *v = NULL;
	size_t n = keyed_blocks(m, kind, false, &v);
	size_t *cursor = xcalloc(n ? n : 1, sizeof(size_t));
	for (size_t k = 0; k < n; k++)
		cursor[k] = k;
	for (size_t j = 0; j < id->d->nblocks && n; j++) {
		const char *key = block_key(&id->d->blocks[j], kind);
		if (id->pair[j] >= 0 || !key)
			continue;
		size_t lb = lower_bound(v, n, key);
		if (lb == n)
			continue;
		size_t *c = &cursor[lb];
		while (*c < n && strcmp(v[*c].key, key) == 0 && m->pair[v[*c].idx] >= 0)
			(*c)++;
		if (*c < n && strcmp(v[*c].key, key) == 0) {
			pair(m, id, v[*c].idx, j, kind == KEY_PATH ? RDIFF_BY_PATH : RDIFF_BY_BASENAME);
			(*c)++;
		}
	}
	free(cursor);
	free(v);
}

/* How alike two blocks are: line and token Dice, 0..1000 each. */
static void likeness(struct side *m, struct side *id, size_t i, size_t j,
		     unsigned *lines, unsigned *tokens)
{
	sign(m, i);
	sign(id, j);
	*lines = tok_sig_dice(&m->lines[i], &id->lines[j]);
	*tokens = tok_sig_dice(&m->tokens[i], &id->tokens[j]);
}

static bool alike(unsigned lines, unsigned tokens)
{
	return lines >= RDIFF_BLOCK_LINE_SIMILAR || tokens >= RDIFF_BLOCK_TOKEN_SIMILAR;
}

/* Visit the runs of equal keys present on both sides (merge of two sorted
 * lists): fn gets each side's run. */
static void common_groups(const struct keyed *a, size_t na, const struct keyed *b, size_t nb,
			  void (*fn)(const struct keyed *ra, size_t la, const struct keyed *rb,
				     size_t lb, void *payload),
			  void *payload)
{
	size_t i = 0, j = 0;
	while (i < na && j < nb) {
		int c = strcmp(a[i].key, b[j].key);
		if (c < 0) {
			i++;
		} else if (c > 0) {
			j++;
		} else {
			size_t ei = i, ej = j;
			while (ei < na && strcmp(a[ei].key, a[i].key) == 0)
				ei++;
			while (ej < nb && strcmp(b[ej].key, b[j].key) == 0)
				ej++;
			fn(a + i, ei - i, b + j, ej - j, payload);
			i = ei;
			j = ej;
		}
	}
}

struct sides {
	struct side *m, *id;
	struct cand *c;
	size_t n, cap, work;
	bool complete;
};

static void unique_language(const struct keyed *ra, size_t la, const struct keyed *rb, size_t lb,
			    void *payload)
{
	struct sides *s = payload;
	if (la != 1 || lb != 1)
		return;
	size_t i = ra[0].idx, j = rb[0].idx;
	unsigned l, t;
	likeness(s->m, s->id, i, j, &l, &t);
	bool named = s->id->d->blocks[j].path && s->m->d->blocks[i].path;
	if (named ? alike(l, t) : t >= RDIFF_BLOCK_WEAK_SIMILAR)
		pair(s->m, s->id, i, j, RDIFF_BY_LANGUAGE);
}

/* Step 3: a language found once on each side among the unpaired blocks.
 * Two blocks that both name a file (different ones, or step 1 or 2 had
 * paired them) pair here only if they are alike; others need a few shared
 * tokens (a 3-line snippet is not the 50-line file of the same language). */
static void pair_by_language(struct side *m, struct side *id)
{
	struct keyed *a = NULL, *b = NULL;
	size_t na = keyed_blocks(m, KEY_LANG, false, &a), nb = keyed_blocks(id, KEY_LANG, false, &b);
	struct sides s = { m, id, NULL, 0, 0, 0, true };
	common_groups(a, na, b, nb, unique_language, &s);
	free(a);
	free(b);
}

struct cand {
	unsigned score;
	size_t i, j;
};

static int cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->j != y->j)
		return x->j < y->j ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static void similar_candidates(const struct keyed *ra, size_t la, const struct keyed *rb,
			       size_t lb, void *payload)
{
	struct sides *s = payload;
	for (size_t y = 0; y < lb && s->complete; y++) {
		for (size_t x = 0; x < la; x++) {
			size_t i = ra[x].idx, j = rb[y].idx;
			sign(s->m, i);
			sign(s->id, j);
			s->work += 1 + s->m->tokens[i].n + s->id->tokens[j].n + s->m->lines[i].n +
				   s->id->lines[j].n;
			if (s->work > RDIFF_PAIR_MAX_WORK || s->n >= RDIFF_PAIR_MAX_CANDIDATES) {
				s->complete = false;
				return;
			}
			unsigned l, t;
			likeness(s->m, s->id, i, j, &l, &t);
			if (!alike(l, t))
				continue;
			VEC_GROW(s->c, s->n + 1, s->cap);
			s->c[s->n++] = (struct cand){ l + t, i, j };
		}
	}
}

/* Step 4: the most similar remaining blocks of the same language, best
 * first, ties in source order.  Returns false when the work budget ran
 * out (the rest stay unpaired). */
static bool pair_by_similarity(struct side *m, struct side *id)
{
	struct keyed *a = NULL, *b = NULL;
	/* blocks with no language form a group of their own */
	size_t na = keyed_blocks(m, KEY_LANG, true, &a), nb = keyed_blocks(id, KEY_LANG, true, &b);
	struct sides s = { m, id, NULL, 0, 0, 0, true };
	common_groups(a, na, b, nb, similar_candidates, &s);
	free(a);
	free(b);
	if (s.n)
		qsort(s.c, s.n, sizeof(*s.c), cand_cmp);
	for (size_t k = 0; k < s.n; k++)
		if (m->pair[s.c[k].i] < 0 && id->pair[s.c[k].j] < 0)
			pair(m, id, s.c[k].i, s.c[k].j, RDIFF_BY_SIMILARITY);
	free(s.c);
	return s.complete;
}

static char *block_name(const struct mdoc_block *a, const struct mdoc_block *b)
{
	const char *pa = a ? a->path : NULL, *pb = b ? b->path : NULL;
	if (pa && pb && strcmp(pa, pb) != 0)
		return xasprintf("%s \xe2\x86\x92 %s", pa, pb);
	if (pb)
		return xstrdup(pb);
	if (pa)
		return xstrdup(pa);
	const char *lang = b ? b->lang : a->lang;
	char where[64];
	if (a && b)
		snprintf(where, sizeof(where), "M:%u I:%u", a->fence_line, b->fence_line);
	else
		snprintf(where, sizeof(where), "%s:%u", a ? "M" : "I", a ? a->fence_line : b->fence_line);
	return *lang ? xasprintf("(%s block %s)", lang, where) : xasprintf("(block %s)", where);
}

static struct rdiff_file *add_file(struct rdiff *rd, size_t *cap)
{
	VEC_GROW(rd->files, rd->nfiles + 1, *cap);
	struct rdiff_file *f = &rd->files[rd->nfiles++];
	memset(f, 0, sizeof(*f));
	f->a = f->b = &empty_text;
	f->lang = "";
	return f;
}

static void add_block_file(struct rdiff *rd, size_t *cap, const struct mdoc_block *a,
			   const struct mdoc_block *b, enum rdiff_how how)
{
	struct rdiff_file *f = add_file(rd, cap);
	f->kind = RDIFF_BLOCK;
	f->status = a && b ? RDIFF_PAIRED : a ? RDIFF_ONLY_MODEL : RDIFF_ONLY_IDEAL;
	f->how = how;
	f->ablock = a;
	f->bblock = b;
	if (a)
		f->a = &a->body;
	if (b)
		f->b = &b->body;
	f->lang = b ? b->lang : a->lang;
	f->name = block_name(a, b);
}

static bool has_text(const struct mdoc_text *t)
{
	for (size_t i = 0; i < t->n; i++)
		for (uint32_t k = 0; k < t->v[i].len; k++)
			if (t->v[i].s[k] != ' ' && t->v[i].s[k] != '\t')
				return true;
	return false;
}

struct rdiff *rdiff_new(const struct mdoc *model, const struct mdoc *ideal, unsigned flags)
{
	struct rdiff *rd = xcalloc(1, sizeof(*rd));
	rd->model = model;
	rd->ideal = ideal;
	rd->flags = flags;

	struct side m, id;
	side_init(&m, model);
	side_init(&id, ideal);
	pair_by_name(&m, &id, KEY_PATH);
	pair_by_name(&m, &id, KEY_BASENAME);
	pair_by_language(&m, &id);
	if (!pair_by_similarity(&m, &id))
		rd->notes |= RDIFF_NOTE_PAIR_BUDGET;

	size_t cap = 0, paired = 0;
	for (size_t j = 0; j < ideal->nblocks; j++) {
		int i = id.pair[j];
		add_block_file(rd, &cap, i >= 0 ? &model->blocks[i] : NULL, &ideal->blocks[j], id.how[j]);
		rd->code_lines += ideal->blocks[j].body.n;
		if (i >= 0)
			paired += ideal->blocks[j].body.n + model->blocks[i].body.n;
	}
	for (size_t i = 0; i < model->nblocks; i++) {
		rd->code_lines += model->blocks[i].body.n;
		if (m.pair[i] < 0)
			add_block_file(rd, &cap, &model->blocks[i], NULL, RDIFF_BY_NONE);
	}
	rd->coverage = rd->code_lines ? (unsigned)(100 * paired / rd->code_lines) : 100;
	if (has_text(&model->prose) || has_text(&ideal->prose) || rd->nfiles == 0) {
		struct rdiff_file *f = add_file(rd, &cap);
		f->kind = RDIFF_PROSE;
		f->name = xstrdup("(prose)");
		f->a = &model->prose;
		f->b = &ideal->prose;
	}
	side_free(&m);
	side_free(&id);

	memset(&rd->whole, 0, sizeof(rd->whole));
	rd->whole.kind = RDIFF_DOCUMENT;
	rd->whole.name = xstrdup("(whole document)");
	rd->whole.lang = "markdown";
	rd->whole.a = &model->lines;
	rd->whole.b = &ideal->lines;
	return rd;
}

void rdiff_free(struct rdiff *rd)
{
	if (!rd)
		return;
	for (size_t i = 0; i < rd->nfiles; i++) {
		rdiff_file_reset(&rd->files[i]);
		free(rd->files[i].name);
	}
	free(rd->files);
	rdiff_file_reset(&rd->whole);
	free(rd->whole.name);
	free(rd);
}

void rdiff_set_flags(struct rdiff *rd, unsigned flags)
{
	if (flags == rd->flags)
		return;
	rd->flags = flags;
	for (size_t i = 0; i < rd->nfiles; i++)
		rdiff_file_reset(&rd->files[i]);
	rdiff_file_reset(&rd->whole);
}

int rdiff_compute_all(struct rdiff *rd, bool whole)
{
	for (size_t i = 0; i < rd->nfiles; i++) {
		int rc = rdiff_compute(rd, &rd->files[i]);
		if (rc < 0)
			return rc;
	}
	return whole ? rdiff_compute(rd, &rd->whole) : 0;
}

const char *rdiff_how_name(enum rdiff_how how)
{
	switch (how) {
	case RDIFF_BY_PATH: return "path";
	case RDIFF_BY_BASENAME: return "basename";
	case RDIFF_BY_LANGUAGE: return "language";
	case RDIFF_BY_SIMILARITY: return "similarity";
	case RDIFF_BY_NONE: break;
	}
	return "";
}

const char *rdiff_file_state(const struct rdiff_file *f)
{
	if (f->status == RDIFF_ONLY_MODEL)
		return "only in MODEL";
	if (f->status == RDIFF_ONLY_IDEAL)
		return "only in IDEAL";
	/* A new name says more than the content: "moved" + 100% is clear. */
	const char *pa = f->ablock ? f->ablock->path : NULL, *pb = f->bblock ? f->bblock->path : NULL;
	if (pa && pb && strcmp(pa, pb) != 0)
		return strcmp(base_name(pa), base_name(pb)) == 0 ? "moved" : "renamed";
	if (f->computed && !f->stats.added && !f->stats.removed)
		return "identical";
	if (f->computed && f->stats.similarity < RDIFF_REWRITTEN && f->stats.a_text && f->stats.b_text)
		return "rewritten";
	return "modified";
}
