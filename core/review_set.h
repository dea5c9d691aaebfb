/* Every review record of the notes ref, loaded in one pass over the notes
 * tree, and which record is current (reviews-in-git.md §5.4):
 *
 *   per (task, reviewer email), the heads are the records that no other
 *   record of that reviewer names in `supersedes`; the current record is
 *   the head with the greatest (at, id); several heads mean the reviewer
 *   saved on two machines without syncing ("concurrent edits").
 *
 * A `supersedes` naming an unknown id is flagged, never dropped. */
#ifndef IACREV_REVIEW_SET_H
#define IACREV_REVIEW_SET_H

#include <stdbool.h>
#include <stddef.h>

#include "repo.h"
#include "review.h"
#include "task.h"

struct review_current {
	size_t record;        /* the current record (index into set->v) */
	size_t *heads;        /* every head, oldest first; nheads > 1: concurrent edits */
	size_t nheads;
	size_t *records;      /* the reviewer's records for this task, oldest first */
	size_t nrecords;
};

struct review_set {
	struct review_record *v;  /* parsed and opaque records, in note order */
	size_t n, cap;
	size_t opaque;            /* lines kept without being understood */
	size_t notes;             /* notes read */
	bool has_tip;
	git_oid tip;              /* the notes commit loaded */
	struct review_current *cur;  /* sorted by task, then email (ignoring case) */
	size_t ncur, capcur;
	size_t cache_hits;        /* notes taken from the cache (core/review_cache) */
	char **problems;          /* notes that could not be read, one message each */
	size_t nproblems;
	void **arenas;            /* memory borrowed records point into */
	size_t narenas;
};

/* Hand memory to the set, freed with it. */
void review_set_own(struct review_set *s, void *arena);

/* Load every record of REVIEW_REF (an absent ref gives an empty set). */
int review_set_load(struct repo *r, struct review_set *out);
/* The same from a given notes commit (tests, sync). */
int review_set_load_commit(struct repo *r, const git_oid *notes_commit, struct review_set *out);
void review_set_free(struct review_set *s);

/* Add records already decoded (the loader and tests): takes ownership,
 * then recomputes which records are current. */
void review_set_add(struct review_set *s, struct review_record *v, size_t n);
void review_set_index(struct review_set *s);
/* Decode the lines of one note (blob `blob`, found on `bucket`) into the
 * set; each record remembers its blob and line number. */
void review_set_add_note(struct review_set *s, const git_oid *bucket, const git_oid *blob,
			 const char *text, size_t len);

/* The current records of a task (one per reviewer): *first and the count. */
size_t review_set_task(const struct review_set *s, const char *task,
		       const struct review_current **first);
/* The reviewer's current record for a task, or NULL. */
const struct review_current *review_set_mine(const struct review_set *s, const char *task,
					     const char *email);
/* Every record of a reviewer (NULL: of all reviewers) for a task, oldest
 * first; the caller frees the array of indices. */
size_t review_set_history(const struct review_set *s, const char *task, const char *email,
			  size_t **out);

/* The current record of c. */
static inline const struct review_record *review_cur_record(const struct review_set *s,
							      const struct review_current *c)
{
	return &s->v[c->record];
}

/* Staleness: 0 fresh, 1 stale (the task's tree at the revision differs
 * from the record's), 2 the task is not at the revision (moved or gone). */
enum review_freshness { REVIEW_FRESH, REVIEW_STALE, REVIEW_GONE };
enum review_freshness review_freshness(const struct review_record *r, struct task_list *tasks);

/* The same from the revision's tree alone, without loading every task:
 * the folder at the record's path (any folder counts as the task). */
struct task_trees {
	git_tree *root;
	char *last_path;        /* the last path asked, and its answer */
	bool last_found;
	git_oid last_tree;
};
int task_trees_open(struct task_trees *tt, struct repo *r, const git_oid *commit);
void task_trees_free(struct task_trees *tt);
/* The folder's tree at `path`: false when there is none. */
bool task_trees_find(struct task_trees *tt, const char *path, git_oid *tree);
enum review_freshness task_trees_freshness(struct task_trees *tt, const struct review_record *r);

#endif
