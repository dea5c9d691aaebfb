#include "hdiff.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "mem.h"

/* Deeper folders than this are not examined (a hostile tree could
 * otherwise exhaust the stack); they are reported like missing trees. */
#define HDIFF_MAX_DEPTH 512

static const char *const canonical[DOC_KINDS] = {
	"PROMPT.md", "MODEL_RESPONSE.md", "IDEAL_RESPONSE.md", "MODEL_FAILURES.md",
};

unsigned hchange_doc_bit(const char *name)
{
	enum doc_kind kind;
	int turn;
	if (!doc_parse_name(name, &kind, &turn))
		return 0;
	return strcmp(name, canonical[kind]) == 0 ? 1u << kind : HC_TURNS;
}

const char *hchange_name(unsigned bit)
{
	switch (bit) {
	case HC_PROMPT: return "prompt";
	case HC_MODEL: return "model";
	case HC_IDEAL: return "ideal";
	case HC_FAILURES: return "failures";
	case HC_TURNS: return "turns";
	case HC_META: return "metadata";
	case HC_OTHER: return "other";
	case HC_ADDED: return "added";
	case HC_DELETED: return "deleted";
	default: return "?";
	}
}

/* Trees are read raw from the object database and walked in place: no
 * parsed tree objects, so memory is the object cache's raw bytes, counted
 * exactly, and nothing is allocated per entry. */

struct rentry {
	const char *name;
	size_t len;
	bool tree;
	bool blob;
	unsigned mode;
	const unsigned char *id;   /* 20 bytes */
};

struct rtree {
	git_odb_object *obj;
	const unsigned char *data;
	size_t size;
	git_oid id;
};

/* The entry at *pos, advancing *pos; false at the end or on a malformed
 * entry (the rest of a damaged tree is ignored). */
static bool rtree_next(const struct rtree *t, size_t *pos, struct rentry *e)
{
	if (!t || !t->obj || *pos >= t->size)
		return false;
	const unsigned char *p = t->data + *pos, *end = t->data + t->size;
	unsigned mode = 0;
	while (p < end && *p >= '0' && *p <= '7')
		mode = mode * 8 + (unsigned)(*p++ - '0');
	if (p >= end || *p != ' ')
		return false;
	const unsigned char *name = ++p;
	const unsigned char *nul = memchr(name, '\0', (size_t)(end - name));
	if (!nul || nul == name || end - nul < 1 + GIT_OID_RAWSZ)
		return false;
	e->name = (const char *)name;
	e->len = (size_t)(nul - name);
	e->mode = mode;
	e->tree = mode == 040000;
	e->blob = (mode & 0170000) == 0100000 || mode == 0120000;
	e->id = nul + 1;
	*pos = (size_t)(nul + 1 + GIT_OID_RAWSZ - t->data);
	return true;
}

static bool rentry_is(const struct rentry *e, const char *name)
{
	size_t n = strlen(name);
	return e->len == n && memcmp(e->name, name, n) == 0;
}

/* git's tree order: names compared bytewise, a tree as if followed by '/'. */
static int rentry_cmp(const struct rentry *a, const struct rentry *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->name, b->name, n);
	if (c)
		return c;
	int ac = a->len > n ? (unsigned char)a->name[n] : a->tree ? '/' : 0;
	int bc = b->len > n ? (unsigned char)b->name[n] : b->tree ? '/' : 0;
	return ac - bc;
}

static bool rentry_same(const struct rentry *a, const struct rentry *b)
{
	return a && b && a->mode == b->mode && memcmp(a->id, b->id, GIT_OID_RAWSZ) == 0;
}

/* A merge-join of two trees' entries (either may be NULL), in order: each
 * step yields a pair of same-named entries, or one of them alone. */
struct join {
	const struct rtree *a, *b;
	size_t pa, pb;
	struct rentry ea, eb;
	bool ha, hb;
};

static void join_init(struct join *j, const struct rtree *a, const struct rtree *b)
{
	memset(j, 0, sizeof(*j));
	j->a = a;
	j->b = b;
	j->ha = rtree_next(a, &j->pa, &j->ea);
	j->hb = rtree_next(b, &j->pb, &j->eb);
}

