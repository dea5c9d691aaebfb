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
	&history_view_ops,
	&log_view_ops,
	&commit_view_ops,
	&revdiff_view_ops,
	NULL,
};

const struct view_ops *view_find(const char *name)
{
	for (const struct view_ops *const *o = registry; *o; o++)
		if (strcmp((*o)->name, name) == 0)
			return *o;
	return NULL;
}

const git_oid *view_commit(const struct view *v)
{
	return v->at_rev ? &v->rev : &v->work->commit;
}

const char *view_commit_short(const struct view *v)
{
	return v->at_rev ? v->rev_short : v->work->rev_short;
}

const git_oid *view_rev_or_null(const struct view *v)
{
	return v->at_rev ? &v->rev : NULL;
}

int view_load_task(struct view *v, const char *path, struct task *out)
{
	return task_load_path(v->work->repo, view_commit(v), path ? path : ".", out);
}

int view_open_doc(struct view *from, const char *task, const char *doc)
{
	return view_open_doc_at(from, task, doc, NULL);
}

int view_open_doc_at(struct view *from, const char *task, const char *doc, const git_oid *commit)
{
	struct view_args args = { task, doc, 0, commit, NULL };
	/* Markdown is rendered; anything else (metadata.json, code) is shown
	 * as it is. */
	size_t n = strlen(doc);
	bool markdown = n >= 3 && strcasecmp(doc + n - 3, ".md") == 0;
	const struct view_ops *ops = markdown ? view_find("document") : NULL;
	return view_push(from, ops ? ops : &blob_view_ops, &args);
}
