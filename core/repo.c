#include "repo.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "mem.h"

void repo_global_init(void)
{
	git_libgit2_init();
	/* Trees larger than 4 KB (an archive folder of 600 tasks is 16 KB)
	 * are otherwise never cached; the cache ceiling bounds memory. */
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, (size_t)256 * 1024);
	git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)64 * 1024 * 1024);
	/* iacrev only reads: checking the hash of every object read costs a
	 * SHA-1 per tree and blob (12% of listing the tasks) and git itself
	 * does not do it when it reads; zlib still checks what it inflates. */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	/* Packs are mapped in windows of 1 GB, up to 8 GB, by default, and
	 * every page touched stays resident: listing the tasks of a 130 MB
	 * pack peaked at 155 MB.  Windows of 16 MB, at most 32 MB mapped,
	 * cost no measurable time there. */
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)16 * 1024 * 1024);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, (size_t)32 * 1024 * 1024);
}

void repo_no_object_cache(void)
{
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
}

void repo_global_shutdown(void)
{
	git_libgit2_shutdown();
}

static char *strip_slash(const char *p)
{
	char *s = xstrdup(p);
	size_t n = strlen(s);
	while (n > 1 && s[n - 1] == '/')
		s[--n] = '\0';
	return s;
}

int repo_open(struct repo **out, const char *dir)
{
	*out = NULL;
	const char *start = dir && *dir ? dir : ".";
	if (access(start, F_OK) != 0)
		return err_setc(ERR_NOTFOUND, "%s: no such directory", start);
	git_repository *git = NULL;
	int rc = git_repository_open_ext(&git, start, 0, NULL);
	if (rc == GIT_ENOTFOUND) {
		char *abs = realpath(start, NULL);
		err_setc(ERR_NOTFOUND, "not a git repository (or any parent up to /): %s",
			 abs ? abs : start);
		free(abs);
		return ERR_NOTFOUND;
	}
	if (rc < 0)
		return err_git(ERR_FAIL, "cannot open repository at %s", start);
	struct repo *r = xcalloc(1, sizeof(*r));
	r->git = git;
	r->bare = git_repository_is_bare(git);
	r->shallow = git_repository_is_shallow(git) == 1;
	r->gitdir = strip_slash(git_repository_path(git));
	const char *wd = git_repository_workdir(git);
	r->display = strip_slash(wd ? wd : r->gitdir);
	*out = r;
	return 0;
}

void repo_free(struct repo *r)
{
	if (!r)
		return;
	git_repository_free(r->git);
	free(r->display);
	free(r->gitdir);
	free(r);
}

int repo_resolve(struct repo *r, const char *rev, git_oid *commit)
{
	const char *spec = rev && *rev ? rev : "HEAD";
	if (strcmp(spec, "HEAD") == 0 && git_repository_head_unborn(r->git) == 1)
		return err_setc(ERR_NOTFOUND, "%s: the repository has no commits yet", r->display);
	git_object *obj = NULL;
	int rc = git_revparse_single(&obj, r->git, spec);
	if (rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC || rc == GIT_EAMBIGUOUS)
		return err_git(ERR_NOTFOUND, "unknown revision '%s'", spec);
	if (rc < 0)
		return err_git(ERR_FAIL, "cannot resolve revision '%s'", spec);
	git_object *peeled = NULL;
	rc = git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT);
	git_object_free(obj);
	if (rc < 0)
		return err_git(ERR_NOTFOUND, "revision '%s' does not name a commit", spec);
	git_oid_cpy(commit, git_object_id(peeled));
	git_object_free(peeled);
	return 0;
}

void repo_short_id(char out[11], const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), id);
	memcpy(out, hex, 10);
	out[10] = '\0';
}

int repo_commit_tree(struct repo *r, const git_oid *commit, git_tree **out)
{
	char sid[11];
	git_commit *c = NULL;
	*out = NULL;
	if (git_commit_lookup(&c, r->git, commit) < 0) {
		repo_short_id(sid, commit);
		return err_git(ERR_MISSING, "commit %s cannot be read", sid);
	}
	int rc = git_commit_tree(out, c);
	if (rc < 0) {
		char tid[11];
		repo_short_id(sid, commit);
		repo_short_id(tid, git_commit_tree_id(c));
		git_commit_free(c);
		return err_setc(ERR_MISSING, "commit %s: its tree %s is missing from the object store",
				sid, tid);
	}
	git_commit_free(c);
	return 0;
}

