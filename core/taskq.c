#include "taskq.h"

#include <ctype.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "err.h"
#include "mem.h"

enum cmp_op { OP_EQ, OP_LT, OP_LE, OP_GT, OP_GE, OP_NONE, OP_ANY };

struct term {
	const struct filter_key *key;
	bool negate;
	char *value;     /* as given, lower-cased where the key compares without case */
	enum cmp_op op;  /* numeric keys */
	double number;
};

struct task_filter {
	struct term *terms;
	size_t n;
};

struct filter_key {
	const char *name;
	const char *alias;
	enum { K_TEXT, K_NUMBER } kind;
	bool (*match)(const struct term *term, const struct task *t, const struct task_facts *f);
	const char *help;
};

static bool contains_ci(const char *hay, const char *needle)
{
	if (!hay)
		return false;
	size_t n = strlen(needle);
	for (const char *p = hay; *p; p++)
		if (strncasecmp(p, needle, n) == 0)
			return true;
	return !*needle;
}

static bool glob_or_substring(const char *hay, const char *pattern)
{
	if (!hay)
		return false;
	if (strpbrk(pattern, "*?["))
		return fnmatch(pattern, hay, 0) == 0;
	return strstr(hay, pattern) != NULL;
}

static bool eq_ci(const char *a, const char *b)
{
	return a && strcasecmp(a, b) == 0;
}

static bool m_path(const struct term *q, const struct task *t, const struct task_facts *f)
{
	(void)f;
	return glob_or_substring(task_display_path(t), q->value);
}

static bool m_platform(const struct term *q, const struct task *t, const struct task_facts *f)
{
	(void)f;
	char *want = meta_norm_platform(q->value);
	bool ok = eq_ci(t->meta.platform.norm, want);
	free(want);
	return ok;
}

static bool m_language(const struct term *q, const struct task *t, const struct task_facts *f)
{
	(void)f;
	char *want = meta_norm_language(q->value);
	bool ok = eq_ci(t->meta.language.norm, want);
	free(want);
	return ok;
}

static bool m_pl(const struct term *q, const struct task *t, const struct task_facts *f)
{
	(void)f;
	const char *dash = strchr(q->value, '-');
	if (!dash)
		return m_platform(q, t, f);
	char *pl = xstrndup(q->value, (size_t)(dash - q->value));
	char *np = meta_norm_platform(pl), *nl = meta_norm_language(dash + 1);
	bool ok = eq_ci(t->meta.platform.norm, np) && eq_ci(t->meta.language.norm, nl);
	free(pl);
	free(np);
	free(nl);
	return ok;
}

static bool m_complexity(const struct term *q, const struct task *t, const struct task_facts *f)
{
	(void)f;
	char *want = meta_norm_complexity(q->value);
	bool ok = eq_ci(t->meta.complexity.norm, want);
	free(want);
	return ok;
}

static bool m_author(const struct term *q, const struct task *t, const struct task_facts *f)
{
	(void)f;
	return contains_ci(t->meta.author.raw, q->value);
}

static bool m_po(const struct term *q, const struct task *t, const struct task_facts *f)
{
	(void)f;
	return t->meta.po_id.raw && strcmp(t->meta.po_id.raw, q->value) == 0;
}

static bool m_team(const struct term *q, const struct task *t, const struct task_facts *f)
{
	(void)f;
	return eq_ci(t->meta.team.raw, q->value);
}

static bool m_subtask(const struct term *q, const struct task *t, const struct task_facts *f)
{
	(void)f;
	return contains_ci(t->meta.subtask.raw, q->value);
}

static bool m_region(const struct term *q, const struct task *t, const struct task_facts *f)
{
	(void)f;
	return eq_ci(t->meta.region.raw, q->value);
}

static bool any_contains(char **v, size_t n, const char *needle)
{
	for (size_t i = 0; i < n; i++)
		if (contains_ci(v[i], needle))
			return true;
	return false;
}

static bool m_service(const struct term *q, const struct task *t, const struct task_facts *f)
{
	(void)f;
	return any_contains(t->meta.aws_services, t->meta.n_aws_services, q->value);
}

static bool m_label(const struct term *q, const struct task *t, const struct task_facts *f)
{
	(void)f;
	return any_contains(t->meta.subject_labels, t->meta.n_subject_labels, q->value);
}

