/* metadata.json as real files are: every training_quality shape, aliases,
 * malformed files with line and column, odd types. */
#include "testlib.h"

#include "../../core/meta.h"

static void parse(struct meta *m, const char *json)
{
	meta_parse(m, "x/metadata.json", json, strlen(json));
}

static bool has_problem(const struct meta *m, const char *needle)
{
	for (size_t i = 0; i < m->n_problems; i++)
		if (strstr(m->problems[i], needle))
			return true;
	return false;
}

static void tq_variants(void **state)
{
	(void)state;
	struct meta m;
	char out[16];

	parse(&m, "{\"training_quality\": 9}");
	assert_true(m.tq.has);
	assert_true(m.tq.value == 9);
	tq_format(&m.tq, out);
	assert_string_equal(out, "9");
	assert_int_equal(m.n_problems, 2); /* no platform, no language */
	meta_free(&m);

	parse(&m, "{\"training_quality\": 8.5}");
	assert_true(m.tq.has);
	tq_format(&m.tq, out);
	assert_string_equal(out, "8.5");
	meta_free(&m);

	parse(&m, "{\"training_quality\": 0.95}");
	tq_format(&m.tq, out);
	assert_string_equal(out, "0.95");
	meta_free(&m);

	parse(&m, "{\"training_quality\": \"9\"}");
	assert_true(m.tq.has);
	assert_true(m.tq.value == 9);
	assert_non_null(strstr(m.tq.reason, "string"));
	assert_true(has_problem(&m, "training_quality is a string"));
	meta_free(&m);

	parse(&m, "{\"training_quality\": \"high\"}");
	assert_false(m.tq.has);
	assert_string_equal(m.tq.reason, "the string \"high\" is not a number");
	tq_format(&m.tq, out);
	assert_string_equal(out, "none");
	meta_free(&m);

	parse(&m, "{\"training_quality\": {\"overall_rating\": 9, \"notes\": \"x\"}}");
	assert_false(m.tq.has);
	assert_string_equal(m.tq.reason, "an object, not a number");
	assert_true(has_problem(&m, "an object"));
	meta_free(&m);

	parse(&m, "{\"platform\": \"cdk\"}");
	assert_false(m.tq.has);
	assert_string_equal(m.tq.reason, "absent");
	assert_null(m.tq.raw);
	meta_free(&m);

	parse(&m, "{\"training_qulity\": 9}");
	assert_false(m.tq.has);
	assert_non_null(strstr(m.tq.reason, "training_qulity"));
	assert_true(has_problem(&m, "training_qulity"));
	meta_free(&m);

	parse(&m, "{\"training_quality\": 12}");
	assert_false(m.tq.has);
	assert_non_null(strstr(m.tq.reason, "outside"));
	meta_free(&m);

	parse(&m, "{\"training_quality\": null}");
	assert_false(m.tq.has);
	assert_string_equal(m.tq.reason, "null");
	meta_free(&m);

	parse(&m, "{\"training_quality\": 10, \"training_quality_score\": 7.0}");
	assert_true(m.tq.has);
	assert_true(m.tq.value == 10);
	meta_free(&m);
}

static void malformed_has_line_and_column(void **state)
{
	(void)state;
	struct meta m;
	parse(&m, "{\n  \"platform\": \"cdk\",\n  \"subject_labels\": [\n    \"a\",\n  ],\n}\n");
	assert_non_null(m.error);
	assert_non_null(strstr(m.error, "x/metadata.json: line 5"));
	assert_non_null(strstr(m.error, "column"));
	assert_false(m.tq.has);
	assert_null(m.platform.raw);
	meta_free(&m);

	parse(&m, "[1, 2]");
	assert_non_null(strstr(m.error, "not an object"));
	meta_free(&m);

	parse(&m, "");
	assert_non_null(m.error);
	meta_free(&m);

	const char bad_utf8[] = "{\"author\": \"caf\xe9\"}";
	parse(&m, bad_utf8);
	assert_non_null(m.error);
	assert_non_null(strstr(m.error, "UTF-8"));
	meta_free(&m);
}

