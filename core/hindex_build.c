/* Bringing the history index up to date, in bounded steps:
 *   1. read the commits the index does not hold yet, from the tip down to
 *      commits it holds (all of them for a new index);
 *   2. compare each one's tree with its first parent's (core/hdiff.h);
 *   3. append them in topological order, check for rewritten history,
 *      and save.
 * Everything new is kept aside until the last step, so the index answers
 * queries on its previous state while the update runs. */
#include "hindex.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "hdiff.h"
#include "mem.h"
#include "oidmap.h"

#define MISSING_MARK UINT64_MAX
/* Keep at most this many tips: older ones are dropped first. */
#define MAX_TIPS 16

enum phase { PH_WALK, PH_DIFF, PH_SAVE, PH_DONE };

struct newc {
	git_oid id, tree;
	int64_t time;
	uint32_t par_start, npar;   /* into par_oids */
	uint32_t idx;               /* the commit's index once appended */
	uint8_t flags;
};

struct hindex_update {
	struct hindex *ix;
	/* A repository object of its own: its object cache (the bulk of the
	 * memory a build takes) goes when the update ends, and the update may
	 * run on a thread of its own. */
	git_repository *git;
	git_odb *odb;
	git_oid tip;
	char *ref;
	enum phase phase;
	bool rebuilding;
	char *rebuild_reason;
	/* the walk */
	git_oid *stack;
	size_t nstack, cap_stack;
	struct oidmap seen;         /* id → position in nc, or MISSING_MARK */
	struct newc *nc;
	size_t nnc, cap_nc;
	git_oid *par_oids;
	size_t npar, cap_par;
	/* where each parent stands, resolved once when the walk ends */
	uint8_t *par_where;
	uint32_t *par_at;
	/* the diffs */
	size_t next;
	struct hx_rec *recs;        /* commit = position in nc, path = id in `paths` */
	size_t nrecs, cap_recs;
	struct hindex *paths;       /* only its path table is used */
	size_t trees_read;
};

static void push(struct hindex_update *u, const git_oid *id)
{
	VEC_GROW(u->stack, u->nstack + 1, u->cap_stack);
	git_oid_cpy(&u->stack[u->nstack++], id);
}

static const struct hindex *known(const struct hindex_update *u)
{
	return u->rebuilding ? NULL : u->ix;
}

static void clear_work(struct hindex_update *u)
{
	u->nstack = u->nnc = u->npar = u->nrecs = u->next = 0;
	oidmap_clear(&u->seen);
	hindex_free(u->paths);
	u->paths = xcalloc(1, sizeof(*u->paths));
	hindex_reset(u->paths);
}

int hindex_update_new(struct hindex_update **out, struct hindex *ix, struct repo *r,
		      const git_oid *tip, const char *ref)
{
	*out = NULL;
	git_repository *git = NULL;
	bool covered = hindex_covers(ix, tip);
	if (!covered && git_repository_open_bare(&git, r->gitdir) < 0)
		return err_git(ERR_FAIL, "cannot open %s", r->gitdir);
	struct hindex_update *u = xcalloc(1, sizeof(*u));
	u->ix = ix;
	u->git = git;
	if (git && git_repository_odb(&u->odb, git) < 0) {
		git_repository_free(git);
		free(u);
		return err_git(ERR_FAIL, "cannot open the object database of %s", r->gitdir);
	}
	git_oid_cpy(&u->tip, tip);
	u->ref = xstrdup(ref ? ref : "");
	clear_work(u);
	if (covered) {
		/* Remember where the ref is now, for the next rewrite check. */
		for (uint32_t i = 0; i < ix->ntips && u->ref[0]; i++)
			if (strcmp(ix->tips[i].ref, u->ref) == 0)
				git_oid_cpy(&ix->tips[i].id, tip);
		u->phase = PH_DONE;
	} else {
		u->phase = PH_WALK;
		push(u, tip);
	}
	*out = u;
	return 0;
}

void hindex_update_free(struct hindex_update *u)
{
	if (!u)
		return;
	git_odb_free(u->odb);
	git_repository_free(u->git);
	free(u->ref);
	free(u->rebuild_reason);
	free(u->stack);
	oidmap_free(&u->seen);
	free(u->nc);
	free(u->par_oids);
	free(u->par_where);
	free(u->par_at);
	free(u->recs);
	hindex_free(u->paths);
	free(u);
}

