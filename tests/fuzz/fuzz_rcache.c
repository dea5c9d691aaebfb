/* Fuzz target: the review records cache reader (core/review_cache.c,
 * <gitdir>/iacrev/reviews.cache) on a small repository with two notes.
 * An input whose first byte is odd is the cache file itself; otherwise
 * the rest is a list of entries (kind, length, payload, optionally after
 * the id of a real note blob or notes tree) that the target frames with
 * right checksums, so the fuzzer reaches the record decoder.  Whatever
 * the cache holds, a load must give records that can be shown, encoded
 * and scored. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../core/buf.h"
#include "../../core/csum.h"
#include "../../core/mem.h"
#include "../../core/notes.h"
#include "../../core/review_cache.h"
#include "../../core/review_set.h"
#include "../../core/rubric.h"

#include "fuzzlib.h"

static char dir[64];
static char *cache_file;
static struct repo *repo;
static git_oid tip, tree;
static git_oid blobs[2];

static void cleanup(void)
{
	repo_free(repo);
	fuzz_rmtree(dir);
	free(cache_file);
}

static void must(int rc)
{
	if (rc < 0)
		abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_tmpdir(dir, sizeof(dir), "rcache");
	repo_global_init();
	git_repository *g = NULL;
	must(git_repository_init(&g, dir, 1));
	git_signature *sig = NULL;
	must(git_signature_new(&sig, "Fuzz", "fuzz@example.org", 1700000000, 0));
	struct notes_write_opts o = { REVIEW_REF, "iacrev: fuzz", sig, 5000, NULL };
	const char *lines[] = {
		"{\"v\":1,\"at\":\"2026-01-01T00:00:00.000Z\",\"id\":\"0000000000000001\",\"task\":\"a/b\","
		"\"tree\":\"1111111111111111111111111111111111111111\","
		"\"commit\":\"2222222222222222222222222222222222222222\","
		"\"by\":{\"name\":\"N\",\"email\":\"r@example.org\"},\"supersedes\":null,"
		"\"rubric\":\"iacrev-rubric-1\",\"answers\":{\"blockers\":[\"region\"],\"items\":"
		"[{\"n\":1,\"title\":\"t\",\"cat\":\"A\"}],\"factors\":[\"ha\"]},"
		"\"computed\":5,\"score\":5,\"reason\":null,\"note\":\"\",\"secs\":3}",
		"not json",
	};
	git_oid obj[2];
	memset(obj, 0, sizeof(obj));
	obj[0].id[0] = 0x11;
	obj[1].id[0] = 0x22;
	must(notes_add_lines(g, &o, &obj[0], lines, 2, NULL));
	must(notes_add_lines(g, &o, &obj[1], lines + 1, 1, &tip));
	git_commit *c = NULL;
	must(git_commit_lookup(&c, g, &tip));
	git_oid_cpy(&tree, git_commit_tree_id(c));
	git_commit_free(c);
	struct notes_list l;
	must(notes_list_commit(g, &tip, &l));
	for (size_t i = 0; i < l.n && i < 2; i++)
		git_oid_cpy(&blobs[i], &l.v[i].blob);
	notes_list_free(&l);
	git_signature_free(sig);
	git_repository_free(g);
	must(repo_open(&repo, dir));
	cache_file = xasprintf("%s/iacrev/reviews.cache", dir);
	/* the first load makes the folder and a good cache */
	struct review_set s;
	must(review_set_load_commit(repo, &tip, &s));
	review_set_free(&s);
	atexit(cleanup);
	return 0;
}

struct src {
	const uint8_t *p;
	size_t n;
};

static unsigned get8(struct src *s)
{
	if (!s->n)
		return 0;
	s->n--;
	return *s->p++;
}

static void frame(struct buf *out, struct src *s)
{
	uint32_t version = REVIEW_CACHE_VERSION;
	buf_put(out, "IACREVRC", 8);
	buf_put(out, &version, sizeof(version));
	while (s->n) {
		unsigned k = get8(s);
		uint32_t kind = k & 3;
		size_t len = get8(s);
		len |= (size_t)get8(s) << 8;
		if (len > s->n)
			len = s->n;
		struct buf payload = BUF_INIT;
		if (k & 4)
			buf_put(&payload, kind == 2 ? tree.id : blobs[(k >> 3) & 1].id, GIT_OID_RAWSZ);
		buf_put(&payload, s->p, len);
		s->p += len;
		s->n -= len;
		uint32_t plen = (uint32_t)payload.len;
		uint64_t h = csum64(payload.ptr, payload.len);
		buf_put(out, &kind, 4);
		buf_put(out, &plen, 4);
		buf_put(out, &h, 8);
		buf_put(out, payload.ptr, payload.len);
		buf_free(&payload);
	}
}

static void check_str(const char *s)
{
	if (s)
		(void)strlen(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct src s = { data, size };
	struct buf file = BUF_INIT;
	if (size && data[0] & 1) {
		buf_put(&file, data + 1, size - 1);
	} else {
		get8(&s);
		frame(&file, &s);
	}
	FILE *f = fopen(cache_file, "wb");
	if (!f || fwrite(file.ptr ? file.ptr : "", 1, file.len, f) != file.len)
		abort();
	fclose(f);
	buf_free(&file);

	struct review_set set;
	if (review_set_load_commit(repo, &tip, &set) < 0)
		__builtin_trap();
	for (size_t i = 0; i < set.n; i++) {
		const struct review_record *r = &set.v[i];
		if (!r->line)
			__builtin_trap();
		check_str(r->why);
		if (!r->parsed)
			continue;
		check_str(r->reason);
		for (size_t k = 0; k < r->nitems; k++)
			check_str(r->items[k].title);
		free(review_encode(r));
		fuzz_rubric(r);
	}
	review_set_free(&set);
	return 0;
}
