#include "hstate.h"

#include <pthread.h>
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
	char *progress;        /* how far the update is, NULL when none runs */
	bool bg_checked, bg_off; /* git config iacrev.historyInBackground false */
	pthread_t reaper;      /* frees a finished update (release_update) */
	bool reaping;
};

static struct hstate *state(struct work *w)
{
	if (!w->hist)
		w->hist = xcalloc(1, sizeof(struct hstate));
	return w->hist;
}

static void *free_update(void *u)
{
	hindex_update_free(u);
	return NULL;
}

static void join_reaper(struct hstate *h)
{
	if (h->reaping)
		pthread_join(h->reaper, NULL);
	h->reaping = false;
}

/* Freeing a finished update (its own libgit2 repository and object cache)
 * takes ~80 ms after a build of a large history: a key pressed then would
 * wait.  It is freed on a thread (the update shares nothing with the rest
 * of the workbench), joined before the next one or at the end. */
static void release_update(struct hstate *h)
{
	join_reaper(h);
	if (h->u && pthread_create(&h->reaper, NULL, free_update, h->u) == 0)
		h->reaping = true;
	else
		hindex_update_free(h->u);
	h->u = NULL;
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
static int next_phase(struct work *w, struct hstate *h)
{
	struct repo *r = w->repo;
	while (h->phase < 3) {
		h->phase++;
		if (h->phase == 1) {
			char *ref = hindex_ref_of(r, w->rev);
			int rc = hindex_update_new(&h->u, h->ix, r, &w->commit, ref);
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

static void set_progress(struct hstate *h, char *text)
{
	free(h->progress);
	h->progress = text;
}

/* One step for the work w, whoever asks (a view or the shell when idle). */
static int work_step(struct work *w)
{
	struct hstate *h = state(w);
	if (h->error)
		return err_set("%s", h->error);
	if (h->phase == 3)
		return 0;
	if (!h->ix) {
		if (hindex_open(&h->ix, w->repo) < 0)
			return fail(h);
		h->fresh = h->ix->ncommits == 0;
	}
	if (!h->u) {
		int rc = next_phase(w, h);
		if (rc <= 0) {
			set_progress(h, NULL);
			return rc;
		}
	}
	int rc = hindex_update_step(h->u, HSTATE_BUDGET);
	if (rc < 0)
		return fail(h);
	if (rc == 0) {
		release_update(h);
		return 1; /* the next call starts the next phase */
	}
	struct hindex_progress p;
	hindex_update_progress(h->u, &p);
	const char *what = p.rebuilding || h->fresh ? "building" : "updating";
	if (p.total)
		set_progress(h, xasprintf("%s history index: %s %zu/%zu", what, p.phase, p.done, p.total));
	else
		set_progress(h, xasprintf("%s history index: %s %zu", what, p.phase, p.done));
	return 1;
}

int hstate_step(struct view *v)
{
	int rc = work_step(v->work);
	struct hstate *h = v->work->hist;
	if (rc == 1 && h->progress)
		view_set_progress(v, "%s", h->progress);
	else if (rc <= 0)
		view_set_progress(v, NULL);
	return rc;
}

int hstate_background_step(struct work *w)
{
	int rc = work_step(w);
	/* an error is kept for the history views, which report it when opened */
	err_clear();
	return rc == 1;
}

bool hstate_background_pending(struct work *w)
{
	struct hstate *h = state(w);
	if (!h->bg_checked) {
		/* a reviewer may not want the CPU and memory spent at every start */
		h->bg_off = !repo_config_bool(w->repo, "iacrev.historyInBackground", true);
		h->bg_checked = true;
	}
	return !h->bg_off && h->phase != 3 && !h->error;
}

const char *hstate_progress(const struct work *w)
{
	const struct hstate *h = w->hist;
	return h && h->phase != 3 && !h->error ? h->progress : NULL;
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

void hstate_report_warning(struct view *v)
{
	if (hstate_warning(v))
		view_error(v, "the history index cannot be saved (%s); it is built again next time",
			   hstate_warning(v));
}

void hstate_cut_note(struct view *v, struct sline *l, const git_oid *at)
{
	char sid[11];
	repo_short_id(sid, at);
	sline_addf(l, S_WARN, "The history is cut at %s: %s", sid,
		   v->work->repo->shallow ? "this is a shallow clone, older commits are not here"
					  : "a parent commit is missing from the object store");
}

void hstate_free(struct work *w)
{
	struct hstate *h = w->hist;
	if (!h)
		return;
	join_reaper(h);
	hindex_update_free(h->u);
	hindex_free(h->ix);
	free(h->error);
	free(h->progress);
	free(h);
	w->hist = NULL;
}
