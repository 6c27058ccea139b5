#!/usr/bin/env bats
# faults.bats - the database and the output under faults (issue 6): a full
# disk, a read-only database or folder, a file that is not a wushe
# database, a newer schema, --db on a folder, a closed or full stdout.
# Each: a clear message, the documented exit code, nothing corrupted.

bats_require_minimum_version 1.5.0
load helper

setup() {
	setup_db
	export WUSHE_TODAY=2019-12-31	# the generated cases open up to June
	T=$BATS_TEST_TMPDIR
	awk -v n=3000 -f "$BATS_TEST_DIRNAME/bench/gen-cases.awk" > "$T/cases.tsv"
	sqlite3 "$WUSHE_DB" "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
}

teardown() {
	[ -n "${RO:-}" ] && rm -rf "$RO"
	if mountpoint -q "$BATS_TEST_TMPDIR/mnt" 2> /dev/null; then
		umount "$BATS_TEST_TMPDIR/mnt"
	fi
}

err_has() {
	if [[ "$stderr" != *"$1"* ]]; then
		printf 'stderr was:\n%s\n' "$stderr" >&2
		fail "stderr lacks: $1"
	fi
}

check_ok() {	# wushe-db check: every check "ok", no detail
	run -0 --separate-stderr wushe-db check
	refute_output --partial 'fail'
	# and the tamper checks of issue 11
	assert_output "$(printf 'check\tresult\tdetail\nintegrity\tok\t\nforeign_keys\tok\t\npayments\tok\t\nfunding\tok\t\nworkers\tok\t\nschema\tok\t\naudit_chain\tok\t\naudited_rows\tok\t')"
	assert_equal "$stderr" ''
}

# as_nobody CMD...: run CMD as an unprivileged user (root ignores file
# modes, and CI runs as root), with no policy file.
as_nobody() {
	nobody env XDG_CONFIG_HOME="$RO/none" "$@"
}
# need_root: skip unless root; make $RO, a folder owned by nobody in a
# place nobody can reach, holding a copy of the database, w.db.
need_root() {
	[ "$(id -u)" -eq 0 ] || skip "needs root to switch to an unprivileged user"
	command -v setpriv > /dev/null || skip "no setpriv"
	RO=$(mktemp -d /tmp/wushe-ro.XXXXXX)
	chmod 755 "$RO"
	mkdir "$RO/ro"
	cp "$WUSHE_DB" "$RO/ro/w.db"
	chown -R 65534:65534 "$RO/ro"
	export WUSHE_DB=$RO/ro/w.db
}

@test "faults: a write that hits the file size limit exits 74, nothing changed" {
	db_snapshot
	run -74 --separate-stderr bash -c 'ulimit -f 64; trap "" XFSZ
	    exec case-add < "$1" > /dev/null' sh "$T/cases.tsv"
	err_has 'case-add: database: disk I/O error (files may not grow over 64 KiB here: see ulimit -f)'
	db_unchanged
	check_ok
	# the same intake lands whole once there is room
	run -0 --separate-stderr case-add < "$T/cases.tsv"
	assert_equal "$(sql 'SELECT count(*) FROM cases')" 3000
}

@test "faults: a full disk (a small tmpfs) exits 74, nothing changed" {
	[ "$(id -u)" -eq 0 ] || skip "needs root to mount a tmpfs"
	mkdir "$T/mnt"
	# skip only where mounting is not allowed (a container without
	# CAP_SYS_ADMIN); any other failure to mount is a failure
	if ! err=$(mount -t tmpfs -o size=512k tmpfs "$T/mnt" 2>&1); then
		case $err in
		*"ermission denied"*|*"not permitted"*|*"must be superuser"*)
			skip "cannot mount a tmpfs here: $err" ;;
		*)	fail "mount -t tmpfs: $err" ;;
		esac
	fi
	cp "$WUSHE_DB" "$T/mnt/w.db"
	WUSHE_DB=$T/mnt/w.db db_snapshot
	WUSHE_DB=$T/mnt/w.db run -74 --separate-stderr \
	    bash -c 'case-add < "$1" > /dev/null' sh "$T/cases.tsv"
	WUSHE_DB=$T/mnt/w.db db_unchanged
	err_has 'case-add: database: database or disk is full'
	WUSHE_DB=$T/mnt/w.db check_ok
}

