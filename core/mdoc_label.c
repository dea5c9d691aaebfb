/* The file a code block stands for: path-like tokens, and the labelling
 * conventions of real answers (corpus-facts.md §2): info string, heading,
 * bold line, code-span line, prose line, comment on the first body line. */
#include "mdoc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "mem.h"

static const char *const aliases[][2] = {
	{ "ts", "typescript" }, { "py", "python" }, { "python3", "python" },
	{ "yml", "yaml" }, { "tf", "hcl" }, { "terraform", "hcl" },
	{ "js", "javascript" }, { "md", "markdown" }, { "txt", "text" },
	{ "plaintext", "text" }, { "plain", "text" }, { "sh", "bash" },
	{ "shell", "bash" }, { "zsh", "bash" }, { "golang", "go" },
};

char *mdoc_lang_norm(const char *info)
{
	const char *p = info;
	while (*p == ' ' || *p == '\t')
		p++;
	size_t n = 0;
	while (p[n] && (isalnum((unsigned char)p[n]) || strchr("_+#-.", p[n])))
		n++;
	while (n && (p[n - 1] == '.' || p[n - 1] == '-'))
		n--; /* "python." */
	char *lang = xstrndup(p, n);
	for (char *c = lang; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcmp(lang, aliases[i][0]) == 0) {
			free(lang);
			return xstrdup(aliases[i][1]);
		}
	return lang;
}

const char *mdoc_label_name(enum mdoc_label label)
{
	switch (label) {
	case MDOC_LABEL_INFO: return "info string";
	case MDOC_LABEL_HEADING: return "heading";
	case MDOC_LABEL_BOLD: return "bold line";
	case MDOC_LABEL_CODESPAN: return "code-span line";
	case MDOC_LABEL_PROSE: return "prose line";
	case MDOC_LABEL_COMMENT: return "comment";
	case MDOC_LABEL_NONE: break;
	}
	return "none";
}

/* Extensions of files that answers show in code blocks. */
static const char *const extensions[] = {
	"ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs", "py", "pyi", "tf", "tfvars",
	"hcl", "json", "jsonc", "json5", "yaml", "yml", "go", "mod", "sum", "java", "kt",
	"kts", "gradle", "scala", "sbt", "cs", "csproj", "fs", "rb", "php", "rs", "c", "h",
	"cc", "cpp", "hpp", "swift", "sh", "bash", "zsh", "ps1", "bat", "sql", "md", "mdx",
	"txt", "toml", "ini", "cfg", "conf", "env", "properties", "xml", "html", "htm",
	"css", "scss", "j2", "jinja", "tpl", "tmpl", "template", "graphql", "gql", "proto",
	"lock", "dockerfile", "csv", "vue", "rego", "sentinel", "pom", "editorconfig",
	"gitignore", "npmrc", "nvmrc", "babelrc", "eslintrc", "prettierrc", "mk", "cfn",
	"asl", "vtl", "pkr", "nomad", "cue", "jsonnet", "libsonnet", "ipynb", "r", "lua",
	"pl", "ex", "exs", "erl", "clj", "dart", "groovy", "vbs", "psm1",
};

/* Names without an extension that are files. */
static const char *const file_names[] = {
	"Dockerfile", "Makefile", "Jenkinsfile", "Procfile", "Gemfile", "Pipfile",
	"Vagrantfile", "Containerfile", "Brewfile", "Rakefile", "Justfile", "Taskfile",
	"CODEOWNERS", ".env", ".gitignore", ".dockerignore", ".npmignore", ".npmrc",
	".nvmrc", ".terraformrc", ".tflint.hcl", "go.mod", "go.sum",
};

/* Names that look like files but name technologies in prose. */
static const char *const not_files[] = {
	"node.js", "next.js", "vue.js", "nuxt.js", "express.js", "react.js", "d3.js",
	"three.js", "chart.js", "ember.js", "angular.js", "backbone.js", "nest.js",
	"deno.js", "bun.js", "socket.js", "asp.net", "vb.net",
};

static bool in_list(const char *const *list, size_t n, const char *s, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(list[i]) == len && strncasecmp(list[i], s, len) == 0)
			return true;
	return false;
}

#define LIST(a) a, sizeof(a) / sizeof((a)[0])