static bool join_next(struct join *j, struct rentry *x, struct rentry *y, bool *hx, bool *hy)
{
	if (!j->ha && !j->hb)
		return false;
	int c = !j->ha ? 1 : !j->hb ? -1 : rentry_cmp(&j->ea, &j->eb);
	*hx = c <= 0;
	*hy = c >= 0;
	if (*hx) {
		*x = j->ea;
		j->ha = rtree_next(j->a, &j->pa, &j->ea);
	}
	if (*hy) {
		*y = j->eb;
		j->hb = rtree_next(j->b, &j->pb, &j->eb);
	}
	return true;
}

struct ctx {
	git_odb *odb;
	hdiff_fn fn;
	void *payload;
	struct hdiff_stats *stats;
	struct buf path;
};

static void note_missing(struct ctx *c, const char *name, size_t len, const git_oid *id,
			 const char *why)
{
	if (!c->stats)
		return;
	c->stats->missing_trees++;
	if (c->stats->first_missing)
		return;
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), id);
	c->stats->first_missing = c->path.len
		? xasprintf("%s/%.*s/: tree %s %s", c->path.ptr, (int)len, name, hex, why)
		: xasprintf("%.*s/: tree %s %s", (int)len, name, hex, why);
}

static void rtree_free(struct rtree *t)
{
	if (t) {
		git_odb_object_free(t->obj);
		t->obj = NULL;
	}
}

static int rtree_load(struct ctx *c, const git_oid *id, struct rtree *t, const char *name,
		      size_t len)
{
	memset(t, 0, sizeof(*t));
	git_oid_cpy(&t->id, id);
	if (git_odb_read(&t->obj, c->odb, id) < 0 || git_odb_object_type(t->obj) != GIT_OBJECT_TREE) {
		rtree_free(t);
		git_error_clear();
		note_missing(c, name, len, id, "is missing from the object store");
		return -1;
	}
	t->data = git_odb_object_data(t->obj);
	t->size = git_odb_object_size(t->obj);
	if (c->stats)
		c->stats->trees_read++;
	return 0;
}

static void entry_oid(const struct rentry *e, git_oid *out)
{
	git_oid_fromraw(out, e->id);
}

/* One side of a folder: its metadata.json, its lib/ and whether it is a task. */
struct side {
	const struct rtree *tree;
	struct rentry meta;
	bool has_meta;
	struct rtree lib;
	bool has_lib;
	bool task;
};

static bool has_canonical(const struct rtree *lib)
{
	struct rentry e;
	size_t pos = 0;
	while (rtree_next(lib, &pos, &e)) {
		if (!e.blob)
			continue;
		for (int k = 0; k < DOC_KINDS; k++)
			if (rentry_is(&e, canonical[k]))
				return true;
	}
	return false;
}

static void side_load(struct ctx *c, struct side *s, const struct rtree *tree, bool is_lib)
{
	memset(s, 0, sizeof(*s));
	s->tree = tree;
	if (!tree)
		return;
	struct rentry e;
	size_t pos = 0;
	while (rtree_next(tree, &pos, &e)) {
		if (e.blob && !is_lib && rentry_is(&e, "metadata.json")) {
			s->meta = e;
			s->has_meta = true;
		} else if (e.tree && rentry_is(&e, "lib")) {
			git_oid id;
			entry_oid(&e, &id);
			s->has_lib = rtree_load(c, &id, &s->lib, "lib", 3) == 0;
		}
	}
	s->task = s->has_meta || (s->has_lib && has_canonical(&s->lib));
}

static bool same_meta(const struct side *o, const struct side *n)
{
	if (!o->has_meta || !n->has_meta)
		return !o->has_meta && !n->has_meta;
	return memcmp(o->meta.id, n->meta.id, GIT_OID_RAWSZ) == 0;
}

/* A document name is short ("MODEL_RESPONSE12.md"): a longer entry name
 * is not one, and needs no copy. */
static unsigned doc_bit(const struct rentry *e)
{
	if (!e->blob || e->len > 255)
		return 0;
	char name[256];
	memcpy(name, e->name, e->len);
	name[e->len] = '\0';
	return hchange_doc_bit(name);
}

