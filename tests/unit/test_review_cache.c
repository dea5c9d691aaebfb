/* The records cache (<gitdir>/iacrev/reviews.cache): a load from the
 * cache gives exactly what decoding the notes gives; a damaged, truncated
 * or foreign cache is ignored and rebuilt; new notes are appended. */
#include "testlib.h"

#include <fcntl.h>

#include "../../core/notes.h"
#include "../../core/review_set.h"

static git_signature *sig;

static git_oid obj_n(int n)
{
	char s[32];
	snprintf(s, sizeof(s), "commit %d", n);
	return fx_blob_id(s);
}

static void add(struct fx_repo *fx, int object, const char *line)
{
	struct notes_write_opts o = { REVIEW_REF, "iacrev: test", sig, 5000, NULL };
	git_oid obj = obj_n(object);
	const char *lines[] = { line };
	assert_int_equal(notes_add_lines(fx->git, &o, &obj, lines, 1, NULL), 0);
}

static char *record_line(int i, const char *task, const char *note)
{
	return xasprintf("{\"v\":1,\"at\":\"2026-01-01T00:00:%02d.000Z\",\"id\":\"%016x\",\"task\":\"%s\","
			 "\"tree\":\"1111111111111111111111111111111111111111\","
			 "\"commit\":\"2222222222222222222222222222222222222222\","
			 "\"by\":{\"name\":\"N\",\"email\":\"r%d@example.org\"},\"supersedes\":null,"
			 "\"rubric\":\"iacrev-rubric-1\",\"answers\":{\"blockers\":[\"region\"],\"items\":"
			 "[{\"n\":1,\"title\":\"t\\u0000x\\u001b\",\"cat\":\"A\"}],\"factors\":[\"ha\"],"
			 "\"localstack\":true},\"computed\":5,\"score\":%d,\"reason\":%s,\"note\":\"%s\",\"secs\":%d}",
			 i % 60, i + 1, task, i % 3, i % 2 ? 5 : 7, i % 2 ? "null" : "\"why\"", note, i);
}

static void fill(struct fx_repo *fx, int from, int to)
{
	for (int i = from; i < to; i++) {
		char *l = record_line(i, i % 2 ? "a/b" : "c", "n\\u00e9");
		add(fx, i % 7, l);
		free(l);
	}
	add(fx, 3, "not json at all");
}

/* A load's records as text: bucket, line, and the re-encoded record. */
static char *dump(struct fx_repo *fx, size_t *hits)
{
	struct review_set s;
	assert_int_equal(review_set_load(fx->repo, &s), 0);
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < s.n; i++) {
		char hex[GIT_OID_HEXSZ + 1];
		const struct review_record *r = &s.v[i];
		char bhex[GIT_OID_HEXSZ + 1];
		buf_printf(&b, "%s %s:%u %d %s|", git_oid_tostr(hex, sizeof(hex), &r->bucket),
			   git_oid_tostr(bhex, sizeof(bhex), &r->blob), (unsigned)r->lineno, r->parsed,
			   r->why ? r->why : "");
		buf_put(&b, r->line, r->len);
		if (r->parsed) {
			char *e = review_encode(r);
			buf_printf(&b, "|%s|%d%d%d", e, r->current, r->superseded, r->unknown_supersedes);
			free(e);
		}
		buf_putc(&b, '\n');
	}
	*hits = s.cache_hits;
	review_set_free(&s);
	char *out = xstrdup(buf_cstr(&b));
	buf_free(&b);
	return out;
}

static char *cache_path(struct fx_repo *fx)
{
	return xasprintf("%s/.git/iacrev/reviews.cache", fx->dir);
}

