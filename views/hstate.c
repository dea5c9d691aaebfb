#include "hstate.h"

#include <stdlib.h>
#include <string.h>

#include "../core/err.h"
#include "../core/history.h"
#include "../core/mem.h"

/* Units of index work (a commit read or diffed) per step: a few
 * milliseconds, so keys are answered while a large history builds. */
#define HSTATE_BUDGET 48

struct hstate {
	struct hindex *ix;
	struct hindex_update *u;
	int phase;             /* 0 not started, 1 the work's tip, 2 the mainline, 3 ready */
	bool fresh;            /* there was no index: it is built, not updated */
	char *error;
};

static struct hstate *state(struct view *v)
{
	if (!v->work->hist)
		v->work->hist = xcalloc(1, sizeof(struct hstate));
	return v->work->hist;
}

static int fail(struct hstate *h)
{
	hindex_update_free(h->u);
	h->u = NULL;
	if (!h->error)
		h->error = xasprintf("the history index cannot be built: %s", err_msg());
	return err_set("%s", h->error);
}

/* Start the update of the next phase; 0 when nothing is left to do. */
static int next_phase(struct view *v, struct hstate *h)
{
	struct repo *r = v->work->repo;
	while (h->phase < 3) {
		h->phase++;
		if (h->phase == 1) {
			char *ref = hindex_ref_of(r, v->work->rev);
			int rc = hindex_update_new(&h->u, h->ix, r, &v->work->commit, ref);
			free(ref);
			if (rc < 0)
				return fail(h);
			return 1;
		}
		if (h->phase == 2) {
			git_oid main_id;
			if (hist_mainline(r, &main_id) < 0 || hindex_covers(h->ix, &main_id)) {
				err_clear();
				continue;
			}
			if (hindex_update_new(&h->u, h->ix, r, &main_id, NULL) < 0)
				return fail(h);
			return 1;
		}
	}
	return 0;
}

int hstate_step(struct view *v)
{
	struct hstate *h = state(v);
	if (h->error)
		return err_set("%s", h->error);
	if (h->phase == 3)
		return 0;
	if (!h->ix) {
		if (hindex_open(&h->ix, v->work->repo) < 0)
			return fail(h);
		h->fresh = h->ix->ncommits == 0;
	}
	if (!h->u) {
		int rc = next_phase(v, h);
		if (rc <= 0) {
			view_set_progress(v, NULL);
			return rc;
		}
	}
	int rc = hindex_update_step(h->u, HSTATE_BUDGET);
	if (rc < 0)
		return fail(h);
	if (rc == 0) {
		hindex_update_free(h->u);
		h->u = NULL;
		return 1; /* the next call starts the next phase */
	}
	struct hindex_progress p;
	hindex_update_progress(h->u, &p);
	if (p.total)
		view_set_progress(v, "%s history index: %s %zu/%zu", p.rebuilding || h->fresh ? "building" : "updating",
				  p.phase, p.done, p.total);
	else
		view_set_progress(v, "%s history index: %s %zu", p.rebuilding || h->fresh ? "building" : "updating",
				  p.phase, p.done);
	return 1;
}

const struct hindex *hstate_index(struct view *v)
{
	struct hstate *h = v->work->hist;
	return h && h->phase == 3 ? h->ix : NULL;
}

const char *hstate_warning(struct view *v)
{
	struct hstate *h = v->work->hist;
	return h && h->ix ? hindex_save_error(h->ix) : NULL;
}

void hstate_free(struct work *w)
{
	struct hstate *h = w->hist;
	if (!h)
		return;
	hindex_update_free(h->u);
	hindex_free(h->ix);
	free(h->error);
	free(h);
	w->hist = NULL;
}
