#include "review_cache.h"

#include <string.h>

#include "buf.h"
#include "err.h"
#include "mem.h"

int review_cache_fill(struct repo *r, const struct notes_list *l, struct review_set *out)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < l->n; i++) {
		if (repo_read_blob(r, &l->v[i].blob, l->v[i].path, REVIEW_REF, &b) < 0) {
			/* the other notes are still worth showing */
			out->problems = xreallocarray(out->problems, out->nproblems + 1, sizeof(char *));
			out->problems[out->nproblems++] = xstrdup(err_msg());
			continue;
		}
		review_set_add_note(out, &l->v[i].object, b.ptr ? b.ptr : "", b.len);
		out->notes++;
	}
	buf_free(&b);
	return 0;
}