static bool path_char(unsigned char c)
{
	return isalnum(c) || c == '.' || c == '_' || c == '-' || c == '/' || c == '@' ||
	       c == '+' || c == '~';
}

bool mdoc_pathlike(const char *s, size_t n)
{
	if (n == 0 || n > 256)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!path_char((unsigned char)s[i]))
			return false;
	const char *base = s;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '/')
			base = s + i + 1;
	size_t blen = (size_t)(s + n - base);
	if (blen == 0)
		return false; /* a folder */
	if (in_list(LIST(file_names), base, blen))
		return true;
	const char *dot = memrchr(base, '.', blen);
	if (!dot || dot == base)
		return false;
	size_t elen = (size_t)(s + n - dot - 1);
	if (!in_list(LIST(extensions), dot + 1, elen))
		return false;
	if (base == s && in_list(LIST(not_files), s, n))
		return false;
	/* a stem of letters, digits and the usual separators */
	for (const char *c = base; c < dot; c++)
		if (isalnum((unsigned char)*c))
			return true;
	return false;
}

/* Drop leading "./" and surrounding punctuation; NULL when not a path. */
static char *clean_path(const char *s, size_t n)
{
	while (n && strchr("`'\"*([<", s[0])) {
		s++;
		n--;
	}
	while (n && strchr("`'\"*)]>:,;.!?", s[n - 1]))
		n--;
	while (n >= 2 && s[0] == '.' && s[1] == '/') {
		s += 2;
		n -= 2;
	}
	if (!mdoc_pathlike(s, n))
		return NULL;
	return xstrndup(s, n);
}

static void trim(const char **s, size_t *n)
{
	while (*n && isspace((unsigned char)(*s)[0])) {
		(*s)++;
		(*n)--;
	}
	while (*n && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

static bool starts_ci(const char *s, size_t n, const char *word)
{
	size_t w = strlen(word);
	return n >= w && strncasecmp(s, word, w) == 0;
}

/* The extension's language, to prefer "x.ts" for a typescript block. */
static bool ext_matches_lang(const char *path, const char *lang)
{
	const char *dot = strrchr(path, '.');
	if (!dot || !lang || !*lang)
		return false;
	char *norm = mdoc_lang_norm(dot + 1);
	bool same = strcmp(norm, lang) == 0;
	free(norm);
	return same;
}

/* Distinct candidates; pick the only one, or the only one whose extension
 * fits the block's language. */
struct cands {
	char **v;
	size_t n, cap;
};

static void cands_add(struct cands *c, char *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i], p) == 0) {
			free(p);
			return;
		}
	VEC_GROW(c->v, c->n + 1, c->cap);
	c->v[c->n++] = p;
}

static char *cands_pick(struct cands *c, const char *lang)
{
	char *pick = NULL;
	if (c->n == 1) {
		pick = c->v[0];
		c->v[0] = NULL;
	} else if (c->n > 1) {
		size_t fit = 0, which = 0;
		for (size_t i = 0; i < c->n; i++)
			if (ext_matches_lang(c->v[i], lang)) {
				fit++;
				which = i;
			}
		if (fit == 1) {
			pick = c->v[which];
			c->v[which] = NULL;
		}
	}
	for (size_t i = 0; i < c->n; i++)
		free(c->v[i]);
	free(c->v);
	memset(c, 0, sizeof(*c));
	return pick;
}

/* Path-like code spans of a line. */
static void add_code_spans(struct cands *c, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if (s[i] != '`') {
			i++;
			continue;
		}
		size_t ticks = 0;
		while (i + ticks < n && s[i + ticks] == '`')
			ticks++;
		size_t start = i + ticks, j = start;
		size_t close = 0;
		while (j < n) {
			if (s[j] == '`') {
				size_t k = 0;
				while (j + k < n && s[j + k] == '`')
					k++;
				if (k == ticks) {
					close = j;
					break;
				}
				j += k;
			} else {
				j++;
			}
		}
		if (!close)
			return;
		const char *in = s + start;
		size_t len = close - start;
		trim(&in, &len);
		cands_add(c, clean_path(in, len));
		i = close + ticks;
	}
}