bool repo_has_object(struct repo *r, const git_oid *id)
{
	git_odb *odb = NULL;
	if (git_repository_odb(&odb, r->git) < 0)
		return false;
	bool ok = git_odb_exists(odb, id) == 1;
	git_odb_free(odb);
	return ok;
}

int repo_read_blob(struct repo *r, const git_oid *id, const char *path,
		   const char *rev, struct buf *out)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_blob *blob = NULL;
	buf_truncate(out, 0);
	int rc = git_blob_lookup(&blob, r->git, id);
	if (rc < 0) {
		git_oid_tostr(hex, sizeof(hex), id);
		if (rc == GIT_ENOTFOUND)
			return err_setc(ERR_MISSING, "%s at %s: object %s is missing from the object store",
					path, rev, hex);
		return err_git(ERR_DATA, "%s at %s: object %s cannot be read", path, rev, hex);
	}
	git_object_size_t size = git_blob_rawsize(blob);
	buf_put(out, git_blob_rawcontent(blob), (size_t)size);
	git_blob_free(blob);
	return 0;
}

int repo_read_file(struct repo *r, const git_oid *commit, const char *path, struct buf *out)
{
	char rev[11];
	repo_short_id(rev, commit);
	git_tree *root = NULL;
	int rc = repo_commit_tree(r, commit, &root);
	if (rc < 0)
		return rc;
	git_tree_entry *entry = NULL;
	rc = git_tree_entry_bypath(&entry, root, path);
	git_tree_free(root);
	if (rc == GIT_ENOTFOUND) {
		/* Either the path is absent or a tree on the way is missing. */
		return err_git(ERR_NOTFOUND, "%s at %s", path, rev);
	}
	if (rc < 0)
		return err_git(ERR_DATA, "%s at %s", path, rev);
	if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB) {
		git_tree_entry_free(entry);
		return err_setc(ERR_NOTFOUND, "%s at %s: not a file", path, rev);
	}
	git_oid id;
	git_oid_cpy(&id, git_tree_entry_id(entry));
	git_tree_entry_free(entry);
	return repo_read_blob(r, &id, path, rev, out);
}

int repo_walk(struct repo *r, const git_oid *from,
	      int (*fn)(const git_commit *c, void *payload), void *payload)
{
	git_revwalk *walk = NULL;
	if (git_revwalk_new(&walk, r->git) < 0)
		return err_git(ERR_FAIL, "cannot start a history walk");
	int rc = git_revwalk_push(walk, from);
	if (rc < 0) {
		char sid[11];
		repo_short_id(sid, from);
		git_revwalk_free(walk);
		return err_git(ERR_MISSING, "commit %s", sid);
	}
	git_oid id;
	while ((rc = git_revwalk_next(&id, walk)) == 0) {
		git_commit *c = NULL;
		if (git_commit_lookup(&c, r->git, &id) < 0) {
			char sid[11];
			repo_short_id(sid, &id);
			git_revwalk_free(walk);
			return err_git(ERR_MISSING, "commit %s", sid);
		}
		int stop = fn(c, payload);
		git_commit_free(c);
		if (stop) {
			git_revwalk_free(walk);
			return stop;
		}
	}
	git_revwalk_free(walk);
	if (rc != GIT_ITEROVER)
		return err_git(ERR_MISSING, "history walk");
	return 0;
}

bool repo_config_bool(struct repo *r, const char *name, bool dflt)
{
	git_config *cfg = NULL;
	int v = dflt;
	if (git_repository_config_snapshot(&cfg, r->git) == 0) {
		if (git_config_get_bool(&v, cfg, name) < 0)
			v = dflt;
		git_config_free(cfg);
	}
	git_error_clear();
	return v != 0;
}
