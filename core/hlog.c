/* The repository log, commit details, the changes of a commit and the
 * commit that last changed a folder, from the history index. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "err.h"
#include "hist_priv.h"
#include "mem.h"

/* The heap. */

static void swap(uint32_t *a, uint32_t *b)
{
	uint32_t t = *a;
	*a = *b;
	*b = t;
}

void uheap_push(struct uheap *h, uint32_t x)
{
	VEC_GROW(h->v, h->n + 1, h->cap);
	size_t i = h->n++;
	h->v[i] = x;
	while (i && h->before(h->ctx, h->v[i], h->v[(i - 1) / 2])) {
		swap(&h->v[i], &h->v[(i - 1) / 2]);
		i = (i - 1) / 2;
	}
}

uint32_t uheap_pop(struct uheap *h)
{
	uint32_t top = h->v[0];
	h->v[0] = h->v[--h->n];
	size_t i = 0;
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, best = i;
		if (l < h->n && h->before(h->ctx, h->v[l], h->v[best]))
			best = l;
		if (r < h->n && h->before(h->ctx, h->v[r], h->v[best]))
			best = r;
		if (best == i)
			break;
		swap(&h->v[i], &h->v[best]);
		i = best;
	}
	return top;
}

void uheap_free(struct uheap *h)
{
	free(h->v);
	h->v = NULL;
	h->n = h->cap = 0;
}

bool hist_newer(const void *ctx, uint32_t a, uint32_t b)
{
	const struct hindex *ix = ctx;
	if (ix->times[a] != ix->times[b])
		return ix->times[a] > ix->times[b];
	return a > b;
}

/* Folders and documents. */

int hist_folder_tree(struct repo *r, const git_oid *commit, const char *path, git_oid *out)
{
	git_commit *c = NULL;
	if (git_commit_lookup(&c, r->git, commit) < 0) {
		char sid[11];
		repo_short_id(sid, commit);
		return err_setc(ERR_MISSING, "commit %s cannot be read", sid);
	}
	if (!path[0]) {
		git_oid_cpy(out, git_commit_tree_id(c));
		git_commit_free(c);
		return 0;
	}
	git_tree *root = NULL;
	int rc = git_commit_tree(&root, c);
	git_commit_free(c);
	if (rc < 0)
		return err_setc(ERR_MISSING, "the tree of a commit is missing");
	git_tree_entry *e = NULL;
	rc = git_tree_entry_bypath(&e, root, path);
	git_tree_free(root);
	if (rc == GIT_ENOTFOUND)
		return ERR_NOTFOUND;
	if (rc < 0)
		return err_git(ERR_MISSING, "%s", path);
	bool tree = git_tree_entry_type(e) == GIT_OBJECT_TREE;
	if (tree)
		git_oid_cpy(out, git_tree_entry_id(e));
	git_tree_entry_free(e);
	return tree ? 0 : ERR_NOTFOUND;
}

void hist_docs_of(struct repo *r, const git_oid *tree, const char *path, struct hdocs *out)
{
	const char *slash = strrchr(path, '/');
	bool is_lib = strcmp(slash ? slash + 1 : path, "lib") == 0;
	if (hdocs_read(r->git, tree, is_lib, out) < 0) {
		err_clear();
		memset(out, 0, sizeof(*out));
	}
}

static int doc_cmp(const void *a, const void *b)
{
	const struct hist_doc *x = a, *y = b;
	/* metadata.json after the documents, like the columns */
	unsigned bx = x->bit == HC_META ? 1u << 30 : x->bit, by = y->bit == HC_META ? 1u << 30 : y->bit;
	if (bx != by)
		return bx < by ? -1 : 1;
	return strcmp(x->name, y->name);
}

