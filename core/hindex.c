/* The history index in memory: lookups, paths, and the tables derived
 * from the commits and records (the id order, the records of each path). */
#include "hindex.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "err.h"
#include "mem.h"

void hindex_set_status(struct hindex *ix, char *status)
{
	free(ix->status);
	ix->status = status;
}

const char *hindex_status(const struct hindex *ix)
{
	return ix->status ? ix->status : "empty";
}

const char *hindex_save_error(const struct hindex *ix)
{
	return ix->save_error;
}

/* Every array holds at least its "+1" offset slot, so that an empty index
 * answers queries like a full one. */
static void *own_copy(const void *p, size_t n)
{
	void *q = xmalloc(n ? n : 1);
	if (n)
		memcpy(q, p, n);
	return q;
}

void hindex_own(struct hindex *ix)
{
	if (!ix->map)
		return;
	size_t n = ix->ncommits;
	ix->oids = own_copy(ix->oids, n * sizeof(git_oid));
	ix->times = own_copy(ix->times, n * sizeof(int64_t));
	ix->gens = own_copy(ix->gens, n * sizeof(uint32_t));
	ix->flags = own_copy(ix->flags, n);
	ix->parent_off = own_copy(ix->parent_off, (n + 1) * sizeof(uint32_t));
	ix->parents = own_copy(ix->parents, ix->nparents * sizeof(uint32_t));
	ix->rec_off = own_copy(ix->rec_off, (n + 1) * sizeof(uint32_t));
	ix->recs = own_copy(ix->recs, ix->nrecs * sizeof(struct hx_rec));
	ix->by_oid = own_copy(ix->by_oid, n * sizeof(uint32_t));
	ix->path_off = own_copy(ix->path_off, ((size_t)ix->npaths + 1) * sizeof(uint32_t));
	ix->pool = own_copy(ix->pool, ix->pool_len);
	ix->path_rec_off = own_copy(ix->path_rec_off, ((size_t)ix->npaths + 1) * sizeof(uint32_t));
	ix->path_recs = own_copy(ix->path_recs, ix->nrecs * sizeof(uint32_t));
	ix->missing = own_copy(ix->missing, ix->nmissing * sizeof(struct hx_missing));
	ix->cap_commits = n;
	ix->cap_parents = ix->nparents;
	ix->cap_recs = ix->nrecs;
	ix->cap_paths = (size_t)ix->npaths + 1;
	ix->cap_pool = ix->pool_len;
	ix->cap_missing = ix->nmissing;
	munmap(ix->map, ix->map_len);
	ix->map = NULL;
	ix->map_len = 0;
}

void hindex_reset(struct hindex *ix)
{
	if (ix->map) {
		munmap(ix->map, ix->map_len);
		ix->map = NULL;
		ix->oids = NULL;
		ix->times = NULL;
		ix->gens = NULL;
		ix->flags = NULL;
		ix->parent_off = ix->rec_off = ix->by_oid = ix->path_off = NULL;
		ix->parents = ix->path_rec_off = ix->path_recs = NULL;
		ix->recs = NULL;
		ix->pool = NULL;
		ix->missing = NULL;
	}
	free(ix->oids);
	free(ix->times);
	free(ix->gens);
	free(ix->flags);
	free(ix->parent_off);
	free(ix->parents);
	free(ix->rec_off);
	free(ix->by_oid);
	free(ix->recs);
	free(ix->path_off);
	free(ix->pool);
	free(ix->path_rec_off);
	free(ix->path_recs);
	for (uint32_t i = 0; i < ix->ntips; i++)
		free(ix->tips[i].ref);
	free(ix->tips);
	free(ix->missing);
	free(ix->pathmap.slots);
	char *file = ix->file, *status = ix->status, *save_error = ix->save_error;
	memset(ix, 0, sizeof(*ix));
	ix->file = file;
	ix->status = status;
	ix->save_error = save_error;
	ix->parent_off = xcalloc(1, sizeof(uint32_t));
	ix->rec_off = xcalloc(1, sizeof(uint32_t));
	ix->path_off = xcalloc(1, sizeof(uint32_t));
	ix->path_rec_off = xcalloc(1, sizeof(uint32_t));
}

