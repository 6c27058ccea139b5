#!/bin/sh
# pg-cluster.sh start DIR | stop DIR - a throwaway PostgreSQL cluster for
# the tests and benchmarks: initdb in DIR/data, the server on a Unix socket
# in DIR only (no TCP), started with pg_ctl; as the user nobody when run as
# root (the server refuses root), so DIR is made theirs.  After start, the
# client environment is: PGHOST=DIR PGUSER=wushe PGDATABASE=city.
# PG_BIN names the server's folder (default: the newest of
# /usr/lib/postgresql/*/bin); exits 2 when initdb is not there.
set -eu
cmd=$1 dir=$2
bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V |
    tail -n 1)}
[ -n "$bin" ] && [ -x "$bin/initdb" ] || { echo "pg-cluster.sh: no initdb (install postgresql)" >&2; exit 2; }
as() {
	if [ "$(id -u)" -eq 0 ]; then
		setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
	else
		"$@"
	fi
}
case $cmd in
start)
	mkdir -p "$dir"
	chmod 0755 "$dir"
	[ "$(id -u)" -ne 0 ] || chown 65534:65534 "$dir"
	as "$bin/initdb" -D "$dir/data" -U wushe -A trust -E UTF8 \
	    --no-locale >"$dir/initdb.log" 2>&1 ||
	    { cat "$dir/initdb.log" >&2; exit 1; }
	as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o \
	    "-c listen_addresses= -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
	    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
	PGHOST=$dir PGUSER=wushe "$bin/createdb" city
	;;
stop)
	[ -d "$dir/data" ] && as "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
	;;
esac
