/* Markdown documents rendered from the libcmark tree into styled lines:
 * headings, emphasis, inline code, nested lists and block quotes, framed
 * code blocks, links with their targets, rules, HTML as text, and GFM pipe
 * tables (libcmark 0.30 reads them as paragraphs; they are recognised here
 * and drawn aligned).  Paragraphs wrap at the width with hanging indents;
 * code lines wrap too, with a mark on the continuation rows (DOC_CUT_CODE
 * cuts them at the width instead).  Every line's `ref` is the 1-based line
 * of the original file it comes from, so that a view can map search hits
 * and failure items to positions; refs never decrease down the output.
 *
 * The walk is iterative (cmark_iter) and its stacks live on the heap:
 * hostile documents nested 10,000 levels deep render with the indent
 * capped at half the width. */
#ifndef IACREV_VIEWS_DOCUMENT_H
#define IACREV_VIEWS_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/mdsrc.h"
#include "../core/sline.h"

enum doc_flags {
	DOC_RAW = 1,       /* the source lines as they are, with line numbers */
	DOC_CUT_CODE = 2,  /* cut long code lines at the width with a mark */
};

/* Widths below this are rendered at this width. */
#define DOC_MIN_WIDTH 20

/* Render a whole document (untrusted bytes), appending lines to out. */
void document_render(struct slist *out, const char *bytes, size_t len, size_t width,
		     unsigned flags);

/* Render the normalised lines [first, last] (1-based, inclusive) of src
 * as a document of their own (a failure item's body).  Refs are lines of
 * the original file. */
void document_render_part(struct slist *out, const struct mdsrc *src, int first, int last,
			  size_t width, unsigned flags);

/* The raw view of the original lines [first, last] (1-based; last < 1
 * means to the end): "  12 text", long lines wrapped under the text. */
void document_render_raw(struct slist *out, const char *bytes, size_t len, int first, int last,
			 size_t width);

/* Wrapping styled text, also used outside documents (the score sheet's
 * errors).  A byte range [a, b) of a line. */
struct range {
	uint32_t a, b;
};
/* Break `t` into ranges of at most `width` columns, at spaces when
 * `words` (longer words are cut), anywhere otherwise, and at each offset
 * of `hard`.  Returns the number of ranges (at least 1). */
size_t doc_wrap(const struct sline *t, size_t width, bool words, const uint32_t *hard,
		size_t nhard, struct range **v, size_t *cap);
/* Append the bytes [a, b) of src to dst with their styles. */
void doc_slice(struct sline *dst, const struct sline *src, uint32_t a, uint32_t b);

#endif