static void cached_load_equals_decoded(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	fill(fx, 0, 40);
	size_t hits;
	char *first = dump(fx, &hits);
	assert_int_equal(hits, 0);
	char *second = dump(fx, &hits);
	assert_int_equal(hits, 7);
	assert_string_equal(first, second);
	/* a new note version: one blob decoded, the rest from the cache */
	add(fx, 5, "{\"v\":3,\"future\":true}");
	char *third = dump(fx, &hits);
	assert_int_equal(hits, 6);
	char *fourth = dump(fx, &hits);
	assert_int_equal(hits, 7);
	assert_string_equal(third, fourth);
	assert_non_null(strstr(fourth, "format version 3"));
	free(first);
	free(second);
	free(third);
	free(fourth);
	fx_repo_free(fx);
}

static void write_file_bytes(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	fclose(f);
}

static void damaged_cache_is_ignored(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	fill(fx, 0, 30);
	size_t hits;
	char *want = dump(fx, &hits);
	char *path = cache_path(fx);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	FILE *f = fopen(path, "rb");
	unsigned char *data = xmalloc((size_t)st.st_size);
	assert_int_equal(fread(data, 1, (size_t)st.st_size, f), (size_t)st.st_size);
	fclose(f);
	/* cut in the middle of an entry */
	write_file_bytes(path, data, (size_t)st.st_size / 2);
	char *got = dump(fx, &hits);
	assert_string_equal(got, want);
	assert_true(hits < 7);
	free(got);
	/* a byte flipped inside an entry: its checksum fails */
	data[st.st_size / 3] ^= 0x5a;
	write_file_bytes(path, data, (size_t)st.st_size);
	got = dump(fx, &hits);
	assert_string_equal(got, want);
	free(got);
	/* another format version, garbage, an empty file */
	data[8] ^= 1;
	write_file_bytes(path, data, (size_t)st.st_size);
	got = dump(fx, &hits);
	assert_int_equal(hits, 0);
	assert_string_equal(got, want);
	free(got);
	write_file_bytes(path, "garbage", 7);
	got = dump(fx, &hits);
	assert_string_equal(got, want);
	free(got);
	write_file_bytes(path, "", 0);
	got = dump(fx, &hits);
	assert_string_equal(got, want);
	free(got);
	/* and after each, rebuilt */
	got = dump(fx, &hits);
	assert_int_equal(hits, 7);
	assert_string_equal(got, want);
	free(got);
	free(data);
	free(path);
	free(want);
	fx_repo_free(fx);
}

static void unwritable_cache_still_loads(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	fill(fx, 0, 10);
	/* a file where the cache folder would go */
	char *dir = xasprintf("%s/.git/iacrev", fx->dir);
	write_file_bytes(dir, "x", 1);
	size_t hits;
	char *a = dump(fx, &hits), *b = dump(fx, &hits);
	assert_int_equal(hits, 0);
	assert_string_equal(a, b);
	free(a);
	free(b);
	free(dir);
	fx_repo_free(fx);
}

static void stale_entries_are_compacted(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	size_t hits, size0 = 0;
	char *path = cache_path(fx);
	/* every save makes the old version of one note unused */
	for (int round = 0; round < 30; round++) {
		char *l = record_line(round, "t", "grow");
		add(fx, 1, l);
		free(l);
		free(dump(fx, &hits));
		struct stat st;
		assert_int_equal(stat(path, &st), 0);
		if (round == 0)
			size0 = (size_t)st.st_size;
		/* bounded: about twice the live size at most, plus the slack */
		assert_true((size_t)st.st_size < 2 * size0 * (size_t)(round + 1) + (1u << 20) + 4096);
	}
	free(path);
	fx_repo_free(fx);
}

static int setup(void **state)
{
	fx_setup_global(state);
	return git_signature_new(&sig, "T", "t@example.org", 1751364000, 0);
}

static int teardown(void **state)
{
	git_signature_free(sig);
	return fx_teardown_global(state);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cached_load_equals_decoded),
		cmocka_unit_test(damaged_cache_is_ignored),
		cmocka_unit_test(unwritable_cache_still_loads),
		cmocka_unit_test(stale_entries_are_compacted),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
