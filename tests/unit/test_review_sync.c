/* core/review_sync through a bare file remote: first push, union merge,
 * fast-forward, and both ways a push is rejected (another push won the
 * race: GIT_ENONFASTFORWARD; the remote refused the update: a status in
 * push_update_reference), each followed by a new round. */
#include "testlib.h"

#include <fcntl.h>

#include "../../core/notes.h"
#include "../../core/review.h"
#include "../../core/review_sync.h"

static git_signature *sig;

struct site {
	struct fx_repo *fx;
};

static struct fx_repo *clone_of(const char *remote_dir)
{
	struct fx_repo *fx = fx_repo_new(0);
	git_remote *r = NULL;
	assert_int_equal(git_remote_create(&r, fx->git, "origin", remote_dir), 0);
	git_remote_free(r);
	/* the config the remote was added to is read by the repo object */
	repo_free(fx->repo);
	assert_int_equal(repo_open(&fx->repo, fx->dir), 0);
	return fx;
}

static git_oid obj_n(int n)
{
	char s[32];
	snprintf(s, sizeof(s), "task commit %d", n);
	return fx_blob_id(s);
}

static void add(struct fx_repo *fx, int object, const char *line)
{
	struct notes_write_opts o = { REVIEW_REF, "iacrev: test", sig, 5000, NULL };
	git_oid obj = obj_n(object);
	const char *lines[] = { line };
	assert_int_equal(notes_add_lines(fx->repo->git, &o, &obj, lines, 1, NULL), 0);
}

/* Every line of every note of a ref, sorted, joined. */
static char *all_lines(git_repository *g, const char *ref)
{
	git_oid tip;
	if (notes_tip(g, ref, &tip) != 1)
		return xstrdup("");
	struct notes_list l;
	assert_int_equal(notes_list_commit(g, &tip, &l), 0);
	struct buf all = BUF_INIT, out = BUF_INIT;
	for (size_t i = 0; i < l.n; i++) {
		git_blob *b = NULL;
		assert_int_equal(git_blob_lookup(&b, g, &l.v[i].blob), 0);
		buf_put(&all, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b));
		git_blob_free(b);
	}
	const char *texts[] = { all.ptr ? all.ptr : "" };
	size_t lens[] = { all.len };
	notes_canonical(&out, texts, lens, 1);
	char *s = xstrdup(buf_cstr(&out));
	buf_free(&all);
	buf_free(&out);
	notes_list_free(&l);
	return s;
}

static void sync_ok(struct fx_repo *fx, struct sync_report *rep, sync_hook hook, void *payload)
{
	if (review_sync(fx->repo, "origin", rep, hook, payload) < 0)
		fail_msg("sync: %s", err_msg());
}

static void push_merge_fast_forward(void **state)
{
	(void)state;
	struct fx_repo *remote = fx_repo_new(1), *a = clone_of(remote->dir), *b = clone_of(remote->dir);
	struct sync_report rep;
	/* nothing anywhere */
	sync_ok(a, &rep, NULL, NULL);
	assert_false(rep.remote_had_ref);
	assert_false(rep.had_local);
	assert_false(rep.pushed);
	sync_report_free(&rep);
	add(a, 1, "a1");
	sync_ok(a, &rep, NULL, NULL);
	assert_true(rep.pushed);
	assert_int_equal(rep.rounds, 1);
	sync_report_free(&rep);
	add(b, 1, "b1");
	add(b, 2, "b2");
	sync_ok(b, &rep, NULL, NULL);
	assert_int_equal(rep.merge, 2);
	assert_true(rep.pushed);
	sync_report_free(&rep);
	/* the tracking ref holds what was fetched */
	git_oid tracked;
	assert_int_equal(notes_tip(b->repo->git, "refs/notes/remotes/origin/iacrev", &tracked), 1);
	sync_ok(a, &rep, NULL, NULL);
	assert_int_equal(rep.merge, 1); /* fast-forward */
	assert_false(rep.pushed);
	sync_report_free(&rep);
	char *la = all_lines(a->repo->git, REVIEW_REF), *lb = all_lines(b->repo->git, REVIEW_REF),
	     *lr = all_lines(remote->repo->git, REVIEW_REF);
	assert_string_equal(la, "a1\nb1\nb2\n");
	assert_string_equal(lb, la);
	assert_string_equal(lr, la);
	free(la);
	free(lb);
	free(lr);
	fx_repo_free(a);
	fx_repo_free(b);
	fx_repo_free(remote);
}

