"""The text and attributes an incident gets for the trigger that raised it (B-11.1)."""

from dataclasses import dataclass
from enum import StrEnum

from summit_connector.domain.model import Trigger
from summit_connector.domain.template import Attribute, Template


class TextSource(StrEnum):
    TEMPLATE = "template"
    TRIGGER_BLOCK = "template triggers block"


@dataclass(frozen=True)
class TriggerVerdict:
    """Where the description and the information come from (placeholders not yet expanded), whether the
    information starts with the trigger's display name, and the attributes the block adds above the template's."""

    trigger: Trigger
    display_name: str
    description: str
    description_source: TextSource
    information: str
    information_source: TextSource
    named: bool = False
    attributes: tuple[Attribute, ...] = ()


def decide_trigger_text(trigger: Trigger, template: Template) -> TriggerVerdict:
    """A `triggers` block replaces the texts it gives; information taken from the template starts with the
    display name for every trigger but `failed`, so incidents of plain failures keep the text they always had."""
    block = template.trigger_text(trigger.value)
    description, description_source = _chosen(block.ticket_description if block else None,
                                              template.ticket_description)
    information, information_source = _chosen(block.ticket_information if block else None,
                                              template.ticket_information)
    named = information_source is TextSource.TEMPLATE and trigger is not Trigger.FAILED
    if named:
        information = f"{trigger.display_name}: {information}"
    return TriggerVerdict(trigger, trigger.display_name, description, description_source, information,
                          information_source, named, block.attributes if block else ())


def _chosen(from_block: str | None, from_template: str) -> tuple[str, TextSource]:
    if from_block is None:
        return from_template, TextSource.TEMPLATE
    return from_block, TextSource.TRIGGER_BLOCK
