#include "review.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "buf.h"
#include "jsonx.h"
#include "mem.h"

void review_record_free(struct review_record *r)
{
	if (r->borrowed) {
		free(r->items);
		memset(r, 0, sizeof(*r));
		return;
	}
	free(r->line);
	free(r->why);
	free(r->at);
	free(r->task);
	free(r->by_name);
	free(r->by_email);
	free(r->rubric);
	for (size_t i = 0; i < r->nitems; i++)
		free(r->items[i].title);
	free(r->items);
	free(r->reason);
	free(r->note);
	memset(r, 0, sizeof(*r));
}

void review_id_hex(char out[17], uint64_t id)
{
	snprintf(out, 17, "%016" PRIx64, id);
}

uint64_t review_new_id(void)
{
	uint64_t id = 0;
	/* getrandom of 8 bytes never returns short once the pool is ready */
	while (getrandom(&id, sizeof(id), 0) != (ssize_t)sizeof(id))
		;
	return id;
}

char *review_now(void)
{
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	return xasprintf("%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", tm.tm_year + 1900, tm.tm_mon + 1,
			 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000000);
}

static json_t *id_json(uint64_t id)
{
	char hex[17];
	review_id_hex(hex, id);
	return json_string(hex);
}

static json_t *answers_json(const struct review_record *r)
{
	if (!r->has_answers)
		return json_null();
	json_t *a = json_object();
	json_t *blockers = json_array();
	for (int b = 0; b < RB_COUNT; b++)
		if (r->blockers & (1u << b))
			json_array_append_new(blockers, json_string(rubric_blocker_name((enum rubric_blocker)b)));
	jsonx_set(a, "blockers", blockers);
	json_t *items = json_array();
	for (size_t i = 0; i < r->nitems; i++) {
		json_t *it = json_object();
		char cat[2] = { rubric_cat_letter(r->items[i].cat), '\0' };
		jsonx_set(it, "n", json_integer(r->items[i].n));
		jsonx_set(it, "title", jsonx_str(r->items[i].title ? r->items[i].title : ""));
		jsonx_set(it, "cat", json_string(cat));
		json_array_append_new(items, it);
	}
	jsonx_set(a, "items", items);
	json_t *factors = json_array();
	for (int f = 0; f < RF_COUNT; f++)
		if (r->factors & (1u << f))
			json_array_append_new(factors, json_string(rubric_factor_name((enum rubric_factor)f)));
	jsonx_set(a, "factors", factors);
	if (r->localstack)
		jsonx_set(a, "localstack", json_true());
	return a;
}

static json_t *score_json(int s)
{
	return s == REVIEW_NO_SCORE ? json_null() : json_integer(s);
}

json_t *review_to_json(const struct review_record *r)
{
	json_t *o = json_object();
	jsonx_set(o, "v", json_integer(r->v ? r->v : REVIEW_VERSION));
	jsonx_set(o, "at", jsonx_str(r->at ? r->at : ""));
	jsonx_set(o, "id", id_json(r->id));
	jsonx_set(o, "task", jsonx_str(r->task ? r->task : ""));
	jsonx_set(o, "tree", jsonx_oid(&r->tree));
	jsonx_set(o, "commit", jsonx_oid(&r->commit));
	json_t *by = json_object();
	jsonx_set(by, "name", jsonx_str(r->by_name ? r->by_name : ""));
	jsonx_set(by, "email", jsonx_str(r->by_email ? r->by_email : ""));
	jsonx_set(o, "by", by);
	jsonx_set(o, "supersedes", r->has_supersedes ? id_json(r->supersedes) : json_null());
	jsonx_set(o, "rubric", jsonx_str(r->rubric ? r->rubric : RUBRIC_ID));
	jsonx_set(o, "answers", answers_json(r));
	jsonx_set(o, "computed", score_json(r->computed));
	jsonx_set(o, "score", score_json(r->score));
	jsonx_set(o, "reason", jsonx_str(r->reason));
	jsonx_set(o, "note", jsonx_str(r->note ? r->note : ""));
	if (r->secs >= 0)
		jsonx_set(o, "secs", json_integer((json_int_t)r->secs));
	return o;
}

