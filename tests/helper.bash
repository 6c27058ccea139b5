# helper.bash - shared setup for the bats suites.  Load with:
#   load helper
# Every test gets its own database in $BATS_TEST_TMPDIR, a fixed "today"
# (WUSHE_TODAY) so date defaults are reproducible, and no user policy.

bats_require_minimum_version 1.5.0
bats_load_library bats-support
bats_load_library bats-assert

FIXTURES="$BATS_TEST_DIRNAME/fixtures"
EXAMPLES="$BATS_TEST_DIRNAME/../examples"

setup_env() {
	export WUSHE_DB="$BATS_TEST_TMPDIR/wushe.db"
	export WUSHE_TODAY=2019-06-15
	export XDG_CONFIG_HOME="$BATS_TEST_TMPDIR/config"
	export XDG_DATA_HOME="$BATS_TEST_TMPDIR/data"
	unset WUSHE_POLICY
	export LC_ALL=C.UTF-8
}

# A database with the demo directory loaded.
setup_db() {
	setup_env
	wushe-db init >/dev/null
	wushe-db load "$EXAMPLES/haitang.yaml" >/dev/null
}

# Remember the database's contents; db_unchanged asserts they are the same.
db_snapshot() {
	sqlite3 "$WUSHE_DB" .dump > "$BATS_TEST_TMPDIR/snapshot.sql"
}

db_unchanged() {
	sqlite3 "$WUSHE_DB" .dump > "$BATS_TEST_TMPDIR/now.sql"
	if ! cmp -s "$BATS_TEST_TMPDIR/snapshot.sql" "$BATS_TEST_TMPDIR/now.sql"; then
		diff "$BATS_TEST_TMPDIR/snapshot.sql" "$BATS_TEST_TMPDIR/now.sql" |
		    head -20 >&2
		fail "database changed"
	fi
}

# Query the database: sql "SELECT ..."
sql() {
	sqlite3 "$WUSHE_DB" "$@"
}

# Run SQL in the sqlite3 shell on tables whose triggers call wushe's own
# SQL functions ws_user() and ws_cmd() (the history and audit triggers),
# which the shell lacks: in one transaction those triggers are dropped,
# the SQL is run and the triggers are put back.  Other triggers (the
# append-only and frozen-hours ones) still fire.  Only for fixtures that
# no wushe command can write, and for testing those other triggers.
sql_untracked() {
	local drop make
	drop=$(sqlite3 "$WUSHE_DB" "SELECT group_concat('DROP TRIGGER ' ||
	    name || ';', ' ') FROM sqlite_master WHERE type = 'trigger'
	    AND sql LIKE '%ws_user()%'")
	make=$(sqlite3 "$WUSHE_DB" "SELECT group_concat(sql || ';',
	    char(10)) FROM sqlite_master WHERE type = 'trigger'
	    AND sql LIKE '%ws_user()%'")
	sqlite3 "$WUSHE_DB" "BEGIN; $drop $1; $make COMMIT;"
}

# nobody CMD...: run CMD as the unprivileged user nobody (root ignores file
# modes, and CI runs as root).  The wushe binaries are copied first to a
# folder nobody can reach, since the build folder may sit in a private one
# (a CI clone in a mktemp folder, mode 0700).
nobody() {
	local bin dir rc
	bin=$(dirname "$(command -v wushe-db)")
	dir=$(mktemp -d /tmp/wushe-bin.XXXXXX)
	cp "$bin"/* "$dir"/
	chmod -R a+rX "$dir"
	setpriv --reuid=65534 --regid=65534 --clear-groups \
	    env PATH="$dir:$PATH" "$@"
	rc=$?
	rm -rf "$dir"
	return $rc
}