/* A trailing comma is named as such, at jansson's position (the bracket);
 * other errors keep jansson's words. */
static void trailing_comma_named(void **state)
{
	(void)state;
	struct meta m;
	/* the shape of the corpus: a list as the last member, then "," */
	parse(&m, "{\n  \"platform\": \"cfn\",\n  \"subject_labels\": [\n    \"a\"\n  ],\n}\n");
	assert_string_equal(m.error, "x/metadata.json: line 6, column 1: a trailing comma before '}'");
	assert_string_equal(m.tq.reason, "metadata.json does not parse");
	meta_free(&m);

	parse(&m, "{\"aws_services\": [\"S3\",\r\n  \"KMS\",\r\n ]}");
	assert_string_equal(m.error, "x/metadata.json: line 3, column 2: a trailing comma before ']'");
	meta_free(&m);

	parse(&m, "{\"a\": 1,,}");
	assert_string_equal(m.error, "x/metadata.json: line 1, column 9: string or '}' expected near ','");
	meta_free(&m);

	parse(&m, "{\"a\": [1 }");
	assert_null(strstr(m.error, "trailing comma"));
	meta_free(&m);
}

static void aliases_and_fields(void **state)
{
	(void)state;
	struct meta m;
	parse(&m, "\xEF\xBB\xBF{\"platform\": \"CloudFormation\", \"language\": \"yml\","
		  "\"complexity\": \"Moderate\", \"po_id\": 348982, \"team\": 3,"
		  "\"aws_services\": \"S3\", \"subject_labels\": [\"A\", 2],"
		  "\"author\": \"ada\", \"startedAt\": \"2025-11-09T14:30:00.3NZ\"}");
	assert_null(m.error);
	assert_string_equal(m.platform.raw, "CloudFormation");
	assert_string_equal(m.platform.norm, "cfn");
	assert_string_equal(m.language.norm, "yaml");
	assert_string_equal(m.complexity.norm, "medium");
	assert_string_equal(m.po_id.raw, "348982");
	assert_string_equal(m.team.raw, "3");
	assert_int_equal(m.n_aws_services, 1);
	assert_string_equal(m.aws_services[0], "S3");
	assert_int_equal(m.n_subject_labels, 2);
	assert_string_equal(m.subject_labels[1], "2");
	assert_string_equal(m.started_at.raw, "2025-11-09T14:30:00.3NZ");
	assert_int_equal(m.n_problems, 0);
	meta_free(&m);

	parse(&m, "{\"platform\": [\"cdk\"], \"language\": \"ts\"}");
	assert_true(has_problem(&m, "platform is a list"));
	meta_free(&m);

	char *n = meta_norm_language(" TypeScript ");
	assert_string_equal(n, "ts");
	free(n);
	n = meta_norm_platform("terraform");
	assert_string_equal(n, "tf");
	free(n);
}

static void deep_nesting_is_refused_not_crashing(void **state)
{
	(void)state;
	size_t depth = 100000;
	char *s = xmalloc(depth * 2 + 16);
	size_t n = 0;
	n += (size_t)sprintf(s, "{\"a\":");
	for (size_t i = 0; i < depth; i++)
		s[n++] = '[';
	for (size_t i = 0; i < depth; i++)
		s[n++] = ']';
	s[n++] = '}';
	struct meta m;
	meta_parse(&m, "deep/metadata.json", s, n);
	assert_non_null(m.error);
	meta_free(&m);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tq_variants),
		cmocka_unit_test(malformed_has_line_and_column),
		cmocka_unit_test(trailing_comma_named),
		cmocka_unit_test(aliases_and_fields),
		cmocka_unit_test(deep_nesting_is_refused_not_crashing),
	};
	return cmocka_run_group_tests(tests, fx_setup_global, fx_teardown_global);
}
