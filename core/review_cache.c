#include "review_cache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "buf.h"
#include "csum.h"
#include "err.h"
#include "mem.h"
#include "oidmap.h"

/* The cache file, <gitdir>/iacrev/reviews.cache: a header, then entries
 * appended one write at a time:
 *
 *   header  "IACREVRC" u32 version
 *   entry   u32 kind, u32 length, u64 checksum of the payload, payload
 *     kind 1, a note blob: blob id, u32 count, the decoded records (each
 *       with its line number in the blob)
 *     kind 2, a notes tree: tree id, u32 count, (object id, blob id) pairs
 *
 * A blob id names its content, so a blob entry never goes stale; a tree
 * entry lets a load skip walking an unchanged notes tree.  Reading stops
 * at the first entry that is cut or does not match its hash (a crash in
 * the middle of an append): what follows is decoded again and appended.
 * Integers are in the machine's order: the cache never leaves it. */

#define CACHE_FILE "iacrev/reviews.cache"
#define CACHE_MAGIC "IACREVRC"
#define CACHE_VERSION REVIEW_CACHE_VERSION
#define KIND_BLOB 1u
#define KIND_TREE 2u
#define HEADER_LEN 12
#define ENTRY_HEAD 16

/* ---- writing records ---- */

static void put_u32(struct buf *b, uint32_t v) { buf_put(b, &v, sizeof(v)); }
static void put_u64(struct buf *b, uint64_t v) { buf_put(b, &v, sizeof(v)); }
static void put_oid(struct buf *b, const git_oid *id) { buf_put(b, id->id, GIT_OID_RAWSZ); }

/* Strings end with a NUL in the file, so that loaded records point
 * straight into the file's bytes. */
static void put_bytes(struct buf *b, const char *s, size_t n)
{
	put_u32(b, (uint32_t)n);
	buf_put(b, s, n);
	buf_putc(b, '\0');
}

/* A string or NULL (length UINT32_MAX). */
static void put_str(struct buf *b, const char *s)
{
	if (!s)
		put_u32(b, UINT32_MAX);
	else
		put_bytes(b, s, strlen(s));
}

static void put_record(struct buf *b, const struct review_record *r)
{
	put_bytes(b, r->line, r->len);
	put_u32(b, r->lineno);
	buf_putc(b, (char)r->parsed);
	if (!r->parsed) {
		put_str(b, r->why);
		return;
	}
	put_str(b, r->at);
	put_u64(b, r->id);
	put_str(b, r->task);
	put_oid(b, &r->tree);
	put_oid(b, &r->commit);
	put_str(b, r->by_name);
	put_str(b, r->by_email);
	buf_putc(b, (char)r->has_supersedes);
	put_u64(b, r->supersedes);
	put_str(b, r->rubric);
	buf_putc(b, (char)r->has_answers);
	put_u32(b, r->blockers);
	put_u32(b, r->factors);
	buf_putc(b, (char)r->localstack);
	put_u32(b, (uint32_t)r->nitems);
	for (size_t i = 0; i < r->nitems; i++) {
		put_u32(b, (uint32_t)r->items[i].n);
		put_str(b, r->items[i].title);
		buf_putc(b, (char)r->items[i].cat);
	}
	put_u32(b, (uint32_t)r->computed);
	put_u32(b, (uint32_t)r->score);
	put_str(b, r->reason);
	put_str(b, r->note);
	put_u64(b, (uint64_t)r->secs);
}

static void begin_entry(struct buf *b, uint32_t kind, size_t *start)
{
	*start = b->len;
	put_u32(b, kind);
	put_u32(b, 0);
	put_u64(b, 0);
}

static void end_entry(struct buf *b, size_t start)
{
	uint32_t len = (uint32_t)(b->len - start - ENTRY_HEAD);
	uint64_t h = csum64(b->ptr + start + ENTRY_HEAD, len);
	memcpy(b->ptr + start + 4, &len, sizeof(len));
	memcpy(b->ptr + start + 8, &h, sizeof(h));
}

/* ---- reading records ---- */

struct rd {
	const unsigned char *p, *end;
	bool bad;
};

static bool need(struct rd *r, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = true;
		return false;
	}
	return true;
}

static uint32_t get_u32(struct rd *r)
{
	uint32_t v = 0;
	if (need(r, sizeof(v))) {
		memcpy(&v, r->p, sizeof(v));
		r->p += sizeof(v);
	}
	return v;
}

