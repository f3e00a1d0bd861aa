"""Why each tag rule of B-5 won, lost or was not tried, in the order the report flow applies them (for `explain`)."""

from collections.abc import Sequence
from dataclasses import dataclass

from summit_connector.domain.tags import RoutingRuleCheck, TagAttribute, TagRouting
from summit_connector.domain.template import TagIndicator, TagRule, Template

WON, LOST, OFF, SKIPPED, NO_MATCH = "won", "lost", "off", "skipped", "no match"
_ROUTING = "TAG_START/TAG_END"
_VERB = {TagIndicator.TAG_START: "starts", TagIndicator.TAG_END: "ends"}


@dataclass(frozen=True)
class RuleVerdict:
    rule: str
    verdict: str
    why: str


def routing_verdicts(tags: Sequence[str], template: Template, routing: TagRouting) -> list[RuleVerdict]:
    return [
        _prefix_rule("WRKGRP_", "includeWorkGroupNameTag", template.rules.include_work_group_name_tag, routing),
        *_tag_routing(tags, template, routing),
        _prefix_rule("CATNAME_", "includeCategoryNameTag", template.rules.include_category_name_tag, routing),
        _assign_to(template, routing),
    ]


def _assign_to(template: Template, routing: TagRouting) -> RuleVerdict:
    verdict = _prefix_rule("ASSIGNTO_", "includeAssignToTag", template.rules.include_assign_to_tag, routing)
    if verdict.verdict != WON:
        return verdict
    rule = next((r for r in template.tags if r.indicator == TagIndicator.ASSIGNTO), None)
    domain = f"the ASSIGNTO rule's value {rule.value!r}" if rule else "no ASSIGNTO rule, so no domain"
    return RuleVerdict(verdict.rule, WON, f"{verdict.why} (the tag's user + {domain})")


def _prefix_rule(prefix: str, flag: str, on: bool, routing: TagRouting) -> RuleVerdict:
    if not on:
        return RuleVerdict(prefix, OFF, f"{flag} is false")
    found = _set_by(routing, flag)
    if not found:
        return RuleVerdict(prefix, NO_MATCH, f"no tag starts with {prefix}: the lower layers stand")
    return RuleVerdict(prefix, WON, "; ".join(_setting(attribute) for attribute in found))


def _tag_routing(tags: Sequence[str], template: Template, routing: TagRouting) -> list[RuleVerdict]:
    rules = [r for r in template.tags if r.indicator in _VERB and r.indicator_value]
    defaults = [r for r in template.tags if r.indicator == TagIndicator.DEFAULT]
    not_tried = _not_tried(template)
    if not_tried is not None:
        names = [_name(rule) for rule in [*rules, *defaults]] or [_ROUTING]
        return [RuleVerdict(name, *not_tried) for name in names]
    winner = next((check for check in routing.checked_rules if check.matched_tag), None)
    checked = [_check_verdict(check, winner, tags) for check in routing.checked_rules]
    return [*(checked or [RuleVerdict(_ROUTING, NO_MATCH, "the template has none")]), _default(defaults, winner)]


def _not_tried(template: Template) -> tuple[str, str] | None:
    if template.rules.include_work_group_name_tag:
        return SKIPPED, "includeWorkGroupNameTag is on, so TAG_START/TAG_END/DEFAULT routing is not applied (B-5.1)"
    if not template.rules.include_tag_routing:
        return OFF, "includeTagRouting is false"
    return None


def _check_verdict(check: RoutingRuleCheck, winner: RoutingRuleCheck | None, tags: Sequence[str]) -> RuleVerdict:
    rule, verb = check.rule, _VERB[check.rule.indicator]
    if check is winner:
        why = (f"tag {check.matched_tag} {verb} with {rule.indicator_value!r}: {rule.attribute} = {rule.value} "
               "(the first rule in template order that matches)")
        return RuleVerdict(_name(rule), WON, why)
    if check.matched_tag and winner is not None:
        why = f"tag {check.matched_tag} {verb} with {rule.indicator_value!r} too, but {_name(winner.rule)} comes first"
        return RuleVerdict(_name(rule), LOST, why)
    listed = ", ".join(tags) if tags else "the job has no tags"
    return RuleVerdict(_name(rule), LOST, f"no tag {verb} with {rule.indicator_value!r} ({listed})")


def _default(defaults: Sequence[TagRule], winner: RoutingRuleCheck | None) -> RuleVerdict:
    if not defaults:
        effect = "" if winner else ": no rule matched, so nothing is set and the lower layers stand"
        return RuleVerdict("DEFAULT", NO_MATCH, f"the template has no DEFAULT rule{effect}")
    if winner is not None:
        return RuleVerdict(_name(defaults[0]), LOST, f"not needed: {_name(winner.rule)} won")
    if not defaults[0].attribute:
        return RuleVerdict(_name(defaults[0]), NO_MATCH, "no rule matched, but the DEFAULT rule names no attribute")
    rule = defaults[0]
    why = f"no TAG_START/TAG_END rule matched a tag: {rule.attribute} = {rule.value}"
    return RuleVerdict(_name(rule), WON, why)


def _set_by(routing: TagRouting, flag: str) -> list[TagAttribute]:
    return [attribute for attribute in routing.attributes if attribute.flag == flag]


def _setting(attribute: TagAttribute) -> str:
    return f"{attribute.reason.partition(': ')[2]}: {attribute.name} = {attribute.value}"


def _name(rule: TagRule) -> str:
    return f"{rule.indicator} {rule.indicator_value}" if rule.indicator_value else str(rule.indicator)
