"""Job tags: the EXIT check (B-4.4) and tag-derived attributes (B-5)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from summit_connector.domain.template import Rules, TagIndicator, TagRule

WORKGROUP = "Assigned_WorkGroup_Name"
CATEGORY = "Category_Name"
ENGINEER_EMAIL = "Assigned_Engineer_Email"
WRKGRP_PREFIX = "WRKGRP_"
CATNAME_PREFIX = "CATNAME_"
ASSIGNTO_PREFIX = "ASSIGNTO_"
TAG_ROUTING = "includeTagRouting"
ASSIGN_TO = "includeAssignToTag"


@dataclass(frozen=True)
class TagAttribute:
    """One attribute a tag set; `flag` is the template rule that set it, `reason` says how (for `explain`)."""

    name: str
    value: str
    reason: str
    flag: str = ""


@dataclass(frozen=True)
class RoutingRuleCheck:
    """A TAG_START/TAG_END rule as tried against the job tags; `matched_tag` is empty when it lost."""

    rule: TagRule
    matched_tag: str = ""


@dataclass(frozen=True)
class TagRouting:
    attributes: tuple[TagAttribute, ...]
    checked_rules: tuple[RoutingRuleCheck, ...] = ()

    def as_dict(self) -> dict[str, str]:
        return {attribute.name: attribute.value for attribute in self.attributes}


def needs_ticket_status(job_tags: Iterable[str], ticket: str, rules: Iterable[TagRule]) -> bool:
    """Summit is asked for a ticket's status only when the job has one and no EXIT tag ends the flow first."""
    return bool(ticket.strip()) and find_exit_tag(job_tags, rules) is None


def find_exit_tag(tags: Iterable[str], rules: Iterable[TagRule]) -> str | None:
    """The first job tag equal (whole tag, case-sensitive) to an EXIT rule's value, whatever the rule flags."""
    exit_values = {rule.indicator_value for rule in rules if rule.indicator == TagIndicator.EXIT}
    return next((tag for tag in tags if tag in exit_values), None)


def route_by_tags(tags: Sequence[str], rules: Rules, tag_rules: Sequence[TagRule]) -> TagRouting:
    """Tag-derived attributes in B-5 order; later entries win over earlier ones when names collide."""
    attributes: list[TagAttribute] = []
    checked: tuple[RoutingRuleCheck, ...] = ()
    if rules.include_work_group_name_tag:
        attributes += _from_prefix(tags, WRKGRP_PREFIX, WORKGROUP, "includeWorkGroupNameTag")
    elif rules.include_tag_routing:
        checked = tuple(_check_routing_rules(tags, tag_rules))
        attributes += _routing_result(checked, tag_rules)
    if rules.include_category_name_tag:
        attributes += _from_prefix(tags, CATNAME_PREFIX, CATEGORY, "includeCategoryNameTag")
    if rules.include_assign_to_tag:
        attributes += _assign_to(tags, tag_rules)
    return TagRouting(tuple(attributes), checked)


def _first_with_prefix(tags: Sequence[str], prefix: str) -> str | None:
    return next((tag for tag in tags if tag.startswith(prefix) and len(tag) > len(prefix)), None)


def _from_prefix(tags: Sequence[str], prefix: str, attribute: str, rule_name: str) -> list[TagAttribute]:
    tag = _first_with_prefix(tags, prefix)
    if tag is None:
        return []
    return [TagAttribute(attribute, tag[len(prefix):], f"{rule_name}: tag {tag}", rule_name)]


def _matches(rule: TagRule, tag: str) -> bool:
    if rule.indicator == TagIndicator.TAG_START:
        return tag.startswith(rule.indicator_value)
    return tag.endswith(rule.indicator_value)


def _check_routing_rules(tags: Sequence[str], tag_rules: Sequence[TagRule]) -> list[RoutingRuleCheck]:
    routing_indicators = (TagIndicator.TAG_START, TagIndicator.TAG_END)
    return [
        RoutingRuleCheck(rule, next((tag for tag in tags if _matches(rule, tag)), ""))
        for rule in tag_rules
        if rule.indicator in routing_indicators and rule.indicator_value
    ]


def _routing_result(checked: Sequence[RoutingRuleCheck], tag_rules: Sequence[TagRule]) -> list[TagAttribute]:
    winner = next((check for check in checked if check.matched_tag), None)
    if winner is not None:
        rule = winner.rule
        reason = f"includeTagRouting: {rule.indicator} {rule.indicator_value!r} matched tag {winner.matched_tag}"
        return [TagAttribute(rule.attribute, rule.value, reason, TAG_ROUTING)]
    default = next((rule for rule in tag_rules if rule.indicator == TagIndicator.DEFAULT), None)
    if default is None or not default.attribute:
        return []
    reason = "includeTagRouting: no tag matched, DEFAULT rule"
    return [TagAttribute(default.attribute, default.value, reason, TAG_ROUTING)]


def _assign_to(tags: Sequence[str], tag_rules: Sequence[TagRule]) -> list[TagAttribute]:
    tag = _first_with_prefix(tags, ASSIGNTO_PREFIX)
    if tag is None:
        return []
    rule = next((r for r in tag_rules if r.indicator == TagIndicator.ASSIGNTO), None)
    email = engineer_email(tag[len(ASSIGNTO_PREFIX):], rule.value if rule else "")
    reason = f"includeAssignToTag: tag {tag}"
    attributes = [TagAttribute(ENGINEER_EMAIL, email, reason, ASSIGN_TO)]
    if rule is not None and rule.attribute and rule.attribute != ENGINEER_EMAIL:
        attributes.append(TagAttribute(rule.attribute, email, reason, ASSIGN_TO))
    return attributes


def engineer_email(user: str, domain: str) -> str:
    """`jdoe` + `example.com` → `jdoe@example.com`; a value that holds an `@` is appended as is (B-5.4)."""
    if not domain or "@" in domain:
        return user + domain
    return f"{user}@{domain}"
