/* Search: a regular expression over the lines of the top view; n/N go
 * through the view's grep (or the text of its lines) so matches off
 * screen are found, and matches on screen are highlighted. */
#include "shell_int.h"


#include <stdlib.h>

#include "../core/mem.h"

/* -- search -- */

bool view_search_match(const struct view_search *s, const char *text, size_t len)
{
	regmatch_t m[1];
	m[0].rm_so = 0;
	m[0].rm_eo = (regoff_t)len;
	return regexec(&s->re, text, 1, m, REG_STARTEND) == 0;
}

static bool line_matches(struct view *v, size_t i)
{
	if (v->ops->grep)
		return v->ops->grep(v, i, &S.search);
	const struct sline *l = v->ops->line(v, i);
	return l && view_search_match(&S.search, l->text ? l->text : "", l->len);
}

/* Find the next match after line `origin` in direction dir, wrapping. */
static void search_from(struct view *v, size_t origin, int dir)
{
	size_t n = sh_line_count(v);
	if (!n) {
		sh_message(true, "pattern not found: %s", S.search.pattern);
		return;
	}
	if (origin >= n)
		origin = n - 1;
	size_t i = origin;
	for (size_t k = 0; k < n; k++) {
		i = dir > 0 ? (i + 1 == n ? 0 : i + 1) : (i == 0 ? n - 1 : i - 1);
		if (!line_matches(v, i))
			continue;
		bool wrapped = dir > 0 ? i <= origin : i >= origin;
		view_show_line(v, i);
		sh_message(false, "%s/%s", wrapped ? "search wrapped: " : "", S.search.pattern);
		return;
	}
	sh_message(true, "pattern not found: %s", S.search.pattern);
}

static bool has_upper(const char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			return true;
	return false;
}

void sh_search_done(struct view *v, const char *answer)
{
	if (!answer)
		return;
	if (!*answer) {
		if (!S.has_search)
			return;
		answer = S.search.pattern; /* an empty search repeats the last one */
	}
	char *pattern = xstrdup(answer);
	regex_t re;
	int flags = REG_EXTENDED | (has_upper(pattern) ? 0 : REG_ICASE);
	int rc = regcomp(&re, pattern, flags);
	if (rc != 0) {
		char why[128];
		regerror(rc, &re, why, sizeof(why));
		sh_message(true, "bad pattern '%s': %s", pattern, why);
		free(pattern);
		return;
	}
	if (S.has_search) {
		regfree(&S.search.re);
		free(S.search.pattern);
	}
	S.search.re = re;
	S.search.pattern = pattern;
	S.has_search = true;
	/* As in less, the search starts after the current line. */
	search_from(v, v->ops->flags & VF_CURSOR ? v->cursor : v->top, +1);
}

void sh_search_next(struct view *v, int dir)
{
	if (!S.has_search) {
		sh_message(true, "no search yet: / starts one");
		return;
	}
	search_from(v, v->ops->flags & VF_CURSOR ? v->cursor : v->top, dir);
}

/* Mark every match in a copy of the line. */
void sh_highlight(struct sline *l)
{
	if (!S.has_search || !l->len)
		return;
	size_t off = 0;
	while (off < l->len) {
		regmatch_t m[1];
		m[0].rm_so = (regoff_t)off;
		m[0].rm_eo = (regoff_t)l->len;
		if (regexec(&S.search.re, l->text, 1, m, off ? REG_STARTEND | REG_NOTBOL : REG_STARTEND) != 0)
			break;
		size_t so = (size_t)m[0].rm_so, eo = (size_t)m[0].rm_eo;
		if (eo > so)
			sline_restyle(l, (uint32_t)so, (uint32_t)(eo - so), S_MATCH);
		off = eo > so ? eo : so + 1;
	}
}
