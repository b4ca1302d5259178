-- The W3C traceparent of the request (or message) whose transaction wrote the row, so that the
-- relay publishes the message as part of that trace. NULL for rows written outside a trace and
-- for rows written before this column existed.
ALTER TABLE outbox_message
    ADD COLUMN trace_parent varchar(128);
