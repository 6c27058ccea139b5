# gen-district-cases.awk - print n cases of the gen-district.awk district
# as case-add TSV.  Case i is in the charge of worker 1 + (i - 1) % 200, so
# worker w (0-based) has cases 1 + w + 200k; all opened in 2014.
# Usage: awk -v n=50000 -f gen-district-cases.awk
BEGIN {
	OFS = "\t"
	split("elderly,empty_nest elderly disabled child family " \
	    "hardship youth elderly,disabled", cat, " ")
	split("low medium high", risk, " ")
	print "name", "sex", "birth_date", "community", "address",
	    "categories", "risk", "worker", "opened", "need", "source"
	for (i = 1; i <= n; i++)
		print "居民" i, (i % 2 ? "M" : "F"),
		    sprintf("%04d-%02d-%02d", 1930 + i % 70, 1 + i % 12,
		    1 + i % 28), sprintf("C%02d", 1 + i % 30), "某路" i "号",
		    cat[1 + i % 8], risk[1 + i % 3],
		    sprintf("W%03d", 1 + (i - 1) % 200),
		    sprintf("2014-%02d-%02d", 1 + i % 12, 1 + i % 28),
		    "定期探访", "社区转介"
}
