#include "meta_cache.h"

#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "buf.h"
#include "csum.h"
#include "mem.h"
#include "oidmap.h"

/* The file: a header, then the entries.
 *
 *   header  "IACREVMC" u32 version, u64 size, u64 mtime (ns), u64 inode
 *           of the binary that wrote it, u64 checksum of the entries
 *   entry   u32 length, then: blob id, path, the struct meta's fields
 *           (strings as u32 length and bytes, UINT32_MAX for NULL; lists
 *           as u32 count and strings; the score as u8 has, double value)
 *
 * Integers are in the machine's order: the cache never leaves it. */
#define CACHE_FILE "iacrev/meta.cache"
#define CACHE_MAGIC "IACREVMC"
#define CACHE_VERSION 1u
#define HEADER_LEN (8 + 4 + 4 * 8)

struct meta_cache {
	char *path;            /* NULL: no cache (the binary cannot be identified) */
	uint64_t stamp[3];     /* size, mtime, inode of /proc/self/exe */
	struct buf file;       /* the file as read */
	const char *data;      /* its entries */
	size_t len;
	struct oidmap index;   /* key (see entry_key) -> offset in data */
	size_t *hits;          /* offsets of the entries used since open */
	size_t nhits, hitcap;
	struct buf out;        /* the entries made since open */
	bool changed;          /* something was missing */
};

/* The blob id with the path mixed into its first bytes: one key for the
 * same blob at several paths would keep only one of them. */
static git_oid entry_key(const git_oid *blob, const char *path, size_t n)
{
	git_oid key = *blob;
	uint64_t h, mix = csum64(path, n);
	memcpy(&h, key.id, 8);
	h ^= mix;
	memcpy(key.id, &h, 8);
	return key;
}

/* The scalar fields in file order: one list for the writer and the
 * reader, so that they cannot disagree. */
enum { NFIELDS = 9 };

static void meta_fields(const struct meta *m, struct meta_field *out[NFIELDS])
{
	struct meta *w = (struct meta *)m; /* the writer only reads them */
	struct meta_field *v[NFIELDS] = { &w->platform, &w->language, &w->complexity,
					  &w->subtask, &w->region, &w->po_id,
					  &w->team, &w->author, &w->started_at };
	memcpy(out, v, sizeof(v));
}

/* ---- writing ---- */

static void put_u32(struct buf *b, uint32_t v) { buf_put(b, &v, sizeof(v)); }

static void put_str(struct buf *b, const char *s)
{
	if (!s) {
		put_u32(b, UINT32_MAX);
		return;
	}
	size_t n = strlen(s);
	put_u32(b, (uint32_t)n);
	buf_put(b, s, n);
}

static void put_field(struct buf *b, const struct meta_field *f)
{
	put_str(b, f->raw);
	put_str(b, f->norm);
}

static void put_list(struct buf *b, char *const *v, size_t n)
{
	put_u32(b, (uint32_t)n);
	for (size_t i = 0; i < n; i++)
		put_str(b, v[i]);
}

static void put_meta(struct buf *b, const struct meta *m)
{
	struct meta_field *fields[NFIELDS];
	meta_fields(m, fields);
	for (size_t i = 0; i < NFIELDS; i++)
		put_field(b, fields[i]);
	put_list(b, m->subject_labels, m->n_subject_labels);
	put_list(b, m->aws_services, m->n_aws_services);
	buf_putc(b, m->tq.has ? 1 : 0);
	buf_put(b, &m->tq.value, sizeof(m->tq.value));
	put_str(b, m->tq.raw);
	put_str(b, m->tq.reason);
	put_str(b, m->error);
	put_list(b, m->problems, m->n_problems);
}

/* ---- reading (every read checked against the end: the file is data) ---- */

struct reader {
	const char *p, *end;
	bool bad;
};

static uint32_t get_u32(struct reader *r)
{
	uint32_t v = 0;
	if (r->end - r->p < 4) {
		r->bad = true;
		return 0;
	}
	memcpy(&v, r->p, 4);
	r->p += 4;
	return v;
}

