/* iacrev stats: current scores per platform and per complexity (tasks,
 * reviewed, mean, share at the bar, a histogram), agreement between
 * reviewers, and disagreement with metadata.json's training_quality. */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/err.h"
#include "../core/jsonx.h"
#include "../core/mem.h"
#include "../core/review_stats.h"
#include "cli.h"
#include "review_cli.h"

#define STATS_USAGE "iacrev stats [-C DIR] [--rev REV] [--json]"
#define DISAGREE 2.0   /* a reviewer mean this far from training_quality is listed */

static int usage_error(const char *msg)
{
	report_error(msg);
	fprintf(stderr, "usage: %s\n", STATS_USAGE);
	return EXIT_USER;
}

struct task_scores {
	const struct task *task;
	double *v;
	size_t n;
};

struct stats {
	struct stats_group *platform, *complexity, *all;
	size_t nplatform, ncomplexity, nall;
	struct task_scores *per_task;   /* tasks at the revision with scores */
	size_t ntasks;
	size_t gone;                    /* scores of tasks not at the revision */
};

static const char *key_or_unknown(const char *s)
{
	return s ? s : "";
}

static void collect(struct stats *st, const struct review_set *s, struct task_list *tasks)
{
	memset(st, 0, sizeof(*st));
	st->per_task = xcalloc(tasks->n + 1, sizeof(*st->per_task));
	for (size_t i = 0; i < tasks->n; i++) {
		const struct task *t = &tasks->v[i];
		struct stats_group *g[3] = {
			stats_group_get(&st->platform, &st->nplatform, key_or_unknown(t->meta.platform.norm)),
			stats_group_get(&st->complexity, &st->ncomplexity, key_or_unknown(t->meta.complexity.norm)),
			stats_group_get(&st->all, &st->nall, "all"),
		};
		const struct review_current *first;
		size_t n = review_set_task(s, t->path, &first);
		struct task_scores ts = { t, xcalloc(n + 1, sizeof(double)), 0 };
		for (size_t k = 0; k < n; k++) {
			int score = review_cur_record(s, &first[k])->score;
			if (score == REVIEW_NO_SCORE)
				continue;
			ts.v[ts.n++] = score;
			for (int j = 0; j < 3; j++)
				stats_group_add_score(g[j], score);
		}
		for (int j = 0; j < 3; j++) {
			g[j]->tasks++;
			g[j]->reviewed += ts.n > 0;
		}
		if (ts.n)
			st->per_task[st->ntasks++] = ts;
		else
			free(ts.v);
	}
	for (size_t i = 0; i < s->ncur; i++) {
		const struct review_record *r = review_cur_record(s, &s->cur[i]);
		if (r->score != REVIEW_NO_SCORE && !task_list_find(tasks, r->task))
			st->gone++;
	}
	stats_groups_sort(st->platform, st->nplatform);
	stats_groups_sort(st->complexity, st->ncomplexity);
}

static void stats_free(struct stats *st)
{
	stats_groups_free(st->platform, st->nplatform);
	stats_groups_free(st->complexity, st->ncomplexity);
	stats_groups_free(st->all, st->nall);
	for (size_t i = 0; i < st->ntasks; i++)
		free(st->per_task[i].v);
	free(st->per_task);
}

static void agreement_of(const struct stats *st, struct agreement *a)
{
	const double **units = xcalloc(st->ntasks + 1, sizeof(*units));
	size_t *sizes = xcalloc(st->ntasks + 1, sizeof(*sizes));
	for (size_t i = 0; i < st->ntasks; i++) {
		units[i] = st->per_task[i].v;
		sizes[i] = st->per_task[i].n;
	}
	stats_agreement(units, sizes, st->ntasks, a);
	free(units);
	free(sizes);
}

static double task_mean(const struct task_scores *ts)
{
	double sum = 0;
	for (size_t i = 0; i < ts->n; i++)
		sum += ts->v[i];
	return sum / (double)ts->n;
}

/* ---- text ---- */

static void print_row(struct sline *l, bool color, const char *key, const struct stats_group *g)
{
	sline_clear(l);
	size_t start = l->cols;
	sline_adds(l, S_NORMAL, key[0] ? key : "(unknown)");
	sline_pad(l, S_NORMAL, start + 14);
	sline_addf(l, S_NUMBER, "%6zu  %8zu  %6zu", g->tasks, g->reviewed, g->scores);
	if (g->scores) {
		char *h = stats_histogram(g->hist);
		sline_addf(l, S_NUMBER, "  %5.2f  %4.0f%%", g->sum / (double)g->scores,
			   100.0 * (double)g->at_bar / (double)g->scores);
		sline_adds(l, S_NORMAL, "  |");
		sline_adds(l, S_OK, h);
		sline_adds(l, S_NORMAL, "|");
		free(h);
	} else {
		sline_adds(l, S_DIM, "      -      -");
	}
	sline_rtrim(l);
	print_line(stdout, l, color);
}

