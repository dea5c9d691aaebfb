/* Helpers for the history tests: a repository state as a list of files
 * that commits are made from, with merges of any number of parents and
 * the authors and messages the tests need. */
#ifndef IACREV_HISTLIB_H
#define IACREV_HISTLIB_H

#include "testlib.h"

#define ST_MAX 64

struct state {
	char *path[ST_MAX];
	char *content[ST_MAX];
	size_t n;
};

static inline void st_set(struct state *s, const char *path, const char *content)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->path[i], path) == 0) {
			free(s->content[i]);
			s->content[i] = xstrdup(content);
			return;
		}
	assert_true(s->n < ST_MAX);
	s->path[s->n] = xstrdup(path);
	s->content[s->n++] = xstrdup(content);
}

static inline void st_del(struct state *s, const char *path)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->path[i], path) == 0) {
			free(s->path[i]);
			free(s->content[i]);
			s->path[i] = s->path[s->n - 1];
			s->content[i] = s->content[s->n - 1];
			s->n--;
			return;
		}
}

/* Move every file under `from` ("" for the root's lib/ and metadata.json)
 * to `to`. */
static inline void st_move_task(struct state *s, const char *from, const char *to)
{
	size_t fl = strlen(from);
	for (size_t i = 0; i < s->n; i++) {
		const char *p = s->path[i];
		const char *rest = NULL;
		if (fl == 0) {
			if (strncmp(p, "lib/", 4) == 0 || strcmp(p, "metadata.json") == 0)
				rest = p;
		} else if (strncmp(p, from, fl) == 0 && p[fl] == '/') {
			rest = p + fl + 1;
		}
		if (!rest)
			continue;
		char *np = xasprintf("%s/%s", to, rest);
		free(s->path[i]);
		s->path[i] = np;
	}
}

static inline void st_free(struct state *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->path[i]);
		free(s->content[i]);
	}
	s->n = 0;
}

static inline void st_copy(struct state *dst, const struct state *src)
{
	assert_true(dst != src);
	st_free(dst);
	for (size_t i = 0; i < src->n; i++)
		st_set(dst, src->path[i], src->content[i]);
}

static int64_t hl_clock = 1751364000;

/* Commit the state with these parents; `ref` (may be NULL) is moved. */
static inline git_oid st_commit(struct fx_repo *fx, const char *ref, const git_oid *parents,
				size_t np, const struct state *s, const char *author, const char *msg)
{
	struct fx_file files[ST_MAX];
	for (size_t i = 0; i < s->n; i++)
		files[i] = (struct fx_file){ s->path[i], s->content[i], 0 };
	git_oid tree_id = fx_tree(fx, files, s->n), id;
	git_tree *tree = NULL;
	git_signature *sig = NULL;
	assert_int_equal(git_signature_new(&sig, author ? author : "Test Author", "a@example.org",
					   hl_clock += 3600, 0), 0);
	assert_int_equal(git_tree_lookup(&tree, fx->git, &tree_id), 0);
	git_commit *pc[8] = { NULL };
	assert_true(np <= 8);
	for (size_t i = 0; i < np; i++)
		assert_int_equal(git_commit_lookup(&pc[i], fx->git, &parents[i]), 0);
	assert_int_equal(git_commit_create(&id, fx->git, NULL, sig, sig, NULL, msg, tree, np,
					   (const git_commit **)pc), 0);
	if (ref) {
		git_reference *r = NULL;
		assert_int_equal(git_reference_create(&r, fx->git, ref, &id, 1, NULL), 0);
		git_reference_free(r);
	}
	for (size_t i = 0; i < np; i++)
		git_commit_free(pc[i]);
	git_tree_free(tree);
	git_signature_free(sig);
	return id;
}

static inline git_oid st_commit1(struct fx_repo *fx, const char *ref, const git_oid *parent,
				 const struct state *s, const char *msg)
{
	return st_commit(fx, ref, parent, parent ? 1 : 0, s, NULL, msg);
}

/* Point HEAD at refs/heads/main (libgit2's init may name it master). */
static inline void hl_head_main(struct fx_repo *fx)
{
	assert_int_equal(git_repository_set_head(fx->git, "refs/heads/main"), 0);
}

#endif
