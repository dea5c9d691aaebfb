#include "task.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "mem.h"

static const char *const kind_files[DOC_KINDS] = {
	"PROMPT.md", "MODEL_RESPONSE.md", "IDEAL_RESPONSE.md", "MODEL_FAILURES.md",
};
static const char *const kind_stems[DOC_KINDS] = {
	"PROMPT", "MODEL_RESPONSE", "IDEAL_RESPONSE", "MODEL_FAILURES",
};

const char *doc_kind_file(enum doc_kind k)
{
	return k < DOC_KINDS ? kind_files[k] : "?";
}

char doc_kind_letter(enum doc_kind k)
{
	return "PMIF"[k < DOC_KINDS ? k : 0];
}

bool doc_parse_name(const char *name, enum doc_kind *kind, int *turn)
{
	for (int k = 0; k < DOC_KINDS; k++) {
		size_t sl = strlen(kind_stems[k]);
		if (strncmp(name, kind_stems[k], sl) != 0)
			continue;
		const char *p = name + sl;
		if (*p == ' ' || *p == '-' || *p == '_')
			p++;
		int n = 0, digits = 0;
		while (isdigit((unsigned char)*p) && digits < 4) {
			n = n * 10 + (*p - '0');
			p++;
			digits++;
		}
		if (strcmp(p, ".md") != 0)
			continue;
		if (p - name > (long)sl && !digits)
			continue; /* "PROMPT-.md" */
		*kind = (enum doc_kind)k;
		*turn = digits ? (n ? n : 1) : 1;
		return true;
	}
	return false;
}

const char *task_display_path(const struct task *t)
{
	return t->path[0] ? t->path : ".";
}

const struct task_doc *task_doc(const struct task *t, enum doc_kind kind)
{
	for (size_t i = 0; i < t->ndocs; i++)
		if (t->docs[i].kind == kind && strcmp(t->docs[i].name, kind_files[kind]) == 0)
			return &t->docs[i];
	return NULL;
}

const struct task_doc *task_doc_by_name(const struct task *t, const char *name)
{
	for (size_t i = 0; i < t->ndocs; i++)
		if (strcmp(t->docs[i].name, name) == 0)
			return &t->docs[i];
	return NULL;
}

char *task_doc_path(const struct task *t, const struct task_doc *d)
{
	return t->path[0] ? xasprintf("%s/lib/%s", t->path, d->name) : xasprintf("lib/%s", d->name);
}

void task_list_init(struct task_list *l)
{
	memset(l, 0, sizeof(*l));
}

static void task_free(struct task *t)
{
	free(t->path);
	for (size_t i = 0; i < t->ndocs; i++)
		free(t->docs[i].name);
	free(t->docs);
	meta_free(&t->meta);
}

void task_list_free(struct task_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		task_free(&l->v[i]);
	free(l->v);
	for (size_t i = 0; i < l->nproblems; i++)
		free(l->problems[i]);
	free(l->problems);
	task_list_init(l);
}

struct task *task_list_find(struct task_list *l, const char *path)
{
	if (strcmp(path, ".") == 0)
		path = "";
	size_t n = strlen(path);
	while (n && path[n - 1] == '/')
		n--;
	for (size_t i = 0; i < l->n; i++)
		if (strlen(l->v[i].path) == n && memcmp(l->v[i].path, path, n) == 0)
			return &l->v[i];
	return NULL;
}

/* One folder on the walk's stack. */
struct frame {
	git_tree *tree;
	char *path;     /* "" for the root */
	size_t next;    /* the next entry to visit */
};

struct task_scan {
	struct repo *repo;
	git_odb *odb;
	git_oid commit;
	char rev[11];
	struct frame *stack;
	size_t depth, cap;
	size_t visited;
	struct buf blob;
};

static char *join(const char *dir, const char *name)
{
	return dir[0] ? xasprintf("%s/%s", dir, name) : xstrdup(name);
}

static void push_frame(struct task_scan *s, git_tree *tree, char *path)
{
	VEC_GROW(s->stack, s->depth + 1, s->cap);
	s->stack[s->depth++] = (struct frame){ tree, path, 0 };
}

static void list_problem(struct task_list *l, char *msg)
{
	l->problems = xreallocarray(l->problems, l->nproblems + 1, sizeof(char *));
	l->problems[l->nproblems++] = msg;
}

int task_scan_new(struct task_scan **out, struct repo *r, const git_oid *commit)
{
	*out = NULL;
	git_tree *root = NULL;
	int rc = repo_commit_tree(r, commit, &root);
	if (rc < 0)
		return rc;
	struct task_scan *s = xcalloc(1, sizeof(*s));
	s->repo = r;
	git_oid_cpy(&s->commit, commit);
	repo_short_id(s->rev, commit);
	if (git_repository_odb(&s->odb, r->git) < 0) {
		git_tree_free(root);
		free(s);
		return err_git(ERR_FAIL, "cannot open the object database");
	}
	push_frame(s, root, xstrdup(""));
	*out = s;
	return 0;
}

void task_scan_free(struct task_scan *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->depth; i++) {
		git_tree_free(s->stack[i].tree);
		free(s->stack[i].path);
	}
	free(s->stack);
	git_odb_free(s->odb);
	buf_free(&s->blob);
	free(s);
}

size_t task_scan_visited(const struct task_scan *s)
{
	return s->visited;
}

static bool excluded_name(const char *name)
{
	return name[0] == '.' || strcmp(name, "templates") == 0;
}

