#include "testlib.h"

#include "../../core/oidmap.h"

static git_oid make_oid(uint32_t n)
{
	char s[32];
	snprintf(s, sizeof(s), "object %u", n);
	return fx_blob_id(s);
}

static void put_get_iterate(void **state)
{
	(void)state;
	struct oidmap m = OIDMAP_INIT;
	for (uint32_t i = 0; i < 5000; i++) {
		git_oid id = make_oid(i);
		assert_true(oidmap_add(&m, &id, i, NULL));
	}
	assert_int_equal(m.count, 5000);
	git_oid id = make_oid(42);
	uint64_t v = 0;
	assert_false(oidmap_add(&m, &id, 7, &v));
	assert_int_equal(v, 42);
	oidmap_put(&m, &id, 7);
	assert_true(oidmap_get(&m, &id, &v));
	assert_int_equal(v, 7);
	git_oid absent = make_oid(99999);
	assert_false(oidmap_has(&m, &absent));
	size_t pos = 0, seen = 0;
	const struct oidmap_slot *s;
	uint64_t sum = 0;
	while (oidmap_next(&m, &pos, &s)) {
		seen++;
		sum += s->value;
	}
	assert_int_equal(seen, 5000);
	assert_int_equal(sum, (uint64_t)4999 * 5000 / 2 - 42 + 7);
	oidmap_clear(&m);
	assert_false(oidmap_has(&m, &id));
	oidmap_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(put_get_iterate) };
	return cmocka_run_group_tests(tests, fx_setup_global, fx_teardown_global);
}