void hindex_update_progress(const struct hindex_update *u, struct hindex_progress *p)
{
	p->rebuilding = u->rebuilding;
	p->total = 0;
	switch (u->phase) {
	case PH_WALK:
		p->phase = "reading commits";
		p->done = u->nnc;
		break;
	case PH_DIFF:
		p->phase = "comparing trees";
		p->done = u->next;
		p->total = u->nnc;
		break;
	case PH_SAVE:
		p->phase = "saving";
		p->done = p->total = u->nnc;
		break;
	default:
		p->phase = "done";
		p->done = p->total = u->nnc;
		break;
	}
}

/* A commit's tree, committer time and parents, from its raw object (the
 * headers only: no parsed commit objects pile up in the cache).  With
 * `parents`, the parent ids are appended to par_oids and counted in *npar.
 * Anything unusual is left to libgit2's parser. */
static int read_commit_parsed(struct hindex_update *u, const git_oid *id, git_oid *tree,
			      int64_t *time, bool parents, uint32_t *npar)
{
	git_commit *c = NULL;
	if (git_commit_lookup(&c, u->git, id) < 0) {
		git_error_clear();
		return -1;
	}
	git_oid_cpy(tree, git_commit_tree_id(c));
	*time = (int64_t)git_commit_time(c);
	if (parents) {
		*npar = git_commit_parentcount(c);
		VEC_GROW(u->par_oids, u->npar + *npar, u->cap_par);
		for (uint32_t k = 0; k < *npar; k++)
			git_oid_cpy(&u->par_oids[u->npar++], git_commit_parent_id(c, k));
	}
	git_commit_free(c);
	return 0;
}

static bool header_oid(const char *line, size_t len, const char *key, git_oid *out)
{
	size_t k = strlen(key);
	return len == k + GIT_OID_HEXSZ && memcmp(line, key, k) == 0 &&
	       git_oid_fromstrn(out, line + k, GIT_OID_HEXSZ) == 0;
}

static int read_commit(struct hindex_update *u, const git_oid *id, git_oid *tree, int64_t *time,
		       bool parents, uint32_t *npar)
{
	git_odb_object *obj = NULL;
	if (git_odb_read(&obj, u->odb, id) < 0) {
		git_error_clear();
		return -1;
	}
	if (git_odb_object_type(obj) != GIT_OBJECT_COMMIT) {
		git_odb_object_free(obj);
		return -1;
	}
	const char *p = git_odb_object_data(obj), *end = p + git_odb_object_size(obj);
	size_t start = u->npar;
	uint32_t count = 0;
	bool has_tree = false, has_time = false, ok = true;
	while (p < end && *p != '\n') {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		git_oid pid;
		if (!has_tree && header_oid(p, len, "tree ", tree)) {
			has_tree = true;
		} else if (header_oid(p, len, "parent ", &pid)) {
			if (parents) {
				VEC_GROW(u->par_oids, u->npar + 1, u->cap_par);
				git_oid_cpy(&u->par_oids[u->npar++], &pid);
			}
			count++;
		} else if (len > 10 && memcmp(p, "committer ", 10) == 0) {
			/* "committer NAME <EMAIL> TIME +ZONE" */
			const char *gt = p + len;
			while (gt > p && *gt != '>')
				gt--;
			char *stop;
			long long t = gt > p && gt + 2 < p + len ? strtoll(gt + 2, &stop, 10) : 0;
			has_time = gt > p && gt + 2 < p + len && stop > gt + 2;
			*time = (int64_t)t;
		}
		if (!nl)
			ok = false;
		p = nl ? nl + 1 : end;
	}
	git_odb_object_free(obj);
	if (!ok || !has_tree || !has_time) {
		u->npar = start;
		return read_commit_parsed(u, id, tree, time, parents, npar);
	}
	if (npar)
		*npar = count;
	return 0;
}

