# gen-visits.awk - print n visits to the 50,000 cases of
# gen-district-cases.awk as visit-log --import TSV: from 2015-01-01 on, in
# date order, 548 a day, each worker at most 3 a day at 08:00, 11:00 and
# 14:00, to one of its own cases, so none overlaps another.
# Usage: awk -v n=1000000 -f gen-visits.awk
function ymd(z,    era, doe, yoe, y, doy, mp, d, m) {
	z += 719468
	era = int(z / 146097)
	doe = z - era * 146097
	yoe = int((doe - int(doe / 1460) + int(doe / 36524) - \
	    int(doe / 146096)) / 365)
	y = yoe + era * 400
	doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
	mp = int((5 * doy + 2) / 153)
	d = doy - int((153 * mp + 2) / 5) + 1
	m = mp < 10 ? mp + 3 : mp - 9
	if (m <= 2)
		y++
	return sprintf("%04d-%02d-%02d", y, m, d)
}
BEGIN {
	OFS = "\t"
	split("home phone office outreach escort mediation online", kind, " ")
	split("08:00 11:00 14:00", slot, " ")
	print "case_id", "worker", "date", "start", "minutes", "kind",
	    "status", "purpose", "note", "follow_up", "contract"
	day = 16436			# 2015-01-01
	for (i = 0; i < n; i++) {
		j = i % 548
		if (j == 0) {
			date = ymd(day); fu = ymd(day + 14); day++
		}
		w = j % 200
		s = int(j / 200)
		c = 1 + w + 200 * ((day * 7 + s * 89 + w) % 250)
		st = i % 20 == 0 ? "no_show" : i % 50 == 1 ? "cancelled" : "done"
		print c, sprintf("W%03d", w + 1), date, slot[s + 1],
		    30 + i % 4 * 15, kind[1 + i % 7], st, "定期探访",
		    "情绪稳定，按时服药", i % 10 == 3 ? fu : "", ""
	}
}
