#include "notes.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "err.h"
#include "mem.h"
#include "refcreate.h"

/* ---- canonical lines ---- */

struct line {
	const char *p;
	size_t n;
};

/* strcmp order for lines without NULs (git sorts with strcmp). */
static int line_cmp(const void *a, const void *b)
{
	const struct line *x = a, *y = b;
	size_t n = x->n < y->n ? x->n : y->n;
	int c = memcmp(x->p, y->p, n);
	if (c)
		return c;
	return x->n < y->n ? -1 : x->n > y->n;
}

void notes_canonical(struct buf *out, const char *const *texts, const size_t *lens, size_t n)
{
	struct line *v = NULL;
	size_t nv = 0, cap = 0;
	for (size_t i = 0; i < n; i++) {
		const char *p = texts[i], *end = texts[i] + lens[i];
		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
			if (len) {
				VEC_GROW(v, nv + 1, cap);
				v[nv++] = (struct line){ p, len };
			}
			p += len + (nl ? 1 : 0);
		}
	}
	qsort(v, nv, sizeof(*v), line_cmp);
	buf_truncate(out, 0);
	for (size_t i = 0; i < nv; i++) {
		if (i && line_cmp(&v[i - 1], &v[i]) == 0)
			continue;
		buf_put(out, v[i].p, v[i].n);
		buf_putc(out, '\n');
	}
	free(v);
}

bool notes_is_canonical(const char *text, size_t len)
{
	struct line prev = { NULL, 0 };
	const char *p = text, *end = text + len;
	if (len && text[len - 1] != '\n')
		return false;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		struct line cur = { p, (size_t)(nl - p) };
		if (!cur.n || (prev.p && line_cmp(&prev, &cur) >= 0))
			return false;
		prev = cur;
		p = nl + 1;
	}
	return true;
}

void notes_path(char out[GIT_OID_HEXSZ + 2], const git_oid *object)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), object);
	out[0] = hex[0];
	out[1] = hex[1];
	out[2] = '/';
	memcpy(out + 3, hex + 2, GIT_OID_HEXSZ - 2);
	out[GIT_OID_HEXSZ + 1] = '\0';
}

/* ---- reading any layout ---- */

static bool all_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
			return false;
	}
	return true;
}

/* git's rule (notes.c, load_subtree): a blob whose hex path adds up to 40
 * digits is a note; a tree named by 2 hex digits is a fanout level; the
 * rest are other entries, kept as they are. */
static int walk_tree(git_repository *repo, const git_tree *tree, char *prefix, size_t plen,
		     const char *dir, struct notes_list *out)
{
	size_t n = git_tree_entrycount(tree);
	for (size_t i = 0; i < n; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		const char *name = git_tree_entry_name(e);
		size_t nlen = strlen(name);
		git_object_t type = git_tree_entry_type(e);
		if (type == GIT_OBJECT_BLOB && plen + nlen == GIT_OID_HEXSZ && all_hex(name, nlen)) {
			memcpy(prefix + plen, name, nlen);
			VEC_GROW(out->v, out->n + 1, out->cap);
			struct notes_entry *ne = &out->v[out->n++];
			git_oid_fromstrn(&ne->object, prefix, GIT_OID_HEXSZ);
			git_oid_cpy(&ne->blob, git_tree_entry_id(e));
			ne->path = dir[0] ? xasprintf("%s/%s", dir, name) : xstrdup(name);
			/* upper-case hex is a note for git too, but not at its path */
			char want[GIT_OID_HEXSZ + 2];
			notes_path(want, &ne->object);
			ne->canonical = strcmp(want, ne->path) == 0;
		} else if (type == GIT_OBJECT_TREE && nlen == 2 && plen + 2 < GIT_OID_HEXSZ &&
			   all_hex(name, 2)) {
			git_tree *sub = NULL;
			if (git_tree_lookup(&sub, repo, git_tree_entry_id(e)) < 0) {
				char hex[GIT_OID_HEXSZ + 1];
				git_oid_tostr(hex, sizeof(hex), git_tree_entry_id(e));
				return err_git(ERR_MISSING, "notes tree %s%s%s: tree %s cannot be read",
					       dir, dir[0] ? "/" : "", name, hex);
			}
			memcpy(prefix + plen, name, 2);
			char *subdir = dir[0] ? xasprintf("%s/%s", dir, name) : xstrdup(name);
			int rc = walk_tree(repo, sub, prefix, plen + 2, subdir, out);
			free(subdir);
			git_tree_free(sub);
			if (rc < 0)
				return rc;
		} else {
			out->non_notes++;
		}
	}
	return 0;
}

