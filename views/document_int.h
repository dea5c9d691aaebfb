/* Internals of the document renderer shared by document.c (blocks),
 * document_inline.c (inlines, wrapping) and document_table.c (tables). */
#ifndef IACREV_VIEWS_DOCUMENT_INT_H
#define IACREV_VIEWS_DOCUMENT_INT_H

#include <cmark.h>
#include <stdbool.h>
#include <stdint.h>

#include "document.h"

/* A container open around the current block. */
enum frame_kind { FR_QUOTE, FR_LIST, FR_ITEM };

struct frame {
	enum frame_kind kind;
	/* FR_LIST */
	bool ordered, tight;
	char delim;            /* '.' or ')' */
	int next_number;
	int level;             /* 0 for an outermost list */
	int marker_cols;       /* columns of this list's item markers */
	/* FR_ITEM */
	char marker[32];       /* "• ", " 9. " */
	bool marker_pending;   /* not printed yet: the item's first line is still to come */
};

/* Where each part of a paragraph's text came from: bytes from `off` on
 * are on source line `line` (a soft or hard break starts a new one). */
struct srcmark {
	uint32_t off;
	int line;
};

/* A paragraph or heading's inline text being collected. */
struct inl {
	struct sline text;
	uint32_t *hard;          /* offsets of hard line breaks */
	size_t nhard, hardcap;
	struct srcmark *marks;
	size_t nmarks, markcap;
	int *styles;             /* the style stack of emphasis, links... */
	size_t nstyles, stylecap;
	uint32_t *link_start;    /* text offset where each open link began */
	size_t nlinks, linkcap;
	int line;                /* the source line being read */
};

struct rctx {
	struct slist *out;
	const struct mdsrc *src;
	int line_base;           /* normalised line = line_base + cmark line */
	size_t width;
	unsigned flags;
	size_t indent_cap;       /* prefixes stop growing at this many columns */
	struct frame *frames;
	size_t depth, cap;
	int list_level;
	size_t quotes;           /* block quotes open */
	bool need_blank;
	int last_ref;            /* the ref of the last line emitted */
	struct inl inl;
};

/* A byte range [a, b) of a line. */
/* ---- document.c ---- */
/* The original line of a libcmark line of the rendered text. */
int doc_ref(const struct rctx *c, int cmark_line);
/* A new output line carrying `ref`, with the container prefixes written;
 * `content` says whether it holds content (pending list markers are then
 * printed) or is a blank separator. */
struct sline *doc_line(struct rctx *c, int ref, bool content);
/* Emit the collected inline text wrapped at the width; `lead` (may be
 * NULL) starts the first line and the following lines hang under it. */
void doc_flush_inline(struct rctx *c, const struct sline *lead);
/* Columns the container prefixes take now. */
size_t doc_prefix_cols(const struct rctx *c);
/* Columns left for content after the prefixes and `lead` more. */
size_t doc_avail(const struct rctx *c, size_t lead);

/* ---- document_inline.c ---- */
void inl_init(struct inl *in);
void inl_free(struct inl *in);
/* Start collecting a new paragraph or heading at source line `line`. */
void inl_begin(struct inl *in, int base_style, int line);
/* Handle one iterator event of an inline node. */
void inl_event(struct inl *in, cmark_event_type ev, cmark_node *node);
/* The source line of text offset `off`. */
int inl_line_at(const struct inl *in, uint32_t off);
/* Render every inline node under `node` into `out` (tables' cells). */
void inl_render_node(cmark_node *node, int base_style, struct sline *out);

/* ---- document_table.c ---- */
/* If the paragraph `node` is (or ends with) a GFM pipe table, render it
 * (with any lines before it as a paragraph) and return true. */
bool doc_table(struct rctx *c, cmark_node *node);

#endif
