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

static bool is_tree(const git_tree_entry *e)
{
	return git_tree_entry_type(e) == GIT_OBJECT_TREE;
}

static bool is_blob(const git_tree_entry *e)
{
	return git_tree_entry_type(e) == GIT_OBJECT_BLOB;
}

/* git's tree order: names compared bytewise, a tree as if followed by '/'. */
static int entry_cmp(const git_tree_entry *a, const git_tree_entry *b)
{
	const char *an = git_tree_entry_name(a), *bn = git_tree_entry_name(b);
	size_t al = strlen(an), bl = strlen(bn), n = al < bl ? al : bl;
	int c = memcmp(an, bn, n);
	if (c)
		return c;
	int ac = al > n ? (unsigned char)an[n] : is_tree(a) ? '/' : 0;
	int bc = bl > n ? (unsigned char)bn[n] : is_tree(b) ? '/' : 0;
	return ac - bc;
}

static bool entry_same(const git_tree_entry *a, const git_tree_entry *b)
{
	return a && b && git_tree_entry_filemode(a) == git_tree_entry_filemode(b) &&
	       git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b));
}

/* A merge-join of the entries of two trees (either may be NULL), in order:
 * each step yields a pair of same-named entries, or one of them alone. */
struct join {
	const git_tree *a, *b;
	size_t ia, ib, na, nb;
};

static void join_init(struct join *j, const git_tree *a, const git_tree *b)
{
	j->a = a;
	j->b = b;
	j->ia = j->ib = 0;
	j->na = a ? git_tree_entrycount(a) : 0;
	j->nb = b ? git_tree_entrycount(b) : 0;
}

static bool join_next(struct join *j, const git_tree_entry **ea, const git_tree_entry **eb)
{
	const git_tree_entry *x = j->ia < j->na ? git_tree_entry_byindex(j->a, j->ia) : NULL;
	const git_tree_entry *y = j->ib < j->nb ? git_tree_entry_byindex(j->b, j->ib) : NULL;
	if (!x && !y)
		return false;
	int c = !x ? 1 : !y ? -1 : entry_cmp(x, y);
	*ea = c <= 0 ? x : NULL;
	*eb = c >= 0 ? y : NULL;
	if (c <= 0)
		j->ia++;
	if (c >= 0)
		j->ib++;
	return true;
}

struct ctx {
	git_repository *git;
	hdiff_fn fn;
	void *payload;
	struct hdiff_stats *stats;
	struct buf path;
};

static void note_missing(struct ctx *c, const char *name, const git_oid *id, const char *why)
{
	if (!c->stats)
		return;
	c->stats->missing_trees++;
	if (c->stats->first_missing)
		return;
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), id);
	c->stats->first_missing = c->path.len
		? xasprintf("%s/%s/: tree %s %s", c->path.ptr, name, hex, why)
		: xasprintf("%s/: tree %s %s", name, hex, why);
}

static int lookup_tree(struct ctx *c, const git_tree_entry *e, git_tree **out)
{
	*out = NULL;
	if (git_tree_lookup(out, c->git, git_tree_entry_id(e)) < 0) {
		note_missing(c, git_tree_entry_name(e), git_tree_entry_id(e),
			     "is missing from the object store");
		return -1;
	}
	if (c->stats)
		c->stats->trees_read++;
	return 0;
}

/* One side of a folder: its metadata.json, its lib/ and whether it is a task. */
struct side {
	const git_tree *tree;
	const git_tree_entry *meta;
	git_tree *lib;
	bool task;
};

static bool has_canonical(const git_tree *lib)
{
	for (int k = 0; k < DOC_KINDS; k++) {
		const git_tree_entry *e = git_tree_entry_byname(lib, canonical[k]);
		if (e && is_blob(e))
			return true;
	}
	return false;
}

static void side_load(struct ctx *c, struct side *s, const git_tree *tree, bool is_lib)
{
	memset(s, 0, sizeof(*s));
	s->tree = tree;
	if (!tree)
		return;
	const git_tree_entry *meta = git_tree_entry_byname(tree, "metadata.json");
	if (meta && is_blob(meta) && !is_lib)
		s->meta = meta;
	const git_tree_entry *lib = git_tree_entry_byname(tree, "lib");
	if (lib && is_tree(lib))
		lookup_tree(c, lib, &s->lib);
	s->task = s->meta || (s->lib && has_canonical(s->lib));
}

static bool same_meta(const struct side *o, const struct side *n)
{
	if (!o->meta || !n->meta)
		return !o->meta && !n->meta;
	return git_oid_equal(git_tree_entry_id(o->meta), git_tree_entry_id(n->meta));
}