char *review_json_line(const json_t *v)
{
	char *s = jsonx_dump_line(v);
	if (!strchr(s, 0x7f))
		return s;
	struct buf b = BUF_INIT;
	for (const char *p = s; *p; p++) {
		if (*p == 0x7f)
			buf_puts(&b, "\\u007f");
		else
			buf_putc(&b, *p);
	}
	free(s);
	return buf_detach(&b);
}

char *review_encode(const struct review_record *r)
{
	json_t *o = review_to_json(r);
	char *s = review_json_line(o);
	json_decref(o);
	return s;
}

/* ---- decoding ---- */

static bool parse_id(const json_t *v, uint64_t *out)
{
	const char *s = json_string_value(v);
	if (!s || strlen(s) != 16)
		return false;
	uint64_t x = 0;
	for (int i = 0; i < 16; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
		if (d < 0)
			return false;
		x = x << 4 | (uint64_t)d;
	}
	*out = x;
	return true;
}

static bool parse_oid(const json_t *v, git_oid *out)
{
	const char *s = json_string_value(v);
	return s && strlen(s) == GIT_OID_HEXSZ && git_oid_fromstr(out, s) == 0;
}

static char *dup_json_string(const json_t *v)
{
	return xstrndup(json_string_value(v), json_string_length(v));
}

/* A score: an integer 0-10, or null when `nullable`. */
static bool parse_score(const json_t *v, bool nullable, int *out)
{
	if (json_is_null(v) && nullable) {
		*out = REVIEW_NO_SCORE;
		return true;
	}
	if (!json_is_integer(v))
		return false;
	json_int_t s = json_integer_value(v);
	if (s < 0 || s > RUBRIC_MAX)
		return false;
	*out = (int)s;
	return true;
}

static const char *parse_answers(const json_t *a, struct review_record *r)
{
	if (json_is_null(a)) {
		r->has_answers = false;
		return NULL;
	}
	if (!json_is_object(a))
		return "answers is not an object";
	r->has_answers = true;
	const json_t *blockers = json_object_get(a, "blockers");
	const json_t *items = json_object_get(a, "items");
	const json_t *factors = json_object_get(a, "factors");
	if (!json_is_array(blockers) || !json_is_array(items) || !json_is_array(factors))
		return "answers lacks blockers, items or factors";
	size_t i;
	const json_t *v;
	json_array_foreach(blockers, i, v) {
		int b = json_is_string(v) ? rubric_blocker_parse(json_string_value(v)) : -1;
		if (b < 0)
			return "unknown blocker";
		r->blockers |= 1u << b;
	}
	json_array_foreach(factors, i, v) {
		int f = json_is_string(v) ? rubric_factor_parse(json_string_value(v)) : -1;
		if (f < 0)
			return "unknown complexity factor";
		r->factors |= 1u << f;
	}
	r->items = xcalloc(json_array_size(items) + 1, sizeof(*r->items));
	json_array_foreach(items, i, v) {
		const json_t *n = json_object_get(v, "n"), *t = json_object_get(v, "title");
		const char *cat = json_string_value(json_object_get(v, "cat"));
		int c = cat && strlen(cat) == 1 ? rubric_cat_parse(cat[0]) : -1;
		if (!json_is_integer(n) || !json_is_string(t) || c < 0)
			return "an item lacks n, title or a category A, B, C or -";
		struct review_item *it = &r->items[r->nitems++];
		it->n = (int)json_integer_value(n);
		it->title = dup_json_string(t);
		it->cat = (enum rubric_cat)c;
	}
	r->localstack = json_is_true(json_object_get(a, "localstack"));
	return NULL;
}

