/* Saving a review: from the reviewer's answers to a record (computed score,
 * final score, the reason an override needs, the record it supersedes) and
 * into the notes ref, attached to the commit that last changed the task
 * (core/lastchange), or to the task's tree when its history cannot be read
 * (reviews-in-git.md §5.1). */
#ifndef IACREV_REVIEW_SAVE_H
#define IACREV_REVIEW_SAVE_H

#include <stdbool.h>

#include "repo.h"
#include "review.h"
#include "review_set.h"

struct reviewer {
	char *name;
	char *email;
};

/* git config user.name and user.email; ERR_USAGE with a message saying how
 * to set them when either is missing. */
int reviewer_from_config(struct repo *r, struct reviewer *out);
void reviewer_free(struct reviewer *w);

/* What the reviewer answered.  Titles are copied. */
struct review_draft {
	const char *task;            /* the task's path */
	git_oid commit;              /* the revision reviewed */
	git_oid tree;                /* the task folder's tree there */
	bool has_answers;            /* rubric answers given (else a direct score) */
	unsigned blockers, factors;
	const struct review_item *items;
	size_t nitems;
	bool localstack;
	bool has_score;              /* a final score given (an override, or direct) */
	int score;
	bool withdraw;               /* a null score */
	const char *reason;
	const char *note;
	int64_t secs;                /* -1 when unknown */
};

/* Check the draft and build the record: id, time, reviewer, computed score,
 * final score, supersedes (the reviewer's current record for the task in
 * `loaded`, which may be NULL).  ERR_USAGE with a message for an answer
 * that cannot be saved (an override without a reason, an item without a
 * category, a score outside 0-10). */
int review_build(const struct review_draft *d, const struct reviewer *who,
		 const struct review_set *loaded, struct review_record *out);

struct review_save_opts {
	int lock_timeout_ms;         /* 0: 5000 */
	unsigned *retries;           /* lost races, if not NULL */
	const git_oid *bucket;       /* the annotated object when already known (the
				      * history index, a cache): NULL asks core/lastchange */
};

struct review_saved {
	git_oid bucket;              /* the annotated object */
	bool on_tree;                /* the task's tree (history unreadable) */
	git_oid notes_commit;
};

/* Write the record into REVIEW_REF (one notes commit, compare-and-swap). */
int review_save(struct repo *r, struct review_record *rec, const struct review_save_opts *o,
		struct review_saved *out);

#endif
