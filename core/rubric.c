#include "rubric.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "mem.h"

static const struct {
	const char *name, *text;
	int value;
} blockers[RB_COUNT] = {
	[RB_PLATFORM] = { "platform", "platform or language differs from metadata.json", 3 },
	[RB_ACCOUNT] = { "account", "wrong AWS account", 3 },
	[RB_SERVICES] = { "services", "half or more of the required services missing", 4 },
	[RB_REGION] = { "region", "wrong region (where the prompt names one)", 5 },
};

static const struct {
	const char *name, *text;
} factors[RF_COUNT] = {
	[RF_SERVICES] = { "services", "three or more AWS services integrated with each other" },
	[RF_SECURITY] = { "security", "security best practice (KMS, least-privilege IAM, encryption)" },
	[RF_HA] = { "ha", "high availability (multi-AZ, auto scaling, failover)" },
	[RF_PATTERNS] = { "patterns", "advanced patterns (event-driven, serverless, microservices)" },
	[RF_SINGLE] = { "single", "a single AWS service with basic configuration" },
};

const char *rubric_blocker_name(enum rubric_blocker b)
{
	return b < RB_COUNT ? blockers[b].name : "?";
}

const char *rubric_blocker_text(enum rubric_blocker b)
{
	return b < RB_COUNT ? blockers[b].text : "?";
}

int rubric_blocker_value(enum rubric_blocker b)
{
	return b < RB_COUNT ? blockers[b].value : RUBRIC_BASE;
}

const char *rubric_factor_name(enum rubric_factor f)
{
	return f < RF_COUNT ? factors[f].name : "?";
}

const char *rubric_factor_text(enum rubric_factor f)
{
	return f < RF_COUNT ? factors[f].text : "?";
}

int rubric_blocker_parse(const char *name)
{
	for (int i = 0; i < RB_COUNT; i++)
		if (strcasecmp(name, blockers[i].name) == 0)
			return i;
	return -1;
}

int rubric_factor_parse(const char *name)
{
	for (int i = 0; i < RF_COUNT; i++)
		if (strcasecmp(name, factors[i].name) == 0)
			return i;
	return -1;
}

char rubric_cat_letter(enum rubric_cat c)
{
	switch (c) {
	case RC_A: return 'A';
	case RC_B: return 'B';
	case RC_C: return 'C';
	case RC_NOFIX: return '-';
	case RC_UNSET: break;
	}
	return '?';
}

int rubric_cat_parse(char c)
{
	switch (toupper((unsigned char)c)) {
	case 'A': return RC_A;
	case 'B': return RC_B;
	case 'C': return RC_C;
	case '-': return RC_NOFIX;
	}
	return -1;
}

/* Step 3: the adjustment from the categorised items. */
static void items_step(struct rubric_result *r)
{
	size_t a = r->count[RC_A], b = r->count[RC_B], c = r->count[RC_C];
	if (a >= 2) {
		r->items_case = RCASE_MANY_A;
		r->items_adj = 2;
	} else if (a == 1) {
		r->items_case = RCASE_ONE_A;
		r->items_adj = 1;
	} else if (b) {
		r->items_case = RCASE_B;
		r->items_adj = 0;
	} else if (c >= 6) {
		r->items_case = RCASE_C_MANY;
		r->items_adj = -2;
	} else if (c >= 4) {
		r->items_case = RCASE_C_SOME;
		r->items_adj = -1;
	} else if (c == 3) {
		r->items_case = RCASE_C_THREE;
		r->items_adj = -3;
	} else if (c >= 1) {
		r->items_case = RCASE_C_FEW;
		r->items_adj = -4;
	} else {
		/* "no items at all: treat as minimal change": also when every
		 * item is "not a fix" (or none is categorised yet) */
		r->items_case = RCASE_NONE;
		r->items_adj = -4;
	}
}

/* Step 4: positive factors in priority order up to +2; single is apart. */
static void complexity_step(const struct rubric_answers *a, struct rubric_result *r)
{
	for (int f = RF_SERVICES; f <= RF_PATTERNS; f++) {
		if (!(a->factors & (1u << f)))
			continue;
		if (r->positive_adj < RUBRIC_POSITIVE_CAP) {
			r->factor_counted[f] = true;
			r->positive_adj++;
		} else {
			r->factor_ignored[f] = true;
		}
	}
	if (a->factors & (1u << RF_SINGLE)) {
		r->factor_counted[RF_SINGLE] = true;
		r->single_adj = -1;
	}
	r->complexity_adj = r->positive_adj + r->single_adj;
}

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void rubric_compute(const struct rubric_answers *a, struct rubric_result *r)
{
	memset(r, 0, sizeof(*r));
	r->base = RUBRIC_BASE;
	for (size_t i = 0; i < a->nitems; i++) {
		enum rubric_cat c = a->items[i];
		r->count[c <= RC_NOFIX ? c : RC_UNSET]++;
	}
	r->uncategorised = r->count[RC_UNSET];
	r->warn_no_items = a->nitems == 0;
	r->warn_no_fixes = a->nitems > 0 && r->count[RC_UNSET] == 0 &&
			   r->count[RC_A] + r->count[RC_B] + r->count[RC_C] == 0;

	for (int b = 0; b < RB_COUNT; b++) {
		if (!(a->blockers & (1u << b)))
			continue;
		r->blockers_applied |= 1u << b;
		if (!r->blocked || blockers[b].value < r->blocker_value) {
			r->blocked = true;
			r->blocker = (enum rubric_blocker)b;
			r->blocker_value = blockers[b].value;
		}
	}
	if (r->blocked) {
		/* steps 3 and 4 are skipped; step 5 still clamps */
		r->items_case = RCASE_BLOCKED;
		for (int f = 0; f < RF_COUNT; f++)
			r->factor_ignored[f] = (a->factors & (1u << f)) != 0;
		r->raw = r->blocker_value;
	} else {
		items_step(r);
		complexity_step(a, r);
		r->raw = r->base + r->items_adj + r->complexity_adj;
	}
	/* Every term is an integer, so "rounded half up" never changes it. */
	r->score = clamp(r->raw, 0, RUBRIC_MAX);
	r->clamped = r->score != r->raw;
}

