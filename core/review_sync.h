/* Sharing reviews with a remote (reviews-in-git.md §5.5):
 *
 *   1. fetch +refs/notes/iacrev into refs/notes/remotes/<remote>/iacrev
 *      (forced, but only into that tracking ref);
 *   2. merge it into refs/notes/iacrev: create, fast-forward or union-merge
 *      line by line (core/notes), by compare-and-swap;
 *   3. push refs/notes/iacrev:refs/notes/iacrev, never forced; a rejection
 *      (GIT_ENONFASTFORWARD, or a status in push_update_reference) starts
 *      again at 1, at most SYNC_ROUNDS times.
 *
 * Works with any remote libgit2 reaches (file, ssh with an agent, https
 * without credentials). */
#ifndef IACREV_REVIEW_SYNC_H
#define IACREV_REVIEW_SYNC_H

#include <git2.h>
#include <stdbool.h>

#include "repo.h"

#define SYNC_ROUNDS 5

struct sync_report {
	bool remote_had_ref;     /* the remote has refs/notes/iacrev */
	git_oid remote_tip;
	int merge;               /* 0 nothing, 1 fast-forward or created, 2 merge commit, -1 no merge */
	bool pushed;             /* the remote was behind and now has our tip */
	bool had_local;          /* we had records to push */
	git_oid tip;             /* refs/notes/iacrev after sync */
	int rounds;
	int rejected_nonff;      /* pushes refused as not fast-forward (GIT_ENONFASTFORWARD) */
	int rejected_status;     /* pushes the remote refused (a status for the ref) */
	char *warning;           /* a forced fetch refspec for refs/notes/iacrev, or NULL */
};

/* Test hook: called between the fetch and the push of each round. */
typedef void (*sync_hook)(int round, void *payload);

int review_sync(struct repo *r, const char *remote, struct sync_report *out, sync_hook hook,
		void *payload);
void sync_report_free(struct sync_report *rep);

#endif
