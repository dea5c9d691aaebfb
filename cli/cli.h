/* The command-line subcommands.  Each returns the process exit code:
 * 0 ok, 1 user error (bad arguments, unknown task), 2 repository or data
 * error; messages go to stderr and name the object and the problem. */
#ifndef IACREV_CLI_H
#define IACREV_CLI_H

#include <git2.h>
#include <stdbool.h>

#include "../core/repo.h"
#include "../core/task.h"
#include "../tui/print.h"

enum { EXIT_OK = 0, EXIT_USER = 1, EXIT_DATA = 2 };

/* Options every subcommand shares. */
struct cli_common {
	const char *dir;   /* -C DIR */
	const char *rev;   /* --rev REV */
	enum color_mode color;
	bool json;
};

struct cli_command {
	const char *name;
	int (*run)(const struct cli_common *common, int argc, char **argv);
	const char *usage;   /* the argument synopsis */
	const char *summary; /* one line */
};

extern const struct cli_command cli_commands[];
const struct cli_command *cli_find(const char *name);
/* Print the usage of every command. */
void cli_usage(FILE *f);

/* Report the current error (err_msg) and return its exit code. */
int cli_fail(int code);
/* Open the repository and resolve --rev; on failure report and return the
 * exit code (2), else 0. */
int cli_open(const struct cli_common *common, struct repo **repo, git_oid *commit);
/* Open, resolve and load every task (problems reported as warnings); on
 * failure report and return the exit code, else 0.  One task:
 * cli_load_one_task. */
int cli_load_tasks(const struct cli_common *common, struct repo **repo,
		   struct task_list *tasks);

/* Open the repository, resolve --rev and load only the task at `path`
 * (task_load_path: no walk of the whole tree); a clear "no task" error
 * (exit 1).  The caller frees *task with task_free_one. */
int cli_load_one_task(const struct cli_common *common, struct repo **repo, git_oid *commit,
		      const char *path, struct task *task);
/* Load TASK and read one of its files: a document of lib/ ("PROMPT.md",
 * "lib/MODEL_FAILURES2.md") or another path inside the task folder.  On
 * failure report and return the exit code: 1 for an unknown task or file,
 * 2 for a blob missing from the object store.  *path gets the file's path
 * in the repository (the caller frees it). */
int cli_read_task_doc(const struct cli_common *common, const char *task_path, const char *name,
		      struct buf *out, char **path);
/* The width to render at: `requested` if > 0, else the terminal's, else
 * $COLUMNS, else 80. */
size_t cli_output_width(long requested);
/* A positive number argument (--width, --item); -1 when malformed. */
int cli_parse_width(const char *arg, long *out);

int cmd_tasks(const struct cli_common *common, int argc, char **argv);
int cmd_diff(const struct cli_common *common, int argc, char **argv);
int cmd_failures(const struct cli_common *common, int argc, char **argv);
int cmd_doc(const struct cli_common *common, int argc, char **argv);
int cmd_log(const struct cli_common *common, int argc, char **argv);
int cmd_score(const struct cli_common *common, int argc, char **argv);
int cmd_reviews(const struct cli_common *common, int argc, char **argv);
int cmd_export(const struct cli_common *common, int argc, char **argv);
int cmd_stats(const struct cli_common *common, int argc, char **argv);
int cmd_sync(const struct cli_common *common, int argc, char **argv);

#endif
