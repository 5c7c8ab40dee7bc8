-- Scheduler and worker reports, on top of V1.

-- The last epoch ever handed out for each stream instance. Assignment rows are deleted when a
-- stream is paused or deleted or its parallelism lowered; this table is not, so an instance that
-- comes back continues with a higher epoch and a worker can always fence on "higher epoch wins".
create table instance_epochs (
  namespace        text        not null,
  name             text        not null,
  instance         int         not null,
  epoch            bigint      not null,
  primary key (namespace, name, instance)
);

-- Throughput of an instance: counters and time of the last rate sample (at most one a second),
-- and the rates computed from the sample before it.
alter table instance_status
  add column rate_sampled_at      timestamptz,
  add column rate_records_in      bigint,
  add column rate_records_out     bigint,
  add column records_in_per_sec   double precision,
  add column records_out_per_sec  double precision;
