/* iacrev log: the repository log, or a task's lineage, from the history
 * index (built or brought up to date first). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/err.h"
#include "../core/hindex.h"
#include "../core/history.h"
#include "../core/jsonx.h"
#include "../core/mem.h"
#include "../core/utf8.h"
#include "../views/log.h"
#include "cli.h"

#define LOG_USAGE "usage: iacrev log [TASK] [-C DIR] [--rev REV] [--json] [-n N] [--color WHEN] [-v]\n"

static int usage_error(const char *msg)
{
	report_error(msg);
	fputs(LOG_USAGE, stderr);
	return EXIT_USER;
}

/* Bring the index up to date, showing progress on a terminal. */
static int load_index(struct repo *r, const struct cli_common *common, const git_oid *tip,
		      struct hindex **out)
{
	struct hindex *ix = NULL;
	hindex_open(&ix, r);
	char *ref = hindex_ref_of(r, common->rev);
	struct hindex_update *u = NULL;
	int rc = hindex_update_new(&u, ix, r, tip, ref);
	free(ref);
	bool tty = isatty(STDERR_FILENO);
	bool shown = false;
	while (rc >= 0 && (rc = hindex_update_step(u, 2048)) > 0) {
		if (!tty)
			continue;
		struct hindex_progress p;
		hindex_update_progress(u, &p);
		fprintf(stderr, "\riacrev: %s history index: %s %zu%s%s", p.rebuilding ? "rebuilding" : "updating",
			p.phase, p.done, p.total ? "/" : "", "");
		if (p.total)
			fprintf(stderr, "%zu", p.total);
		fputs("\033[K", stderr);
		shown = true;
	}
	if (shown)
		fputs("\r\033[K", stderr);
	hindex_update_free(u);
	if (rc < 0) {
		hindex_free(ix);
		return cli_fail(EXIT_DATA);
	}
	if (hindex_save_error(ix)) {
		char *msg = xasprintf("cannot save the history index (%s); it will be built again next time",
				      hindex_save_error(ix));
		report_warning(msg);
		free(msg);
	}
	*out = ix;
	return 0;
}

static void warn_cut(struct repo *r, const git_oid *at)
{
	char sid[11];
	repo_short_id(sid, at);
	char *msg = r->shallow
		? xasprintf("the history is cut at %s: this is a shallow clone, older commits are not here", sid)
		: xasprintf("the history is cut at %s: a parent commit is missing from the object store", sid);
	report_warning(msg);
	free(msg);
}

static void put_json(json_t *o)
{
	char *s = jsonx_dump_line(o);
	fputs(s, stdout);
	fputc('\n', stdout);
	free(s);
	json_decref(o);
}

static int print_log(struct repo *r, const struct hindex *ix, const git_oid *tip,
		     const struct cli_common *common, long max)
{
	uint32_t *commits = NULL;
	size_t n = 0;
	if (hist_log(ix, tip, &commits, &n) < 0)
		return cli_fail(EXIT_DATA);
	if (max >= 0 && (size_t)max < n)
		n = (size_t)max;
	bool color = print_want_color(common->color, stdout);
	struct sline line;
	sline_init(&line);
	uint32_t cut = HX_NONE;
	int code = EXIT_OK;
	for (size_t i = 0; i < n; i++) {
		uint32_t c = commits[i];
		struct hist_commit hc;
		if (hist_commit_read(r, &ix->oids[c], &hc) < 0) {
			report_warning(err_msg());
			err_clear();
			code = EXIT_DATA;
		}
		if (common->json) {
			put_json(log_row_json(&hc, ix, c));
		} else {
			sline_clear(&line);
			log_row_line(&line, &hc, ix, c);
			print_line(stdout, &line, color);
		}
		if ((ix->flags[c] & HX_CUT) && cut == HX_NONE)
			cut = c;
		hist_commit_free(&hc);
	}
	sline_free(&line);
	free(commits);
	if (cut != HX_NONE)
		warn_cut(r, &ix->oids[cut]);
	return code;
}