/* A string's bytes (not copied), or NULL for a NULL string. */
static const char *get_span(struct reader *r, uint32_t *n)
{
	*n = get_u32(r);
	if (r->bad || *n == UINT32_MAX)
		return NULL;
	if ((size_t)(r->end - r->p) < *n) {
		r->bad = true;
		return NULL;
	}
	const char *s = r->p;
	r->p += *n;
	return s;
}

static char *get_str(struct reader *r)
{
	uint32_t n;
	const char *s = get_span(r, &n);
	return s ? xstrndup(s, n) : NULL;
}

static char **get_list(struct reader *r, size_t *n)
{
	uint32_t count = get_u32(r);
	*n = 0;
	/* each string takes 4 bytes at least: a count past that is damage */
	if (r->bad || count > (size_t)(r->end - r->p) / 4) {
		r->bad = true;
		return NULL;
	}
	char **v = xcalloc(count ? count : 1, sizeof(char *));
	for (*n = 0; *n < count && !r->bad; (*n)++)
		v[*n] = get_str(r);
	return v;
}

static bool get_meta(struct reader *r, struct meta *m)
{
	memset(m, 0, sizeof(*m));
	struct meta_field *fields[NFIELDS];
	meta_fields(m, fields);
	for (size_t i = 0; i < NFIELDS; i++) {
		fields[i]->raw = get_str(r);
		fields[i]->norm = get_str(r);
	}
	m->subject_labels = get_list(r, &m->n_subject_labels);
	m->aws_services = get_list(r, &m->n_aws_services);
	if (r->end - r->p < (ptrdiff_t)(1 + sizeof(double))) {
		r->bad = true;
	} else {
		m->tq.has = r->p[0] == 1;
		memcpy(&m->tq.value, r->p + 1, sizeof(double));
		r->p += 1 + sizeof(double);
	}
	m->tq.raw = get_str(r);
	m->tq.reason = get_str(r);
	m->error = get_str(r);
	m->problems = get_list(r, &m->n_problems);
	if (r->bad || r->p != r->end) {
		meta_free(m);
		return false;
	}
	return true;
}

/* ---- the file ---- */

bool meta_cache_binary_stamp(uint64_t stamp[3])
{
	struct stat st;
	if (stat("/proc/self/exe", &st) != 0)
		return false;
	stamp[0] = (uint64_t)st.st_size;
	stamp[1] = (uint64_t)st.st_mtim.tv_sec * 1000000000u + (uint64_t)st.st_mtim.tv_nsec;
	stamp[2] = (uint64_t)st.st_ino;
	return true;
}

static bool read_file(const char *path, struct buf *out)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	struct stat st;
	/* past 256 MB it is not a cache of metadata (3,300 entries take 1.5 MB) */
	bool ok = fstat(fd, &st) == 0 && st.st_size >= HEADER_LEN && st.st_size < (256 << 20);
	if (ok) {
		buf_grow(out, (size_t)st.st_size);
		while (out->len < (size_t)st.st_size) {
			ssize_t n = read(fd, out->ptr + out->len, (size_t)st.st_size - out->len);
			if (n <= 0)
				break;
			out->len += (size_t)n;
		}
		ok = out->len == (size_t)st.st_size;
	}
	close(fd);
	return ok;
}

/* Index the entries of a file whose header matches; false if damaged. */
static bool load(struct meta_cache *c, struct buf *file)
{
	uint32_t version;
	uint64_t head[4];
	if (memcmp(file->ptr, CACHE_MAGIC, 8) != 0)
		return false;
	memcpy(&version, file->ptr + 8, 4);
	memcpy(head, file->ptr + 12, sizeof(head));
	if (version != CACHE_VERSION || memcmp(head, c->stamp, sizeof(c->stamp)) != 0)
		return false;
	c->data = file->ptr + HEADER_LEN;
	c->len = file->len - HEADER_LEN;
	if (csum64(c->data, c->len) != head[3])
		return false;
	struct reader r = { c->data, c->data + c->len, false };
	while (r.p < r.end) {
		size_t at = (size_t)(r.p - c->data);
		uint32_t n = get_u32(&r);
		if (r.bad || (size_t)(r.end - r.p) < n || n < GIT_OID_RAWSZ)
			return false;
		struct reader e = { r.p + GIT_OID_RAWSZ, r.p + n, false };
		uint32_t plen;
		const char *p = get_span(&e, &plen);
		if (e.bad || !p)
			return false;
		git_oid blob;
		git_oid_fromraw(&blob, (const unsigned char *)r.p);
		git_oid key = entry_key(&blob, p, plen);
		oidmap_put(&c->index, &key, at);
		r.p += n;
	}
	return true;
}

