#include "meta.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mem.h"
#include "utf8.h"

struct alias {
	const char *from, *to;
};

static const struct alias platform_aliases[] = {
	{ "cloudformation", "cfn" }, { "cloud-formation", "cfn" },
	{ "terraform", "tf" }, { "aws-cdk", "cdk" }, { "cdk-tf", "cdktf" },
	{ NULL, NULL },
};

static const struct alias language_aliases[] = {
	{ "typescript", "ts" }, { "python", "py" }, { "yml", "yaml" },
	{ "javascript", "js" }, { "golang", "go" }, { "terraform", "hcl" },
	{ "tf", "hcl" }, { NULL, NULL },
};

static const struct alias complexity_aliases[] = {
	{ "moderate", "medium" }, { "intermediate", "medium" },
	{ "high", "hard" }, { "complex", "hard" }, { NULL, NULL },
};

static char *lower_trim(const char *raw)
{
	while (isspace((unsigned char)*raw))
		raw++;
	size_t n = strlen(raw);
	while (n && isspace((unsigned char)raw[n - 1]))
		n--;
	char *s = xstrndup(raw, n);
	for (char *p = s; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return s;
}

static char *normalise(const char *raw, const struct alias *aliases)
{
	char *s = lower_trim(raw);
	for (const struct alias *a = aliases; a->from; a++) {
		if (strcmp(s, a->from) == 0) {
			free(s);
			return xstrdup(a->to);
		}
	}
	return s;
}

char *meta_norm_platform(const char *raw) { return normalise(raw, platform_aliases); }
char *meta_norm_language(const char *raw) { return normalise(raw, language_aliases); }
char *meta_norm_complexity(const char *raw) { return normalise(raw, complexity_aliases); }

static void add_problem(struct meta *m, char *text)
{
	m->problems = xreallocarray(m->problems, m->n_problems + 1, sizeof(char *));
	m->problems[m->n_problems++] = text;
}

/* A JSON value as compact text, for display of odd values. */
static char *json_text(const json_t *v)
{
	char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	if (!s)
		return xstrdup("?");
	char *copy = xstrdup(s);
	free(s);
	return copy;
}

/* A scalar as a string: strings as is, numbers printed, others NULL. */
static char *scalar_text(const json_t *v)
{
	if (json_is_string(v))
		return xstrndup(json_string_value(v), json_string_length(v));
	if (json_is_integer(v))
		return xasprintf("%lld", (long long)json_integer_value(v));
	if (json_is_real(v))
		return xasprintf("%g", json_real_value(v));
	if (json_is_boolean(v))
		return xstrdup(json_is_true(v) ? "true" : "false");
	return NULL;
}

static void read_field(struct meta *m, json_t *root, const char *key,
		       struct meta_field *f, char *(*norm)(const char *))
{
	json_t *v = json_object_get(root, key);
	if (!v || json_is_null(v))
		return;
	f->raw = scalar_text(v);
	if (!f->raw) {
		f->raw = json_text(v);
		add_problem(m, xasprintf("%s is %s, not a string", key,
					 json_is_object(v) ? "an object" : "a list"));
	} else if (!json_is_string(v)) {
		/* po_id and team are sometimes numbers: keep them, say nothing. */
	}
	f->norm = norm ? norm(f->raw) : lower_trim(f->raw);
}

static void read_list(json_t *root, const char *key, char ***out, size_t *n)
{
	json_t *v = json_object_get(root, key);
	if (!v)
		return;
	if (json_is_array(v)) {
		size_t i;
		json_t *item;
		*out = xcalloc(json_array_size(v) ? json_array_size(v) : 1, sizeof(char *));
		json_array_foreach(v, i, item) {
			char *s = scalar_text(item);
			(*out)[(*n)++] = s ? s : json_text(item);
		}
		return;
	}
	char *s = scalar_text(v);
	if (s) {
		*out = xcalloc(1, sizeof(char *));
		(*out)[(*n)++] = s;
	}
}

/* Levenshtein distance, bounded: enough to spot "training_qulity". */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return 99;
	size_t row[65];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t prev = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cur = row[j];
			size_t best = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = cur;
		}
	}
	return row[lb];
}

static bool parse_number(const char *s, double *out)
{
	while (isspace((unsigned char)*s))
		s++;
	if (!*s)
		return false;
	char *end;
	double v = strtod(s, &end);
	while (isspace((unsigned char)*end))
		end++;
	if (*end || !isfinite(v))
		return false;
	*out = v;
	return true;
}

static void set_value(struct tq *t, double v)
{
	if (v < 0 || v > 10) {
		t->reason = xasprintf("%s is outside 0-10", t->raw);
		return;
	}
	t->has = true;
	t->value = v;
}

