/* The diff screen: MODEL_RESPONSE.md against IDEAL_RESPONSE.md of one
 * task, through the diff model (core/rdiff) and its renderer (views/diff.c).
 *
 * The lines are blocks: the notices and file list, then one block per
 * file.  Files are diffed one per step, so the list shows at once and the
 * figures fill in.  A key that changes the look (layout, context, wrap,
 * sideways scroll, a new width) re-renders the block under the cursor at
 * once and the others in later steps, so no key waits for the whole diff
 * to be drawn again (the largest real pair is thousands of rows); the
 * cursor and the top line keep their place in their block. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/buf.h"
#include "../core/err.h"
#include "../core/mdoc.h"
#include "../core/mem.h"
#include "../core/rdiff.h"
#include "diff.h"
#include "view.h"

#define MAX_CONTEXT 1000
#define SCROLL_STEP 8
/* Blocks re-rendered in one step (each is one file, up to thousands of
 * rows): one, so that a key never waits behind more than one file. */
#define RENDER_BATCH 1

struct block {
	struct slist lines;
	bool fresh;            /* rendered with the current options */
};

/* A place in the blocks that survives a re-render: block, offset, and the
 * line's ref (file and hunk) to find it again when the block changed. */
struct anchor {
	size_t block, offset;
	intptr_t ref;
	size_t nth;            /* lines with that ref before it in the block */
};

struct diff_view {
	struct task task;
	struct mdoc *model, *ideal;
	struct rdiff *rd;
	struct diff_opts opts;
	unsigned flags;        /* RDIFF_IGNORE_WS */
	bool whole;
	size_t next;           /* the next file to diff */
	bool said_fallback;
	size_t hscroll;        /* sideways, inside the columns (wrap off) */
	/* block 0: notices and file list; block 1 + i: file i */
	struct block *blocks;
	size_t nblocks;
	size_t *starts;        /* the first line of each block; [nblocks] = total */
};

static struct diff_view *dv(struct view *v)
{
	return v->priv;
}

static size_t nfiles(struct diff_view *p)
{
	return p->whole ? 1 : p->rd->nfiles;
}

static struct rdiff_file *file_at(struct diff_view *p, size_t i)
{
	return p->whole ? &p->rd->whole : &p->rd->files[i];
}

static bool computing(struct diff_view *p)
{
	return p->next < nfiles(p);
}

static size_t total(struct diff_view *p)
{
	return p->nblocks ? p->starts[p->nblocks] : 0;
}

static void reindex(struct diff_view *p)
{
	size_t at = 0;
	for (size_t b = 0; b < p->nblocks; b++) {
		p->starts[b] = at;
		at += p->blocks[b].lines.n;
	}
	p->starts[p->nblocks] = at;
}

/* The block holding line i (i < total). */
static size_t block_of(struct diff_view *p, size_t i)
{
	size_t lo = 0, hi = p->nblocks;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (p->starts[mid] <= i)
			lo = mid;
		else
			hi = mid;
	}
	return lo; /* the last block starting at or before i: empty ones never hold i */
}

static struct sline *line_at(struct diff_view *p, size_t i)
{
	size_t b = block_of(p, i);
	return &p->blocks[b].lines.v[i - p->starts[b]];
}

static struct anchor anchor_at(struct diff_view *p, size_t i)
{
	struct anchor a = { 0, 0, 0, 0 };
	if (i >= total(p))
		return a;
	a.block = block_of(p, i);
	a.offset = i - p->starts[a.block];
	const struct slist *lines = &p->blocks[a.block].lines;
	const struct sline *l = &lines->v[a.offset];
	a.ref = l->flags & DIFF_LINE_LIST ? 0 : l->ref;
	for (size_t k = 0; a.ref && k < a.offset; k++)
		a.nth += lines->v[k].ref == a.ref;
	return a;
}

/* The line an anchor points at now; `rerendered` says whether its block
 * changed (then the ref finds the place). */
static size_t resolve(struct diff_view *p, const struct anchor *a, bool rerendered)
{
	const struct slist *l = &p->blocks[a->block].lines;
	size_t off = a->offset;
	if (rerendered && a->ref) {
		/* The same line of the same hunk, as near as the new layout has
		 * it (side by side pairs rows that unified shows apart). */
		size_t seen = 0;
		for (size_t k = 0; k < l->n; k++) {
			if (l->v[k].ref != a->ref)
				continue;
			off = k;
			if (seen++ == a->nth)
				break;
		}
	}
	if (off >= l->n)
		off = l->n ? l->n - 1 : 0;
	size_t i = p->starts[a->block] + off;
	return total(p) && i >= total(p) ? total(p) - 1 : i;
}