static void print_section(const char *title, const struct stats_group *v, size_t n, bool color)
{
	struct sline l;
	sline_init(&l);
	sline_addf(&l, S_HEADER, "%-14s%6s  %8s  %6s  %5s  %5s  %s", title, "TASKS", "REVIEWED",
		   "SCORES", "MEAN", ">=8", "|0 ... 10 |");
	print_line(stdout, &l, color);
	for (size_t i = 0; i < n; i++)
		print_row(&l, color, v[i].key, &v[i]);
	sline_free(&l);
}

static int disagree_cmp(const void *a, const void *b)
{
	const struct task_scores *x = a, *y = b;
	double dx = fabs(task_mean(x) - x->task->meta.tq.value);
	double dy = fabs(task_mean(y) - y->task->meta.tq.value);
	if (dx != dy)
		return dx > dy ? -1 : 1;
	return strcmp(x->task->path, y->task->path);
}

/* Tasks with both a reviewer score and training_quality. */
static size_t with_tq(const struct stats *st, struct task_scores **out, double *mean_abs,
		      size_t *far)
{
	*out = xcalloc(st->ntasks + 1, sizeof(**out));
	size_t n = 0;
	double sum = 0;
	*far = 0;
	for (size_t i = 0; i < st->ntasks; i++) {
		if (!st->per_task[i].task->meta.tq.has)
			continue;
		double d = fabs(task_mean(&st->per_task[i]) - st->per_task[i].task->meta.tq.value);
		sum += d;
		*far += d >= DISAGREE;
		(*out)[n++] = st->per_task[i];
	}
	qsort(*out, n, sizeof(**out), disagree_cmp);
	*mean_abs = n ? sum / (double)n : 0;
	return n;
}

static void print_text_report(const struct stats *st, bool color)
{
	print_section("PLATFORM", st->platform, st->nplatform, color);
	print_text(stdout, "");
	print_section("COMPLEXITY", st->complexity, st->ncomplexity, color);
	print_text(stdout, "");
	print_section("", st->all, st->nall, color);
	struct buf b = BUF_INIT;
	if (st->gone) {
		buf_printf(&b, "(%zu score%s of tasks not at this revision left out)", st->gone,
			   st->gone == 1 ? "" : "s");
		print_text(stdout, buf_cstr(&b));
	}
	print_text(stdout, "");
	struct agreement a;
	agreement_of(st, &a);
	buf_truncate(&b, 0);
	if (!a.units) {
		buf_puts(&b, "agreement: no task has two reviewers yet");
	} else {
		buf_printf(&b, "agreement: %zu task%s with 2+ reviewers, %zu pair%s: mean absolute "
			   "difference %.2f, Krippendorff's alpha (interval) ", a.units, a.units == 1 ? "" : "s",
			   a.pairs, a.pairs == 1 ? "" : "s", a.mean_abs_diff);
		if (a.alpha_defined)
			buf_printf(&b, "%.3f", a.alpha);
		else
			buf_puts(&b, "undefined (every score is the same)");
	}
	print_text(stdout, buf_cstr(&b));
	struct task_scores *v;
	double mean_abs;
	size_t far, n = with_tq(st, &v, &mean_abs, &far);
	buf_truncate(&b, 0);
	if (!n)
		buf_puts(&b, "training_quality: no reviewed task has one in metadata.json");
	else
		buf_printf(&b, "training_quality: %zu reviewed task%s %s one: mean |reviewers - "
			   "training_quality| %.2f; %zu differ%s by 2 or more%s", n, n == 1 ? "" : "s",
			   n == 1 ? "has" : "have", mean_abs, far, far == 1 ? "s" : "", far ? ":" : "");
	print_text(stdout, buf_cstr(&b));
	for (size_t i = 0; i < n && i < far; i++) {
		char tq[16];
		tq_format(&v[i].task->meta.tq, tq);
		buf_truncate(&b, 0);
		buf_printf(&b, "  %s  reviewers %.1f  training_quality %s", task_display_path(v[i].task),
			   task_mean(&v[i]), tq);
		print_text(stdout, buf_cstr(&b));
	}
	free(v);
	buf_free(&b);
}

