/* The revision diff screen: one document of a task at two revisions (the
 * history view's d, the commit view's Enter on a document), as a unified
 * line diff in the diff styles. */
#ifndef IACREV_VIEWS_REVDIFF_H
#define IACREV_VIEWS_REVDIFF_H

#include <git2.h>

#include "view.h"

/* One side: the task's folder at a commit (commit NULL: the document did
 * not exist, as before a task's first commit). */
struct revdiff_side {
	const git_oid *commit;
	const char *path;      /* the task's folder then ("" or "." the root) */
};

/* Open the diff of document `doc` (a name in lib/, or a path inside the
 * task such as metadata.json) from `old` to `new`.  A document absent on
 * a side diffs as empty; an unreadable one (missing blob) is named and
 * diffs as empty too. */
int revdiff_open(struct view *from, const char *doc, const struct revdiff_side *old,
		 const struct revdiff_side *new);

#endif
