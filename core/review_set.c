#include "review_set.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "mem.h"
#include "notes.h"
#include "review_cache.h"

void review_set_free(struct review_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		review_record_free(&s->v[i]);
	free(s->v);
	for (size_t i = 0; i < s->ncur; i++) {
		free(s->cur[i].heads);
		free(s->cur[i].records);
	}
	free(s->cur);
	for (size_t i = 0; i < s->nproblems; i++)
		free(s->problems[i]);
	free(s->problems);
	for (size_t i = 0; i < s->narenas; i++)
		free(s->arenas[i]);
	free(s->arenas);
	memset(s, 0, sizeof(*s));
}

void review_set_own(struct review_set *s, void *arena)
{
	s->arenas = xreallocarray(s->arenas, s->narenas + 1, sizeof(*s->arenas));
	s->arenas[s->narenas++] = arena;
}

void review_set_add(struct review_set *s, struct review_record *v, size_t n)
{
	VEC_GROW(s->v, s->n + n, s->cap);
	memcpy(s->v + s->n, v, n * sizeof(*v));
	s->n += n;
	for (size_t i = 0; i < n; i++)
		s->opaque += !v[i].parsed;
}

/* ---- which record is current ---- */

static int group_cmp(const struct review_record *a, const struct review_record *b)
{
	int c = strcmp(a->task, b->task);
	return c ? c : strcasecmp(a->by_email, b->by_email);
}

/* (at, id): the order that decides between heads. */
static int time_cmp(const struct review_record *a, const struct review_record *b)
{
	int c = strcmp(a->at, b->at);
	if (c)
		return c;
	return a->id < b->id ? -1 : a->id > b->id;
}

static int order_cmp(const void *pa, const void *pb, void *arg)
{
	const struct review_record *v = arg;
	const struct review_record *a = &v[*(const size_t *)pa], *b = &v[*(const size_t *)pb];
	int c = group_cmp(a, b);
	if (c)
		return c;
	c = time_cmp(a, b);
	if (c)
		return c;
	/* identical ids: keep equal lines together so that they merge */
	c = a->len < b->len ? -1 : a->len > b->len;
	return c ? c : memcmp(a->line, b->line, a->len);
}

static int id_cmp(const void *pa, const void *pb, void *arg)
{
	const struct review_record *v = arg;
	uint64_t a = v[*(const size_t *)pa].id, b = v[*(const size_t *)pb].id;
	return a < b ? -1 : a > b;
}

static bool same_line(const struct review_record *a, const struct review_record *b)
{
	return a->len == b->len && memcmp(a->line, b->line, a->len) == 0;
}

/* One (task, reviewer) group: idx[0..n) sorted by (at, id). */
static void resolve_group(struct review_set *s, const size_t *idx, size_t n)
{
	struct review_record *v = s->v;
	size_t *by_id = xcalloc(n, sizeof(*by_id));
	size_t m = 0;
	/* the same line stored twice (two layouts of one note) is one record */
	for (size_t i = 0; i < n; i++)
		if (!m || !same_line(&v[idx[i]], &v[by_id[m - 1]]))
			by_id[m++] = idx[i];
	size_t distinct = m;
	qsort_r(by_id, m, sizeof(*by_id), id_cmp, v);
	for (size_t i = 0; i < n; i++) {
		struct review_record *r = &v[idx[i]];
		if (!r->has_supersedes)
			continue;
		/* every record carrying the named id (several only after a
		 * forgery or a collision) is superseded */
		size_t lo = 0, hi = m;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (v[by_id[mid]].id < r->supersedes)
				lo = mid + 1;
			else
				hi = mid;
		}
		bool found = false;
		for (size_t k = lo; k < m && v[by_id[k]].id == r->supersedes; k++) {
			if (by_id[k] != idx[i]) {
				v[by_id[k]].superseded = true;
				found = true;
			}
		}
		r->unknown_supersedes = !found;
	}
	free(by_id);
	struct review_current c;
	memset(&c, 0, sizeof(c));
	c.heads = xcalloc(distinct, sizeof(*c.heads));
	c.records = xcalloc(distinct, sizeof(*c.records));
	for (size_t i = 0; i < n; i++) {
		struct review_record *r = &v[idx[i]];
		if (i && same_line(r, &v[idx[i - 1]]))
			continue;
		c.records[c.nrecords++] = idx[i];
		if (!r->superseded)
			c.heads[c.nheads++] = idx[i];
	}
	if (!c.nheads) {
		/* only a cycle of supersedes (written by hand): the newest wins */
		c.heads[c.nheads++] = idx[n - 1];
	}
	c.record = c.heads[c.nheads - 1]; /* in (at, id) order: the last is the greatest */
	v[c.record].current = true;
	VEC_GROW(s->cur, s->ncur + 1, s->capcur);
	s->cur[s->ncur++] = c;
}

void review_set_index(struct review_set *s)
{
	for (size_t i = 0; i < s->ncur; i++) {
		free(s->cur[i].heads);
		free(s->cur[i].records);
	}
	s->ncur = 0;
	size_t *idx = xcalloc(s->n + 1, sizeof(*idx)), m = 0;
	for (size_t i = 0; i < s->n; i++) {
		struct review_record *r = &s->v[i];
		r->superseded = r->unknown_supersedes = r->current = false;
		if (r->parsed)
			idx[m++] = i;
	}
	qsort_r(idx, m, sizeof(*idx), order_cmp, s->v);
	/* groups are contiguous and come in (task, email) order */
	for (size_t i = 0; i < m;) {
		size_t j = i + 1;
		while (j < m && group_cmp(&s->v[idx[i]], &s->v[idx[j]]) == 0)
			j++;
		resolve_group(s, idx + i, j - i);
		i = j;
	}
	free(idx);
}

