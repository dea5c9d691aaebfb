/* A task's lineage (see history.h for the rules). */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "hist_priv.h"
#include "mem.h"

/* A place the walk has to look at: a commit and the task's folder there. */
struct item {
	uint32_t c;
	uint32_t path;        /* path id */
	uint32_t boundary;    /* the mainline commit of the merge the walk came
			       * through (HX_NONE before any): commits it reaches
			       * are not on the task's branch */
	bool bounded;         /* the path is shared (the root, or reached through a move):
			       * stay on the branch */
};

/* "Does boundary B reach commit X?", answered by painting B's history
 * down to X's generation, once per boundary and walk. */
struct painter {
	uint32_t from;
	uint8_t *mark;
	struct uheap heap;
};

struct found {
	struct item at;
	uint32_t from_path;   /* HX_NONE unless the task moved here */
	uint32_t base;        /* the commit its documents are compared with, or HX_NONE */
	bool created, cut;
};

struct walk {
	const struct hindex *ix;
	struct repo *r;
	struct item *items;
	size_t nitems, cap_items;
	struct uheap heap;
	uint8_t *seen;
	struct painter *painters;
	size_t npainters;
	struct found *found;
	size_t nfound, cap_found;
	struct hist_lineage *out;
};

static bool gen_first(const void *ctx, uint32_t a, uint32_t b)
{
	const struct hindex *ix = ctx;
	if (ix->gens[a] != ix->gens[b])
		return ix->gens[a] > ix->gens[b];
	return hist_newer(ix, a, b);
}

static bool item_first(const void *ctx, uint32_t a, uint32_t b)
{
	const struct walk *w = ctx;
	return gen_first(w->ix, w->items[a].c, w->items[b].c);
}

static bool reaches(struct walk *w, uint32_t boundary, uint32_t x)
{
	const struct hindex *ix = w->ix;
	struct painter *p = NULL;
	for (size_t i = 0; i < w->npainters; i++)
		if (w->painters[i].from == boundary)
			p = &w->painters[i];
	if (!p) {
		w->painters = xreallocarray(w->painters, w->npainters + 1, sizeof(*w->painters));
		p = &w->painters[w->npainters++];
		p->from = boundary;
		p->mark = xcalloc(ix->ncommits, 1);
		p->heap = (struct uheap){ NULL, 0, 0, gen_first, ix };
		p->mark[boundary] = 1;
		uheap_push(&p->heap, boundary);
	}
	/* A commit reaches only commits of lower generation, so once every
	 * commit left to paint is at X's generation or lower, X's mark is final. */
	while (p->heap.n && ix->gens[p->heap.v[0]] > ix->gens[x]) {
		uint32_t c = uheap_pop(&p->heap);
		for (uint32_t k = 0; k < hindex_nparents(ix, c); k++) {
			uint32_t y = hindex_parent(ix, c, k);
			if (y != HX_NONE && !p->mark[y]) {
				p->mark[y] = 1;
				uheap_push(&p->heap, y);
			}
		}
	}
	return p->mark[x];
}

static void push(struct walk *w, uint32_t c, uint32_t path, uint32_t boundary, bool bounded)
{
	if (c == HX_NONE || w->seen[c])
		return;
	VEC_GROW(w->items, w->nitems + 1, w->cap_items);
	w->items[w->nitems] = (struct item){ c, path, boundary, bounded };
	uheap_push(&w->heap, (uint32_t)w->nitems++);
}

/* Whether parent y holds the same task documents at `path` as the folder
 * tree `tree` of its child. */
static bool same_docs(struct walk *w, uint32_t y, const char *path, const git_oid *tree)
{
	git_oid ytree;
	int rc = hist_folder_tree(w->r, &w->ix->oids[y], path, &ytree);
	err_clear();
	if (rc < 0)
		return false;
	if (git_oid_equal(&ytree, tree))
		return true;
	struct hdocs a, b;
	hist_docs_of(w->r, tree, path, &a);
	hist_docs_of(w->r, &ytree, path, &b);
	bool same = a.task && b.task && hdocs_equal(&a, &b);
	hdocs_free(&a);
	hdocs_free(&b);
	return same;
}

static void found_add(struct walk *w, const struct item *it, uint32_t from_path, uint32_t base,
		      bool created, bool cut)
{
	VEC_GROW(w->found, w->nfound + 1, w->cap_found);
	w->found[w->nfound++] = (struct found){ *it, from_path, base, created, cut };
}

