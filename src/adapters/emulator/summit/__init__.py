"""The emulated Symphony Summit web service: operations, incident services, attachments, the envelope, the view page."""
