#include "tokdiff.h"

#include <git2.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "mem.h"

/* Word characters: ASCII letters, digits, '_' and every byte of a
 * multi-byte UTF-8 sequence (so "héllo" and "日本" stay whole). */
static bool word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c >= 0x80;
}

static uint32_t fnv1a(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

/* The end of the token that starts at s[i]. */
static size_t tok_end(const char *s, size_t n, size_t i)
{
	size_t j = i + 1;
	unsigned char c = (unsigned char)s[i];
	if (c == ' ' || c == '\t') {
		while (j < n && (s[j] == ' ' || s[j] == '\t'))
			j++;
	} else if (word_byte(c)) {
		while (j < n && word_byte((unsigned char)s[j]))
			j++;
	}
	return j;
}

size_t tok_split(const char *s, size_t n, struct tok **out)
{
	struct tok *v = NULL;
	size_t count = 0, cap = 0, i = 0;
	while (i < n) {
		size_t j = tok_end(s, n, i);
		VEC_GROW(v, count + 1, cap);
		v[count++] = (struct tok){ (uint32_t)i, (uint32_t)(j - i), fnv1a(s + i, j - i),
					   s[i] == ' ' || s[i] == '\t' };
		i = j;
	}
	*out = v;
	return count;
}

/* Byte classes for tok_hashes: 0 punctuation (a token alone), 1 blank,
 * 2 word (as word_byte); a table, as this loop runs over every line. */
static const unsigned char byte_class[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0,
	0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 2,
	0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
};

void tok_hashes(const char *s, size_t n, uint32_t **v, size_t *len, size_t *cap)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		unsigned k = byte_class[u[i]];
		if (k == 1) {
			i++;
			continue;
		}
		/* fnv1a of the token, as it is scanned */
		uint32_t h = 2166136261u;
		do {
			h ^= u[i++];
			h *= 16777619u;
		} while (k == 2 && i < n && byte_class[u[i]] == 2);
		VEC_GROW(*v, *len + 1, *cap);
		(*v)[(*len)++] = h;
	}
}

void tok_sort(uint32_t *v, size_t n)
{
	if (n < 64) {
		for (size_t i = 1; i < n; i++) {
			uint32_t x = v[i];
			size_t j = i;
			while (j && v[j - 1] > x) {
				v[j] = v[j - 1];
				j--;
			}
			v[j] = x;
		}
		return;
	}
	/* LSD radix sort, a byte a pass: linear, no comparisons */
	uint32_t *tmp = xcalloc(n, sizeof(uint32_t)), *src = v, *dst = tmp;
	for (unsigned shift = 0; shift < 32; shift += 8) {
		size_t count[257] = { 0 };
		for (size_t i = 0; i < n; i++)
			count[((src[i] >> shift) & 0xFF) + 1]++;
		for (size_t b = 1; b < 257; b++)
			count[b] += count[b - 1];
		for (size_t i = 0; i < n; i++)
			dst[count[(src[i] >> shift) & 0xFF]++] = src[i];
		uint32_t *t = src;
		src = dst;
		dst = t;
	}
	free(tmp); /* four passes: the result is back in v */
}

void tok_sig_make(struct tok_sig *sig, const char *s, size_t n)
{
	size_t cap = 0;
	sig->h = NULL;
	sig->n = 0;
	tok_hashes(s, n, &sig->h, &sig->n, &cap);
	tok_sort(sig->h, sig->n);
}

void tok_sig_free(struct tok_sig *sig)
{
	free(sig->h);
	sig->h = NULL;
	sig->n = 0;
}

unsigned tok_sig_dice(const struct tok_sig *a, const struct tok_sig *b)
{
	if (!a->n && !b->n)
		return 1000;
	size_t i = 0, j = 0, common = 0;
	while (i < a->n && j < b->n) {
		if (a->h[i] == b->h[j]) {
			common++;
			i++;
			j++;
		} else if (a->h[i] < b->h[j]) {
			i++;
		} else {
			j++;
		}
	}
	return (unsigned)(2000 * common / (a->n + b->n));
}

/* One side of a token diff: its tokens (blanks dropped when ignored) and
 * which of them changed. */