static uint64_t get_u64(struct rd *r)
{
	uint64_t v = 0;
	if (need(r, sizeof(v))) {
		memcpy(&v, r->p, sizeof(v));
		r->p += sizeof(v);
	}
	return v;
}

static unsigned char get_u8(struct rd *r)
{
	return need(r, 1) ? *r->p++ : 0;
}

static void get_oid(struct rd *r, git_oid *id)
{
	if (need(r, GIT_OID_RAWSZ)) {
		git_oid_fromraw(id, r->p);
		r->p += GIT_OID_RAWSZ;
	}
}

/* A string of the file, in place. */
static char *get_str(struct rd *r, size_t *len)
{
	uint32_t n = get_u32(r);
	if (n == UINT32_MAX || !need(r, (size_t)n + 1))
		return NULL;
	if (r->p[n] != '\0') {
		r->bad = true;
		return NULL;
	}
	char *s = (char *)r->p;
	r->p += (size_t)n + 1;
	if (len)
		*len = n;
	return s;
}

static bool get_record(struct rd *r, struct review_record *out)
{
	memset(out, 0, sizeof(*out));
	out->borrowed = true;
	out->line = get_str(r, &out->len);
	out->lineno = get_u32(r);
	out->parsed = get_u8(r);
	if (!out->line)
		r->bad = true;
	if (!out->parsed) {
		out->why = get_str(r, NULL);
		out->secs = -1;
		out->computed = out->score = REVIEW_NO_SCORE;
		return !r->bad;
	}
	out->v = REVIEW_VERSION;
	out->at = get_str(r, NULL);
	out->id = get_u64(r);
	out->task = get_str(r, NULL);
	get_oid(r, &out->tree);
	get_oid(r, &out->commit);
	out->by_name = get_str(r, NULL);
	out->by_email = get_str(r, NULL);
	out->has_supersedes = get_u8(r);
	out->supersedes = get_u64(r);
	out->rubric = get_str(r, NULL);
	out->has_answers = get_u8(r);
	out->blockers = get_u32(r);
	out->factors = get_u32(r);
	out->localstack = get_u8(r);
	uint32_t n = get_u32(r);
	if (n > (size_t)(r->end - r->p))
		r->bad = true; /* each item takes bytes: a larger count is damage */
	if (!r->bad) {
		out->items = xcalloc((size_t)n + 1, sizeof(*out->items));
		for (uint32_t i = 0; i < n && !r->bad; i++) {
			out->items[i].n = (int)get_u32(r);
			out->items[i].title = get_str(r, NULL);
			out->items[i].cat = (enum rubric_cat)get_u8(r);
			out->nitems = i + 1;
		}
	}
	out->computed = (int)get_u32(r);
	out->score = (int)get_u32(r);
	out->reason = get_str(r, NULL);
	out->note = get_str(r, NULL);
	out->secs = (int64_t)get_u64(r);
	/* the fields a parsed record always has */
	if (!out->at || !out->task || !out->by_name || !out->by_email || !out->rubric || !out->note)
		r->bad = true;
	return !r->bad;
}

/* ---- the file ---- */

struct cache {
	char *path;
	unsigned char *data;   /* the whole file */
	size_t len;
	size_t valid;          /* bytes up to the end of the last good entry */
	struct oidmap blobs;   /* blob id → offset of its payload */
	size_t tree_at;        /* payload offset of the tree entry for the tip, or 0 */
	size_t entries;
};

static void cache_read(struct cache *c, const git_oid *tree)
{
	int fd = open(c->path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0 || st.st_size < HEADER_LEN) {
		if (fd >= 0)
			close(fd);
		return;
	}
	c->data = xmalloc((size_t)st.st_size);
	size_t got = 0;
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, c->data + got, (size_t)st.st_size - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	c->len = got;
	uint32_t version;
	memcpy(&version, c->data + 8, sizeof(version));
	if (got < HEADER_LEN || memcmp(c->data, CACHE_MAGIC, 8) != 0 || version != CACHE_VERSION)
		return;
	size_t off = HEADER_LEN;
	while (off + ENTRY_HEAD <= c->len) {
		uint32_t kind, len;
		uint64_t h;
		memcpy(&kind, c->data + off, 4);
		memcpy(&len, c->data + off + 4, 4);
		memcpy(&h, c->data + off + 8, 8);
		size_t payload = off + ENTRY_HEAD;
		if (len > c->len - payload || len < GIT_OID_RAWSZ || csum64(c->data + payload, len) != h)
			break;
		git_oid id;
		git_oid_fromraw(&id, c->data + payload);
		if (kind == KIND_BLOB)
			oidmap_put(&c->blobs, &id, payload);
		else if (kind == KIND_TREE && tree && git_oid_equal(&id, tree))
			c->tree_at = payload;
		off = payload + len;
		c->entries++;
	}
	c->valid = off;
}

