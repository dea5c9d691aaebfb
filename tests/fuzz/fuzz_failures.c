/* Fuzz target: untrusted bytes into the failures splitter; the items it
 * finds must be ordered and lie inside the file. */
#include <stdint.h>
#include <string.h>

#include "../../core/failures.h"
#include "../../core/utf8.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	utf8_locale_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct failures f;
	failures_split(&f, (const char *)data, size);
	int prev = 0;
	for (size_t i = 0; i < f.n; i++) {
		const struct failure_item *it = &f.v[i];
		if (it->ordinal != (int)i + 1 || it->first < 1 || it->first > it->last ||
		    it->last > f.lines || it->first < prev || !it->title)
			__builtin_trap();
		if (it->body_first <= it->body_last &&
		    (it->body_first <= it->first || it->body_last != it->last))
			__builtin_trap();
		if (!utf8_valid(it->title, strlen(it->title)))
			__builtin_trap();
		prev = it->first;
	}
	failures_free(&f);
	return 0;
}
