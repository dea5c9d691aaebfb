#include "failures.h"

#include <stdio.h>
#include <string.h>

#include "../core/jsonx.h"
#include "../core/utf8.h"
#include "document.h"

void failures_item_number(const struct failure_item *it, char out[32])
{
	if (it->number)
		snprintf(out, 32, "%s", it->number);
	else
		snprintf(out, 32, "%d", it->ordinal);
}

const char *failures_badge(enum severity s, int *style)
{
	static const int styles[] = {
		[SEV_NONE] = S_DIM, [SEV_CRITICAL] = S_SEV_CRITICAL, [SEV_HIGH] = S_SEV_HIGH,
		[SEV_MEDIUM] = S_SEV_MEDIUM, [SEV_LOW] = S_SEV_LOW,
	};
	if (style)
		*style = styles[s];
	return s == SEV_NONE ? "none" : severity_name(s);
}

#define BADGE_COLS 8 /* "Critical" */

void failures_cols_fit(struct failures_cols *c, const struct failures *f)
{
	c->number = 1;
	c->title = 0;
	for (size_t i = 0; i < f->n; i++) {
		char num[32];
		failures_item_number(&f->v[i], num);
		size_t n = utf8_columns(num, strlen(num));
		if (n > c->number)
			c->number = n;
		size_t t = utf8_columns(f->v[i].title, strlen(f->v[i].title));
		if (t > c->title)
			c->title = t;
	}
}

void failures_row_line(struct sline *l, const struct failure_item *it,
		       const struct failures_cols *c, size_t width)
{
	char num[32], range[48];
	failures_item_number(it, num);
	snprintf(range, sizeof(range), "%d-%d", it->first, it->last);
	size_t start = l->cols;
	/* the number right-aligned, as in a numbered list */
	size_t ncols = utf8_columns(num, strlen(num));
	sline_pad(l, S_NORMAL, start + (c->number > ncols ? c->number - ncols : 0));
	sline_adds(l, S_NUMBER, num);
	sline_adds(l, S_NORMAL, "  ");
	int style;
	const char *badge = failures_badge(it->severity, &style);
	sline_adds(l, style, badge);
	sline_pad(l, S_NORMAL, start + c->number + 2 + BADGE_COLS + 2);

	struct sline title;
	sline_init(&title);
	sline_adds(&title, S_NORMAL, it->title);
	size_t fixed = c->number + 2 + BADGE_COLS + 2 + 2 + strlen(range);
	size_t room = width ? (width > fixed ? width - fixed : 1) : c->title;
	if (title.cols > room) {
		sline_slice(l, &title, 0, room - 1);
		sline_adds(l, S_DIM, "\xE2\x80\xA6"); /* … */
	} else {
		sline_append(l, &title);
	}
	sline_free(&title);
	size_t col = start + c->number + 2 + BADGE_COLS + 2 + room + 2;
	if (width)
		col = start + width - strlen(range); /* the range flush right */
	sline_pad(l, S_NORMAL, col);
	sline_adds(l, S_DIM, range);
}

void failures_list_lines(struct slist *out, const struct failures *f, size_t width)
{
	struct failures_cols c;
	failures_cols_fit(&c, f);
	for (size_t i = 0; i < f->n; i++) {
		struct sline *l = slist_push(out);
		failures_row_line(l, &f->v[i], &c, width);
		l->ref = (intptr_t)i;
	}
}

void failures_item_lines(struct slist *out, const struct mdsrc *src, const struct failure_item *it,
			 size_t width, unsigned doc_flags)
{
	char num[32];
	failures_item_number(it, num);
	struct sline *l = slist_push(out);
	l->ref = it->first;
	sline_adds(l, S_MD_HEADING2, num);
	sline_adds(l, S_MD_HEADING2, ". ");
	sline_adds(l, S_MD_HEADING2, it->title);

	l = slist_push(out);
	l->ref = it->first;
	int style;
	const char *badge = failures_badge(it->severity, &style);
	sline_adds(l, style, badge);
	if (it->sev_from)
		sline_addf(l, S_DIM, " (from the %s)", sev_source_name(it->sev_from));
	sline_addf(l, S_DIM, "  lines %d-%d", it->first, it->last);
	if (it->body_first <= it->body_last) {
		l = slist_push(out);
		l->ref = it->body_first;
		document_render_part(out, src, it->nfirst + 1, it->nlast, width, doc_flags);
	}
}

json_t *failures_item_json(const struct failure_item *it, const struct failures *f)
{
	json_t *o = json_object();
	jsonx_set(o, "ordinal", json_integer(it->ordinal));
	jsonx_set(o, "number", jsonx_str(it->number));
	jsonx_set(o, "title", jsonx_str(it->title));
	jsonx_set(o, "severity", jsonx_str(severity_name(it->severity)));
	jsonx_set(o, "severity_from", jsonx_str(sev_source_name(it->sev_from)));
	jsonx_set(o, "level", json_integer(it->level));
	jsonx_set(o, "lines", json_pack("[ii]", it->first, it->last));
	if (it->body_first <= it->body_last)
		jsonx_set(o, "body", json_pack("[ii]", it->body_first, it->body_last));
	else
		jsonx_set(o, "body", json_null());
	jsonx_set(o, "method", json_string(fail_method_name(f->method)));
	jsonx_set(o, "count", json_integer((json_int_t)f->n));
	return o;
}