@test "faults: a read-only database: readers work, writers exit 73" {
	need_root
	chmod 400 "$WUSHE_DB"
	db_snapshot
	run -0 --separate-stderr as_nobody case-list
	assert_equal "$stderr" ''
	run -73 --separate-stderr as_nobody case-add --name 甲 --community QH \
	    --category elderly --risk low
	err_has 'case-add: database: attempt to write a readonly database'
	db_unchanged
	check_ok
}

@test "faults: a read-only folder: exit 73 with a message, nothing changed" {
	need_root
	chmod 500 "$RO/ro"
	db_snapshot
	run -73 --separate-stderr as_nobody case-add --name 甲 --community QH \
	    --category elderly --risk low
	err_has "$WUSHE_DB: attempt to write a readonly database"
	# readers need the -shm file too: same message, same exit
	run -73 --separate-stderr as_nobody case-list
	err_has "$WUSHE_DB: attempt to write a readonly database"
	db_unchanged
	chmod 700 "$RO/ro"
	check_ok
}

@test "faults: a database that is not SQLite exits 65, file untouched" {
	printf 'name,phone\n王明,13800000000\n' > "$T/x.db"
	sum=$(sha256sum < "$T/x.db")
	for c in "case-list" "case-add --name 甲 --community QH --category elderly --risk low" \
	    "visit-log --case 1 --minutes 5 --kind phone" "grant-report" "wushe-db check"; do
		run -65 --separate-stderr $c --db "$T/x.db"
		err_has "$T/x.db: not a wushe database"
	done
	assert_equal "$(sha256sum < "$T/x.db")" "$sum"
	[ ! -e "$T/x.db-wal" ]
}

@test "faults: a database from a newer version exits 65, file untouched" {
	sql 'PRAGMA user_version = 99'
	sum=$(sha256sum < "$WUSHE_DB")
	for c in case-list "case-add --name 甲 --community QH --category elderly --risk low" \
	    "wushe-db check"; do
		run -65 --separate-stderr $c
		err_has 'database schema version 99 is newer than this wushe supports'
	done
	assert_equal "$(sql 'PRAGMA user_version')" 99
	assert_equal "$(sha256sum < "$WUSHE_DB")" "$sum"
}

@test "faults: --db pointing at a folder exits 66" {
	mkdir "$T/folder"
	for c in case-list "case-add --name 甲 --community QH --category elderly --risk low"; do
		run -66 --separate-stderr $c --db "$T/folder"
		err_has "$T/folder: is a folder, not a database file"
	done
	assert_equal "$(ls -A "$T/folder")" ''
}

@test "faults: a closed stdout (case-list | head -1) is reported, exit 74" {
	case-add < "$T/cases.tsv" > /dev/null
	# SIGPIPE is ignored (ws_init): the write fails with EPIPE and is
	# reported, where the default would kill case-list silently (141)
	run -0 bash -c 'case-list 2> "$1" | head -1 > /dev/null
	    echo "${PIPESTATUS[0]}" > "$1.rc"' sh "$T/err"
	assert_equal "$(cat "$T/err.rc")" 74
	assert_equal "$(cat "$T/err")" 'case-list: error writing standard output: Broken pipe'
}

@test "faults: a full disk on output (> /dev/full) is reported, exit 74" {
	[ -w /dev/full ] || skip "no /dev/full"
	case-add < "$T/cases.tsv" > /dev/null
	db_snapshot
	for c in case-list "visit-log --list" "grant-report --month 2019-05"; do
		run -74 --separate-stderr bash -c "$c > /dev/full"
		err_has 'error writing standard output: No space left on device'
	done
	db_unchanged
	# a writer commits, then fails to print: the case is kept and exit 74
	# tells the pipeline its output was lost
	run -74 --separate-stderr bash -c \
	    'case-add --name 甲 --community QH --category elderly --risk low > /dev/full'
	err_has 'case-add: error writing standard output: No space left on device'
	assert_equal "$(sql "SELECT count(*) FROM person WHERE name = '甲'")" 1
}
