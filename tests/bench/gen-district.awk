# gen-district.awk - print the directory of a generated district as YAML
# for wushe-db load: 30 communities (C01..C30), a street office (JD), an
# agency (AG), one post contract (POST, 2010-2029) and 200 workers
# (W001..W200) on it.  Usage: awk -f gen-district.awk
BEGIN {
	print "communities:"
	for (i = 1; i <= 30; i++)
		printf "  - {code: C%02d, name: 社区%02d, street: 街道}\n", i, i
	print "orgs:"
	print "  - {code: JD, name: 街道办事处, kind: street_office}"
	print "  - {code: AG, name: 社工服务中心, kind: sw_agency}"
	print "contracts:"
	print "  - {code: POST, title: 岗位购买, kind: post, purchaser: JD, " \
	    "provider: AG, start: 2010-01-01, end: 2029-12-31, amount: 1000000}"
	print "workers:"
	for (i = 1; i <= 200; i++)
		printf "  - {code: W%03d, name: 社工%03d, org: AG, " \
		    "active_from: 2010-01-01, contract: POST}\n", i, i
}
