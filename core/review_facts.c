#include "review_facts.h"

#include <string.h>
#include <strings.h>

static bool contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (const char *p = hay; p && *p; p++)
		if (strncasecmp(p, needle, n) == 0)
			return true;
	return !*needle;
}

void review_summary_of(const struct review_facts *rf, const struct task *t,
		       struct review_summary *out)
{
	memset(out, 0, sizeof(*out));
	out->my_score = REVIEW_NO_SCORE;
	const struct review_current *first;
	size_t n = rf->set ? review_set_task(rf->set, t->path, &first) : 0;
	for (size_t i = 0; i < n; i++) {
		const struct review_record *r = review_cur_record(rf->set, &first[i]);
		bool stale = !git_oid_equal(&r->tree, &t->tree);
		if (r->score != REVIEW_NO_SCORE) {
			out->reviews++;
			out->stale += stale;
		}
		if (rf->email && strcasecmp(r->by_email, rf->email) == 0) {
			out->mine = true;
			out->my_score = r->score;
			out->my_withdrawn = r->score == REVIEW_NO_SCORE;
			out->my_stale = stale && !out->my_withdrawn;
			out->my_concurrent = first[i].nheads > 1;
		}
	}
}

static bool number(void *payload, const struct task *t, const char *name, double *out)
{
	struct review_summary s;
	review_summary_of(payload, t, &s);
	if (strcmp(name, "score") == 0) {
		*out = s.my_score;
		return s.my_score != REVIEW_NO_SCORE;
	}
	if (strcmp(name, "reviews") == 0) {
		*out = (double)s.reviews;
		return true;
	}
	return false;
}

static bool test(void *payload, const struct task *t, const char *name, const char *arg)
{
	const struct review_facts *rf = payload;
	if (strcmp(name, "reviewed") == 0) {
		struct review_summary s;
		review_summary_of(rf, t, &s);
		bool scored = s.my_score != REVIEW_NO_SCORE;
		if (strcasecmp(arg, "stale") == 0)
			return scored && s.my_stale;
		if (strcasecmp(arg, "no") == 0 || strcmp(arg, "0") == 0)
			return !scored;
		return scored;
	}
	if (strcmp(name, "reviewer") == 0) {
		const struct review_current *first;
		size_t n = rf->set ? review_set_task(rf->set, t->path, &first) : 0;
		for (size_t i = 0; i < n; i++) {
			const struct review_record *r = review_cur_record(rf->set, &first[i]);
			if (r->score != REVIEW_NO_SCORE &&
			    (contains_ci(r->by_name, arg) || contains_ci(r->by_email, arg)))
				return true;
		}
	}
	return false;
}

void review_facts_init(struct review_facts *rf, const struct review_set *set, const char *email)
{
	rf->set = set;
	rf->email = email;
	rf->hooks.number = number;
	rf->hooks.test = test;
	rf->hooks.payload = rf;
}
