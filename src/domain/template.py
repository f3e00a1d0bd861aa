"""The template (B-3) and Connector.config settings the decisions depend on, as plain values."""

from dataclasses import dataclass, field
from enum import StrEnum

from summit_connector.domain.working_hours import WorkingHours


class TagIndicator(StrEnum):
    TAG_START = "TAG_START"
    TAG_END = "TAG_END"
    DEFAULT = "DEFAULT"
    EXIT = "EXIT"
    CATNAME = "CATNAME"
    ASSIGNTO = "ASSIGNTO"


@dataclass(frozen=True)
class Rules:
    include_job_log_attachment: bool = True
    include_tag_routing: bool = False
    include_work_group_name_tag: bool = False
    include_category_name_tag: bool = False
    include_assign_to_tag: bool = False
    submit_single_incident_per_day: bool = False
    extract_xml_content_from_job_description: bool = False
    routing_by_documentation_content: bool = False


@dataclass(frozen=True)
class Attribute:
    name: str
    value: str


@dataclass(frozen=True)
class CustomAttribute:
    group_name: str
    name: str
    value: str


@dataclass(frozen=True)
class TagRule:
    indicator: str
    indicator_value: str
    attribute: str = ""
    value: str = ""


@dataclass(frozen=True)
class SummitOptions:
    """What Summit tenants differ on (B-3.4)."""

    org_id: int | str = 1
    new_status: str = "New"
    reopen_status: str = "In-Progress"
    resolved_statuses: tuple[str, ...] = ("Resolved",)
    closed_statuses: tuple[str, ...] = ("Closed", "Cancelled")
    attachment_file_field: str = "FileBase64"
    logged_time_format: str = ""
    """How the tenant writes the incident list's Logged_Time when it is not ISO 8601 (a .NET custom format such as
    `dd/MM/yyyy HH:mm:ss`); empty: ISO 8601 or `MM/dd/yyyy HH:mm:ss` (B-15.2)."""

    @property
    def known_statuses(self) -> tuple[str, ...]:
        """Every status this block names: the incident list's Status filter (B-15.2)."""
        return tuple(dict.fromkeys((self.new_status, self.reopen_status, *self.resolved_statuses,
                                    *self.closed_statuses)))


@dataclass(frozen=True)
class TriggerText:
    """A template's `triggers` block for one SLA trigger (B-11.1): `None` keeps the template's own text."""

    ticket_description: str | None = None
    ticket_information: str | None = None
    attributes: tuple[Attribute, ...] = ()


class RecoveryAction(StrEnum):
    ANNOTATE = "annotate"
    RESOLVE = "resolve"
    NONE = "none"


@dataclass(frozen=True)
class Recovery:
    """A template's `recovery` block (B-11.2); `information` empty means the default line."""

    action: RecoveryAction = RecoveryAction.ANNOTATE
    information: str = ""
    resolved_status: str = "Resolved"
    via: tuple[str, ...] = ("In-Progress",)
    solution: str = ""
    attributes: tuple[Attribute, ...] = ()


class JobAction(StrEnum):
    """OpCon job actions `sync` may take (B-12.1; `model/JobAction.java` in SMA's Java client)."""

    MARK_UNDER_REVIEW = "markUnderReview"
    MARK_FIXED = "markFixed"
    MARK_FINISHED_OK = "markFinishedOk"
    RESTART = "restart"
    NONE = "none"


@dataclass(frozen=True)
class SyncPolicy:
    """A template's `sync` block (B-12.1); a template's `onStatus` and `stopOn` replace these defaults whole."""

    on_status: tuple[tuple[str, JobAction], ...] = (("In-Progress", JobAction.MARK_UNDER_REVIEW),
                                                      ("Resolved", JobAction.MARK_FIXED))
    stop_on: tuple[str, ...] = ("Closed", "Cancelled")


class GroupBy(StrEnum):
    AGENT = "agent"
    SCHEDULE = "schedule"


@dataclass(frozen=True)
class Grouping:
    """A template's `grouping` block (B-13.1); `by` empty means grouping is off (no block)."""

    by: tuple[GroupBy, ...] = ()
    window_minutes: int = 15

    @property
    def on(self) -> bool:
        return bool(self.by)


@dataclass(frozen=True)
class ReconcileScope:
    """A template's `reconcile` block (B-15.1): which failed daily jobs `reconcile` makes sure have an incident.
    Patterns as silences (`domain.patterns`: `*` is the only wildcard); `tags` empty means any tags; a job must
    match every list given."""

    schedules: tuple[str, ...] = ("*",)
    jobs: tuple[str, ...] = ("*",)
    tags: tuple[str, ...] = ()
    look_back_hours: int = 24


