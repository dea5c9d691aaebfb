#include "review_cli.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "../core/err.h"
#include "../core/mem.h"

/* How many unreadable lines are named one by one before a count. */
#define OPAQUE_NAMED 10

/* Each line of the notes that is not a record, with where it is (note
 * blob, line, annotated object) and why, so that it can be found and
 * repaired; past OPAQUE_NAMED, a count.  The records beside them load. */
static void report_opaque(const struct review_set *s)
{
	size_t named = 0;
	for (size_t i = 0; i < s->n; i++) {
		const struct review_record *r = &s->v[i];
		if (r->parsed)
			continue;
		if (named++ == OPAQUE_NAMED)
			continue;
		char blob[11], on[11];
		repo_short_id(blob, &r->blob);
		repo_short_id(on, &r->bucket);
		char *msg = xasprintf("%s: note blob %s (on %s), line %" PRIu32
				      ": not a review record, kept as it is: %s",
				      REVIEW_REF, blob, on, r->lineno, r->why ? r->why : "unreadable");
		report_warning(msg);
		free(msg);
	}
	if (named > OPAQUE_NAMED) {
		char *msg = xasprintf("%s: %zu more lines are not review records "
				      "(iacrev export --all-records lists them)",
				      REVIEW_REF, named - OPAQUE_NAMED);
		report_warning(msg);
		free(msg);
	}
}

int cli_reviews_load(struct repo *repo, struct cli_reviews *out)
{
	memset(out, 0, sizeof(*out));
	if (review_set_load(repo, &out->set) < 0)
		return cli_fail(EXIT_DATA);
	for (size_t i = 0; i < out->set.nproblems; i++)
		report_warning(out->set.problems[i]);
	report_opaque(&out->set);
	if (reviewer_from_config(repo, &out->me) < 0)
		err_clear(); /* only saving needs an identity */
	review_facts_init(&out->facts, &out->set, out->me.email);
	return 0;
}

void cli_reviews_free(struct cli_reviews *cr)
{
	review_set_free(&cr->set);
	reviewer_free(&cr->me);
}

void cli_score_text(int score, bool withdrawn, char out[16])
{
	if (score != REVIEW_NO_SCORE)
		snprintf(out, 16, "%d", score);
	else
		snprintf(out, 16, "%s", withdrawn ? "withdrawn" : "-");
}

char *cli_reviewer_text(const struct review_record *r)
{
	if (!r->by_name || !r->by_name[0])
		return xasprintf("<%s>", r->by_email);
	return xasprintf("%s <%s>", r->by_name, r->by_email);
}