static unsigned folder_mask(const struct side *o, const struct side *n, bool root)
{
	unsigned mask = 0;
	if (o->task != n->task)
		mask |= o->task ? HC_DELETED : HC_ADDED;
	if (!same_meta(o, n))
		mask |= HC_META;
	struct rentry x, y;
	bool hx, hy;
	struct join j;
	if (!(o->has_lib && n->has_lib && git_oid_equal(&o->lib.id, &n->lib.id))) {
		join_init(&j, o->has_lib ? &o->lib : NULL, n->has_lib ? &n->lib : NULL);
		while (join_next(&j, &x, &y, &hx, &hy)) {
			if (hx && hy && rentry_same(&x, &y))
				continue;
			unsigned bit = doc_bit(hx ? &x : &y);
			mask |= bit ? bit : HC_OTHER;
		}
	}
	/* the root's other files are the rest of the repository */
	if (root || (mask & HC_OTHER))
		return mask;
	join_init(&j, o->tree, n->tree);
	while (join_next(&j, &x, &y, &hx, &hy)) {
		if (hx && hy && rentry_same(&x, &y))
			continue;
		const struct rentry *e = hx ? &x : &y;
		bool meta = e->blob && rentry_is(e, "metadata.json") && (o->has_meta || n->has_meta);
		bool lib = e->tree && rentry_is(e, "lib");
		if (!meta && !lib)
			return mask | HC_OTHER;
	}
	return mask;
}

static bool excluded(const struct rentry *e)
{
	return e->name[0] == '.' || rentry_is(e, "templates");
}

static int diff_folder(struct ctx *c, const struct rtree *old_tree, const struct rtree *new_tree,
		       int depth)
{
	const char *base = strrchr(c->path.ptr, '/');
	base = base ? base + 1 : c->path.ptr;
	bool root = c->path.len == 0, is_lib = strcmp(base, "lib") == 0;
	struct side o, n;
	side_load(c, &o, old_tree, is_lib);
	side_load(c, &n, new_tree, is_lib);
	int rc = 0;
	if (o.task || n.task) {
		unsigned mask = folder_mask(&o, &n, root);
		if (mask) {
			struct hdiff_change ch = {
				.path = c->path.ptr,
				.path_len = c->path.len,
				.mask = mask,
				.old_tree = old_tree ? &old_tree->id : NULL,
				.new_tree = new_tree ? &new_tree->id : NULL,
			};
			rc = c->fn(&ch, c->payload);
		}
	}
	rtree_free(&o.lib);
	rtree_free(&n.lib);
	if (rc)
		return rc;

	struct join j;
	struct rentry x, y;
	bool hx, hy;
	join_init(&j, old_tree, new_tree);
	while (join_next(&j, &x, &y, &hx, &hy)) {
		if (hx && hy && rentry_same(&x, &y))
			continue;
		hx = hx && x.tree;
		hy = hy && y.tree;
		if (!hx && !hy)
			continue;
		const struct rentry *e = hx ? &x : &y;
		if (excluded(e))
			continue;
		git_oid id;
		entry_oid(e, &id);
		if (depth >= HDIFF_MAX_DEPTH) {
			note_missing(c, e->name, e->len, &id, "is nested too deeply to examine");
			continue;
		}
		struct rtree sub_old, sub_new;
		git_oid xid, yid;
		if (hx)
			entry_oid(&x, &xid);
		if (hy)
			entry_oid(&y, &yid);
		if ((hx && rtree_load(c, &xid, &sub_old, x.name, x.len) < 0) ||
		    (hy && rtree_load(c, &yid, &sub_new, y.name, y.len) < 0)) {
			if (hx)
				rtree_free(&sub_old);
			continue;
		}
		size_t len = c->path.len;
		if (len)
			buf_putc(&c->path, '/');
		buf_put(&c->path, e->name, e->len);
		rc = diff_folder(c, hx ? &sub_old : NULL, hy ? &sub_new : NULL, depth + 1);
		buf_truncate(&c->path, len);
		if (hx)
			rtree_free(&sub_old);
		if (hy)
			rtree_free(&sub_new);
		if (rc)
			return rc;
	}
	return 0;
}