void hist_docs_diff(struct repo *r, const struct hdocs *old_docs, const struct hdocs *new_docs,
		    struct hist_doc **out, size_t *n)
{
	struct hist_doc *v = NULL;
	size_t count = 0, cap = 0;
	git_odb *odb = NULL;
	if (git_repository_odb(&odb, r->git) < 0)
		odb = NULL;
	for (size_t pass = 0; pass < 2; pass++) {
		const struct hdocs *a = pass ? old_docs : new_docs, *b = pass ? new_docs : old_docs;
		for (size_t i = 0; i < a->n; i++) {
			const struct hdoc *other = hdocs_find(b, a->v[i].name);
			enum hist_doc_status st;
			if (pass == 1) {
				if (other)
					continue;
				st = HD_DELETED;
			} else if (!other) {
				st = HD_ADDED;
			} else if (!git_oid_equal(&other->blob, &a->v[i].blob)) {
				st = HD_MODIFIED;
			} else {
				continue;
			}
			VEC_GROW(v, count + 1, cap);
			struct hist_doc *d = &v[count++];
			d->name = xstrdup(a->v[i].name);
			d->bit = a->v[i].bit;
			d->status = st;
			git_oid_cpy(&d->blob, &a->v[i].blob);
			d->readable = odb && git_odb_exists(odb, &d->blob) == 1;
		}
	}
	git_odb_free(odb);
	if (count)
		qsort(v, count, sizeof(*v), doc_cmp);
	*out = v;
	*n = count;
}

void hist_docs_free(struct hist_doc *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

/* Commits. */

/* The subject as git's %s: the first paragraph, its lines joined by a
 * space; every other byte kept as it is (escapes and CRs are shown, not
 * obeyed, by whoever displays it). */
static char *subject_of(const char *msg)
{
	struct buf b = BUF_INIT;
	while (*msg == '\n')
		msg++;
	for (;;) {
		const char *nl = strchr(msg, '\n');
		size_t len = nl ? (size_t)(nl - msg) : strlen(msg);
		bool blank = true;
		for (size_t i = 0; i < len; i++)
			if (msg[i] != ' ' && msg[i] != '\t')
				blank = false;
		if (blank)
			break;
		if (b.len)
			buf_putc(&b, ' ');
		buf_put(&b, msg, len);
		if (!nl)
			break;
		msg = nl + 1;
	}
	return buf_detach(&b);
}

int hist_commit_read(struct repo *r, const git_oid *id, struct hist_commit *out)
{
	memset(out, 0, sizeof(*out));
	git_oid_cpy(&out->id, id);
	git_commit *c = NULL;
	if (git_commit_lookup(&c, r->git, id) < 0) {
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof(hex), id);
		out->author = xstrdup("");
		out->email = xstrdup("");
		out->subject = xstrdup("");
		return err_setc(ERR_MISSING, "commit %s is missing from the object store", hex);
	}
	const git_signature *a = git_commit_author(c);
	out->author = xstrdup(a && a->name ? a->name : "");
	out->email = xstrdup(a && a->email ? a->email : "");
	out->time = a ? (int64_t)a->when.time : (int64_t)git_commit_time(c);
	out->offset = a ? a->when.offset : git_commit_time_offset(c);
	const char *msg = git_commit_message(c);
	out->subject = subject_of(msg ? msg : "");
	out->nparents = git_commit_parentcount(c);
	git_commit_free(c);
	return 0;
}

void hist_commit_free(struct hist_commit *c)
{
	free(c->author);
	free(c->email);
	free(c->subject);
	memset(c, 0, sizeof(*c));
}

static void civil(int64_t time, int offset, struct tm *tm)
{
	time_t t = (time_t)(time + (int64_t)offset * 60);
	if (!gmtime_r(&t, tm))
		memset(tm, 0, sizeof(*tm));
}

void hist_format_date(int64_t time, int offset, char out[32])
{
	struct tm tm;
	civil(time, offset, &tm);
	if (!strftime(out, 32, "%Y-%m-%d %H:%M", &tm))
		snprintf(out, 32, "?");
}

void hist_format_iso(int64_t time, int offset, char out[40])
{
	struct tm tm;
	civil(time, offset, &tm);
	char date[32];
	if (!strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm))
		snprintf(date, sizeof(date), "?");
	/* git stores the offset as +HHMM; anything larger is nonsense */
	unsigned off = (unsigned)(offset < 0 ? -(long)offset : offset) % (100 * 60);
	snprintf(out, 40, "%.25s%c%02u:%02u", date, offset < 0 ? '-' : '+', off / 60, off % 60);
}

/* The log. */

