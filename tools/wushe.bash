# bash completion for the wushe commands (installed by make install).
#
# Nothing here lists options: they come from the command's own --help,
# which prints the option table of lib/opt.c ("  -x, --name arg  text"),
# so the completion follows the table by construction.  An option's
# argument is completed from the words its description lists ("low,
# medium or high"), from the database for codes (worker, community,
# contract, org, group, intern, kind, category), or as a file name.

# _wushe_opts CMD: "short long arg|-" a line, for every option of CMD.
_wushe_opts() {
	"$1" --help 2>/dev/null | sed '1,/^$/d' | while IFS= read -r l; do
		local head=${l:2:28} s=- n a
		[[ $head == -?,* ]] && s=${head:0:2}
		head=${head#*--}
		read -r n a _ <<< "$head"
		printf '%s --%s %s\n' "$s" "$n" "${a:--}"
	done
}

# _wushe_desc CMD LONG: the description of an option.
_wushe_desc() {
	"$1" --help 2>/dev/null | sed '1,/^$/d' |
	    awk -v o="$2" 'substr($0, 3, 28) ~ ("(^| )" o "( |$)") {
		print substr($0, 32) }'
}

# _wushe_codes WHAT: codes of the directory, read-only, when sqlite3 is
# there and the database exists.
_wushe_codes() {
	local db table col=code
	db=$(wushe-db path -H -f tsv 2>/dev/null | cut -f1)
	[[ -r $db ]] && command -v sqlite3 > /dev/null || return
	case $1 in
	worker|community|contract|org|intern) table=$1 ;;
	group) table=grp ;;
	kind) table=activity col=kind ;;
	category) table=case_category col=category ;;
	*) return ;;
	esac
	sqlite3 -readonly "$db" "SELECT DISTINCT $col FROM $table" 2>/dev/null
}

_wushe() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local cmd=${COMP_WORDS[0]##*/} s n a words
	COMPREPLY=()
	while read -r s n a; do
		[[ $prev == "$s" || $prev == "$n" ]] || continue
		[[ $a == - ]] && break
		case $a in
		file|db|policy) COMPREPLY=($(compgen -f -- "$cur")); return ;;
		esac
		words=$(_wushe_desc "$cmd" "$n" | grep -oE '[a-z_]+(, [a-z_]+)* or [a-z_]+' |
		    head -1 | sed 's/,//g; s/ or / /')
		[[ -z $words ]] && words=$(_wushe_codes "${n#--}")
		COMPREPLY=($(compgen -W "$words" -- "$cur"))
		return
	done < <(_wushe_opts "$cmd")
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(_wushe_opts "$cmd" |
		    awk '{ if ($1 != "-") print $1; print $2 }')" -- "$cur"))
	elif [[ $cmd == wushe-db ]]; then
		COMPREPLY=($(compgen -W "init path load check backup audit" -- "$cur"))
	fi
}

# the commands: make install puts the list of cmd/*.c here
complete -o default -F _wushe @CMDS@