static int entry_cmp(const void *a, const void *b)
{
	const struct notes_entry *x = a, *y = b;
	int c = git_oid_cmp(&x->object, &y->object);
	return c ? c : strcmp(x->path, y->path);
}

int notes_list_tree(git_repository *repo, const git_tree *tree, struct notes_list *out)
{
	char prefix[GIT_OID_HEXSZ + 1];
	memset(out, 0, sizeof(*out));
	int rc = walk_tree(repo, tree, prefix, 0, "", out);
	if (rc < 0) {
		notes_list_free(out);
		return rc;
	}
	qsort(out->v, out->n, sizeof(*out->v), entry_cmp);
	out->canonical_layout = true;
	for (size_t i = 0; i < out->n; i++)
		if (!out->v[i].canonical ||
		    (i && git_oid_equal(&out->v[i - 1].object, &out->v[i].object)))
			out->canonical_layout = false;
	return 0;
}

static int commit_tree(git_repository *repo, const git_oid *commit, git_tree **tree)
{
	git_commit *c = NULL;
	char hex[GIT_OID_HEXSZ + 1];
	if (git_commit_lookup(&c, repo, commit) < 0) {
		git_oid_tostr(hex, sizeof(hex), commit);
		return err_git(ERR_MISSING, "notes commit %s cannot be read", hex);
	}
	int rc = git_commit_tree(tree, c);
	git_commit_free(c);
	if (rc < 0) {
		git_oid_tostr(hex, sizeof(hex), commit);
		return err_git(ERR_MISSING, "the tree of notes commit %s cannot be read", hex);
	}
	return 0;
}

int notes_list_commit(git_repository *repo, const git_oid *commit, struct notes_list *out)
{
	git_tree *tree = NULL;
	memset(out, 0, sizeof(*out));
	int rc = commit_tree(repo, commit, &tree);
	if (rc < 0)
		return rc;
	rc = notes_list_tree(repo, tree, out);
	git_tree_free(tree);
	return rc;
}

void notes_list_free(struct notes_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].path);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

int notes_tip(git_repository *repo, const char *ref, git_oid *tip)
{
	int rc = git_reference_name_to_id(tip, repo, ref);
	if (rc == GIT_ENOTFOUND)
		return 0;
	if (rc < 0)
		return err_git(ERR_FAIL, "cannot read %s", ref);
	return 1;
}

/* ---- writing ---- */

static int read_blob(git_repository *repo, const git_oid *id, struct buf *out)
{
	git_blob *b = NULL;
	if (git_blob_lookup(&b, repo, id) < 0) {
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof(hex), id);
		return err_git(ERR_MISSING, "note blob %s cannot be read", hex);
	}
	buf_put(out, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b));
	git_blob_free(b);
	return 0;
}

static int write_blob(git_repository *repo, const struct buf *b, git_oid *id)
{
	if (git_blob_create_from_buffer(id, repo, b->ptr ? b->ptr : "", b->len) < 0)
		return err_git(ERR_FAIL, "cannot write a note into %s", git_repository_path(repo));
	return 0;
}

/* Canonical union of the notes `blobs` plus `extra` lines. */
static int union_note(git_repository *repo, const git_oid *blobs, size_t nblobs,
		      const char *const *extra, size_t nextra, git_oid *out, bool *changed)
{
	struct buf all = BUF_INIT, result = BUF_INIT;
	int rc = 0;
	for (size_t i = 0; i < nblobs && rc == 0; i++) {
		rc = read_blob(repo, &blobs[i], &all);
		buf_putc(&all, '\n');
	}
	for (size_t i = 0; i < nextra && rc == 0; i++) {
		buf_puts(&all, extra[i]);
		buf_putc(&all, '\n');
	}
	if (rc == 0) {
		const char *texts[1] = { all.ptr ? all.ptr : "" };
		size_t lens[1] = { all.len };
		notes_canonical(&result, texts, lens, 1);
		rc = write_blob(repo, &result, out);
		if (changed)
			*changed = nblobs != 1 || !git_oid_equal(out, &blobs[0]);
	}
	buf_free(&all);
	buf_free(&result);
	return rc;
}

/* Whether the part of the tree a write touches is already 2/38: no note
 * flat in the root, and no deeper fanout in the object's bucket. */