static void read_tq(struct meta *m, json_t *root)
{
	struct tq *t = &m->tq;
	json_t *v = json_object_get(root, "training_quality");
	if (!v) {
		/* Look for a misspelled key so the reason can name it. */
		const char *key;
		json_t *val;
		json_object_foreach(root, key, val) {
			if (strcmp(key, "training_quality") != 0 &&
			    (edit_distance(key, "training_quality") <= 2 ||
			     strncmp(key, "training_quality", 16) == 0)) {
				char *text = json_text(val);
				t->reason = xasprintf("absent (a key \"%s\": %s is present)", key, text);
				add_problem(m, xasprintf("training_quality is absent but \"%s\": %s is present",
							 key, text));
				free(text);
				return;
			}
		}
		t->reason = xstrdup("absent");
		return;
	}
	t->raw = json_text(v);
	if (json_is_integer(v) || json_is_real(v)) {
		set_value(t, json_number_value(v));
		if (!t->has)
			add_problem(m, xasprintf("training_quality %s", t->reason));
		return;
	}
	if (json_is_string(v)) {
		double d;
		if (parse_number(json_string_value(v), &d)) {
			set_value(t, d);
			if (t->has)
				t->reason = xasprintf("read from the string %s", t->raw);
		} else {
			t->reason = xasprintf("the string %s is not a number", t->raw);
		}
		add_problem(m, xasprintf("training_quality is a string: %s", t->raw));
		return;
	}
	if (json_is_null(v)) {
		t->reason = xstrdup("null");
		return;
	}
	t->reason = xasprintf("%s, not a number", json_is_object(v) ? "an object" :
			      json_is_array(v) ? "a list" : "a boolean");
	add_problem(m, xasprintf("training_quality is %s", t->reason));
}

/* jansson reports a trailing comma (`"a",\n]`, `],\n}`) as "unexpected token
 * near ']'" or "string or '}' expected near '}'" at the closing bracket, which
 * does not say what to fix.  True when the token it stopped at (ending at byte
 * `pos`) is a closing bracket whose previous non-blank byte is a comma. */
static bool is_trailing_comma(const char *bytes, size_t len, int pos)
{
	if (pos <= 0 || (size_t)pos > len || (bytes[pos - 1] != '}' && bytes[pos - 1] != ']'))
		return false;
	size_t k = (size_t)pos - 1;
	while (k > 0 && (bytes[k - 1] == ' ' || bytes[k - 1] == '\t' ||
			 bytes[k - 1] == '\r' || bytes[k - 1] == '\n'))
		k--;
	return k > 0 && bytes[k - 1] == ',';
}

void meta_parse(struct meta *m, const char *path, const char *bytes, size_t len)
{
	memset(m, 0, sizeof(*m));
	/* A UTF-8 BOM is common in hand-edited files: skip it. */
	if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
		bytes += 3;
		len -= 3;
	}
	json_error_t jerr;
	json_t *root = json_loadb(bytes, len, 0, &jerr);
	if (!root) {
		/* jansson refuses invalid UTF-8; say so plainly. */
		const char *why = jerr.text;
		if (!utf8_valid(bytes, len) && json_error_code(&jerr) == json_error_invalid_utf8)
			why = "not valid UTF-8";
		else if (is_trailing_comma(bytes, len, jerr.position))
			why = bytes[jerr.position - 1] == '}' ? "a trailing comma before '}'"
							      : "a trailing comma before ']'";
		m->error = xasprintf("%s: line %d, column %d: %s", path, jerr.line, jerr.column, why);
		m->tq.reason = xstrdup("metadata.json does not parse");
		return;
	}
	if (!json_is_object(root)) {
		m->error = xasprintf("%s: the top level is not an object", path);
		m->tq.reason = xstrdup("metadata.json is not an object");
		json_decref(root);
		return;
	}
	read_field(m, root, "platform", &m->platform, meta_norm_platform);
	read_field(m, root, "language", &m->language, meta_norm_language);
	read_field(m, root, "complexity", &m->complexity, meta_norm_complexity);
	read_field(m, root, "subtask", &m->subtask, NULL);
	read_field(m, root, "region", &m->region, NULL);
	read_field(m, root, "po_id", &m->po_id, NULL);
	read_field(m, root, "team", &m->team, NULL);
	read_field(m, root, "author", &m->author, NULL);
	read_field(m, root, "startedAt", &m->started_at, NULL);
	read_list(root, "subject_labels", &m->subject_labels, &m->n_subject_labels);
	read_list(root, "aws_services", &m->aws_services, &m->n_aws_services);
	read_tq(m, root);
	if (!m->platform.raw)
		add_problem(m, xstrdup("no platform"));
	if (!m->language.raw)
		add_problem(m, xstrdup("no language"));
	/* Every field needed is copied out: keeping 3,300 parsed documents
	 * cost 15 MB and their freeing at exit. */
	json_decref(root);
}

static void field_free(struct meta_field *f)
{
	free(f->raw);
	free(f->norm);
}

static void list_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void meta_free(struct meta *m)
{
	if (!m)
		return;
	field_free(&m->platform);
	field_free(&m->language);
	field_free(&m->complexity);
	field_free(&m->subtask);
	field_free(&m->region);
	field_free(&m->po_id);
	field_free(&m->team);
	field_free(&m->author);
	field_free(&m->started_at);
	list_free(m->subject_labels, m->n_subject_labels);
	list_free(m->aws_services, m->n_aws_services);
	free(m->tq.raw);
	free(m->tq.reason);
	free(m->error);
	list_free(m->problems, m->n_problems);
	memset(m, 0, sizeof(*m));
}

void tq_format(const struct tq *t, char out[16])
{
	if (!t->has) {
		snprintf(out, 16, "none");
		return;
	}
	if (t->value == floor(t->value))
		snprintf(out, 16, "%d", (int)t->value);
	else
		snprintf(out, 16, "%.3g", t->value);
}
