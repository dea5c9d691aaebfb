#include "task.h"

#include <ctype.h>
#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "mem.h"
#include "meta_cache.h"

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
	size_t path_len;  /* its path: the scan's path buffer cut to this length */
	size_t next;      /* the next entry to visit */
	/* lib/, read to decide whether the folder is a task, kept so that the
	 * walk does not look it up a second time */
	git_tree *lib;
	const git_tree_entry *lib_entry;
};

/* Metadata read on other threads (task_list_load only): the walk queues a
 * job per task (its metadata.json unless the cache had it, and whether its
 * documents are in the object store: 11% of the walk's thread); workers,
 * each with a repository of its own (libgit2 objects are never shared
 * between threads, design.md), read and parse them and hand the results
 * back under the lock; once the walk is over, its thread takes the jobs
 * left. */
struct meta_job {
	size_t task;        /* index in the list */
	git_oid blob;
	char *path;         /* of the metadata.json, NULL: nothing to parse */
	struct meta *done;  /* the result, once parsed */
	bool read;          /* the blob could be read: a result worth caching */
	/* The task's documents, whose `missing` the job sets: the array is
	 * the task's own (it never moves), untouched by the walk once queued. */
	struct task_doc *docs;
	size_t ndocs;
};

struct meta_queue {
	pthread_mutex_t lock;
	pthread_cond_t wake;  /* jobs were queued, or the walk is over */
	struct meta_job *v;
	size_t n, cap, next;  /* next: the first job nobody has taken */
	size_t queued;        /* jobs in v that the walk has not yet published
			       * (v[n .. queued)), so that it takes the lock
			       * once per batch */
	bool walk_done;
	const char *gitdir;
	char rev[11];
	pthread_t threads[3];
	int nthreads, want;
	struct meta_cache *cache;  /* results of earlier runs (meta_cache.h) */
};

struct task_scan {
	struct meta_queue *queue;  /* NULL: metadata is read as the walk finds it */
	bool no_meta;              /* metadata.json is not read (task_load_docs) */
	struct repo *repo;
	git_odb *odb;
	git_oid commit;
	char rev[11];
	struct frame *stack;
	size_t depth, cap;
	size_t visited;
	struct buf path;     /* the folder on top of the stack ("" for the root) */
	struct buf scratch;  /* a file path for messages */
	struct buf blob;
};

/* Push a folder: `name` is appended to the path (NULL for the root). */
static void push_frame(struct task_scan *s, git_tree *tree, const char *name)
{
	if (name) {
		if (s->path.len)
			buf_putc(&s->path, '/');
		buf_puts(&s->path, name);
	}
	VEC_GROW(s->stack, s->depth + 1, s->cap);
	s->stack[s->depth++] = (struct frame){ tree, s->path.len, 0, NULL, NULL };
}

static void pop_frame(struct task_scan *s)
{
	struct frame *f = &s->stack[--s->depth];
	git_tree_free(f->tree);
	git_tree_free(f->lib);
}

/* `path`/`name`, in the scan's scratch buffer. */
static const char *scratch_path(struct task_scan *s, const char *dir, const char *name)
{
	buf_truncate(&s->scratch, 0);
	buf_puts(&s->scratch, dir);
	if (*dir)
		buf_putc(&s->scratch, '/');
	buf_puts(&s->scratch, name);
	return s->scratch.ptr;
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
	push_frame(s, root, NULL);
	*out = s;
	return 0;
}

void task_scan_free(struct task_scan *s)
{
	if (!s)
		return;
	while (s->depth)
		pop_frame(s);
	free(s->stack);
	git_odb_free(s->odb);
	buf_free(&s->path);
	buf_free(&s->scratch);
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
		/* with a queue, a worker checks (read_meta) */
		d->missing = !s->queue && git_odb_exists(s->odb, &d->blob) != 1;
	}
	if (t->ndocs > 1) /* qsort(NULL, 0) is undefined */
		qsort(t->docs, t->ndocs, sizeof(*t->docs), doc_cmp);
	return canonical;
}

/* False when the blob cannot be read (m then says so). */
static bool load_meta(struct repo *r, const git_oid *blob, const char *path, const char *rev,
		      struct buf *bytes, struct meta *m)
{
	if (repo_read_blob(r, blob, path, rev, bytes) < 0) {
		memset(m, 0, sizeof(*m));
		m->error = xstrdup(err_msg());
		m->tq.reason = xstrdup("metadata.json cannot be read");
		return false;
	}
	meta_parse(m, path, bytes->ptr ? bytes->ptr : "", bytes->len);
	return true;
}

