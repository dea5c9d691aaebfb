/* The help view: the keys of the view below it, then the keys of every
 * view, generated from the action table and the keymap in force (so
 * `bind` lines show), with each action's name for the config file. */
#include <string.h>

#include "../core/buf.h"
#include "../core/mem.h"
#include "view.h"

#define KEY_COL 18
#define NAME_COL 20

struct help_view {
	struct slist lines;
};

static void add_action(struct slist *lines, const char *view, const struct action_info *info)
{
	struct buf keys = BUF_INIT;
	view_action_keys(view, info->action, &keys);
	struct sline *l = slist_push(lines);
	sline_adds(l, S_NORMAL, "  ");
	if (keys.len)
		sline_adds(l, S_KEY, buf_cstr(&keys));
	else
		sline_adds(l, S_DIM, "(no key)");
	sline_adds(l, S_NORMAL, " ");
	sline_pad(l, S_NORMAL, 2 + KEY_COL);
	sline_adds(l, S_DIM, info->name);
	sline_adds(l, S_NORMAL, " ");
	sline_pad(l, S_NORMAL, 2 + KEY_COL + NAME_COL);
	sline_adds(l, S_NORMAL, info->help);
	buf_free(&keys);
}

static void add_text(struct slist *lines, int style, const char *text)
{
	sline_adds(slist_push(lines), style, text);
}

static int help_open(struct view *v, const struct view_args *args)
{
	(void)args;
	struct help_view *p = v->priv;
	const char *target = v->below ? v->below->ops->name : "tasks";
	view_set_title(v, "Help: keys of the %s view", target);

	char *head = xasprintf("Keys of the %s view", target);
	add_text(&p->lines, S_HEADER, head);
	free(head);
	bool any = false;
	for (size_t i = 0; i < action_count; i++) {
		const struct action_info *info = &action_table[i];
		if (info->views && action_in_view(info, target)) {
			add_action(&p->lines, target, info);
			any = true;
		}
	}
	if (!any)
		add_text(&p->lines, S_DIM, "  (none of its own)");
	add_text(&p->lines, S_NORMAL, "");
	add_text(&p->lines, S_HEADER, "Keys of every view");
	for (size_t i = 0; i < action_count; i++)
		if (!action_table[i].views)
			add_action(&p->lines, target, &action_table[i]);
	add_text(&p->lines, S_NORMAL, "");
	add_text(&p->lines, S_HEADER, "Notes");
	add_text(&p->lines, S_NORMAL, "  A count before a key repeats it: 5j moves down five lines.");
	add_text(&p->lines, S_NORMAL, "  / searches with an extended regular expression; all lower case ignores case.");
	add_text(&p->lines, S_NORMAL, "  : runs an action by name, goes to a line number, or applies a config line.");
	add_text(&p->lines, S_NORMAL, "  Config file: $XDG_CONFIG_HOME/iacrev/config (~/.config/iacrev/config):");
	add_text(&p->lines, S_NORMAL, "    bind VIEW KEY ACTION        e.g. bind tasks x view-diff");
	add_text(&p->lines, S_NORMAL, "    color AREA FG BG [ATTR...]  e.g. color cursor black yellow bold");
	return 0;
}

static size_t help_line_count(struct view *v)
{
	return ((struct help_view *)v->priv)->lines.n;
}

static const struct sline *help_line(struct view *v, size_t i)
{
	return &((struct help_view *)v->priv)->lines.v[i];
}

static void help_done(struct view *v)
{
	slist_free(&((struct help_view *)v->priv)->lines);
}

const struct view_ops help_view_ops = {
	.name = "help",
	.flags = VF_SINGLE,
	.private_size = sizeof(struct help_view),
	.open = help_open,
	.line_count = help_line_count,
	.line = help_line,
	.done = help_done,
};
