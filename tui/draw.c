#include "draw.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/afile.h"
#include "../core/buf.h"
#include "../core/mem.h"

struct style_default {
	short fg, bg;
	unsigned attrs;      /* with colours */
	unsigned mono;       /* without */
};

#define D(fg, bg, a, m) { fg, bg, a, m }
static const struct style_default defaults[S__COUNT] = {
	[S_NORMAL] = D(-1, -1, 0, 0),
	[S_DIM] = D(-1, -1, CA_DIM, CA_DIM),
	[S_BOLD] = D(-1, -1, CA_BOLD, CA_BOLD),
	[S_TITLE] = D(COLOR_WHITE, COLOR_BLUE, CA_BOLD, CA_REVERSE | CA_BOLD),
	[S_STATUS] = D(COLOR_BLACK, COLOR_WHITE, 0, CA_REVERSE),
	[S_HINT] = D(-1, -1, 0, 0),
	[S_KEY] = D(COLOR_CYAN, -1, CA_BOLD, CA_BOLD),
	[S_HEADER] = D(-1, -1, CA_BOLD | CA_UNDERLINE, CA_BOLD | CA_UNDERLINE),
	[S_SELECTED] = D(COLOR_BLACK, COLOR_CYAN, 0, CA_REVERSE),
	[S_PATH] = D(COLOR_BLUE, -1, CA_BOLD, 0),
	[S_ID] = D(COLOR_YELLOW, -1, 0, 0),
	[S_DATE] = D(COLOR_GREEN, -1, 0, 0),
	[S_AUTHOR] = D(COLOR_CYAN, -1, 0, 0),
	[S_NUMBER] = D(-1, -1, CA_BOLD, CA_BOLD),
	[S_OK] = D(COLOR_GREEN, -1, 0, 0),
	[S_WARN] = D(COLOR_YELLOW, -1, 0, 0),
	[S_ERROR] = D(COLOR_RED, -1, CA_BOLD, CA_BOLD),
	[S_CTRL] = D(COLOR_MAGENTA, -1, CA_REVERSE, CA_REVERSE),
	[S_MATCH] = D(COLOR_BLACK, COLOR_YELLOW, 0, CA_REVERSE | CA_UNDERLINE),
	[S_DIFF_FILE] = D(COLOR_YELLOW, -1, CA_BOLD, CA_BOLD),
	[S_DIFF_HUNK] = D(COLOR_CYAN, -1, 0, CA_DIM),
	[S_DIFF_ADD] = D(COLOR_GREEN, -1, 0, 0),
	[S_DIFF_DEL] = D(COLOR_RED, -1, 0, CA_DIM),
	[S_DIFF_ADD_WORD] = D(COLOR_BLACK, COLOR_GREEN, CA_BOLD, CA_REVERSE),
	[S_DIFF_DEL_WORD] = D(COLOR_BLACK, COLOR_RED, CA_BOLD, CA_REVERSE),
	[S_DIFF_CONTEXT] = D(-1, -1, 0, 0),
	[S_DIFF_LINENO] = D(-1, -1, CA_DIM, CA_DIM),
	[S_DIFF_FILLER] = D(-1, -1, CA_DIM, CA_DIM),
	[S_DIFF_WRAP] = D(COLOR_CYAN, -1, CA_DIM, CA_DIM),
	[S_MD_HEADING1] = D(COLOR_MAGENTA, -1, CA_BOLD | CA_UNDERLINE, CA_BOLD | CA_UNDERLINE),
	[S_MD_HEADING2] = D(COLOR_MAGENTA, -1, CA_BOLD, CA_BOLD),
	[S_MD_HEADING3] = D(-1, -1, CA_BOLD, CA_BOLD),
	[S_MD_EMPH] = D(-1, -1, CA_ITALIC, CA_UNDERLINE),
	[S_MD_STRONG] = D(-1, -1, CA_BOLD, CA_BOLD),
	[S_MD_CODE] = D(COLOR_CYAN, -1, 0, 0),
	[S_MD_CODE_FRAME] = D(-1, -1, CA_DIM, CA_DIM),
	[S_MD_LINK] = D(COLOR_BLUE, -1, CA_UNDERLINE, CA_UNDERLINE),
	[S_MD_QUOTE] = D(-1, -1, CA_DIM, CA_DIM),
	[S_MD_RULE] = D(-1, -1, CA_DIM, CA_DIM),
	[S_MD_TABLE] = D(-1, -1, 0, 0),
	[S_MD_BULLET] = D(COLOR_YELLOW, -1, 0, 0),
	[S_SEV_CRITICAL] = D(COLOR_WHITE, COLOR_RED, CA_BOLD, CA_REVERSE | CA_BOLD),
	[S_SEV_HIGH] = D(COLOR_RED, -1, CA_BOLD, CA_BOLD),
	[S_SEV_MEDIUM] = D(COLOR_YELLOW, -1, 0, 0),
	[S_SEV_LOW] = D(COLOR_GREEN, -1, 0, 0),
};
#undef D

static bool use_color;
static attr_t style_attr[S__COUNT];
static short style_pair[S__COUNT];

