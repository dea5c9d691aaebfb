#include "review_save.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "jsonx.h"
#include "lastchange.h"
#include "mem.h"
#include "notes.h"
#include "utf8.h"

static char *config_string(git_config *cfg, const char *key)
{
	git_config_entry *e = NULL;
	if (git_config_get_entry(&e, cfg, key) < 0)
		return NULL;
	char *s = e->value && e->value[0] ? xstrdup(e->value) : NULL;
	git_config_entry_free(e);
	return s;
}

int reviewer_from_config(struct repo *r, struct reviewer *out)
{
	git_config *cfg = NULL;
	memset(out, 0, sizeof(*out));
	if (git_repository_config_snapshot(&cfg, r->git) < 0)
		return err_git(ERR_FAIL, "%s: cannot read the git configuration", r->display);
	out->name = config_string(cfg, "user.name");
	out->email = config_string(cfg, "user.email");
	git_config_free(cfg);
	if (!out->name || !out->email) {
		const char *missing = !out->name && !out->email ? "user.name and user.email are"
				      : !out->name ? "user.name is" : "user.email is";
		reviewer_free(out);
		return err_setc(ERR_USAGE, "git config %s not set: reviews are signed with your git "
				"identity (git config --global user.name \"Your Name\"; "
				"git config --global user.email you@example.org)", missing);
	}
	return 0;
}

void reviewer_free(struct reviewer *w)
{
	free(w->name);
	free(w->email);
	memset(w, 0, sizeof(*w));
}

static bool blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

/* Untrusted text to valid UTF-8 (a title from MODEL_FAILURES.md may not
 * be); control characters stay and are escaped by the JSON encoder. */
static char *valid_utf8(const char *s)
{
	size_t n = strlen(s), out;
	return utf8_valid(s, n) ? xstrdup(s) : utf8_repair(s, n, &out);
}

int review_build(const struct review_draft *d, const struct reviewer *who,
		 const struct review_set *loaded, struct review_record *out)
{
	memset(out, 0, sizeof(*out));
	if (d->has_score && !d->withdraw && (d->score < 0 || d->score > RUBRIC_MAX))
		return err_setc(ERR_USAGE, "a score is 0 to %d, not %d", RUBRIC_MAX, d->score);
	if (!d->has_answers && !d->has_score && !d->withdraw)
		return err_setc(ERR_USAGE, "give the rubric answers or a score");
	int computed = REVIEW_NO_SCORE;
	if (d->has_answers) {
		enum rubric_cat *cats = xcalloc(d->nitems + 1, sizeof(*cats));
		for (size_t i = 0; i < d->nitems; i++) {
			if (d->items[i].cat == RC_UNSET) {
				free(cats);
				return err_setc(ERR_USAGE, "failure item %d has no category (A, B, C or - for "
						"not a fix)", d->items[i].n);
			}
			cats[i] = d->items[i].cat;
		}
		struct rubric_answers a = { d->blockers, cats, d->nitems, d->factors, d->localstack };
		struct rubric_result res;
		rubric_compute(&a, &res);
		free(cats);
		computed = res.score;
	}
	int score = d->withdraw ? REVIEW_NO_SCORE : d->has_score ? d->score : computed;
	bool overridden = !d->withdraw && computed != REVIEW_NO_SCORE && score != computed;
	if (overridden && blank(d->reason))
		return err_setc(ERR_USAGE, "the score %d differs from the computed %d: an override "
				"needs a reason", score, computed);

	out->v = REVIEW_VERSION;
	out->parsed = true;
	out->at = review_now();
	out->id = review_new_id();
	out->task = xstrdup(d->task);
	git_oid_cpy(&out->tree, &d->tree);
	git_oid_cpy(&out->commit, &d->commit);
	out->by_name = valid_utf8(who->name);
	out->by_email = valid_utf8(who->email);
	const struct review_current *mine = loaded ? review_set_mine(loaded, d->task, who->email) : NULL;
	if (mine) {
		out->has_supersedes = true;
		out->supersedes = loaded->v[mine->record].id;
	}
	out->rubric = xstrdup(RUBRIC_ID);
	out->has_answers = d->has_answers;
	if (d->has_answers) {
		out->blockers = d->blockers;
		out->factors = d->factors;
		out->localstack = d->localstack;
		out->items = xcalloc(d->nitems + 1, sizeof(*out->items));
		out->nitems = d->nitems;
		for (size_t i = 0; i < d->nitems; i++) {
			out->items[i].n = d->items[i].n;
			out->items[i].title = valid_utf8(d->items[i].title ? d->items[i].title : "");
			out->items[i].cat = d->items[i].cat;
		}
	}
	out->computed = computed;
	out->score = score;
	out->reason = blank(d->reason) ? NULL : valid_utf8(d->reason);
	out->note = valid_utf8(d->note ? d->note : "");
	out->secs = d->secs;
	out->current = true;
	return 0;
}

/* A signature refuses '<', '>' and newlines in names: drop them there
 * (the record keeps the identity as configured). */
static char *sig_text(const char *s)
{
	char *t = xstrdup(s), *w = t;
	for (const char *p = s; *p; p++)
		if (*p != '<' && *p != '>' && *p != '\n' && *p != '\r')
			*w++ = *p;
	*w = '\0';
	return t;
}

int review_save(struct repo *r, struct review_record *rec, const struct review_save_opts *o,
		struct review_saved *out)
{
	memset(out, 0, sizeof(*out));
	int rc = 0;
	if (o && o->bucket)
		git_oid_cpy(&out->bucket, o->bucket);
	else
		rc = lastchange_find(r, &rec->commit, rec->task, &out->bucket, NULL);
	if (rc == ERR_MISSING || rc == ERR_NOTFOUND) {
		/* the history cannot be read: the task's tree is the bucket */
		git_oid_cpy(&out->bucket, &rec->tree);
		out->on_tree = true;
	} else if (rc < 0) {
		return rc;
	}
	git_oid_cpy(&rec->bucket, &out->bucket);
	free(rec->line);
	rec->line = review_encode(rec);
	rec->len = strlen(rec->line);

	git_signature *sig = NULL;
	char *name = sig_text(rec->by_name[0] ? rec->by_name : rec->by_email);
	char *email = sig_text(rec->by_email);
	rc = git_signature_now(&sig, name, email);
	free(name);
	free(email);
	if (rc < 0)
		return err_git(ERR_USAGE, "cannot sign the review as %s <%s>", rec->by_name, rec->by_email);
	char *message = rec->score == REVIEW_NO_SCORE
		? xasprintf("iacrev: withdraw %s", rec->task)
		: xasprintf("iacrev: score %s %d", rec->task, rec->score);
	struct notes_write_opts wo = {
		REVIEW_REF, message, sig, o && o->lock_timeout_ms ? o->lock_timeout_ms : 5000,
		o ? o->retries : NULL,
	};
	const char *lines[1] = { rec->line };
	rc = notes_add_lines(r->git, &wo, &out->bucket, lines, 1, &out->notes_commit);
	if (rc < 0)
		err_prefix("%s: the review was not saved", rec->task);
	free(message);
	git_signature_free(sig);
	return rc;
}
