/* Recognising the words of a failure report; see failures_text.h. */
#include "failures_text.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mem.h"
#include "utf8.h"

/* ---- small scanners over [p, e) ---- */

static bool is_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char lower(char c)
{
	return ftext_is_upper(c) ? (char)(c - 'A' + 'a') : c;
}

const char *ftext_skip_ws(const char *p, const char *e)
{
	while (p < e && ftext_is_blank(*p))
		p++;
	return p;
}

const char *ftext_trim_end(const char *p, const char *e)
{
	while (e > p && ftext_is_blank(e[-1]))
		e--;
	return e;
}

/* Case-insensitive: does [p, p+n) equal the word w? */
static bool word_is(const char *p, size_t n, const char *w)
{
	size_t wl = strlen(w);
	if (n != wl)
		return false;
	for (size_t i = 0; i < n; i++)
		if (lower(p[i]) != w[i])
			return false;
	return true;
}

static bool word_in(const char *p, size_t n, const char *const *words)
{
	for (; *words; words++)
		if (word_is(p, n, *words))
			return true;
	return false;
}

/* Case-insensitive: does [p, e) start with w? */
static bool prefix_is(const char *p, const char *e, const char *w)
{
	size_t wl = strlen(w);
	if ((size_t)(e - p) < wl)
		return false;
	for (size_t i = 0; i < wl; i++)
		if (lower(p[i]) != w[i])
			return false;
	return true;
}

/* Case-insensitive substring search in [p, e). */
static const char *find_ci(const char *p, const char *e, const char *needle)
{
	size_t nl = strlen(needle);
	for (; p + nl <= e; p++) {
		size_t i = 0;
		while (i < nl && lower(p[i]) == needle[i])
			i++;
		if (i == nl)
			return p;
	}
	return NULL;
}

/* Pictographs and symbols that decorate headings ("🔴", "❌", "⚠️"). */
static bool is_symbol_cp(uint32_t cp)
{
	return (cp >= 0x2190 && cp <= 0x2BFF) || (cp >= 0x1F000 && cp <= 0x1FAFF) ||
	       cp == 0xFE0F || cp == 0x200D || cp == 0x00A0 || cp == 0x2022 || cp == 0x2014 ||
	       cp == 0x2013;
}

/* Skip blanks, emphasis markers and symbols. */
const char *ftext_skip_decor(const char *p, const char *e)
{
	while (p < e) {
		if (ftext_is_blank(*p) || *p == '*' || *p == '_' || *p == '~') {
			p++;
			continue;
		}
		if ((unsigned char)*p >= 0x80) {
			uint32_t cp;
			size_t k = utf8_decode(p, (size_t)(e - p), &cp);
			if (is_symbol_cp(cp)) {
				p += k;
				continue;
			}
		}
		break;
	}
	return p;
}

/* Separators between a number and its title: ". ) : - — –" and blanks. */
/* An em or en dash at p. */
bool ftext_is_dash(const char *p, const char *e)
{
	return e - p >= 3 && (memcmp(p, "\xE2\x80\x94", 3) == 0 || memcmp(p, "\xE2\x80\x93", 3) == 0);
}

static const char *skip_sep(const char *p, const char *e)
{
	while (p < e) {
		if (ftext_is_blank(*p) || *p == '.' || *p == ')' || *p == ':' || *p == '-' || *p == '|') {
			p++;
		} else if (ftext_is_dash(p, e)) {
			p += 3;
		} else {
			break;
		}
	}
	return p;
}

/* The next ASCII word at or after p; returns its start (NULL at the end)
 * and sets *n. */
static const char *next_word(const char *p, const char *e, size_t *n)
{
	while (p < e && !is_alnum(*p))
		p++;
	if (p >= e)
		return NULL;
	const char *s = p;
	while (p < e && is_alnum(*p))
		p++;
	*n = (size_t)(p - s);
	return s;
}