static attr_t to_curses(unsigned a)
{
	attr_t r = A_NORMAL;
	if (a & CA_BOLD)
		r |= A_BOLD;
	if (a & CA_DIM)
		r |= A_DIM;
	if (a & CA_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & CA_REVERSE)
		r |= A_REVERSE;
	if (a & CA_ITALIC)
		r |= A_ITALIC;
	if (a & CA_BLINK)
		r |= A_BLINK;
	return r;
}

/* A colour the terminal cannot show becomes the nearest of the first 8
 * (or 16): the 6x6x6 cube and the grey ramp by their strongest channel. */
static short degrade(short c)
{
	if (c < 0 || c < COLORS)
		return c;
	if (c < 16)
		return (short)(c - 8);
	if (c >= 232)
		return c >= 244 ? COLOR_WHITE : COLOR_BLACK;
	int v = c - 16, r = v / 36, g = (v / 6) % 6, b = v % 6;
	int bits = (r >= 3 ? 1 : 0) | (g >= 3 ? 2 : 0) | (b >= 3 ? 4 : 0);
	return (short)bits; /* curses: 1 red, 2 green, 4 blue */
}

void draw_set_colors(const struct color_spec *over)
{
	for (int s = 0; s < S__COUNT; s++) {
		const struct style_default *d = &defaults[s];
		short fg = d->fg, bg = d->bg;
		unsigned attrs = use_color ? d->attrs : d->mono;
		if (over && over[s].set) {
			fg = over[s].fg;
			bg = over[s].bg;
			/* Without colours, an override that only names colours
			 * keeps the monochrome default (the cursor stays reverse). */
			if (use_color || over[s].attrs)
				attrs = over[s].attrs;
		}
		style_attr[s] = to_curses(attrs);
		style_pair[s] = 0;
		if (use_color && (fg >= 0 || bg >= 0) && s + 1 < COLOR_PAIRS) {
			init_pair((short)(s + 1), degrade(fg), degrade(bg));
			style_pair[s] = (short)(s + 1);
		}
	}
}

void draw_init(bool want_color, const struct color_spec *overrides)
{
	use_color = false;
	if (want_color && has_colors() && start_color() != ERR) {
		use_default_colors();
		use_color = COLORS >= 8;
	}
	draw_set_colors(overrides);
}

bool draw_has_color(void)
{
	return use_color;
}

/* The text mirror of the screen. */
static struct buf *mirror;
static int mirror_rows;

void draw_mirror_resize(int rows, int cols)
{
	(void)cols;
	draw_mirror_free();
	mirror_rows = rows > 0 ? rows : 0;
	mirror = xcalloc(mirror_rows ? (size_t)mirror_rows : 1, sizeof(*mirror));
}

void draw_mirror_free(void)
{
	for (int i = 0; i < mirror_rows; i++)
		buf_free(&mirror[i]);
	free(mirror);
	mirror = NULL;
	mirror_rows = 0;
}

static void set_style(int style)
{
	if (style < 0 || style >= S__COUNT)
		style = S_NORMAL;
	attr_set(style_attr[style], style_pair[style], NULL);
}

void draw_line(int y, const struct sline *l, size_t from, int width, int fill, int whole_style)
{
	if (width <= 0)
		return;
	struct sline cut;
	sline_init(&cut);
	if (l)
		sline_slice(&cut, l, from, (size_t)width);
	move(y, 0);
	if (y >= 0 && y < mirror_rows)
		buf_truncate(&mirror[y], 0);
	for (uint32_t i = 0; i < cut.nspans; i++) {
		const struct span *sp = &cut.spans[i];
		int style = sp->style;
		if (whole_style >= 0 && style != S_MATCH)
			style = whole_style;
		set_style(style);
		addnstr(cut.text + sp->start, (int)sp->len);
		if (y >= 0 && y < mirror_rows)
			buf_put(&mirror[y], cut.text + sp->start, sp->len);
	}
	int pad = width - (int)cut.cols;
	if (pad > 0) {
		set_style(whole_style >= 0 ? whole_style : fill);
		/* The last cell of the last row cannot be written without a
		 * scroll on some terminals: curses reports it, nothing breaks. */
		for (int i = 0; i < pad; i++)
			addch(' ');
		if (y >= 0 && y < mirror_rows)
			for (int i = 0; i < pad; i++)
				buf_putc(&mirror[y], ' ');
	}
	set_style(S_NORMAL);
	sline_free(&cut);
}

void draw_text(int y, int style, const char *text)
{
	struct sline l;
	sline_init(&l);
	sline_adds(&l, style, text);
	draw_line(y, &l, 0, COLS, style, -1);
	sline_free(&l);
}

static int mirror_fill(FILE *f, void *payload)
{
	(void)payload;
	for (int i = 0; i < mirror_rows; i++) {
		const char *t = buf_cstr(&mirror[i]);
		size_t n = mirror[i].len;
		while (n && t[n - 1] == ' ')
			n--;
		fwrite(t, 1, n, f);
		fputc('\n', f);
	}
	return 0;
}

int draw_mirror_save(const char *path)
{
	return afile_write(path, mirror_fill, NULL);
}