static int doc_cmp(const void *a, const void *b)
{
	const struct task_doc *x = a, *y = b;
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	if (x->turn != y->turn)
		return x->turn - y->turn;
	return strcmp(x->name, y->name);
}

/* Collect the documents of lib/; true when one of the four canonical
 * names is there (the rule that makes a folder a task). */
static bool read_lib(struct task_scan *s, const git_tree *lib, struct task *t)
{
	bool canonical = false;
	size_t n = git_tree_entrycount(lib), cap = 0;
	for (size_t i = 0; i < n; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(lib, i);
		enum doc_kind kind;
		int turn;
		if (git_tree_entry_type(e) != GIT_OBJECT_BLOB)
			continue;
		const char *name = git_tree_entry_name(e);
		if (!doc_parse_name(name, &kind, &turn))
			continue;
		if (strcmp(name, kind_files[kind]) == 0)
			canonical = true;
		VEC_GROW(t->docs, t->ndocs + 1, cap);
		struct task_doc *d = &t->docs[t->ndocs++];
		d->name = xstrdup(name);
		d->kind = kind;
		d->turn = turn;
		git_oid_cpy(&d->blob, git_tree_entry_id(e));
		d->missing = git_odb_exists(s->odb, &d->blob) != 1;
	}
	if (t->ndocs > 1) /* qsort(NULL, 0) is undefined */
		qsort(t->docs, t->ndocs, sizeof(*t->docs), doc_cmp);
	return canonical;
}

static void read_meta(struct task_scan *s, struct task *t)
{
	char *path = join(t->path, "metadata.json");
	if (repo_read_blob(s->repo, &t->meta_blob, path, s->rev, &s->blob) < 0) {
		memset(&t->meta, 0, sizeof(t->meta));
		t->meta.error = xstrdup(err_msg());
		t->meta.tq.reason = xstrdup("metadata.json cannot be read");
	} else {
		meta_parse(&t->meta, path, s->blob.ptr ? s->blob.ptr : "", s->blob.len);
	}
	free(path);
}

/* Decide whether the folder on top of the stack is a task. */
static void examine_folder(struct task_scan *s, struct task_list *list, struct frame *f)
{
	const git_tree_entry *meta = git_tree_entry_byname(f->tree, "metadata.json");
	const git_tree_entry *lib = git_tree_entry_byname(f->tree, "lib");
	bool has_meta = meta && git_tree_entry_type(meta) == GIT_OBJECT_BLOB;
	/* A stale lib/metadata.json copy does not make lib/ a task: the root
	 * is the prefix before metadata.json only outside lib/. */
	const char *slash = strrchr(f->path, '/');
	if (strcmp(slash ? slash + 1 : f->path, "lib") == 0)
		has_meta = false;
	struct task t;
	memset(&t, 0, sizeof(t));
	bool canonical = false;
	if (lib && git_tree_entry_type(lib) == GIT_OBJECT_TREE) {
		git_tree *libtree = NULL;
		if (git_tree_lookup(&libtree, s->repo->git, git_tree_entry_id(lib)) == 0) {
			canonical = read_lib(s, libtree, &t);
			git_tree_free(libtree);
		}
		/* a missing lib/ tree is reported when the walk reaches it */
	}
	if (!canonical && !has_meta) {
		for (size_t i = 0; i < t.ndocs; i++)
			free(t.docs[i].name);
		free(t.docs);
		return;
	}
	t.path = xstrdup(f->path);
	git_oid_cpy(&t.tree, git_tree_id(f->tree));
	if (has_meta) {
		t.has_meta = true;
		git_oid_cpy(&t.meta_blob, git_tree_entry_id(meta));
		read_meta(s, &t);
	}
	VEC_GROW(list->v, list->n + 1, list->cap);
	list->v[list->n++] = t;
}

int task_scan_step(struct task_scan *s, struct task_list *list, size_t budget)
{
	while (s->depth && budget) {
		struct frame *f = &s->stack[s->depth - 1];
		if (f->next == 0)
			examine_folder(s, list, f);
		size_t n = git_tree_entrycount(f->tree);
		if (f->next >= n) {
			git_tree_free(f->tree);
			free(f->path);
			s->depth--;
			continue;
		}
		const git_tree_entry *e = git_tree_entry_byindex(f->tree, f->next++);
		s->visited++;
		budget--;
		if (git_tree_entry_type(e) != GIT_OBJECT_TREE || excluded_name(git_tree_entry_name(e)))
			continue;
		char *path = join(f->path, git_tree_entry_name(e));
		git_tree *sub = NULL;
		if (git_tree_lookup(&sub, s->repo->git, git_tree_entry_id(e)) < 0) {
			char hex[GIT_OID_HEXSZ + 1];
			git_oid_tostr(hex, sizeof(hex), git_tree_entry_id(e));
			list_problem(list, xasprintf("%s/ at %s: tree %s is missing from the object store",
						     path, s->rev, hex));
			free(path);
			continue;
		}
		push_frame(s, sub, path); /* f may move: not used below */
	}
	return s->depth ? 1 : 0;
}

int task_list_load(struct repo *r, const git_oid *commit, struct task_list *out)
{
	task_list_init(out);
	git_oid_cpy(&out->commit, commit);
	struct task_scan *s = NULL;
	int rc = task_scan_new(&s, r, commit);
	if (rc < 0)
		return rc;
	while ((rc = task_scan_step(s, out, 4096)) > 0)
		;
	task_scan_free(s);
	return rc;
}
