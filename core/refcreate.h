/* Create a reference only if it does not exist, atomically.
 *
 * libgit2 1.5's git_reference_create(force = 0) checks that the reference
 * is absent before it takes the lock, so two processes creating it at the
 * same moment both succeed and the second overwrites the first (a lost
 * review when the notes ref is created).  This takes git's lock file
 * first (O_EXCL on "<ref>.lock", the protocol git and libgit2 share),
 * then checks, then renames the lock into place. */
#ifndef IACREV_CORE_REFCREATE_H
#define IACREV_CORE_REFCREATE_H

#include <git2.h>

enum ref_create_result {
	REF_CREATED = 0,
	REF_EXISTS = 1,   /* someone else created it first */
	REF_LOCKED = 2,   /* "<ref>.lock" is held: retry later */
};

/* REF_CREATED, REF_EXISTS, REF_LOCKED, or < 0 with err_set() naming the
 * file.  No reflog entry is written for the creation. */
int ref_create_exclusive(git_repository *repo, const char *name, const git_oid *id);

#endif