/* The fields of a version-1 record; the reason when it is not one. */
static const char *parse_fields(const json_t *o, struct review_record *r)
{
	const json_t *by = json_object_get(o, "by");
	if (!json_is_string(json_object_get(o, "at")))
		return "no time (at)";
	r->at = dup_json_string(json_object_get(o, "at"));
	if (!parse_id(json_object_get(o, "id"), &r->id))
		return "no 16-hex id";
	if (!json_is_string(json_object_get(o, "task")))
		return "no task";
	r->task = dup_json_string(json_object_get(o, "task"));
	if (!parse_oid(json_object_get(o, "tree"), &r->tree))
		return "no task tree id";
	if (!parse_oid(json_object_get(o, "commit"), &r->commit))
		return "no commit id";
	if (!json_is_object(by) || !json_is_string(json_object_get(by, "email")))
		return "no reviewer (by.email)";
	r->by_email = dup_json_string(json_object_get(by, "email"));
	const json_t *name = json_object_get(by, "name");
	r->by_name = json_is_string(name) ? dup_json_string(name) : xstrdup("");
	const json_t *sup = json_object_get(o, "supersedes");
	if (sup && !json_is_null(sup)) {
		if (!parse_id(sup, &r->supersedes))
			return "supersedes is not a 16-hex id";
		r->has_supersedes = true;
	}
	const json_t *rubric = json_object_get(o, "rubric");
	r->rubric = json_is_string(rubric) ? dup_json_string(rubric) : xstrdup("");
	const char *why = parse_answers(json_object_get(o, "answers"), r);
	if (why)
		return why;
	if (!parse_score(json_object_get(o, "computed"), true, &r->computed))
		return "computed is not a score 0-10";
	if (!parse_score(json_object_get(o, "score"), true, &r->score))
		return "score is not 0-10 or null";
	const json_t *reason = json_object_get(o, "reason");
	if (json_is_string(reason))
		r->reason = dup_json_string(reason);
	const json_t *note = json_object_get(o, "note");
	r->note = json_is_string(note) ? dup_json_string(note) : xstrdup("");
	const json_t *secs = json_object_get(o, "secs");
	r->secs = json_is_integer(secs) && json_integer_value(secs) >= 0 ? json_integer_value(secs) : -1;
	return NULL;
}

void review_decode(const char *line, size_t len, struct review_record *out)
{
	git_oid bucket = out->bucket;
	memset(out, 0, sizeof(*out));
	out->bucket = bucket;
	/* byte for byte: a line may hold a NUL (then it is not JSON) */
	out->line = xmalloc(st_add(len, 1));
	memcpy(out->line, line, len);
	out->line[len] = '\0';
	out->len = len;
	out->secs = -1;
	out->computed = out->score = REVIEW_NO_SCORE;
	json_error_t e;
	json_t *o = json_loadb(line, len, JSON_REJECT_DUPLICATES, &e);
	const char *why = NULL;
	if (!o) {
		out->why = xasprintf("not JSON: %s (column %d)", e.text, e.column);
		return;
	}
	const json_t *v = json_object_get(o, "v");
	if (!json_is_object(o))
		why = "not a JSON object";
	else if (!json_is_integer(v))
		why = "no format version (v)";
	else if (json_integer_value(v) != REVIEW_VERSION)
		out->why = xasprintf("format version %" JSON_INTEGER_FORMAT " (this iacrev reads %d)",
				     json_integer_value(v), REVIEW_VERSION);
	else
		why = parse_fields(o, out);
	json_decref(o);
	if (why || out->why) {
		char *w = why ? xstrdup(why) : out->why;
		char *keep = out->line;
		size_t keep_len = out->len;
		out->line = NULL;
		out->why = NULL;
		review_record_free(out);
		out->bucket = bucket;
		out->line = keep;
		out->len = keep_len;
		out->why = w;
		out->secs = -1;
		out->computed = out->score = REVIEW_NO_SCORE;
		return;
	}
	out->v = REVIEW_VERSION;
	out->parsed = true;
}

void review_answers(const struct review_record *r, struct rubric_answers *a, enum rubric_cat **cats)
{
	*cats = xcalloc(r->nitems + 1, sizeof(**cats));
	for (size_t i = 0; i < r->nitems; i++)
		(*cats)[i] = r->items[i].cat;
	a->blockers = r->blockers;
	a->items = *cats;
	a->nitems = r->nitems;
	a->factors = r->factors;
	a->localstack = r->localstack;
}
