"""B-13.2 and B-15.1: one name pattern for silences and the reconcile scope; `*` is the only wildcard."""

import pytest

from summit_connector.domain.patterns import name_matches


@pytest.mark.parametrize("pattern, name, matches", [
    ("Parent_Job[Sub]", "Parent_Job[Sub]", True),
    ("Parent_Job[Sub]", "Parent_JobS", False),
    ("Parent_Job[Sub]", "Parent_Jobu", False),
    ("JOB?", "JOB?", True),
    ("JOB?", "JOB1", False),
    ("PAY*", "PAYROLL", True),
    ("*ROLL", "PAYROLL", True),
    ("P*L*", "PAYROLL", True),
    ("*", "", True),
    ("pay*", "PAYROLL", False),
    ("PAYROLL", "PAYROLL2", False),
    ("*[Sub]", "Parent_Job[Sub]", True),
    ("Name$0002", "Name$0002", True),
    ("a.b", "axb", False),
])
def test_only_the_star_is_a_wildcard_and_case_counts_b_13_2(pattern, name, matches):
    assert name_matches(pattern, name) is matches
