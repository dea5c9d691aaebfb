/* iacrev diff: MODEL_RESPONSE.md against IDEAL_RESPONSE.md of one or more
 * tasks, file by file, as the diff screen shows it. */
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "../core/buf.h"
#include "../core/err.h"
#include "../core/mdoc.h"
#include "../core/mem.h"
#include "../core/rdiff.h"
#include "../views/diff.h"
#include "cli.h"

#define USAGE                                                                              \
	"usage: iacrev diff [-C DIR] [--rev REV] [--side-by-side] [--whole] [--stat]\n"    \
	"                   [-w|--ignore-whitespace] [-U N|--context N] [--width N]\n"         \
	"                   [--color auto|always|never] TASK... | --all\n"

/* Side-by-side output to a pipe, with no --width and no COLUMNS. */
#define PIPE_SIDE_WIDTH 160

struct diff_cli {
	struct cli_common common;
	struct diff_opts view;
	unsigned flags;     /* RDIFF_* */
	bool whole, stat, all, color;
};

static int usage_error(const char *msg)
{
	report_error(msg);
	fputs(USAGE, stderr);
	return EXIT_USER;
}

static bool parse_count(const char *s, size_t max, size_t *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (end == s || *end || v < 0 || (size_t)v > max)
		return false;
	*out = (size_t)v;
	return true;
}

/* The terminal's width, else $COLUMNS, else 0 (unbounded). */
static size_t output_width(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col)
		return ws.ws_col;
	const char *c = getenv("COLUMNS");
	size_t n;
	if (c && parse_count(c, 10000, &n) && n)
		return n;
	return 0;
}

static void print_lines(FILE *f, struct slist *lines, bool color)
{
	for (size_t i = 0; i < lines->n; i++) {
		sline_rtrim(&lines->v[i]);
		print_line(f, &lines->v[i], color);
	}
	slist_clear(lines);
}

/* Read one response document of the task; the message names the path,
 * the revision and the object. */
static int read_doc(struct repo *repo, const git_oid *commit, const struct task *t,
		    enum doc_kind kind, struct buf *out)
{
	char rev[11];
	repo_short_id(rev, commit);
	const struct task_doc *d = task_doc(t, kind);
	if (!d)
		return err_setc(ERR_DATA, "%s%slib/%s at %s: no such file", t->path,
				t->path[0] ? "/" : "", doc_kind_file(kind), rev);
	char *path = task_doc_path(t, d);
	int rc = repo_read_blob(repo, &d->blob, path, rev, out);
	free(path);
	return rc;
}

/* One task's diff, printed to f; `heading` names the task first (several
 * tasks), after a blank line unless it is the first. */
static int diff_task(const struct diff_cli *o, struct repo *repo, const git_oid *commit,
		     const struct task *t, FILE *f, bool heading, bool first)
{
	struct buf mb = BUF_INIT, ib = BUF_INIT;
	struct mdoc *model = NULL, *ideal = NULL;
	struct rdiff *rd = NULL;
	struct slist lines = { 0 };
	int rc = read_doc(repo, commit, t, DOC_MODEL, &mb);
	if (rc == 0)
		rc = read_doc(repo, commit, t, DOC_IDEAL, &ib);
	if (rc == 0)
		rc = mdoc_parse(&model, mb.ptr, mb.len);
	if (rc == 0)
		rc = mdoc_parse(&ideal, ib.ptr, ib.len);
	buf_free(&mb);
	buf_free(&ib);
	if (rc == 0) {
		rd = rdiff_new(model, ideal, o->flags);
		rc = o->whole ? rdiff_compute(rd, &rd->whole) : rdiff_compute_all(rd, false);
	}
	if (rc < 0)
		goto out;
	if (heading) {
		if (!first)
			slist_push(&lines); /* a blank line between tasks */
		struct sline *h = slist_push(&lines);
		sline_adds(h, S_TITLE, task_display_path(t));
	}
	diff_render_notices(&lines, rd, o->whole);
	diff_render_list(&lines, rd, o->whole, o->view.width);
	print_lines(f, &lines, o->color);
	if (!o->stat) {
		size_t n = o->whole ? 1 : rd->nfiles;
		for (size_t i = 0; i < n; i++) {
			slist_push(&lines);
			diff_render_file(&lines, o->whole ? &rd->whole : &rd->files[i], i, &o->view);
			print_lines(f, &lines, o->color);
		}
	}
out:
	slist_free(&lines);
	rdiff_free(rd);
	mdoc_free(model);
	mdoc_free(ideal);
	return rc;
}

