"""An emulator of the OpCon REST API and the Symphony Summit web service, shipped with the product.

Used by the end-to-end tests (the CLI runs as a subprocess against it over loopback), by
`summit-connector sandbox` and by `summit-connector demo`. Standard library only; two
`ThreadingHTTPServer`s on 127.0.0.1 in daemon threads; quiet.

    with Emulator() as emulator:                      # or Emulator(...).start(host, opcon_port, summit_port)
        samples = emulator.seed_samples()            # Samples: .plain, .route1, .closed_ticket, ... (SampleJob)
        config, template = sample_config_files(tmp_path, emulator)
        ...  # run `summit-connector -c config ... samples.plain.report_args() + ["-t", "sandbox"]`
        emulator.state.incidents["10001"].status     # Incident: status, fields, information, custom_fields,
                                                     #   attachments [(file name, bytes)], history, reopened,
                                                     #   updates [the Ticket object of each update taken]
        emulator.state.incident_ticket_writes        # [TicketWrite(uid, method, body)]
        emulator.state.documentation_writes          # [DocumentationWrite(job_id, method, body)]
        emulator.state.requests                      # [LoggedRequest(api, method, path, body)]; .route, .params
        emulator.faults.fail("summit", 503, times=2, retry_after=1)
        emulator.faults.fail("IM_GetIncidentListwithDetails", 500)   # that Summit service only
        emulator.faults.lose_reply("IM_LogOrUpdateIncident")        # created, then the connection closes unanswered
        missed = emulator.add_failed_job("PAYROLL", "2024-09-20", 16, 1, "JOB009", tags=["APP1"],
                                         start_machine=None, primary_machine="WINAGENT02")   # no NM run behind it

Emulator(opcon_token="sandbox-token", summit_api_key="sandbox-key", summit_prefix="api_integration",
         *, settings=EmulatorSettings(), clock=datetime.now)
  start(host="127.0.0.1", opcon_port=0, summit_port=0); stop(); context manager; opcon_url; summit_url;
  view_url(n); state (EmulatorState, hold state.lock to read several fields at once); settings; faults;
  add_schedule(day, master_id, instance, name) -> schedule id "yyyyMMdd|masterId|instance";
  add_job(schedule_id, name, uid=None, job_number=None, tags=(), incident_ticket_id="", documentation="",
          job_output={file name or agent path: text}, **incident_ticket_url/job_type/machine/start_machine/
          termination) -> job id;
  add_failed_job(schedule, day, master_id, instance, job, *, tags=(), start_machine="WINAGENT01" (None: none),
          primary_machine="WINAGENT01" (None: none), termination="+000000001", status="Failed" (or "Finished Ok",
          any description or category), **job fields) -> SampleJob (.agent = start, else primary, else "N/A");
  add_incident(ticket_no, status, fields=None); set_incident_status(ticket_no, status);
  set_incident_fields(ticket_no, **fields) (an analyst's edit, e.g. Medium="Phone");
  seed_samples(day=2024-09-21) -> Samples (kept as .samples); reset() (as constructed, samples re-seeded).

OpCon (paths case-insensitive; `Authorization: Token <token>` on all but GET /api/version, else 401 with
`[{"code": 401, "message": "Invalid token specified"}]`): GET /api/version, /api/tokens, /api/servicestatus,
/api/dailyschedules[?dates&name&ids], /api/dailyschedules/{id}, /api/dailyjobs[?ids&uids&scheduleIds&dates&name&
jobName&scheduleName&tags&status&jobNumber&includeDocumentation&limit&offset&includeCount] (list parameters
comma-joined or repeated: `dates=2024-09-20,2024-09-21`; `status=failed` by status category, any case), GET/PUT
/api/dailyjobs/{id} (PUT: the keys sent among incidentTicketId, incidentTicketURL, documentation replace the job's);
GET/POST /api/dailyjobs/{uid}/incidentTickets, PUT/DELETE …/incidentTickets/1 (a job has a ticket only while it has a
ticketId; POST when one exists → 400); GET/POST /api/dailyjobs/{id}/documentation, GET/PUT/DELETE
…/documentation/{docId} (docId = the job's uid);
POST /api/jobinstanceactions (LIST/FILE), GET /api/jobinstanceactions/{id} (`submitted` for
settings.jors_pending_polls polls, then `success`/`failed`); POST /api/jobactions {action, jobs: [{id}], reason}
(markUnderReview, markFixed, markFinishedOk, markFailed, restart; unknown daily job → 404), GET /api/jobactions/{id}
(`submitted` for settings.job_action_pending_polls polls, then `success` with the job's status changed, or `failed`
when its status does not allow the action; every one kept in state.job_actions). Jobs carry OpCon's `status`
object `{id, startStatus, description, category, changeReason}` (seeded ones 910/Failed/Failed;
state.set_job_status(id, "Finished OK") gives 900/Finished OK/Finished Ok; state.remove_job(id)),
`terminationDescription`, `startMachine`/`primaryMachine` Machine objects `{id, name, type}` or null, and
`schedule` (the daily schedule object). Name filters are applied as sent, `*`/`?` wildcards over SQL LIKE
(`name=JOB001` returns JOB001 only, `name=*JOB001*` also `JOB001_2` and `MYJOB001`; `[`/`]` are character classes);
`ids=` is exact. Date-times carry seven fractional digits and a UTC offset; `workWeek` is a number.
Errors: 400 `{code, message}`, 401 ApiError array, 404/405 RFC 7807.

Summit: POST /<prefix>/REST/Summit_RESTWCF.svc/RESTService/CommonWS_JsonObjCall[_JSON|_json] with ServiceName
IM_LogOrUpdateIncident (tickets numbered from 10001; updating a Closed/Cancelled ticket is rejected),
IM_GetIncidentDetailsAndChangeHistory or IM_GetIncidentListwithDetails (objIncidentCommonFilter: Status,
strUpdatedFromDate/strUpdatedToDate, PageSize, CurrentPageIndex from 0; MyTickets[] of {IncidentDetail: [row],
CustomAttribute: [...]}, see summit/incident_list.py); unknown ServiceName → 200 with `Errors` naming it; bad key →
200 with `Errors`. Summit date-times are `MM/dd/yyyy HH:mm:ss` by the emulator's clock.
POST …/Summit_UploadAttachmentBase64Encoded: objCommonParameters{_ProxyDetails, eModule "IM", TicketID (number
or internal id), AttachmentFileName, <settings.attachment_field, default FileBase64>}. Replies are plain JSON
objects (settings.double_encode=True makes every one a JSON string holding the JSON, a fault); TicketDetails rows
carry the key set of the public C# client's `IncidentDetail2`. GET /MDLIncidentMgmt/IM_TicketDetail.aspx?ID=n
is a tiny view page. Faults: see `Faults`; over HTTP: see `control`.
"""

from summit_connector.adapters.emulator.context import EmulatorSettings
from summit_connector.adapters.emulator.emulator import Emulator
from summit_connector.adapters.emulator.sample_files import sample_config_files
from summit_connector.adapters.emulator.samples import SAMPLE_DATE, SampleJob, Samples

__all__ = ["Emulator", "EmulatorSettings", "SAMPLE_DATE", "SampleJob", "Samples", "sample_config_files"]
