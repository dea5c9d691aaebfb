/* The response diff as styled lines: the notices, the file list with its
 * statistics, and each file's hunks, unified or side by side.  The same
 * functions serve `iacrev diff` and the diff screen: they take the model
 * (core/rdiff), a width and options, and never recompute the diff, so a
 * new width or context is just another call. */
#ifndef IACREV_VIEWS_DIFF_H
#define IACREV_VIEWS_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/rdiff.h"
#include "../core/sline.h"

enum diff_layout {
	DIFF_UNIFIED,
	DIFF_SIDE_BY_SIDE,
};

struct diff_opts {
	enum diff_layout layout;
	size_t width;       /* columns; 0 = unbounded (unified never wraps) */
	bool wrap;          /* wrap long lines inside their column, else cut */
	size_t hscroll;     /* first text column shown when cutting */
	unsigned context;   /* lines of context around each change */
};

/* Side-by-side needs this many text columns a side; narrower, it falls
 * back to unified (and says so). */
#define DIFF_SIDE_MIN_TEXT 24

/* sline.flags of the lines produced here. */
enum {
	DIFF_LINE_LIST = 1 << 0,     /* a row of the file list */
	DIFF_LINE_FILE = 1 << 1,     /* a file's header */
	DIFF_LINE_HUNK = 1 << 2,     /* a hunk header */
	DIFF_LINE_CHANGE = 1 << 3,   /* the first line of a change */
	DIFF_LINE_NOTE = 1 << 4,     /* a notice */
	DIFF_LINE_WRAPPED = 1 << 5,  /* the continuation of a wrapped line */
	DIFF_LINE_CUT = 1 << 6,      /* text goes on past the right edge */
};

/* sline.ref: the file's index and its hunk's (1-based; 0 outside hunks). */
#define DIFF_REF_HUNKS ((intptr_t)1 << 20)
#define DIFF_REF(file, hunk) ((intptr_t)(file) * DIFF_REF_HUNKS + (intptr_t)(hunk))
#define DIFF_REF_FILE(ref) ((size_t)((ref) / DIFF_REF_HUNKS))
#define DIFF_REF_HUNK(ref) ((size_t)((ref) % DIFF_REF_HUNKS))

/* The layout a file gets at these options (side-by-side falls back). */
enum diff_layout diff_layout_for(const struct rdiff_file *f, const struct diff_opts *o);

/* Document-level notices: pairing coverage (suggesting the whole-document
 * diff), a whole diff sharing under 10% of its lines, and encodings read.
 * Files must be computed for the whole-document share. */
void diff_render_notices(struct slist *out, const struct rdiff *rd, bool whole);

/* The file list: one row per file (state, +added -removed ~changed,
 * similarity, how it was paired); ref is DIFF_REF(i, 0).  Rows of files
 * not computed yet show no figures. */
void diff_render_list(struct slist *out, const struct rdiff *rd, bool whole, size_t width);

/* One computed file: header, notes, hunks with "@@ -a,b +c,d @@ i/N". */
void diff_render_file(struct slist *out, const struct rdiff_file *f, size_t index,
		      const struct diff_opts *o);

#endif
