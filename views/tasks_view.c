/* The tasks screen of the workbench: the rows of `iacrev tasks`
 * (views/tasks.c) under a header, filled in bounded steps of the tree walk
 * so the first screen comes long before the walk ends, sorted by any
 * column (o, O) and filtered with the filter language (F); the title
 * counts shown/total.  Its order is published in struct work, so that
 * other views can move to the next task (J/K). */
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/err.h"
#include "../core/mem.h"
#include "../core/taskq.h"
#include "reviews.h"
#include "tasks.h"
#include "view.h"

/* Tree entries walked per step: a few hundred metadata reads at most. */
#define SCAN_BUDGET 256
#define VIEW_MAX_PATH 48

struct tasks_view {
	struct task_scan *scan;
	size_t *order;           /* shown tasks: indexes into work->tasks.v */
	size_t norder, order_cap;
	size_t seen;             /* tasks of work->tasks already filtered */
	struct task_filter *filter;
	char *filter_text;
	enum task_sort sort;
	bool reverse;
	struct task_cols cols;
	unsigned reviews_gen;    /* the review records the columns and filter used */
	struct sline line, header;
};

static struct tasks_view *tv(struct view *v)
{
	return v->priv;
}

static void tasks_title(struct view *v)
{
	struct tasks_view *p = tv(v);
	struct work *w = v->work;
	struct buf b = BUF_INIT;
	buf_printf(&b, "Tasks %zu/%zu", p->norder, w->tasks.n);
	if (!w->tasks_loaded)
		buf_puts(&b, " (loading)");
	buf_printf(&b, "  sort: %s%s", p->reverse ? "-" : "", task_sort_name(p->sort));
	if (p->filter_text && *p->filter_text)
		buf_printf(&b, "  filter: %s", p->filter_text);
	view_set_title(v, "%s", buf_cstr(&b));
	buf_free(&b);
}

static void publish_order(struct view *v)
{
	struct tasks_view *p = tv(v);
	v->work->order = p->order;
	v->work->norder = p->norder;
	v->work->selected = p->norder ? p->order[v->cursor < p->norder ? v->cursor : 0] : SIZE_MAX;
}

static void sort_order(struct view *v)
{
	struct tasks_view *p = tv(v);
	struct task *base = v->work->tasks.v;
	const struct task **ptrs = xcalloc(p->norder ? p->norder : 1, sizeof(*ptrs));
	for (size_t i = 0; i < p->norder; i++)
		ptrs[i] = &base[p->order[i]];
	task_sort(ptrs, p->norder, p->sort, p->reverse);
	for (size_t i = 0; i < p->norder; i++)
		p->order[i] = (size_t)(ptrs[i] - base);
	free(ptrs);
}

/* Column widths from the headers, with the review columns (my score,
 * reviews, stale) once the repository has reviews, as `iacrev tasks`. */
static void cols_init(struct view *v)
{
	struct tasks_view *p = tv(v);
	struct work_reviews *wr = v->work->reviews;
	task_cols_init(&p->cols, VIEW_MAX_PATH);
	if (wr && wr->set.n)
		task_cols_set_reviews(&p->cols, &wr->facts);
}

/* The filter's review keys (reviewed:no, score:<8, reviewer:NAME). */
static const struct task_facts *facts(struct view *v)
{
	struct work_reviews *wr = v->work->reviews;
	return wr ? &wr->facts.hooks : NULL;
}

/* Filter the tasks not seen yet and add the matches. */
static bool take_new(struct view *v)
{
	struct tasks_view *p = tv(v);
	struct task_list *l = &v->work->tasks;
	bool added = false;
	for (; p->seen < l->n; p->seen++) {
		task_cols_fit(&p->cols, &l->v[p->seen]);
		if (!task_filter_match(p->filter, &l->v[p->seen], facts(v)))
			continue;
		VEC_GROW(p->order, p->norder + 1, p->order_cap);
		p->order[p->norder++] = p->seen;
		added = true;
	}
	return added;
}

/* Rebuild the order (after a new filter or sort) keeping the cursor on
 * the task it was on when that task is still shown. */
static void reorder(struct view *v, bool refilter)
{
	struct tasks_view *p = tv(v);
	size_t keep = p->norder && v->cursor < p->norder ? p->order[v->cursor] : SIZE_MAX;
	if (refilter) {
		p->norder = 0;
		p->seen = 0;
		cols_init(v);
		take_new(v);
	}
	sort_order(v);
	size_t at = 0;
	for (size_t i = 0; i < p->norder; i++)
		if (p->order[i] == keep)
			at = i;
	view_show_line(v, at);
	publish_order(v);
	tasks_title(v);
}

static int tasks_open(struct view *v, const struct view_args *args)
{
	(void)args;
	struct tasks_view *p = tv(v);
	struct work *w = v->work;
	struct work_reviews *wr = work_reviews(w);
	char *problem = wr ? work_reviews_problem(wr) : NULL;
	if (!wr)
		view_error(v, "reviews: %s", err_msg()); /* the list works without them */
	else if (problem)
		view_error(v, "%s", problem); /* the valid records are loaded */
	free(problem);
	p->reviews_gen = work_reviews_gen(w);
	cols_init(v);
	p->sort = SORT_PATH;
	task_list_free(&w->tasks);
	w->tasks.commit = w->commit;
	w->tasks_loaded = false;
	int rc = task_scan_new(&p->scan, w->repo, &w->commit);
	if (rc < 0)
		return rc;
	publish_order(v);
	tasks_title(v);
	view_set_progress(v, "loading tasks");
	return 0;
}