static void title(struct view *v)
{
	struct diff_view *p = dv(v);
	view_set_title(v, "Diff %s: MODEL_RESPONSE.md → IDEAL_RESPONSE.md  %s%s%s  context %u%s",
		       task_display_path(&p->task),
		       p->opts.layout == DIFF_SIDE_BY_SIDE ? "side-by-side" : "unified",
		       p->whole ? "  whole document" : "", p->flags & RDIFF_IGNORE_WS ? "  -w" : "",
		       p->opts.context, p->opts.wrap ? "" : "  no wrap");
}

static void render_block(struct view *v, size_t b)
{
	struct diff_view *p = dv(v);
	struct slist *out = &p->blocks[b].lines;
	slist_clear(out);
	p->opts.width = v->width > 0 ? (size_t)v->width : 80;
	p->opts.hscroll = p->hscroll;
	if (b == 0) {
		diff_render_notices(out, p->rd, p->whole);
		diff_render_list(out, p->rd, p->whole, p->opts.width);
	} else {
		struct rdiff_file *f = file_at(p, b - 1);
		if (f->computed) {
			slist_push(out); /* a blank line between files */
			diff_render_file(out, f, b - 1, &p->opts);
			if (p->opts.layout == DIFF_SIDE_BY_SIDE &&
			    diff_layout_for(f, &p->opts) == DIFF_UNIFIED && !p->said_fallback) {
				view_message(v, "too narrow for two columns (%d columns of text a side): "
					     "unified", DIFF_SIDE_MIN_TEXT);
				p->said_fallback = true;
			}
		}
	}
	p->blocks[b].fresh = true;
}

/* Re-render blocks (all stale ones when `which` is SIZE_MAX, up to
 * `batch` of them), keeping the cursor and the top line in place. */
static size_t rerender(struct view *v, size_t which, size_t batch)
{
	struct diff_view *p = dv(v);
	struct anchor cur = anchor_at(p, v->cursor), top = anchor_at(p, v->top);
	size_t done = 0;
	bool cur_changed = false, top_changed = false;
	for (size_t b = 0; b < p->nblocks && done < batch; b++) {
		if (which != SIZE_MAX ? b != which : p->blocks[b].fresh)
			continue;
		render_block(v, b);
		done++;
		cur_changed |= b == cur.block;
		top_changed |= b == top.block;
	}
	reindex(p);
	if (total(p)) {
		v->cursor = resolve(p, &cur, cur_changed);
		v->top = resolve(p, &top, top_changed);
		if (v->top > v->cursor)
			v->top = v->cursor;
	} else {
		v->cursor = v->top = 0;
	}
	view_redraw(v);
	return done;
}

static bool any_stale(struct diff_view *p)
{
	for (size_t b = 0; b < p->nblocks; b++)
		if (!p->blocks[b].fresh)
			return true;
	return false;
}

/* The options changed: the cursor's block and the list now, the rest in
 * steps. */
static void relayout(struct view *v)
{
	struct diff_view *p = dv(v);
	for (size_t b = 0; b < p->nblocks; b++)
		p->blocks[b].fresh = false;
	p->said_fallback = false;
	if (total(p))
		rerender(v, block_of(p, v->cursor), 1);
	rerender(v, 0, 1);
	v->loading = true;
	title(v);
}

static void free_blocks(struct diff_view *p)
{
	for (size_t b = 0; b < p->nblocks; b++)
		slist_free(&p->blocks[b].lines);
	free(p->blocks);
	free(p->starts);
	p->blocks = NULL;
	p->starts = NULL;
	p->nblocks = 0;
}

static void make_blocks(struct diff_view *p)
{
	free_blocks(p);
	p->nblocks = 1 + nfiles(p);
	p->blocks = xcalloc(p->nblocks, sizeof(*p->blocks));
	p->starts = xcalloc(p->nblocks + 1, sizeof(*p->starts));
}

static void release(struct diff_view *p)
{
	free_blocks(p);
	rdiff_free(p->rd);
	mdoc_free(p->model);
	mdoc_free(p->ideal);
	p->rd = NULL;
	p->model = p->ideal = NULL;
	task_free_one(&p->task);
}

static int read_doc(struct view *v, const struct task *t, enum doc_kind kind, struct buf *out)
{
	const struct task_doc *d = task_doc(t, kind);
	if (!d)
		return err_setc(ERR_NOTFOUND, "%s%slib/%s at %s: no such file", t->path,
				t->path[0] ? "/" : "", doc_kind_file(kind), view_commit_short(v));
	char *path = task_doc_path(t, d);
	int rc = repo_read_blob(v->work->repo, &d->blob, path, view_commit_short(v), out);
	free(path);
	return rc;
}

/* Read and pair the two documents of the task at `path` (the diffs
 * themselves come in step()).  On failure nothing changes. */
