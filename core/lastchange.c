#include "lastchange.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "history.h"
#include "mem.h"

/* What a commit holds at the path. */
struct at_path {
	git_oid entry;
	git_filemode_t mode;
	bool present;
};

static int commit_error(const git_oid *id)
{
	char sid[11];
	repo_short_id(sid, id);
	return err_git(ERR_MISSING, "commit %s cannot be read", sid);
}

static int read_at_path(git_commit *c, const char *path, struct at_path *out)
{
	git_tree *tree = NULL;
	char sid[11];
	memset(out, 0, sizeof(*out));
	if (git_commit_tree(&tree, c) < 0) {
		char tid[11];
		repo_short_id(sid, git_commit_id(c));
		repo_short_id(tid, git_commit_tree_id(c));
		return err_setc(ERR_MISSING, "commit %s: its tree %s is missing from the object store",
				sid, tid);
	}
	if (!path[0]) {
		out->present = true;
		out->mode = GIT_FILEMODE_TREE;
		git_oid_cpy(&out->entry, git_tree_id(tree));
		git_tree_free(tree);
		return 0;
	}
	git_tree_entry *e = NULL;
	int rc = git_tree_entry_bypath(&e, tree, path);
	git_tree_free(tree);
	if (rc == 0) {
		out->present = true;
		out->mode = git_tree_entry_filemode(e);
		git_oid_cpy(&out->entry, git_tree_entry_id(e));
		git_tree_entry_free(e);
		return 0;
	}
	/* GIT_ENOTFOUND for an absent path (a tree error) and for a tree on
	 * the way that is missing (an object database error) */
	const git_error *ge = git_error_last();
	if (rc == GIT_ENOTFOUND && !(ge && ge->klass == GIT_ERROR_ODB))
		return 0;
	repo_short_id(sid, git_commit_id(c));
	return err_git(ERR_MISSING, "%s at %s", path, sid);
}

static bool same(const struct at_path *a, const struct at_path *b)
{
	if (a->present != b->present)
		return false;
	return !a->present || (a->mode == b->mode && git_oid_equal(&a->entry, &b->entry));
}

/* git walks by date and, for a commit TREESAME to a parent, queues only
 * that parent; the first commit that is not TREESAME is the answer and
 * stops `-1`.  So until the answer the queue never holds more than one
 * commit, and the walk is a chain: no date order or visited set is needed
 * (and a chain in a DAG never comes back to a commit). */
int lastchange_find(struct repo *r, const git_oid *tip, const char *path, git_oid *out,
		    size_t *visited)
{
	/* The history index answers without reading trees when its file is
	 * fresh for tip and knows the folder (core/hquick.c); else walk. */
	if (hist_last_change_quick(r, tip, path, out) == 0) {
		if (visited)
			*visited = 0;
		return 0;
	}
	size_t count = 0;
	git_commit *c = NULL;
	struct at_path here;
	int rc;
	if (git_commit_lookup(&c, r->git, tip) < 0) {
		rc = commit_error(tip);
		goto done;
	}
	if ((rc = read_at_path(c, path, &here)) < 0)
		goto done;
	for (;;) {
		count++;
		unsigned n = git_commit_parentcount(c);
		git_commit *next = NULL;
		struct at_path there;
		for (unsigned i = 0; i < n && !next; i++) {
			git_commit *p = NULL;
			if (git_commit_parent(&p, c, i) < 0) {
				rc = commit_error(git_commit_parent_id(c, i));
				goto done;
			}
			if ((rc = read_at_path(p, path, &there)) < 0) {
				git_commit_free(p);
				goto done;
			}
			if (same(&here, &there))
				next = p; /* TREESAME: follow only this parent */
			else
				git_commit_free(p);
		}
		if (!next) {
			/* differs from every parent, or a root commit */
			if (n > 0 || here.present) {
				git_oid_cpy(out, git_commit_id(c));
				rc = 0;
			} else {
				rc = err_setc(ERR_NOTFOUND, "%s: no commit in the history holds this path",
					      path[0] ? path : ".");
			}
			goto done;
		}
		git_commit_free(c);
		c = next;
		here = there;
	}
done:
	git_commit_free(c);
	if (visited)
		*visited = count;
	return rc;
}