/* Step 1: read commits that are new to the index. */
static size_t walk(struct hindex_update *u, size_t budget)
{
	size_t used = 0;
	while (u->nstack && used < budget) {
		git_oid id = u->stack[--u->nstack];
		if ((known(u) && hindex_find(known(u), &id) != HX_NONE) || oidmap_has(&u->seen, &id))
			continue;
		used++;
		VEC_GROW(u->nc, u->nnc + 1, u->cap_nc);
		struct newc *n = &u->nc[u->nnc];
		memset(n, 0, sizeof(*n));
		git_oid_cpy(&n->id, &id);
		n->par_start = (uint32_t)u->npar;
		if (read_commit(u, &id, &n->tree, &n->time, true, &n->npar) < 0) {
			oidmap_put(&u->seen, &id, MISSING_MARK);
			continue;
		}
		oidmap_put(&u->seen, &id, u->nnc);
		u->nnc++;
		/* the first parent last, so that it is read next: first-parent
		 * chains come out in order, which keeps their trees in the cache */
		for (uint32_t k = n->npar; k-- > 0;)
			push(u, &u->par_oids[n->par_start + k]);
	}
	return used;
}

/* Where a parent id stands: a position in nc, an index commit, or missing. */
enum where { W_NEW, W_KNOWN, W_MISSING };

static enum where locate(const struct hindex_update *u, const git_oid *id, uint32_t *at)
{
	uint64_t v;
	if (oidmap_get(&u->seen, id, &v)) {
		if (v == MISSING_MARK)
			return W_MISSING;
		*at = (uint32_t)v;
		return W_NEW;
	}
	if (known(u) && (*at = hindex_find(known(u), id)) != HX_NONE)
		return W_KNOWN;
	return W_MISSING;
}

static void resolve_parents(struct hindex_update *u)
{
	free(u->par_where);
	free(u->par_at);
	u->par_where = xmalloc(u->npar ? u->npar : 1);
	u->par_at = xreallocarray(NULL, u->npar ? u->npar : 1, sizeof(uint32_t));
	for (size_t i = 0; i < u->npar; i++) {
		u->par_at[i] = HX_NONE;
		u->par_where[i] = (uint8_t)locate(u, &u->par_oids[i], &u->par_at[i]);
	}
}

struct diff_payload {
	struct hindex_update *u;
	uint32_t commit;
};

static int add_rec(const struct hdiff_change *ch, void *payload)
{
	struct diff_payload *dp = payload;
	struct hindex_update *u = dp->u;
	VEC_GROW(u->recs, u->nrecs + 1, u->cap_recs);
	struct hx_rec *rec = &u->recs[u->nrecs++];
	rec->commit = dp->commit;
	rec->path = hindex_path_intern(u->paths, ch->path, ch->path_len);
	rec->mask = ch->mask;
	/* a deleted task keeps the tree it had: where a move came from */
	const git_oid *tree = (ch->mask & HC_DELETED) || !ch->new_tree ? ch->old_tree : ch->new_tree;
	git_oid_cpy(&rec->tree, tree);
	return 0;
}

/* The root tree of the first parent of new commit v: false when there is
 * none (a root commit) or it cannot be read (then v is cut). */
static bool parent_tree(struct hindex_update *u, struct newc *v, git_oid *tree)
{
	if (!v->npar)
		return false;
	const git_oid *pid = &u->par_oids[v->par_start];
	enum where w = (enum where)u->par_where[v->par_start];
	uint32_t at = u->par_at[v->par_start];
	if (w == W_NEW) {
		git_oid_cpy(tree, &u->nc[at].tree);
		return true;
	}
	int64_t time;
	if (w == W_MISSING || read_commit(u, pid, tree, &time, false, NULL) < 0) {
		v->flags |= HX_CUT;
		return false;
	}
	return true;
}

/* Step 2: the task-level diff of each new commit against its first parent. */
static size_t diff_some(struct hindex_update *u, size_t budget)
{
	size_t used = 0;
	while (u->next < u->nnc && used < budget) {
		struct newc *v = &u->nc[u->next];
		struct diff_payload dp = { u, (uint32_t)u->next };
		u->next++;
		git_oid old_tree;
		bool has_old = parent_tree(u, v, &old_tree);
		struct hdiff_stats st;
		memset(&st, 0, sizeof(st));
		hdiff_trees(u->odb, has_old ? &old_tree : NULL, &v->tree, add_rec, &dp, &st);
		if (st.missing_trees)
			v->flags |= HX_INCOMPLETE;
		free(st.first_missing);
		u->trees_read += st.trees_read;
		used += 1 + st.trees_read;
	}
	return used;
}