static int load(struct view *v, const char *path)
{
	struct diff_view *p = dv(v);
	struct task t;
	struct buf mb = BUF_INIT, ib = BUF_INIT;
	struct mdoc *model = NULL, *ideal = NULL;
	int rc = view_load_task(v, path, &t);
	if (rc < 0)
		return rc;
	rc = read_doc(v, &t, DOC_MODEL, &mb);
	if (rc == 0)
		rc = read_doc(v, &t, DOC_IDEAL, &ib);
	if (rc == 0)
		rc = mdoc_parse(&model, mb.ptr ? mb.ptr : "", mb.len);
	if (rc == 0)
		rc = mdoc_parse(&ideal, ib.ptr ? ib.ptr : "", ib.len);
	buf_free(&mb);
	buf_free(&ib);
	if (rc < 0) {
		mdoc_free(model);
		mdoc_free(ideal);
		task_free_one(&t);
		return rc;
	}
	release(p);
	p->task = t;
	p->model = model;
	p->ideal = ideal;
	p->rd = rdiff_new(model, ideal, p->flags);
	p->next = 0;
	p->hscroll = 0;
	make_blocks(p);
	v->cursor = v->top = 0;
	v->loading = true;
	title(v);
	rerender(v, 0, 1);
	return 0;
}

static int diff_open(struct view *v, const struct view_args *args)
{
	struct diff_view *p = dv(v);
	p->opts.layout = args->mode == 1 ? DIFF_SIDE_BY_SIDE : DIFF_UNIFIED;
	p->opts.wrap = true;
	p->opts.context = 3;
	return load(v, args->task);
}

/* Bounded work: re-render a few stale blocks, or diff one file. */
static int diff_step(struct view *v)
{
	struct diff_view *p = dv(v);
	if (any_stale(p)) {
		rerender(v, SIZE_MAX, RENDER_BATCH);
	} else if (computing(p)) {
		size_t i = p->next++;
		int rc = rdiff_compute(p->rd, file_at(p, i));
		if (rc < 0)
			return rc;
		rerender(v, 1 + i, 1);
		rerender(v, 0, 1); /* the list's figures */
	}
	bool more = any_stale(p) || computing(p);
	if (computing(p))
		view_set_progress(v, "diffing %zu/%zu files", p->next, nfiles(p));
	else if (more)
		view_set_progress(v, "drawing");
	else
		view_set_progress(v, NULL);
	return more ? 1 : 0;
}

/* Start again after a change of flags or of the whole-document mode. */
static void recompute(struct view *v)
{
	struct diff_view *p = dv(v);
	rdiff_set_flags(p->rd, p->flags);
	if (p->whole)
		rdiff_file_reset(&p->rd->whole);
	p->next = 0;
	make_blocks(p);
	v->cursor = v->top = 0;
	v->loading = true;
	title(v);
	rerender(v, 0, 1);
}

/* The next (dir > 0) or previous line after the cursor with `flag`. */
static void jump(struct view *v, uint32_t flag, int dir, int count, const char *none)
{
	struct diff_view *p = dv(v);
	size_t n = total(p), at = v->cursor;
	for (int k = 0; k < count; k++) {
		size_t i = at;
		bool found = false;
		while (dir > 0 ? i + 1 < n : i > 0) {
			i = dir > 0 ? i + 1 : i - 1;
			if (line_at(p, i)->flags & flag) {
				found = true;
				break;
			}
		}
		if (!found)
			break;
		at = i;
	}
	if (at == v->cursor) {
		view_message(v, "%s%s", none, computing(p) ? " (still diffing)" : "");
		return;
	}
	view_show_line(v, at);
	v->top = at; /* a file or hunk header at the top, its lines below */
	view_redraw(v);
}

static void open_other(struct view *v, const char *name)
{
	struct view_args args = { task_display_path(&dv(v)->task), NULL, 0, NULL, NULL };
	view_push_named(v, name, &args);
}

static void move_task(struct view *v, int delta)
{
	struct diff_view *p = dv(v);
	const char *next = view_task_neighbor(v, task_display_path(&p->task), delta);
	if (!next) {
		view_error(v, delta > 0 ? "no next task in the list" : "no previous task in the list");
		return;
	}
	char *path = xstrdup(next);
	if (load(v, path) < 0)
		view_error(v, "%s", err_msg());
	free(path);
}

static void scroll_sideways(struct view *v, int dir, int count)
{
	struct diff_view *p = dv(v);
	if (p->opts.wrap) {
		view_message(v, "long lines wrap: Ctrl-w turns wrapping off to scroll sideways");
		return;
	}
	size_t by = (size_t)SCROLL_STEP * (size_t)count;
	if (dir > 0)
		p->hscroll += by;
	else
		p->hscroll = p->hscroll > by ? p->hscroll - by : 0;
	relayout(v);
}

