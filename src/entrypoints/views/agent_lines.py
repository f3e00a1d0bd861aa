"""How `agent-down` and `agent-up` tell what they did (B-13.4): one line naming the agent."""

from summit_connector.application.report import ReportOutcome
from summit_connector.domain.decision import SENDING


def agent_line(agent: str, outcome: ReportOutcome) -> str:
    if outcome.action in SENDING:
        url = f": {outcome.view_url}" if outcome.view_url else ""
        return f"Incident {outcome.ticket_number} {outcome.action.value} for agent {agent}{url}"
    return f"Nothing done for agent {agent}: {outcome.reason}"