void hindex_free(struct hindex *ix)
{
	if (!ix)
		return;
	hindex_reset(ix);
	free(ix->parent_off);
	free(ix->rec_off);
	free(ix->path_off);
	free(ix->path_rec_off);
	free(ix->file);
	free(ix->status);
	free(ix->save_error);
	free(ix);
}

uint32_t hindex_find(const struct hindex *ix, const git_oid *id)
{
	size_t lo = 0, hi = ix->ncommits;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = git_oid_cmp(&ix->oids[ix->by_oid[mid]], id);
		if (c == 0)
			return ix->by_oid[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return HX_NONE;
}

bool hindex_covers(const struct hindex *ix, const git_oid *tip)
{
	return hindex_find(ix, tip) != HX_NONE;
}

const struct hx_rec *hindex_rec(const struct hindex *ix, uint32_t c, uint32_t p)
{
	size_t lo = ix->rec_off[c], hi = ix->rec_off[c + 1];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint32_t mp = ix->recs[mid].path;
		if (mp == p)
			return &ix->recs[mid];
		if (mp < p)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const char *hindex_path(const struct hindex *ix, uint32_t path)
{
	return path < ix->npaths ? ix->pool + ix->path_off[path] : "";
}

/* Paths: a hash set of path ids keyed by their text (FNV-1a). */

static uint64_t path_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

static size_t path_len(const struct hindex *ix, uint32_t id)
{
	return ix->path_off[id + 1] - ix->path_off[id] - 1;
}

static void pathmap_insert(struct hindex *ix, uint32_t id)
{
	struct hpathmap *m = &ix->pathmap;
	size_t i = (size_t)path_hash(hindex_path(ix, id), path_len(ix, id)) & (m->cap - 1);
	while (m->slots[i])
		i = (i + 1) & (m->cap - 1);
	m->slots[i] = id + 1;
}

void hindex_rebuild_pathmap(struct hindex *ix)
{
	struct hpathmap *m = &ix->pathmap;
	size_t cap = 64;
	while (cap < (size_t)ix->npaths * 2 + 2)
		cap = st_mult(cap, 2);
	free(m->slots);
	m->slots = xcalloc(cap, sizeof(*m->slots));
	m->cap = cap;
	for (uint32_t id = 0; id < ix->npaths; id++)
		pathmap_insert(ix, id);
}

uint32_t hindex_path_find(const struct hindex *ix, const char *path, size_t len)
{
	const struct hpathmap *m = &ix->pathmap;
	if (!m->cap)
		return HX_NONE;
	size_t i = (size_t)path_hash(path, len) & (m->cap - 1);
	while (m->slots[i]) {
		uint32_t id = m->slots[i] - 1;
		if (path_len(ix, id) == len && memcmp(hindex_path(ix, id), path, len) == 0)
			return id;
		i = (i + 1) & (m->cap - 1);
	}
	return HX_NONE;
}

uint32_t hindex_path_intern(struct hindex *ix, const char *path, size_t len)
{
	uint32_t id = hindex_path_find(ix, path, len);
	if (id != HX_NONE)
		return id;
	hindex_own(ix);
	if (ix->npaths + 1u >= HX_NONE || (size_t)ix->pool_len + len + 1 >= HX_NONE)
		abort(); /* four billion paths: not a repository iacrev can index */
	id = ix->npaths++;
	VEC_GROW(ix->path_off, (size_t)ix->npaths + 1, ix->cap_paths);
	VEC_GROW(ix->pool, (size_t)ix->pool_len + len + 1, ix->cap_pool);
	memcpy(ix->pool + ix->pool_len, path, len);
	ix->pool[ix->pool_len + len] = '\0';
	ix->pool_len += (uint32_t)len + 1;
	ix->path_off[ix->npaths] = ix->pool_len;
	if ((size_t)ix->npaths * 2 + 2 > ix->pathmap.cap)
		hindex_rebuild_pathmap(ix);
	else
		pathmap_insert(ix, id);
	return id;
}

static int cmp_by_oid(const void *a, const void *b, void *arg)
{
	const git_oid *oids = arg;
	return git_oid_cmp(&oids[*(const uint32_t *)a], &oids[*(const uint32_t *)b]);
}

/* The id order and the records of each path, from the commits and records. */
void hindex_rebuild_lookup(struct hindex *ix)
{
	hindex_own(ix);
	free(ix->by_oid);
	ix->by_oid = xreallocarray(NULL, ix->ncommits ? ix->ncommits : 1, sizeof(uint32_t));
	for (uint32_t i = 0; i < ix->ncommits; i++)
		ix->by_oid[i] = i;
	qsort_r(ix->by_oid, ix->ncommits, sizeof(uint32_t), cmp_by_oid, ix->oids);

	free(ix->path_rec_off);
	free(ix->path_recs);
	ix->path_rec_off = xcalloc((size_t)ix->npaths + 1, sizeof(uint32_t));
	ix->path_recs = xreallocarray(NULL, ix->nrecs ? ix->nrecs : 1, sizeof(uint32_t));
	for (uint32_t r = 0; r < ix->nrecs; r++)
		ix->path_rec_off[ix->recs[r].path + 1]++;
	for (uint32_t p = 0; p < ix->npaths; p++)
		ix->path_rec_off[p + 1] += ix->path_rec_off[p];
	uint32_t *fill = xcalloc((size_t)ix->npaths + 1, sizeof(uint32_t));
	for (uint32_t r = 0; r < ix->nrecs; r++) {
		uint32_t p = ix->recs[r].path;
		ix->path_recs[ix->path_rec_off[p] + fill[p]++] = r;
	}
	free(fill);
	if (!ix->pathmap.cap || (size_t)ix->npaths * 2 + 2 > ix->pathmap.cap)
		hindex_rebuild_pathmap(ix);
}

char *hindex_file_of(struct repo *r)
{
	/* the common git dir: linked worktrees share their history */
	const char *common = git_repository_commondir(r->git);
	size_t n = common ? strlen(common) : 0;
	while (n > 1 && common[n - 1] == '/')
		n--;
	return n ? xasprintf("%.*s/iacrev/history.idx", (int)n, common)
		 : xasprintf("%s/iacrev/history.idx", r->gitdir);
}

int hindex_open(struct hindex **out, struct repo *r)
{
	struct hindex *ix = xcalloc(1, sizeof(*ix));
	ix->file = hindex_file_of(r);
	hindex_reset(ix);
	char *why = NULL;
	if (hindex_read_file(ix, ix->file, &why) < 0) {
		hindex_reset(ix);
		hindex_set_status(ix, why);
	} else {
		hindex_set_status(ix, xasprintf("loaded: %u commit%s", ix->ncommits,
						ix->ncommits == 1 ? "" : "s"));
		/* A parent that was missing and is now there (a shallow clone
		 * fetched deeper): the records of its children are wrong. */
		for (uint32_t i = 0; i < ix->nmissing; i++) {
			if (repo_has_object(r, &ix->missing[i].parent)) {
				hindex_reset(ix);
				hindex_set_status(ix, xstrdup("commits that were missing are now in the repository"));
				break;
			}
		}
	}
	*out = ix;
	return 0;
}

char *hindex_ref_of(struct repo *r, const char *rev)
{
	git_reference *ref = NULL, *resolved = NULL;
	const char *spec = rev && *rev ? rev : "HEAD";
	if (git_reference_dwim(&ref, r->git, spec) < 0)
		return NULL;
	char *name = NULL;
	if (git_reference_resolve(&resolved, ref) == 0) {
		const char *n = git_reference_name(resolved);
		if (strcmp(n, "HEAD") != 0)
			name = xstrdup(n);
		git_reference_free(resolved);
	}
	git_reference_free(ref);
	return name;
}

int hindex_update(struct hindex *ix, struct repo *r, const git_oid *tip, const char *ref)
{
	struct hindex_update *u = NULL;
	int rc = hindex_update_new(&u, ix, r, tip, ref);
	if (rc < 0)
		return rc;
	while ((rc = hindex_update_step(u, 4096)) > 0)
		;
	hindex_update_free(u);
	return rc;
}

int hindex_load(struct hindex **out, struct repo *r, const char *rev, git_oid *tip)
{
	*out = NULL;
	int rc = repo_resolve(r, rev, tip);
	if (rc < 0)
		return rc;
	struct hindex *ix = NULL;
	if ((rc = hindex_open(&ix, r)) < 0)
		return rc;
	char *ref = hindex_ref_of(r, rev);
	rc = hindex_update(ix, r, tip, ref);
	free(ref);
	if (rc < 0) {
		hindex_free(ix);
		return rc;
	}
	*out = ix;
	return 0;
}