static int print_lineage(struct repo *r, const struct hindex *ix, const git_oid *tip,
			 const struct cli_common *common, const char *task, long max)
{
	struct hist_lineage lin;
	int rc = hist_lineage(ix, r, tip, task, &lin);
	if (rc == ERR_NOTFOUND) {
		err_setc(ERR_NOTFOUND, "no task at '%s' in %s (see iacrev tasks)", task,
			 common->rev ? common->rev : "HEAD");
		return cli_fail(EXIT_USER);
	}
	if (rc < 0)
		return cli_fail(EXIT_DATA);
	size_t n = lin.n;
	if (max >= 0 && (size_t)max < n)
		n = (size_t)max;
	size_t path_cols = 4;
	for (size_t i = 0; i < n; i++) {
		char *p = lineage_path_text(&lin.v[i]);
		size_t w = utf8_columns(p, strlen(p));
		if (w > path_cols)
			path_cols = w;
		free(p);
	}
	if (path_cols > 60)
		path_cols = 60;
	bool color = print_want_color(common->color, stdout);
	struct sline line;
	sline_init(&line);
	int code = EXIT_OK;
	for (size_t i = 0; i < n; i++) {
		struct hist_commit hc;
		if (hist_commit_read(r, &lin.v[i].commit, &hc) < 0) {
			report_warning(err_msg());
			err_clear();
			code = EXIT_DATA;
		}
		if (common->json) {
			put_json(lineage_rev_json(&lin, &lin.v[i], &hc));
		} else {
			sline_clear(&line);
			lineage_row_line(&line, &lin.v[i], &hc, path_cols);
			print_line(stdout, &line, color);
		}
		hist_commit_free(&hc);
	}
	sline_free(&line);
	if (lin.cut)
		warn_cut(r, &lin.cut_at);
	hist_lineage_free(&lin);
	return code;
}

int cmd_log(const struct cli_common *common_in, int argc, char **argv)
{
	struct cli_common common = *common_in;
	long max = -1;
	bool verbose = false;
	static const struct option longopts[] = {
		{ "rev", required_argument, NULL, 'r' },
		{ "json", no_argument, NULL, 'j' },
		{ "max-count", required_argument, NULL, 'n' },
		{ "color", required_argument, NULL, 'c' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "C:n:v", longopts, NULL)) != -1) {
		char *end;
		switch (opt) {
		case 'C': common.dir = optarg; break;
		case 'r': common.rev = optarg; break;
		case 'j': common.json = true; break;
		case 'v': verbose = true; break;
		case 'n':
			max = strtol(optarg, &end, 10);
			if (*end || end == optarg || max < 0)
				return usage_error("-n takes a number of rows");
			break;
		case 'c':
			if (color_mode_parse(optarg, &common.color) < 0)
				return usage_error("--color takes auto, always or never");
			break;
		case 'h':
			fputs(LOG_USAGE, stdout);
			return EXIT_OK;
		default:
			return usage_error("unknown option");
		}
	}
	if (argc - optind > 1)
		return usage_error("log takes at most one task");
	const char *task = optind < argc ? argv[optind] : NULL;

	struct repo *repo = NULL;
	git_oid tip;
	int code = cli_open(&common, &repo, &tip);
	if (code)
		return code;
	struct hindex *ix = NULL;
	code = load_index(repo, &common, &tip, &ix);
	if (code) {
		repo_free(repo);
		return code;
	}
	/* The root task's lineage on a branch is bounded by the mainline,
	 * which the index must then hold too. */
	char *norm = task ? hist_path_norm(task) : NULL;
	git_oid main_id;
	if (norm && !norm[0] && hist_mainline(repo, &main_id) == 0 && !hindex_covers(ix, &main_id)) {
		if (hindex_update(ix, repo, &main_id, NULL) < 0) {
			report_warning(err_msg());
			err_clear();
		}
	}
	free(norm);
	if (verbose) {
		char *msg = xasprintf("history index: %s", hindex_status(ix));
		print_text(stderr, msg);
		free(msg);
	}
	code = task ? print_lineage(repo, ix, &tip, &common, task, max)
		    : print_log(repo, ix, &tip, &common, max);
	hindex_free(ix);
	repo_free(repo);
	if (fflush(stdout) != 0)
		return EXIT_DATA;
	return code;
}