static int quick_layout_ok(git_repository *repo, const git_tree *root, const git_oid *object,
			   bool *ok)
{
	*ok = true;
	size_t n = git_tree_entrycount(root);
	for (size_t i = 0; i < n; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(root, i);
		const char *name = git_tree_entry_name(e);
		size_t len = strlen(name);
		bool tree = git_tree_entry_type(e) == GIT_OBJECT_TREE;
		bool flat_note = !tree && len == GIT_OID_HEXSZ && all_hex(name, len);
		bool upper_bucket = tree && len == 2 && all_hex(name, 2) &&
				    (name[0] >= 'A' && name[0] <= 'F' ? true : name[1] >= 'A' && name[1] <= 'F');
		if (flat_note || upper_bucket) {
			*ok = false;
			return 0;
		}
	}
	char path[GIT_OID_HEXSZ + 2];
	notes_path(path, object);
	path[2] = '\0';
	const git_tree_entry *bucket = git_tree_entry_byname(root, path);
	if (!bucket)
		return 0;
	if (git_tree_entry_type(bucket) != GIT_OBJECT_TREE) {
		*ok = false;
		return 0;
	}
	git_tree *sub = NULL;
	if (git_tree_lookup(&sub, repo, git_tree_entry_id(bucket)) < 0)
		return err_git(ERR_MISSING, "notes tree %s/ cannot be read", path);
	n = git_tree_entrycount(sub);
	for (size_t i = 0; i < n && *ok; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(sub, i);
		if (git_tree_entry_type(e) == GIT_OBJECT_TREE)
			*ok = false; /* a deeper fanout level */
	}
	git_tree_free(sub);
	return 0;
}

struct updates {
	git_tree_update *v;
	char **paths;
	size_t n, cap, pcap;
};

static void upd_add(struct updates *u, git_tree_update_t action, const git_oid *id, char *path)
{
	VEC_GROW(u->v, u->n + 1, u->cap);
	VEC_GROW(u->paths, u->n + 1, u->pcap);
	u->paths[u->n] = path;
	git_tree_update *x = &u->v[u->n++];
	memset(x, 0, sizeof(*x));
	x->action = action;
	if (id)
		git_oid_cpy(&x->id, id);
	x->filemode = GIT_FILEMODE_BLOB;
	x->path = path;
}

static void upd_free(struct updates *u)
{
	for (size_t i = 0; i < u->n; i++)
		free(u->paths[i]);
	free(u->paths);
	free(u->v);
}

/* The new tree for "add lines to object's note" on top of `base` (NULL:
 * empty).  Rewrites the whole tree into 2/38 when its layout is not. */
