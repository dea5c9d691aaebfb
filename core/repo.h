/* Repository access: open, resolve revisions, read files at a revision.
 * Everything that names an object in an error names the path, the
 * revision and the object id, so a missing blob is a message, not a crash. */
#ifndef IACREV_REPO_H
#define IACREV_REPO_H

#include <git2.h>
#include <stdbool.h>

#include "buf.h"

struct repo {
	git_repository *git;
	char *display;   /* work tree, or git dir when bare, for messages */
	char *gitdir;
	bool bare;
	bool shallow;
};

/* Call once per process before anything else (pairs with repo_shutdown). */
void repo_global_init(void);
/* Turn libgit2's object cache off for the rest of the process: for a
 * command that reads each object once (iacrev tasks), where the cache
 * only costs its upkeep and freeing it at the end. */
void repo_no_object_cache(void);
void repo_global_shutdown(void);

/* Open the repository containing `dir` (NULL: the current directory),
 * searching upwards; bare repositories too.  ERR_NOTFOUND when none. */
int repo_open(struct repo **out, const char *dir);
void repo_free(struct repo *r);

/* Resolve a revision (NULL or "" means HEAD) to a commit id.
 * ERR_NOTFOUND for an unknown revision or an unborn HEAD. */
int repo_resolve(struct repo *r, const char *rev, git_oid *commit);

/* The root tree of a commit.  The caller frees it with git_tree_free. */
int repo_commit_tree(struct repo *r, const git_oid *commit, git_tree **out);

/* Read the blob `id` into out (replacing its content).  `path` and `rev`
 * are only for the message: "PATH at REV: object ID is missing". */
int repo_read_blob(struct repo *r, const git_oid *id, const char *path,
		   const char *rev, struct buf *out);

/* Read the file `path` of commit `commit` into out.
 * ERR_NOTFOUND when the path does not exist there, ERR_MISSING when the
 * tree names a blob that is not in the object store. */
int repo_read_file(struct repo *r, const git_oid *commit, const char *path, struct buf *out);

/* Whether the object store holds `id` (a cheap index lookup). */
bool repo_has_object(struct repo *r, const git_oid *id);

/* A short id for messages: the first 10 hex digits. */
void repo_short_id(char out[11], const git_oid *id);
/* The boolean git config setting `name` of r (repository, global and
 * system files), or `dflt` when it is unset or not a boolean. */
bool repo_config_bool(struct repo *r, const char *name, bool dflt);

/* Call fn for every commit reachable from `from`, newest first in
 * libgit2's default order; stop early when fn returns nonzero (and
 * return that).  Missing commits end the walk with ERR_MISSING. */
int repo_walk(struct repo *r, const git_oid *from,
	      int (*fn)(const git_commit *c, void *payload), void *payload);

#endif
