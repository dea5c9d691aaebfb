/* The failure items a review puts in rubric categories: the items of the
 * task's lib/MODEL_FAILURES.md, numbered 1.. in file order, with their
 * titles (as the failures splitter finds them). */
#ifndef IACREV_REVIEW_ITEMS_H
#define IACREV_REVIEW_ITEMS_H

#include <stdbool.h>
#include <stddef.h>

#include "repo.h"
#include "review.h"
#include "task.h"

struct review_items {
	struct review_item *v;   /* cat = RC_UNSET */
	size_t n;
	bool has_doc;            /* the task has lib/MODEL_FAILURES.md */
};

/* The items of task t (found in the tree of `commit`).  No document gives
 * zero items and has_doc false; an unreadable one is an error. */
int review_items_load(struct repo *r, const struct task *t, const git_oid *commit,
		      struct review_items *out);
/* The same from the document's bytes. */
void review_items_split(const char *bytes, size_t len, struct review_items *out);
void review_items_free(struct review_items *items);

#endif
