/* The failures screen's content: MODEL_FAILURES.md as a list of its items
 * (number, severity badge, title, source lines) and one item on its own,
 * its body through the document renderer.  `iacrev failures` prints the
 * same rows. */
#ifndef IACREV_VIEWS_FAILURES_H
#define IACREV_VIEWS_FAILURES_H

#include <jansson.h>
#include <stddef.h>

#include "../core/failures.h"
#include "../core/mdsrc.h"
#include "../core/sline.h"

/* Widths of the number and title columns. */
struct failures_cols {
	size_t number, title;
};

/* The number shown for an item: as written, else its ordinal. */
void failures_item_number(const struct failure_item *it, char out[32]);
/* The badge text ("Critical", ..., "none") and its style. */
const char *failures_badge(enum severity s, int *style);
/* Column widths that hold every item of f. */
void failures_cols_fit(struct failures_cols *c, const struct failures *f);
/* One item as a row: number, badge, title, "first-last".  With width 0
 * the title column has its fitted width; otherwise the title is cut with
 * "…" so that the row fits `width` columns.  The row's ref is not set. */
void failures_row_line(struct sline *l, const struct failure_item *it,
		       const struct failures_cols *c, size_t width);
/* The list: one row per item, ref = the item's index. */
void failures_list_lines(struct slist *out, const struct failures *f, size_t width);
/* One item: a title line, a line with its severity (and where it was
 * read) and its lines, then its body rendered (refs: original lines). */
void failures_item_lines(struct slist *out, const struct mdsrc *src, const struct failure_item *it,
			 size_t width, unsigned doc_flags);
/* The item with every field, for --json. */
json_t *failures_item_json(const struct failure_item *it, const struct failures *f);

#endif
