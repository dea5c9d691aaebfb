#include "textdiff.h"

#include <git2.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "mem.h"

static void push(struct textdiff *d, enum textdiff_kind kind, uint32_t old_no, uint32_t new_no,
		 const char *text, size_t len)
{
	VEC_GROW(d->v, d->n + 1, d->cap);
	struct textdiff_line *l = &d->v[d->n++];
	while (len && (text[len - 1] == '\n'))
		len--;
	l->kind = kind;
	l->old_no = old_no;
	l->new_no = new_no;
	l->text = xmalloc(len + 1);
	memcpy(l->text, text, len);
	l->text[len] = '\0';
	l->len = len;
}

int textdiff_compute(const char *a, size_t alen, const char *b, size_t blen, unsigned context,
		     struct textdiff *out)
{
	memset(out, 0, sizeof(*out));
	git_diff_options opts;
	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	opts.context_lines = context;
	git_patch *patch = NULL;
	if (git_patch_from_buffers(&patch, a, alen, NULL, b, blen, NULL, &opts) < 0)
		return err_git(ERR_FAIL, "cannot diff the two texts");
	const git_diff_delta *delta = git_patch_get_delta(patch);
	if (delta && (delta->flags & GIT_DIFF_FLAG_BINARY)) {
		out->binary = true;
		push(out, TD_NOTE, 0, 0, "binary content differs", 22);
	}
	size_t nh = git_patch_num_hunks(patch);
	for (size_t h = 0; h < nh; h++) {
		const git_diff_hunk *hunk = NULL;
		size_t nl = 0;
		if (git_patch_get_hunk(&hunk, &nl, patch, h) < 0)
			break;
		push(out, TD_HUNK, 0, 0, hunk->header, hunk->header_len);
		for (size_t i = 0; i < nl; i++) {
			const git_diff_line *l = NULL;
			if (git_patch_get_line_in_hunk(&l, patch, h, i) < 0)
				break;
			uint32_t o = l->old_lineno > 0 ? (uint32_t)l->old_lineno : 0;
			uint32_t n = l->new_lineno > 0 ? (uint32_t)l->new_lineno : 0;
			switch (l->origin) {
			case GIT_DIFF_LINE_ADDITION:
				push(out, TD_ADD, 0, n, l->content, l->content_len);
				out->added++;
				break;
			case GIT_DIFF_LINE_DELETION:
				push(out, TD_DEL, o, 0, l->content, l->content_len);
				out->removed++;
				break;
			case GIT_DIFF_LINE_CONTEXT:
				push(out, TD_CONTEXT, o, n, l->content, l->content_len);
				break;
			default: /* "\ No newline at end of file" */
				push(out, TD_NOTE, 0, 0, "\\ no newline at end of file", 27);
				break;
			}
		}
	}
	git_patch_free(patch);
	return 0;
}

void textdiff_free(struct textdiff *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].text);
	free(d->v);
	memset(d, 0, sizeof(*d));
}