static int build_tree(git_repository *repo, const git_tree *base, const git_oid *object,
		      const char *const *lines, size_t nlines, git_oid *tree_out, bool *changed)
{
	struct updates u;
	memset(&u, 0, sizeof(u));
	char path[GIT_OID_HEXSZ + 2];
	notes_path(path, object);
	bool ok = true;
	int rc = 0;
	git_oid blob;
	if (base && (rc = quick_layout_ok(repo, base, object, &ok)) < 0)
		return rc;
	if (ok) {
		git_tree_entry *e = NULL;
		int found = base ? git_tree_entry_bypath(&e, base, path) : GIT_ENOTFOUND;
		if (found < 0 && found != GIT_ENOTFOUND)
			return err_git(ERR_DATA, "notes tree: %s", path);
		git_oid old;
		memset(&old, 0, sizeof(old));
		if (found == 0) {
			git_oid_cpy(&old, git_tree_entry_id(e));
			git_tree_entry_free(e);
		}
		rc = union_note(repo, &old, found == 0 ? 1 : 0, lines, nlines, &blob, changed);
		if (rc < 0)
			return rc;
		upd_add(&u, GIT_TREE_UPDATE_UPSERT, &blob, xstrdup(path));
	} else {
		/* one commit rewrites every note that is not at its 2/38 path,
		 * joining the notes of an object found at several paths */
		struct notes_list l;
		if ((rc = notes_list_tree(repo, base, &l)) < 0)
			return rc;
		*changed = true;
		bool object_done = false;
		for (size_t i = 0; i < l.n && rc == 0;) {
			size_t j = i;
			bool misplaced = false;
			while (j < l.n && git_oid_equal(&l.v[j].object, &l.v[i].object)) {
				misplaced |= !l.v[j].canonical;
				j++;
			}
			bool ours = git_oid_equal(&l.v[i].object, object);
			if (misplaced || j - i > 1 || ours) {
				git_oid *blobs = xcalloc(j - i, sizeof(*blobs));
				for (size_t k = i; k < j; k++) {
					blobs[k - i] = l.v[k].blob;
					if (!l.v[k].canonical)
						upd_add(&u, GIT_TREE_UPDATE_REMOVE, NULL, xstrdup(l.v[k].path));
				}
				char p[GIT_OID_HEXSZ + 2];
				notes_path(p, &l.v[i].object);
				rc = union_note(repo, blobs, j - i, ours ? lines : NULL, ours ? nlines : 0,
						&blob, NULL);
				free(blobs);
				if (rc == 0)
					upd_add(&u, GIT_TREE_UPDATE_UPSERT, &blob, xstrdup(p));
				object_done |= ours;
			}
			i = j;
		}
		if (rc == 0 && !object_done) {
			rc = union_note(repo, NULL, 0, lines, nlines, &blob, NULL);
			if (rc == 0)
				upd_add(&u, GIT_TREE_UPDATE_UPSERT, &blob, xstrdup(path));
		}
		notes_list_free(&l);
	}
	if (rc == 0) {
		git_tree *empty = NULL;
		const git_tree *b = base;
		if (!b) {
			git_oid empty_id;
			git_treebuilder *tb = NULL;
			if (git_treebuilder_new(&tb, repo, NULL) < 0 ||
			    git_treebuilder_write(&empty_id, tb) < 0 ||
			    git_tree_lookup(&empty, repo, &empty_id) < 0)
				rc = err_git(ERR_FAIL, "cannot write a tree into %s", git_repository_path(repo));
			git_treebuilder_free(tb);
			b = empty;
		}
		if (rc == 0 && git_tree_create_updated(tree_out, repo, (git_tree *)b, u.n, u.v) < 0)
			rc = err_git(ERR_FAIL, "cannot write the notes tree into %s",
				     git_repository_path(repo));
		git_tree_free(empty);
	}
	upd_free(&u);
	return rc;
}

static uint64_t rnd_state;

