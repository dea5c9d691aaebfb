/* Fuzz target: one note of review records (JSON lines) as review_set
 * reads it.  Every line gives a record, parsed or opaque (with a reason);
 * a parsed record encodes to one line without control bytes that decodes
 * to a record encoding to the same line; the rubric takes its answers. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/review_set.h"
#include "../../core/rubric.h"
#include "../../core/utf8.h"

#include "fuzzlib.h"

static void check_line(const char *s)
{
	size_t n = strlen(s);
	if (!utf8_valid(s, n))
		__builtin_trap();
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct review_set set;
	memset(&set, 0, sizeof(set));
	git_oid bucket;
	memset(&bucket, 0xab, sizeof(bucket));
	review_set_add_note(&set, &bucket, &bucket, (const char *)data, size);
	review_set_index(&set);
	for (size_t i = 0; i < set.n; i++) {
		const struct review_record *r = &set.v[i];
		if (!r->line || r->len > size || (!r->parsed && !r->why) || !r->lineno || r->lineno > size)
			__builtin_trap();
		if (!r->parsed)
			continue;
		char *line = review_encode(r);
		check_line(line);
		struct review_record again;
		memset(&again, 0, sizeof(again));
		review_decode(line, strlen(line), &again);
		if (!again.parsed)
			__builtin_trap();
		char *line2 = review_encode(&again);
		if (strcmp(line, line2) != 0)
			__builtin_trap();
		free(line2);
		free(line);
		review_record_free(&again);
		fuzz_rubric(r);
	}
	for (size_t i = 0; i < set.ncur; i++)
		if (set.cur[i].record >= set.n || !set.cur[i].nheads)
			__builtin_trap();
	review_set_free(&set);
	return 0;
}