enum severity severity_parse(const char *w, size_t n)
{
	static const char *const crit[] = { "critical", "crit", "blocker", "severe", "p0", NULL };
	static const char *const high[] = { "high", "major", "p1", NULL };
	static const char *const med[] = { "medium", "moderate", "med", "p2", NULL };
	static const char *const low[] = { "low", "minor", "p3", NULL };
	if (word_in(w, n, crit))
		return SEV_CRITICAL;
	if (word_in(w, n, high))
		return SEV_HIGH;
	if (word_in(w, n, med))
		return SEV_MEDIUM;
	if (word_in(w, n, low))
		return SEV_LOW;
	return SEV_NONE;
}

static const char *const group_nouns[] = {
	"failures", "failure", "issues", "issue", "problems", "problem", "findings", "finding",
	"priority", "impact", "bugs", "bug", "errors", "error", "defects", "defect", "gaps",
	"concerns", "risks", "risk", "violations", "deficiencies", "flaws", "mistakes",
	"severity", "items", NULL,
};

/* Words that follow a severity word in a topic, not a severity. */
static const char *const not_severity_next[] = {
	"availability", "latency", "cost", "costs", "throughput", "traffic", "volume",
	"performance", NULL,
};

/* Nouns that number an item: "Issue 3", "FAULT 1", "Critical Failure #2". */
static const char *const item_nouns[] = {
	"issue", "issues", "failure", "failures", "error", "errors", "fault", "faults", "bug",
	"bugs", "finding", "findings", "problem", "problems", "defect", "gap", "mistake",
	"category", "item", "fix", NULL,
};

/* ---- numbering ---- */

/* Digits with optional ".N" parts: returns the end, or p when none. */
const char *ftext_scan_dotted(const char *p, const char *e, bool *dotted)
{
	const char *q = p;
	int digits = 0;
	while (q < e && ftext_is_digit(*q) && digits < 6) {
		q++;
		digits++;
	}
	if (!digits || (q < e && ftext_is_digit(*q)))
		return p;
	*dotted = false;
	while (q + 1 < e && *q == '.' && ftext_is_digit(q[1])) {
		q++;
		while (q < e && ftext_is_digit(*q))
			q++;
		*dotted = true;
	}
	return q;
}

static bool ends_word(const char *p, const char *e)
{
	return p >= e || !is_alnum(*p);
}

/* "[CRITICAL]" or "(High)" at p: its severity, and *after set. */
static enum severity bracket_severity(const char *p, const char *e, const char **after)
{
	if (p >= e || (*p != '[' && *p != '('))
		return SEV_NONE;
	char close = *p == '[' ? ']' : ')';
	const char *q = p + 1, *c = memchr(q, close, (size_t)(e - q));
	if (!c)
		return SEV_NONE;
	size_t n;
	const char *w = next_word(q, c, &n);
	if (!w)
		return SEV_NONE;
	enum severity s = severity_parse(w, n);
	if (s) {
		/* nothing but severity-ish words inside */
		const char *r = w + n;
		size_t m;
		const char *w2;
		while ((w2 = next_word(r, c, &m)) != NULL) {
			static const char *const ok[] = { "severity", "priority", "impact", "risk", NULL };
			if (!word_in(w2, m, ok))
				return SEV_NONE;
			r = w2 + m;
		}
		*after = c + 1;
	}
	return s;
}

