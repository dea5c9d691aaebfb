/* The review records the workbench's views share (struct work's
 * `reviews`): loaded on first use (the tasks list's columns and filters,
 * the score sheet), reloaded after a save; `gen` grows at every load so
 * that a view drawn from the old records knows to refresh. */
#ifndef IACREV_VIEWS_REVIEWS_H
#define IACREV_VIEWS_REVIEWS_H

#include "../core/review_facts.h"
#include "../core/review_save.h"
#include "../core/review_set.h"
#include "view.h"

struct work_reviews {
	struct review_set set;
	struct reviewer me;         /* empty when git config user.* is unset */
	struct review_facts facts;  /* over set, for me.email */
	unsigned gen;               /* 1 after the first load, +1 at each reload */
};

/* The records, loaded on first use; NULL (err_msg says why) when the
 * notes ref cannot be read. */
struct work_reviews *work_reviews(struct work *w);
/* Read the records again (after a save). */
int work_reviews_reload(struct work *w);
/* What the views say of records that could not be read (notes that
 * cannot be read, lines that are not records: how many, and where the
 * first is), or NULL.  The caller frees. */
char *work_reviews_problem(const struct work_reviews *wr);
/* The generation of the records loaded (0: none yet). */
unsigned work_reviews_gen(const struct work *w);
void work_reviews_free(struct work *w);

#endif