static int doc_kind_by_word(const char *w)
{
	static const char *const words[DOC_KINDS][3] = {
		{ "prompt", "p", NULL }, { "model", "m", "model_response" },
		{ "ideal", "i", "ideal_response" }, { "failures", "f", "model_failures" },
	};
	for (int k = 0; k < DOC_KINDS; k++)
		for (int j = 0; j < 3; j++)
			if (words[k][j] && strcasecmp(w, words[k][j]) == 0)
				return k;
	return -1;
}

static bool m_has(const struct term *q, const struct task *t, const struct task_facts *f)
{
	(void)f;
	if (strcasecmp(q->value, "metadata") == 0)
		return t->has_meta;
	if (strcasecmp(q->value, "turns") == 0) {
		for (size_t i = 0; i < t->ndocs; i++)
			if (t->docs[i].turn > 1)
				return true;
		return false;
	}
	int k = doc_kind_by_word(q->value);
	const struct task_doc *d = k < 0 ? NULL : task_doc(t, (enum doc_kind)k);
	return d && !d->missing;
}

static bool task_has_problem(const struct task *t)
{
	if (!t->has_meta || t->meta.error || t->meta.n_problems)
		return true;
	for (size_t i = 0; i < t->ndocs; i++)
		if (t->docs[i].missing)
			return true;
	return false;
}

static bool m_problem(const struct term *q, const struct task *t, const struct task_facts *f)
{
	(void)f;
	bool want = !(strcasecmp(q->value, "no") == 0 || strcmp(q->value, "0") == 0);
	return task_has_problem(t) == want;
}

static bool compare(const struct term *q, bool has, double v)
{
	switch (q->op) {
	case OP_NONE: return !has;
	case OP_ANY: return has;
	case OP_EQ: return has && v == q->number;
	case OP_LT: return has && v < q->number;
	case OP_LE: return has && v <= q->number;
	case OP_GT: return has && v > q->number;
	case OP_GE: return has && v >= q->number;
	}
	return false;
}

static bool m_tq(const struct term *q, const struct task *t, const struct task_facts *f)
{
	(void)f;
	return compare(q, t->meta.tq.has, t->meta.tq.value);
}

/* Keys answered by the task_facts hooks (reviews). */
static bool m_fact_number(const struct term *q, const struct task *t, const struct task_facts *f)
{
	double v = 0;
	bool has = f && f->number && f->number(f->payload, t, q->key->name, &v);
	return compare(q, has, v);
}

static bool m_fact_test(const struct term *q, const struct task *t, const struct task_facts *f)
{
	return f && f->test && f->test(f->payload, t, q->key->name, q->value);
}

static const struct filter_key keys[] = {
	{ "path", NULL, K_TEXT, m_path, "path:TEXT        path contains TEXT (or matches a glob: archive/*/Pr5*)" },
	{ "platform", "p", K_TEXT, m_platform, "platform:NAME    platform, aliases resolved (cdk, cdktf, cfn, tf, pulumi...)" },
	{ "language", "lang", K_TEXT, m_language, "language:NAME    language, aliases resolved (ts, py, hcl, yaml...)" },
	{ "pl", NULL, K_TEXT, m_pl, "pl:PLATFORM-LANG platform and language together (cdk-ts)" },
	{ "complexity", "cx", K_TEXT, m_complexity, "complexity:NAME  medium, hard, expert" },
	{ "tq", NULL, K_NUMBER, m_tq, "tq:<8 tq:>=9 tq:9 tq:none tq:any   training_quality in metadata.json" },
	{ "author", NULL, K_TEXT, m_author, "author:NAME      author contains NAME" },
	{ "po", "po_id", K_TEXT, m_po, "po:ID            po_id is ID" },
	{ "team", NULL, K_TEXT, m_team, "team:NAME        team is NAME" },
	{ "subtask", NULL, K_TEXT, m_subtask, "subtask:TEXT     subtask contains TEXT" },
	{ "region", NULL, K_TEXT, m_region, "region:NAME      region is NAME" },
	{ "service", NULL, K_TEXT, m_service, "service:NAME     an aws_services entry contains NAME" },
	{ "label", NULL, K_TEXT, m_label, "label:TEXT       a subject_labels entry contains TEXT" },
	{ "has", NULL, K_TEXT, m_has, "has:DOC          prompt, model, ideal, failures (readable), metadata, turns" },
	{ "problem", NULL, K_TEXT, m_problem, "problem:yes|no   a metadata problem or an unreadable document" },
	{ "reviewed", NULL, K_TEXT, m_fact_test, "reviewed:yes|no|stale  my review of the task" },
	{ "score", NULL, K_NUMBER, m_fact_number, "score:<8         my current score" },
	{ "reviews", NULL, K_NUMBER, m_fact_number, "reviews:>=2      number of reviewers with a current score" },
	{ "reviewer", NULL, K_TEXT, m_fact_test, "reviewer:NAME    reviewed by NAME (name or email contains it)" },
};