/* Topological order of the new commits: each after its new parents. */
static uint32_t *topo_order(struct hindex_update *u)
{
	uint32_t *order = xreallocarray(NULL, u->nnc ? u->nnc : 1, sizeof(uint32_t));
	uint8_t *state = xcalloc(u->nnc ? u->nnc : 1, 1);
	struct frame { uint32_t v, k; } *stack = NULL;
	size_t depth = 0, cap = 0, n = 0;
	for (uint32_t s = 0; s < u->nnc; s++) {
		if (state[s])
			continue;
		VEC_GROW(stack, depth + 1, cap);
		stack[depth++] = (struct frame){ s, 0 };
		state[s] = 1;
		while (depth) {
			struct frame *f = &stack[depth - 1];
			const struct newc *v = &u->nc[f->v];
			if (f->k < v->npar) {
				size_t k = v->par_start + f->k++;
				uint32_t at = u->par_at[k];
				if (u->par_where[k] == W_NEW && !state[at]) {
					state[at] = 1;
					VEC_GROW(stack, depth + 1, cap);
					stack[depth++] = (struct frame){ at, 0 };
				}
				continue;
			}
			order[n++] = f->v;
			depth--;
		}
	}
	free(stack);
	free(state);
	return order;
}

static int cmp_rec(const void *a, const void *b)
{
	const struct hx_rec *x = a, *y = b;
	if (x->commit != y->commit)
		return x->commit < y->commit ? -1 : 1;
	return x->path < y->path ? -1 : x->path > y->path;
}

/* Room for `need` commits in every per-commit array. */
static void grow_commits(struct hindex *ix, size_t need)
{
	if (need <= ix->cap_commits)
		return;
	size_t cap = ix->cap_commits ? ix->cap_commits : 64;
	while (cap < need)
		cap = st_mult(cap, 2);
	ix->oids = xreallocarray(ix->oids, cap, sizeof(git_oid));
	ix->times = xreallocarray(ix->times, cap, sizeof(int64_t));
	ix->gens = xreallocarray(ix->gens, cap, sizeof(uint32_t));
	ix->flags = xreallocarray(ix->flags, cap, 1);
	ix->parent_off = xreallocarray(ix->parent_off, cap + 1, sizeof(uint32_t));
	ix->rec_off = xreallocarray(ix->rec_off, cap + 1, sizeof(uint32_t));
	ix->cap_commits = cap;
}