static void cache_free(struct cache *c)
{
	free(c->path);
	free(c->data);
	oidmap_free(&c->blobs);
}

/* Records of a cached blob payload into the set. */
static bool add_cached(struct cache *c, size_t payload, const git_oid *bucket, struct review_set *out)
{
	uint32_t len;
	memcpy(&len, c->data + payload - ENTRY_HEAD + 4, 4);
	struct rd r = { c->data + payload + GIT_OID_RAWSZ, c->data + payload + len, false };
	uint32_t n = get_u32(&r);
	size_t first = out->n;
	for (uint32_t i = 0; i < n; i++) {
		struct review_record rec;
		bool ok = get_record(&r, &rec);
		git_oid_cpy(&rec.bucket, bucket);
		git_oid_fromraw(&rec.blob, c->data + payload);
		if (!ok) {
			review_record_free(&rec);
			break;
		}
		review_set_add(out, &rec, 1);
	}
	if (!r.bad && r.p == r.end)
		return true;
	/* damaged despite its hash (another version's layout): decode again */
	for (size_t i = first; i < out->n; i++)
		review_record_free(&out->v[i]);
	out->n = first;
	return false;
}

static void blob_entry(struct buf *b, const git_oid *blob, const struct review_record *v, size_t n)
{
	size_t start;
	begin_entry(b, KIND_BLOB, &start);
	put_oid(b, blob);
	put_u32(b, (uint32_t)n);
	for (size_t i = 0; i < n; i++)
		put_record(b, &v[i]);
	end_entry(b, start);
}

static void tree_entry(struct buf *b, const git_oid *tree, const struct notes_list *l)
{
	size_t start;
	begin_entry(b, KIND_TREE, &start);
	put_oid(b, tree);
	put_u32(b, (uint32_t)l->n);
	for (size_t i = 0; i < l->n; i++) {
		put_oid(b, &l->v[i].object);
		put_oid(b, &l->v[i].blob);
	}
	end_entry(b, start);
}

/* Append `entries` in one write; when the file holds much that is no
 * longer used, or is damaged, rewrite it with `live` alone.  Errors are
 * ignored: the cache only saves time (a read-only repository has none). */
static void cache_write(struct cache *c, const struct buf *entries, const struct buf *live)
{
	char *dir = xstrdup(c->path);
	*strrchr(dir, '/') = '\0';
	mkdir(dir, 0777);
	free(dir);
	bool rewrite = c->valid < HEADER_LEN || c->valid != c->len || c->len > 2 * live->len + (1u << 20);
	if (!rewrite) {
		if (!entries->len)
			return;
		int fd = open(c->path, O_WRONLY | O_APPEND | O_CLOEXEC);
		if (fd < 0)
			return;
		ssize_t n = write(fd, entries->ptr, entries->len);
		(void)n; /* a short write leaves a cut entry: ignored when read */
		close(fd);
		return;
	}
	/* no fsync: a file cut by a crash fails its checksums and is rebuilt */
	char *tmp;
	int fd = afile_mktemp(c->path, &tmp);
	if (fd >= 0) {
		struct buf head = BUF_INIT;
		uint32_t version = CACHE_VERSION;
		buf_put(&head, CACHE_MAGIC, 8);
		buf_put(&head, &version, sizeof(version));
		bool ok = write(fd, head.ptr, head.len) == (ssize_t)head.len &&
			  write(fd, live->ptr, live->len) == (ssize_t)live->len;
		buf_free(&head);
		close(fd);
		if (!ok || rename(tmp, c->path) != 0)
			unlink(tmp);
	}
	free(tmp);
}

static int read_note(struct repo *r, const struct notes_entry *e, struct buf *b, struct review_set *out)
{
	if (repo_read_blob(r, &e->blob, e->path, REVIEW_REF, b) < 0) {
		/* the other notes are still worth showing */
		out->problems = xreallocarray(out->problems, out->nproblems + 1, sizeof(char *));
		out->problems[out->nproblems++] = xstrdup(err_msg());
		return -1;
	}
	review_set_add_note(out, &e->object, &e->blob, b->ptr ? b->ptr : "", b->len);
	return 0;
}

