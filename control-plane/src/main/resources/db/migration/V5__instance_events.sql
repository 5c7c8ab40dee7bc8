-- What happened to each stream instance and when: a row whenever a worker's report changes an
-- instance's state, worker or epoch (started, running, failed with its error, recovered, stopped,
-- moved to another worker). instance_status keeps only the latest report; this keeps the story.
create table instance_events (
  id               bigserial   primary key,
  at               timestamptz not null default now(),
  namespace        text        not null,
  name             text        not null,
  instance         int         not null,
  worker_id        text        not null,
  epoch            bigint      not null,
  revision         bigint      not null,
  state            text        not null,
  error            text
);
create index instance_events_stream on instance_events (namespace, name, id);
