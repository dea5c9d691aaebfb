/* The line diff of two texts by libgit2 (patience, no context): the
 * changed runs, as git's hunk headers give them.
 *
 * Why not hand libgit2 the lines themselves: git_diff_buffers hashes both
 * buffers (a SHA-1 each, collision-detecting) and every line before it
 * diffs, which was a third of its cost on real pairs.  Each distinct line
 * is given instead as a short code (1-4 bytes): equal lines get equal
 * codes and different lines different ones.  xdiff only ever compares
 * lines for equality (it classifies them first; the indent heuristic,
 * which reads content, is off), so the changes are the same.  When
 * whitespace is ignored, equality is xdiff's own rule, so the lines go
 * as they are. */
#ifndef IACREV_LINEDIFF_H
#define IACREV_LINEDIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mdoc.h"

/* "-old_start,old_lines +new_start,new_lines" (1-based; a count of 0
 * names the line before, as git's "-5,0" does). */
struct linediff_hunk {
	uint32_t old_start, old_lines, new_start, new_lines;
};

/* The hunks of a against b; the caller frees *out.  Returns < 0 when
 * libgit2 fails (message set, naming `name`). */
int linediff(const struct mdoc_text *a, const struct mdoc_text *b, bool ignore_ws,
	     const char *name, struct linediff_hunk **out, size_t *n);

/* Whether two texts have the same lines, byte for byte. */
bool linediff_same(const struct mdoc_text *a, const struct mdoc_text *b);

#endif
