/* bench/reviews-driver: the in-process half of bench/reviews, linked with
 * build/libiacrev.a by the script.
 *
 *   reviews-driver lastchange REPO N     core/lastchange on N tasks spread
 *                                        over HEAD's; prints "task commit"
 *                                        lines and a timing line on stderr
 *   reviews-driver fill REPO N BUCKETS   save N records (several reviewers
 *                                        per task) on the buckets given
 *                                        ("task commit" lines), timing each
 *                                        save; prints the latencies summary
 *   reviews-driver load REPO             load every record, timed
 *
 * Times are wall clock in-process, so process start and exit (which the
 * CLI rows of the script include) are left out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/err.h"
#include "../core/lastchange.h"
#include "../core/mem.h"
#include "../core/review_save.h"
#include "../core/review_set.h"
#include "../core/task.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void summary(const char *what, double *v, size_t n)
{
	if (!n)
		return;
	qsort(v, n, sizeof(*v), dbl_cmp);
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += v[i];
	size_t p99 = (size_t)((double)n * 0.99);
	if (p99 >= n)
		p99 = n - 1;
	printf("%s: n=%zu median_ms=%.2f p99_ms=%.2f max_ms=%.2f total_s=%.2f\n", what, n, v[n / 2],
	       v[p99], v[n - 1], sum / 1e3);
}

static int die(const char *what)
{
	fprintf(stderr, "reviews-driver: %s: %s\n", what, err_msg());
	return 1;
}

static int open_tasks(const char *dir, struct repo **r, struct task_list *tasks)
{
	git_oid head;
	if (repo_open(r, dir) < 0 || repo_resolve(*r, "HEAD", &head) < 0 ||
	    task_list_load(*r, &head, tasks) < 0)
		return die(dir);
	return 0;
}

static int cmd_lastchange(const char *dir, size_t n)
{
	struct repo *r;
	struct task_list tasks;
	if (open_tasks(dir, &r, &tasks))
		return 1;
	if (n > tasks.n)
		n = tasks.n;
	double *t = xcalloc(n + 1, sizeof(double));
	for (size_t i = 0; i < n; i++) {
		const struct task *task = &tasks.v[i * tasks.n / n];
		git_oid c;
		char hex[GIT_OID_HEXSZ + 1];
		double start = now_ms();
		if (lastchange_find(r, &tasks.commit, task->path, &c, NULL) < 0)
			return die(task->path);
		t[i] = now_ms() - start;
		printf("%s %s\n", task->path, git_oid_tostr(hex, sizeof(hex), &c));
	}
	fflush(stdout);
	double *copy = xcalloc(n + 1, sizeof(double));
	memcpy(copy, t, n * sizeof(double));
	qsort(copy, n, sizeof(double), dbl_cmp);
	fprintf(stderr, "lastchange: n=%zu median_ms=%.2f p99_ms=%.2f\n", n, copy[n / 2],
		copy[n - 1 - n / 100]);
	free(copy);
	free(t);
	task_list_free(&tasks);
	repo_free(r);
	return 0;
}

struct bucket {
	char *task;
	git_oid commit;
};

static int cmd_fill(const char *dir, size_t n, const char *buckets_file)
{
	struct repo *r;
	struct task_list tasks;
	if (open_tasks(dir, &r, &tasks))
		return 1;
	FILE *f = fopen(buckets_file, "r");
	if (!f) {
		perror(buckets_file);
		return 1;
	}
	struct bucket *b = NULL;
	size_t nb = 0, cap = 0;
	char line[4096];
	while (fgets(line, sizeof(line), f)) {
		char *sp = strrchr(line, ' ');
		if (!sp)
			continue;
		*sp = '\0';
		VEC_GROW(b, nb + 1, cap);
		b[nb].task = xstrdup(line);
		if (git_oid_fromstrn(&b[nb].commit, sp + 1, GIT_OID_HEXSZ) < 0)
			continue;
		nb++;
	}
	fclose(f);
	if (!nb) {
		fprintf(stderr, "reviews-driver: no buckets in %s\n", buckets_file);
		return 1;
	}
	double *t = xcalloc(n + 1, sizeof(double));
	unsigned lost = 0;
	for (size_t i = 0; i < n; i++) {
		const struct bucket *k = &b[i % nb];
		const struct task *task = task_list_find(&tasks, k->task);
		if (!task) {
			fprintf(stderr, "reviews-driver: no task %s\n", k->task);
			return 1;
		}
		char name[32], email[48], note[64];
		size_t who = i / nb;
		snprintf(name, sizeof(name), "Reviewer %zu", who);
		snprintf(email, sizeof(email), "reviewer%zu@example.org", who);
		snprintf(note, sizeof(note), "benchmark record %zu", i);
		struct reviewer w = { name, email };
		struct review_item items[3] = {
			{ 1, "KMS key rotation enabled", RC_A },
			{ 2, "Tags added to every resource", RC_B },
			{ 3, "Outputs for the integration tests", RC_C },
		};
		struct review_draft d;
		memset(&d, 0, sizeof(d));
		d.task = task->path;
		d.commit = tasks.commit;
		d.tree = task->tree;
		d.has_answers = true;
		d.items = items;
		d.nitems = 3;
		d.factors = 1u << RF_SERVICES;
		d.note = note;
		d.secs = (int64_t)(i % 900);
		struct review_record rec;
		if (review_build(&d, &w, NULL, &rec) < 0)
			return die("build");
		struct review_save_opts o = { 0, &lost, &k->commit };
		struct review_saved saved;
		double start = now_ms();
		if (review_save(r, &rec, &o, &saved) < 0)
			return die("save");
		t[i] = now_ms() - start;
		review_record_free(&rec);
	}
	summary("save", t, n);
	printf("save: notes=%zu lost_races=%u\n", nb, lost);
	free(t);
	for (size_t i = 0; i < nb; i++)
		free(b[i].task);
	free(b);
	task_list_free(&tasks);
	repo_free(r);
	return 0;
}

static int cmd_load(const char *dir)
{
	struct repo *r;
	if (repo_open(&r, dir) < 0)
		return die(dir);
	struct review_set s;
	double start = now_ms();
	if (review_set_load(r, &s) < 0)
		return die("load");
	double t = now_ms() - start;
	printf("load: records=%zu notes=%zu current=%zu cached_notes=%zu ms=%.1f\n", s.n, s.notes,
	       s.ncur, s.cache_hits, t);
	review_set_free(&s);
	repo_free(r);
	return 0;
}

int main(int argc, char **argv)
{
	repo_global_init();
	int rc = 2;
	if (argc == 4 && strcmp(argv[1], "lastchange") == 0)
		rc = cmd_lastchange(argv[2], (size_t)strtoul(argv[3], NULL, 10));
	else if (argc == 5 && strcmp(argv[1], "fill") == 0)
		rc = cmd_fill(argv[2], (size_t)strtoul(argv[3], NULL, 10), argv[4]);
	else if (argc == 3 && strcmp(argv[1], "load") == 0)
		rc = cmd_load(argv[2]);
	else
		fprintf(stderr, "usage: reviews-driver lastchange REPO N | fill REPO N BUCKETS | load REPO\n");
	repo_global_shutdown();
	return rc;
}
