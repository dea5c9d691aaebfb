/* History of tasks, answered from the history index (core/hindex.h).
 *
 * A task's lineage is the list of commits that changed its documents
 * (lib/ documents and metadata.json), newest first, as a reviewer wants
 * it: tasks are written at the repository root on a pull-request branch,
 * moved into archive/... by a commit on that branch, and merged.  So the
 * walk follows git's default history simplification (a commit whose task
 * documents equal a parent's is skipped and only that parent followed),
 * follows the folder back through moves (the parent holds the same
 * document blobs at another path, which changed in that commit), and once
 * it is on a path reached through a move or at the root, it stays on the
 * branch it entered through a merge M: the commits of M^1..M^2, never the
 * mainline where other tasks used the same root lib/. */
#ifndef IACREV_HISTORY_H
#define IACREV_HISTORY_H

#include <git2.h>
#include <stdbool.h>
#include <stddef.h>

#include "hindex.h"
#include "meta.h"
#include "repo.h"

enum hist_doc_status { HD_ADDED, HD_MODIFIED, HD_DELETED };

/* A document that changed at a revision. */
struct hist_doc {
	char *name;                /* "metadata.json" or the file name inside lib/ */
	unsigned bit;              /* its enum hchange bit */
	enum hist_doc_status status;
	git_oid blob;              /* the blob at this revision (before it, when deleted) */
	bool readable;             /* the blob is in the object store */
};

enum hist_meta { HM_OK, HM_ABSENT, HM_UNREADABLE, HM_MALFORMED };

/* The task's metadata.json at one revision and its training_quality. */
struct hist_score {
	enum hist_meta state;
	struct tq tq;              /* tq.has false when absent or unreadable (reason says why) */
	char *error;               /* why it could not be read or parsed, or NULL */
	git_oid blob;
};

struct hist_rev {
	git_oid commit;
	uint32_t cidx;             /* the commit's index in the history index */
	char *path;                /* the task's folder at this revision ("" the root) */
	char *from;                /* its folder in the parent when it moved here, or NULL */
	bool created;              /* no earlier revision: the task begins here */
	bool cut;                  /* a parent is not in the repository: history is cut here */
	struct hist_doc *docs;     /* the documents that changed */
	size_t ndocs;
	struct hist_score score;
};

struct hist_lineage {
	char *path;                /* the task's folder at the tip */
	struct hist_rev *v;        /* newest first */
	size_t n;
	bool cut;                  /* the walk met a commit whose parent is missing */
	git_oid cut_at;
	bool branch_bounded;       /* the walk stopped where the task's branch began */
};

/* The mainline: the commit of refs/remotes/origin/HEAD, else of
 * refs/heads/main, else of refs/heads/master.  The lineage of the root
 * task on another branch stays on the commits the mainline does not reach
 * (when the index covers the mainline).  ERR_NOTFOUND when there is none. */
int hist_mainline(struct repo *r, git_oid *out);

/* The lineage of the task at `path` (as iacrev tasks prints it; "." or ""
 * for the root) in the history of `tip`.  The index must cover tip.
 * ERR_NOTFOUND when no commit of that history has a task there. */
int hist_lineage(const struct hindex *ix, struct repo *r, const git_oid *tip, const char *path,
		 struct hist_lineage *out);
void hist_lineage_free(struct hist_lineage *l);

/* What a commit says about itself: read from the repository for the rows
 * shown (the index keeps no messages). */
struct hist_commit {
	git_oid id;
	char *author;              /* raw bytes: may hold escapes, show through sline_add */
	char *email;
	int64_t time;              /* author time */
	int offset;                /* its UTC offset in minutes */
	char *subject;             /* the first line of the message, raw */
	size_t nparents;
};

/* ERR_MISSING when the commit object is not in the repository. */
int hist_commit_read(struct repo *r, const git_oid *id, struct hist_commit *out);
void hist_commit_free(struct hist_commit *c);
/* "2025-07-01 11:00" in the commit's own time zone. */
void hist_format_date(int64_t time, int offset, char out[32]);
/* "2025-07-01T11:00:00+02:00". */
void hist_format_iso(int64_t time, int offset, char out[40]);

/* The commits of tip's history, newest first in git log's default order
 * (by commit date, a commit after all its children).  The caller frees
 * *out. */
int hist_log(const struct hindex *ix, const git_oid *tip, uint32_t **out, size_t *n);

/* The task folders commit c changed against its first parent, each with
 * the documents that changed. */
/* The records of commit c sorted by path, NULL-terminated; the caller
 * frees the array. */
const struct hx_rec **hist_commit_recs(const struct hindex *ix, uint32_t c);

struct hist_change {
	char *path;
	char *from;                /* the folder it moved from (new here, its documents
				    * in the parent there), or NULL; docs are
				    * against that folder */
	unsigned mask;             /* enum hchange bits */
	struct hist_doc *docs;
	size_t ndocs;
};

int hist_commit_changes(const struct hindex *ix, struct repo *r, uint32_t c,
			struct hist_change **out, size_t *n);
void hist_changes_free(struct hist_change *v, size_t n);

/* The commit that last changed the folder `path` in tip's history under
 * git's default history simplification: the commit `git log -1 -- PATH`
 * names.  ERR_NOTFOUND when none did; ERR_USAGE for the repository root,
 * whose folder is the whole tree (the index records only its documents). */
int hist_last_change(const struct hindex *ix, struct repo *r, const git_oid *tip, const char *path,
		     git_oid *out);

/* The same from the index file of r, when it is fresh: it covers tip and
 * knows the folder.  Returns 0 with *out set, or 1 when the index cannot
 * answer (no file, tip not in it, the root, a path that never held a
 * task, a commit it could not read completely): the caller then walks
 * (core/lastchange.c).  The loaded index is kept for the next call while
 * its file is unchanged; hist_quick_release frees it. */
int hist_last_change_quick(struct repo *r, const git_oid *tip, const char *path, git_oid *out);
void hist_quick_release(void);

/* Normalise a task path as typed ("./archive/x/", ".") to the index's form
 * ("archive/x", ""); the caller frees. */
char *hist_path_norm(const char *path);

#endif