/* ---- queries ---- */

static int cur_cmp_key(const struct review_set *s, size_t i, const char *task, const char *email)
{
	const struct review_record *r = &s->v[s->cur[i].record];
	int c = strcmp(r->task, task);
	return c || !email ? c : strcasecmp(r->by_email, email);
}

/* The first current entry not before (task, email). */
static size_t lower_bound(const struct review_set *s, const char *task, const char *email)
{
	size_t lo = 0, hi = s->ncur;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cur_cmp_key(s, mid, task, email) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t review_set_task(const struct review_set *s, const char *task,
		       const struct review_current **first)
{
	size_t lo = lower_bound(s, task, NULL), hi = lo;
	while (hi < s->ncur && cur_cmp_key(s, hi, task, NULL) == 0)
		hi++;
	*first = s->cur + lo;
	return hi - lo;
}

const struct review_current *review_set_mine(const struct review_set *s, const char *task,
					     const char *email)
{
	if (!email)
		return NULL;
	size_t i = lower_bound(s, task, email);
	return i < s->ncur && cur_cmp_key(s, i, task, email) == 0 ? &s->cur[i] : NULL;
}

static int hist_cmp(const void *pa, const void *pb, void *arg)
{
	const struct review_record *v = arg;
	return time_cmp(&v[*(const size_t *)pa], &v[*(const size_t *)pb]);
}

size_t review_set_history(const struct review_set *s, const char *task, const char *email,
			  size_t **out)
{
	const struct review_current *first;
	size_t n = 0, groups = 0;
	if (email) {
		first = review_set_mine(s, task, email);
		groups = first ? 1 : 0;
	} else {
		groups = review_set_task(s, task, &first);
	}
	for (size_t g = 0; g < groups; g++)
		n += first[g].nrecords;
	*out = xcalloc(n + 1, sizeof(**out));
	size_t k = 0;
	for (size_t g = 0; g < groups; g++) {
		memcpy(*out + k, first[g].records, first[g].nrecords * sizeof(**out));
		k += first[g].nrecords;
	}
	if (groups > 1)
		qsort_r(*out, n, sizeof(**out), hist_cmp, s->v);
	return n;
}

enum review_freshness review_freshness(const struct review_record *r, struct task_list *tasks)
{
	const struct task *t = task_list_find(tasks, r->task);
	if (!t)
		return REVIEW_GONE;
	return git_oid_equal(&t->tree, &r->tree) ? REVIEW_FRESH : REVIEW_STALE;
}

int task_trees_open(struct task_trees *tt, struct repo *r, const git_oid *commit)
{
	memset(tt, 0, sizeof(*tt));
	return repo_commit_tree(r, commit, &tt->root);
}

void task_trees_free(struct task_trees *tt)
{
	git_tree_free(tt->root);
	free(tt->last_path);
	memset(tt, 0, sizeof(*tt));
}

bool task_trees_find(struct task_trees *tt, const char *path, git_oid *tree)
{
	/* records come sorted by task: one lookup per task */
	if (!tt->last_path || strcmp(tt->last_path, path) != 0) {
		free(tt->last_path);
		tt->last_path = xstrdup(path);
		tt->last_found = false;
		if (!path[0]) {
			tt->last_found = true;
			git_oid_cpy(&tt->last_tree, git_tree_id(tt->root));
		} else {
			git_tree_entry *e = NULL;
			if (git_tree_entry_bypath(&e, tt->root, path) == 0) {
				tt->last_found = git_tree_entry_type(e) == GIT_OBJECT_TREE;
				git_oid_cpy(&tt->last_tree, git_tree_entry_id(e));
				git_tree_entry_free(e);
			}
		}
	}
	if (tt->last_found && tree)
		git_oid_cpy(tree, &tt->last_tree);
	return tt->last_found;
}

enum review_freshness task_trees_freshness(struct task_trees *tt, const struct review_record *r)
{
	git_oid tree;
	if (!task_trees_find(tt, r->task, &tree))
		return REVIEW_GONE;
	return git_oid_equal(&tree, &r->tree) ? REVIEW_FRESH : REVIEW_STALE;
}

/* ---- loading ---- */

/* Split a note into lines and decode each. */
void review_set_add_note(struct review_set *s, const git_oid *bucket, const git_oid *blob,
			 const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	uint32_t lineno = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (lineno < UINT32_MAX)
			lineno++;
		if (n) {
			struct review_record r;
			memset(&r, 0, sizeof(r));
			git_oid_cpy(&r.bucket, bucket);
			review_decode(p, n, &r);
			git_oid_cpy(&r.blob, blob);
			r.lineno = lineno;
			review_set_add(s, &r, 1);
		}
		p += n + (nl ? 1 : 0);
	}
}

int review_set_load_commit(struct repo *r, const git_oid *notes_commit, struct review_set *out)
{
	memset(out, 0, sizeof(*out));
	out->has_tip = true;
	git_oid_cpy(&out->tip, notes_commit);
	int rc = review_cache_load(r, notes_commit, out);
	if (rc < 0) {
		review_set_free(out);
		return rc;
	}
	review_set_index(out);
	return 0;
}

int review_set_load(struct repo *r, struct review_set *out)
{
	git_oid tip;
	memset(out, 0, sizeof(*out));
	int has = notes_tip(r->git, REVIEW_REF, &tip);
	if (has <= 0)
		return has;
	return review_set_load_commit(r, &tip, out);
}
