#!/bin/sh
# po-extract.sh - list every translatable string of wushe as a gettext
# template (issue 14), on standard output:
#   - the labels (ws_tr, _, N_) and the messages: the format strings of
#     the functions that print or keep a message (ws_warn, ws_die,
#     ws_err_set, ws_batch_warnf, ws_yproblem, ws_msgf, and the static
#     problem/report/fmt/say of lib/cases.c, activity.c, visit.c,
#     caseupd.c, ref.c), by xgettext;
#   - the --help description of every option of every command, read
#     from the built commands' --help (the option tables of cmd/*.c and
#     lib/opt.c are initialisers, which xgettext cannot see).
# Usage: sh tools/po-extract.sh [BINDIR] > wushe.pot
# Then:  msgmerge -U po/zh_CN.po wushe.pot, and translate the new entries.
# The labels of lib/vocab.c are not listed: their Chinese is in the table.
# tests/i18n.bats runs it and checks (msgcmp) that po/zh_CN.po has them all.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$top/bin}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$top"
xgettext --from-code=UTF-8 --language=C --no-wrap --sort-output \
    -k_ -kN_ -kws_tr -kws_msg -kws_msgf:1 -kws_warn:1 -kws_die:2 -kws_err_set:4 \
    -kws_batch_warnf:2 -kws_yproblem:5 \
    -kproblem:3 -krefproblem:1 -kfmt:2 -ksay:2 -kerr:3 -kbad:3 \
    -kws_in_fail:3 -kws_in_fail_at:4 -kbad_use:2 \
    --package-name=wushe -o "$tmp/lib.pot" \
    $(ls lib/*.c cmd/*.c | grep -v '^lib/vocab\.c$\|^cmd/volunteer-hours\.c$')
# the files' own message functions (static, named alike)
xgettext --from-code=UTF-8 --language=C --no-wrap -kreport:3 \
    -o "$tmp/act.pot" lib/activity.c
xgettext --from-code=UTF-8 --language=C --no-wrap -kreport:5 \
    -o "$tmp/vis.pot" lib/visit.c
xgettext --from-code=UTF-8 --language=C --no-wrap -k_ -kN_ -kws_tr \
    -kws_msg -kws_msgf:1 -kws_warn:1 -kws_die:2 -kws_err_set:4 -kbad_use:1 \
    -o "$tmp/vh.pot" cmd/volunteer-hours.c
sed -i "s/charset=CHARSET/charset=UTF-8/" "$tmp/lib.pot" "$tmp/act.pot" \
    "$tmp/vis.pot" "$tmp/vh.pot"
msgcat --use-first --no-wrap -o "$tmp/all.pot" "$tmp/lib.pot" \
    "$tmp/act.pot" "$tmp/vis.pot" "$tmp/vh.pot"
# the vocabulary's Chinese is in lib/vocab.c itself; a msgid with no word
# in it ("%s: %s") needs no translation
msggrep --no-wrap -K -e '[A-Za-z][A-Za-z]' -o "$tmp/code.pot" "$tmp/all.pot"

# "  -x, --long arg     description": the description after the column
for c in cmd/*.c; do
	c=${c#cmd/}
	LC_ALL=C LANGUAGE= "$bin/${c%.c}" --help
done | sed -n 's/^  \(-[^ ], \|    \)--[^ ]*\( [^ ]*\)\{0,1\}  *//p' |
    sort -u | awk '
	BEGIN { print "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n" }
	{ gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); printf "#. --help\nmsgid \"%s\"\nmsgstr \"\"\n\n", $0 }
    ' > "$tmp/help.pot"
msgcat --use-first --no-wrap --sort-output "$tmp/code.pot" "$tmp/help.pot"