bool ftext_numbering(const char *p, const char *e, struct numbering *nb)
{
	memset(nb, 0, sizeof(*nb));
	const char *q = ftext_skip_decor(p, e);
	const char *after;
	enum severity pre = bracket_severity(q, e, &after);
	if (pre)
		q = ftext_skip_decor(after, e);
	nb->sev = pre;
	const char *num = q, *numend = NULL;
	bool dotted = false;

	const char *d = ftext_scan_dotted(q, e, &dotted);
	if (d > q) {
		/* a range of items under one heading: "3–4.", "3-4." */
		if (!dotted && d < e && (*d == '-' || ftext_is_dash(d, e))) {
			const char *r = *d == '-' ? d + 1 : d + 3; /* an em or en dash is 3 bytes */
			bool dotted2 = false;
			const char *d2 = ftext_scan_dotted(r, e, &dotted2);
			if (d2 > r && !dotted2 && d2 < e && (*d2 == '.' || *d2 == ')'))
				d = d2;
		}
		const char *s = d;
		bool sep = false;
		if (s + 1 < e && s[0] == '\\' && s[1] == '.') {
			s += 2;
			sep = true;
		} else if (s < e && (*s == '.' || *s == ')' || *s == ':')) {
			s++;
			sep = true;
		}
		bool ok;
		if (sep || dotted) {
			ok = s >= e || ftext_is_blank(*s) || *s == '*' || *s == '_';
		} else {
			/* "1 - Title", "1 — Title" */
			const char *w = ftext_skip_ws(s, e);
			ok = w > s && w < e && (*w == '-' || *w == ':' || ftext_is_dash(w, e));
		}
		if (ok) {
			numend = d;
			q = s;
			goto found;
		}
	}
	q = num;
	if (q < e && (*q == '[' || *q == '(' || *q == '#')) {
		char close = *q == '[' ? ']' : *q == '(' ? ')' : 0;
		d = ftext_scan_dotted(q + 1, e, &dotted);
		if (d > q + 1 && (!close || (d < e && *d == close))) {
			num = q + 1;
			numend = d;
			q = close ? d + 1 : d;
			goto found;
		}
	}
	/* "Critical Failure 1:", "Issue #3", "FAULT 2", "Category A" */
	{
		size_t n;
		const char *w = q < e && is_alnum(*q) ? next_word(q, e, &n) : NULL;
		enum severity s = w ? severity_parse(w, n) : SEV_NONE;
		const char *kw = w;
		if (s && w) {
			const char *r = ftext_skip_ws(w + n, e);
			kw = r < e && is_alnum(*r) ? next_word(r, e, &n) : NULL;
		}
		if (kw && word_in(kw, n, item_nouns)) {
			const char *r = ftext_skip_ws(kw + n, e);
			if (r < e && *r == '#')
				r++;
			const char *dd = ftext_scan_dotted(r, e, &dotted);
			if (dd == r && r < e && ftext_is_upper(*r) && ends_word(r + 1, e))
				dd = r + 1;
			if (dd > r && ends_word(dd, e)) {
				num = r;
				numend = dd;
				q = dd;
				if (s)
					nb->sev = s;
				nb->keyword = true;
				goto found;
			}
		}
	}
	/* identifiers: "MF-01", "MF-CRIT-001" */
	{
		const char *r = q;
		while (r < e && (ftext_is_upper(*r) || *r == '-'))
			r++;
		if (r > q && ftext_is_upper(*q) && r[-1] == '-' && r < e && ftext_is_digit(*r)) {
			const char *dd = ftext_scan_dotted(r, e, &dotted);
			if (dd > r && ends_word(dd, e) && (dd >= e || *dd == ':' || ftext_is_blank(*dd))) {
				num = q;
				numend = dd;
				q = dd;
				nb->keyword = true;
				goto found;
			}
		}
	}
	/* a single letter: "a.", "B)" */
	if (q + 2 < e && ((q[0] >= 'a' && q[0] <= 'z') || ftext_is_upper(q[0])) &&
	    (q[1] == '.' || q[1] == ')') && ftext_is_blank(q[2])) {
		num = q;
		numend = q + 1;
		q += 2;
		goto found;
	}
	return false;

found:
	nb->num = num;
	nb->numlen = (size_t)(numend - num);
	/* "**Issue 1**: Title": the bold closed around the number */
	while (q < e && (*q == '*' || *q == '_'))
		q++;
	nb->rest = skip_sep(q, e);
	return true;
}

