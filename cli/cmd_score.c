/* iacrev score: record a review through the rubric (or a direct score),
 * as one record in refs/notes/iacrev. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "../core/err.h"
#include "../core/mem.h"
#include "../core/review_sheet.h"
#include "../core/rubric.h"
#include "cli.h"
#include "review_cli.h"

#define SCORE_USAGE "iacrev score TASK (--score N | --items CATS [--factors LIST] [--blocker NAME]... " \
	"| --withdraw) [--reason TEXT] [--note TEXT] [--json]"

static int usage_error(const char *msg)
{
	report_error(msg);
	fprintf(stderr, "usage: %s\n", SCORE_USAGE);
	return EXIT_USER;
}

struct score_args {
	const char *task;
	const char *score;      /* as given */
	const char *items;      /* CATS */
	const char *factors;
	unsigned blockers;
	const char *reason, *note;
	bool withdraw;
};

static int parse_score(const char *s, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < 0 || v > RUBRIC_MAX)
		return err_setc(ERR_USAGE, "--score takes a whole number from 0 to %d, not '%s'",
				RUBRIC_MAX, s);
	*out = (int)v;
	return 0;
}

static int parse_factors(const char *list, unsigned *out)
{
	char *copy = xstrdup(list), *save = NULL;
	for (char *w = strtok_r(copy, ", ", &save); w; w = strtok_r(NULL, ", ", &save)) {
		int f = rubric_factor_parse(w);
		if (f < 0) {
			err_setc(ERR_USAGE, "unknown complexity factor '%s' (factors: services, security, "
				 "ha, patterns, single)", w);
			free(copy);
			return ERR_USAGE;
		}
		*out |= 1u << f;
	}
	free(copy);
	return 0;
}

static int parse_blockers(const char *list, unsigned *out)
{
	char *copy = xstrdup(list), *save = NULL;
	for (char *w = strtok_r(copy, ", ", &save); w; w = strtok_r(NULL, ", ", &save)) {
		int b = rubric_blocker_parse(w);
		if (b < 0) {
			err_setc(ERR_USAGE, "unknown blocker '%s' (blockers: platform, account, services, "
				 "region)", w);
			free(copy);
			return ERR_USAGE;
		}
		*out |= 1u << b;
	}
	free(copy);
	return 0;
}

/* The categories of --items against the splitter's items. */
static int fill_items(const char *cats, const struct task *t, struct review_items *items)
{
	size_t n = strlen(cats);
	for (size_t i = 0; i < n; i++)
		if (rubric_cat_parse(cats[i]) < 0)
			return err_setc(ERR_USAGE, "--items: '%c' is not a category: one letter per failure "
					"item, A, B, C or - (not a fix)", cats[i]);
	if (n != items->n) {
		if (!items->has_doc)
			return err_setc(ERR_USAGE, "%s has no lib/MODEL_FAILURES.md, --items gives %zu "
					"categor%s (give --items '' or --score)", task_display_path(t), n,
					n == 1 ? "y" : "ies");
		return err_setc(ERR_USAGE, "%s: MODEL_FAILURES.md has %zu failure item%s, --items gives "
				"%zu (%s): one letter per item, in order", task_display_path(t),
				items->n, items->n == 1 ? "" : "s", n, cats);
	}
	for (size_t i = 0; i < n; i++)
		items->v[i].cat = (enum rubric_cat)rubric_cat_parse(cats[i]);
	return 0;
}

static void print_saved(const struct review_record *rec, const struct review_saved *saved)
{
	struct buf b = BUF_INIT;
	char sid[11], hex[17];
	const char *task = rec->task[0] ? rec->task : ".";
	if (rec->score == REVIEW_NO_SCORE)
		buf_printf(&b, "%s: score withdrawn", task);
	else
		buf_printf(&b, "%s: score %d, %s", task, rec->score, rubric_band(rec->score));
	print_text(stdout, buf_cstr(&b));
	if (rec->has_answers) {
		enum rubric_cat *cats;
		struct rubric_answers ans;
		struct rubric_result res;
		review_answers(rec, &ans, &cats);
		rubric_compute(&ans, &res);
		char *formula = rubric_formula(&res);
		buf_truncate(&b, 0);
		buf_printf(&b, "  computed %d: %s", res.score, formula);
		print_text(stdout, buf_cstr(&b));
		free(formula);
		free(cats);
	}
	if (rec->reason) {
		buf_truncate(&b, 0);
		buf_printf(&b, "  reason: %s", rec->reason);
		print_text(stdout, buf_cstr(&b));
	}
	review_id_hex(hex, rec->id);
	repo_short_id(sid, &saved->bucket);
	buf_truncate(&b, 0);
	buf_printf(&b, "  saved: record %s on %s %s", hex, saved->on_tree ? "the task's tree" : "commit",
		   sid);
	if (rec->has_supersedes) {
		review_id_hex(hex, rec->supersedes);
		buf_printf(&b, " (supersedes %s)", hex);
	}
	print_text(stdout, buf_cstr(&b));
	buf_free(&b);
}