const char *const *task_filter_help(void)
{
	static const char *help[sizeof(keys) / sizeof(keys[0]) + 2];
	if (!help[0]) {
		size_t i;
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			help[i] = keys[i].help;
		help[i] = "WORD             path contains WORD; -TERM negates; terms combine with AND";
	}
	return help;
}

static const struct filter_key *find_key(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if ((strlen(keys[i].name) == len && strncasecmp(keys[i].name, name, len) == 0) ||
		    (keys[i].alias && strlen(keys[i].alias) == len &&
		     strncasecmp(keys[i].alias, name, len) == 0))
			return &keys[i];
	}
	return NULL;
}

static int parse_number_term(struct term *q, const char *v)
{
	if (strcasecmp(v, "none") == 0) {
		q->op = OP_NONE;
		return 0;
	}
	if (strcasecmp(v, "any") == 0) {
		q->op = OP_ANY;
		return 0;
	}
	const char *p = v;
	if (p[0] == '<' && p[1] == '=') { q->op = OP_LE; p += 2; }
	else if (p[0] == '>' && p[1] == '=') { q->op = OP_GE; p += 2; }
	else if (p[0] == '<') { q->op = OP_LT; p++; }
	else if (p[0] == '>') { q->op = OP_GT; p++; }
	else if (p[0] == '=') { q->op = OP_EQ; p++; }
	else q->op = OP_EQ;
	char *end;
	q->number = strtod(p, &end);
	if (end == p || *end)
		return err_setc(ERR_USAGE, "filter %s: '%s' is not a number, a comparison (<8, >=9) or none",
				q->key->name, v);
	return 0;
}

/* Read one term's value starting at *pp: "quoted text" or up to a space. */
static char *read_value(const char **pp)
{
	const char *p = *pp;
	struct buf b = BUF_INIT;
	if (*p == '"') {
		p++;
		while (*p && *p != '"') {
			if (*p == '\\' && p[1])
				p++;
			buf_putc(&b, *p++);
		}
		if (*p == '"')
			p++;
	} else {
		while (*p && !isspace((unsigned char)*p))
			buf_putc(&b, *p++);
	}
	*pp = p;
	return buf_detach(&b);
}

int task_filter_parse(const char *expr, struct task_filter **out)
{
	struct task_filter *f = xcalloc(1, sizeof(*f));
	size_t cap = 0;
	const char *p = expr ? expr : "";
	*out = NULL;
	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		struct term q;
		memset(&q, 0, sizeof(q));
		if (*p == '-' || *p == '!') {
			q.negate = true;
			p++;
		}
		const char *start = p;
		while (*p && *p != ':' && !isspace((unsigned char)*p) && *p != '"')
			p++;
		if (*p == ':') {
			q.key = find_key(start, (size_t)(p - start));
			if (!q.key) {
				char *name = xstrndup(start, (size_t)(p - start));
				err_setc(ERR_USAGE, "unknown filter key '%s' (keys: path platform language pl "
					 "complexity tq author po team subtask region service label has problem "
					 "reviewed score reviews reviewer)", name);
				free(name);
				task_filter_free(f);
				return ERR_USAGE;
			}
			p++;
		} else {
			p = start;
			q.key = &keys[0]; /* a bare word matches the path */
		}
		q.value = read_value(&p);
		if (!*q.value && q.key->kind == K_TEXT && q.key != &keys[0]) {
			err_setc(ERR_USAGE, "filter %s: empty value", q.key->name);
			free(q.value);
			task_filter_free(f);
			return ERR_USAGE;
		}
		if (q.key->kind == K_NUMBER && parse_number_term(&q, q.value) < 0) {
			free(q.value);
			task_filter_free(f);
			return ERR_USAGE;
		}
		VEC_GROW(f->terms, f->n + 1, cap);
		f->terms[f->n++] = q;
	}
	*out = f;
	return 0;
}

bool task_filter_match(const struct task_filter *f, const struct task *t,
		       const struct task_facts *facts)
{
	if (!f)
		return true;
	for (size_t i = 0; i < f->n; i++) {
		const struct term *q = &f->terms[i];
		if (q->key->match(q, t, facts) == q->negate)
			return false;
	}
	return true;
}

void task_filter_free(struct task_filter *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n; i++)
		free(f->terms[i].value);
	free(f->terms);
	free(f);
}

