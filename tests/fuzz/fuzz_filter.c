/* Fuzz target: the task filter language and sort key parser. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../core/mem.h"
#include "../../core/taskq.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *expr = xstrndup((const char *)data, size);
	struct task_filter *f = NULL;
	if (task_filter_parse(expr, &f) == 0) {
		struct task t;
		memset(&t, 0, sizeof(t));
		t.path = "archive/cdk-ts/Pr1";
		task_filter_match(f, &t, NULL);
		task_filter_free(f);
	}
	enum task_sort key;
	bool reverse;
	task_sort_parse(expr, &key, &reverse);
	free(expr);
	return 0;
}
