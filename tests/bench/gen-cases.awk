# gen-cases.awk - print N generated intake records as case-add TSV.
# Usage: awk -v n=100000 -f gen-cases.awk
# Deterministic: the same n gives the same file.  Every ID number carries a
# correct GB 11643 check digit and every phone number is well formed.
BEGIN {
	split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", W, " ")
	split("1 0 X 9 8 7 6 5 4 3 2", C, " ")
	split("QH HTS LH", comm, " ")
	split("elderly empty_nest disabled child youth family hardship", cat, " ")
	split("low medium high", risk, " ")
	split("W01 W02", wk, " ")
	OFS = "\t"
	print "name", "id_number", "sex", "birth_date", "phone", "community",
	    "address", "categories", "risk", "worker", "opened", "need", "source"
	for (i = 1; i <= n; i++) {
		y = 1930 + i % 80; m = 1 + i % 12; d = 1 + i % 28
		seq = sprintf("%03d", i % 1000)
		region = sprintf("34%04d", 100 + int(i / 1000))
		body = sprintf("%s%04d%02d%02d%s", region, y, m, d, seq)
		s = 0
		for (k = 1; k <= 17; k++)
			s += substr(body, k, 1) * W[k]
		idn = body C[s % 11 + 1]
		sex = (substr(seq, 3, 1) % 2) ? "M" : "F"
		print "居民" i, idn, sex, sprintf("%04d-%02d-%02d", y, m, d),
		    sprintf("139%08d", i), comm[1 + i % 3], "海棠路" i "号",
		    cat[1 + i % 7], risk[1 + i % 3], wk[1 + i % 2],
		    sprintf("2019-%02d-%02d", 1 + i % 6, 1 + i % 28),
		    "需要 定期探访", "社区转介"
	}
}