/* A separator followed by more words: ": Title", " - Title", " — Title". */
static bool title_follows(const char *p, const char *e)
{
	for (const char *q = p; q < e; q++) {
		bool sep = *q == ':' || (*q == '-' && q > p && ftext_is_blank(q[-1])) || ftext_is_dash(q, e);
		if (!sep)
			continue;
		size_t n;
		if (next_word(q + 1, e, &n))
			return true;
	}
	return false;
}

/* "Critical Failures", "High Severity Issues", "Minor Issues and Style
 * Problems", "P1 - High priority": a severity word first, a group noun
 * within the next three words.  *negated for "No Critical Failures". */
enum severity ftext_section(const char *p, const char *e, bool *negated)
{
	size_t n;
	const char *w = next_word(p, e, &n);
	*negated = false;
	bool no = false;
	if (w && word_is(w, n, "no")) {
		no = true;
		w = next_word(w + n, e, &n);
	}
	if (!w)
		return SEV_NONE;
	if (word_is(w, n, "severity") || word_is(w, n, "priority")) {
		const char *w2 = next_word(w + n, e, &n);
		return w2 ? severity_parse(w2, n) : SEV_NONE;
	}
	enum severity s = severity_parse(w, n);
	if (!s)
		return SEV_NONE;
	const char *r = w + n;
	for (int i = 0; i < 3; i++) {
		const char *w2 = next_word(r, e, &n);
		if (!w2)
			return i == 0 && !no ? s : SEV_NONE; /* "## Critical" alone */
		if (i == 0 && word_in(w2, n, not_severity_next))
			return SEV_NONE;
		if (word_in(w2, n, group_nouns)) {
			/* "Critical Failure 1: ..." is an item */
			size_t m;
			const char *w3 = next_word(w2 + n, e, &m);
			if (w3 && ftext_is_digit(*w3) && w3 - (w2 + n) <= 3)
				return SEV_NONE;
			/* "CRITICAL DEPLOYMENT FAILURE - ACM Certificate" is an item */
			if (title_follows(w2 + n, e))
				return SEV_NONE;
			if (no) {
				*negated = true;
				return SEV_NONE;
			}
			return s;
		}
		r = w2 + n;
	}
	return SEV_NONE;
}

/* Parents whose numbered children are not failures. */
bool ftext_excluded_parent(const char *p, const char *e)
{
	static const char *const pats[] = {
		"got right", "did right", "did well", "went well", "done well", "strength",
		"lesson", "recommendation", "positive", "what worked", "correctly implemented",
		"not failures", "not a failure", "best practices applied", "to avoid",
		"root cause analysis", "next steps", "takeaway", "well implemented",
		"good practice", "praise", NULL,
	};
	for (const char *const *s = pats; *s; s++)
		if (find_ci(p, e, *s))
			return true;
	return false;
}

/* "✅", "✓", "✔": a heading that reports success. */
bool ftext_check_mark(const char *p, const char *e)
{
	static const char *const marks[] = { "\xE2\x9C\x85", "\xE2\x9C\x93", "\xE2\x9C\x94", NULL };
	for (const char *const *m = marks; *m; m++)
		if (memmem(p, (size_t)(e - p), *m, 3))
			return true;
	return false;
}

/* Parents of a restarted numbering that hold remedies, not failures:
 * "## The Fixes Applied", "## Testing Improvements", "## Recovery
 * Procedures", "## Operational Impact". */