/* One step of the walk: commit it->c with the task at it->path. */
static void visit(struct walk *w, const struct item *it)
{
	const struct hindex *ix = w->ix;
	uint32_t c = it->c, np = hindex_nparents(ix, c);
	const char *path = hindex_path(ix, it->path);
	if (it->bounded && it->boundary != HX_NONE && reaches(w, it->boundary, c)) {
		w->out->branch_bounded = true;
		return;
	}
	const struct hx_rec *rec = hindex_rec(ix, c, it->path);
	if (rec && (rec->mask & HC_DELETED))
		return; /* not a task here: the walk came the wrong way */
	uint32_t first = np ? hindex_parent(ix, c, 0) : HX_NONE;
	if (!rec || !(rec->mask & HC_DOCS)) {
		/* same documents as the first parent */
		if (first == HX_NONE && np) {
			w->out->cut = true;
			git_oid_cpy(&w->out->cut_at, &ix->oids[c]);
		}
		push(w, first, it->path, it->boundary, it->bounded);
		return;
	}
	/* Changed against the first parent: the same as another parent?
	 * Then the change came from that side: follow it alone. */
	for (uint32_t k = 1; k < np; k++) {
		uint32_t y = hindex_parent(ix, c, k);
		if (y != HX_NONE && same_docs(w, y, path, &rec->tree)) {
			push(w, y, it->path, first, it->bounded);
			return;
		}
	}
	bool cut = np && first == HX_NONE;
	uint32_t from = HX_NONE, base = HX_NONE;
	bool elsewhere = false;
	if (rec->mask & HC_ADDED) {
		if (first != HX_NONE && (from = hist_moved_from(w->ix, w->r, c, first, rec)) != HX_NONE) {
			base = first;
			push(w, first, from, it->boundary, true);
		}
	} else if (first != HX_NONE) {
		base = first;
		push(w, first, it->path, it->boundary, it->bounded);
	}
	/* a merge unlike all its parents: the other sides too */
	for (uint32_t k = 1; k < np; k++) {
		uint32_t y = hindex_parent(ix, c, k);
		struct hdocs d;
		if (y == HX_NONE)
			continue;
		hist_commit_docs(w->ix, w->r, y, path, &d);
		if (d.task) {
			elsewhere = true;
			push(w, y, it->path, first, it->bounded);
		}
		hdocs_free(&d);
	}
	if (cut) {
		w->out->cut = true;
		git_oid_cpy(&w->out->cut_at, &ix->oids[c]);
	}
	found_add(w, it, from, base, base == HX_NONE && !elsewhere && !cut, cut);
}

static void tq_copy(struct tq *dst, const struct tq *src)
{
	*dst = *src;
	dst->raw = src->raw ? xstrdup(src->raw) : NULL;
	dst->reason = src->reason ? xstrdup(src->reason) : NULL;
}

static void score_free(struct hist_score *s)
{
	free(s->tq.raw);
	free(s->tq.reason);
	free(s->error);
}

static void read_score(struct repo *r, const struct hdocs *docs, const char *path,
		       const git_oid *commit, struct hist_score *out)
{
	memset(out, 0, sizeof(*out));
	const struct hdoc *m = hdocs_find(docs, "metadata.json");
	if (!m) {
		out->state = HM_ABSENT;
		out->tq.reason = xstrdup("no metadata.json");
		return;
	}
	git_oid_cpy(&out->blob, &m->blob);
	char rev[11];
	repo_short_id(rev, commit);
	char *file = path[0] ? xasprintf("%s/metadata.json", path) : xstrdup("metadata.json");
	struct buf b = BUF_INIT;
	if (repo_read_blob(r, &m->blob, file, rev, &b) < 0) {
		out->state = HM_UNREADABLE;
		out->error = xstrdup(err_msg());
		out->tq.reason = xstrdup("metadata.json cannot be read");
		err_clear();
	} else {
		struct meta meta;
		meta_parse(&meta, file, b.ptr ? b.ptr : "", b.len);
		out->state = meta.error ? HM_MALFORMED : HM_OK;
		out->error = meta.error ? xstrdup(meta.error) : NULL;
		tq_copy(&out->tq, &meta.tq);
		meta_free(&meta);
	}
	buf_free(&b);
	free(file);
}

static int found_order(const void *a, const void *b, void *ctx)
{
	const struct found *x = a, *y = b;
	if (x->at.c == y->at.c)
		return 0;
	return gen_first(ctx, x->at.c, y->at.c) ? -1 : 1;
}

