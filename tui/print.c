#include "print.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* SGR parameters per style, in the spirit of modern diff pagers. */
static const char *const sgr[S__COUNT] = {
	[S_DIM] = "2", [S_BOLD] = "1", [S_TITLE] = "1;7", [S_STATUS] = "7",
	[S_HINT] = "2", [S_KEY] = "1;36", [S_HEADER] = "1;4", [S_SELECTED] = "7",
	[S_PATH] = "34", [S_ID] = "33", [S_DATE] = "32", [S_AUTHOR] = "36",
	[S_NUMBER] = "1", [S_OK] = "32", [S_WARN] = "33", [S_ERROR] = "1;31",
	[S_CTRL] = "7;35", [S_MATCH] = "30;43",
	[S_DIFF_FILE] = "1;33", [S_DIFF_HUNK] = "36", [S_DIFF_ADD] = "32",
	[S_DIFF_DEL] = "31", [S_DIFF_ADD_WORD] = "1;30;42", [S_DIFF_DEL_WORD] = "1;30;41",
	[S_DIFF_LINENO] = "2", [S_DIFF_FILLER] = "2", [S_DIFF_WRAP] = "2;36",
	[S_MD_HEADING1] = "1;4;35", [S_MD_HEADING2] = "1;35", [S_MD_HEADING3] = "1",
	[S_MD_EMPH] = "3", [S_MD_STRONG] = "1", [S_MD_CODE] = "36",
	[S_MD_CODE_FRAME] = "2", [S_MD_LINK] = "4;34", [S_MD_QUOTE] = "2;3",
	[S_MD_RULE] = "2", [S_MD_TABLE] = "0", [S_MD_BULLET] = "33",
	[S_SEV_CRITICAL] = "1;37;41", [S_SEV_HIGH] = "1;31", [S_SEV_MEDIUM] = "33",
	[S_SEV_LOW] = "32",
};

int color_mode_parse(const char *s, enum color_mode *out)
{
	if (strcmp(s, "auto") == 0)
		*out = COLOR_AUTO;
	else if (strcmp(s, "always") == 0)
		*out = COLOR_ALWAYS;
	else if (strcmp(s, "never") == 0)
		*out = COLOR_NEVER;
	else
		return -1;
	return 0;
}

bool print_want_color(enum color_mode mode, FILE *f)
{
	const char *no = getenv("NO_COLOR");
	if (no && *no)
		return false;
	if (mode == COLOR_ALWAYS)
		return true;
	if (mode == COLOR_NEVER)
		return false;
	return isatty(fileno(f));
}

void print_line(FILE *f, const struct sline *l, bool color)
{
	for (uint32_t i = 0; i < l->nspans; i++) {
		const struct span *sp = &l->spans[i];
		const char *code = color && sp->style < S__COUNT ? sgr[sp->style] : NULL;
		if (code)
			fprintf(f, "\033[%sm", code);
		fwrite(l->text + sp->start, 1, sp->len, f);
		if (code)
			fputs("\033[m", f);
	}
	fputc('\n', f);
}

void print_text(FILE *f, const char *text)
{
	struct sline l;
	sline_init(&l);
	sline_adds(&l, S_NORMAL, text);
	print_line(f, &l, false);
	sline_free(&l);
}

static void print_prefixed(const char *prefix, const char *msg)
{
	struct sline l;
	sline_init(&l);
	sline_adds(&l, S_NORMAL, prefix);
	sline_adds(&l, S_NORMAL, msg);
	print_line(stderr, &l, false);
	sline_free(&l);
}

void report_error(const char *msg)
{
	print_prefixed("iacrev: ", msg);
}

void report_warning(const char *msg)
{
	print_prefixed("iacrev: warning: ", msg);
}
