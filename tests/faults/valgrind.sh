#!/bin/sh
# valgrind.sh SUITE.bats... - run bats suites with every wushe binary
# wrapped in valgrind (make valgrind).  A wrapper folder put first in PATH
# holds one script per binary that runs it under memcheck; a leak
# (definite or indirect) or a memory error makes the binary exit 99, which
# fails the test that ran it.  Environment: WUSHE_BIN.
set -eu
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
for b in "$WUSHE_BIN"/*; do
	[ -x "$b" ] || continue
	cat > "$w/${b##*/}" <<-WRAP
	#!/bin/sh
	exec valgrind --leak-check=full --error-exitcode=99 \\
	    --show-leak-kinds=definite,indirect \\
	    --errors-for-leak-kinds=definite,indirect -q "$b" "\$@"
	WRAP
	chmod +x "$w/${b##*/}"
done
PATH="$w:$WUSHE_BIN:$PATH" bats --tap "$@"
