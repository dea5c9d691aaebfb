/* The commit that last changed a path, under git's default history
 * simplification: the commit `git log -1 --format=%H -- PATH` prints.
 *
 * From the tip, a commit whose PATH equals that of one of its parents
 * (TREESAME) follows only the first such parent and is not the answer; the
 * first commit whose PATH differs from all its parents, or a root commit
 * that holds PATH, is.  Review records are attached to that commit
 * (reviews-in-git.md §5.1).
 *
 * When the history index file of the repository is fresh for tip and
 * knows the folder, it answers (hist_last_change_quick, no tree read and
 * `visited` 0); otherwise the commits are walked. */
#ifndef IACREV_LASTCHANGE_H
#define IACREV_LASTCHANGE_H

#include <git2.h>
#include <stddef.h>

#include "repo.h"

/* `path` is a folder or file path without a trailing slash; "" means the
 * whole tree.  Returns 0 with *out set; ERR_NOTFOUND when no commit
 * reachable from `tip` ever held the path; ERR_MISSING (message naming the
 * object) when a commit or tree needed on the way is missing from the
 * object store.  `visited`, if not NULL, receives the number of commits
 * examined. */
int lastchange_find(struct repo *r, const git_oid *tip, const char *path, git_oid *out,
		    size_t *visited);

#endif