int review_cache_load(struct repo *r, const git_oid *notes_commit, struct review_set *out)
{
	git_commit *commit = NULL;
	char hex[GIT_OID_HEXSZ + 1];
	if (git_commit_lookup(&commit, r->git, notes_commit) < 0) {
		git_oid_tostr(hex, sizeof(hex), notes_commit);
		return err_git(ERR_MISSING, "%s: notes commit %s cannot be read", REVIEW_REF, hex);
	}
	git_oid tree;
	git_oid_cpy(&tree, git_commit_tree_id(commit));
	git_commit_free(commit);

	struct cache c;
	memset(&c, 0, sizeof(c));
	c.path = xasprintf("%s/%s", r->gitdir, CACHE_FILE);
	cache_read(&c, &tree);

	/* the notes: from the cache when the tree is the one it listed */
	struct notes_list l;
	memset(&l, 0, sizeof(l));
	if (c.tree_at) {
		uint32_t len;
		memcpy(&len, c.data + c.tree_at - ENTRY_HEAD + 4, 4);
		struct rd rd = { c.data + c.tree_at + GIT_OID_RAWSZ, c.data + c.tree_at + len, false };
		uint32_t n = get_u32(&rd);
		/* the count must match the bytes before anything is allocated:
		 * a damaged count would ask for gigabytes */
		if ((size_t)n * 2 * GIT_OID_RAWSZ != (size_t)(rd.end - rd.p))
			rd.bad = true;
		l.v = xcalloc(rd.bad ? 1 : (size_t)n + 1, sizeof(*l.v));
		for (uint32_t i = 0; i < n && !rd.bad; i++) {
			get_oid(&rd, &l.v[i].object);
			get_oid(&rd, &l.v[i].blob);
			l.v[i].path = xstrdup("(cached listing)");
			l.n = i + 1;
		}
		if (rd.bad) {
			notes_list_free(&l);
			c.tree_at = 0;
		}
	}
	int rc = 0;
	if (!c.tree_at) {
		git_tree *t = NULL;
		if (git_tree_lookup(&t, r->git, &tree) < 0) {
			git_oid_tostr(hex, sizeof(hex), &tree);
			rc = err_git(ERR_MISSING, "%s: notes tree %s cannot be read", REVIEW_REF, hex);
		} else {
			rc = notes_list_tree(r->git, t, &l);
			git_tree_free(t);
		}
		if (rc < 0) {
			cache_free(&c);
			return rc;
		}
	}

	struct buf blob = BUF_INIT, fresh = BUF_INIT, live = BUF_INIT;
	for (size_t i = 0; i < l.n; i++) {
		uint64_t at;
		const struct notes_entry *e = &l.v[i];
		size_t first = out->n;
		if (oidmap_get(&c.blobs, &e->blob, &at) && add_cached(&c, (size_t)at, &e->object, out)) {
			out->cache_hits++;
		} else if (read_note(r, e, &blob, out) == 0) {
			blob_entry(&fresh, &e->blob, out->v + first, out->n - first);
		} else {
			continue;
		}
		out->notes++;
	}
	bool tree_missing = !c.tree_at;
	if (fresh.len || tree_missing) {
		if (tree_missing && !out->nproblems)
			tree_entry(&fresh, &tree, &l);
		/* a rewrite keeps the entries still in use: copied from the file,
		 * or the fresh ones */
		struct oidmap kept = OIDMAP_INIT;
		for (size_t i = 0; i < l.n; i++) {
			uint64_t at;
			if (!oidmap_get(&c.blobs, &l.v[i].blob, &at) ||
			    !oidmap_add(&kept, &l.v[i].blob, 1, NULL))
				continue;
			uint32_t len;
			memcpy(&len, c.data + at - ENTRY_HEAD + 4, 4);
			buf_put(&live, c.data + at - ENTRY_HEAD, ENTRY_HEAD + len);
		}
		oidmap_free(&kept);
		buf_put(&live, fresh.ptr, fresh.len);
		cache_write(&c, &fresh, &live);
	}
	buf_free(&blob);
	buf_free(&fresh);
	buf_free(&live);
	notes_list_free(&l);
	if (out->cache_hits) {
		review_set_own(out, c.data); /* the loaded records point into it */
		c.data = NULL;
	}
	cache_free(&c);
	return 0;
}
