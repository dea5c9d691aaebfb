/* The views iacrev knows, by name, and the helpers every view shares. */
#include "view.h"


#include <string.h>
#include <strings.h>

/* Views register here as they land (diff, document, failures, history,
 * score).  view_find() of a missing one returns NULL and the shell says
 * "not available yet". */
static const struct view_ops *const registry[] = {
	&tasks_view_ops,
	&task_view_ops,
	&help_view_ops,
	&blob_view_ops,
	&diff_view_ops,
	&document_view_ops,
	&failures_view_ops,
	&scoresheet_view_ops,
	NULL,
};

const struct view_ops *view_find(const char *name)
{
	for (const struct view_ops *const *o = registry; *o; o++)
		if (strcmp((*o)->name, name) == 0)
			return *o;
	return NULL;
}

int view_load_task(struct view *v, const char *path, struct task *out)
{
	return task_load_path(v->work->repo, &v->work->commit, path ? path : ".", out);
}

int view_open_doc(struct view *from, const char *task, const char *doc)
{
	struct view_args args = { task, doc, 0 };
	/* Markdown is rendered; anything else (metadata.json, code) is shown
	 * as it is. */
	size_t n = strlen(doc);
	bool markdown = n >= 3 && strcasecmp(doc + n - 3, ".md") == 0;
	const struct view_ops *ops = markdown ? view_find("document") : NULL;
	return view_push(from, ops ? ops : &blob_view_ops, &args);
}
