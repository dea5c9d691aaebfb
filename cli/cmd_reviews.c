/* iacrev reviews: the current review of each task and reviewer, or every
 * record of one task, with staleness and concurrent edits marked. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "../core/err.h"
#include "../core/jsonx.h"
#include "../core/mem.h"
#include "../core/utf8.h"
#include "cli.h"
#include "review_cli.h"

#define REVIEWS_USAGE "iacrev reviews [-C DIR] [--rev REV] [TASK] [--all] [--json]"

static int usage_error(const char *msg)
{
	report_error(msg);
	fprintf(stderr, "usage: %s\n", REVIEWS_USAGE);
	return EXIT_USER;
}

/* "stale, concurrent edits" (empty when none); the caller frees. */
static char *flags_text(const struct review_record *r, const struct review_current *c,
			struct task_trees *tasks)
{
	struct buf b = BUF_INIT;
	enum review_freshness f = task_trees_freshness(tasks, r);
	if (f == REVIEW_STALE)
		buf_puts(&b, "stale");
	else if (f == REVIEW_GONE)
		buf_puts(&b, "task not at this revision");
	if (c && c->nheads > 1)
		buf_printf(&b, "%sconcurrent edits (%zu heads)", b.len ? ", " : "", c->nheads);
	if (r->superseded)
		buf_printf(&b, "%ssuperseded", b.len ? ", " : "");
	if (r->unknown_supersedes) {
		char hex[17];
		review_id_hex(hex, r->supersedes);
		buf_printf(&b, "%ssupersedes unknown record %s", b.len ? ", " : "", hex);
	}
	return buf_detach(&b);
}

/* "2026-11-22 10:15" from the record's time. */
static char *short_time(const char *at)
{
	if (strlen(at) >= 16 && at[10] == 'T')
		return xasprintf("%.10s %.5s", at, at + 11);
	return xstrdup(at);
}

enum { COL_TASK, COL_WHO, COL_SCORE, COL_COMPUTED, COL_AT, COL_FLAGS, COL_NOTE, NCOLS };

struct table {
	char *(*rows)[NCOLS];
	size_t n, cap;
	size_t width[NCOLS];
};

static void table_add(struct table *t, char *cells[NCOLS])
{
	VEC_GROW(t->rows, t->n + 1, t->cap);
	for (int i = 0; i < NCOLS; i++) {
		t->rows[t->n][i] = cells[i];
		/* measured as shown: sanitised */
		struct sline l;
		sline_init(&l);
		sline_adds(&l, S_NORMAL, cells[i]);
		if (l.cols > t->width[i])
			t->width[i] = l.cols;
		sline_free(&l);
	}
	t->n++;
}

static void table_print(struct table *t, bool color)
{
	static const int styles[NCOLS] = { S_PATH, S_AUTHOR, S_NUMBER, S_DIM, S_DATE, S_WARN, S_NORMAL };
	struct sline l;
	sline_init(&l);
	for (size_t r = 0; r < t->n; r++) {
		sline_clear(&l);
		for (int i = 0; i < NCOLS; i++) {
			size_t start = l.cols;
			sline_adds(&l, styles[i], t->rows[r][i]);
			if (i + 1 < NCOLS)
				sline_pad(&l, S_NORMAL, start + t->width[i] + 2);
		}
		sline_rtrim(&l);
		print_line(stdout, &l, color);
		for (int i = 0; i < NCOLS; i++)
			free(t->rows[r][i]);
	}
	sline_free(&l);
	free(t->rows);
}

static void row_of(struct table *t, const struct review_record *r, const struct review_current *c,
		   struct task_trees *tasks)
{
	char *cells[NCOLS];
	char score[16], computed[24];
	cli_score_text(r->score, true, score);
	if (r->computed != REVIEW_NO_SCORE)
		snprintf(computed, sizeof(computed), "(rubric %d)", r->computed);
	else
		snprintf(computed, sizeof(computed), "(direct)");
	cells[COL_TASK] = xstrdup(r->task[0] ? r->task : ".");
	cells[COL_WHO] = cli_reviewer_text(r);
	cells[COL_SCORE] = xstrdup(score);
	cells[COL_COMPUTED] = xstrdup(computed);
	cells[COL_AT] = short_time(r->at);
	cells[COL_FLAGS] = flags_text(r, c, tasks);
	cells[COL_NOTE] = xstrdup(r->note ? r->note : "");
	table_add(t, cells);
}