bool ftext_remedy_parent(const char *p, const char *e)
{
	static const char *const pats[] = {
		"fixes", "fix ", "improvement", "enhancement", "recommended", "prevention",
		"procedure", "strateg", "verification", "steps", "solution", "resolution",
		"mitigation", "impact", "best practice", "tools", "corrected", "correction",
		"testing", "validation", "updated", NULL,
	};
	static const char *const strong[] = {
		"prevention", "procedure", "best practice", "recommended", "verification", NULL,
	};
	for (const char *const *s = strong; *s; s++)
		if (find_ci(p, e, *s))
			return true;
	static const char *const failing[] = {
		"missing", "failure", "failed", "issue", "gap", "error", "problem", "deficien",
		"wrong", "violation", "flaw", "bug", NULL,
	};
	for (const char *const *s = failing; *s; s++)
		if (find_ci(p, e, *s))
			return false;
	for (const char *const *s = pats; *s; s++)
		if (find_ci(p, e, *s))
			return true;
	return false;
}

/* Headings that structure a report rather than name a failure: a first
 * word that opens a report section ("Summary", "Root Cause Analysis"), or
 * nothing but generic words ("Problem", "Fix Applied", "Issues Found"). */
bool ftext_boilerplate(const char *p, const char *e, bool *opening_word)
{
	static const char *const opening[] = {
		"summary", "overview", "introduction", "conclusion", "conclusions", "executive",
		"background", "references", "appendix", "recommendation", "recommendations",
		"recommended", "lessons", "lesson", "training", "scoring", "statistics", "metrics",
		"tldr", "glossary", NULL,
	};
	/* Words that open a report section only when what follows is a
	 * section phrase ("Key Findings", "What Went Wrong", "Next Steps"):
	 * "Key policy does not let SNS use the key" is a failure. */
	static const char *const weak_opening[] = {
		"key", "what", "why", "how", "final", "next", "table", "root", "score", "context",
		NULL,
	};
	static const char *const section_words[] = {
		"findings", "takeaways", "takeaway", "points", "thoughts", "steps", "contents",
		"cause", "causes", "worked", "went", "right", "wrong", "well", "did", "got",
		"verdict", "observations", "differences", "insights", "learnings", "issues",
		"problems", "improvements", "summary", "assessment", "words", "notes", "remarks",
		"this", "matters", "to", "look", "for", "was", "missed", "model", "the", "of",
		"i", "we", "these", "they", "it", "were", "can", "be", "avoided",
		NULL,
	};
	static const char *const generic[] = {
		"problem", "problems", "issue", "issues", "fix", "fixes", "fixed", "solution",
		"solutions", "impact", "description", "details", "example", "examples", "before",
		"after", "code", "current", "expected", "actual", "evidence", "analysis", "result",
		"results", "status", "testing", "tests", "test", "verification", "validation",
		"notes", "note", "files", "file", "changes", "change", "comparison", "assessment",
		"requirements", "outcome", "corrected", "correct", "incorrect", "original", "ideal",
		"model", "response", "applied", "found", "identified", "implementation", "the",
		"of", "and", "resolution", "failures", "failure", "errors", "error", "findings",
		"category", "categories", "observations", "additional", "other", "general",
		"remaining", "required", "summary", "cause", "causes", "remediation", "resolved",
		"approach", "version", "behavior", "behaviour", "explanation", "reason", "reasons",
		"steps", "step", "diff", "output", "logs", "log", "error", "message", "messages",
		"mitigation", "strategies", "strategy", "modes", "mode", NULL,
	};
	const char *q = ftext_skip_decor(p, e);
	size_t n;
	const char *w = next_word(q, e, &n);
	*opening_word = false;
	if (!w)
		return true;
	*opening_word = word_in(w, n, opening);
	if (*opening_word)
		return true;
	if (word_in(w, n, weak_opening)) {
		const char *x = w;
		size_t xn = n;
		bool phrase = true;
		while ((x = next_word(x + xn, e, &xn)) != NULL)
			if (!word_in(x, xn, section_words) && !word_in(x, xn, generic))
				phrase = false;
		if (phrase) {
			*opening_word = true;
			return true;
		}
	}
	do {
		if (!word_in(w, n, generic) && !ftext_is_digit(*w))
			return false;
	} while ((w = next_word(w + n, e, &n)) != NULL);
	return true;
}