static void put_term(struct buf *b, int v)
{
	buf_printf(b, v < 0 ? " - %d" : " + %d", abs(v));
}

char *rubric_formula(const struct rubric_result *r)
{
	struct buf b = BUF_INIT;
	if (r->blocked) {
		buf_printf(&b, "blocker %s = %d", blockers[r->blocker].name, r->blocker_value);
	} else {
		buf_printf(&b, "%d", r->base);
		put_term(&b, r->items_adj);
		if (r->positive_adj || !r->single_adj)
			put_term(&b, r->positive_adj);
		if (r->single_adj)
			put_term(&b, r->single_adj);
		buf_printf(&b, " = %d", r->raw);
	}
	if (r->clamped)
		buf_printf(&b, ", clamped to %d", r->score);
	return buf_detach(&b);
}

static const char *case_text(enum rubric_case c)
{
	switch (c) {
	case RCASE_BLOCKED: return "skipped (a blocker applies)";
	case RCASE_ONE_A: return "exactly one A item: +1 (B and C ignored)";
	case RCASE_MANY_A: return "two or more A items: +2 (B and C ignored)";
	case RCASE_B: return "no A, at least one B: 0";
	case RCASE_C_MANY: return "only C items, 6 or more: -2";
	case RCASE_C_SOME: return "only C items, 4 or 5: -1";
	case RCASE_C_THREE: return "only C items, 3: -3 (minimal change, D)";
	case RCASE_C_FEW: return "only C items, 1 or 2: -4 (minimal change)";
	case RCASE_NONE: return "no items that count: -4 (minimal change)";
	}
	return "?";
}

static void push_line(char ***lines, size_t *n, char *s)
{
	*lines = xreallocarray(*lines, *n + 1, sizeof(char *));
	(*lines)[(*n)++] = s;
}

size_t rubric_explain(const struct rubric_answers *a, const struct rubric_result *r,
		      char ***lines)
{
	size_t n = 0;
	*lines = NULL;
	push_line(lines, &n, xasprintf("step 1: base %d", r->base));
	if (!r->blockers_applied) {
		push_line(lines, &n, xstrdup("step 2: no blocker"));
	} else {
		for (int b = 0; b < RB_COUNT; b++) {
			if (!(r->blockers_applied & (1u << b)))
				continue;
			bool lowest = (enum rubric_blocker)b == r->blocker;
			push_line(lines, &n, xasprintf("step 2: blocker: %s: %d%s", blockers[b].text,
							blockers[b].value, lowest ? "" : " (not the lowest)"));
		}
		if (a->localstack && (r->blockers_applied & (1u << RB_SERVICES)))
			push_line(lines, &n, xstrdup("        LocalStack task: services documented as "
						      "unsupported by LocalStack do not count as missing"));
	}
	push_line(lines, &n, xasprintf("step 3: A %zu, B %zu, C %zu, not a fix %zu: %s",
					r->count[RC_A], r->count[RC_B], r->count[RC_C],
					r->count[RC_NOFIX], case_text(r->items_case)));
	if (r->uncategorised)
		push_line(lines, &n, xasprintf("        %zu item%s not categorised yet", r->uncategorised,
						r->uncategorised == 1 ? "" : "s"));
	if (r->warn_no_items)
		push_line(lines, &n, xstrdup("        warning: MODEL_FAILURES.md lists nothing"));
	else if (r->warn_no_fixes)
		push_line(lines, &n, xstrdup("        warning: no item is a fix"));
	if (!a->factors) {
		push_line(lines, &n, xstrdup(r->blocked ? "step 4: skipped (a blocker applies)"
							: "step 4: no complexity factor: 0"));
	}
	for (int f = 0; f < RF_COUNT; f++) {
		if (!(a->factors & (1u << f)))
			continue;
		const char *how = r->factor_counted[f] ? (f == RF_SINGLE ? "-1" : "+1")
			: r->blocked ? "ignored (a blocker applies)"
			: "ignored (positive factors stop at +2)";
		push_line(lines, &n, xasprintf("step 4: %s: %s", factors[f].text, how));
	}
	char *formula = rubric_formula(r);
	push_line(lines, &n, xasprintf("step 5: %s", formula));
	free(formula);
	return n;
}

const char *rubric_band(int score)
{
	if (score < 0 || score > RUBRIC_MAX)
		return NULL;
	if (score >= 9)
		return "excellent";
	if (score == 8)
		return "good (meets the bar)";
	if (score >= 6)
		return "fair (below the bar)";
	if (score >= 4)
		return "poor";
	return "insufficient";
}

/* The folder names of the corpus: "LS-349095-cfn-json" under
 * "archive-localstack"; "ls-" is matched at the start of a folder name so
 * that "tools-x" is not a LocalStack task. */
bool rubric_is_localstack(const char *path)
{
	const char *p = path;
	while (*p) {
		const char *end = strchr(p, '/');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (n >= 3 && strncasecmp(p, "ls-", 3) == 0)
			return true;
		for (size_t i = 0; i + 10 <= n; i++)
			if (strncasecmp(p + i, "localstack", 10) == 0)
				return true;
		p += n;
		if (*p == '/')
			p++;
	}
	return false;
}
