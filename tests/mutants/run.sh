#!/bin/sh
# tests/mutants/run.sh [NAME...] - apply each mutant tests/mutants/*.mut
# (the format is in tests/mutants/README) to a scratch copy of the tree,
# build it, run the tests there; print one line per mutant (killed,
# survived, stale, broken) and "N passed, M failed".  Exits 1 when any
# mutant survived, is stale or does not build.  Needs perl (Debian's
# perl-base) and git (to list the tree's files; without git the whole
# folder is copied, build output left out).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
dir=$top/tests/mutants
pass=0
fail=0
names=${*:-${MUTANTS:-}}
if [ -z "$names" ]; then
	names=$(cd "$dir" && ls *.mut 2>/dev/null | sed 's/\.mut$//')
fi
[ -n "$names" ] || { echo "mutants: none in $dir" >&2; exit 1; }
base=$(mktemp -d "${TMPDIR:-/tmp}/wushe-mutants.XXXXXX")
trap '[ -n "${MUTANTS_KEEP:-}" ] || rm -rf "$base"' EXIT

# mutate MUT ROOT [APPLY]: find the one file under ROOT/lib or
# ROOT/schema holding the find text once; print its path (relative), or
# "stale: why" and exit 1.  With APPLY, write the replacement there.
mutate() {
	perl -e '
	use strict; use warnings;
	my ($mut, $root, $apply) = @ARGV;
	open my $fh, "<", $mut or die "$mut: $!\n";
	my (%sec, $cur);
	while (my $l = <$fh>) {
		if ($l =~ /^--- (find|replace|end)\s*$/) { $cur = $1; $sec{$cur} = ""; next }
		next unless defined $cur;
		$sec{$cur} .= $l;
	}
	for my $k ("find", "replace") {
		defined $sec{$k} or do { print "stale: no --- $k section\n"; exit 1 };
		$sec{$k} =~ s/\n\z//;
	}
	my $find = $sec{find};
	length $find or do { print "stale: empty find text\n"; exit 1 };
	my @hits;
	my @files = sort (glob("$root/lib/*"), glob("$root/schema/*"));
	for my $f (@files) {
		next unless -f $f;
		open my $in, "<", $f or die "$f: $!\n";
		local $/; my $t = <$in>; close $in;
		my ($n, $p) = (0, 0);
		while (($p = index($t, $find, $p)) >= 0) { $n++; $p += length $find }
		push @hits, [$f, $n, $t] if $n;
	}
	if (@hits == 0) { print "stale: the find text is in no file under lib/ or schema/\n"; exit 1 }
	if (@hits > 1 || $hits[0][1] > 1) {
		my $w = join ", ", map { (substr $_->[0], length($root) + 1) . " x$_->[1]" } @hits;
		print "stale: the find text occurs more than once ($w)\n"; exit 1;
	}
	my ($f, undef, $t) = @{$hits[0]};
	if ($apply) {
		my $p = index($t, $find);
		substr($t, $p, length $find) = $sec{replace};
		open my $out, ">", $f or die "$f: $!\n";
		print $out $t; close $out or die "$f: $!\n";
	}
	print substr($f, length($root) + 1), "\n";
	' "$@"
}

suites_of() {	# suites_of MUT: the names on its "suites:" line
	sed -n 's/^suites:[	 ]*//p' "$1" | head -n 1
}

copy_tree() {	# copy_tree DEST: the source files, no build output
	mkdir -p "$1"
	if git -C "$top" rev-parse --is-inside-work-tree > /dev/null 2>&1; then
		(cd "$top" && git ls-files -z -co --exclude-standard |
		    xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\n" "$f"; done' sh |
		    tar -cf - -T -) | tar -xf - -C "$1"
	else
		(cd "$top" && tar -cf - --exclude=./obj --exclude=./bin \
		    --exclude=./build-san --exclude=./fuzz --exclude=./locale \
		    --exclude='./tests/mutants/*.log' .) | tar -xf - -C "$1"
	fi
}

for name in $names; do
	mut=$dir/$name.mut
	start=$(date +%s)
	if [ ! -f "$mut" ]; then
		echo "stale $name: no file $mut"
		fail=$((fail + 1))
		continue
	fi
	if ! where=$(mutate "$mut" "$top"); then
		echo "stale $name: ${where#stale: }"
		fail=$((fail + 1))
		continue
	fi
	w=$base/$name
	copy_tree "$w"
	mutate "$mut" "$w" apply > /dev/null
	log=$base/$name.log
	if ! (cd "$w" && make -s -j2) > "$log" 2>&1; then
		echo "broken $name: does not build ($where; log $log)"
		MUTANTS_KEEP=1
		fail=$((fail + 1))
		continue
	fi
	by=
	for s in $(suites_of "$mut"); do
		if ! (cd "$w" && PATH="$w/bin:$PATH" bats --tap "tests/$s.bats") \
		    >> "$log" 2>&1; then
			by="tests/$s.bats: $(grep -m 1 '^not ok' "$log" |
			    sed 's/^not ok [0-9]* *//')"
			break
		fi
	done
	if [ -z "$by" ]; then
		if (cd "$w" && WUSHE_FAILFAST=1 make -s check) >> "$log" 2>&1
		then
			echo "survived $name: make check passes with $where mutated ($(($(date +%s) - start)) s)"
			fail=$((fail + 1))
			rm -rf "$w"
			continue
		fi
		if ! grep -q '^not ok' "$log"; then
			echo "broken $name: make check failed, but no test did ($where; log $log)"
			MUTANTS_KEEP=1
			fail=$((fail + 1))
			rm -rf "$w"
			continue
		fi
		by="make check: $(grep -m 1 '^not ok' "$log" |
		    sed 's/^not ok [0-9]* *-* *//')"
	fi
	echo "killed $name ($where, by $by, $(($(date +%s) - start)) s)"
	pass=$((pass + 1))
	rm -rf "$w"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