/* ---- severity of an item ---- */

/* After "Severity" / "Impact Level" / ... : skip "**", ":" and markup and
 * read the severity word.  `strict`: the word must stand alone ("High -
 * ...", "HIGH", "High."), not open a phrase ("High availability lost"). */
static enum severity field_value(const char *p, const char *e, bool strict)
{
	const char *q = p;
	while (q < e && (*q == '*' || *q == '_'))
		q++;
	q = ftext_skip_ws(q, e);
	if (q >= e || (*q != ':' && *q != '-' && *q != '='))
		return SEV_NONE;
	q++;
	while (q < e && (ftext_is_blank(*q) || *q == '*' || *q == '_' || *q == '`' || *q == '[' || *q == '('))
		q++;
	q = ftext_skip_decor(q, e);
	size_t n;
	const char *w = q < e && is_alnum(*q) ? next_word(q, e, &n) : NULL;
	if (!w)
		return SEV_NONE;
	enum severity s = severity_parse(w, n);
	if (!s || !strict)
		return s;
	const char *r = w + n;
	while (r < e && (*r == '*' || *r == '_' || *r == '`' || *r == ']' || *r == ')'))
		r++;
	r = ftext_skip_ws(r, e);
	if (r >= e || !is_alnum(*r))
		return s;
	size_t m;
	const char *w2 = next_word(r, e, &m);
	static const char *const ok[] = { "severity", "priority", "impact", "risk", NULL };
	return word_in(w2, m, ok) ? s : SEV_NONE;
}

/* A field line: "**Impact Level**: Critical", "- **Severity:** HIGH",
 * "Priority: P1", or an inline "**Severity: High**" anywhere. */
enum severity ftext_field_severity(const char *p, const char *e)
{
	const char *q = ftext_skip_ws(p, e);
	while (q < e && (*q == '>' || ftext_is_blank(*q)))
		q++;
	if (q + 1 < e && (*q == '-' || *q == '*' || *q == '+') && ftext_is_blank(q[1]))
		q = ftext_skip_ws(q + 1, e);
	while (q < e && (*q == '*' || *q == '_'))
		q++;
	static const struct { const char *key; bool strict; } keys[] = {
		{ "impact level", false }, { "severity level", false }, { "risk level", false },
		{ "priority level", false }, { "severity", false }, { "priority", false },
		{ "criticality", false }, { "risk", true }, { "impact", true },
	};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		size_t kl = strlen(keys[i].key);
		if (!prefix_is(q, e, keys[i].key) || !ends_word(q + kl, e))
			continue;
		enum severity s = field_value(q + kl, e, keys[i].strict);
		if (s)
			return s;
	}
	/* "... **Severity: High** ..." anywhere */
	const char *r = p;
	while ((r = find_ci(r, e, "severity")) != NULL) {
		enum severity s = field_value(r + 8, e, false);
		if (s)
			return s;
		r += 8;
	}
	return SEV_NONE;
}

static const char *const failure_nouns[] = {
	"failure", "failures", "issue", "issues", "bug", "error", "problem", "vulnerability",
	"flaw", "gap", "defect", "mistake", "violation", "security", NULL,
};

/* A severity written in a heading: "[CRITICAL]", "(High)", "- High
 * Severity", "CRITICAL SECURITY VULNERABILITY", "Critical: ...", "... — Low". */
