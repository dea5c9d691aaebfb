#include "review_sync.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "mem.h"
#include "notes.h"
#include "review.h"

/* Debian's libgit2 1.5.1 leaks pcre2 match data on every regex match its
 * remote code makes (insteadOf, refspecs): about 20 KB per remote opened,
 * nothing iacrev can free.  LeakSanitizer reads this hook, when built
 * with it, so that the ASan test runs still catch iacrev's own leaks. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libpcre2-8.so\n";
}

const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
	return "print_suppressions=0";
}

void sync_report_free(struct sync_report *rep)
{
	free(rep->warning);
	memset(rep, 0, sizeof(*rep));
}

static int credentials(git_credential **out, const char *url, const char *username,
		       unsigned int allowed, void *payload)
{
	(void)url;
	(void)payload;
	if ((allowed & GIT_CREDENTIAL_SSH_KEY) && username)
		return git_credential_ssh_key_from_agent(out, username);
	if (allowed & GIT_CREDENTIAL_USERNAME)
		return git_credential_username_new(out, username ? username : "git");
	return GIT_PASSTHROUGH;
}

/* A refspec in remote.<name>.fetch that force-updates refs/notes/iacrev
 * would replace the local reviews with the remote's on a plain git fetch. */
static char *forced_refspec_warning(git_remote *remote, const char *name)
{
	size_t n = git_remote_refspec_count(remote);
	for (size_t i = 0; i < n; i++) {
		const git_refspec *rs = git_remote_get_refspec(remote, i);
		if (git_refspec_direction(rs) == GIT_DIRECTION_FETCH && git_refspec_force(rs) &&
		    git_refspec_dst_matches(rs, REVIEW_REF))
			return xasprintf("remote.%s.fetch has '%s': a plain git fetch replaces your %s "
					 "with the remote's (iacrev sync never does; remove that refspec)",
					 name, git_refspec_string(rs), REVIEW_REF);
	}
	return NULL;
}

struct push_status {
	char *rejected;          /* the server's reason, or NULL */
};

static int on_push_update(const char *refname, const char *status, void *data)
{
	struct push_status *ps = data;
	if (status && !ps->rejected)
		ps->rejected = xasprintf("%s: %s", refname, status);
	return 0;
}

/* Fetch the remote's notes into the tracking ref.  *has: the remote has them. */
static int fetch(git_remote *remote, const char *name, const char *tracking, bool *has,
		 git_oid *remote_tip)
{
	git_remote_callbacks cb;
	git_remote_init_callbacks(&cb, GIT_REMOTE_CALLBACKS_VERSION);
	cb.credentials = credentials;
	*has = false;
	if (git_remote_connect(remote, GIT_DIRECTION_FETCH, &cb, NULL, NULL) < 0)
		return err_git(ERR_FAIL, "cannot reach remote '%s' (%s)", name, git_remote_url(remote));
	const git_remote_head **heads;
	size_t n;
	int rc = 0;
	if (git_remote_ls(&heads, &n, remote) < 0) {
		rc = err_git(ERR_FAIL, "remote '%s': cannot list its refs", name);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (strcmp(heads[i]->name, REVIEW_REF) == 0) {
			*has = true;
			git_oid_cpy(remote_tip, &heads[i]->oid);
		}
	}
	if (!*has)
		goto out;
	char *spec = xasprintf("+%s:%s", REVIEW_REF, tracking);
	char *specs[1] = { spec };
	git_strarray refspecs = { specs, 1 };
	git_fetch_options fo;
	git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
	fo.callbacks = cb;
	fo.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
	fo.prune = GIT_FETCH_NO_PRUNE;
	if (git_remote_download(remote, &refspecs, &fo) < 0 ||
	    git_remote_update_tips(remote, &cb, 0, GIT_REMOTE_DOWNLOAD_TAGS_NONE,
				   "iacrev sync: fetch") < 0)
		rc = err_git(ERR_FAIL, "cannot fetch %s from remote '%s'", REVIEW_REF, name);
	free(spec);
out:
	git_remote_disconnect(remote);
	return rc;
}