/* Whitespace-separated tokens holding a '/' that are paths. */
static void add_slash_tokens(struct cands *c, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		while (i < n && isspace((unsigned char)s[i]))
			i++;
		size_t j = i;
		while (j < n && !isspace((unsigned char)s[j]))
			j++;
		if (j > i && memchr(s + i, '/', j - i) && !memmem(s + i, j - i, "://", 3))
			cands_add(c, clean_path(s + i, j - i));
		i = j;
	}
}

/* Numbering and "File:" words in front of a title. */
static void strip_title_prefix(const char **s, size_t *n)
{
	trim(s, n);
	if (starts_ci(*s, *n, "step ")) {
		*s += 5;
		*n -= 5;
	}
	size_t i = 0;
	if (i < *n && (*s)[i] == '(')
		i++;
	size_t digits = i;
	while (i < *n && (isdigit((unsigned char)(*s)[i]) || ((*s)[i] == '.' && i > digits)))
		i++;
	if (i > digits && i < *n && strchr(".):", (*s)[i]))
		i++;
	if (i > digits && (i == *n || isspace((unsigned char)(*s)[i]) || (*s)[i - 1] == '.')) {
		*s += i;
		*n -= i;
	}
	trim(s, n);
	static const char *const words[] = { "file path", "filepath", "filename", "file name",
					     "file", "path", "location" };
	for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
		size_t wl = strlen(words[w]);
		if (!starts_ci(*s, *n, words[w]) || *n == wl)
			continue;
		char next = (*s)[wl];
		if (next != ':' && next != ' ' && next != '-')
			continue;
		*s += wl;
		*n -= wl;
		trim(s, n);
		while (*n && strchr(":-\xe2\x80\x93\x94", (*s)[0])) {
			(*s)++;
			(*n)--;
		}
		trim(s, n);
		break;
	}
}

/* A title (heading, bold line, code-span line): a path alone or first
 * ("lib/x.ts - networking"), else the only path in code spans, else the
 * only path with a folder. */
static char *label_from_title(const char *s0, size_t n0, const char *lang)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < n0; i++)
		if (s0[i] != '*')
			buf_putc(&b, s0[i]);
	const char *s = b.ptr ? b.ptr : "";
	size_t n = b.len;
	while (n && (s[n - 1] == ':' || isspace((unsigned char)s[n - 1])))
		n--;
	strip_title_prefix(&s, &n);
	char *path = NULL;
	size_t t = 0;
	while (t < n && !isspace((unsigned char)s[t]))
		t++;
	const char *rest = s + t;
	size_t rn = n - t;
	trim(&rest, &rn);
	if (rn == 0 || strchr("(-[:", rest[0]) || starts_ci(rest, rn, "\xe2\x80\x93") ||
	    starts_ci(rest, rn, "\xe2\x80\x94"))
		path = clean_path(s, t);
	if (!path) {
		struct cands c = { 0 };
		add_code_spans(&c, s, n);
		if (!c.n)
			add_slash_tokens(&c, s, n);
		path = cands_pick(&c, lang);
	}
	buf_free(&b);
	return path;
}

static bool is_heading(const char *s, size_t n, const char **text, size_t *tn)
{
	size_t i = 0;
	while (i < n && i < 3 && s[i] == ' ')
		i++;
	size_t h = 0;
	while (i + h < n && s[i + h] == '#')
		h++;
	if (h == 0 || h > 6 || (i + h < n && s[i + h] != ' ' && s[i + h] != '\t'))
		return false;
	const char *t = s + i + h;
	size_t len = n - i - h;
	trim(&t, &len);
	/* the optional closing sequence: " ##" */
	size_t e = len;
	while (e && t[e - 1] == '#')
		e--;
	if (e < len && (e == 0 || t[e - 1] == ' ' || t[e - 1] == '\t'))
		len = e;
	trim(&t, &len);
	*text = t;
	*tn = len;
	return true;
}

static void strip_list_marker(const char **s, size_t *n)
{
	trim(s, n);
	if (*n >= 2 && strchr("-*+", (*s)[0]) && (*s)[1] == ' ' &&
	    !(*n >= 2 && (*s)[0] == '*' && (*s)[1] == '*')) {
		*s += 2;
		*n -= 2;
	} else {
		size_t i = 0;
		while (i < *n && i < 9 && isdigit((unsigned char)(*s)[i]))
			i++;
		if (i && i + 1 < *n && strchr(".)", (*s)[i]) && (*s)[i + 1] == ' ') {
			*s += i + 2;
			*n -= i + 2;
		}
	}
	trim(s, n);
}