/* Step 3: append the new commits and records to `dst`. */
static void append_new(struct hindex_update *u, struct hindex *dst)
{
	hindex_own(dst);
	uint32_t base = dst->ncommits, nnew = (uint32_t)u->nnc;
	uint32_t *order = topo_order(u);
	for (uint32_t k = 0; k < nnew; k++)
		u->nc[order[k]].idx = base + k;

	size_t total = (size_t)base + nnew;
	if (total >= HX_NONE)
		abort(); /* four billion commits */
	grow_commits(dst, total);
	for (uint32_t k = 0; k < nnew; k++) {
		struct newc *v = &u->nc[order[k]];
		uint32_t c = base + k, gen = 0;
		dst->oids[c] = v->id;
		dst->times[c] = v->time;
		dst->flags[c] = v->flags;
		VEC_GROW(dst->parents, (size_t)dst->nparents + v->npar, dst->cap_parents);
		for (uint32_t j = 0; j < v->npar; j++) {
			const git_oid *pid = &u->par_oids[v->par_start + j];
			uint32_t at = u->par_at[v->par_start + j], p = HX_NONE;
			switch ((enum where)u->par_where[v->par_start + j]) {
			case W_NEW: p = u->nc[at].idx; break;
			case W_KNOWN: p = at; break;
			case W_MISSING: break;
			}
			if (p == HX_NONE) {
				dst->flags[c] |= HX_CUT;
				VEC_GROW(dst->missing, (size_t)dst->nmissing + 1, dst->cap_missing);
				dst->missing[dst->nmissing].commit = c;
				dst->missing[dst->nmissing++].parent = *pid;
			} else if (dst->gens[p] > gen) {
				gen = dst->gens[p];
			}
			dst->parents[dst->nparents++] = p;
		}
		dst->gens[c] = gen + 1;
		dst->parent_off[c + 1] = dst->nparents;
	}
	free(order);

	/* Records: commit positions and path ids of this update become the
	 * destination's, then commit order. */
	uint32_t *path_map = xreallocarray(NULL, u->paths->npaths ? u->paths->npaths : 1, sizeof(uint32_t));
	for (uint32_t p = 0; p < u->paths->npaths; p++) {
		const char *s = hindex_path(u->paths, p);
		path_map[p] = hindex_path_intern(dst, s, strlen(s));
	}
	for (size_t i = 0; i < u->nrecs; i++) {
		u->recs[i].commit = u->nc[u->recs[i].commit].idx;
		u->recs[i].path = path_map[u->recs[i].path];
	}
	free(path_map);
	if ((size_t)dst->nrecs + u->nrecs >= HX_NONE)
		abort();
	if (u->nrecs) {
		qsort(u->recs, u->nrecs, sizeof(*u->recs), cmp_rec);
		VEC_GROW(dst->recs, (size_t)dst->nrecs + u->nrecs, dst->cap_recs);
		memcpy(dst->recs + dst->nrecs, u->recs, u->nrecs * sizeof(*u->recs));
	}
	size_t r = 0;
	for (uint32_t k = 0; k < nnew; k++) {
		uint32_t c = base + k;
		while (r < u->nrecs && u->recs[r].commit == c)
			r++;
		dst->rec_off[c + 1] = dst->nrecs + (uint32_t)r;
	}
	dst->nrecs += (uint32_t)u->nrecs;
	dst->ncommits = (uint32_t)total;
	hindex_rebuild_lookup(dst);
}

/* Commits reachable from the given commits, as a bitmap; returns the count. */
static size_t reach(const struct hindex *ix, const uint32_t *from, size_t nfrom, uint8_t *mark)
{
	uint32_t *stack = xreallocarray(NULL, ix->ncommits ? ix->ncommits : 1, sizeof(uint32_t));
	size_t depth = 0, count = 0;
	for (size_t i = 0; i < nfrom; i++)
		if (from[i] != HX_NONE && !mark[from[i]]) {
			mark[from[i]] = 1;
			stack[depth++] = from[i];
		}
	while (depth) {
		uint32_t c = stack[--depth];
		count++;
		for (uint32_t k = ix->parent_off[c]; k < ix->parent_off[c + 1]; k++) {
			uint32_t p = ix->parents[k];
			if (p != HX_NONE && !mark[p]) {
				mark[p] = 1;
				stack[depth++] = p;
			}
		}
	}
	free(stack);
	return count;
}

static void tip_drop(struct hindex *ix, uint32_t i)
{
	free(ix->tips[i].ref);
	memmove(&ix->tips[i], &ix->tips[i + 1], (ix->ntips - i - 1) * sizeof(*ix->tips));
	ix->ntips--;
}

/* Record the new tip; returns true when the ref was rewritten (its old
 * value is not in the new value's history). */
static bool update_tips(struct hindex_update *u)
{
	struct hindex *ix = u->ix;
	uint32_t t = hindex_find(ix, &u->tip);
	uint8_t *mark = xcalloc(ix->ncommits ? ix->ncommits : 1, 1);
	reach(ix, &t, 1, mark);
	bool rewritten = false;
	for (uint32_t i = ix->ntips; i-- > 0;) {
		uint32_t c = hindex_find(ix, &ix->tips[i].id);
		bool same_ref = u->ref[0] && strcmp(ix->tips[i].ref, u->ref) == 0;
		if (same_ref && (c == HX_NONE || !mark[c]))
			rewritten = true;
		/* drop the ref's old value, and tips the new one contains */
		if (same_ref || c == HX_NONE || mark[c])
			tip_drop(ix, i);
	}
	free(mark);
	while (ix->ntips >= MAX_TIPS)
		tip_drop(ix, 0);
	VEC_GROW(ix->tips, (size_t)ix->ntips + 1, ix->cap_tips);
	ix->tips[ix->ntips].id = u->tip;
	ix->tips[ix->ntips++].ref = xstrdup(u->ref);
	return rewritten;
}