/* Jobs change hands in batches: a wake-up per job cost a context switch
 * per task (4,700 for 3,300 tasks). */
enum { JOB_BATCH = 32 };

struct job_batch {
	size_t first, n;
	git_oid blob[JOB_BATCH];
	const char *path[JOB_BATCH];  /* the strings never move */
	struct meta *done[JOB_BATCH];
	bool read[JOB_BATCH];
	struct task_doc *docs[JOB_BATCH];
	size_t ndocs[JOB_BATCH];
};

/* Take the next jobs, waiting while the walk may still queue some; false
 * when there is none left.  Hands in the results of the previous batch. */
static bool take_jobs(struct meta_queue *q, struct job_batch *b)
{
	pthread_mutex_lock(&q->lock);
	for (size_t k = 0; k < b->n; k++) {
		q->v[b->first + k].done = b->done[k];
		q->v[b->first + k].read = b->read[k];
	}
	while (q->next == q->n && !q->walk_done)
		pthread_cond_wait(&q->wake, &q->lock);
	b->first = q->next;
	b->n = q->n - q->next < JOB_BATCH ? q->n - q->next : JOB_BATCH;
	for (size_t k = 0; k < b->n; k++) {
		b->blob[k] = q->v[b->first + k].blob;
		b->path[k] = q->v[b->first + k].path;
		b->docs[k] = q->v[b->first + k].docs;
		b->ndocs[k] = q->v[b->first + k].ndocs;
	}
	q->next += b->n;
	pthread_mutex_unlock(&q->lock);
	return b->n > 0;
}

static void run_jobs(struct meta_queue *q, struct repo *r)
{
	struct buf bytes = BUF_INIT;
	struct job_batch b;
	b.n = 0;
	git_odb *odb = NULL;
	if (git_repository_odb(&odb, r->git) < 0)
		odb = NULL; /* then every document counts as missing */
	while (take_jobs(q, &b)) {
		for (size_t k = 0; k < b.n; k++) {
			for (size_t i = 0; i < b.ndocs[k]; i++)
				b.docs[k][i].missing = !odb || git_odb_exists(odb, &b.docs[k][i].blob) != 1;
			b.done[k] = NULL;
			b.read[k] = false;
			if (!b.path[k])
				continue;
			b.done[k] = xmalloc(sizeof(struct meta));
			b.read[k] = load_meta(r, &b.blob[k], b.path[k], q->rev, &bytes, b.done[k]);
		}
	}
	git_odb_free(odb);
	buf_free(&bytes);
}

static void *meta_worker(void *arg)
{
	struct meta_queue *q = arg;
	struct repo *r = NULL;
	if (repo_open(&r, q->gitdir) == 0) {  /* else the walk's thread does it all */
		run_jobs(q, r);
		repo_free(r);
	}
	err_clear();  /* this thread's last message */
	return NULL;
}

static int meta_workers = -1;

void task_set_meta_workers(int n)
{
	meta_workers = n;
}

static void queue_init(struct meta_queue *q, struct repo *r, const char *rev)
{
	memset(q, 0, sizeof(*q));
	pthread_mutex_init(&q->lock, NULL);
	pthread_cond_init(&q->wake, NULL);
	q->gitdir = r->gitdir;
	memcpy(q->rev, rev, sizeof(q->rev));
	q->want = meta_workers;
	if (q->want < 0) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		q->want = cpus > 1 ? (int)(cpus - 1) : 0;
	}
	if (q->want > (int)(sizeof(q->threads) / sizeof(q->threads[0])))
		q->want = (int)(sizeof(q->threads) / sizeof(q->threads[0]));
}

/* Workers start once there is enough work to pay for opening a repository. */
enum { WORKERS_START_AT = 32 };

/* Publish the jobs queued since the last batch; start the workers once
 * there is enough work to pay for opening their repositories. */
static void queue_publish(struct meta_queue *q)
{
	pthread_mutex_lock(&q->lock);
	q->n = q->queued;
	if (q->n >= WORKERS_START_AT && q->nthreads < q->want) {
		json_object_seed(0);  /* jansson's hash seed, set before threads parse */
		while (q->nthreads < q->want &&
		       pthread_create(&q->threads[q->nthreads], NULL, meta_worker, q) == 0)
			q->nthreads++;
	}
	pthread_cond_signal(&q->wake);
	pthread_mutex_unlock(&q->lock);
}

/* A job for task `task`: parse its metadata.json at `path` (unless NULL),
 * and check its documents. */