enum severity ftext_heading_severity(const char *p, const char *e)
{
	size_t n;
	const char *w;
	const char *r = p;
	bool first = true;
	const char *start = ftext_skip_decor(p, e);
	while ((w = next_word(r, e, &n)) != NULL) {
		enum severity s = severity_parse(w, n);
		const char *after = w + n;
		r = after;
		if (!s) {
			first = false;
			continue;
		}
		bool is_p = lower(w[0]) == 'p' && n == 2;
		/* in brackets */
		const char *b = w;
		while (b > p && (ftext_is_blank(b[-1]) || b[-1] == '*'))
			b--;
		if (b > p && (b[-1] == '[' || b[-1] == '(')) {
			const char *dummy;
			if (bracket_severity(b - 1, e, &dummy))
				return s;
		}
		if (b > p && b[-1] == ':') {
			/* "(Severity: High)" */
			const char *k = b - 1;
			while (k > p && ftext_is_blank(k[-1]))
				k--;
			if (k - p >= 8 && word_is(k - 8, 8, "severity"))
				return s;
		}
		if (is_p)
			continue;
		size_t m;
		const char *w2 = next_word(after, e, &m);
		static const char *const kinds[] = { "severity", "priority", "impact", "risk", NULL };
		if (w2 && word_in(w2, m, kinds) && w2 - after <= 2)
			return s;
		bool caps = true;
		for (size_t i = 0; i < n; i++)
			if (!ftext_is_upper(w[i]))
				caps = false;
		if (caps && n >= 3 && !(w2 && word_is(w2, m, "availability")))
			return s;
		if (first && w >= start && w - start <= 2) {
			const char *x = after;
			while (x < e && (*x == '*' || *x == '_'))
				x++;
			x = ftext_skip_ws(x, e);
			if (x < e && (*x == ':' || ftext_is_dash(x, e) ||
				      (*x == '-' && x + 1 < e && ftext_is_blank(x[1]))))
				return s;
			if (w2 && word_in(w2, m, failure_nouns) && w2 - after <= 2)
				return s;
		}
		/* at the very end, after a separator: "... - Low", "... — CRITICAL" */
		const char *x = after;
		while (x < e && (*x == '*' || *x == '_' || *x == ')' || *x == ']' || ftext_is_blank(*x)))
			x++;
		if (x >= e) {
			const char *y = w;
			while (y > p && (ftext_is_blank(y[-1]) || y[-1] == '*'))
				y--;
			if (y > p && (y[-1] == '-' || y[-1] == ':' || y[-1] == '|' ||
				      (y - p >= 3 && (unsigned char)y[-3] == 0xE2)))
				return s;
		}
		first = false;
	}
	return SEV_NONE;
}

/* Colour circles: red, orange, yellow, green. */
enum severity ftext_emoji_severity(const char *p, const char *e)
{
	static const struct { const char *u; enum severity s; } em[] = {
		{ "\xF0\x9F\x94\xB4", SEV_CRITICAL }, { "\xF0\x9F\x9F\xA0", SEV_HIGH },
		{ "\xF0\x9F\x9F\xA1", SEV_MEDIUM }, { "\xF0\x9F\x9F\xA2", SEV_LOW },
	};
	for (const char *q = p; q + 4 <= e; q++)
		for (size_t i = 0; i < 4; i++)
			if (memcmp(q, em[i].u, 4) == 0)
				return em[i].s;
	return SEV_NONE;
}

/* ---- titles ---- */

/* The start of the separator or pictograph before y ("-", ":", "|", an
 * em or en dash, "❌"), or NULL. */
static const char *separator_before(const char *p, const char *y)
{
	if (y <= p)
		return NULL;
	if (y[-1] == '-' || y[-1] == ':' || y[-1] == '|')
		return y - 1;
	if (y - p >= 3 && ftext_is_dash(y - 3, y))
		return y - 3;
	const char *c = y - 1;
	while (c > p && ((unsigned char)*c & 0xC0) == 0x80 && y - c < 4)
		c--;
	uint32_t cp;
	utf8_decode(c, (size_t)(y - c), &cp);
	return is_symbol_cp(cp) ? c : NULL;
}

/* A severity mark ending the title: "- High Severity", "— CRITICAL",
 * "❌ CRITICAL", ": Low".  Returns where it starts, or NULL. */
