/* The line diff of two texts: libgit2's patience diff, each distinct line
 * given as a short code (see linediff.h for why the changes are the same). */
#include "linediff.h"

#include <git2.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "mem.h"

bool linediff_same(const struct mdoc_text *a, const struct mdoc_text *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (a->v[i].len != b->v[i].len || memcmp(a->v[i].s, b->v[i].s, a->v[i].len) != 0)
			return false;
	return true;
}

/* A hash of a line, eight bytes at a time (equal lines are then compared
 * byte for byte: the hash only has to spread them). */
static uint64_t line_hash(const char *s, size_t n)
{
	uint64_t h = 0x9E3779B97F4A7C15ull ^ n, w;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	w = 0;
	if (n > i)
		memcpy(&w, s + i, n - i);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
	return h ^ (h >> 29);
}

/* Distinct lines, numbered in order of first appearance. */
struct table {
	uint32_t *slot;                  /* id + 1; 0: empty */
	size_t mask;
	const struct mdoc_line **first;  /* each id's first line */
	uint64_t *hash;
	uint32_t n;
};

static void table_init(struct table *t, size_t lines)
{
	size_t size = 16;
	while (size < st_mult(lines, 2))
		size = st_mult(size, 2);
	t->slot = xcalloc(size, sizeof(*t->slot));
	t->mask = size - 1;
	t->first = xcalloc(lines ? lines : 1, sizeof(*t->first));
	t->hash = xcalloc(lines ? lines : 1, sizeof(*t->hash));
	t->n = 0;
}

static void table_free(struct table *t)
{
	free(t->slot);
	free(t->first);
	free(t->hash);
}

static uint32_t intern(struct table *t, const struct mdoc_line *l)
{
	uint64_t h = line_hash(l->s, l->len);
	size_t i = (size_t)h & t->mask;
	while (t->slot[i]) {
		uint32_t id = t->slot[i] - 1;
		const struct mdoc_line *f = t->first[id];
		if (t->hash[id] == h && f->len == l->len && memcmp(f->s, l->s, l->len) == 0)
			return id;
		i = (i + 1) & t->mask;
	}
	uint32_t id = t->n++;
	t->first[id] = l;
	t->hash[id] = h;
	t->slot[i] = id + 1;
	return id;
}

/* One code a line: the id in base 64, least significant digit first
 * (distinct ids give distinct strings; no '\n' or '\r' among the digits). */
static void encode(struct table *t, const struct mdoc_text *text, struct buf *out)
{
	static const char digits[] =
		"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+/";
	buf_grow(out, st_mult(text->n, 7));
	char *p = out->ptr + out->len;
	for (size_t i = 0; i < text->n; i++) {
		uint32_t id = intern(t, &text->v[i]);
		do {
			*p++ = digits[id & 63];
			id >>= 6;
		} while (id);
		*p++ = '\n';
	}
	out->len = (size_t)(p - out->ptr);
	out->ptr[out->len] = '\0';
}

static void join_lines(const struct mdoc_text *t, struct buf *out)
{
	for (size_t i = 0; i < t->n; i++) {
		buf_put(out, t->v[i].s, t->v[i].len);
		buf_putc(out, '\n');
	}
}

struct hunks {
	struct linediff_hunk *v;
	size_t n, cap;
};

static int on_hunk(const git_diff_delta *delta, const git_diff_hunk *h, void *payload)
{
	(void)delta;
	struct hunks *hs = payload;
	VEC_GROW(hs->v, hs->n + 1, hs->cap);
	hs->v[hs->n++] = (struct linediff_hunk){ (uint32_t)h->old_start, (uint32_t)h->old_lines,
						 (uint32_t)h->new_start, (uint32_t)h->new_lines };
	return 0;
}

int linediff(const struct mdoc_text *a, const struct mdoc_text *b, bool ignore_ws,
	     const char *name, struct linediff_hunk **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct buf ba = BUF_INIT, bb = BUF_INIT;
	if (ignore_ws) {
		join_lines(a, &ba);
		join_lines(b, &bb);
	} else {
		struct table t;
		table_init(&t, st_add(a->n, b->n));
		encode(&t, a, &ba);
		encode(&t, b, &bb);
		table_free(&t);
	}
	git_diff_options opts;
	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	opts.context_lines = 0;
	opts.interhunk_lines = 0;
	opts.flags |= GIT_DIFF_PATIENCE | GIT_DIFF_FORCE_TEXT;
	if (ignore_ws)
		opts.flags |= GIT_DIFF_IGNORE_WHITESPACE | GIT_DIFF_IGNORE_WHITESPACE_EOL;
	struct hunks hs = { NULL, 0, 0 };
	int rc = git_diff_buffers(ba.ptr, ba.len, NULL, bb.ptr, bb.len, NULL, &opts, NULL, NULL,
				  on_hunk, NULL, &hs);
	buf_free(&ba);
	buf_free(&bb);
	if (rc < 0) {
		free(hs.v);
		return err_git(ERR_FAIL, "diff of %s", name);
	}
	*out = hs.v;
	*n = hs.n;
	return 0;
}