static void queue_add(struct meta_queue *q, size_t task, const git_oid *blob, const char *path,
		      struct task_doc *docs, size_t ndocs)
{
	struct meta_job job = { task, *blob, path ? xstrdup(path) : NULL, NULL, false, docs, ndocs };
	if (q->queued == q->cap) {  /* workers read v under the lock only */
		pthread_mutex_lock(&q->lock);
		VEC_GROW(q->v, q->queued + 1, q->cap);
		pthread_mutex_unlock(&q->lock);
	}
	q->v[q->queued++] = job;
	if (q->queued - q->n >= JOB_BATCH)
		queue_publish(q);
}

/* The walk is over: parse what is left here, wait for the workers, and
 * move every result into its task. */
static void queue_finish(struct meta_queue *q, struct repo *r, struct task_list *list)
{
	pthread_mutex_lock(&q->lock);
	q->n = q->queued;
	q->walk_done = true;
	pthread_cond_broadcast(&q->wake);
	pthread_mutex_unlock(&q->lock);
	run_jobs(q, r);
	for (int i = 0; i < q->nthreads; i++)
		pthread_join(q->threads[i], NULL);
	for (size_t i = 0; i < q->n; i++) {
		if (q->v[i].read)
			meta_cache_put(q->cache, &q->v[i].blob, q->v[i].path, q->v[i].done);
		if (q->v[i].done)
			list->v[q->v[i].task].meta = *q->v[i].done;
		free(q->v[i].done);
		free(q->v[i].path);
	}
	free(q->v);
	pthread_cond_destroy(&q->wake);
	pthread_mutex_destroy(&q->lock);
}

/* A task's metadata.json (from the cache when it has it), and with a
 * queue whether its documents are in the object store: read here, or
 * queued for the workers (task_list_load). */
static void read_meta(struct task_scan *s, struct task *t, size_t index)
{
	const char *path = NULL;
	if (t->has_meta && !s->no_meta) {
		path = scratch_path(s, t->path, "metadata.json");
		if (s->queue && meta_cache_get(s->queue->cache, &t->meta_blob, path, &t->meta))
			path = NULL;
	}
	if (s->queue)
		queue_add(s->queue, index, &t->meta_blob, path, t->docs, t->ndocs);
	else if (path)
		load_meta(s->repo, &t->meta_blob, path, s->rev, &s->blob, &t->meta);
}

/* Decide whether the folder on top of the stack is a task. */
static void examine_folder(struct task_scan *s, struct task_list *list, struct frame *f)
{
	const char *path = buf_cstr(&s->path);
	const git_tree_entry *meta = git_tree_entry_byname(f->tree, "metadata.json");
	const git_tree_entry *lib = git_tree_entry_byname(f->tree, "lib");
	bool has_meta = meta && git_tree_entry_type(meta) == GIT_OBJECT_BLOB;
	/* A stale lib/metadata.json copy does not make lib/ a task: the root
	 * is the prefix before metadata.json only outside lib/. */
	const char *slash = strrchr(path, '/');
	if (strcmp(slash ? slash + 1 : path, "lib") == 0)
		has_meta = false;
	struct task t;
	memset(&t, 0, sizeof(t));
	bool canonical = false;
	if (lib && git_tree_entry_type(lib) == GIT_OBJECT_TREE) {
		git_tree *libtree = NULL;
		if (git_tree_lookup(&libtree, s->repo->git, git_tree_entry_id(lib)) == 0) {
			canonical = read_lib(s, libtree, &t);
			f->lib = libtree;
			f->lib_entry = lib;
		}
		/* a missing lib/ tree is reported when the walk reaches it */
	}
	if (!canonical && !has_meta) {
		for (size_t i = 0; i < t.ndocs; i++)
			free(t.docs[i].name);
		free(t.docs);
		return;
	}
	t.path = xstrdup(path);
	git_oid_cpy(&t.tree, git_tree_id(f->tree));
	if (has_meta) {
		t.has_meta = true;
		git_oid_cpy(&t.meta_blob, git_tree_entry_id(meta));
	} else {
		t.meta.tq.reason = xstrdup("no metadata.json");
	}
	read_meta(s, &t, list->n);
	VEC_GROW(list->v, list->n + 1, list->cap);
	list->v[list->n++] = t;
}