struct race {
	struct fx_repo *other, *remote;
	int mode;   /* 0: the other clone pushes first; 1: the remote's ref is locked */
	char *lock;
};

static void race_hook(int round, void *payload)
{
	struct race *r = payload;
	if (r->mode == 0 && round == 1) {
		add(r->other, 3, "other wins the race");
		struct sync_report rep;
		sync_ok(r->other, &rep, NULL, NULL);
		assert_true(rep.pushed);
		sync_report_free(&rep);
	} else if (r->mode == 1) {
		if (round == 1) {
			int fd = open(r->lock, O_CREAT | O_EXCL | O_WRONLY, 0644);
			assert_true(fd >= 0);
			close(fd);
		} else {
			assert_int_equal(unlink(r->lock), 0);
		}
	}
}

static void rejected_pushes_retry(void **state)
{
	(void)state;
	for (int mode = 0; mode < 2; mode++) {
		struct fx_repo *remote = fx_repo_new(1), *a = clone_of(remote->dir), *b = clone_of(remote->dir);
		struct sync_report rep;
		add(a, 1, "a1");
		sync_ok(a, &rep, NULL, NULL);
		sync_report_free(&rep);
		add(b, 2, "b1");
		struct race race = { a, remote, mode, xasprintf("%s/refs/notes/iacrev.lock", remote->dir) };
		sync_ok(b, &rep, race_hook, &race);
		assert_int_equal(rep.rounds, 2);
		assert_true(rep.pushed);
		assert_int_equal(rep.rejected_nonff, mode == 0);
		assert_int_equal(rep.rejected_status, mode == 1);
		sync_report_free(&rep);
		char *lr = all_lines(remote->repo->git, REVIEW_REF);
		assert_string_equal(lr, mode == 0 ? "a1\nb1\nother wins the race\n" : "a1\nb1\n");
		free(lr);
		free(race.lock);
		fx_repo_free(a);
		fx_repo_free(b);
		fx_repo_free(remote);
	}
}

static void always_rejected_gives_up(void **state)
{
	(void)state;
	struct fx_repo *remote = fx_repo_new(1), *a = clone_of(remote->dir);
	add(a, 1, "a1");
	char *lock = xasprintf("%s/refs/notes/iacrev.lock", remote->dir);
	char *dir = xasprintf("%s/refs/notes", remote->dir);
	mkdir(dir, 0755);
	free(dir);
	int fd = open(lock, O_CREAT | O_EXCL | O_WRONLY, 0644);
	assert_true(fd >= 0);
	close(fd);
	struct sync_report rep;
	assert_int_equal(review_sync(a->repo, "origin", &rep, NULL, NULL), ERR_RETRY);
	assert_non_null(strstr(err_msg(), "rejected 5 times"));
	sync_report_free(&rep);
	assert_int_equal(review_sync(a->repo, "nope", &rep, NULL, NULL), ERR_NOTFOUND);
	sync_report_free(&rep);
	unlink(lock);
	free(lock);
	fx_repo_free(a);
	fx_repo_free(remote);
}

static int setup(void **state)
{
	fx_setup_global(state);
	return git_signature_new(&sig, "T", "t@example.org", 1751364000, 0);
}

static int teardown(void **state)
{
	git_signature_free(sig);
	return fx_teardown_global(state);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(push_merge_fast_forward),
		cmocka_unit_test(rejected_pushes_retry),
		cmocka_unit_test(always_rejected_gives_up),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
