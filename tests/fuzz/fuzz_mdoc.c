/* Fuzz target: untrusted bytes into the response-document reader
 * (core/mdoc: normalisation, libcmark's fenced blocks, prose sections, the
 * file-name labels).  Every line, block and section must lie inside the
 * document, in order, and every label be valid text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/mdoc.h"
#include "../../core/utf8.h"

static void check_text(const struct mdoc *d, const struct mdoc_text *t)
{
	uint32_t prev = 0;
	for (size_t i = 0; i < t->n; i++) {
		const struct mdoc_line *l = &t->v[i];
		if (l->no <= prev || l->no > d->lines.n || memchr(l->s, '\n', l->len))
			__builtin_trap();
		prev = l->no;
	}
}

static void check_str(const char *s)
{
	if (s && !utf8_valid(s, strlen(s)))
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mdoc *d = NULL;
	if (mdoc_parse(&d, (const char *)data, size) < 0)
		return 0;
	check_text(d, &d->lines);
	check_text(d, &d->prose);
	for (size_t i = 0; i < d->lines.n; i++)
		if (d->lines.v[i].no != i + 1 || d->lines.v[i].s < d->text ||
		    d->lines.v[i].s + d->lines.v[i].len > d->text + d->len)
			__builtin_trap();
	uint32_t prev_fence = 0;
	for (size_t i = 0; i < d->nblocks; i++) {
		const struct mdoc_block *b = &d->blocks[i];
		check_text(d, &b->body);
		check_str(b->info);
		check_str(b->lang);
		check_str(b->path);
		if (!b->info || !b->lang || b->fence_line <= prev_fence ||
		    b->fence_line > d->lines.n || b->last_line < b->fence_line ||
		    b->last_line > d->lines.n || (b->close_line && b->close_line != b->last_line) ||
		    b->unterminated != !b->close_line || (b->path && b->label == MDOC_LABEL_NONE) ||
		    (!b->path && b->label != MDOC_LABEL_NONE) || !mdoc_label_name(b->label))
			__builtin_trap();
		for (size_t k = 0; k < b->body.n; k++)
			if (b->body.v[k].no <= b->fence_line || b->body.v[k].no > b->last_line)
				__builtin_trap();
		prev_fence = b->fence_line;
	}
	uint32_t prev = 0;
	for (size_t i = 0; i < d->nsections; i++) {
		const struct mdoc_section *s = &d->sections[i];
		if (s->first <= prev || s->last < s->first || s->last > d->lines.n)
			__builtin_trap();
		prev = s->last;
	}
	if (mdoc_unterminated(d) > d->nblocks)
		__builtin_trap();
	/* the label detectors on the first line and the first info string */
	if (d->lines.n) {
		const struct mdoc_line *l = &d->lines.v[0];
		enum mdoc_label kind;
		free(mdoc_label_from_line(l->s, l->len, &kind, ""));
		free(mdoc_label_from_comment(l->s, l->len));
		(void)mdoc_pathlike(l->s, l->len);
		char *s = strndup(l->s, l->len);
		free(mdoc_label_from_info(s));
		free(mdoc_lang_norm(s));
		free(s);
	}
	mdoc_free(d);
	return 0;
}
