/* iacrev: the entry point.  Global options, then a subcommand, or the
 * workbench itself.  The only place that decides the process exit code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../cli/cli.h"
#include "../core/err.h"
#include "../core/mem.h"
#include "../core/repo.h"
#include "../core/utf8.h"
#include "../views/reviews.h"
#include "../views/hstate.h"
#include "print.h"
#include "shell.h"

#ifndef IACREV_VERSION
#define IACREV_VERSION "0.1"
#endif

static int usage(FILE *f, int code)
{
	cli_usage(f);
	return code;
}

static const char *const task_views[] = { "diff", "failures", "prompt", "history", "doc", "raw", NULL };

/* The workbench: `iacrev [TASK [VIEW [FILE]]]`.  Everything that can be
 * refused (no repository, unknown revision or task, bad view) is refused
 * here, on stderr, before the terminal is taken over. */
static int workbench(const struct cli_common *common, int argc, char **argv)
{
	struct shell_options opt;
	memset(&opt, 0, sizeof(opt));
	if (argc > 0)
		opt.task = argv[0];
	if (argc > 1) {
		opt.view = argv[1];
		const char *const *v = task_views;
		while (*v && strcmp(*v, opt.view) != 0)
			v++;
		if (!*v) {
			fprintf(stderr, "iacrev: unknown view '%s' (diff, failures, prompt, history, doc FILE, raw FILE)\n",
				opt.view);
			return usage(stderr, EXIT_USER);
		}
		if (strcmp(opt.view, "doc") == 0 || strcmp(opt.view, "raw") == 0) {
			if (argc != 3) {
				report_error(strcmp(opt.view, "doc") == 0
						    ? "doc needs a FILE: a name in the task's lib/ or a path in the task"
						    : "raw needs a FILE: a name in the task's lib/ or a path in the task");
				return EXIT_USER;
			}
			opt.doc = argv[2];
		} else if (argc > 2) {
			report_error("too many arguments");
			return usage(stderr, EXIT_USER);
		}
	}
	opt.script = getenv("IACREV_SCRIPT");
	if (opt.script && !*opt.script)
		opt.script = NULL;
	if (!opt.script && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		report_error("the workbench needs a terminal (iacrev tasks prints the task list)");
		return EXIT_USER;
	}

	struct work w;
	memset(&w, 0, sizeof(w));
	task_list_init(&w.tasks);
	int code = cli_open(common, &w.repo, &w.commit);
	if (code)
		return code;
	if (opt.task) {
		struct task t;
		int rc = task_load_path(w.repo, &w.commit, opt.task, &t);
		if (rc < 0) {
			code = cli_fail(rc == ERR_NOTFOUND ? EXIT_USER : EXIT_DATA);
			repo_free(w.repo);
			return code;
		}
		task_free_one(&t);
	}
	w.rev = xstrdup(common->rev ? common->rev : "HEAD");
	repo_short_id(w.rev_short, &w.commit);
	const char *slash = strrchr(w.repo->display, '/');
	w.repo_name = xstrdup(slash && slash[1] ? slash + 1 : w.repo->display);
	w.selected = SIZE_MAX;

	code = shell_run(&w, &opt);

	work_reviews_free(&w);
	hstate_free(&w);
	task_list_free(&w.tasks);
	free(w.rev);
	free(w.repo_name);
	repo_free(w.repo);
	return code;
}

int main(int argc, char **argv)
{
	struct cli_common common = { NULL, NULL, COLOR_AUTO, false };
	int i = 1;
	utf8_locale_init();

	/* Global options come before the subcommand. */
	while (i < argc && argv[i][0] == '-') {
		const char *a = argv[i];
		if (strcmp(a, "-C") == 0 && i + 1 < argc) {
			common.dir = argv[i + 1];
			i += 2;
		} else if (strncmp(a, "-C", 2) == 0 && a[2]) {
			common.dir = a + 2;
			i++;
		} else if (strcmp(a, "--rev") == 0 && i + 1 < argc) {
			common.rev = argv[i + 1];
			i += 2;
		} else if (strncmp(a, "--rev=", 6) == 0) {
			common.rev = a + 6;
			i++;
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			return usage(stdout, EXIT_OK);
		} else if (strncmp(a, "--dump-keys=", 12) == 0) {
			/* Hidden: the man page's key list comes from here. */
			return shell_dump_keys(stdout, a + 12) < 0 ? EXIT_USER : EXIT_OK;
		} else if (strcmp(a, "--version") == 0) {
			printf("iacrev %s\n", IACREV_VERSION);
			return EXIT_OK;
		} else {
			fprintf(stderr, "iacrev: unknown option '%s'\n", a);
			return usage(stderr, EXIT_USER);
		}
	}

	repo_global_init();
	int code;
	const struct cli_command *cmd = i < argc ? cli_find(argv[i]) : NULL;
	if (cmd) {
		code = cmd->run(&common, argc - i, argv + i);
	} else {
		code = workbench(&common, argc - i, argv + i);
	}
	repo_global_shutdown();
	return code;
}