int hdiff_trees(git_odb *odb, const git_oid *old_tree, const git_oid *new_tree,
		hdiff_fn fn, void *payload, struct hdiff_stats *stats)
{
	if (old_tree && new_tree && git_oid_equal(old_tree, new_tree))
		return 0;
	struct ctx c = { odb, fn, payload, stats, BUF_INIT };
	buf_puts(&c.path, "");
	struct rtree o, n;
	int rc = 0;
	bool ho = old_tree && rtree_load(&c, old_tree, &o, "", 0) == 0;
	bool hn = new_tree && rtree_load(&c, new_tree, &n, "", 0) == 0;
	if ((!old_tree || ho) && (!new_tree || hn))
		rc = diff_folder(&c, ho ? &o : NULL, hn ? &n : NULL, 0);
	if (ho)
		rtree_free(&o);
	if (hn)
		rtree_free(&n);
	buf_free(&c.path);
	return rc;
}

/* The documents of a folder (parsed trees: a handful per query). */

static bool is_tree(const git_tree_entry *e)
{
	return git_tree_entry_type(e) == GIT_OBJECT_TREE;
}

static bool is_blob(const git_tree_entry *e)
{
	return git_tree_entry_type(e) == GIT_OBJECT_BLOB;
}

static void hdocs_add(struct hdocs *d, const char *name, const git_oid *blob, unsigned bit)
{
	VEC_GROW(d->v, d->n + 1, d->cap);
	d->v[d->n].name = xstrdup(name);
	git_oid_cpy(&d->v[d->n].blob, blob);
	d->v[d->n].bit = bit;
	d->n++;
}

int hdocs_read(git_repository *git, const git_oid *tree_id, bool is_lib, struct hdocs *out)
{
	memset(out, 0, sizeof(*out));
	if (!tree_id)
		return 0;
	git_tree *tree = NULL;
	if (git_tree_lookup(&tree, git, tree_id) < 0) {
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof(hex), tree_id);
		return err_setc(ERR_MISSING, "tree %s is missing from the object store", hex);
	}
	const git_tree_entry *meta = git_tree_entry_byname(tree, "metadata.json");
	if (meta && is_blob(meta) && !is_lib) {
		hdocs_add(out, "metadata.json", git_tree_entry_id(meta), HC_META);
		out->task = true;
	}
	const git_tree_entry *lib = git_tree_entry_byname(tree, "lib");
	git_tree *libtree = NULL;
	if (lib && is_tree(lib) && git_tree_lookup(&libtree, git, git_tree_entry_id(lib)) == 0) {
		size_t n = git_tree_entrycount(libtree);
		for (size_t i = 0; i < n; i++) {
			const git_tree_entry *e = git_tree_entry_byindex(libtree, i);
			const char *name = git_tree_entry_name(e);
			unsigned bit = is_blob(e) ? hchange_doc_bit(name) : 0;
			if (!bit)
				continue;
			hdocs_add(out, name, git_tree_entry_id(e), bit);
			if (bit != HC_TURNS)
				out->task = true;
		}
		git_tree_free(libtree);
	}
	git_tree_free(tree);
	return 0;
}

const struct hdoc *hdocs_find(const struct hdocs *d, const char *name)
{
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->v[i].name, name) == 0)
			return &d->v[i];
	return NULL;
}

const struct hdoc *hdocs_find_blob(const struct hdocs *d, const git_oid *blob)
{
	for (size_t i = 0; i < d->n; i++)
		if (git_oid_equal(&d->v[i].blob, blob))
			return &d->v[i];
	return NULL;
}

bool hdocs_equal(const struct hdocs *a, const struct hdocs *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++) {
		const struct hdoc *o = hdocs_find(b, a->v[i].name);
		if (!o || !git_oid_equal(&o->blob, &a->v[i].blob))
			return false;
	}
	return true;
}

void hdocs_free(struct hdocs *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].name);
	free(d->v);
	memset(d, 0, sizeof(*d));
}
