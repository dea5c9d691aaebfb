/* Fuzz target: the history index file reader (core/hindex_file.c).
 * An input whose first byte is odd is written as the file itself (the
 * header and size checks); otherwise the rest builds an index of small
 * counts and values that hindex_save writes with a right checksum, so the
 * fuzzer reaches the checks of every offset and index.  A file the reader
 * accepts must answer every query without reading out of bounds. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../core/hindex.h"
#include "../../core/mem.h"

static char dir[64], file[96];

static void cleanup(void)
{
	unlink(file);
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "/tmp/iacrev-fuzz-hindex.XXXXXX");
	if (!mkdtemp(dir))
		abort();
	snprintf(file, sizeof(file), "%s/history.idx", dir);
	atexit(cleanup);
	return 0;
}

struct src {
	const uint8_t *p;
	size_t n;
};

static uint32_t get8(struct src *s)
{
	if (!s->n)
		return 0;
	s->n--;
	return *s->p++;
}

static uint32_t *u32s(struct src *s, size_t n, bool none)
{
	uint32_t *v = xcalloc(n + 1, sizeof(*v));
	for (size_t i = 0; i < n; i++) {
		v[i] = get8(s);
		if (none && v[i] == 0xff)
			v[i] = HX_NONE;
	}
	return v;
}

static void oid(struct src *s, git_oid *id)
{
	memset(id, 0, sizeof(*id));
	id->id[0] = (unsigned char)get8(s);
	id->id[19] = (unsigned char)get8(s);
}

/* An index of small arrays, from the input bytes. */
static struct hindex *build(struct src *s)
{
	struct hindex *ix = xcalloc(1, sizeof(*ix));
	ix->file = xstrdup(file);
	uint32_t n = get8(s) % 16;
	ix->ncommits = n;
	ix->nparents = get8(s) % 32;
	ix->nrecs = get8(s) % 32;
	ix->npaths = get8(s) % 8;
	ix->pool_len = get8(s) % 64;
	ix->ntips = get8(s) % 4;
	ix->nmissing = get8(s) % 4;
	ix->oids = xcalloc(n + 1, sizeof(git_oid));
	ix->times = xcalloc(n + 1, sizeof(int64_t));
	ix->flags = xcalloc(n + 1, 1);
	for (uint32_t i = 0; i < n; i++) {
		oid(s, &ix->oids[i]);
		ix->times[i] = (int64_t)get8(s);
		ix->flags[i] = (uint8_t)get8(s);
	}
	ix->gens = u32s(s, n, false);
	ix->parent_off = u32s(s, n + 1, false);
	ix->parents = u32s(s, ix->nparents, true);
	ix->rec_off = u32s(s, n + 1, false);
	ix->recs = xcalloc(ix->nrecs + 1, sizeof(*ix->recs));
	for (uint32_t i = 0; i < ix->nrecs; i++) {
		ix->recs[i].commit = get8(s);
		ix->recs[i].path = get8(s);
		ix->recs[i].mask = get8(s);
		oid(s, &ix->recs[i].tree);
	}
	ix->by_oid = u32s(s, n, false);
	ix->path_off = u32s(s, ix->npaths + 1, false);
	ix->pool = xcalloc(ix->pool_len + 1, 1);
	for (uint32_t i = 0; i < ix->pool_len; i++)
		ix->pool[i] = (char)get8(s);
	ix->path_rec_off = u32s(s, ix->npaths + 1, false);
	ix->path_recs = u32s(s, ix->nrecs, false);
	ix->tips = xcalloc(ix->ntips + 1, sizeof(*ix->tips));
	for (uint32_t i = 0; i < ix->ntips; i++) {
		oid(s, &ix->tips[i].id);
		size_t len = get8(s) % 8;
		ix->tips[i].ref = xcalloc(len + 1, 1);
		for (size_t k = 0; k < len; k++)
			ix->tips[i].ref[k] = (char)(get8(s) | 1);
	}
	ix->missing = xcalloc(ix->nmissing + 1, sizeof(*ix->missing));
	for (uint32_t i = 0; i < ix->nmissing; i++) {
		ix->missing[i].commit = get8(s);
		oid(s, &ix->missing[i].parent);
	}
	return ix;
}

/* What the history queries do with an index that was accepted. */
static void query(struct hindex *ix)
{
	for (uint32_t c = 0; c < ix->ncommits; c++) {
		if (hindex_find(ix, &ix->oids[c]) != c)
			__builtin_trap();
		for (uint32_t k = 0; k < hindex_nparents(ix, c); k++) {
			uint32_t p = hindex_parent(ix, c, k);
			if (p != HX_NONE && p >= c)
				__builtin_trap();
		}
		for (uint32_t p = 0; p < ix->npaths; p++)
			(void)hindex_rec(ix, c, p);
	}
	for (uint32_t p = 0; p < ix->npaths; p++) {
		const char *path = hindex_path(ix, p);
		if (hindex_path_find(ix, path, strlen(path)) != p)
			__builtin_trap();
	}
	for (uint32_t i = 0; i < ix->ntips; i++)
		(void)hindex_covers(ix, &ix->tips[i].id);
	hindex_own(ix);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct src s = { data, size };
	if (size && data[0] & 1) {
		FILE *f = fopen(file, "wb");
		if (!f || fwrite(data + 1, 1, size - 1, f) != size - 1)
			abort();
		fclose(f);
	} else {
		get8(&s);
		struct hindex *w = build(&s);
		if (hindex_save(w) < 0)
			abort();
		hindex_free(w);
	}
	struct hindex *ix = xcalloc(1, sizeof(*ix));
	ix->file = xstrdup(file);
	hindex_reset(ix);
	char *why = NULL;
	if (hindex_read_file(ix, file, &why) == 0)
		query(ix);
	else if (!why)
		__builtin_trap();
	free(why);
	hindex_free(ix);
	return 0;
}