static int run(const struct cli_common *common, const struct score_args *a)
{
	struct repo *repo = NULL;
	git_oid commit;
	struct task task;
	const struct task *t = &task;
	int code = cli_load_one_task(common, &repo, &commit, a->task, &task);
	if (code)
		return code;
	struct cli_reviews cr;
	struct review_items items;
	struct review_record rec;
	memset(&items, 0, sizeof(items));
	memset(&rec, 0, sizeof(rec));
	if ((code = cli_reviews_load(repo, &cr)) != 0)
		goto out_tasks;
	if (!cr.me.email && reviewer_from_config(repo, &cr.me) < 0) {
		code = cli_fail(EXIT_USER);
		goto out;
	}
	struct review_draft d;
	memset(&d, 0, sizeof(d));
	d.task = t->path;
	git_oid_cpy(&d.commit, &commit);
	git_oid_cpy(&d.tree, &t->tree);
	d.localstack = rubric_is_localstack(t->path);
	d.reason = a->reason;
	d.note = a->note;
	d.secs = -1;
	d.withdraw = a->withdraw;
	if (a->score) {
		d.has_score = true;
		if (parse_score(a->score, &d.score) < 0) {
			code = cli_fail(EXIT_USER);
			goto out;
		}
	}
	if (a->items) {
		d.has_answers = true;
		d.blockers = a->blockers;
		if ((a->factors && parse_factors(a->factors, &d.factors) < 0)) {
			code = cli_fail(EXIT_USER);
			goto out;
		}
		if (review_items_load(repo, t, &commit, &items) < 0) {
			code = cli_fail(EXIT_DATA);
			goto out;
		}
		if (fill_items(a->items, t, &items) < 0) {
			code = cli_fail(EXIT_USER);
			goto out;
		}
		d.items = items.v;
		d.nitems = items.n;
	}
	if (review_build(&d, &cr.me, &cr.set, &rec) < 0) {
		code = cli_fail(EXIT_USER);
		goto out;
	}
	struct review_saved saved;
	if (review_save(repo, &rec, NULL, &saved) < 0) {
		code = cli_fail(EXIT_DATA);
		goto out;
	}
	if (rec.has_answers) {
		enum rubric_cat *cats;
		struct rubric_answers ans;
		struct rubric_result res;
		review_answers(&rec, &ans, &cats);
		rubric_compute(&ans, &res);
		free(cats);
		if (res.warn_no_items)
			report_warning("MODEL_FAILURES.md lists nothing: scored as a minimal change (-4)");
		else if (res.warn_no_fixes)
			report_warning("no failure item is a fix: scored as a minimal change (-4)");
	}
	if (common->json) {
		fputs(rec.line, stdout);
		fputc('\n', stdout);
	} else {
		print_saved(&rec, &saved);
	}
	if (fflush(stdout) != 0)
		code = EXIT_DATA;
out:
	review_record_free(&rec);
	review_items_free(&items);
	cli_reviews_free(&cr);
out_tasks:
	task_free_one(&task);
	repo_free(repo);
	return code;
}

int cmd_score(const struct cli_common *common_in, int argc, char **argv)
{
	struct cli_common common = *common_in;
	struct score_args a;
	memset(&a, 0, sizeof(a));
	static const struct option longopts[] = {
		{ "rev", required_argument, NULL, 'r' },
		{ "json", no_argument, NULL, 'j' },
		{ "score", required_argument, NULL, 's' },
		{ "items", required_argument, NULL, 'i' },
		{ "factors", required_argument, NULL, 'f' },
		{ "blocker", required_argument, NULL, 'b' },
		{ "reason", required_argument, NULL, 'R' },
		{ "note", required_argument, NULL, 'n' },
		{ "withdraw", no_argument, NULL, 'w' },
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
		case 's': a.score = optarg; break;
		case 'i': a.items = optarg; break;
		case 'f': a.factors = optarg; break;
		case 'b':
			if (parse_blockers(optarg, &a.blockers) < 0)
				return usage_error(err_msg());
			break;
		case 'R': a.reason = optarg; break;
		case 'n': a.note = optarg; break;
		case 'w': a.withdraw = true; break;
		case 'c':
			if (color_mode_parse(optarg, &common.color) < 0)
				return usage_error("--color takes auto, always or never");
			break;
		case 'h':
			printf("usage: %s\n", SCORE_USAGE);
			return EXIT_OK;
		default:
			return usage_error("unknown option");
		}
	}
	if (optind + 1 != argc)
		return usage_error(optind < argc ? "score takes one task" : "which task? (iacrev tasks lists them)");
	a.task = argv[optind];
	if (a.withdraw && (a.score || a.items))
		return usage_error("--withdraw takes no --score or --items");
	if (!a.withdraw && !a.score && !a.items)
		return usage_error("give --items (the rubric), --score or --withdraw");
	if (!a.items && (a.factors || a.blockers))
		return usage_error("--factors and --blocker go with --items");
	return run(&common, &a);
}
