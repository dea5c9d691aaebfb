/* Bringing the history index up to date on a thread of its own: the thread
 * opens its own repository, runs the update steps, and hands the finished
 * index over under a lock.  Nothing libgit2 owns crosses threads. */
#include "hindex.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "mem.h"

struct hindex_job {
	pthread_t thread;
	pthread_mutex_t lock;
	/* set before the thread starts */
	char *dir;
	git_oid tip;
	char *ref;
	bool joined;
	/* shared, under lock */
	bool done, cancel;
	struct hindex_progress progress;
	struct hindex *result;
	char *error;
};

static bool cancelled(struct hindex_job *j)
{
	pthread_mutex_lock(&j->lock);
	bool c = j->cancel;
	pthread_mutex_unlock(&j->lock);
	return c;
}

static void *run(void *arg)
{
	struct hindex_job *j = arg;
	struct repo *r = NULL;
	struct hindex *ix = NULL;
	struct hindex_update *u = NULL;
	int rc = repo_open(&r, j->dir);
	if (rc == 0)
		rc = hindex_open(&ix, r);
	if (rc == 0)
		rc = hindex_update_new(&u, ix, r, &j->tip, j->ref);
	while (rc == 0 && !cancelled(j)) {
		rc = hindex_update_step(u, 512);
		struct hindex_progress p;
		hindex_update_progress(u, &p);
		pthread_mutex_lock(&j->lock);
		j->progress = p;
		pthread_mutex_unlock(&j->lock);
		if (rc <= 0)
			break;
		rc = 0;
	}
	bool finished = rc == 0 && u && !cancelled(j);
	char *error = rc < 0 ? xstrdup(err_msg()) : NULL;
	hindex_update_free(u);
	repo_free(r);
	if (!finished) {
		hindex_free(ix);
		ix = NULL;
	}
	pthread_mutex_lock(&j->lock);
	j->result = ix;
	j->error = error;
	j->done = true;
	pthread_mutex_unlock(&j->lock);
	return NULL;
}

int hindex_job_start(struct hindex_job **out, struct repo *r, const git_oid *tip, const char *ref)
{
	struct hindex_job *j = xcalloc(1, sizeof(*j));
	j->dir = xstrdup(r->gitdir);
	git_oid_cpy(&j->tip, tip);
	j->ref = ref ? xstrdup(ref) : NULL;
	j->progress.phase = "starting";
	pthread_mutex_init(&j->lock, NULL);
	if (pthread_create(&j->thread, NULL, run, j) != 0) {
		pthread_mutex_destroy(&j->lock);
		free(j->dir);
		free(j->ref);
		free(j);
		*out = NULL;
		return err_set("cannot start a thread to build the history index");
	}
	*out = j;
	return 0;
}

int hindex_job_poll(struct hindex_job *j, struct hindex_progress *p, struct hindex **out)
{
	pthread_mutex_lock(&j->lock);
	bool done = j->done;
	if (p)
		*p = j->progress;
	struct hindex *ix = NULL;
	char *error = NULL;
	if (done) {
		ix = j->result;
		j->result = NULL;
		error = j->error;
		j->error = NULL;
	}
	pthread_mutex_unlock(&j->lock);
	if (!done)
		return 1;
	if (!j->joined)
		pthread_join(j->thread, NULL);
	j->joined = true;
	*out = ix;
	if (error) {
		err_set("%s", error);
		free(error);
		return ERR_FAIL;
	}
	if (!ix)
		return err_set("the history index build was cancelled");
	return 0;
}

void hindex_job_free(struct hindex_job *j)
{
	if (!j)
		return;
	pthread_mutex_lock(&j->lock);
	j->cancel = true;
	pthread_mutex_unlock(&j->lock);
	if (!j->joined)
		pthread_join(j->thread, NULL);
	hindex_free(j->result);
	free(j->error);
	pthread_mutex_destroy(&j->lock);
	free(j->dir);
	free(j->ref);
	free(j);
}