static const char *trailing_severity(const char *p, const char *e)
{
	static const char *const kinds[] = { "severity", "priority", "impact", "risk", NULL };
	const char *x = e;
	bool sev = false;
	for (int words = 0; words < 2; words++) {
		const char *we = x;
		while (x > p && is_alnum(x[-1]))
			x--;
		if (x == we)
			return NULL;
		if (severity_parse(x, (size_t)(we - x)))
			sev = true;
		else if (!word_in(x, (size_t)(we - x), kinds))
			return NULL;
		while (x > p && (ftext_is_blank(x[-1]) || x[-1] == '*' || x[-1] == '_'))
			x--;
		const char *sep = separator_before(p, x);
		if (sep && sev)
			return sep;
	}
	return NULL;
}

/* The title shown for an item: markup, numbering and severity marks gone. */
char *ftext_clean_title(const char *p, const char *e)
{
	p = ftext_skip_decor(p, e);
	e = ftext_trim_end(p, e);
	const char *after;
	/* a leading "[CRITICAL]" or "CRITICAL:" */
	for (int round = 0; round < 2; round++) {
		if (bracket_severity(p, e, &after)) {
			p = ftext_skip_decor(after, e);
			p = skip_sep(p, e);
			continue;
		}
		size_t n;
		const char *w = p < e && is_alnum(*p) ? next_word(p, e, &n) : NULL;
		if (w && severity_parse(w, n)) {
			const char *x = w + n;
			while (x < e && (*x == '*' || *x == '_'))
				x++;
			x = ftext_skip_ws(x, e);
			if (x < e && (*x == ':' || ftext_is_dash(x, e) ||
				      (*x == '-' && x + 1 < e && ftext_is_blank(x[1])))) {
				p = ftext_skip_decor(skip_sep(x, e), e);
				continue;
			}
		}
		break;
	}
	/* a trailing "(HIGH)", "[Critical]", "- High Severity", "— CRITICAL" */
	for (int round = 0; round < 2; round++) {
		const char *t = ftext_trim_end(p, e);
		while (t > p && (t[-1] == '*' || t[-1] == '_' || ftext_is_blank(t[-1])))
			t--;
		if (t > p && (t[-1] == ')' || t[-1] == ']')) {
			char open = t[-1] == ')' ? '(' : '[';
			const char *o = t - 1;
			while (o > p && *o != open)
				o--;
			if (*o == open && bracket_severity(o, t, &after) && after == t) {
				e = o;
				continue;
			}
		}
		const char *mark = trailing_severity(p, t);
		if (!mark)
			break;
		e = mark;
	}
	e = ftext_trim_end(p, e);
	while (e > p && (e[-1] == ':' || e[-1] == '-' || ftext_is_blank(e[-1])))
		e--;
	/* drop emphasis markers, unescape "\x" */
	struct buf b = BUF_INIT;
	for (const char *q = p; q < e; q++) {
		if ((*q == '*' || *q == '_') && q + 1 < e && q[1] == *q) {
			q++;
			continue;
		}
		if (*q == '\\' && q + 1 < e && !is_alnum(q[1]) && (unsigned char)q[1] < 0x80) {
			q++;
			buf_putc(&b, *q);
			continue;
		}
		buf_putc(&b, *q);
	}
	/* lone emphasis wrappers: "*Title*" */
	char *t = buf_detach(&b);
	size_t n = strlen(t);
	while (n >= 2 && (t[0] == '*' || t[0] == '_') && t[n - 1] == t[0]) {
		memmove(t, t + 1, n - 2);
		n -= 2;
		t[n] = '\0';
	}
	size_t a = 0;
	while (a < n && ftext_is_blank(t[a]))
		a++;
	while (n > a && ftext_is_blank(t[n - 1]))
		n--;
	memmove(t, t + a, n - a);
	t[n - a] = '\0';
	return t;
}

