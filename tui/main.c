/* iacrev: the entry point.  Global options, then a subcommand, or the
 * workbench itself.  The only place that decides the process exit code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cli/cli.h"
#include "../core/repo.h"
#include "../core/utf8.h"
#include "print.h"

#ifndef IACREV_VERSION
#define IACREV_VERSION "0.1"
#endif

static int usage(FILE *f, int code)
{
	cli_usage(f);
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
		/* The workbench is not built yet: show the task list. */
		const struct cli_command *tasks = cli_find("tasks");
		char *args[] = { "tasks", NULL };
		if (i < argc) {
			print_error("the interactive workbench is not built yet");
			code = EXIT_USER;
		} else {
			code = tasks->run(&common, 1, args);
		}
	}
	repo_global_shutdown();
	return code;
}
