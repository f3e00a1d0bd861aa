"""What `check` finds wrong in a template's policy (B-7): rule flags that conflict, tag rules that never apply,
`triggers` blocks no trigger uses, maintenance windows that cover nothing, placeholders that are none of ours.
Every finding names the template field to change."""

import difflib
from collections.abc import Iterator

from summit_connector.domain.findings import Finding, Severity
from summit_connector.domain.model import REPORT_TRIGGERS, Trigger
from summit_connector.domain.placeholders import PLACEHOLDER_NAMES, unknown_placeholders
from summit_connector.domain.incident import HELD_FIELDS
from summit_connector.domain.template import (
    VENDOR_DEFAULT_ATTRIBUTES,
    Rules,
    TagIndicator,
    TagRule,
    Template,
    TriggerText,
)

_ROUTING = (TagIndicator.TAG_START, TagIndicator.TAG_END)
_ROUTING_AND_DEFAULT = (*_ROUTING, TagIndicator.DEFAULT)
_KNOWN_BY_CASE = {name.lower(): name for name in PLACEHOLDER_NAMES}


def check_template(template: Template) -> list[Finding]:
    rules, tags = template.rules, template.tags
    return [
        *_both_routing_flags(rules),
        *_routing_without_default(rules, tags),
        *_routing_rules_while_off(rules, tags),
        *_rules_that_never_match(tags),
        *_shadowed_rules(tags),
        *_rules_while_flag_off(rules, tags),
        *_assign_to_without_rule(rules, tags),
        *_unknown_trigger_names(template),
        *_empty_maintenance_windows(template),
        *_unknown_placeholder_findings(template),
        *_runbook_rules(template),
        *_documentation_routing(template),
    ]


SUMMIT_TICKET_FIELDS = frozenset({*VENDOR_DEFAULT_ATTRIBUTES, *HELD_FIELDS, "Assigned_Engineer_Email",
                                  "Closure_Code_Name", "SubCategory_Name", "Item_Name", "Location_Name"})
"""Ticket fields public Summit samples name; another name is not wrong, only worth a second look."""


def _runbook_rules(template: Template) -> Iterator[Finding]:
    if template.rules.extract_xml_content_from_job_description and not template.runbook_tag:
        yield Finding("jobDescriptionXmlTag.xmlTag", Severity.ERROR,
                      "rules.extractXmlContentFromJobDescription is on, but no tag names the runbook",
                      'add "jobDescriptionXmlTag": {"xmlTag": "runbook"}, or turn the rule off')


def _documentation_routing(template: Template) -> Iterator[Finding]:
    rules, routing = template.rules, template.documentation_routing
    if rules.routing_by_documentation_content and routing is None:
        yield Finding("documentationRouting", Severity.ERROR,
                      "rules.routingByDocumentationContent is on, but there is no documentationRouting block",
                      'add "documentationRouting" with routingAttribute and the four values, or turn the rule off')
    if rules.routing_by_documentation_content and not rules.extract_xml_content_from_job_description:
        yield Finding("rules.routingByDocumentationContent", Severity.ERROR,
                      "routing by documentation needs rules.extractXmlContentFromJobDescription on: without it no "
                      "runbook is ever found", "turn extractXmlContentFromJobDescription on, with jobDescriptionXmlTag")
    if routing is not None and not rules.routing_by_documentation_content:
        yield Finding("documentationRouting", Severity.WARNING,
                      "the documentationRouting block is never applied: rules.routingByDocumentationContent is off",
                      "turn the rule on, or remove the block")
    if routing is not None and routing.routing_attribute not in SUMMIT_TICKET_FIELDS:
        close = difflib.get_close_matches(routing.routing_attribute, sorted(SUMMIT_TICKET_FIELDS), n=1)
        meant = f"did you mean {close[0]}?" if close else "check the Summit field name"
        yield Finding("documentationRouting.routingAttribute", Severity.WARNING,
                      f"{routing.routing_attribute!r} is no Summit ticket field this connector knows", meant)


def _both_routing_flags(rules: Rules) -> Iterator[Finding]:
    if rules.include_tag_routing and rules.include_work_group_name_tag:
        yield Finding(
            "rules", Severity.WARNING,
            "includeTagRouting and includeWorkGroupNameTag are both on: WRKGRP_ tags win and the "
            "TAG_START/TAG_END rules are never applied (B-5.1)",
            "turn off the one you do not use",
        )


