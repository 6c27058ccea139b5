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
rc=0
PATH="$w:$WUSHE_BIN:$PATH" bats --tap "$@" > "$w/tap" 2>&1 || rc=$?
cat "$w/tap"
p=$(grep -c '^ok ' "$w/tap" || true)
f=$(grep -c '^not ok ' "$w/tap" || true)
if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
	f=1
fi
echo "valgrind: $p passed, $f failed"
[ "$f" -eq 0 ]