static json_t *record_json(const struct review_record *r, const struct review_current *c,
			   struct task_trees *tasks)
{
	json_t *o = review_to_json(r);
	enum review_freshness f = task_trees_freshness(tasks, r);
	jsonx_set(o, "stale", json_boolean(f == REVIEW_STALE));
	jsonx_set(o, "task_found", json_boolean(f != REVIEW_GONE));
	jsonx_set(o, "current", json_boolean(r->current));
	jsonx_set(o, "concurrent_edits", json_boolean(c && c->nheads > 1));
	jsonx_set(o, "unknown_supersedes", json_boolean(r->unknown_supersedes));
	jsonx_set(o, "annotated", jsonx_oid(&r->bucket));
	return o;
}

static void print_json(json_t *o)
{
	char *line = review_json_line(o);
	fputs(line, stdout);
	fputc('\n', stdout);
	free(line);
	json_decref(o);
}

/* One task in detail: each reviewer's current record, then the history. */
static void print_task(const struct review_set *s, const char *task, struct task_trees *tasks,
		       bool color)
{
	const struct review_current *first;
	size_t n = review_set_task(s, task, &first);
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		const struct review_record *r = review_cur_record(s, &first[i]);
		char score[16], *who = cli_reviewer_text(r), *flags = flags_text(r, &first[i], tasks);
		cli_score_text(r->score, true, score);
		buf_truncate(&b, 0);
		buf_printf(&b, "%s: %s", who, score);
		if (r->score != REVIEW_NO_SCORE)
			buf_printf(&b, ", %s", rubric_band(r->score));
		if (flags[0])
			buf_printf(&b, "  [%s]", flags);
		print_text(stdout, buf_cstr(&b));
		free(who);
		free(flags);
		if (r->has_answers) {
			enum rubric_cat *cats;
			struct rubric_answers a;
			struct rubric_result res;
			review_answers(r, &a, &cats);
			rubric_compute(&a, &res);
			char **lines;
			size_t nl = rubric_explain(&a, &res, &lines);
			for (size_t k = 0; k < nl; k++) {
				buf_truncate(&b, 0);
				buf_printf(&b, "  %s", lines[k]);
				print_text(stdout, buf_cstr(&b));
				free(lines[k]);
			}
			free(lines);
			free(cats);
			for (size_t k = 0; k < r->nitems; k++) {
				buf_truncate(&b, 0);
				buf_printf(&b, "  item %d %c %s", r->items[k].n, rubric_cat_letter(r->items[k].cat),
					   r->items[k].title);
				print_text(stdout, buf_cstr(&b));
			}
		}
		if (r->reason) {
			buf_truncate(&b, 0);
			buf_printf(&b, "  reason: %s", r->reason);
			print_text(stdout, buf_cstr(&b));
		}
		if (r->note && r->note[0]) {
			buf_truncate(&b, 0);
			buf_printf(&b, "  note: %s", r->note);
			print_text(stdout, buf_cstr(&b));
		}
		size_t *hist;
		size_t nh = review_set_history(s, task, r->by_email, &hist);
		for (size_t k = 0; k < nh; k++) {
			const struct review_record *h = &s->v[hist[k]];
			char hex[17], sc[16], cid[11];
			review_id_hex(hex, h->id);
			repo_short_id(cid, &h->commit);
			cli_score_text(h->score, true, sc);
			buf_truncate(&b, 0);
			buf_printf(&b, "  %s %s %s, reviewed at %s%s", h->at, hex, sc, cid,
				   h == r ? " (current)" : h->superseded ? "" : " (another head)");
			struct sline l;
			sline_init(&l);
			sline_adds(&l, h == r ? S_NORMAL : S_DIM, buf_cstr(&b));
			print_line(stdout, &l, color);
			sline_free(&l);
		}
		free(hist);
	}
	buf_free(&b);
}