def _routing_without_default(rules: Rules, tags: tuple[TagRule, ...]) -> Iterator[Finding]:
    if rules.include_tag_routing and not any(tag.indicator == TagIndicator.DEFAULT for tag in tags):
        yield Finding(
            "tags", Severity.WARNING,
            "includeTagRouting is on but there is no DEFAULT rule: a job whose tags match no rule keeps the "
            "work group of the attributes or [DEFAULTS] (B-5.2)",
            'add {"indicator": "DEFAULT", "indicatorValue": "", "attribute": "Assigned_WorkGroup_Name", '
            '"value": "<work group>"}',
        )


def _routing_rules_while_off(rules: Rules, tags: tuple[TagRule, ...]) -> Iterator[Finding]:
    unused = [f"tags[{index}]" for index, tag in enumerate(tags) if tag.indicator in _ROUTING_AND_DEFAULT]
    if unused and not rules.include_tag_routing:
        yield Finding(
            "rules.includeTagRouting", Severity.WARNING,
            f"includeTagRouting is off, so the TAG_START/TAG_END/DEFAULT rules {', '.join(unused)} are never applied",
            "set rules.includeTagRouting to true, or remove those rules",
        )


def _rules_that_never_match(tags: tuple[TagRule, ...]) -> Iterator[Finding]:
    for index, tag in enumerate(tags):
        where = f"tags[{index}]"
        if tag.indicator in (*_ROUTING, TagIndicator.EXIT) and not tag.indicator_value:
            yield _empty_indicator_value(where, tag)
        elif tag.indicator in _ROUTING_AND_DEFAULT and not tag.attribute:
            yield Finding(
                f"{where}.attribute", Severity.WARNING,
                f"the {tag.indicator} rule names no attribute, so it sets nothing when it applies"
                + (" and no later rule or DEFAULT is tried" if tag.indicator in _ROUTING else ""),
                "set attribute to the Summit field, e.g. Assigned_WorkGroup_Name",
            )


def _empty_indicator_value(where: str, tag: TagRule) -> Finding:
    """An empty prefix or suffix is skipped rather than matching every tag; an EXIT value is a whole tag."""
    how = "EXIT compares whole tags" if tag.indicator == TagIndicator.EXIT else "an empty prefix/suffix is skipped"
    return Finding(
        f"{where}.indicatorValue", Severity.WARNING,
        f"the {tag.indicator} rule has an empty indicatorValue and can never match ({how})",
        "set indicatorValue to the tag text to match, or remove the rule",
    )


def _shadowed_rules(tags: tuple[TagRule, ...]) -> Iterator[Finding]:
    """TAG_START/TAG_END rules are tried in order; a rule whose value extends an earlier one's never wins."""
    for later, tag in enumerate(tags):
        earlier = next((i for i in range(later) if _covers(tags[i], tag)), None)
        if earlier is not None:
            yield Finding(
                f"tags[{later}]", Severity.WARNING,
                f"the {tag.indicator} {tag.indicator_value!r} rule never wins: every tag it matches is matched "
                f"first by tags[{earlier}] ({tags[earlier].indicator} {tags[earlier].indicator_value!r})",
                f"remove it, or move it above tags[{earlier}] if it is the more specific rule",
            )


def _covers(first: TagRule, then: TagRule) -> bool:
    if first.indicator != then.indicator or then.indicator not in _ROUTING or not first.indicator_value:
        return False
    if then.indicator == TagIndicator.TAG_START:
        return then.indicator_value.startswith(first.indicator_value)
    return then.indicator_value.endswith(first.indicator_value)


def _rules_while_flag_off(rules: Rules, tags: tuple[TagRule, ...]) -> Iterator[Finding]:
    flags = {
        TagIndicator.CATNAME: ("includeCategoryNameTag", rules.include_category_name_tag),
        TagIndicator.ASSIGNTO: ("includeAssignToTag", rules.include_assign_to_tag),
    }
    for index, tag in enumerate(tags):
        flag, on = flags.get(tag.indicator, ("", True))
        if not on:
            yield Finding(
                f"tags[{index}]", Severity.INFO,
                f"the {tag.indicator} rule is not used while {flag} is off",
                f"set rules.{flag} to true if {tag.indicator}_ tags should count",
            )


