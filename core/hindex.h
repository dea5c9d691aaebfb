/* The history index: for every commit of the history, its parents, its
 * date and the task folders it changed against its first parent (which
 * documents, the folder's tree after the change).  Built in one pass of
 * task-level tree diffs (core/hdiff.h), kept in <gitdir>/iacrev/history.idx,
 * extended when a branch moves forward, rebuilt when it cannot be trusted.
 * Lineage, log and "last change" queries (core/history.h) read it instead
 * of reading trees.
 *
 * Memory per commit is its id, date, generation, parents and the offsets
 * of its change records; messages and authors are read from the repository
 * for the rows shown. */
#ifndef IACREV_HINDEX_H
#define IACREV_HINDEX_H

#include <git2.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "repo.h"

#define HX_NONE UINT32_MAX

enum hx_flag {
	HX_CUT = 1,          /* a parent is not in the repository (shallow clone, lost object) */
	HX_INCOMPLETE = 2,   /* a tree could not be read: the changes listed may be partial */
};

/* One changed task folder of one commit. */
struct hx_rec {
	uint32_t commit;
	uint32_t path;       /* path id */
	uint32_t mask;       /* enum hchange bits (core/hdiff.h) against the first parent */
	git_oid tree;        /* the folder's tree after the change; before it for a deletion */
};

struct hx_tip {
	git_oid id;
	char *ref;           /* the ref it was the value of ("refs/heads/main"), or "" */
};

struct hx_missing {
	uint32_t commit;     /* the child */
	git_oid parent;      /* the parent that could not be read */
};

struct hpathmap {
	uint32_t *slots;     /* path id + 1, 0 for empty */
	size_t cap;
};

/* All arrays are read-only for users of the index. */
struct hindex {
	/* Commits, in topological order: parents come before their children. */
	uint32_t ncommits;
	git_oid *oids;
	int64_t *times;        /* committer time, seconds since the epoch */
	uint32_t *gens;        /* 1 + the largest generation of the parents */
	uint8_t *flags;        /* enum hx_flag */
	uint32_t *parent_off;  /* [ncommits + 1]: parents of i are parents[parent_off[i]..[i + 1]) */
	uint32_t *parents;     /* commit indices; HX_NONE for a parent that is not there */
	uint32_t *rec_off;     /* [ncommits + 1]: records of i are recs[rec_off[i]..[i + 1]) */
	uint32_t *by_oid;      /* commit indices sorted by id */
	uint32_t nparents;
	/* Change records, by commit, then by path id. */
	uint32_t nrecs;
	struct hx_rec *recs;
	/* Task folder paths ("" is the repository root), and their records. */
	uint32_t npaths;
	uint32_t *path_off;    /* [npaths + 1] into pool; each path is NUL-terminated */
	char *pool;
	uint32_t pool_len;
	uint32_t *path_rec_off; /* [npaths + 1] */
	uint32_t *path_recs;    /* record indices of each path, in commit order */
	/* The refs the index was brought up to date for, and the parents it
	 * found missing (checked again at load: a deepened clone rebuilds). */
	struct hx_tip *tips;
	uint32_t ntips;
	struct hx_missing *missing;
	uint32_t nmissing;

	/* private */
	void *map;             /* the file, while the arrays still point into it */
	size_t map_len;
	struct hpathmap pathmap;
	size_t cap_commits, cap_parents, cap_recs, cap_paths, cap_pool, cap_tips, cap_missing;
	char *file;            /* <gitdir>/iacrev/history.idx */
	char *status;          /* how it was obtained, for -v and the TUI */
	char *save_error;      /* why it could not be saved, or NULL */
};

/* Load the index of repository `r` from its file.  A missing, corrupt or
 * foreign file, or one that a deepened clone made stale, gives an empty
 * index that the next update fills (hindex_status says why).  Fails only
 * when memory or the repository itself fails. */
int hindex_open(struct hindex **out, struct repo *r);
/* Where the index of r lives: <common git dir>/iacrev/history.idx. */
char *hindex_file_of(struct repo *r);
void hindex_free(struct hindex *ix);