static int exit_code(int rc)
{
	return rc == ERR_NOTFOUND || rc == ERR_USAGE ? EXIT_USER : EXIT_DATA;
}

/* A batch of tasks diffed by worker threads, each with its own libgit2
 * repository (libgit2-facts.md §3.5: 1.8x on two cores), printed in order
 * as each finishes. */
struct job {
	const char *path;          /* a TASK argument, or */
	const struct task *task;   /* a task of --all */
	char *out;                 /* what it prints */
	size_t outlen;
	char *err;                 /* its error, or NULL */
	int code;
	bool done;
	long long us;              /* the time it took, for IACREV_DIFF_TIMINGS */
};

struct batch {
	const struct diff_cli *o;
	git_oid commit;
	struct job *jobs;
	size_t n, next;
	size_t printing;           /* the job the printer waits for */
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

#define MAX_THREADS 4

static void run_job(struct batch *b, struct repo *repo, size_t index)
{
	struct job *j = &b->jobs[index];
	FILE *f = open_memstream(&j->out, &j->outlen);
	if (!f) {
		j->err = xstrdup("cannot buffer the output (out of memory)");
		j->code = EXIT_DATA;
		return;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct task loaded;
	const struct task *t = j->task;
	int rc = 0;
	if (!t) {
		rc = task_load_docs(repo, &b->commit, j->path, &loaded);
		if (rc == 0)
			t = &loaded;
		else if (rc == ERR_NOTFOUND) /* name the revision as the user did */
			err_setc(rc, "no task at '%s' in %s (see iacrev tasks)", j->path,
				 b->o->common.rev ? b->o->common.rev : "HEAD");
	}
	if (rc == 0)
		rc = diff_task(b->o, repo, &b->commit, t, f, b->n > 1, index == 0);
	if (!j->task && t)
		task_free_one(&loaded);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	j->us = (t1.tv_sec - t0.tv_sec) * 1000000LL + (t1.tv_nsec - t0.tv_nsec) / 1000;
	fclose(f);
	if (rc < 0) {
		j->err = xstrdup(err_msg());
		j->code = exit_code(rc);
	}
}

static void *worker(void *arg)
{
	struct batch *b = arg;
	struct repo *repo = NULL;
	int opened = repo_open(&repo, b->o->common.dir);
	for (;;) {
		pthread_mutex_lock(&b->mu);
		size_t i = b->next++;
		pthread_mutex_unlock(&b->mu);
		if (i >= b->n)
			break;
		if (opened < 0) {
			b->jobs[i].err = xstrdup(err_msg());
			b->jobs[i].code = EXIT_DATA;
		} else {
			run_job(b, repo, i);
		}
		pthread_mutex_lock(&b->mu);
		b->jobs[i].done = true;
		/* wake the printer only for the job it waits for: a wake-up per
		 * job was 5,000 context switches a batch on two busy cores */
		if (i == b->printing)
			pthread_cond_signal(&b->cv);
		pthread_mutex_unlock(&b->mu);
	}
	repo_free(repo);
	err_clear(); /* the thread's own message dies with it */
	return NULL;
}

static int run_batch(struct batch *b)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t threads = cpus > 1 ? (size_t)cpus : 1;
	if (threads > MAX_THREADS)
		threads = MAX_THREADS;
	if (threads > b->n)
		threads = b->n;
	pthread_mutex_init(&b->mu, NULL);
	pthread_cond_init(&b->cv, NULL);
	pthread_t tid[MAX_THREADS];
	size_t started = 0;
	while (threads > 1 && started < threads && pthread_create(&tid[started], NULL, worker, b) == 0)
		started++;
	if (!started)
		worker(b); /* one task, one core, or no threads to be had */
	int code = EXIT_OK;
	for (size_t i = 0; i < b->n; i++) {
		struct job *j = &b->jobs[i];
		pthread_mutex_lock(&b->mu);
		b->printing = i;
		while (!j->done)
			pthread_cond_wait(&b->cv, &b->mu);
		pthread_mutex_unlock(&b->mu);
		if (j->outlen)
			fwrite(j->out, 1, j->outlen, stdout);
		free(j->out);
		if (j->err) {
			fflush(stdout);
			report_error(j->err);
			free(j->err);
		}
		if (j->code > code)
			code = j->code;
	}
	for (size_t i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	/* For benchmarks: each task's time in microseconds, one a line. */
	const char *timings = getenv("IACREV_DIFF_TIMINGS");
	FILE *tf = timings && *timings ? fopen(timings, "w") : NULL;
	for (size_t i = 0; tf && i < b->n; i++)
		fprintf(tf, "%lld\n", b->jobs[i].us);
	if (tf)
		fclose(tf);
	pthread_cond_destroy(&b->cv);
	pthread_mutex_destroy(&b->mu);
	return code;
}

/* Every task of the revision (--all): one walk, then each task. */
static int diff_all(const struct diff_cli *o)
{
	struct repo *repo = NULL;
	struct task_list tasks;
	int code = cli_load_tasks(&o->common, &repo, &tasks);
	if (code)
		return code;
	struct batch b = { .o = o };
	git_oid_cpy(&b.commit, &tasks.commit);
	b.jobs = xcalloc(tasks.n ? tasks.n : 1, sizeof(struct job));
	for (size_t i = 0; i < tasks.n; i++)
		if (task_doc(&tasks.v[i], DOC_MODEL) || task_doc(&tasks.v[i], DOC_IDEAL))
			b.jobs[b.n++].task = &tasks.v[i]; /* a task with neither has nothing to diff */
	code = run_batch(&b);
	free(b.jobs);
	task_list_free(&tasks);
	repo_free(repo);
	return code;
}

static int diff_paths(const struct diff_cli *o, char **paths, int n)
{
	struct repo *repo = NULL;
	struct batch b = { .o = o };
	int code = cli_open(&o->common, &repo, &b.commit);
	if (code)
		return code;
	repo_free(repo); /* each worker opens its own */
	b.jobs = xcalloc((size_t)n, sizeof(struct job));
	for (int i = 0; i < n; i++)
		b.jobs[b.n++].path = paths[i];
	code = run_batch(&b);
	free(b.jobs);
	return code;
}

int cmd_diff(const struct cli_common *common_in, int argc, char **argv)
{
	struct diff_cli o;
	memset(&o, 0, sizeof(o));
	o.common = *common_in;
	o.view.layout = DIFF_UNIFIED;
	o.view.wrap = true;
	o.view.context = 3;
	bool width_set = false;
	static const struct option longopts[] = {
		{ "rev", required_argument, NULL, 'r' },
		{ "side-by-side", no_argument, NULL, 's' },
		{ "whole", no_argument, NULL, 'W' },
		{ "stat", no_argument, NULL, 'S' },
		{ "width", required_argument, NULL, 'x' },
		{ "color", required_argument, NULL, 'c' },
		{ "colour", required_argument, NULL, 'c' },
		{ "ignore-whitespace", no_argument, NULL, 'w' },
		{ "context", required_argument, NULL, 'U' },
		{ "all", no_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	size_t n;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "C:wU:", longopts, NULL)) != -1) {
		switch (opt) {
		case 'C': o.common.dir = optarg; break;
		case 'r': o.common.rev = optarg; break;
		case 's': o.view.layout = DIFF_SIDE_BY_SIDE; break;
		case 'W': o.whole = true; break;
		case 'S': o.stat = true; break;
		case 'a': o.all = true; break;
		case 'w': o.flags |= RDIFF_IGNORE_WS; break;
		case 'x':
			if (!parse_count(optarg, 100000, &n) || n < 20)
				return usage_error("--width takes a number of columns (20 or more)");
			o.view.width = n;
			width_set = true;
			break;
		case 'U':
			if (!parse_count(optarg, 100000, &n))
				return usage_error("--context takes a number of lines");
			o.view.context = (unsigned)n;
			break;
		case 'c':
			if (color_mode_parse(optarg, &o.common.color) < 0)
				return usage_error("--color takes auto, always or never");
			break;
		case 'h':
			fputs(USAGE, stdout);
			return EXIT_OK;
		default:
			return usage_error("unknown option");
		}
	}
	if (o.all == (optind < argc))
		return usage_error(o.all ? "--all takes no TASK" : "diff needs a TASK (see iacrev tasks)");
	if (o.stat)
		o.flags |= RDIFF_NO_WORDS;
	if (!width_set)
		o.view.width = output_width();
	if (!o.view.width && o.view.layout == DIFF_SIDE_BY_SIDE)
		o.view.width = PIPE_SIDE_WIDTH;
	o.color = print_want_color(o.common.color, stdout);

	int code = o.all ? diff_all(&o) : diff_paths(&o, argv + optind, argc - optind);
	if (fflush(stdout) != 0 && code == EXIT_OK)
		code = EXIT_DATA;
	return code;
}