int task_scan_step(struct task_scan *s, struct task_list *list, size_t budget)
{
	while (s->depth && budget) {
		struct frame *f = &s->stack[s->depth - 1];
		buf_truncate(&s->path, f->path_len);
		if (f->next == 0)
			examine_folder(s, list, f);
		if (f->next >= git_tree_entrycount(f->tree)) {
			pop_frame(s);
			continue;
		}
		const git_tree_entry *e = git_tree_entry_byindex(f->tree, f->next++);
		s->visited++;
		budget--;
		const char *name = git_tree_entry_name(e);
		if (git_tree_entry_type(e) != GIT_OBJECT_TREE || excluded_name(name))
			continue;
		git_tree *sub = NULL;
		if (e == f->lib_entry && f->lib) {
			sub = f->lib;
			f->lib = NULL;
		} else if (git_tree_lookup(&sub, s->repo->git, git_tree_entry_id(e)) < 0) {
			char hex[GIT_OID_HEXSZ + 1];
			git_oid_tostr(hex, sizeof(hex), git_tree_entry_id(e));
			list_problem(list, xasprintf("%s/ at %s: tree %s is missing from the object store",
						     scratch_path(s, buf_cstr(&s->path), name), s->rev, hex));
			continue;
		}
		push_frame(s, sub, name); /* f may move: not used below */
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
	struct meta_queue queue;
	queue_init(&queue, r, s->rev);
	queue.cache = meta_cache_open(r->gitdir);
	s->queue = &queue;
	while ((rc = task_scan_step(s, out, 4096)) > 0)
		;
	queue_finish(&queue, r, out);
	meta_cache_close(queue.cache);
	task_scan_free(s);
	return rc;
}

/* Whether a folder path lies under templates/ or a dot-folder. */
static bool excluded_path(const char *path)
{
	for (const char *p = path; *p;) {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);
		char name[16];
		if (n && p[0] == '.')
			return true;
		if (n < sizeof(name)) {
			memcpy(name, p, n);
			name[n] = '\0';
			if (excluded_name(name))
				return true;
		}
		if (!slash)
			break;
		p = slash + 1;
	}
	return false;
}

static int load_path(struct repo *r, const git_oid *commit, const char *path, bool meta,
		     struct task *out)
{
	memset(out, 0, sizeof(*out));
	/* "./x/", "x/" and "." name the same folders as "x" and "". */
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	char *clean = xstrdup(strcmp(path, ".") == 0 ? "" : path);
	size_t n = strlen(clean);
	while (n && clean[n - 1] == '/')
		clean[--n] = '\0';

	struct task_scan *s = NULL;
	int rc = task_scan_new(&s, r, commit);
	if (rc < 0) {
		free(clean);
		return rc;
	}
	s->no_meta = !meta;
	git_tree *tree = NULL;
	if (!clean[0]) {
		tree = s->stack[0].tree;
		s->stack[0].tree = NULL;
	} else if (!excluded_path(clean)) {
		git_tree_entry *e = NULL;
		if (git_tree_entry_bypath(&e, s->stack[0].tree, clean) == 0) {
			if (git_tree_entry_type(e) == GIT_OBJECT_TREE &&
			    git_tree_lookup(&tree, r->git, git_tree_entry_id(e)) < 0) {
				char hex[GIT_OID_HEXSZ + 1];
				git_oid_tostr(hex, sizeof(hex), git_tree_entry_id(e));
				rc = err_setc(ERR_MISSING, "%s/ at %s: tree %s is missing from the object store",
					      clean, s->rev, hex);
			}
			git_tree_entry_free(e);
		}
	}
	/* The scanner's own rule decides, on this one folder. */
	struct task_list found;
	task_list_init(&found);
	if (tree) {
		buf_truncate(&s->path, 0);
		buf_puts(&s->path, clean);
		struct frame f = { tree, s->path.len, 0, NULL, NULL };
		examine_folder(s, &found, &f);
		git_tree_free(f.lib);
		git_tree_free(tree);
	}
	if (found.n == 1) {
		*out = found.v[0];
		found.n = 0;
	} else if (rc == 0) {
		rc = err_setc(ERR_NOTFOUND, "no task at '%s' in %s (see iacrev tasks)",
			      clean[0] ? clean : ".", s->rev);
	}
	task_scan_free(s);
	task_list_free(&found);
	free(clean);
	return rc;
}

int task_load_path(struct repo *r, const git_oid *commit, const char *path, struct task *out)
{
	return load_path(r, commit, path, true, out);
}

int task_load_docs(struct repo *r, const git_oid *commit, const char *path, struct task *out)
{
	return load_path(r, commit, path, false, out);
}

void task_free_one(struct task *t)
{
	task_free(t);
	memset(t, 0, sizeof(*t));
}