/* Whether queries on the history of `tip` can be answered now. */
bool hindex_covers(const struct hindex *ix, const git_oid *tip);
/* The index of a commit, or HX_NONE. */
uint32_t hindex_find(const struct hindex *ix, const git_oid *id);
/* The id of a path, or HX_NONE when no commit ever changed that folder. */
uint32_t hindex_path_find(const struct hindex *ix, const char *path, size_t len);
const char *hindex_path(const struct hindex *ix, uint32_t path);
/* The record of commit c for path p, or NULL. */
const struct hx_rec *hindex_rec(const struct hindex *ix, uint32_t c, uint32_t p);
static inline uint32_t hindex_nparents(const struct hindex *ix, uint32_t c)
{
	return ix->parent_off[c + 1] - ix->parent_off[c];
}
static inline uint32_t hindex_parent(const struct hindex *ix, uint32_t c, uint32_t k)
{
	return ix->parents[ix->parent_off[c] + k];
}
/* A sentence on how the index was obtained ("loaded: 812 commits",
 * "rebuilt: the file is corrupt (checksum mismatch)", ...). */
const char *hindex_status(const struct hindex *ix);
/* Why the last save failed, or NULL. */
const char *hindex_save_error(const struct hindex *ix);

/* Bring the index up to date for `tip`, in bounded steps.  `ref` names
 * the ref tip is the value of (NULL or "" for a detached commit); when a
 * ref's new value does not descend from its old one (history rewritten)
 * and a quarter of the index has become unreachable, the index is rebuilt.
 * The index itself is changed only by the step that finishes, so queries
 * between steps see the previous state. */
struct hindex_update;

int hindex_update_new(struct hindex_update **out, struct hindex *ix, struct repo *r,
		      const git_oid *tip, const char *ref);
/* Do at most `budget` units of work (a commit read or diffed).  Returns 1
 * while work remains, 0 when the index is up to date (and saved: a save
 * failure is not an error, see hindex_save_error), < 0 on error. */
int hindex_update_step(struct hindex_update *u, size_t budget);

struct hindex_progress {
	const char *phase;     /* "reading commits", "comparing trees", "saving", "done" */
	size_t done, total;    /* total is 0 while unknown */
	bool rebuilding;
};
void hindex_update_progress(const struct hindex_update *u, struct hindex_progress *p);
void hindex_update_free(struct hindex_update *u);

/* The same, at once. */
int hindex_update(struct hindex *ix, struct repo *r, const git_oid *tip, const char *ref);

/* The same on a thread of its own, which opens its own repository and
 * index: for a user interface that prefers a thread to steps.  Poll
 * between key presses: 1 while it runs (p, when not NULL, gets the
 * progress), 0 when done with *out the up-to-date index (the caller
 * owns it; the file is saved), < 0 on failure.  Freeing a running job
 * cancels it at its next step and waits for the thread. */
struct hindex_job;

int hindex_job_start(struct hindex_job **out, struct repo *r, const git_oid *tip, const char *ref);
int hindex_job_poll(struct hindex_job *j, struct hindex_progress *p, struct hindex **out);
void hindex_job_free(struct hindex_job *j);

/* The ref `rev` names ("refs/heads/main" for HEAD on main), or NULL for a
 * detached HEAD, a commit id or an expression.  The caller frees. */
char *hindex_ref_of(struct repo *r, const char *rev);

/* Open, update for `rev` (NULL: HEAD) and return the index and the tip:
 * what a command-line query needs. */
int hindex_load(struct hindex **out, struct repo *r, const char *rev, git_oid *tip);

/* For the build (core/hindex_build.c) and the file (core/hindex_file.c). */
void hindex_reset(struct hindex *ix);
/* Copy arrays that point into the mapped file to memory of their own,
 * before the index is changed. */
void hindex_own(struct hindex *ix);
uint32_t hindex_path_intern(struct hindex *ix, const char *path, size_t len);
void hindex_rebuild_lookup(struct hindex *ix);
void hindex_rebuild_pathmap(struct hindex *ix);
int hindex_save(struct hindex *ix);
int hindex_read_file(struct hindex *ix, const char *file, char **why);
void hindex_set_status(struct hindex *ix, char *status);

#endif
