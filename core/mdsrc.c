#include "mdsrc.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mem.h"
#include "utf8.h"

void mdsrc_init(struct mdsrc *s, const char *bytes, size_t n)
{
	memset(s, 0, sizeof(*s));
	/* repair only when needed: documents can be 100 MB */
	s->had_invalid = !utf8_valid(bytes, n);
	size_t len = n;
	char *repaired = s->had_invalid ? utf8_repair(bytes, n, &len) : NULL;
	const char *p = repaired ? repaired : bytes;
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
		s->had_bom = true;
		p += 3;
		len -= 3;
	}

	struct buf out = BUF_INIT;
	buf_grow(&out, len + 1);
	size_t cap = 0, ncap = 0;
	int orig = 1;
	size_t start = 0;
	for (size_t i = 0; i < len; i++) {
		/* copy the run up to the next line end at once */
		size_t run = i;
		while (run < len && p[run] != '\n' && p[run] != '\r')
			run++;
		buf_put(&out, p + i, run - i);
		i = run;
		if (i >= len)
			break;
		char c = p[i];
		/* one line ends here */
		VEC_GROW(s->line_off, s->nlines + 2, cap);
		VEC_GROW(s->orig_line, s->nlines + 1, ncap);
		s->line_off[s->nlines] = start;
		s->orig_line[s->nlines] = orig;
		s->nlines++;
		buf_putc(&out, '\n');
		start = out.len;
		if (c == '\r' && i + 1 < len && p[i + 1] == '\n') {
			s->had_crlf = true;
			i++;
			orig++;
		} else if (c == '\r') {
			s->had_lone_cr = true;
		} else {
			orig++;
		}
	}
	if (out.len > start) {
		VEC_GROW(s->line_off, s->nlines + 2, cap);
		VEC_GROW(s->orig_line, s->nlines + 1, ncap);
		s->line_off[s->nlines] = start;
		s->orig_line[s->nlines] = orig;
		s->nlines++;
	}
	if (!s->line_off)
		s->line_off = xcalloc(1, sizeof(*s->line_off));
	/* where line nlines would start: after the last LF, real or not */
	s->line_off[s->nlines] = out.len && out.ptr[out.len - 1] == '\n' ? out.len : out.len + 1;
	s->orig_nlines = s->nlines ? s->orig_line[s->nlines - 1] : 0;
	s->len = out.len;
	s->text = buf_detach(&out);
	free(repaired);
}

void mdsrc_free(struct mdsrc *s)
{
	free(s->text);
	free(s->line_off);
	free(s->orig_line);
	memset(s, 0, sizeof(*s));
}

const char *mdsrc_line(const struct mdsrc *s, size_t i, size_t *len)
{
	if (i >= s->nlines) {
		*len = 0;
		return "";
	}
	size_t a = s->line_off[i], b = s->line_off[i + 1] - 1;
	*len = b - a;
	return s->text + a;
}

int mdsrc_orig(const struct mdsrc *s, int line)
{
	if (!s->nlines)
		return 1;
	if (line < 1)
		line = 1;
	if ((size_t)line > s->nlines)
		return s->orig_line[s->nlines - 1] + (line - (int)s->nlines);
	return s->orig_line[line - 1];
}