@dataclass(frozen=True)
class Correlation:
    """A template's `correlation` block (B-15.2): with `group_name` and `name`, each create carries that CustomFields
    entry with a value unique to the create, and a create whose answer was lost is found by it; without them, by
    its Symptom, Caller and Logged_Time. A lost create with no match after `settle_seconds` is sent again, once."""

    group_name: str = ""
    name: str = ""
    settle_seconds: int = 120

    @property
    def on(self) -> bool:
        return bool(self.group_name and self.name)


@dataclass(frozen=True)
class DocumentationRouting:
    """A template's `documentationRouting` block (B-16.2): `routing_attribute`'s value by the clock's side of working
    hours and whether the job's documentation holds a runbook; an empty value sets nothing."""

    routing_attribute: str = "Assigned_WorkGroup_Name"
    working_hours_with_doc: str = ""
    working_hours_without_doc: str = ""
    non_working_hours_with_doc: str = ""
    non_working_hours_without_doc: str = ""

    def value(self, in_working_hours: bool, with_doc: bool) -> str:
        if in_working_hours:
            return self.working_hours_with_doc if with_doc else self.working_hours_without_doc
        return self.non_working_hours_with_doc if with_doc else self.non_working_hours_without_doc


@dataclass(frozen=True)
class ConfigurationItem:
    """A template's `ci` block (B-16.3): the configuration item a new incident names, as `CI_Key` and `CI_Value`;
    `value` holds placeholders (B-3.5), or `from_tag_prefix` takes the rest of the first job tag with that prefix."""

    key: str
    value: str = ""
    from_tag_prefix: str = ""


@dataclass(frozen=True)
class Template:
    """The incident policy of one template; connection details live with the Summit adapter."""

    ticket_description: str = ""
    ticket_information: str = ""
    rules: Rules = field(default_factory=Rules)
    working_hours: WorkingHours = field(default_factory=WorkingHours)
    attributes: tuple[Attribute, ...] = ()
    working_hours_attributes: tuple[Attribute, ...] = ()
    non_working_hours_attributes: tuple[Attribute, ...] = ()
    custom_attributes: tuple[CustomAttribute, ...] = ()
    tags: tuple[TagRule, ...] = ()
    summit: SummitOptions = field(default_factory=SummitOptions)
    view_incident_url: str = ""
    view_host: str = ""
    triggers: tuple[tuple[str, TriggerText], ...] = ()
    recovery: Recovery = field(default_factory=Recovery)
    sync: SyncPolicy = field(default_factory=SyncPolicy)
    grouping: Grouping = field(default_factory=Grouping)
    maintenance_windows: tuple[WorkingHours, ...] = ()
    """B-13.3: each `maintenanceWindows` entry as the weekly windows of its days (HHMM and overnight as B-4.8)."""
    agent_down: TriggerText = field(default_factory=TriggerText)
    """B-13.4: the `agentDown` block; `None` texts mean the template's own."""
    reconcile: ReconcileScope | None = None
    """B-15.1: None without a `reconcile` block (then `reconcile` only tells what it would do)."""
    correlation: Correlation = field(default_factory=Correlation)
    runbook_tag: str = ""
    """B-16.1: `jobDescriptionXmlTag.xmlTag`, the tag whose text in the job documentation is the runbook."""
    documentation_routing: DocumentationRouting | None = None
    ci: ConfigurationItem | None = None

    def trigger_text(self, trigger: str) -> TriggerText | None:
        return dict(self.triggers).get(trigger)


VENDOR_DEFAULT_ATTRIBUTES: dict[str, str] = {
    "Priority_Name": "P3",
    "Impact_Name": "Medium",
    "Urgency_Name": "Medium",
    "Sup_Function": "IT",
    "Medium": "Web",
    "Classification_Name": "Application Support",
    "Source": "Event Trigger",
    "Category_Name": "ElasticSearch",
    "Assigned_WorkGroup_Name": "DevOps",
}


VENDOR_DEFAULTS: tuple[Attribute, ...] = tuple(Attribute(k, v) for k, v in VENDOR_DEFAULT_ATTRIBUTES.items())
DEFAULT_MAX_JOBLOG_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class ReportPolicy:
    """Connector.config values the report flow decides with (B-2.2, B-4.6): its policy, not its connections."""

    defaults: tuple[Attribute, ...] = VENDOR_DEFAULTS
    daily_start_hour: int = 0
    max_joblog_bytes: int = DEFAULT_MAX_JOBLOG_BYTES
