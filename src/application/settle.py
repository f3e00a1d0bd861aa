"""Self-healing creates (B-15.2) for one template: an uncertain create is looked for in Summit's incident list
when it is next replayed; the incident it made is adopted, a create that did not land is sent again once, and
anything else keeps it uncertain with the reason `outbox` shows."""

from dataclasses import dataclass
from datetime import date

from summit_connector.application.adopt import Adopt, Adoption, open_intents, sent_by
from summit_connector.application.errors import DeliveryFailed, SummitRejected, SummitUnavailable
from summit_connector.application.ports import Clock, DailyJobs, IncidentList, JobIncidents, KeptEvent
from summit_connector.application.reads import find_job
from summit_connector.domain.incident import ListedIncident
from summit_connector.domain.plan import lost_create
from summit_connector.domain.settling import Settlement, SettleVerdict, Settling, correlation_value, decide_settlement
from summit_connector.domain.template import ReportPolicy, Template


@dataclass(frozen=True)
class Healed:
    """The settlement, and the adoption when the list showed the incident."""

    settlement: Settlement
    adoption: Adoption | None = None


class SettleUncertain:
    def __init__(self, incident_list: IncidentList, daily_jobs: DailyJobs, job_incidents: JobIncidents, adopt: Adopt,
                 clock: Clock, template: Template, policy: ReportPolicy) -> None:
        self._list = incident_list
        self._daily_jobs = daily_jobs
        self._listings: dict[date, list[ListedIncident] | None] = {}
        self._job_incidents = job_incidents
        self._adopt = adopt
        self._clock = clock
        self._template = template
        self._policy = policy

    def __call__(self, kept: KeptEvent) -> Healed:
        """The caller holds the job's locks. Adopts what the list shows; otherwise only decides."""
        settlement = self.settle(kept)
        if settlement.verdict is SettleVerdict.ADOPT:
            return Healed(settlement, self._adopt.found(kept, settlement.ticket))
        return Healed(settlement)

    def settle(self, kept: KeptEvent) -> Settlement:
        intent = sent_by(kept, open_intents(self._job_incidents, kept.event.job_key))
        sent_at, event = (intent.created_at, intent.event) if intent is not None else (kept.kept_at, kept.event)
        value = correlation_value(kept.event.job_key, intent.id if intent is not None else 0)
        try:
            job = find_job(self._daily_jobs, event)
        except DeliveryFailed as failure:  # what the create carried is not known: never send it again blind
            return Settlement(SettleVerdict.STAY, Settling.UNREADABLE, f"{failure}; looked for again at the next "
                              "replay")
        looked_for = lost_create(event, job, self._template, self._policy, sent_at, value)
        return decide_settlement(looked_for, self._listed(sent_at.date()), self._clock.now(),
                                 self._template.correlation, kept.settling == Settling.RESENT)

    def _listed(self, since: date) -> list[ListedIncident] | None:
        """Summit's list, asked once per day looked for by this settler (one settler serves one replay pass)."""
        if since not in self._listings:
            try:
                self._listings[since] = self._list.updated_since(self._template.summit.known_statuses, since)
            except (SummitUnavailable, SummitRejected):
                self._listings[since] = None
        return self._listings[since]

