/* "The commit that last changed a folder" from the index file, for callers
 * that have no index at hand (core/lastchange.c): the last index loaded is
 * kept, keyed by its file's identity, so that a batch of questions loads
 * it once. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "err.h"
#include "history.h"
#include "mem.h"

static pthread_mutex_t quick_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
	struct hindex *ix;
	struct stat st;
} quick;

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

void hist_quick_release(void)
{
	pthread_mutex_lock(&quick_lock);
	hindex_free(quick.ix);
	quick.ix = NULL;
	pthread_mutex_unlock(&quick_lock);
}

int hist_last_change_quick(struct repo *r, const git_oid *tip, const char *path, git_oid *out)
{
	int answer = 1;
	char *file = hindex_file_of(r);
	pthread_mutex_lock(&quick_lock);
	/* loaded again only when the file changed */
	struct stat st;
	bool there = stat(file, &st) == 0;
	if (!there) {
		hindex_free(quick.ix);
		quick.ix = NULL;
	} else if (!quick.ix || strcmp(quick.ix->file, file) != 0 || !same_file(&st, &quick.st)) {
		hindex_free(quick.ix);
		quick.ix = NULL;
		struct hindex *ix = NULL;
		hindex_open(&ix, r);
		if (ix->ncommits) {
			quick.ix = ix;
			quick.st = st;
		} else {
			hindex_free(ix);
		}
	}
	free(file);
	if (quick.ix && hindex_covers(quick.ix, tip) && hist_last_change(quick.ix, r, tip, path, out) == 0)
		answer = 0;
	pthread_mutex_unlock(&quick_lock);
	err_clear();
	return answer;
}
