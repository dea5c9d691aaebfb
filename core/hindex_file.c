/* The history index on disk: a header, then the arrays of struct hindex
 * one after another, each padded to 8 bytes, all covered by a checksum.
 * Written to a temporary file and renamed over the old one, so a reader
 * sees the old file or the new one, never a mix; read back with every
 * offset and index checked, so a damaged file is rebuilt, never trusted. */
#include "hindex.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "buf.h"
#include "err.h"
#include "mem.h"

/* Bump when the format or the meaning of a record changes (the task rule,
 * the change bits): an index from another version is rebuilt. */
#define HX_VERSION 1
#define HX_BYTE_ORDER 0x01020304u

struct hx_header {
	char magic[8];
	uint32_t version;
	uint32_t byte_order;
	uint32_t oid_size;
	uint32_t rec_size;
	uint32_t ncommits, nparents, nrecs, npaths, pool_len, ntips, tip_pool_len, nmissing;
	uint64_t checksum;
};

static const char hx_magic[8] = { 'I', 'A', 'C', 'R', 'V', 'H', 'X', '\n' };

/* A checksum over 8-byte words in four independent lanes (so that the
 * multiplications overlap); sections are padded to 8 bytes and each is
 * summed on its own, so writer and reader see the same words. */
static uint64_t sum_words(uint64_t h, const unsigned char *p, size_t n)
{
	uint64_t lane[4] = { h, h ^ 1, h ^ 2, h ^ 3 };
	size_t i = 0;
	for (; i + 32 <= n; i += 32)
		for (int k = 0; k < 4; k++) {
			uint64_t w;
			memcpy(&w, p + i + 8 * k, 8);
			lane[k] = (lane[k] ^ w) * 0x9E3779B97F4A7C15ull;
			lane[k] ^= lane[k] >> 29;
		}
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		lane[0] = (lane[0] ^ w) * 0x9E3779B97F4A7C15ull;
		lane[0] ^= lane[0] >> 29;
	}
	uint64_t out = n;
	for (int k = 0; k < 4; k++)
		out = (out ^ lane[k]) * 0xBF58476D1CE4E5B9ull;
	return out ^ (out >> 31);
}

static size_t pad8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* Writing. */

struct writer {
	int fd;
	uint64_t sum;
	struct buf chunk;
	int error;
};

