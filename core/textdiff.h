/* A line diff of two texts (libgit2's patch), as a flat list of lines for
 * a screen: hunk headers, context, removed and added lines.  Used to
 * compare one document at two revisions (views/revdiff.c). */
#ifndef IACREV_TEXTDIFF_H
#define IACREV_TEXTDIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum textdiff_kind { TD_HUNK, TD_CONTEXT, TD_ADD, TD_DEL, TD_NOTE };

struct textdiff_line {
	enum textdiff_kind kind;
	uint32_t old_no, new_no;   /* 0 where the side has no line */
	char *text;                /* raw bytes without the newline (show through sline_add) */
	size_t len;
};

struct textdiff {
	struct textdiff_line *v;
	size_t n, cap;
	size_t added, removed;
	bool binary;
};

/* Diff a against b with `context` lines around each change.  0 or < 0
 * with err_set. */
int textdiff_compute(const char *a, size_t alen, const char *b, size_t blen, unsigned context,
		     struct textdiff *out);
void textdiff_free(struct textdiff *d);

#endif
