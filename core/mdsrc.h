/* Markdown source as iacrev reads it: untrusted bytes normalised once
 * (invalid UTF-8 replaced by U+FFFD, a leading BOM dropped, CRLF and lone
 * CR turned into LF, exactly the line ends libcmark recognises) with a map
 * from each normalised line back to the line of the original file, where
 * lines end at LF only (as git, sed and editors count them).  libcmark's
 * line numbers for the normalised text are the normalised line numbers. */
#ifndef IACREV_MDSRC_H
#define IACREV_MDSRC_H

#include <stdbool.h>
#include <stddef.h>

struct mdsrc {
	char *text;        /* normalised, NUL-terminated (NULs of the data kept) */
	size_t len;
	size_t *line_off;  /* start of each normalised line; nlines + 1 entries */
	int *orig_line;    /* original 1-based line of each normalised line */
	size_t nlines;     /* a last line without LF counts; "" has 0 lines */
	int orig_nlines;   /* lines of the original file, counted the same way */
	bool had_bom, had_crlf, had_lone_cr, had_invalid;
};

void mdsrc_init(struct mdsrc *s, const char *bytes, size_t n);
void mdsrc_free(struct mdsrc *s);

/* Normalised line i (0-based), without its LF. */
const char *mdsrc_line(const struct mdsrc *s, size_t i, size_t *len);
/* The original line of normalised line `line` (1-based, as libcmark
 * counts); out-of-range values are clamped. */
int mdsrc_orig(const struct mdsrc *s, int line);

#endif
