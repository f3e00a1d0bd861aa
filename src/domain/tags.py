"""Job tags: the EXIT check (B-4.4) and tag-derived attributes (B-5), each rule's verdict decided in one pass."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from summit_connector.domain.template import Attribute, Rules, TagIndicator, TagRule

WORKGROUP = "Assigned_WorkGroup_Name"
CATEGORY = "Category_Name"
ENGINEER_EMAIL = "Assigned_Engineer_Email"
WRKGRP_PREFIX = "WRKGRP_"
CATNAME_PREFIX = "CATNAME_"
ASSIGNTO_PREFIX = "ASSIGNTO_"
WORK_GROUP_FLAG = "includeWorkGroupNameTag"
TAG_ROUTING_FLAG = "includeTagRouting"
CATEGORY_FLAG = "includeCategoryNameTag"
ASSIGN_TO_FLAG = "includeAssignToTag"
NO_ROUTING_RULES = "TAG_START/TAG_END"
_ROUTING_INDICATORS = (TagIndicator.TAG_START, TagIndicator.TAG_END)


class Verdict(StrEnum):
    WON = "won"
    LOST = "lost"
    OFF = "off"
    NO_MATCH = "no-match"


class RuleKind(StrEnum):
    """PREFIX: WRKGRP_, CATNAME_, ASSIGNTO_ (B-5.1, B-5.3, B-5.4); ROUTING: a TAG_START/TAG_END rule; DEFAULT: the
    DEFAULT rule (B-5.2); ABSENT: a verdict about a rule the template does not have."""

    PREFIX = "prefix"
    ROUTING = "routing"
    DEFAULT = "default"
    ABSENT = "absent"


@dataclass(frozen=True)
class RuleVerdict:
    """One routing rule as the report flow applied it (B-5), in the order it is applied.

    `off_by` names the flag that kept the rule from being tried (its own flag when false, or
    includeWorkGroupNameTag, which turns tag routing off, B-5.1); `matched_tag` is the tag it matched (also for a
    rule that matched but LOST); `beaten_by` the rule that won instead; `sets` what it set when it WON.
    For ASSIGNTO_, `indicator_value` is the ASSIGNTO rule's value (the domain appended to the tag's user).
    """

    rule: str
    flag: str
    verdict: Verdict
    kind: RuleKind
    indicator: str = ""
    indicator_value: str = ""
    matched_tag: str = ""
    sets: tuple[Attribute, ...] = ()
    beaten_by: str = ""
    off_by: str = ""


@dataclass(frozen=True)
class TagRouting:
    verdicts: tuple[RuleVerdict, ...] = ()

    @property
    def attributes(self) -> tuple[Attribute, ...]:
        """What the winning rules set, in B-5 order; a later one wins over an earlier one of the same name."""
        return tuple(attribute for verdict in self.verdicts if verdict.verdict is Verdict.WON
                     for attribute in verdict.sets)


def exit_values(rules: Iterable[TagRule]) -> tuple[str, ...]:
    return tuple(rule.indicator_value for rule in rules if rule.indicator == TagIndicator.EXIT)


def find_exit_tag(tags: Iterable[str], rules: Iterable[TagRule]) -> str | None:
    """The first job tag equal (whole tag, case-sensitive) to an EXIT rule's value, whatever the rule flags."""
    values = set(exit_values(rules))
    return next((tag for tag in tags if tag in values), None)


def route_by_tags(tags: Sequence[str], rules: Rules, tag_rules: Sequence[TagRule]) -> TagRouting:
    """Every routing rule's verdict in B-5 order: WRKGRP_, TAG_START/TAG_END then DEFAULT, CATNAME_, ASSIGNTO_."""
    return TagRouting((
        _prefix_verdict(tags, WRKGRP_PREFIX, WORKGROUP, WORK_GROUP_FLAG, rules.include_work_group_name_tag),
        *_tag_routing_verdicts(tags, rules, tag_rules),
        _prefix_verdict(tags, CATNAME_PREFIX, CATEGORY, CATEGORY_FLAG, rules.include_category_name_tag),
        _assign_to_verdict(tags, tag_rules, rules.include_assign_to_tag),
    ))


def _first_with_prefix(tags: Sequence[str], prefix: str) -> str | None:
    return next((tag for tag in tags if tag.startswith(prefix) and len(tag) > len(prefix)), None)


def _prefix_verdict(tags: Sequence[str], prefix: str, attribute: str, flag: str, on: bool) -> RuleVerdict:
    if not on:
        return RuleVerdict(prefix, flag, Verdict.OFF, RuleKind.PREFIX, off_by=flag)
    tag = _first_with_prefix(tags, prefix)
    if tag is None:
        return RuleVerdict(prefix, flag, Verdict.NO_MATCH, RuleKind.PREFIX)
    return RuleVerdict(prefix, flag, Verdict.WON, RuleKind.PREFIX, matched_tag=tag,
                       sets=(Attribute(attribute, tag[len(prefix):]),))