int hist_log(const struct hindex *ix, const git_oid *tip, uint32_t **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	uint32_t t = hindex_find(ix, tip);
	if (t == HX_NONE) {
		char sid[11];
		repo_short_id(sid, tip);
		return err_setc(ERR_NOTFOUND, "commit %s is not in the history index", sid);
	}
	uint8_t *seen = xcalloc(ix->ncommits, 1);
	uint32_t *v = NULL;
	size_t count = 0, cap = 0;
	struct uheap h = { NULL, 0, 0, hist_newer, ix };
	seen[t] = 1;
	uheap_push(&h, t);
	while (h.n) {
		uint32_t c = uheap_pop(&h);
		VEC_GROW(v, count + 1, cap);
		v[count++] = c;
		for (uint32_t k = 0; k < hindex_nparents(ix, c); k++) {
			uint32_t p = hindex_parent(ix, c, k);
			if (p != HX_NONE && !seen[p]) {
				seen[p] = 1;
				uheap_push(&h, p);
			}
		}
	}
	uheap_free(&h);
	free(seen);
	*out = v;
	*n = count;
	return 0;
}

/* The changes of a commit. */

static int rec_by_path(const void *a, const void *b, void *ctx)
{
	const struct hindex *ix = ctx;
	const struct hx_rec *x = *(const struct hx_rec *const *)a, *y = *(const struct hx_rec *const *)b;
	return strcmp(hindex_path(ix, x->path), hindex_path(ix, y->path));
}

const struct hx_rec **hist_commit_recs(const struct hindex *ix, uint32_t c)
{
	size_t n = c < ix->ncommits ? ix->rec_off[c + 1] - ix->rec_off[c] : 0;
	const struct hx_rec **v = xcalloc(n + 1, sizeof(*v));
	for (size_t i = 0; i < n; i++)
		v[i] = &ix->recs[ix->rec_off[c] + i];
	qsort_r(v, n, sizeof(*v), rec_by_path, (void *)ix);
	return v;
}

static const git_oid empty_blob = { { 0xe6, 0x9d, 0xe2, 0x9b, 0xb2, 0xd1, 0xd6, 0x43, 0x4b, 0x8b,
				      0x29, 0xae, 0x77, 0x5a, 0xd8, 0xc2, 0xe4, 0x8c, 0x53, 0x91 } };

void hist_commit_docs(const struct hindex *ix, struct repo *r, uint32_t c, const char *path,
		      struct hdocs *out)
{
	git_oid tree;
	bool there = c != HX_NONE && hist_folder_tree(r, &ix->oids[c], path, &tree) == 0;
	err_clear();
	hist_docs_of(r, there ? &tree : NULL, path, out);
}

uint32_t hist_moved_from(const struct hindex *ix, struct repo *r, uint32_t c, uint32_t y,
			 const struct hx_rec *rec)
{
	struct hdocs now;
	hist_docs_of(r, &rec->tree, hindex_path(ix, rec->path), &now);
	uint32_t best = HX_NONE;
	size_t best_score = 0;
	bool best_deleted = false;
	for (uint32_t i = ix->rec_off[c]; i < ix->rec_off[c + 1] && now.n; i++) {
		const struct hx_rec *o = &ix->recs[i];
		if (o == rec || (o->mask & HC_ADDED))
			continue;
		const char *path = hindex_path(ix, o->path);
		struct hdocs before;
		if (o->mask & HC_DELETED)
			hist_docs_of(r, &o->tree, path, &before);
		else
			hist_commit_docs(ix, r, y, path, &before);
		size_t score = 0;
		for (size_t k = 0; k < now.n; k++)
			if (!git_oid_equal(&now.v[k].blob, &empty_blob) &&
			    hdocs_find_blob(&before, &now.v[k].blob))
				score++;
		bool deleted = o->mask & HC_DELETED;
		if (score > best_score || (score && score == best_score && deleted && !best_deleted)) {
			best = o->path;
			best_score = score;
			best_deleted = deleted;
		}
		hdocs_free(&before);
	}
	hdocs_free(&now);
	return best;
}