static uint64_t rnd_next(void)
{
	if (!rnd_state) {
		if (getrandom(&rnd_state, sizeof(rnd_state), 0) != sizeof(rnd_state))
			rnd_state = (uint64_t)time(NULL) ^ (uint64_t)(uintptr_t)&rnd_state;
		rnd_state |= 1;
	}
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

/* 0.2 to 2 ms at first, long enough for the winner to finish its ref
 * update; the range doubles with each race lost in a row (up to 32 ms),
 * so that many writers at once stop redoing work only to lose again. */
static void back_off(int lost)
{
	long span = 1800000L << (lost < 4 ? lost : 4);
	long ns = 200000 + (long)(rnd_next() % (uint64_t)span);
	struct timespec ts = { ns / 1000000000L, ns % 1000000000L };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A held lock: 1 (retry) until the deadline, then an error naming it. */
static int lock_held(git_repository *repo, const struct notes_write_opts *o, const char *why,
		     int64_t *locked_since)
{
	int64_t t = now_ms();
	if (!*locked_since)
		*locked_since = t;
	int limit = o->lock_timeout_ms > 0 ? o->lock_timeout_ms : 5000;
	if (t - *locked_since < limit)
		return 1;
	return err_setc(ERR_FAIL,
			"%s is locked (%s%s.lock has existed for %.1f s: %s); if no iacrev or "
			"git process is running, remove that file and try again",
			o->ref, git_repository_commondir(repo), o->ref,
			(double)(t - *locked_since) / 1000.0, why);
}

/* Compare-and-swap: 0 done, 1 lost a race (retry), < 0 error.  Without a
 * tip the ref is created by ref_create_exclusive: libgit2's own create
 * without force lets two creators both succeed (core/refcreate.h). */
static int cas_ref(git_repository *repo, const struct notes_write_opts *o, bool had_tip,
		   const git_oid *tip, const git_oid *new_id, int64_t *locked_since)
{
	if (!had_tip) {
		int rc = ref_create_exclusive(repo, o->ref, new_id);
		if (rc == REF_LOCKED)
			return lock_held(repo, o, "lock held", locked_since);
		*locked_since = 0;
		return rc < 0 ? rc : rc == REF_EXISTS;
	}
	git_reference *ref = NULL;
	int rc = git_reference_create_matching(&ref, repo, o->ref, new_id, 1, tip, o->message);
	git_reference_free(ref);
	if (rc == 0)
		return 0;
	if (rc == GIT_ELOCKED) {
		const git_error *e = git_error_last();
		return lock_held(repo, o, e && e->message ? e->message : "lock held", locked_since);
	}
	*locked_since = 0;
	if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS || rc == GIT_ENOTFOUND)
		return 1;
	return err_git(ERR_FAIL, "cannot update %s", o->ref);
}

static int make_commit(git_repository *repo, const struct notes_write_opts *o,
		       const git_oid *tree_id, const git_oid *parents, size_t nparents, git_oid *out)
{
	git_tree *tree = NULL;
	git_commit *pc[2] = { NULL, NULL };
	int rc = 0;
	if (git_tree_lookup(&tree, repo, tree_id) < 0)
		return err_git(ERR_FAIL, "notes tree just written cannot be read");
	for (size_t i = 0; i < nparents && rc == 0; i++)
		if (git_commit_lookup(&pc[i], repo, &parents[i]) < 0)
			rc = err_git(ERR_MISSING, "notes commit cannot be read");
	if (rc == 0 && git_commit_create(out, repo, NULL, o->sig, o->sig, NULL, o->message, tree,
					 nparents, (const git_commit **)pc) < 0)
		rc = err_git(ERR_FAIL, "cannot write a notes commit into %s", git_repository_path(repo));
	for (size_t i = 0; i < 2; i++)
		git_commit_free(pc[i]);
	git_tree_free(tree);
	return rc;
}

/* Give up after this many lost races in a row (never reached in the
 * 8 × 200 test: a few hundred per process at most). */
#define MAX_ATTEMPTS 100000

int notes_add_lines(git_repository *repo, const struct notes_write_opts *o,
		    const git_oid *object, const char *const *lines, size_t nlines,
		    git_oid *commit_out)
{
	int64_t locked_since = 0;
	size_t nonempty = 0;
	for (size_t i = 0; i < nlines; i++) {
		if (strchr(lines[i], '\n'))
			return err_setc(ERR_USAGE, "a note line cannot hold a newline");
		nonempty += lines[i][0] != '\0';
	}
	if (!nonempty)
		return err_setc(ERR_USAGE, "nothing to add to the note");
	for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
		git_oid tip, tree_id, commit;
		git_tree *base = NULL;
		int has = notes_tip(repo, o->ref, &tip);
		if (has < 0)
			return has;
		if (has && commit_tree(repo, &tip, &base) < 0)
			return ERR_MISSING;
		bool changed = true;
		int rc = build_tree(repo, base, object, lines, nlines, &tree_id, &changed);
		git_tree_free(base);
		if (rc < 0)
			return rc;
		if (!changed) {
			/* every line is already there */
			if (commit_out)
				git_oid_cpy(commit_out, &tip);
			return 0;
		}
		rc = make_commit(repo, o, &tree_id, has ? &tip : NULL, has ? 1 : 0, &commit);
		if (rc < 0)
			return rc;
		rc = cas_ref(repo, o, has, &tip, &commit, &locked_since);
		if (rc < 0)
			return rc;
		if (rc == 0) {
			if (commit_out)
				git_oid_cpy(commit_out, &commit);
			return 0;
		}
		if (o->retries)
			(*o->retries)++;
		back_off(attempt);
	}
	return err_setc(ERR_RETRY, "%s: gave up after %d lost races", o->ref, MAX_ATTEMPTS);
}

/* ---- merging ---- */

/* A 2/38 tree of the given notes (objects sorted), one treebuilder per
 * first byte.  Entries of a notes tree that are not notes (git keeps them,
 * neither git nor iacrev creates them) are not carried into a merge. */
