/* iacrev export: the reviews as CSV (RFC 4180, for spreadsheets and
 * pandas) or JSON Lines; the current record per task and reviewer, or
 * every record with --all-records.  A file named with -o is replaced
 * atomically. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "../core/afile.h"
#include "../core/err.h"
#include "../core/jsonx.h"
#include "../core/mem.h"
#include "../core/utf8.h"
#include "cli.h"
#include "review_cli.h"

#define EXPORT_USAGE "iacrev export [-C DIR] [--rev REV] [--format csv|jsonl] [--all-records] [-o FILE]"

static int usage_error(const char *msg)
{
	report_error(msg);
	fprintf(stderr, "usage: %s\n", EXPORT_USAGE);
	return EXIT_USER;
}

struct export {
	const struct review_set *set;
	struct task_list *tasks;
	bool csv, all;
	size_t skipped;    /* opaque lines a CSV cannot hold */
};

static const char *const columns[] = {
	"task", "reviewer_name", "reviewer_email", "score", "computed", "withdrawn", "stale",
	"task_found", "current", "concurrent_edits", "at", "id", "supersedes", "platform",
	"language", "complexity", "training_quality", "blockers", "items", "factors", "reason",
	"note", "tree", "commit", "annotated",
};
#define NCOLUMNS (sizeof(columns) / sizeof(columns[0]))

/* A control character other than a newline or a tab has no place in a
 * spreadsheet cell and must not reach a terminal: written as ^X. */
static void csv_char(FILE *f, char c)
{
	unsigned char u = (unsigned char)c;
	if ((u < 0x20 && c != '\n' && c != '\t') || u == 0x7f) {
		fputc('^', f);
		fputc(u == 0x7f ? '?' : u + 0x40, f);
	} else {
		fputc(c, f);
	}
}

/* RFC 4180: a field holding a comma, a quote, CR or LF is quoted, quotes
 * doubled.  Text is valid UTF-8 already (records are JSON). */
static void csv_field(FILE *f, const char *s, bool last)
{
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		csv_char(f, *s);
	}
	if (quote)
		fputc('"', f);
	fputs(last ? "\r\n" : ",", f);
}

static char *opt_str(const char *s)
{
	return xstrdup(s ? s : "");
}

static char *score_str(int s)
{
	return s == REVIEW_NO_SCORE ? xstrdup("") : xasprintf("%d", s);
}

static char *oid_str(const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];
	return xstrdup(git_oid_tostr(hex, sizeof(hex), id));
}

static char *joined(unsigned mask, int count, const char *(*name)(int))
{
	struct buf b = BUF_INIT;
	for (int i = 0; i < count; i++)
		if (mask & (1u << i))
			buf_printf(&b, "%s%s", b.len ? ";" : "", name(i));
	return buf_detach(&b);
}

static const char *blocker_name(int i) { return rubric_blocker_name((enum rubric_blocker)i); }
static const char *factor_name(int i) { return rubric_factor_name((enum rubric_factor)i); }

static void csv_row(FILE *f, struct export *x, const struct review_record *r,
		    const struct review_current *c)
{
	char *v[NCOLUMNS];
	size_t k = 0;
	const struct task *t = task_list_find(x->tasks, r->task);
	const struct meta *m = t ? &t->meta : NULL;
	enum review_freshness fr = review_freshness(r, x->tasks);
	char hex[17];
	v[k++] = xstrdup(r->task[0] ? r->task : ".");
	v[k++] = opt_str(r->by_name);
	v[k++] = opt_str(r->by_email);
	v[k++] = score_str(r->score);
	v[k++] = score_str(r->computed);
	v[k++] = xstrdup(r->score == REVIEW_NO_SCORE ? "true" : "false");
	v[k++] = xstrdup(fr == REVIEW_STALE ? "true" : "false");
	v[k++] = xstrdup(fr == REVIEW_GONE ? "false" : "true");
	v[k++] = xstrdup(r->current ? "true" : "false");
	v[k++] = xstrdup(c && c->nheads > 1 ? "true" : "false");
	v[k++] = opt_str(r->at);
	review_id_hex(hex, r->id);
	v[k++] = xstrdup(hex);
	review_id_hex(hex, r->supersedes);
	v[k++] = xstrdup(r->has_supersedes ? hex : "");
	v[k++] = opt_str(m ? m->platform.norm : NULL);
	v[k++] = opt_str(m ? m->language.norm : NULL);
	v[k++] = opt_str(m ? m->complexity.norm : NULL);
	char tq[16] = "";
	if (m && m->tq.has)
		tq_format(&m->tq, tq);
	v[k++] = xstrdup(tq);
	v[k++] = joined(r->blockers, RB_COUNT, blocker_name);
	struct buf items = BUF_INIT;
	for (size_t i = 0; i < r->nitems; i++)
		buf_putc(&items, rubric_cat_letter(r->items[i].cat));
	v[k++] = r->has_answers ? buf_detach(&items) : xstrdup("");
	buf_free(&items);
	v[k++] = joined(r->factors, RF_COUNT, factor_name);
	v[k++] = opt_str(r->reason);
	v[k++] = opt_str(r->note);
	v[k++] = oid_str(&r->tree);
	v[k++] = oid_str(&r->commit);
	v[k++] = oid_str(&r->bucket);
	for (size_t i = 0; i < NCOLUMNS; i++) {
		csv_field(f, v[i], i + 1 == NCOLUMNS);
		free(v[i]);
	}
}