/* The revision's documents against its base, and its score. */
static void describe(struct walk *w, const struct found *f, struct hist_rev *rev)
{
	const struct hindex *ix = w->ix;
	const char *path = hindex_path(ix, f->at.path);
	const struct hx_rec *rec = hindex_rec(ix, f->at.c, f->at.path);
	memset(rev, 0, sizeof(*rev));
	git_oid_cpy(&rev->commit, &ix->oids[f->at.c]);
	rev->cidx = f->at.c;
	rev->path = xstrdup(path);
	rev->from = f->from_path != HX_NONE ? xstrdup(hindex_path(ix, f->from_path)) : NULL;
	rev->created = f->created;
	rev->cut = f->cut;
	struct hdocs now, before;
	hist_docs_of(w->r, rec ? &rec->tree : NULL, path, &now);
	if (f->base != HX_NONE)
		hist_commit_docs(w->ix, w->r, f->base, rev->from ? rev->from : path, &before);
	else
		memset(&before, 0, sizeof(before));
	hist_docs_diff(w->r, &before, &now, &rev->docs, &rev->ndocs);
	read_score(w->r, &now, path, &rev->commit, &rev->score);
	hdocs_free(&now);
	hdocs_free(&before);
}

int hist_mainline(struct repo *r, git_oid *out)
{
	static const char *const refs[] = { "refs/remotes/origin/HEAD", "refs/heads/main",
					    "refs/heads/master" };
	for (size_t i = 0; i < sizeof(refs) / sizeof(refs[0]); i++) {
		git_reference *ref = NULL, *resolved = NULL;
		if (git_reference_lookup(&ref, r->git, refs[i]) < 0)
			continue;
		int rc = git_reference_resolve(&resolved, ref);
		git_reference_free(ref);
		if (rc < 0)
			continue;
		git_object *obj = NULL;
		rc = git_reference_peel(&obj, resolved, GIT_OBJECT_COMMIT);
		git_reference_free(resolved);
		if (rc < 0)
			continue;
		git_oid_cpy(out, git_object_id(obj));
		git_object_free(obj);
		return 0;
	}
	err_clear();
	return ERR_NOTFOUND;
}

int hist_lineage(const struct hindex *ix, struct repo *r, const git_oid *tip, const char *path,
		 struct hist_lineage *out)
{
	memset(out, 0, sizeof(*out));
	char *norm = hist_path_norm(path);
	const char *shown = norm[0] ? norm : ".";
	uint32_t t = hindex_find(ix, tip);
	if (t == HX_NONE) {
		char sid[11];
		repo_short_id(sid, tip);
		free(norm);
		return err_setc(ERR_NOTFOUND, "commit %s is not in the history index", sid);
	}
	uint32_t p = hindex_path_find(ix, norm, strlen(norm));
	git_oid tree;
	struct hdocs docs;
	memset(&docs, 0, sizeof(docs));
	if (p != HX_NONE && hist_folder_tree(r, tip, norm, &tree) == 0)
		hist_docs_of(r, &tree, norm, &docs);
	err_clear();
	bool task = docs.task;
	hdocs_free(&docs);
	if (!task) {
		char sid[11];
		repo_short_id(sid, tip);
		int rc = err_setc(ERR_NOTFOUND, "no task at '%s' in %s", shown, sid);
		free(norm);
		return rc;
	}

	struct walk w;
	memset(&w, 0, sizeof(w));
	w.ix = ix;
	w.r = r;
	w.out = out;
	w.seen = xcalloc(ix->ncommits, 1);
	w.heap = (struct uheap){ NULL, 0, 0, item_first, &w };
	/* The root task on a branch that is not the mainline: the branch's
	 * commits are those the mainline does not reach. */
	uint32_t boundary = HX_NONE;
	git_oid main_id;
	if (!norm[0] && hist_mainline(r, &main_id) == 0) {
		uint32_t m = hindex_find(ix, &main_id);
		if (m != HX_NONE && m != t && !reaches(&w, m, t))
			boundary = m;
	}
	push(&w, t, p, boundary, norm[0] == '\0');
	while (w.heap.n) {
		struct item it = w.items[uheap_pop(&w.heap)];
		if (w.seen[it.c])
			continue;
		w.seen[it.c] = 1;
		visit(&w, &it);
	}
	if (w.nfound)
		qsort_r(w.found, w.nfound, sizeof(*w.found), found_order, (void *)ix);
	out->path = norm;
	out->v = xcalloc(w.nfound ? w.nfound : 1, sizeof(*out->v));
	for (size_t i = 0; i < w.nfound; i++)
		describe(&w, &w.found[i], &out->v[i]);
	out->n = w.nfound;

	for (size_t i = 0; i < w.npainters; i++) {
		free(w.painters[i].mark);
		uheap_free(&w.painters[i].heap);
	}
	free(w.painters);
	free(w.items);
	uheap_free(&w.heap);
	free(w.seen);
	free(w.found);
	return 0;
}

void hist_lineage_free(struct hist_lineage *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct hist_rev *rev = &l->v[i];
		free(rev->path);
		free(rev->from);
		hist_docs_free(rev->docs, rev->ndocs);
		score_free(&rev->score);
	}
	free(l->v);
	free(l->path);
	memset(l, 0, sizeof(*l));
}
