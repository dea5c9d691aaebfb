/* iacrev tasks: the task list of a revision, as rows or JSON Lines. */
#include <getopt.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/buf.h"
#include "../core/err.h"
#include "../core/jsonx.h"
#include "../core/mem.h"
#include "../core/taskq.h"
#include "../views/tasks.h"
#include "cli.h"
#include "review_cli.h"

static int usage_error(const char *msg)
{
	report_error(msg);
	fprintf(stderr, "usage: iacrev tasks [-C DIR] [--rev REV] [--json] [--filter EXPR] [--sort KEY]\n");
	return EXIT_USER;
}

/* JSON Lines of a run of tasks, into a buffer. */
struct json_part {
	const struct task **v;
	size_t n;
	const struct review_facts *facts;
	struct buf out;
};

static void *encode_part(void *arg)
{
	struct json_part *p = arg;
	for (size_t i = 0; i < p->n; i++) {
		json_t *o = task_json(p->v[i]);
		task_json_reviews(o, p->v[i], p->facts);
		char *s = jsonx_dump_line(o);
		buf_puts(&p->out, s);
		buf_putc(&p->out, '\n');
		free(s);
		json_decref(o);
	}
	return NULL;
}

/* jansson's encoder is 40% of `tasks --json`: with more than one core the
 * second half of the list is encoded on another thread (the tasks and the
 * review facts are only read), then both halves print in order. */
static void print_json(const struct task **shown, size_t n, const struct review_facts *facts)
{
	struct json_part part[2] = { { shown, n, facts, BUF_INIT }, { NULL, 0, facts, BUF_INIT } };
	pthread_t tid;
	bool threaded = false;
	if (n >= 64 && sysconf(_SC_NPROCESSORS_ONLN) > 1) {
		part[1].v = shown + n / 2;
		part[1].n = n - n / 2;
		part[0].n = n / 2;
		json_object_seed(0); /* jansson's hash seed, set before threads make objects */
		threaded = pthread_create(&tid, NULL, encode_part, &part[1]) == 0;
		if (!threaded) {
			part[0].n = n;
			part[1].n = 0;
		}
	}
	encode_part(&part[0]);
	if (threaded)
		pthread_join(tid, NULL);
	else
		encode_part(&part[1]);
	for (int k = 0; k < 2; k++) {
		fwrite(part[k].out.ptr ? part[k].out.ptr : "", 1, part[k].out.len, stdout);
		buf_free(&part[k].out);
	}
}

int cmd_tasks(const struct cli_common *common_in, int argc, char **argv)
{
	struct cli_common common = *common_in;
	const char *filter_expr = NULL, *sort_name = "path";
	static const struct option longopts[] = {
		{ "rev", required_argument, NULL, 'r' },
		{ "json", no_argument, NULL, 'j' },
		{ "filter", required_argument, NULL, 'f' },
		{ "sort", required_argument, NULL, 's' },
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
		case 'f': filter_expr = optarg; break;
		case 's': sort_name = optarg; break;
		case 'c':
			if (color_mode_parse(optarg, &common.color) < 0)
				return usage_error("--color takes auto, always or never");
			break;
		case 'h':
			fprintf(stdout, "usage: iacrev tasks [-C DIR] [--rev REV] [--json] [--filter EXPR] [--sort KEY]\n\nfilter keys:\n");
			for (const char *const *h = task_filter_help(); *h; h++)
				fprintf(stdout, "  %s\n", *h);
			return EXIT_OK;
		default:
			return usage_error("unknown option");
		}
	}
	if (optind < argc)
		return usage_error("tasks takes no positional arguments");

	struct task_filter *filter = NULL;
	enum task_sort key;
	bool reverse;
	if (task_filter_parse(filter_expr, &filter) < 0 || task_sort_parse(sort_name, &key, &reverse) < 0)
		return usage_error(err_msg());

	/* The walk reads each tree once: a cache of them only costs (10% of
	 * the CPU of listing 3,300 tasks, most of it freeing it at the end). */
	repo_no_object_cache();
	struct repo *repo = NULL;
	struct task_list tasks;
	int code = cli_load_tasks(&common, &repo, &tasks);
	if (code) {
		task_filter_free(filter);
		return code;
	}

	struct cli_reviews reviews;
	if ((code = cli_reviews_load(repo, &reviews)) != 0) {
		task_filter_free(filter);
		task_list_free(&tasks);
		repo_free(repo);
		return code;
	}
	const struct task **shown = xcalloc(tasks.n ? tasks.n : 1, sizeof(*shown));
	size_t n = 0;
	for (size_t i = 0; i < tasks.n; i++)
		if (task_filter_match(filter, &tasks.v[i], &reviews.facts.hooks))
			shown[n++] = &tasks.v[i];
	task_sort(shown, n, key, reverse);

	if (common.json) {
		print_json(shown, n, &reviews.facts);
	} else {
		bool color = print_want_color(common.color, stdout);
		struct task_cols cols;
		task_cols_init_bare(&cols, 0);
		if (reviews.set.n) /* the review columns once there are reviews */
			task_cols_set_reviews(&cols, &reviews.facts);
		for (size_t i = 0; i < n; i++)
			task_cols_fit(&cols, shown[i]);
		struct sline line;
		sline_init(&line);
		for (size_t i = 0; i < n; i++) {
			sline_clear(&line);
			task_row_line(&line, shown[i], &cols);
			sline_rtrim(&line); /* the problems column is often empty */
			print_line(stdout, &line, color);
		}
		sline_free(&line);
	}
	free(shown);
	cli_reviews_free(&reviews);
	task_filter_free(filter);
	task_list_free(&tasks);
	repo_free(repo);
	if (fflush(stdout) != 0)
		return EXIT_DATA;
	return EXIT_OK;
}