static unsigned folder_mask(const struct side *o, const struct side *n, bool root)
{
	unsigned mask = 0;
	if (o->task != n->task)
		mask |= o->task ? HC_DELETED : HC_ADDED;
	if (!same_meta(o, n))
		mask |= HC_META;
	const git_tree_entry *x, *y;
	struct join j;
	if (!(o->lib && n->lib && git_oid_equal(git_tree_id(o->lib), git_tree_id(n->lib)))) {
		join_init(&j, o->lib, n->lib);
		while (join_next(&j, &x, &y)) {
			if (entry_same(x, y))
				continue;
			const git_tree_entry *e = x ? x : y;
			unsigned bit = is_blob(e) ? hchange_doc_bit(git_tree_entry_name(e)) : 0;
			mask |= bit ? bit : HC_OTHER;
		}
	}
	if (root || (mask & HC_OTHER))
		return mask;
	join_init(&j, o->tree, n->tree);
	while (join_next(&j, &x, &y)) {
		if (entry_same(x, y))
			continue;
		const git_tree_entry *e = x ? x : y;
		const char *name = git_tree_entry_name(e);
		bool meta = is_blob(e) && strcmp(name, "metadata.json") == 0 && (o->meta || n->meta);
		bool lib = is_tree(e) && strcmp(name, "lib") == 0;
		if (!meta && !lib) {
			mask |= HC_OTHER;
			break;
		}
	}
	return mask;
}

static bool excluded(const char *name)
{
	return name[0] == '.' || strcmp(name, "templates") == 0;
}

static int diff_folder(struct ctx *c, const git_tree *old_tree, const git_tree *new_tree, int depth)
{
	const char *base = strrchr(c->path.ptr ? c->path.ptr : "", '/');
	base = base ? base + 1 : c->path.ptr ? c->path.ptr : "";
	bool root = c->path.len == 0, is_lib = strcmp(base, "lib") == 0;
	struct side o, n;
	side_load(c, &o, old_tree, is_lib);
	side_load(c, &n, new_tree, is_lib);
	int rc = 0;
	if (o.task || n.task) {
		unsigned mask = folder_mask(&o, &n, root);
		if (mask) {
			struct hdiff_change ch = {
				.path = c->path.ptr ? c->path.ptr : "",
				.path_len = c->path.len,
				.mask = mask,
				.old_tree = old_tree ? git_tree_id(old_tree) : NULL,
				.new_tree = new_tree ? git_tree_id(new_tree) : NULL,
			};
			rc = c->fn(&ch, c->payload);
		}
	}
	git_tree_free(o.lib);
	git_tree_free(n.lib);
	if (rc)
		return rc;

	struct join j;
	const git_tree_entry *x, *y;
	join_init(&j, old_tree, new_tree);
	while (join_next(&j, &x, &y)) {
		if (entry_same(x, y))
			continue;
		if (x && !is_tree(x))
			x = NULL;
		if (y && !is_tree(y))
			y = NULL;
		if ((!x && !y) || excluded(git_tree_entry_name(x ? x : y)))
			continue;
		const git_tree_entry *e = x ? x : y;
		if (depth >= HDIFF_MAX_DEPTH) {
			note_missing(c, git_tree_entry_name(e), git_tree_entry_id(e),
				     "is nested too deeply to examine");
			continue;
		}
		git_tree *sub_old = NULL, *sub_new = NULL;
		if ((x && lookup_tree(c, x, &sub_old) < 0) || (y && lookup_tree(c, y, &sub_new) < 0)) {
			git_tree_free(sub_old);
			continue;
		}
		size_t len = c->path.len;
		if (len)
			buf_putc(&c->path, '/');
		buf_puts(&c->path, git_tree_entry_name(e));
		rc = diff_folder(c, sub_old, sub_new, depth + 1);
		buf_truncate(&c->path, len);
		git_tree_free(sub_old);
		git_tree_free(sub_new);
		if (rc)
			return rc;
	}
	return 0;
}

int hdiff_trees(git_repository *git, const git_tree *old_tree, const git_tree *new_tree,
		hdiff_fn fn, void *payload, struct hdiff_stats *stats)
{
	if (old_tree && new_tree && git_oid_equal(git_tree_id(old_tree), git_tree_id(new_tree)))
		return 0;
	struct ctx c = { git, fn, payload, stats, BUF_INIT };
	buf_puts(&c.path, "");
	int rc = diff_folder(&c, old_tree, new_tree, 0);
	buf_free(&c.path);
	return rc;
}

/* The documents of a folder. */

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
