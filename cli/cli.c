#include "cli.h"

#include <string.h>

#include "../core/err.h"

const struct cli_command cli_commands[] = {
	{ "tasks", cmd_tasks, "[-C DIR] [--rev REV] [--json] [--filter EXPR] [--sort KEY]",
	  "list the tasks of a revision" },
	{ "diff", cmd_diff,
	  "[-C DIR] [--rev REV] [--side-by-side] [--whole] [--stat] [-w] [-U N] [--width N] "
	  "[--color WHEN] TASK... | --all",
	  "diff MODEL_RESPONSE.md against IDEAL_RESPONSE.md, file by file" },
	{ "failures", cmd_failures,
	  "TASK [-C DIR] [--rev REV] [--json] [--doc FILE] [--item N] [--width N] [--raw]",
	  "a task's MODEL_FAILURES.md split into its failure items" },
	{ "doc", cmd_doc, "TASK FILE [-C DIR] [--rev REV] [--raw] [--width N] [--cut-code]",
	  "a task's Markdown document rendered for the terminal" },
	{ "log", cmd_log, "[TASK] [-C DIR] [--rev REV] [--json] [-n N] [-v]",
	  "the repository log, or a task's revisions with path and score" },
	{ "score", cmd_score, "TASK (--score N | --items CATS [--factors LIST] [--blocker NAME]... | "
	  "--withdraw) [--reason TEXT] [--note TEXT] [--json]", "record your review of a task" },
	{ "reviews", cmd_reviews, "[TASK] [--all] [--json]", "list the current reviews, or one task's" },
	{ "export", cmd_export, "[--format csv|jsonl] [--all-records] [-o FILE]",
	  "export the reviews for a spreadsheet or a script" },
	{ "stats", cmd_stats, "[--json]", "scores per platform and complexity, agreement" },
	{ "sync", cmd_sync, "[REMOTE]", "share the reviews: fetch, merge, push refs/notes/iacrev" },
	{ NULL, NULL, NULL, NULL },
};

const struct cli_command *cli_find(const char *name)
{
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

void cli_usage(FILE *f)
{
	fprintf(f, "usage: iacrev [-C DIR] [--rev REV] [TASK [diff|failures|prompt|history|doc FILE|raw FILE]]\n");
	for (const struct cli_command *c = cli_commands; c->name; c++)
		fprintf(f, "       iacrev %s %s\n", c->name, c->usage);
	fprintf(f, "\n");
	for (const struct cli_command *c = cli_commands; c->name; c++)
		fprintf(f, "  %-9s %s\n", c->name, c->summary);
}

int cli_fail(int code)
{
	report_error(err_msg());
	return code;
}

int cli_open(const struct cli_common *common, struct repo **repo, git_oid *commit)
{
	*repo = NULL;
	if (repo_open(repo, common->dir) < 0)
		return cli_fail(EXIT_DATA);
	if (commit && repo_resolve(*repo, common->rev, commit) < 0) {
		int code = cli_fail(common->rev ? EXIT_USER : EXIT_DATA);
		repo_free(*repo);
		*repo = NULL;
		return code;
	}
	return 0;
}

int cli_load_one_task(const struct cli_common *common, struct repo **repo, git_oid *commit,
		      const char *path, struct task *task)
{
	memset(task, 0, sizeof(*task));
	int code = cli_open(common, repo, commit);
	if (code)
		return code;
	int rc = task_load_path(*repo, commit, path, task);
	if (rc == 0)
		return 0;
	if (rc == ERR_NOTFOUND) {
		err_setc(ERR_NOTFOUND, "no task at '%s' in %s (see iacrev tasks)", path,
			 common->rev ? common->rev : "HEAD");
		code = cli_fail(EXIT_USER);
	} else {
		code = cli_fail(EXIT_DATA);
	}
	repo_free(*repo);
	*repo = NULL;
	return code;
}

int cli_load_tasks(const struct cli_common *common, struct repo **repo,
		   struct task_list *tasks)
{
	git_oid commit;
	task_list_init(tasks);
	int code = cli_open(common, repo, &commit);
	if (code)
		return code;
	if (task_list_load(*repo, &commit, tasks) < 0) {
		task_list_free(tasks);
		repo_free(*repo);
		*repo = NULL;
		return cli_fail(EXIT_DATA);
	}
	for (size_t i = 0; i < tasks->nproblems; i++)
		report_warning(tasks->problems[i]);
	return 0;
}