/* After a rewrite: the share of the index no tip reaches any more. */
static size_t unreachable(const struct hindex *ix)
{
	uint32_t *from = xreallocarray(NULL, ix->ntips ? ix->ntips : 1, sizeof(uint32_t));
	for (uint32_t i = 0; i < ix->ntips; i++)
		from[i] = hindex_find(ix, &ix->tips[i].id);
	uint8_t *mark = xcalloc(ix->ncommits ? ix->ncommits : 1, 1);
	size_t reached = reach(ix, from, ix->ntips, mark);
	free(mark);
	free(from);
	return ix->ncommits - reached;
}

static void start_rebuild(struct hindex_update *u, char *reason)
{
	free(u->rebuild_reason);
	u->rebuild_reason = reason;
	u->rebuilding = true;
	clear_work(u);
	for (uint32_t i = 0; i < u->ix->ntips; i++)
		push(u, &u->ix->tips[i].id);
	u->phase = PH_WALK;
}

static void finish(struct hindex_update *u)
{
	struct hindex *ix = u->ix;
	uint32_t before = ix->ncommits;
	if (u->rebuilding) {
		struct hindex *fresh = xcalloc(1, sizeof(*fresh));
		hindex_reset(fresh);
		append_new(u, fresh);
		/* the new tables, the old tips, file and status */
		struct hx_tip *tips = ix->tips;
		uint32_t ntips = ix->ntips;
		size_t cap_tips = ix->cap_tips;
		ix->tips = NULL;
		ix->ntips = 0;
		hindex_reset(ix);
		free(ix->parent_off);
		free(ix->rec_off);
		free(ix->path_off);
		free(ix->path_rec_off);
		fresh->file = ix->file;
		fresh->status = ix->status;
		fresh->save_error = ix->save_error;
		*ix = *fresh;
		free(fresh);
		/* drop the tips that were not found again */
		ix->tips = tips;
		ix->ntips = ntips;
		ix->cap_tips = cap_tips;
		for (uint32_t i = ix->ntips; i-- > 0;)
			if (hindex_find(ix, &ix->tips[i].id) == HX_NONE)
				tip_drop(ix, i);
		hindex_set_status(ix, xasprintf("rebuilt: %u commit%s (%s)", ix->ncommits,
						ix->ncommits == 1 ? "" : "s",
						u->rebuild_reason));
		u->phase = PH_SAVE;
		return;
	}
	append_new(u, ix);
	bool rewritten = update_tips(u);
	size_t lost = rewritten ? unreachable(ix) : 0;
	if (lost && lost * 4 > ix->ncommits) {
		start_rebuild(u, xasprintf("history was rewritten: %zu of %u commits are no longer reachable",
					   lost, ix->ncommits));
		return;
	}
	if (before == 0)
		hindex_set_status(ix, xasprintf("built: %u commit%s (%s)", ix->ncommits,
						ix->ncommits == 1 ? "" : "s",
						ix->status ? ix->status : "there was no index yet"));
	else
		hindex_set_status(ix, xasprintf("extended by %u commit%s to %u", ix->ncommits - before,
						ix->ncommits - before == 1 ? "" : "s", ix->ncommits));
	u->phase = PH_SAVE;
}

int hindex_update_step(struct hindex_update *u, size_t budget)
{
	if (!budget)
		budget = 1;
	while (budget) {
		size_t used = 0;
		switch (u->phase) {
		case PH_WALK:
			used = walk(u, budget);
			if (!u->nstack) {
				resolve_parents(u);
				u->phase = PH_DIFF;
			}
			break;
		case PH_DIFF:
			used = diff_some(u, budget);
			if (u->next < u->nnc)
				break;
			/* the index changes and is saved in this same step */
			finish(u);
			if (u->phase != PH_SAVE)
				break;
			/* fall through */
		case PH_SAVE:
			hindex_save(u->ix); /* a failure is kept in save_error */
			err_clear();
			u->phase = PH_DONE;
			return 0;
		case PH_DONE:
			return 0;
		}
		budget = used >= budget ? 0 : budget - used;
		if (!used && u->phase == PH_WALK)
			break;
	}
	return u->phase == PH_DONE ? 0 : 1;
}