/* ---- JSON ---- */

static json_t *groups_json(const struct stats_group *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();
		jsonx_set(o, "key", v[i].key[0] ? jsonx_str(v[i].key) : json_null());
		jsonx_set(o, "tasks", json_integer((json_int_t)v[i].tasks));
		jsonx_set(o, "reviewed", json_integer((json_int_t)v[i].reviewed));
		jsonx_set(o, "scores", json_integer((json_int_t)v[i].scores));
		jsonx_set(o, "mean", v[i].scores ? json_real(v[i].sum / (double)v[i].scores) : json_null());
		jsonx_set(o, "share_at_bar", v[i].scores ? json_real((double)v[i].at_bar / (double)v[i].scores)
						     : json_null());
		json_t *h = json_array();
		for (int k = 0; k <= RUBRIC_MAX; k++)
			json_array_append_new(h, json_integer((json_int_t)v[i].hist[k]));
		jsonx_set(o, "histogram", h);
		json_array_append_new(a, o);
	}
	return a;
}

static void print_json_report(const struct stats *st)
{
	json_t *o = json_object();
	jsonx_set(o, "platform", groups_json(st->platform, st->nplatform));
	jsonx_set(o, "complexity", groups_json(st->complexity, st->ncomplexity));
	jsonx_set(o, "all", groups_json(st->all, st->nall));
	struct agreement a;
	agreement_of(st, &a);
	json_t *ag = json_object();
	jsonx_set(ag, "tasks", json_integer((json_int_t)a.units));
	jsonx_set(ag, "pairs", json_integer((json_int_t)a.pairs));
	jsonx_set(ag, "mean_abs_diff", a.pairs ? json_real(a.mean_abs_diff) : json_null());
	jsonx_set(ag, "krippendorff_alpha_interval", a.alpha_defined ? json_real(a.alpha) : json_null());
	jsonx_set(o, "agreement", ag);
	struct task_scores *v;
	double mean_abs;
	size_t far, n = with_tq(st, &v, &mean_abs, &far);
	json_t *tq = json_object();
	jsonx_set(tq, "tasks", json_integer((json_int_t)n));
	jsonx_set(tq, "mean_abs_diff", n ? json_real(mean_abs) : json_null());
	json_t *list = json_array();
	for (size_t i = 0; i < far; i++) {
		json_t *t = json_object();
		jsonx_set(t, "task", jsonx_str(task_display_path(v[i].task)));
		jsonx_set(t, "reviewers", json_real(task_mean(&v[i])));
		jsonx_set(t, "training_quality", json_real(v[i].task->meta.tq.value));
		json_array_append_new(list, t);
	}
	jsonx_set(tq, "differ_by_2", list);
	jsonx_set(o, "training_quality", tq);
	free(v);
	char *s = review_json_line(o);
	puts(s);
	free(s);
	json_decref(o);
}

int cmd_stats(const struct cli_common *common_in, int argc, char **argv)
{
	struct cli_common common = *common_in;
	static const struct option longopts[] = {
		{ "rev", required_argument, NULL, 'r' },
		{ "json", no_argument, NULL, 'j' },
		{ "color", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "C:", longopts, NULL)) != -1) {
		switch (opt) {
		case 'C': common.dir = optarg; break;
		case 'r': common.rev = optarg; break;
		case 'j': common.json = true; break;
		case 'c':
			if (color_mode_parse(optarg, &common.color) < 0)
				return usage_error("--color takes auto, always or never");
			break;
		case 'h':
			printf("usage: %s\n", STATS_USAGE);
			return EXIT_OK;
		default:
			return usage_error("unknown option");
		}
	}
	if (optind < argc)
		return usage_error("stats takes no positional arguments");
	struct repo *repo = NULL;
	struct task_list tasks;
	int code = cli_load_tasks(&common, &repo, &tasks);
	if (code)
		return code;
	struct cli_reviews cr;
	if ((code = cli_reviews_load(repo, &cr)) == 0) {
		struct stats st;
		collect(&st, &cr.set, &tasks);
		if (common.json)
			print_json_report(&st);
		else
			print_text_report(&st, print_want_color(common.color, stdout));
		stats_free(&st);
		cli_reviews_free(&cr);
		if (fflush(stdout) != 0)
			code = EXIT_DATA;
	}
	task_list_free(&tasks);
	repo_free(repo);
	return code;
}