struct meta_cache *meta_cache_open(const char *gitdir)
{
	struct meta_cache *c = xcalloc(1, sizeof(*c));
	if (!gitdir || !meta_cache_binary_stamp(c->stamp))
		return c;
	c->path = xasprintf("%s/%s", gitdir, CACHE_FILE);
	if (read_file(c->path, &c->file) && !load(c, &c->file)) {
		oidmap_clear(&c->index); /* damaged or another binary's: start afresh */
		c->changed = true;
	}
	return c;
}

bool meta_cache_get(struct meta_cache *c, const git_oid *blob, const char *path, struct meta *out)
{
	size_t plen = strlen(path);
	git_oid key = entry_key(blob, path, plen);
	uint64_t at;
	if (!c->path || !oidmap_get(&c->index, &key, &at))
		return false;
	/* load() checked that the entry holds its length, at least a blob id */
	uint32_t n;
	memcpy(&n, c->data + at, 4);
	const char *blob_id = c->data + at + 4;
	struct reader e = { blob_id + GIT_OID_RAWSZ, blob_id + n, false };
	uint32_t elen;
	const char *epath = get_span(&e, &elen);
	if (memcmp(blob_id, blob->id, GIT_OID_RAWSZ) != 0 || !epath || elen != plen ||
	    memcmp(epath, path, plen) != 0 || !get_meta(&e, out))
		return false;
	VEC_GROW(c->hits, c->nhits + 1, c->hitcap); /* kept when the file is rewritten */
	c->hits[c->nhits++] = (size_t)at;
	return true;
}

void meta_cache_put(struct meta_cache *c, const git_oid *blob, const char *path, const struct meta *m)
{
	if (!c->path)
		return;
	size_t start = c->out.len;
	put_u32(&c->out, 0);
	buf_put(&c->out, blob->id, GIT_OID_RAWSZ);
	put_str(&c->out, path);
	put_meta(&c->out, m);
	uint32_t n = (uint32_t)(c->out.len - start - 4);
	memcpy(c->out.ptr + start, &n, 4);
	c->changed = true;
}

/* Write the entries of this run to a new file and move it in place. */
static void save(struct meta_cache *c)
{
	char *dir = xstrdup(c->path);
	*strrchr(dir, '/') = '\0';
	mkdir(dir, 0777);
	free(dir);
	char *tmp;
	int fd = afile_mktemp(c->path, &tmp);
	if (fd >= 0) {
		struct buf entries = BUF_INIT;
		for (size_t i = 0; i < c->nhits; i++) { /* the entries used, then the new ones */
			uint32_t n;
			memcpy(&n, c->data + c->hits[i], 4);
			buf_put(&entries, c->data + c->hits[i], 4 + (size_t)n);
		}
		buf_put(&entries, c->out.ptr ? c->out.ptr : "", c->out.len);
		char head[HEADER_LEN];
		uint32_t version = CACHE_VERSION;
		uint64_t sum = csum64(entries.ptr ? entries.ptr : "", entries.len);
		memcpy(head, CACHE_MAGIC, 8);
		memcpy(head + 8, &version, 4);
		memcpy(head + 12, c->stamp, sizeof(c->stamp));
		memcpy(head + 12 + sizeof(c->stamp), &sum, 8);
		bool ok = write(fd, head, HEADER_LEN) == HEADER_LEN &&
			  (!entries.len || write(fd, entries.ptr, entries.len) == (ssize_t)entries.len);
		buf_free(&entries);
		ok = close(fd) == 0 && ok;
		if (!ok || rename(tmp, c->path) != 0)
			unlink(tmp);
	}
	free(tmp);
}

void meta_cache_close(struct meta_cache *c)
{
	if (!c)
		return;
	if (c->path && c->changed)
		save(c);
	free(c->path);
	buf_free(&c->file);
	free(c->hits);
	oidmap_free(&c->index);
	buf_free(&c->out);
	free(c);
}
