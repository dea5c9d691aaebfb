/* The keymap: key sequences to actions, per view, generated from the
 * action table (views/actions.h) and changed by `bind` lines.  A binding
 * for a view shadows a binding of the same keys for every view. */
#ifndef IACREV_TUI_KEYMAP_H
#define IACREV_TUI_KEYMAP_H

#include <stddef.h>

#include "../core/buf.h"
#include "../views/actions.h"
#include "keys.h"

struct binding {
	char *view;            /* NULL: every view */
	struct keyseq seq;
	enum action action;    /* ACT_NONE: unbound (shadows a wider binding) */
};

struct keymap {
	struct binding *v;
	size_t n, cap;
};

enum keymap_result { KM_NONE, KM_PREFIX, KM_MATCH };

/* The default bindings from the action table. */
void keymap_init(struct keymap *m);
void keymap_free(struct keymap *m);
/* Bind (replacing the binding of the same view and keys). */
void keymap_bind(struct keymap *m, const char *view, const struct keyseq *seq, enum action a);
/* Look the keys typed so far up for view `view`. */
enum keymap_result keymap_lookup(const struct keymap *m, const char *view,
				 const struct keyseq *typed, enum action *out);
/* The keys bound to `a` in `view`, as "j Down Ctrl-n" (empty when none). */
void keymap_keys_for(const struct keymap *m, const char *view, enum action a, struct buf *out);

/* The names of the views a `bind` line may name ("generic" is every view). */
extern const char *const keymap_view_names[];
bool keymap_view_known(const char *name);

#endif