def _tag_routing_verdicts(tags: Sequence[str], rules: Rules, tag_rules: Sequence[TagRule]) -> list[RuleVerdict]:
    routing = [rule for rule in tag_rules if rule.indicator in _ROUTING_INDICATORS and rule.indicator_value]
    defaults = [rule for rule in tag_rules if rule.indicator == TagIndicator.DEFAULT]
    off_by = WORK_GROUP_FLAG if rules.include_work_group_name_tag else "" if rules.include_tag_routing else \
        TAG_ROUTING_FLAG
    if off_by:
        tried = [*routing, *defaults] or [TagRule(NO_ROUTING_RULES, "")]
        return [RuleVerdict(rule_name(rule), TAG_ROUTING_FLAG, Verdict.OFF, _kind(rule), rule.indicator,
                            rule.indicator_value, off_by=off_by) for rule in tried]
    verdicts, winner = [], None
    for rule in routing:
        verdict = _routing_verdict(rule, tags, winner)
        winner = winner or (rule_name(rule) if verdict.verdict is Verdict.WON else None)
        verdicts.append(verdict)
    if not verdicts:
        verdicts.append(RuleVerdict(NO_ROUTING_RULES, TAG_ROUTING_FLAG, Verdict.NO_MATCH, RuleKind.ABSENT))
    return [*verdicts, _default_verdict(defaults, winner)]


def _routing_verdict(rule: TagRule, tags: Sequence[str], winner: str | None) -> RuleVerdict:
    matched = next((tag for tag in tags if _matches(rule, tag)), "")
    verdict = Verdict.NO_MATCH if not matched else Verdict.LOST if winner else Verdict.WON
    sets = (Attribute(rule.attribute, rule.value),) if verdict is Verdict.WON and rule.attribute else ()
    return RuleVerdict(rule_name(rule), TAG_ROUTING_FLAG, verdict, RuleKind.ROUTING, rule.indicator,
                       rule.indicator_value, matched, sets, beaten_by=winner if verdict is Verdict.LOST else "")


def _default_verdict(defaults: Sequence[TagRule], winner: str | None) -> RuleVerdict:
    if not defaults:
        return RuleVerdict(str(TagIndicator.DEFAULT), TAG_ROUTING_FLAG, Verdict.NO_MATCH, RuleKind.ABSENT)
    rule = defaults[0]
    if winner is not None:
        return RuleVerdict(rule_name(rule), TAG_ROUTING_FLAG, Verdict.LOST, RuleKind.DEFAULT, rule.indicator,
                           beaten_by=winner)
    if not rule.attribute:
        return RuleVerdict(rule_name(rule), TAG_ROUTING_FLAG, Verdict.NO_MATCH, RuleKind.DEFAULT, rule.indicator)
    return RuleVerdict(rule_name(rule), TAG_ROUTING_FLAG, Verdict.WON, RuleKind.DEFAULT, rule.indicator,
                       sets=(Attribute(rule.attribute, rule.value),))


def _assign_to_verdict(tags: Sequence[str], tag_rules: Sequence[TagRule], on: bool) -> RuleVerdict:
    verdict = _prefix_verdict(tags, ASSIGNTO_PREFIX, ENGINEER_EMAIL, ASSIGN_TO_FLAG, on)
    if verdict.verdict is not Verdict.WON:
        return verdict
    rule = next((r for r in tag_rules if r.indicator == TagIndicator.ASSIGNTO), None)
    email = engineer_email(verdict.matched_tag[len(ASSIGNTO_PREFIX):], rule.value if rule else "")
    sets = [Attribute(ENGINEER_EMAIL, email)]
    if rule is not None and rule.attribute and rule.attribute != ENGINEER_EMAIL:
        sets.append(Attribute(rule.attribute, email))
    return RuleVerdict(verdict.rule, ASSIGN_TO_FLAG, Verdict.WON, RuleKind.PREFIX,
                       indicator_value=rule.value if rule else "", matched_tag=verdict.matched_tag, sets=tuple(sets))


def _kind(rule: TagRule) -> RuleKind:
    if rule.indicator in _ROUTING_INDICATORS:
        return RuleKind.ROUTING
    return RuleKind.DEFAULT if rule.indicator == TagIndicator.DEFAULT else RuleKind.ABSENT


def _matches(rule: TagRule, tag: str) -> bool:
    if rule.indicator == TagIndicator.TAG_START:
        return tag.startswith(rule.indicator_value)
    return tag.endswith(rule.indicator_value)


def rule_name(rule: TagRule) -> str:
    return f"{rule.indicator} {rule.indicator_value}" if rule.indicator_value else str(rule.indicator)


def engineer_email(user: str, domain: str) -> str:
    """`jdoe` + `example.com` → `jdoe@example.com`; a value that holds an `@` is appended as is (B-5.4)."""
    if not domain or "@" in domain:
        return user + domain
    return f"{user}@{domain}"
