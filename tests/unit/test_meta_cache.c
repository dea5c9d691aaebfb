/* meta_cache: parsed metadata.json kept between runs, keyed by blob and
 * path; a damaged file is ignored. */
#include "testlib.h"

#include <stdio.h>
#include <sys/stat.h>

#include "../../core/meta_cache.h"

static const char *const json_texts[] = {
	"{\"platform\":\"CloudFormation\",\"language\":\"yml\",\"complexity\":\"high\","
	"\"subtask\":\"Web\",\"region\":\"us-east-1\",\"po_id\":\"p1\",\"team\":\"synth\","
	"\"author\":\"a\",\"startedAt\":\"2025-07-11\",\"subject_labels\":[\"x\",\"y\"],"
	"\"aws_services\":[\"S3\",\"SNS\",\"ELB\"],\"training_quality\":\"8.5\",\"extra\":1}",
	"{\"platform\":\"tf\",\"training_quality\":{\"score\":9},}",
	"{\"language\":[1,2],\"training_quality\":7}",
	"",
};

static void same_str(const char *a, const char *b)
{
	if (!a || !b)
		assert_true(a == b);
	else
		assert_string_equal(a, b);
}

static void same_list(char *const *a, size_t na, char *const *b, size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++)
		assert_string_equal(a[i], b[i]);
}

static void same_meta(const struct meta *x, const struct meta *y)
{
	const struct meta_field *fx[] = { &x->platform, &x->language, &x->complexity, &x->subtask,
					  &x->region, &x->po_id, &x->team, &x->author, &x->started_at };
	const struct meta_field *fy[] = { &y->platform, &y->language, &y->complexity, &y->subtask,
					  &y->region, &y->po_id, &y->team, &y->author, &y->started_at };
	for (size_t i = 0; i < FX_COUNT(fx); i++) {
		same_str(fx[i]->raw, fy[i]->raw);
		same_str(fx[i]->norm, fy[i]->norm);
	}
	same_list(x->subject_labels, x->n_subject_labels, y->subject_labels, y->n_subject_labels);
	same_list(x->aws_services, x->n_aws_services, y->aws_services, y->n_aws_services);
	assert_int_equal(x->tq.has, y->tq.has);
	assert_true(x->tq.value == y->tq.value);
	same_str(x->tq.raw, y->tq.raw);
	same_str(x->tq.reason, y->tq.reason);
	same_str(x->error, y->error);
	same_list(x->problems, x->n_problems, y->problems, y->n_problems);
}

/* The blob id of text i and its path. */
static git_oid blob_of(size_t i)
{
	return fx_blob_id(json_texts[i]);
}

static void path_of(char out[64], size_t i)
{
	snprintf(out, 64, "archive/x/Pr%zu/metadata.json", i);
}

static void fill(const char *gitdir)
{
	struct meta_cache *c = meta_cache_open(gitdir);
	for (size_t i = 0; i < FX_COUNT(json_texts); i++) {
		char path[64];
		path_of(path, i);
		git_oid id = blob_of(i);
		struct meta m;
		assert_false(meta_cache_get(c, &id, path, &m));
		meta_parse(&m, path, json_texts[i], strlen(json_texts[i]));
		meta_cache_put(c, &id, path, &m);
		meta_free(&m);
	}
	meta_cache_close(c);
}

static void round_trip(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	fill(fx->repo->gitdir);
	struct meta_cache *c = meta_cache_open(fx->repo->gitdir);
	for (size_t i = 0; i < FX_COUNT(json_texts); i++) {
		char path[64];
		path_of(path, i);
		git_oid id = blob_of(i);
		struct meta got, want;
		assert_true(meta_cache_get(c, &id, path, &got));
		meta_parse(&want, path, json_texts[i], strlen(json_texts[i]));
		same_meta(&got, &want);
		meta_free(&got);
		meta_free(&want);
	}
	/* the same blob at another path, another blob at the same path */
	char path[64];
	path_of(path, 0);
	git_oid id0 = blob_of(0), id1 = blob_of(1);
	struct meta m;
	assert_false(meta_cache_get(c, &id0, "archive/y/Pr0/metadata.json", &m));
	assert_false(meta_cache_get(c, &id1, path, &m));
	meta_cache_close(c);
	fx_repo_free(fx);
}

/* Change the cache file: cut it at `keep` bytes, or flip the byte at `flip`. */
static void damage(const char *gitdir, long keep, long flip)
{
	char *file = xasprintf("%s/iacrev/meta.cache", gitdir);
	struct stat st;
	assert_int_equal(stat(file, &st), 0);
	if (keep >= 0) {
		assert_int_equal(truncate(file, keep), 0);
	} else {
		FILE *f = fopen(file, "r+b");
		assert_non_null(f);
		assert_int_equal(fseek(f, flip < 0 ? st.st_size + flip : flip, SEEK_SET), 0);
		int ch = fgetc(f);
		assert_int_equal(fseek(f, flip < 0 ? st.st_size + flip : flip, SEEK_SET), 0);
		fputc(ch ^ 0x5a, f);
		fclose(f);
	}
	free(file);
}

static void damaged_file_is_ignored(void **state)
{
	(void)state;
	struct fx_repo *fx = fx_repo_new(0);
	/* a flipped byte in an entry, in the header (the writer's identity), a cut */
	const long keeps[] = { -1, -1, 30, 100 };
	const long flips[] = { -10, 14, 0, 0 };
	for (size_t k = 0; k < FX_COUNT(keeps); k++) {
		fill(fx->repo->gitdir);
		damage(fx->repo->gitdir, keeps[k], flips[k]);
		struct meta_cache *c = meta_cache_open(fx->repo->gitdir);
		for (size_t i = 0; i < FX_COUNT(json_texts); i++) {
			char path[64];
			path_of(path, i);
			git_oid id = blob_of(i);
			struct meta m;
			assert_false(meta_cache_get(c, &id, path, &m));
		}
		meta_cache_close(c);
	}
	fx_repo_free(fx);
}

static void no_gitdir_no_cache(void **state)
{
	(void)state;
	struct meta_cache *c = meta_cache_open(NULL);
	git_oid id = blob_of(0);
	struct meta m;
	meta_parse(&m, "metadata.json", json_texts[0], strlen(json_texts[0]));
	meta_cache_put(c, &id, "metadata.json", &m);
	meta_free(&m);
	assert_false(meta_cache_get(c, &id, "metadata.json", &m));
	meta_cache_close(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip),
		cmocka_unit_test(damaged_file_is_ignored),
		cmocka_unit_test(no_gitdir_no_cache),
	};
	return cmocka_run_group_tests(tests, fx_setup_global, fx_teardown_global);
}
