# SIGTERM, SIGHUP and SIGINT (Ctrl-C) end the workbench cleanly: the
# exit code says which signal, and the terminal is back in its normal
# mode, whether iacrev was idle or in the middle of a prompt.
. "$TESTS_DIR/lib.sh"
. "$TESTS_DIR/e2e/tui.lib"
make_repo
tm_start 80 24

for sig in TERM HUP; do
	tm_run "$IACREV -C repo; echo EXIT=\$?"
	tm_wait '^ Tasks 4/4'
	pid=$(tm_iacrev_pid)
	[ -n "$pid" ] || fail "no iacrev process found"
	kill -s "$sig" "$pid"
	case $sig in TERM) want=143 ;; HUP) want=129 ;; esac
	tm_wait "^EXIT=$want\$"
	tm_expect_sane_tty "after SIG$sig"
done

tm_run "$IACREV -C repo archive/cdk-ts/Pr1; echo EXIT=\$?"
tm_wait '^ Task archive/cdk-ts/Pr1'
tm_keys /
tm_wait '^/$'
tm_keys C-c
tm_wait '^EXIT=130$'
tm_expect_sane_tty "after Ctrl-C"