/* A line that is one code span, maybe followed by ':'. */
static bool is_code_span_line(const char *s, size_t n)
{
	while (n && (s[n - 1] == ':' || isspace((unsigned char)s[n - 1])))
		n--;
	if (n < 3 || s[0] != '`' || s[n - 1] != '`')
		return false;
	size_t ticks = 0;
	while (ticks < n && s[ticks] == '`')
		ticks++;
	const char *in = memchr(s + ticks, '`', n - ticks);
	return in && (size_t)(s + n - in) == ticks;
}

char *mdoc_label_from_line(const char *line, size_t n, enum mdoc_label *kind, const char *lang)
{
	const char *text;
	size_t tn;
	if (is_heading(line, n, &text, &tn)) {
		*kind = MDOC_LABEL_HEADING;
		return label_from_title(text, tn, lang);
	}
	text = line;
	tn = n;
	strip_list_marker(&text, &tn);
	if (tn >= 2 && ((text[0] == '*' && text[1] == '*') || (text[0] == '_' && text[1] == '_'))) {
		*kind = MDOC_LABEL_BOLD;
		return label_from_title(text, tn, lang);
	}
	if (is_code_span_line(text, tn)) {
		*kind = MDOC_LABEL_CODESPAN;
		return label_from_title(text, tn, lang);
	}
	*kind = MDOC_LABEL_PROSE;
	struct cands c = { 0 };
	add_code_spans(&c, text, tn);
	add_slash_tokens(&c, text, tn);
	return cands_pick(&c, lang);
}

char *mdoc_label_from_info(const char *info)
{
	const char *p = info;
	while (*p == ' ' || *p == '\t')
		p++;
	/* skip the language word */
	while (*p && *p != ' ' && *p != '\t' && *p != ':')
		p++;
	while (*p) {
		while (*p && (*p == ' ' || *p == '\t' || *p == ':' || *p == ','))
			p++;
		const char *t = p;
		while (*p && *p != ' ' && *p != '\t' && *p != ':' && *p != ',')
			p++;
		size_t n = (size_t)(p - t);
		if (n > 6 && strncasecmp(t, "title=", 6) == 0) {
			t += 6;
			n -= 6;
		}
		char *path = clean_path(t, n);
		if (path)
			return path;
	}
	return NULL;
}

char *mdoc_label_from_comment(const char *line, size_t n)
{
	const char *s = line;
	trim(&s, &n);
	static const char *const markers[] = { "<!--", "/*", "//", "--", "#", ";", "\"\"\"",
					       "'''", "%", "rem " };
	bool found = false;
	for (size_t i = 0; i < sizeof(markers) / sizeof(markers[0]); i++) {
		size_t ml = strlen(markers[i]);
		if (!starts_ci(s, n, markers[i]))
			continue;
		if (markers[i][0] == '#' && n > 1 && (s[1] == '!' || s[1] == '#'))
			return NULL; /* a shebang, or a Markdown heading */
		s += ml;
		n -= ml;
		found = true;
		break;
	}
	if (!found)
		return NULL;
	static const char *const closers[] = { "-->", "*/", "\"\"\"", "'''" };
	trim(&s, &n);
	for (size_t i = 0; i < sizeof(closers) / sizeof(closers[0]); i++) {
		size_t cl = strlen(closers[i]);
		if (n >= cl && memcmp(s + n - cl, closers[i], cl) == 0) {
			n -= cl;
			break;
		}
	}
	while (n && (s[0] == '*' || s[0] == '#' || s[0] == '/')) {
		if (s[0] == '/' && n > 1 && s[1] != '/' && s[1] != ' ')
			break; /* "# /etc/x.conf" keeps its slash */
		s++;
		n--;
	}
	trim(&s, &n);
	strip_title_prefix(&s, &n);
	size_t t = 0;
	while (t < n && !isspace((unsigned char)s[t]))
		t++;
	const char *rest = s + t;
	size_t rn = n - t;
	trim(&rest, &rn);
	if (rn && !strchr("(-:[", rest[0]) && !starts_ci(rest, rn, "\xe2\x80\x93") &&
	    !starts_ci(rest, rn, "\xe2\x80\x94"))
		return NULL;
	return clean_path(s, t);
}
