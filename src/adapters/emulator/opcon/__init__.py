"""The emulated OpCon REST API: routes, reads, writes, JORS, the Daily's JSON, name filters and error shapes."""
