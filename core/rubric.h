/* The training-quality rubric, version 1 (docs: rubric.md), computed from a
 * reviewer's answers with every step kept, so that a view can show how the
 * score came about and a record can store both the computed and the final
 * score.  Pure computation: no I/O. */
#ifndef IACREV_RUBRIC_H
#define IACREV_RUBRIC_H

#include <stdbool.h>
#include <stddef.h>

#define RUBRIC_ID "iacrev-rubric-1"
#define RUBRIC_BASE 8
#define RUBRIC_MAX 10
#define RUBRIC_BAR 8   /* the acceptance bar */

/* Step 2: critical blockers, in the order rubric.md lists them. */
enum rubric_blocker {
	RB_PLATFORM,   /* platform or language differs from metadata.json: 3 */
	RB_ACCOUNT,    /* wrong AWS account: 3 */
	RB_SERVICES,   /* half or more of the required services missing: 4 */
	RB_REGION,     /* wrong region (where the prompt names one): 5 */
	RB_COUNT
};

/* Step 3: the category of one failure item. */
enum rubric_cat {
	RC_UNSET,      /* not categorised yet (counts as nothing) */
	RC_A,          /* significant */
	RC_B,          /* moderate */
	RC_C,          /* minor */
	RC_NOFIX,      /* not a fix: a note, a duplicate, a praise */
};

/* Step 4: complexity factors of IDEAL_RESPONSE; the first four are the
 * positive factors in their priority order. */
enum rubric_factor {
	RF_SERVICES,   /* three or more AWS services integrated: +1 */
	RF_SECURITY,   /* security best practice: +1 */
	RF_HA,         /* high availability: +1 */
	RF_PATTERNS,   /* advanced patterns: +1 */
	RF_SINGLE,     /* a single AWS service with basic configuration: -1 */
	RF_COUNT
};

#define RUBRIC_POSITIVE_CAP 2

/* The reviewer's answers.  Sets are bit masks (1u << RB_x, 1u << RF_x). */
struct rubric_answers {
	unsigned blockers;
	const enum rubric_cat *items;  /* one per failure item, in order */
	size_t nitems;
	unsigned factors;
	/* A LocalStack migration task: services MODEL_FAILURES.md documents as
	 * unsupported by LocalStack do not count as missing (RB_SERVICES). */
	bool localstack;
};

/* Step 3's cases. */
enum rubric_case {
	RCASE_BLOCKED,     /* a blocker applied: step 3 skipped */
	RCASE_ONE_A,       /* exactly one A: +1 */
	RCASE_MANY_A,      /* two or more A: +2 */
	RCASE_B,           /* no A, at least one B: 0 */
	RCASE_C_MANY,      /* only C, n >= 6: -2 */
	RCASE_C_SOME,      /* only C, n = 4 or 5: -1 */
	RCASE_C_THREE,     /* only C, n = 3: -3 (minimal change, "D") */
	RCASE_C_FEW,       /* only C, n = 1 or 2: -4 (minimal change) */
	RCASE_NONE,        /* no items that count: -4, with a warning */
};

struct rubric_result {
	int base;                      /* step 1: 8 */
	bool blocked;                  /* step 2 */
	enum rubric_blocker blocker;   /* the lowest blocker that applied */
	int blocker_value;
	unsigned blockers_applied;     /* every blocker that applied */
	/* step 3 */
	size_t count[RC_NOFIX + 1];    /* items per category (RC_UNSET too) */
	enum rubric_case items_case;
	int items_adj;
	/* step 4: which factors counted (a positive factor past the +2 cap,
	 * or any factor under a blocker, is listed as ignored) */
	bool factor_counted[RF_COUNT];
	bool factor_ignored[RF_COUNT];
	int positive_adj;              /* 0..+2 */
	int single_adj;                /* 0 or -1 */
	int complexity_adj;            /* positive_adj + single_adj */
	/* step 5 */
	int raw;                       /* before the clamp */
	int score;                     /* clamp(raw, 0, 10) */
	bool clamped;
	/* warnings */
	bool warn_no_items;            /* MODEL_FAILURES.md lists nothing */
	bool warn_no_fixes;            /* items, but none is a fix */
	size_t uncategorised;          /* items left RC_UNSET */
};

void rubric_compute(const struct rubric_answers *a, struct rubric_result *out);

/* "8 + 2 + 2 = 12 → 10", "blocker: wrong region → 5": the arithmetic in
 * the notation of rubric.md's worked examples.  The caller frees. */
char *rubric_formula(const struct rubric_result *r);

/* One sentence per step, for a view ("step 3: two or more A items: +2").
 * Returns the number of lines; the caller frees each and the array. */
size_t rubric_explain(const struct rubric_answers *a, const struct rubric_result *r,
		      char ***lines);

/* The interpretation band: "excellent", "good (meets the bar)", "fair
 * (below the bar)", "poor", "insufficient".  NULL for a score outside 0-10. */
const char *rubric_band(int score);

/* Names as the CLI and the records spell them. */
const char *rubric_blocker_name(enum rubric_blocker b);   /* "platform" */
const char *rubric_blocker_text(enum rubric_blocker b);   /* "platform or language differs ..." */
int rubric_blocker_value(enum rubric_blocker b);
const char *rubric_factor_name(enum rubric_factor f);     /* "services" */
const char *rubric_factor_text(enum rubric_factor f);
/* -1 when unknown. */
int rubric_blocker_parse(const char *name);
int rubric_factor_parse(const char *name);
/* 'A', 'B', 'C', '-' for not a fix, '?' for unset. */
char rubric_cat_letter(enum rubric_cat c);
/* From 'A'/'a', 'B', 'C', '-'; -1 when unknown. */
int rubric_cat_parse(char c);

/* Whether a task path names a LocalStack migration task: a folder named
 * "ls-..." or containing "localstack" (case ignored). */
bool rubric_is_localstack(const char *path);

#endif