/* Push our notes; 1 when refused as not fast-forward, 2 when the remote
 * refused the update. */
static int push(git_remote *remote, const char *name)
{
	git_push_options po;
	git_push_options_init(&po, GIT_PUSH_OPTIONS_VERSION);
	po.callbacks.credentials = credentials;
	struct push_status ps = { NULL };
	po.callbacks.push_update_reference = on_push_update;
	po.callbacks.payload = &ps;
	char *spec = xasprintf("%s:%s", REVIEW_REF, REVIEW_REF); /* never "+": never forced */
	char *specs[1] = { spec };
	git_strarray refspecs = { specs, 1 };
	int rc = git_remote_push(remote, &refspecs, &po);
	free(spec);
	if (rc == GIT_ENONFASTFORWARD || (rc == 0 && ps.rejected)) {
		free(ps.rejected);
		return rc == GIT_ENONFASTFORWARD ? 1 : 2;
	}
	if (rc < 0) {
		free(ps.rejected);
		return err_git(ERR_FAIL, "cannot push %s to remote '%s'", REVIEW_REF, name);
	}
	return 0;
}

int review_sync(struct repo *r, const char *name, struct sync_report *out, sync_hook hook,
		void *payload)
{
	memset(out, 0, sizeof(*out));
	out->merge = -1;
	git_remote *remote = NULL;
	if (git_remote_lookup(&remote, r->git, name) < 0)
		return err_git(ERR_NOTFOUND, "no remote '%s' (git remote -v lists them)", name);
	out->warning = forced_refspec_warning(remote, name);
	char *tracking = xasprintf("refs/notes/remotes/%s/iacrev", name);
	git_signature *sig = NULL;
	if (git_signature_default(&sig, r->git) < 0 &&
	    git_signature_now(&sig, "iacrev", "iacrev@localhost") < 0) {
		free(tracking);
		git_remote_free(remote);
		return err_git(ERR_FAIL, "cannot make a signature for the merge commit");
	}
	char *message = xasprintf("iacrev: sync with %s", name);
	struct notes_write_opts wo = { REVIEW_REF, message, sig, 5000, NULL };
	int rc = 0;
	for (out->rounds = 1; out->rounds <= SYNC_ROUNDS; out->rounds++) {
		git_oid tracked;
		if ((rc = fetch(remote, name, tracking, &out->remote_had_ref, &out->remote_tip)) < 0)
			break;
		if (out->remote_had_ref) {
			if ((rc = notes_tip(r->git, tracking, &tracked)) < 0)
				break;
			if (rc == 0) {
				rc = err_setc(ERR_FAIL, "%s was fetched but is not there", tracking);
				break;
			}
			if ((rc = notes_merge(r->git, &wo, &tracked, &out->merge, &out->tip)) < 0) {
				err_prefix("merging the reviews of '%s'", name);
				break;
			}
		}
		if (hook)
			hook(out->rounds, payload);
		git_oid local;
		int has = notes_tip(r->git, REVIEW_REF, &local);
		if ((rc = has) < 0)
			break;
		out->had_local = has;
		if (!has || (out->remote_had_ref && git_oid_equal(&local, &out->remote_tip))) {
			if (has)
				git_oid_cpy(&out->tip, &local);
			rc = 0;
			break; /* nothing to push */
		}
		git_oid_cpy(&out->tip, &local);
		rc = push(remote, name);
		if (rc < 0)
			break;
		if (rc == 0) {
			out->pushed = true;
			break;
		}
		if (rc == 1)
			out->rejected_nonff++;
		else
			out->rejected_status++;
		rc = 0; /* rejected: someone pushed in between; fetch and merge again */
	}
	if (rc == 0 && out->rounds > SYNC_ROUNDS)
		rc = err_setc(ERR_RETRY, "the push to '%s' was rejected %d times (others are pushing): "
			      "try again", name, SYNC_ROUNDS);
	free(message);
	git_signature_free(sig);
	free(tracking);
	git_remote_free(remote);
	return rc;
}