int cmd_reviews(const struct cli_common *common_in, int argc, char **argv)
{
	struct cli_common common = *common_in;
	bool all = false;
	static const struct option longopts[] = {
		{ "rev", required_argument, NULL, 'r' },
		{ "json", no_argument, NULL, 'j' },
		{ "all", no_argument, NULL, 'a' },
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
		case 'a': all = true; break;
		case 'c':
			if (color_mode_parse(optarg, &common.color) < 0)
				return usage_error("--color takes auto, always or never");
			break;
		case 'h':
			printf("usage: %s\n", REVIEWS_USAGE);
			return EXIT_OK;
		default:
			return usage_error("unknown option");
		}
	}
	if (argc - optind > 1)
		return usage_error("reviews takes at most one task");
	const char *task = optind < argc ? argv[optind] : NULL;
	/* staleness needs the task folders' trees, not every task loaded */
	struct repo *repo = NULL;
	struct task_trees tasks;
	git_oid commit;
	int code = cli_open(&common, &repo, &commit);
	if (code)
		return code;
	if (task_trees_open(&tasks, repo, &commit) < 0) {
		repo_free(repo);
		return cli_fail(EXIT_DATA);
	}
	struct cli_reviews cr;
	if ((code = cli_reviews_load(repo, &cr)) != 0) {
		task_trees_free(&tasks);
		repo_free(repo);
		return code;
	}
	const struct review_set *s = &cr.set;
	bool color = print_want_color(common.color, stdout);
	char *path = NULL;
	if (task) {
		/* the path as the records spell it: "." is the root task */
		path = xstrdup(strcmp(task, ".") == 0 ? "" : task);
		size_t len = strlen(path);
		while (len && path[len - 1] == '/')
			path[--len] = '\0';
		const struct review_current *first;
		if (!review_set_task(s, path, &first) && !task_trees_find(&tasks, path, NULL)) {
			err_setc(ERR_NOTFOUND, "no task at '%s' in %s, and no review of it (see iacrev tasks)",
				 task, common.rev ? common.rev : "HEAD");
			code = cli_fail(EXIT_USER);
			goto out;
		}
	}
	if (task && !common.json && !all) {
		print_task(s, path, &tasks, color);
		goto out;
	}
	struct table t;
	memset(&t, 0, sizeof(t));
	for (size_t i = 0; i < s->ncur; i++) {
		const struct review_current *c = &s->cur[i];
		const struct review_record *r = review_cur_record(s, c);
		if (path && strcmp(r->task, path) != 0)
			continue;
		if (all) {
			size_t *hist;
			size_t nh = review_set_history(s, r->task, r->by_email, &hist);
			for (size_t k = 0; k < nh; k++) {
				const struct review_record *h = &s->v[hist[k]];
				if (common.json)
					print_json(record_json(h, c, &tasks));
				else
					row_of(&t, h, h == r ? c : NULL, &tasks);
			}
			free(hist);
		} else if (common.json) {
			print_json(record_json(r, c, &tasks));
		} else {
			row_of(&t, r, c, &tasks);
		}
	}
	if (!common.json)
		table_print(&t, color);
	if (s->opaque && !common.json) {
		char *msg = xasprintf("%zu line%s in %s %s not a record this iacrev reads (kept as they "
				      "are; iacrev export --all-records shows them)", s->opaque,
				      s->opaque == 1 ? "" : "s", REVIEW_REF, s->opaque == 1 ? "is" : "are");
		report_warning(msg);
		free(msg);
	}
out:
	free(path);
	cli_reviews_free(&cr);
	task_trees_free(&tasks);
	repo_free(repo);
	if (code == 0 && fflush(stdout) != 0)
		code = EXIT_DATA;
	return code;
}