struct side {
	const char *s;
	struct tok *t;
	size_t n;
	bool *changed;
	struct buf lines;
};

static void side_init(struct side *sd, const char *s, size_t n, bool ignore_ws)
{
	memset(sd, 0, sizeof(*sd));
	sd->s = s;
	struct tok *all = NULL;
	size_t count = tok_split(s, n, &all);
	sd->t = xcalloc(count ? count : 1, sizeof(struct tok));
	for (size_t i = 0; i < count; i++)
		if (!(ignore_ws && all[i].blank))
			sd->t[sd->n++] = all[i];
	free(all);
	sd->changed = xcalloc(sd->n ? sd->n : 1, sizeof(bool));
	for (size_t i = 0; i < sd->n; i++) {
		buf_put(&sd->lines, s + sd->t[i].off, sd->t[i].len);
		buf_putc(&sd->lines, '\n');
	}
}

static void side_free(struct side *sd)
{
	free(sd->t);
	free(sd->changed);
	buf_free(&sd->lines);
}

struct cb_state {
	struct side *a, *b;
};

static int on_line(const git_diff_delta *delta, const git_diff_hunk *hunk,
		   const git_diff_line *line, void *payload)
{
	(void)delta;
	(void)hunk;
	struct cb_state *st = payload;
	if (line->origin == GIT_DIFF_LINE_DELETION && line->old_lineno >= 1 &&
	    (size_t)line->old_lineno <= st->a->n)
		st->a->changed[line->old_lineno - 1] = true;
	else if (line->origin == GIT_DIFF_LINE_ADDITION && line->new_lineno >= 1 &&
		 (size_t)line->new_lineno <= st->b->n)
		st->b->changed[line->new_lineno - 1] = true;
	return 0;
}

static bool only_blanks(const char *s, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

/* Changed tokens as byte ranges, joined across blanks. */
static struct tok_span *side_spans(const struct side *sd, size_t *count)
{
	struct tok_span *v = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < sd->n; i++) {
		if (!sd->changed[i])
			continue;
		const struct tok *t = &sd->t[i];
		if (n) {
			struct tok_span *last = &v[n - 1];
			size_t end = (size_t)last->start + last->len;
			if (only_blanks(sd->s, end, t->off)) {
				last->len = t->off + t->len - last->start;
				continue;
			}
		}
		VEC_GROW(v, n + 1, cap);
		v[n++] = (struct tok_span){ t->off, t->len };
	}
	*count = n;
	return v;
}

static size_t unchanged_words(const struct side *sd, size_t *words)
{
	size_t same = 0;
	*words = 0;
	for (size_t i = 0; i < sd->n; i++) {
		if (sd->t[i].blank)
			continue;
		(*words)++;
		same += !sd->changed[i];
	}
	return same;
}

int tok_diff(const char *a, size_t an, const char *b, size_t bn, bool ignore_ws,
	     struct tok_diff *out)
{
	memset(out, 0, sizeof(*out));
	struct side sa, sb;
	side_init(&sa, a, an, ignore_ws);
	side_init(&sb, b, bn, ignore_ws);
	out->tokens = sa.n + sb.n;
	git_diff_options opts;
	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	opts.context_lines = 0;
	opts.interhunk_lines = 0;
	opts.flags |= GIT_DIFF_FORCE_TEXT;
	struct cb_state st = { &sa, &sb };
	int rc = git_diff_buffers(sa.lines.ptr, sa.lines.len, NULL, sb.lines.ptr, sb.lines.len,
				  NULL, &opts, NULL, NULL, NULL, on_line, &st);
	if (rc < 0) {
		side_free(&sa);
		side_free(&sb);
		return err_git(ERR_FAIL, "word diff");
	}
	size_t wa, wb;
	size_t same = unchanged_words(&sa, &wa) + unchanged_words(&sb, &wb);
	out->same = wa + wb ? (unsigned)(1000 * same / (wa + wb)) : 1000;
	out->a = side_spans(&sa, &out->na);
	out->b = side_spans(&sb, &out->nb);
	side_free(&sa);
	side_free(&sb);
	return 0;
}

void tok_diff_free(struct tok_diff *d)
{
	free(d->a);
	free(d->b);
	memset(d, 0, sizeof(*d));
}