int hist_commit_changes(const struct hindex *ix, struct repo *r, uint32_t c,
			struct hist_change **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (c >= ix->ncommits)
		return err_setc(ERR_NOTFOUND, "no such commit in the history index");
	size_t count = ix->rec_off[c + 1] - ix->rec_off[c];
	struct hist_change *v = xcalloc(count ? count : 1, sizeof(*v));
	uint32_t p0 = hindex_nparents(ix, c) ? hindex_parent(ix, c, 0) : HX_NONE;
	const struct hx_rec **recs = hist_commit_recs(ix, c);
	for (size_t i = 0; i < count; i++) {
		const struct hx_rec *rec = recs[i];
		const char *path = hindex_path(ix, rec->path);
		struct hdocs old_docs, new_docs;
		git_oid tree;
		if (rec->mask & HC_DELETED) {
			hist_docs_of(r, &rec->tree, path, &old_docs);
			bool there = hist_folder_tree(r, &ix->oids[c], path, &tree) == 0;
			hist_docs_of(r, there ? &tree : NULL, path, &new_docs);
		} else {
			hist_docs_of(r, &rec->tree, path, &new_docs);
			/* a task moved here (the archiving commit) is compared
			 * with its folder before the move, not with nothing */
			uint32_t from = p0 != HX_NONE && (rec->mask & HC_ADDED)
						? hist_moved_from(ix, r, c, p0, rec) : HX_NONE;
			if (from != HX_NONE)
				v[i].from = xstrdup(hindex_path(ix, from));
			hist_commit_docs(ix, r, p0, from != HX_NONE ? hindex_path(ix, from) : path,
					 &old_docs);
		}
		err_clear();
		v[i].path = xstrdup(path);
		v[i].mask = rec->mask;
		hist_docs_diff(r, &old_docs, &new_docs, &v[i].docs, &v[i].ndocs);
		hdocs_free(&old_docs);
		hdocs_free(&new_docs);
	}
	free(recs);
	*out = v;
	*n = count;
	return 0;
}

void hist_changes_free(struct hist_change *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].path);
		free(v[i].from);
		hist_docs_free(v[i].docs, v[i].ndocs);
	}
	free(v);
}

/* The last change, by git's default simplification: a commit whose folder
 * equals a parent's is skipped and only the first such parent followed;
 * the first other commit in date order is the answer. */
int hist_last_change(const struct hindex *ix, struct repo *r, const git_oid *tip, const char *path,
		     git_oid *out)
{
	char *norm = hist_path_norm(path);
	if (!norm[0]) {
		free(norm);
		return err_setc(ERR_USAGE, "the last change of the repository root is not indexed");
	}
	uint32_t p = hindex_path_find(ix, norm, strlen(norm));
	uint32_t t = hindex_find(ix, tip);
	if (p == HX_NONE || t == HX_NONE) {
		int rc = err_setc(ERR_NOTFOUND, "no commit changed %s", norm);
		free(norm);
		return rc;
	}
	uint8_t *seen = xcalloc(ix->ncommits, 1);
	struct uheap h = { NULL, 0, 0, hist_newer, ix };
	int rc = ERR_NOTFOUND;
	seen[t] = 1;
	uheap_push(&h, t);
	while (h.n) {
		uint32_t c = uheap_pop(&h);
		if (ix->flags[c] & HX_INCOMPLETE) {
			char sid[11];
			repo_short_id(sid, &ix->oids[c]);
			rc = err_setc(ERR_DATA, "the history index could not read all of commit %s", sid);
			break;
		}
		const struct hx_rec *rec = hindex_rec(ix, c, p);
		uint32_t np = hindex_nparents(ix, c), follow = HX_NONE;
		if (!rec) {
			follow = np ? hindex_parent(ix, c, 0) : HX_NONE;
		} else {
			bool gone = rec->mask & HC_DELETED;
			for (uint32_t k = 1; k < np && follow == HX_NONE; k++) {
				uint32_t y = hindex_parent(ix, c, k);
				git_oid tree;
				if (y == HX_NONE)
					continue;
				int found = hist_folder_tree(r, &ix->oids[y], norm, &tree);
				err_clear();
				if (gone ? found == ERR_NOTFOUND : found == 0 && git_oid_equal(&tree, &rec->tree))
					follow = y;
			}
			if (follow == HX_NONE) {
				git_oid_cpy(out, &ix->oids[c]);
				rc = 0;
				break;
			}
		}
		if (follow != HX_NONE && !seen[follow]) {
			seen[follow] = 1;
			uheap_push(&h, follow);
		}
	}
	if (rc == ERR_NOTFOUND)
		err_setc(ERR_NOTFOUND, "no commit changed %s", norm);
	uheap_free(&h);
	free(seen);
	free(norm);
	return rc;
}

char *hist_path_norm(const char *path)
{
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	while (path[0] == '/')
		path++;
	size_t n = strlen(path);
	while (n && path[n - 1] == '/')
		n--;
	if (n == 1 && path[0] == '.')
		n = 0;
	return xstrndup(path, n);
}
