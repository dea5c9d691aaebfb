/* What the task list knows of reviews: the task_facts hooks of core/taskq
 * (reviewed:yes|no|stale, score:<8, reviews:>=2, reviewer:NAME) and the
 * tasks list's columns (my score, number of reviews, stale mark), answered
 * from a loaded review set. */
#ifndef IACREV_REVIEW_FACTS_H
#define IACREV_REVIEW_FACTS_H

#include <stdbool.h>
#include <stddef.h>

#include "review_set.h"
#include "taskq.h"

struct review_facts {
	const struct review_set *set;
	const char *email;     /* the user (git config user.email); NULL: unknown */
	struct task_facts hooks;
};

struct review_summary {
	bool mine;             /* I have a current record for the task */
	int my_score;          /* REVIEW_NO_SCORE: none, or withdrawn */
	bool my_withdrawn;
	bool my_stale;         /* my record's task tree is not the task's tree */
	bool my_concurrent;    /* my records have several heads */
	size_t reviews;        /* reviewers with a current score (not withdrawn) */
	size_t stale;          /* of those, how many are stale */
};

/* Fill rf (set and email are borrowed) and its hooks. */
void review_facts_init(struct review_facts *rf, const struct review_set *set, const char *email);
void review_summary_of(const struct review_facts *rf, const struct task *t,
		       struct review_summary *out);

#endif
