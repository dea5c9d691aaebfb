/* Reading a file of a task for a view: a document of lib/ by name (its
 * blob, so a missing object is named), else any path inside the task. */
#include <stdlib.h>

#include "../core/mem.h"
#include "view.h"

int view_read_task_file(struct view *v, const struct task *t, const char *name, char **path,
			struct buf *out)
{
	const struct task_doc *d = task_doc_by_name(t, name);
	char *p = d ? task_doc_path(t, d) : t->path[0] ? xasprintf("%s/%s", t->path, name) : xstrdup(name);
	int rc = d ? repo_read_blob(v->work->repo, &d->blob, p, view_commit_short(v), out)
		   : repo_read_file(v->work->repo, view_commit(v), p, out);
	if (rc < 0 || !path)
		free(p);
	else
		*path = p;
	return rc;
}