static void enter_file(struct view *v)
{
	struct diff_view *p = dv(v);
	if (v->cursor >= total(p) || !(line_at(p, v->cursor)->flags & DIFF_LINE_LIST))
		return;
	size_t file = DIFF_REF_FILE(line_at(p, v->cursor)->ref);
	if (1 + file >= p->nblocks || !p->blocks[1 + file].lines.n) {
		view_message(v, "that file is still being diffed");
		return;
	}
	size_t at = p->starts[1 + file] + 1; /* past the blank line */
	view_show_line(v, at);
	v->top = at;
}

static enum view_key_result diff_key(struct view *v, enum action a, int count)
{
	struct diff_view *p = dv(v);
	switch (a) {
	case ACT_DIFF_SPLIT:
		p->opts.layout = p->opts.layout == DIFF_UNIFIED ? DIFF_SIDE_BY_SIDE : DIFF_UNIFIED;
		relayout(v);
		return VIEW_KEY_HANDLED;
	case ACT_NEXT_FILE: jump(v, DIFF_LINE_FILE, +1, count, "no next file"); return VIEW_KEY_HANDLED;
	case ACT_PREV_FILE: jump(v, DIFF_LINE_FILE, -1, count, "no previous file"); return VIEW_KEY_HANDLED;
	case ACT_NEXT_CHANGE:
		jump(v, DIFF_LINE_CHANGE, +1, count, "no next change");
		return VIEW_KEY_HANDLED;
	case ACT_PREV_CHANGE:
		jump(v, DIFF_LINE_CHANGE, -1, count, "no previous change");
		return VIEW_KEY_HANDLED;
	case ACT_WHITESPACE:
		p->flags ^= RDIFF_IGNORE_WS;
		view_message(v, "whitespace %s", p->flags & RDIFF_IGNORE_WS ? "ignored" : "shown");
		recompute(v);
		return VIEW_KEY_HANDLED;
	case ACT_WHOLE_DIFF:
		p->whole = !p->whole;
		view_message(v, p->whole ? "whole-document diff" : "file by file");
		recompute(v);
		return VIEW_KEY_HANDLED;
	case ACT_CONTEXT_LESS:
	case ACT_CONTEXT_MORE: {
		unsigned c = p->opts.context, step = (unsigned)count;
		c = a == ACT_CONTEXT_MORE ? (c + step > MAX_CONTEXT ? MAX_CONTEXT : c + step)
					  : (step > c ? 0 : c - step);
		p->opts.context = c;
		view_message(v, "%u lines of context", c);
		relayout(v);
		return VIEW_KEY_HANDLED;
	}
	case ACT_WRAP:
		p->opts.wrap = !p->opts.wrap;
		view_message(v, p->opts.wrap ? "long lines wrap" : "long lines are cut: < and > scroll");
		relayout(v);
		return VIEW_KEY_HANDLED;
	case ACT_SCROLL_LEFT: scroll_sideways(v, -1, count); return VIEW_KEY_HANDLED;
	case ACT_SCROLL_RIGHT: scroll_sideways(v, +1, count); return VIEW_KEY_HANDLED;
	case ACT_ENTER: enter_file(v); return VIEW_KEY_HANDLED;
	case ACT_NEXT_TASK: move_task(v, count); return VIEW_KEY_HANDLED;
	case ACT_PREV_TASK: move_task(v, -count); return VIEW_KEY_HANDLED;
	case ACT_VIEW_FAILURES: open_other(v, "failures"); return VIEW_KEY_HANDLED;
	case ACT_VIEW_HISTORY: open_other(v, "history"); return VIEW_KEY_HANDLED;
	case ACT_VIEW_SCORE: open_other(v, "score"); return VIEW_KEY_HANDLED;
	case ACT_VIEW_PROMPT:
		view_open_doc(v, task_display_path(&p->task), "PROMPT.md");
		return VIEW_KEY_HANDLED;
	default:
		return VIEW_KEY_UNHANDLED;
	}
}

static size_t diff_line_count(struct view *v)
{
	return total(dv(v));
}

static const struct sline *diff_line(struct view *v, size_t i)
{
	return line_at(dv(v), i);
}

static void diff_resize(struct view *v)
{
	if (dv(v)->rd)
		relayout(v);
}

static void diff_done(struct view *v)
{
	release(dv(v));
}

const struct view_ops diff_view_ops = {
	.name = "diff",
	.flags = VF_CURSOR,
	.private_size = sizeof(struct diff_view),
	.open = diff_open,
	.step = diff_step,
	.key = diff_key,
	.line_count = diff_line_count,
	.line = diff_line,
	.resize = diff_resize,
	.done = diff_done,
};

