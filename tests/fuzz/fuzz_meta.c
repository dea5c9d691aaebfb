/* Fuzz target: metadata.json reading (jansson, then every field's
 * normalisation, the training_quality rules and the JSON echo). */
#include <stdint.h>
#include <stdlib.h>

#include "../../core/meta.h"
#include "../../core/task.h"
#include "../../views/tasks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct meta m;
	meta_parse(&m, "fuzz/metadata.json", (const char *)data, size);
	char out[16];
	tq_format(&m.tq, out);
	/* Render the row and the JSON the CLI would print. */
	struct task t = { 0 };
	t.path = "fuzz";
	t.has_meta = 1;
	t.meta = m;
	struct task_cols cols;
	task_cols_init(&cols, 40);
	task_cols_fit(&cols, &t);
	struct sline l;
	sline_init(&l);
	task_row_line(&l, &t, &cols);
	sline_free(&l);
	json_t *j = task_json(&t);
	char *s = json_dumps(j, JSON_COMPACT);
	free(s);
	json_decref(j);
	meta_free(&m);
	return 0;
}
