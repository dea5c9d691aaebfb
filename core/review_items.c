#include "review_items.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mem.h"

/* Interim: numbered headings ("## 3. Title", "### 3) Title") outside code
 * fences.  To be replaced by core/failures (branch failures) when it lands
 * on main: review_items_split then maps failures_split's items. */
void review_items_split(const char *bytes, size_t len, struct review_items *out)
{
	const char *p = bytes, *end = bytes + len;
	bool fence = false;
	size_t cap = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *q = p, *e = p + n;
		if (e > q && e[-1] == '\r')
			e--;
		if (e - q >= 3 && (strncmp(q, "```", 3) == 0 || strncmp(q, "~~~", 3) == 0))
			fence = !fence;
		else if (!fence && q < e && *q == '#') {
			while (q < e && *q == '#')
				q++;
			while (q < e && *q == ' ')
				q++;
			while (q < e && *q == '*')
				q++;
			const char *digits = q;
			while (q < e && isdigit((unsigned char)*q))
				q++;
			if (q > digits && q < e && (*q == '.' || *q == ')')) {
				q++;
				while (q < e && (*q == ' ' || *q == '*'))
					q++;
				const char *te = e;
				while (te > q && (te[-1] == '*' || te[-1] == ' '))
					te--;
				VEC_GROW(out->v, out->n + 1, cap);
				out->v[out->n].n = (int)out->n + 1;
				out->v[out->n].title = xstrndup(q, (size_t)(te - q));
				out->v[out->n].cat = RC_UNSET;
				out->n++;
			}
		}
		p += n + (nl ? 1 : 0);
	}
}

int review_items_load(struct repo *r, const struct task *t, const git_oid *commit,
		      struct review_items *out)
{
	memset(out, 0, sizeof(*out));
	const struct task_doc *d = task_doc(t, DOC_FAILURES);
	if (!d)
		return 0;
	out->has_doc = true;
	char *path = task_doc_path(t, d);
	char rev[11];
	repo_short_id(rev, commit);
	struct buf b = BUF_INIT;
	int rc = repo_read_blob(r, &d->blob, path, rev, &b);
	free(path);
	if (rc == 0)
		review_items_split(b.ptr ? b.ptr : "", b.len, out);
	buf_free(&b);
	return rc;
}

void review_items_free(struct review_items *items)
{
	for (size_t i = 0; i < items->n; i++)
		free(items->v[i].title);
	free(items->v);
	memset(items, 0, sizeof(*items));
}
