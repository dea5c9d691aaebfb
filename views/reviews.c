#include "reviews.h"

#include <stdlib.h>
#include <string.h>

#include "../core/err.h"
#include "../core/mem.h"

static int load(struct work_reviews *wr, struct work *w)
{
	struct review_set set;
	if (review_set_load(w->repo, &set) < 0)
		return -1;
	review_set_free(&wr->set);
	wr->set = set;
	if (!wr->me.email && reviewer_from_config(w->repo, &wr->me) < 0)
		err_clear(); /* only a save needs an identity, and says so */
	review_facts_init(&wr->facts, &wr->set, wr->me.email);
	wr->gen++;
	return 0;
}

struct work_reviews *work_reviews(struct work *w)
{
	if (w->reviews)
		return w->reviews;
	struct work_reviews *wr = xcalloc(1, sizeof(*wr));
	if (load(wr, w) < 0) {
		free(wr);
		return NULL;
	}
	w->reviews = wr;
	return wr;
}

int work_reviews_reload(struct work *w)
{
	if (!w->reviews)
		return work_reviews(w) ? 0 : -1;
	return load(w->reviews, w);
}

unsigned work_reviews_gen(const struct work *w)
{
	return w->reviews ? w->reviews->gen : 0;
}

void work_reviews_free(struct work *w)
{
	if (!w->reviews)
		return;
	review_set_free(&w->reviews->set);
	reviewer_free(&w->reviews->me);
	free(w->reviews);
	w->reviews = NULL;
}