static void jsonl_row(FILE *f, struct export *x, const struct review_record *r,
		      const struct review_current *c)
{
	json_t *o;
	if (!r->parsed) {
		o = json_object();
		jsonx_set(o, "unparsed", jsonx_strn(r->line, r->len));
		jsonx_set(o, "why", jsonx_str(r->why));
	} else {
		enum review_freshness fr = review_freshness(r, x->tasks);
		o = review_to_json(r);
		jsonx_set(o, "current", json_boolean(r->current));
		jsonx_set(o, "stale", json_boolean(fr == REVIEW_STALE));
		jsonx_set(o, "task_found", json_boolean(fr != REVIEW_GONE));
		jsonx_set(o, "concurrent_edits", json_boolean(c && c->nheads > 1));
	}
	jsonx_set(o, "annotated", jsonx_oid(&r->bucket));
	if (!r->parsed) {
		/* where to find the line to repair it */
		jsonx_set(o, "note_blob", jsonx_oid(&r->blob));
		jsonx_set(o, "line", json_integer(r->lineno));
	}
	char *line = review_json_line(o);
	fputs(line, f);
	fputc('\n', f);
	free(line);
	json_decref(o);
}

static void row(FILE *f, struct export *x, const struct review_record *r,
		const struct review_current *c)
{
	if (x->csv)
		csv_row(f, x, r, c);
	else
		jsonl_row(f, x, r, c);
}

static int fill(FILE *f, void *payload)
{
	struct export *x = payload;
	const struct review_set *s = x->set;
	if (x->csv)
		for (size_t i = 0; i < NCOLUMNS; i++)
			csv_field(f, columns[i], i + 1 == NCOLUMNS);
	for (size_t i = 0; i < s->ncur; i++) {
		const struct review_current *c = &s->cur[i];
		const struct review_record *r = review_cur_record(s, c);
		if (!x->all) {
			row(f, x, r, c);
			continue;
		}
		size_t *hist;
		size_t nh = review_set_history(s, r->task, r->by_email, &hist);
		for (size_t k = 0; k < nh; k++)
			row(f, x, &s->v[hist[k]], c);
		free(hist);
	}
	if (x->all) {
		for (size_t i = 0; i < s->n; i++) {
			if (s->v[i].parsed)
				continue;
			if (x->csv)
				x->skipped++;
			else
				row(f, x, &s->v[i], NULL);
		}
	}
	if (ferror(f))
		return err_setc(ERR_FAIL, "write error");
	return 0;
}

int cmd_export(const struct cli_common *common_in, int argc, char **argv)
{
	struct cli_common common = *common_in;
	const char *format = "csv", *output = NULL;
	bool all = false;
	static const struct option longopts[] = {
		{ "rev", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ "all-records", no_argument, NULL, 'a' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "C:o:", longopts, NULL)) != -1) {
		switch (opt) {
		case 'C': common.dir = optarg; break;
		case 'r': common.rev = optarg; break;
		case 'f': format = optarg; break;
		case 'a': all = true; break;
		case 'o': output = optarg; break;
		case 'h':
			printf("usage: %s\n", EXPORT_USAGE);
			return EXIT_OK;
		default:
			return usage_error("unknown option");
		}
	}
	if (optind < argc)
		return usage_error("export takes no positional arguments");
	if (strcmp(format, "csv") != 0 && strcmp(format, "jsonl") != 0)
		return usage_error("--format takes csv or jsonl");
	struct repo *repo = NULL;
	struct task_list tasks;
	int code = cli_load_tasks(&common, &repo, &tasks);
	if (code)
		return code;
	struct cli_reviews cr;
	if ((code = cli_reviews_load(repo, &cr)) != 0) {
		task_list_free(&tasks);
		repo_free(repo);
		return code;
	}
	struct export x = { &cr.set, &tasks, strcmp(format, "csv") == 0, all, 0 };
	int rc = output ? afile_write(output, fill, &x) : fill(stdout, &x);
	if (rc == 0 && !output && fflush(stdout) != 0)
		rc = err_setc(ERR_FAIL, "standard output: write error");
	if (rc < 0)
		code = cli_fail(EXIT_DATA);
	if (x.skipped) {
		char *msg = xasprintf("%zu line%s of %s %s not records and not in the CSV "
				      "(--format jsonl --all-records shows them)", x.skipped,
				      x.skipped == 1 ? "" : "s", REVIEW_REF, x.skipped == 1 ? "is" : "are");
		report_warning(msg);
		free(msg);
	}
	cli_reviews_free(&cr);
	task_list_free(&tasks);
	repo_free(repo);
	return code;
}