static void put_section(struct writer *w, const void *data, size_t n)
{
	buf_truncate(&w->chunk, 0);
	buf_grow(&w->chunk, pad8(n));
	if (n)
		memcpy(w->chunk.ptr, data, n);
	memset(w->chunk.ptr + n, 0, pad8(n) - n);
	w->chunk.len = pad8(n);
	w->sum = sum_words(w->sum, (const unsigned char *)w->chunk.ptr, w->chunk.len);
	size_t off = 0;
	while (!w->error && off < w->chunk.len) {
		ssize_t k = write(w->fd, w->chunk.ptr + off, w->chunk.len - off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			w->error = errno ? errno : EIO;
		else
			off += (size_t)k;
	}
}

static int mkdir_p(const char *dir)
{
	if (mkdir(dir, 0777) == 0 || errno == EEXIST)
		return 0;
	return -1;
}

int hindex_save(struct hindex *ix)
{
	free(ix->save_error);
	ix->save_error = NULL;
	char *dir = xstrdup(ix->file);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	char *tmp = NULL;
	int fd = -1;
	if (mkdir_p(dir) < 0 || (fd = afile_mktemp(ix->file, &tmp)) < 0) {
		ix->save_error = xasprintf("%s: %s", dir, strerror(errno));
		free(dir);
		free(tmp);
		return err_setc(ERR_FAIL, "cannot save the history index: %s", ix->save_error);
	}
	free(dir);

	struct hx_header h;
	memset(&h, 0, sizeof(h));
	memcpy(h.magic, hx_magic, sizeof(h.magic));
	h.version = HX_VERSION;
	h.byte_order = HX_BYTE_ORDER;
	h.oid_size = GIT_OID_RAWSZ;
	h.rec_size = sizeof(struct hx_rec);
	h.ncommits = ix->ncommits;
	h.nparents = ix->nparents;
	h.nrecs = ix->nrecs;
	h.npaths = ix->npaths;
	h.pool_len = ix->pool_len;
	h.ntips = ix->ntips;
	h.nmissing = ix->nmissing;

	struct buf tip_pool = BUF_INIT;
	uint32_t *tip_off = xcalloc((size_t)ix->ntips + 1, sizeof(uint32_t));
	git_oid *tip_ids = xcalloc(ix->ntips ? ix->ntips : 1, sizeof(git_oid));
	for (uint32_t i = 0; i < ix->ntips; i++) {
		buf_put(&tip_pool, ix->tips[i].ref, strlen(ix->tips[i].ref) + 1);
		tip_off[i + 1] = (uint32_t)tip_pool.len;
		tip_ids[i] = ix->tips[i].id;
	}
	h.tip_pool_len = (uint32_t)tip_pool.len;

	struct writer w = { fd, 0, BUF_INIT, 0 };
	if (write(fd, &h, sizeof(h)) != (ssize_t)sizeof(h))
		w.error = errno ? errno : EIO;
	size_t n = ix->ncommits;
	put_section(&w, ix->oids, n * sizeof(git_oid));
	put_section(&w, ix->times, n * sizeof(int64_t));
	put_section(&w, ix->gens, n * sizeof(uint32_t));
	put_section(&w, ix->flags, n);
	put_section(&w, ix->parent_off, (n + 1) * sizeof(uint32_t));
	put_section(&w, ix->parents, ix->nparents * sizeof(uint32_t));
	put_section(&w, ix->rec_off, (n + 1) * sizeof(uint32_t));
	put_section(&w, ix->recs, ix->nrecs * sizeof(struct hx_rec));
	put_section(&w, ix->by_oid, n * sizeof(uint32_t));
	put_section(&w, ix->path_off, ((size_t)ix->npaths + 1) * sizeof(uint32_t));
	put_section(&w, ix->pool, ix->pool_len);
	put_section(&w, ix->path_rec_off, ((size_t)ix->npaths + 1) * sizeof(uint32_t));
	put_section(&w, ix->path_recs, ix->nrecs * sizeof(uint32_t));
	put_section(&w, tip_ids, ix->ntips * sizeof(git_oid));
	put_section(&w, tip_off, ((size_t)ix->ntips + 1) * sizeof(uint32_t));
	put_section(&w, tip_pool.ptr, tip_pool.len);
	put_section(&w, ix->missing, ix->nmissing * sizeof(struct hx_missing));
	h.checksum = w.sum;
	if (!w.error && pwrite(fd, &h, sizeof(h), 0) != (ssize_t)sizeof(h))
		w.error = errno ? errno : EIO;
	if (close(fd) < 0 && !w.error)
		w.error = errno;
	if (!w.error && rename(tmp, ix->file) < 0)
		w.error = errno;
	buf_free(&w.chunk);
	buf_free(&tip_pool);
	free(tip_off);
	free(tip_ids);
	if (w.error) {
		unlink(tmp);
		ix->save_error = xasprintf("%s: %s", ix->file, strerror(w.error));
		free(tmp);
		return err_setc(ERR_FAIL, "cannot save the history index: %s", ix->save_error);
	}
	free(tmp);
	return 0;
}

/* Reading: the file is mapped, and the arrays point into the mapping
 * until the index is changed (hindex_own copies them out). */

struct reader {
	unsigned char *at, *end;
	uint64_t sum;
};

static void *get_section(struct reader *rd, size_t n)
{
	unsigned char *p = rd->at;
	rd->sum = sum_words(rd->sum, p, pad8(n));
	rd->at += pad8(n);
	return p;
}

/* Offsets [0..count] must start at 0, never decrease and end at `end`. */
static bool offsets_ok(const uint32_t *off, size_t count, uint32_t end)
{
	if (off[0] != 0 || off[count] != end)
		return false;
	for (size_t i = 0; i < count; i++)
		if (off[i] > off[i + 1])
			return false;
	return true;
}

static const char *validate(const struct hindex *ix, const uint32_t *tip_off,
			    const char *tip_pool, uint32_t tip_pool_len)
{
	uint32_t n = ix->ncommits;
	if (!offsets_ok(ix->parent_off, n, ix->nparents) || !offsets_ok(ix->rec_off, n, ix->nrecs) ||
	    !offsets_ok(ix->path_off, ix->npaths, ix->pool_len) ||
	    !offsets_ok(ix->path_rec_off, ix->npaths, ix->nrecs) ||
	    !offsets_ok(tip_off, ix->ntips, tip_pool_len))
		return "an offset table is inconsistent";
	for (uint32_t c = 0; c < n; c++) {
		uint32_t gen = 0;
		for (uint32_t k = ix->parent_off[c]; k < ix->parent_off[c + 1]; k++) {
			uint32_t p = ix->parents[k];
			if (p == HX_NONE)
				continue;
			if (p >= c)
				return "a parent does not come before its child";
			if (ix->gens[p] > gen)
				gen = ix->gens[p];
		}
		if (ix->gens[c] != gen + 1)
			return "a generation number is wrong";
		for (uint32_t r = ix->rec_off[c]; r < ix->rec_off[c + 1]; r++) {
			if (ix->recs[r].commit != c || ix->recs[r].path >= ix->npaths)
				return "a change record is out of range";
			if (r > ix->rec_off[c] && ix->recs[r - 1].path >= ix->recs[r].path)
				return "change records are out of order";
		}
	}
	for (uint32_t p = 0; p < ix->npaths; p++) {
		if (ix->path_off[p + 1] == ix->path_off[p] || ix->pool[ix->path_off[p + 1] - 1] != '\0' ||
		    memchr(ix->pool + ix->path_off[p], '\0', ix->path_off[p + 1] - ix->path_off[p] - 1))
			return "a path is malformed";
		for (uint32_t k = ix->path_rec_off[p]; k < ix->path_rec_off[p + 1]; k++)
			if (ix->path_recs[k] >= ix->nrecs || ix->recs[ix->path_recs[k]].path != p)
				return "a path's records are wrong";
	}
	for (uint32_t i = 0; i < n; i++) {
		if (ix->by_oid[i] >= n)
			return "the id order is out of range";
		if (i && git_oid_cmp(&ix->oids[ix->by_oid[i - 1]], &ix->oids[ix->by_oid[i]]) >= 0)
			return "the id order is not sorted";
	}
	for (uint32_t i = 0; i < ix->ntips; i++)
		if (tip_off[i + 1] == tip_off[i] || tip_pool[tip_off[i + 1] - 1] != '\0')
			return "a ref name is malformed";
	for (uint32_t i = 0; i < ix->nmissing; i++)
		if (ix->missing[i].commit >= n)
			return "a missing parent is out of range";
	return NULL;
}

int hindex_read_file(struct hindex *ix, const char *file, char **why)
{
	*why = NULL;
	int fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		*why = errno == ENOENT ? xstrdup("there was no index yet")
				       : xasprintf("%s: %s", file, strerror(errno));
		return -1;
	}
	struct stat st;
	struct hx_header h;
	if (fstat(fd, &st) < 0 || read(fd, &h, sizeof(h)) != (ssize_t)sizeof(h) ||
	    memcmp(h.magic, hx_magic, sizeof(h.magic)) != 0) {
		close(fd);
		*why = xstrdup("the index file is not an iacrev history index");
		return -1;
	}
	if (h.version != HX_VERSION || h.byte_order != HX_BYTE_ORDER || h.oid_size != GIT_OID_RAWSZ ||
	    h.rec_size != sizeof(struct hx_rec)) {
		close(fd);
		*why = xasprintf("the index was written by another version of iacrev (format %u, this is %u)",
				 h.version, HX_VERSION);
		return -1;
	}
	/* The sizes must add up to the file's size before anything is allocated. */
	size_t n = h.ncommits;
	size_t want = pad8(n * sizeof(git_oid)) + pad8(n * 8) + pad8(n * 4) + pad8(n) +
		      2 * pad8((n + 1) * 4) + pad8((size_t)h.nparents * 4) +
		      pad8((size_t)h.nrecs * sizeof(struct hx_rec)) + pad8(n * 4) +
		      2 * pad8(((size_t)h.npaths + 1) * 4) + pad8(h.pool_len) + pad8((size_t)h.nrecs * 4) +
		      pad8((size_t)h.ntips * sizeof(git_oid)) + pad8(((size_t)h.ntips + 1) * 4) +
		      pad8(h.tip_pool_len) + pad8((size_t)h.nmissing * sizeof(struct hx_missing));
	if (h.ncommits >= HX_NONE || h.nrecs >= HX_NONE || h.npaths >= HX_NONE ||
	    (off_t)(want + sizeof(h)) != st.st_size) {
		close(fd);
		*why = xstrdup("the index file is corrupt (its size does not match its header)");
		return -1;
	}
	void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED) {
		*why = xasprintf("%s: %s", file, strerror(errno));
		return -1;
	}
	hindex_reset(ix);
	free(ix->parent_off);
	free(ix->rec_off);
	free(ix->path_off);
	free(ix->path_rec_off);
	ix->map = map;
	ix->map_len = (size_t)st.st_size;
	struct reader rd = { (unsigned char *)map + sizeof(h), (unsigned char *)map + st.st_size, 0 };
	ix->ncommits = h.ncommits;
	ix->nparents = h.nparents;
	ix->nrecs = h.nrecs;
	ix->npaths = h.npaths;
	ix->pool_len = h.pool_len;
	ix->ntips = 0;
	ix->nmissing = h.nmissing;
	ix->oids = get_section(&rd, n * sizeof(git_oid));
	ix->times = get_section(&rd, n * sizeof(int64_t));
	ix->gens = get_section(&rd, n * sizeof(uint32_t));
	ix->flags = get_section(&rd, n);
	ix->parent_off = get_section(&rd, (n + 1) * sizeof(uint32_t));
	ix->parents = get_section(&rd, (size_t)h.nparents * sizeof(uint32_t));
	ix->rec_off = get_section(&rd, (n + 1) * sizeof(uint32_t));
	ix->recs = get_section(&rd, (size_t)h.nrecs * sizeof(struct hx_rec));
	ix->by_oid = get_section(&rd, n * sizeof(uint32_t));
	ix->path_off = get_section(&rd, ((size_t)h.npaths + 1) * sizeof(uint32_t));
	ix->pool = get_section(&rd, h.pool_len);
	ix->path_rec_off = get_section(&rd, ((size_t)h.npaths + 1) * sizeof(uint32_t));
	ix->path_recs = get_section(&rd, (size_t)h.nrecs * sizeof(uint32_t));
	git_oid *tip_ids = get_section(&rd, (size_t)h.ntips * sizeof(git_oid));
	uint32_t *tip_off = get_section(&rd, ((size_t)h.ntips + 1) * sizeof(uint32_t));
	char *tip_pool = get_section(&rd, h.tip_pool_len);
	ix->missing = get_section(&rd, (size_t)h.nmissing * sizeof(struct hx_missing));
	const char *problem = NULL;
	if (rd.at != rd.end)
		problem = "its sections do not fill it";
	else if (rd.sum != h.checksum)
		problem = "checksum mismatch";
	else {
		ix->ntips = h.ntips;  /* validate reads the tip tables */
		problem = validate(ix, tip_off, tip_pool, h.tip_pool_len);
		ix->ntips = 0;
	}
	if (!problem) {
		/* each path once: a second copy's records would be unreachable
		 * (found by fuzz_hindex) */
		hindex_rebuild_pathmap(ix);
		for (uint32_t p = 0; p < ix->npaths && !problem; p++) {
			const char *path = hindex_path(ix, p);
			if (hindex_path_find(ix, path, strlen(path)) != p)
				problem = "a path is listed twice";
		}
	}
	if (!problem) {
		ix->tips = xcalloc(h.ntips ? h.ntips : 1, sizeof(*ix->tips));
		for (uint32_t i = 0; i < h.ntips; i++) {
			ix->tips[i].id = tip_ids[i];
			ix->tips[i].ref = xstrdup(tip_pool + tip_off[i]);
		}
		ix->ntips = ix->cap_tips = h.ntips;
	}
	if (problem) {
		*why = xasprintf("the index file is corrupt (%s)", problem);
		return -1;
	}
	return 0;
}
