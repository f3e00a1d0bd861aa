"""Context an analyst can act on (B-16): the runbook the job's owners wrote in its documentation, the routing it
implies, and the configuration item the incident names."""

from dataclasses import dataclass

from summit_connector.domain.daily_window import without_last_incident_date
from summit_connector.domain.template import ConfigurationItem, Template

RUNBOOK_LIMIT = 4000
CUT_MARK = " [...]"


@dataclass(frozen=True)
class RunbookVerdict:
    """B-16.1: whether the rule is on, the tag looked for, and the runbook found (`text` empty when none: no tag,
    an unclosed or empty one, or the rule off); `cut` when it was longer than RUNBOOK_LIMIT."""

    on: bool
    tag: str = ""
    text: str = ""
    cut: bool = False
    reason: str = ""

    @property
    def found(self) -> bool:
        return bool(self.text)


def find_runbook(documentation: str, template: Template) -> RunbookVerdict:
    """The text between the first `<tag>` and the next `</tag>` (case-sensitive), the Last Incident Date line never
    counting, stripped, cut to RUNBOOK_LIMIT characters followed by ` [...]`."""
    tag = template.runbook_tag
    if not template.rules.extract_xml_content_from_job_description:
        return RunbookVerdict(False, tag, reason="extractXmlContentFromJobDescription is off")
    if not tag:
        return RunbookVerdict(True, tag, reason="jobDescriptionXmlTag.xmlTag names no tag")
    text = without_last_incident_date(documentation)
    opening, closing = f"<{tag}>", f"</{tag}>"
    start = text.find(opening)
    if start < 0:
        return RunbookVerdict(True, tag, reason=f"the job documentation holds no {opening}")
    end = text.find(closing, start + len(opening))
    if end < 0:
        return RunbookVerdict(True, tag, reason=f"{opening} is not closed by {closing}")
    found = text[start + len(opening):end].strip()
    if not found:
        return RunbookVerdict(True, tag, reason=f"{opening} is empty")
    cut = len(found) > RUNBOOK_LIMIT
    shown = f"{found[:RUNBOOK_LIMIT]}{CUT_MARK}" if cut else found
    return RunbookVerdict(True, tag, shown, cut, f"found {len(found)} characters in {opening}" +
                          (f", cut to {RUNBOOK_LIMIT}" if cut else ""))


def with_runbook(information: str, runbook: RunbookVerdict) -> str:
    """A new incident's Information, the runbook after a blank line (B-16.1)."""
    return f"{information}\n\nRunbook: {runbook.text}" if runbook.found else information


@dataclass(frozen=True)
class DocumentationVerdict:
    """B-16.2: whether the rule applies, the side of working hours and whether a runbook was found, and the value
    `attribute` takes (empty: nothing set)."""

    on: bool
    in_working_hours: bool = False
    with_doc: bool = False
    attribute: str = ""
    value: str = ""
    reason: str = ""


def route_by_documentation(template: Template, in_working_hours: bool, runbook: RunbookVerdict
                           ) -> DocumentationVerdict:
    routing = template.documentation_routing
    if not template.rules.routing_by_documentation_content or routing is None or not runbook.on:
        return DocumentationVerdict(False, reason="routingByDocumentationContent is off (or needs "
                                                  "extractXmlContentFromJobDescription and a documentationRouting block)")
    value = routing.value(in_working_hours, runbook.found)
    side = "working hours" if in_working_hours else "non-working hours"
    doc = "with a runbook" if runbook.found else "without a runbook"
    said = f"{side}, {doc}: {routing.routing_attribute} = {value!r}" if value else f"{side}, {doc}: no value set"
    return DocumentationVerdict(True, in_working_hours, runbook.found, routing.routing_attribute, value, said)


def configuration_item(ci: ConfigurationItem | None, tags: tuple[str, ...], expanded_value: str
                       ) -> tuple[str, str] | None:
    """`(CI_Key, CI_Value)` for a new incident (B-16.3); None when the block is absent or the value is empty
    (an agent `N/A`, no tag with the prefix): then neither is sent."""
    if ci is None:
        return None
    if ci.from_tag_prefix:
        value = next((tag[len(ci.from_tag_prefix):] for tag in tags if tag.startswith(ci.from_tag_prefix)), "")
    else:
        value = expanded_value
    value = value.strip()
    if not value or value.upper() == "N/A":
        return None
    return ci.key, value
