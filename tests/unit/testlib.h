/* Shared helpers for cmocka unit tests: temporary repositories built with
 * libgit2 itself, so tests need no git executable. */
#ifndef IACREV_TESTLIB_H
#define IACREV_TESTLIB_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../core/err.h"
#include "../../core/mem.h"
#include "../../core/repo.h"
#include "../../core/utf8.h"
#include "../../core/buf.h"

/* A file to put in a commit: path and NUL-terminated content, or
 * explicit bytes with len > 0. */
struct fx_file {
	const char *path;
	const char *content;
	size_t len;
};

struct fx_repo {
	char *dir;
	git_repository *git;
	struct repo *repo;
};

static inline int fx_rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Remove a folder tree (no shell: paths are never built into commands). */
static inline int fx_rmrf(const char *dir)
{
	return nftw(dir, fx_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* A new repository in a temporary folder (bare when asked). */
static inline struct fx_repo *fx_repo_new(int bare)
{
	struct fx_repo *fx = xcalloc(1, sizeof(*fx));
	char tmpl[] = "/tmp/iacrev-unit.XXXXXX";
	fx->dir = xstrdup(mkdtemp(tmpl));
	assert_int_equal(git_repository_init(&fx->git, fx->dir, (unsigned)bare), 0);
	assert_int_equal(repo_open(&fx->repo, fx->dir), 0);
	return fx;
}

static inline void fx_repo_free(struct fx_repo *fx)
{
	repo_free(fx->repo);
	git_repository_free(fx->git);
	fx_rmrf(fx->dir);
	free(fx->dir);
	free(fx);
}

/* Write a tree holding exactly `files` and return its id. */
static inline git_oid fx_tree(struct fx_repo *fx, const struct fx_file *files, size_t n)
{
	git_index *index = NULL;
	git_oid tree;
	assert_int_equal(git_index_new(&index), 0);
	for (size_t i = 0; i < n; i++) {
		git_index_entry e;
		memset(&e, 0, sizeof(e));
		e.path = files[i].path;
		e.mode = GIT_FILEMODE_BLOB;
		size_t len = files[i].len ? files[i].len : strlen(files[i].content);
		assert_int_equal(git_blob_create_from_buffer(&e.id, fx->git, files[i].content, len), 0);
		assert_int_equal(git_index_add(index, &e), 0);
	}
	assert_int_equal(git_index_write_tree_to(&tree, index, fx->git), 0);
	git_index_free(index);
	return tree;
}

/* Commit `files` (the whole tree) on top of `parent` (NULL: a root commit)
 * and move `ref` (NULL: no ref) to it. */
static inline git_oid fx_commit(struct fx_repo *fx, const char *ref, const git_oid *parent,
				const struct fx_file *files, size_t n, const char *message)
{
	static int64_t clock = 1751364000; /* 2025-07-01 */
	git_oid tree_id = fx_tree(fx, files, n), id;
	git_tree *tree = NULL;
	git_commit *p = NULL;
	git_signature *sig = NULL;
	assert_int_equal(git_signature_new(&sig, "Test", "test@example.org", clock += 3600, 0), 0);
	assert_int_equal(git_tree_lookup(&tree, fx->git, &tree_id), 0);
	if (parent)
		assert_int_equal(git_commit_lookup(&p, fx->git, parent), 0);
	const git_commit *parents[1] = { p };
	assert_int_equal(git_commit_create(&id, fx->git, ref, sig, sig, NULL, message, tree,
					   p ? 1 : 0, parents), 0);
	git_commit_free(p);
	git_tree_free(tree);
	git_signature_free(sig);
	return id;
}

/* Delete a loose object, making it "missing from the object store". */
static inline void fx_remove_object(struct fx_repo *fx, const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), id);
	char *path = xasprintf("%s/%sobjects/%.2s/%s", fx->dir,
			       git_repository_is_bare(fx->git) ? "" : ".git/", hex, hex + 2);
	assert_int_equal(unlink(path), 0);
	free(path);
	/* drop any cached copy */
	git_repository_free(fx->git);
	assert_int_equal(git_repository_open(&fx->git, fx->dir), 0);
	repo_free(fx->repo);
	assert_int_equal(repo_open(&fx->repo, fx->dir), 0);
}

/* The blob id git would give these bytes. */
static inline git_oid fx_blob_id(const char *content)
{
	git_oid id;
	git_odb_hash(&id, content, strlen(content), GIT_OBJECT_BLOB);
	return id;
}

static inline int fx_setup_global(void **state)
{
	(void)state;
	utf8_locale_init();
	repo_global_init();
	return 0;
}

static inline int fx_teardown_global(void **state)
{
	(void)state;
	err_clear();
	repo_global_shutdown();
	return 0;
}

#define FX_COUNT(a) (sizeof(a) / sizeof((a)[0]))

#endif