static int tasks_step(struct view *v)
{
	struct tasks_view *p = tv(v);
	struct work *w = v->work;
	int rc = task_scan_step(p->scan, &w->tasks, SCAN_BUDGET);
	if (take_new(v))
		sort_order(v);
	if (rc > 0) {
		view_set_progress(v, "loading: %zu tasks, %zu entries", w->tasks.n,
				  task_scan_visited(p->scan));
	} else {
		task_scan_free(p->scan);
		p->scan = NULL;
		w->tasks_loaded = true;
		view_set_progress(v, NULL);
		if (rc == 0 && w->tasks.nproblems)
			view_error(v, "%zu folder%s could not be read: %s", w->tasks.nproblems,
				   w->tasks.nproblems == 1 ? "" : "s", w->tasks.problems[0]);
	}
	publish_order(v);
	tasks_title(v);
	return rc;
}

static size_t tasks_line_count(struct view *v)
{
	struct tasks_view *p = tv(v);
	/* A save (the score sheet) reloaded the records: the columns and a
	 * review filter are refreshed when the list is drawn again.  Not
	 * earlier: the review queue (n) walks the order as it was. */
	if (p->reviews_gen != work_reviews_gen(v->work) && view_is_top(v)) {
		p->reviews_gen = work_reviews_gen(v->work);
		reorder(v, true);
	}
	return p->norder;
}

static const struct sline *tasks_line(struct view *v, size_t i)
{
	struct tasks_view *p = tv(v);
	sline_clear(&p->line);
	task_row_line(&p->line, &v->work->tasks.v[p->order[i]], &p->cols);
	p->line.ref = (intptr_t)p->order[i];
	return &p->line;
}

static const struct sline *tasks_header(struct view *v)
{
	struct tasks_view *p = tv(v);
	sline_clear(&p->header);
	task_header_line(&p->header, &p->cols);
	return &p->header;
}

static void tasks_select(struct view *v)
{
	publish_order(v);
}

static void filter_done(struct view *v, const char *answer)
{
	struct tasks_view *p = tv(v);
	if (!answer)
		return;
	struct task_filter *f = NULL;
	if (task_filter_parse(answer, &f) < 0) {
		view_error(v, "filter: %s", err_msg());
		return; /* the old filter stays */
	}
	task_filter_free(p->filter);
	p->filter = f;
	free(p->filter_text);
	p->filter_text = xstrdup(answer);
	reorder(v, true);
	view_message(v, "%zu of %zu tasks match%s", p->norder, v->work->tasks.n,
		     v->work->tasks_loaded ? "" : " so far");
}

static const char *selected_path(struct view *v)
{
	struct tasks_view *p = tv(v);
	if (!p->norder)
		return NULL;
	return task_display_path(&v->work->tasks.v[p->order[v->cursor]]);
}

static enum view_key_result tasks_key(struct view *v, enum action a, int count)
{
	struct tasks_view *p = tv(v);
	(void)count;
	const char *open_name = NULL;
	switch (a) {
	case ACT_SORT_NEXT:
		p->sort = (enum task_sort)((p->sort + 1) % SORT_KEYS);
		reorder(v, false);
		view_message(v, "sorted by %s%s", p->reverse ? "-" : "", task_sort_name(p->sort));
		return VIEW_KEY_HANDLED;
	case ACT_SORT_REVERSE:
		p->reverse = !p->reverse;
		reorder(v, false);
		view_message(v, "sorted by %s%s", p->reverse ? "-" : "", task_sort_name(p->sort));
		return VIEW_KEY_HANDLED;
	case ACT_FILTER:
		view_prompt(v, "filter: ", p->filter_text, filter_done);
		return VIEW_KEY_HANDLED;
	case ACT_VIEW_LOG:
		view_push_named(v, "log", NULL);
		return VIEW_KEY_HANDLED;
	case ACT_ENTER: open_name = "task"; break;
	case ACT_VIEW_DIFF: open_name = "diff"; break;
	case ACT_VIEW_FAILURES: open_name = "failures"; break;
	case ACT_VIEW_HISTORY: open_name = "history"; break;
	case ACT_VIEW_SCORE: open_name = "score"; break;
	case ACT_VIEW_PROMPT: open_name = "prompt"; break;
	default:
		return VIEW_KEY_UNHANDLED;
	}
	const char *path = selected_path(v);
	if (!path) {
		view_error(v, "no task selected");
		return VIEW_KEY_HANDLED;
	}
	if (strcmp(open_name, "prompt") == 0) {
		view_open_doc(v, path, "PROMPT.md");
	} else {
		struct view_args args = { path, NULL, 0, NULL, NULL };
		view_push_named(v, open_name, &args);
	}
	return VIEW_KEY_HANDLED;
}

static void tasks_done(struct view *v)
{
	struct tasks_view *p = tv(v);
	task_scan_free(p->scan);
	task_filter_free(p->filter);
	free(p->filter_text);
	free(p->order);
	sline_free(&p->line);
	sline_free(&p->header);
	v->work->order = NULL;
	v->work->norder = 0;
}

const struct view_ops tasks_view_ops = {
	.name = "tasks",
	.flags = VF_CURSOR,
	.private_size = sizeof(struct tasks_view),
	.open = tasks_open,
	.step = tasks_step,
	.key = tasks_key,
	.line_count = tasks_line_count,
	.line = tasks_line,
	.header = tasks_header,
	.select = tasks_select,
	.done = tasks_done,
};