static int write_fanout_tree(git_repository *repo, const git_oid *objects, const git_oid *blobs,
			     size_t n, git_oid *out)
{
	git_treebuilder *root = NULL, *bucket = NULL;
	int rc = 0, current = -1;
	char hex[GIT_OID_HEXSZ + 1];
	if (git_treebuilder_new(&root, repo, NULL) < 0)
		return err_git(ERR_FAIL, "cannot build the notes tree");
	for (size_t i = 0; i <= n && rc == 0; i++) {
		int first = i < n ? objects[i].id[0] : -2;
		if (first != current && bucket) {
			git_oid sub;
			char name[3];
			snprintf(name, sizeof(name), "%02x", (unsigned)current);
			if (git_treebuilder_write(&sub, bucket) < 0 ||
			    git_treebuilder_insert(NULL, root, name, &sub, GIT_FILEMODE_TREE) < 0)
				rc = err_git(ERR_FAIL, "cannot write the notes tree");
			git_treebuilder_free(bucket);
			bucket = NULL;
		}
		if (i == n || rc < 0)
			break;
		if (!bucket && git_treebuilder_new(&bucket, repo, NULL) < 0) {
			rc = err_git(ERR_FAIL, "cannot build the notes tree");
			break;
		}
		current = first;
		git_oid_tostr(hex, sizeof(hex), &objects[i]);
		if (git_treebuilder_insert(NULL, bucket, hex + 2, &blobs[i], GIT_FILEMODE_BLOB) < 0)
			rc = err_git(ERR_FAIL, "cannot build the notes tree");
	}
	git_treebuilder_free(bucket);
	if (rc == 0 && git_treebuilder_write(out, root) < 0)
		rc = err_git(ERR_FAIL, "cannot write the notes tree");
	git_treebuilder_free(root);
	return rc;
}

int notes_union_tree(git_repository *repo, const git_oid *ours, const git_oid *theirs,
		     git_oid *tree_out)
{
	struct notes_list a, b;
	int rc = notes_list_commit(repo, ours, &a);
	if (rc < 0)
		return rc;
	if ((rc = notes_list_commit(repo, theirs, &b)) < 0) {
		notes_list_free(&a);
		return rc;
	}
	git_oid *objects = xcalloc(a.n + b.n + 1, sizeof(git_oid));
	git_oid *blobs = xcalloc(a.n + b.n + 1, sizeof(git_oid));
	git_oid *group = xcalloc(a.n + b.n + 1, sizeof(git_oid));
	size_t n = 0, i = 0, j = 0;
	while (rc == 0 && (i < a.n || j < b.n)) {
		const git_oid *obj;
		if (j >= b.n || (i < a.n && git_oid_cmp(&a.v[i].object, &b.v[j].object) <= 0))
			obj = &a.v[i].object;
		else
			obj = &b.v[j].object;
		/* every distinct blob of this object on either side */
		size_t ng = 0;
		git_oid object = *obj;
		for (; i < a.n && git_oid_equal(&a.v[i].object, &object); i++)
			group[ng++] = a.v[i].blob;
		for (; j < b.n && git_oid_equal(&b.v[j].object, &object); j++) {
			bool dup = false;
			for (size_t k = 0; k < ng; k++)
				dup |= git_oid_equal(&group[k], &b.v[j].blob);
			if (!dup)
				group[ng++] = b.v[j].blob;
		}
		objects[n] = object;
		if (ng == 1)
			blobs[n] = group[0]; /* one side, or both the same: as is, like git */
		else
			rc = union_note(repo, group, ng, NULL, 0, &blobs[n], NULL);
		n++;
	}
	if (rc == 0)
		rc = write_fanout_tree(repo, objects, blobs, n, tree_out);
	free(objects);
	free(blobs);
	free(group);
	notes_list_free(&a);
	notes_list_free(&b);
	return rc;
}

int notes_merge(git_repository *repo, const struct notes_write_opts *o, const git_oid *theirs,
		int *result, git_oid *commit_out)
{
	int64_t locked_since = 0;
	*result = 0;
	for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
		git_oid ours, merged, tree_id;
		int has = notes_tip(repo, o->ref, &ours);
		int rc;
		if (has < 0)
			return has;
		if (has && (git_oid_equal(&ours, theirs) || git_graph_descendant_of(repo, &ours, theirs) == 1)) {
			*result = 0;
			if (commit_out)
				git_oid_cpy(commit_out, &ours);
			return 0;
		}
		if (!has || git_graph_descendant_of(repo, theirs, &ours) == 1) {
			git_oid_cpy(&merged, theirs);
			*result = 1;
		} else {
			if ((rc = notes_union_tree(repo, &ours, theirs, &tree_id)) < 0)
				return rc;
			git_oid parents[2] = { ours, *theirs };
			if ((rc = make_commit(repo, o, &tree_id, parents, 2, &merged)) < 0)
				return rc;
			*result = 2;
		}
		rc = cas_ref(repo, o, has, &ours, &merged, &locked_since);
		if (rc < 0)
			return rc;
		if (rc == 0) {
			if (commit_out)
				git_oid_cpy(commit_out, &merged);
			return 0;
		}
		if (o->retries)
			(*o->retries)++;
		back_off(attempt);
	}
	return err_setc(ERR_RETRY, "%s: gave up after %d lost races", o->ref, MAX_ATTEMPTS);
}