def _assign_to_without_rule(rules: Rules, tags: tuple[TagRule, ...]) -> Iterator[Finding]:
    if rules.include_assign_to_tag and not any(tag.indicator == TagIndicator.ASSIGNTO for tag in tags):
        yield Finding(
            "rules.includeAssignToTag", Severity.WARNING,
            "includeAssignToTag is on but there is no ASSIGNTO rule: a tag ASSIGNTO_jdoe sets "
            "Assigned_Engineer_Email to the bare name jdoe (B-5.4)",
            'add {"indicator": "ASSIGNTO", "indicatorValue": "", "attribute": "Assigned_Engineer_Email", '
            '"value": "example.com"}',
        )


def _unknown_trigger_names(template: Template) -> Iterator[Finding]:
    """A block only counts under the name of a report trigger (B-11.1); a recovery is shaped by `recovery`."""
    known = [trigger.value for trigger in REPORT_TRIGGERS]
    for name, _ in template.triggers:
        if name in known:
            continue
        if name in {trigger.value for trigger in Trigger}:
            hint = "a recovery trigger takes its text from the recovery block: move it there"
        else:
            guess = difflib.get_close_matches(name.lower(), known, n=1)
            hint = f"did you mean {guess[0]}?" if guess else f"use one of {', '.join(known)}"
        yield Finding(f"triggers.{name}", Severity.ERROR, "is not a trigger the report command takes, so the block "
                      "is never used", hint)


def _empty_maintenance_windows(template: Template) -> Iterator[Finding]:
    """A window whose start equals its stop covers nothing, as 0000/0000 working hours do (B-4.8)."""
    for index, weekly in enumerate(template.maintenance_windows):
        if all(window.is_empty for window in weekly.days.values()):
            yield Finding(
                f"maintenanceWindows[{index}]", Severity.WARNING,
                "start equals stop, so the window is empty and no failure is ever inside it (B-4.8)",
                'give the time it ends as stop, e.g. "start": "0100", "stop": "0500"; '
                "a stop before the start runs past midnight",
            )


def _unknown_placeholder_findings(template: Template) -> Iterator[Finding]:
    for where, text in _expanded_fields(template):
        unknown = unknown_placeholders(text)
        if unknown:
            yield Finding(
                where, Severity.WARNING,
                f"unknown placeholder {', '.join(dict.fromkeys(unknown))}: it is sent as typed (B-3.5)",
                _placeholder_hint(unknown),
            )


def _expanded_fields(template: Template) -> Iterator[tuple[str, str]]:
    yield "ticketDescription", template.ticket_description
    yield "ticketInformation", template.ticket_information
    if template.ci is not None:
        yield "ci.value", template.ci.value
    lists = (
        ("attributes", template.attributes),
        ("workingHoursAttributes", template.working_hours_attributes),
        ("nonWorkingHoursAttributes", template.non_working_hours_attributes),
        ("customAttributes", template.custom_attributes),
        ("tags", template.tags),
    )
    for name, entries in lists:
        yield from ((f"{name}[{index}].value", entry.value) for index, entry in enumerate(entries))
    yield from _text_block_fields(template)
    recovery = template.recovery
    yield "recovery.information", recovery.information
    yield "recovery.solution", recovery.solution
    yield from ((f"recovery.attributes[{index}].value", a.value) for index, a in enumerate(recovery.attributes))


def _text_block_fields(template: Template) -> Iterator[tuple[str, str]]:
    for name, block in template.triggers:
        yield from _text_fields(f"triggers.{name}", block)
    yield from _text_fields("agentDown", template.agent_down)


def _text_fields(where: str, block: TriggerText) -> Iterator[tuple[str, str]]:
    yield f"{where}.ticketDescription", block.ticket_description or ""
    yield f"{where}.ticketInformation", block.ticket_information or ""
    yield from ((f"{where}.attributes[{index}].value", a.value) for index, a in enumerate(block.attributes))


def _placeholder_hint(unknown: list[str]) -> str:
    meant = [f"{_KNOWN_BY_CASE[name.lower()]}, not {name}" for name in unknown if name.lower() in _KNOWN_BY_CASE]
    if meant:
        return f"placeholders are case-sensitive: write {'; '.join(dict.fromkeys(meant))}"
    return f"use one of {', '.join(PLACEHOLDER_NAMES)}"
