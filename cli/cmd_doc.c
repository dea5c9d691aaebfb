/* iacrev doc: a task's document rendered (or raw) at a width; and the
 * reading of one task document shared with iacrev failures. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "../core/err.h"
#include "../core/mem.h"
#include "../views/document.h"
#include "cli.h"

#define DOC_USAGE "usage: iacrev doc TASK FILE [-C DIR] [--rev REV] [--raw] [--width N] [--cut-code] [--color WHEN]\n"

size_t cli_output_width(long requested)
{
	if (requested > 0)
		return (size_t)requested;
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	const char *env = getenv("COLUMNS");
	long cols = env ? strtol(env, NULL, 10) : 0;
	return cols > 0 ? (size_t)cols : 80;
}

int cli_parse_width(const char *arg, long *out)
{
	char *end;
	long v = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || v < 1 || v > 100000)
		return -1;
	*out = v;
	return 0;
}

int cli_read_task_doc(const struct cli_common *common, const char *task_path, const char *name,
		      struct buf *out, char **path_out)
{
	struct repo *repo = NULL;
	git_oid commit;
	struct task one;
	const struct task *task = &one;
	*path_out = NULL;
	int code = cli_load_one_task(common, &repo, &commit, task_path, &one);
	if (code)
		return code;
	const char *rev = common->rev ? common->rev : "HEAD";
	/* "NAME" and "lib/NAME" are in lib/; other paths are inside the task */
	const char *file = strncmp(name, "lib/", 4) == 0 ? name + 4 : name;
	const struct task_doc *d = strchr(file, '/') ? NULL : task_doc_by_name(task, file);
	char *path;
	int rc;
	if (d) {
		path = task_doc_path(task, d);
		rc = repo_read_blob(repo, &d->blob, path, rev, out);
	} else {
		char *rel = strchr(name, '/') ? xstrdup(name) : xasprintf("lib/%s", name);
		path = task->path[0] ? xasprintf("%s/%s", task->path, rel) : xstrdup(rel);
		rc = repo_read_file(repo, &commit, path, out);
		if (rc == ERR_NOTFOUND)
			err_setc(ERR_NOTFOUND, "task %s has no %s at %s", task_display_path(task), rel, rev);
		free(rel);
	}
	if (rc < 0) {
		code = cli_fail(rc == ERR_NOTFOUND ? EXIT_USER : EXIT_DATA);
		free(path);
	} else {
		*path_out = path;
	}
	task_free_one(&one);
	repo_free(repo);
	return code;
}

static int usage_error(const char *msg)
{
	report_error(msg);
	fputs(DOC_USAGE, stderr);
	return EXIT_USER;
}

int cmd_doc(const struct cli_common *common_in, int argc, char **argv)
{
	struct cli_common common = *common_in;
	unsigned flags = 0;
	long width = 0;
	static const struct option longopts[] = {
		{ "rev", required_argument, NULL, 'r' },
		{ "raw", no_argument, NULL, 'R' },
		{ "width", required_argument, NULL, 'w' },
		{ "cut-code", no_argument, NULL, 'k' },
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
		case 'R': flags |= DOC_RAW; break;
		case 'k': flags |= DOC_CUT_CODE; break;
		case 'w':
			if (cli_parse_width(optarg, &width) < 0)
				return usage_error("--width takes a number of columns");
			break;
		case 'c':
			if (color_mode_parse(optarg, &common.color) < 0)
				return usage_error("--color takes auto, always or never");
			break;
		case 'h':
			fputs(DOC_USAGE, stdout);
			return EXIT_OK;
		default:
			return usage_error("unknown option");
		}
	}
	if (argc - optind != 2)
		return usage_error("doc takes a task and a file (PROMPT.md, lib/MODEL_FAILURES2.md, ...)");

	struct buf text = BUF_INIT;
	char *path = NULL;
	int code = cli_read_task_doc(&common, argv[optind], argv[optind + 1], &text, &path);
	if (code) {
		buf_free(&text);
		return code;
	}
	struct slist lines = { 0 };
	document_render(&lines, text.ptr ? text.ptr : "", text.len, cli_output_width(width), flags);
	bool color = print_want_color(common.color, stdout);
	for (size_t i = 0; i < lines.n; i++)
		print_line(stdout, &lines.v[i], color);
	slist_free(&lines);
	buf_free(&text);
	free(path);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_DATA;
}
