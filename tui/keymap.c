#include "keymap.h"

#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"

const char *const keymap_view_names[] = {
	"generic", "tasks", "task", "diff", "document", "failures", "help", "blob",
	"history", "score", "log", "commit", "revdiff", NULL,
};

bool keymap_view_known(const char *name)
{
	for (const char *const *v = keymap_view_names; *v; v++)
		if (strcmp(*v, name) == 0)
			return true;
	return false;
}

static bool same_view(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

void keymap_bind(struct keymap *m, const char *view, const struct keyseq *seq, enum action a)
{
	if (view && strcmp(view, "generic") == 0)
		view = NULL;
	for (size_t i = 0; i < m->n; i++) {
		if (same_view(m->v[i].view, view) && keyseq_equal(&m->v[i].seq, seq)) {
			m->v[i].action = a;
			return;
		}
	}
	VEC_GROW(m->v, m->n + 1, m->cap);
	m->v[m->n++] = (struct binding){ view ? xstrdup(view) : NULL, *seq, a };
}

/* Bind each key of a space-separated list. */
static void bind_keys(struct keymap *m, const char *view, const char *keys, enum action a)
{
	char *copy = xstrdup(keys), *save = NULL;
	for (char *k = strtok_r(copy, " ", &save); k; k = strtok_r(NULL, " ", &save)) {
		struct keyseq seq;
		if (keyseq_parse(k, &seq, NULL) == 0)
			keymap_bind(m, view, &seq, a);
	}
	free(copy);
}

void keymap_init(struct keymap *m)
{
	memset(m, 0, sizeof(*m));
	for (size_t i = 0; i < action_count; i++) {
		const struct action_info *info = &action_table[i];
		if (!info->views) {
			bind_keys(m, NULL, info->keys, info->action);
			continue;
		}
		char *copy = xstrdup(info->views), *save = NULL;
		for (char *v = strtok_r(copy, " ", &save); v; v = strtok_r(NULL, " ", &save))
			bind_keys(m, v, info->keys, info->action);
		free(copy);
	}
}

void keymap_free(struct keymap *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->v[i].view);
	free(m->v);
	memset(m, 0, sizeof(*m));
}

enum keymap_result keymap_lookup(const struct keymap *m, const char *view,
				 const struct keyseq *typed, enum action *out)
{
	*out = ACT_NONE;
	bool prefix = false;
	/* Pass 0: this view's bindings; pass 1: every view's. */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < m->n; i++) {
			const struct binding *b = &m->v[i];
			if (pass == 0 ? !b->view || strcmp(b->view, view) != 0 : b->view != NULL)
				continue;
			if (keyseq_equal(&b->seq, typed)) {
				*out = b->action;
				return b->action == ACT_NONE ? KM_NONE : KM_MATCH;
			}
			if (b->action != ACT_NONE && keyseq_prefix(typed, &b->seq))
				prefix = true;
		}
	}
	return prefix ? KM_PREFIX : KM_NONE;
}

void keymap_keys_for(const struct keymap *m, const char *view, enum action a, struct buf *out)
{
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < m->n; i++) {
			const struct binding *b = &m->v[i];
			if (b->action != a)
				continue;
			if (pass == 0 ? !b->view || strcmp(b->view, view) != 0 : b->view != NULL)
				continue;
			/* A generic binding shadowed by this view's own is not shown. */
			if (pass == 1) {
				enum action got;
				if (keymap_lookup(m, view, &b->seq, &got) != KM_MATCH || got != a)
					continue;
			}
			if (out->len)
				buf_putc(out, ' ');
			keyseq_format(&b->seq, out);
		}
	}
}
