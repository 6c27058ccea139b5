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
# ROOT/schema holding the find text once (of the first pair whose text
# does); print its path (relative), or "stale: why" and exit 1.  With
# APPLY, write the replacement there.
mutate() {
	perl -e '
	use strict; use warnings;
	my ($mut, $root, $apply) = @ARGV;
	open my $fh, "<", $mut or die "$mut: $!\n";
	my (@pairs, $cur);
	while (my $l = <$fh>) {
		if ($l =~ /^--- (find|replace|end)\s*$/) {
			$cur = $1;
			push @pairs, { find => "" } if $cur eq "find";
			if ($cur eq "replace") {
				@pairs or do { print "stale: --- replace before --- find\n"; exit 1 };
				$pairs[-1]{replace} = "";
			}
			next;
		}
		next unless defined $cur and $cur ne "end";
		$pairs[-1]{$cur} .= $l;
	}
	@pairs or do { print "stale: no --- find section\n"; exit 1 };
	for my $p (@pairs) {
		defined $p->{replace} or do { print "stale: a --- find without its --- replace\n"; exit 1 };
		s/\n\z// for $p->{find}, $p->{replace};
		length $p->{find} or do { print "stale: empty find text\n"; exit 1 };
	}
	my @files = grep { -f } sort(glob("$root/lib/*"), glob("$root/schema/*"));
	my %text;
	for my $f (@files) {
		open my $in, "<", $f or die "$f: $!\n";
		local $/; $text{$f} = <$in>; close $in;
	}
	# the first pair whose find text occurs exactly once in all
	my @why;
	for my $p (@pairs) {
		my @hits;
		for my $f (@files) {
			my ($n, $i) = (0, 0);
			while (($i = index($text{$f}, $p->{find}, $i)) >= 0) { $n++; $i += length $p->{find} }
			push @hits, [$f, $n] if $n;
		}
		if (@hits == 1 && $hits[0][1] == 1) {
			my $f = $hits[0][0];
			if ($apply) {
				my $t = $text{$f};
				substr($t, index($t, $p->{find}), length $p->{find}) = $p->{replace};
				open my $out, ">", $f or die "$f: $!\n";
				print $out $t; close $out or die "$f: $!\n";
			}
			print substr($f, length($root) + 1), "\n";
			exit 0;
		}
		push @why, @hits ? "occurs more than once (" . join(", ", map { substr($_->[0], length($root) + 1) . " x$_->[1]" } @hits) . ")" : "is in no file under lib/ or schema/";
	}
	print "stale: the find text ", join("; the next ", @why), "\n";
	exit 1;
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
