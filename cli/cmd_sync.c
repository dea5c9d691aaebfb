/* iacrev sync: fetch the remote's reviews, union-merge them with ours,
 * push the result (never forced). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "../core/err.h"
#include "../core/mem.h"
#include "../core/review_sync.h"
#include "cli.h"

#define SYNC_USAGE "iacrev sync [-C DIR] [REMOTE]"

static int usage_error(const char *msg)
{
	report_error(msg);
	fprintf(stderr, "usage: %s\n", SYNC_USAGE);
	return EXIT_USER;
}

int cmd_sync(const struct cli_common *common_in, int argc, char **argv)
{
	struct cli_common common = *common_in;
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "C:", longopts, NULL)) != -1) {
		switch (opt) {
		case 'C': common.dir = optarg; break;
		case 'h':
			printf("usage: %s\n", SYNC_USAGE);
			return EXIT_OK;
		default:
			return usage_error("unknown option");
		}
	}
	if (argc - optind > 1)
		return usage_error("sync takes at most one remote");
	const char *remote = optind < argc ? argv[optind] : "origin";
	struct repo *repo = NULL;
	int code = cli_open(&common, &repo, NULL);
	if (code)
		return code;
	struct sync_report rep;
	int rc = review_sync(repo, remote, &rep, NULL, NULL);
	if (rep.warning)
		report_warning(rep.warning);
	if (rc < 0) {
		code = cli_fail(rc == ERR_NOTFOUND ? EXIT_USER : EXIT_DATA);
	} else {
		char sid[11];
		struct buf b = BUF_INIT;
		if (!rep.remote_had_ref)
			buf_printf(&b, "%s has no reviews yet", remote);
		else if (rep.merge == 0)
			buf_printf(&b, "already have every review of %s", remote);
		else if (rep.merge == 1)
			buf_printf(&b, "took the reviews of %s (fast-forward)", remote);
		else
			buf_printf(&b, "merged the reviews of %s with yours", remote);
		if (rep.pushed)
			buf_printf(&b, "; pushed yours to %s", remote);
		else if (!rep.had_local)
			buf_puts(&b, "; nothing to push");
		else
			buf_printf(&b, "; %s is up to date", remote);
		if (rep.had_local || rep.remote_had_ref) {
			repo_short_id(sid, &rep.tip);
			buf_printf(&b, " (%s at %s", "refs/notes/iacrev", sid);
			if (rep.rounds > 1)
				buf_printf(&b, ", %d rounds", rep.rounds);
			buf_putc(&b, ')');
		}
		print_text(stdout, buf_cstr(&b));
		buf_free(&b);
	}
	sync_report_free(&rep);
	repo_free(repo);
	return code;
}
