/* iacrev failures: a task's MODEL_FAILURES.md split into its items, one
 * a line or as JSON Lines; --item N renders one item. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "../core/err.h"
#include "../core/failures.h"
#include "../core/jsonx.h"
#include "../core/mdsrc.h"
#include "../core/mem.h"
#include "../views/document.h"
#include "../views/failures.h"
#include "cli.h"

#define FAILURES_USAGE \
	"usage: iacrev failures TASK [-C DIR] [--rev REV] [--json] [--doc FILE] [--item N]\n" \
	"                            [--width N] [--raw] [--color WHEN]\n"

static int usage_error(const char *msg)
{
	report_error(msg);
	fputs(FAILURES_USAGE, stderr);
	return EXIT_USER;
}

static void print_lines(const struct slist *lines, bool color)
{
	for (size_t i = 0; i < lines->n; i++)
		print_line(stdout, &lines->v[i], color);
}

static void print_json(const struct failures *f, const char *task, const char *path)
{
	for (size_t i = 0; i < f->n; i++) {
		json_t *o = json_object();
		jsonx_set(o, "task", jsonx_str(task));
		jsonx_set(o, "file", jsonx_str(path));
		json_t *item = failures_item_json(&f->v[i], f);
		json_object_update(o, item);
		json_decref(item);
		char *s = jsonx_dump_line(o);
		fputs(s, stdout);
		fputc('\n', stdout);
		free(s);
		json_decref(o);
	}
}

int cmd_failures(const struct cli_common *common_in, int argc, char **argv)
{
	struct cli_common common = *common_in;
	const char *doc = "MODEL_FAILURES.md";
	long width = 0, item = 0;
	bool raw = false;
	static const struct option longopts[] = {
		{ "rev", required_argument, NULL, 'r' },
		{ "json", no_argument, NULL, 'j' },
		{ "doc", required_argument, NULL, 'd' },
		{ "item", required_argument, NULL, 'i' },
		{ "width", required_argument, NULL, 'w' },
		{ "raw", no_argument, NULL, 'R' },
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
		case 'd': doc = optarg; break;
		case 'R': raw = true; break;
		case 'i':
			if (cli_parse_width(optarg, &item) < 0)
				return usage_error("--item takes an item's position: 1, 2, ...");
			break;
		case 'w':
			if (cli_parse_width(optarg, &width) < 0)
				return usage_error("--width takes a number of columns");
			break;
		case 'c':
			if (color_mode_parse(optarg, &common.color) < 0)
				return usage_error("--color takes auto, always or never");
			break;
		case 'h':
			fputs(FAILURES_USAGE, stdout);
			return EXIT_OK;
		default:
			return usage_error("unknown option");
		}
	}
	if (argc - optind != 1)
		return usage_error("failures takes one task (see iacrev tasks)");
	const char *task = argv[optind];

	struct buf text = BUF_INIT;
	char *path = NULL;
	int code = cli_read_task_doc(&common, task, doc, &text, &path);
	if (code) {
		buf_free(&text);
		return code;
	}
	struct mdsrc src;
	mdsrc_init(&src, text.ptr ? text.ptr : "", text.len);
	struct failures f;
	failures_split_src(&f, &src);
	bool color = print_want_color(common.color, stdout);
	struct slist lines = { 0 };

	if (item && (size_t)item > f.n) {
		err_setc(ERR_NOTFOUND, "%s has %zu failure item%s; there is no item %ld", path, f.n,
			 f.n == 1 ? "" : "s", item);
		code = cli_fail(EXIT_USER);
	} else if (item && raw) {
		const struct failure_item *it = &f.v[item - 1];
		document_render_raw(&lines, text.ptr ? text.ptr : "", text.len, it->first, it->last,
				    cli_output_width(width));
		print_lines(&lines, color);
	} else if (item) {
		failures_item_lines(&lines, &src, &f.v[item - 1], cli_output_width(width), 0);
		print_lines(&lines, color);
	} else if (common.json) {
		print_json(&f, task, path);
	} else {
		/* the rows keep their natural width: the title is never cut */
		failures_list_lines(&lines, &f, 0);
		for (size_t i = 0; i < lines.n; i++)
			sline_rtrim(&lines.v[i]);
		print_lines(&lines, color);
		if (!f.n) {
			struct buf msg = BUF_INIT;
			buf_printf(&msg, "no failure items found in %s (%d line%s)", path, f.lines,
				   f.lines == 1 ? "" : "s");
			report_warning(msg.ptr);
			buf_free(&msg);
		}
	}
	slist_free(&lines);
	failures_free(&f);
	mdsrc_free(&src);
	buf_free(&text);
	free(path);
	if (code)
		return code;
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_DATA;
}
