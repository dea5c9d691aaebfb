/* Fuzz target: the parsed-metadata cache reader (core/meta_cache.c,
 * <gitdir>/iacrev/meta.cache).  An input whose first byte is odd is the
 * file itself (header included: almost always refused, which must be
 * harmless); otherwise the rest is the entries, framed by the target with
 * this binary's stamp and the right checksum so that the fuzzer reaches
 * the entry decoder.  Every entry the target can find in the input is
 * asked for: a hit must give a struct meta that can be used and freed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../core/buf.h"
#include "../../core/csum.h"
#include "../../core/mem.h"
#include "../../core/meta.h"
#include "../../core/meta_cache.h"

#include "fuzzlib.h"

static char dir[64];
static char *cache_file;

static void cleanup(void)
{
	fuzz_rmtree(dir);
	free(cache_file);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_tmpdir(dir, sizeof(dir), "mcache");
	char *sub = xasprintf("%s/iacrev", dir);
	if (mkdir(sub, 0777) != 0)
		abort();
	free(sub);
	cache_file = xasprintf("%s/iacrev/meta.cache", dir);
	atexit(cleanup);
	return 0;
}

static void check_str(const char *s)
{
	if (s)
		(void)strlen(s);
}

static void use(const struct meta *m)
{
	const struct meta_field *f[] = { &m->platform, &m->language, &m->complexity,
					 &m->subtask, &m->region, &m->po_id,
					 &m->team, &m->author, &m->started_at };
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		check_str(f[i]->raw);
		check_str(f[i]->norm);
	}
	for (size_t i = 0; i < m->n_subject_labels; i++)
		check_str(m->subject_labels[i]);
	for (size_t i = 0; i < m->n_aws_services; i++)
		check_str(m->aws_services[i]);
	for (size_t i = 0; i < m->n_problems; i++)
		check_str(m->problems[i]);
	check_str(m->tq.raw);
	check_str(m->tq.reason);
	check_str(m->error);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf file = BUF_INIT;
	const uint8_t *entries = size ? data + 1 : data;
	size_t nentries = size ? size - 1 : 0;
	if (size && data[0] & 1) {
		buf_put(&file, entries, nentries);
	} else {
		uint64_t stamp[3];
		if (!meta_cache_binary_stamp(stamp))
			abort();
		uint32_t version = 1;
		uint64_t sum = csum64(nentries ? (const void *)entries : "", nentries);
		buf_put(&file, "IACREVMC", 8);
		buf_put(&file, &version, 4);
		buf_put(&file, stamp, sizeof(stamp));
		buf_put(&file, &sum, 8);
		buf_put(&file, entries, nentries);
	}
	FILE *f = fopen(cache_file, "wb");
	if (!f || fwrite(file.ptr ? file.ptr : "", 1, file.len, f) != file.len)
		abort();
	fclose(f);
	buf_free(&file);

	struct meta_cache *c = meta_cache_open(dir);
	/* ask for each entry the input frames: u32 length, blob id, u32 path
	 * length, path */
	for (size_t at = 0; at + 4 + GIT_OID_RAWSZ + 4 <= nentries;) {
		uint32_t n, plen;
		memcpy(&n, entries + at, 4);
		memcpy(&plen, entries + at + 4 + GIT_OID_RAWSZ, 4);
		size_t pat = at + 4 + GIT_OID_RAWSZ + 4;
		if (plen < 4096 && pat + plen <= nentries) {
			git_oid blob;
			git_oid_fromraw(&blob, entries + at + 4);
			char *path = xstrndup((const char *)entries + pat, plen);
			struct meta m;
			if (meta_cache_get(c, &blob, path, &m)) {
				use(&m);
				meta_free(&m);
			}
			free(path);
		}
		if (n > nentries - at - 4)
			break;
		at += 4 + (size_t)n;
	}
	struct meta fresh;
	memset(&fresh, 0, sizeof(fresh));
	git_oid zero;
	memset(&zero, 0, sizeof(zero));
	meta_cache_put(c, &zero, "archive/x/Pr1/metadata.json", &fresh);
	meta_cache_close(c); /* rewrites the file from what was used: must not crash */
	return 0;
}