static const char *const sort_names[SORT_KEYS] = {
	"path", "po", "platform", "complexity", "tq", "author", "started", "docs", "problems",
};

const char *task_sort_name(enum task_sort key)
{
	return key < SORT_KEYS ? sort_names[key] : "path";
}

int task_sort_parse(const char *name, enum task_sort *key, bool *reverse)
{
	*reverse = false;
	if (*name == '-') {
		*reverse = true;
		name++;
	}
	if (strcmp(name, "po_id") == 0)
		name = "po";
	if (strcmp(name, "startedAt") == 0)
		name = "started";
	for (int i = 0; i < SORT_KEYS; i++) {
		if (strcmp(name, sort_names[i]) == 0) {
			*key = (enum task_sort)i;
			return 0;
		}
	}
	return err_setc(ERR_USAGE, "unknown sort key '%s' (keys: path po platform complexity tq "
			"author started docs problems; -KEY sorts descending)", name);
}

static int cmp_str(const char *a, const char *b)
{
	/* absent values sort last */
	if (!a || !b)
		return (a == NULL) - (b == NULL);
	return strcmp(a, b);
}

static int complexity_rank(const char *c)
{
	if (!c)
		return 9;
	if (strcmp(c, "medium") == 0)
		return 0;
	if (strcmp(c, "hard") == 0)
		return 1;
	if (strcmp(c, "expert") == 0)
		return 2;
	return 3;
}

static int count_docs(const struct task *t)
{
	int n = 0;
	for (size_t i = 0; i < t->ndocs; i++)
		n += !t->docs[i].missing;
	return n;
}

static int cmp_number_str(const char *a, const char *b)
{
	if (!a || !b)
		return (a == NULL) - (b == NULL);
	char *ea, *eb;
	double x = strtod(a, &ea), y = strtod(b, &eb);
	if (!*ea && !*eb && ea != a && eb != b && x != y)
		return x < y ? -1 : 1;
	return strcmp(a, b);
}

static int cmp_task(const struct task *a, const struct task *b, enum task_sort sort_key)
{
	const struct meta *x = &a->meta, *y = &b->meta;
	switch (sort_key) {
	case SORT_PATH:
	case SORT_KEYS:
		return strcmp(a->path, b->path);
	case SORT_PO_ID:
		return cmp_number_str(x->po_id.raw, y->po_id.raw);
	case SORT_PLATFORM: {
		int c = cmp_str(x->platform.norm, y->platform.norm);
		return c ? c : cmp_str(x->language.norm, y->language.norm);
	}
	case SORT_COMPLEXITY:
		return complexity_rank(x->complexity.norm) - complexity_rank(y->complexity.norm);
	case SORT_TQ:
		return x->tq.value < y->tq.value ? -1 : x->tq.value > y->tq.value;
	case SORT_AUTHOR:
		return cmp_str(x->author.norm, y->author.norm);
	case SORT_STARTED:
		return cmp_str(x->started_at.raw, y->started_at.raw);
	case SORT_DOCS:
		return count_docs(a) - count_docs(b);
	case SORT_PROBLEMS:
		return (int)task_has_problem(b) - (int)task_has_problem(a);
	}
	return 0;
}

/* Whether the sort value is absent: absent values go last either way. */
static bool sort_absent(const struct task *t, enum task_sort key)
{
	const struct meta *m = &t->meta;
	switch (key) {
	case SORT_PO_ID: return !m->po_id.raw;
	case SORT_PLATFORM: return !m->platform.norm;
	case SORT_COMPLEXITY: return !m->complexity.norm;
	case SORT_TQ: return !m->tq.has;
	case SORT_AUTHOR: return !m->author.norm;
	case SORT_STARTED: return !m->started_at.raw;
	default: return false;
	}
}

struct sort_order {
	enum task_sort key;
	bool reverse;
};

static int cmp_ptr(const void *pa, const void *pb, void *arg)
{
	const struct sort_order *o = arg;
	const struct task *a = *(const struct task *const *)pa;
	const struct task *b = *(const struct task *const *)pb;
	bool absent_a = sort_absent(a, o->key), absent_b = sort_absent(b, o->key);
	if (absent_a != absent_b)
		return absent_a ? 1 : -1;
	int c = absent_a ? 0 : cmp_task(a, b, o->key);
	if (o->reverse)
		c = -c;
	return c ? c : strcmp(a->path, b->path);
}

void task_sort(const struct task **v, size_t n, enum task_sort key, bool reverse)
{
	struct sort_order o = { key, reverse };
	qsort_r(v, n, sizeof(*v), cmp_ptr, &o);
}
