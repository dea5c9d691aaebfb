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

char *work_reviews_problem(const struct work_reviews *wr)
{
	const struct review_set *s = &wr->set;
	if (s->nproblems)
		return xasprintf("%s%s", s->problems[0],
				 s->nproblems > 1 ? " (and more notes that cannot be read)" : "");
	if (!s->opaque)
		return NULL;
	for (size_t i = 0; i < s->n; i++) {
		const struct review_record *r = &s->v[i];
		if (r->parsed)
			continue;
		char blob[11], on[11];
		repo_short_id(blob, &r->blob);
		repo_short_id(on, &r->bucket);
		return xasprintf("%s: %zu line%s not review records, kept as they are (note blob %s "
				 "(on %s), line %u: %s); iacrev export --all-records lists them",
				 REVIEW_REF, s->opaque, s->opaque == 1 ? " is" : "s are", blob, on,
				 (unsigned)r->lineno, r->why ? r->why : "unreadable");
	}
	return NULL;
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
