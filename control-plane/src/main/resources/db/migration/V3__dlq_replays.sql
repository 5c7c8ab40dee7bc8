-- Dead letters replayed through the REST API, so that each is re-injected once. A dead letter is
-- named by its dead-letter topic's id (a topic deleted and created again gets a new one, and its
-- offsets start over) and its partition and offset there.
create table dlq_replays (
  dlq_topic_id      text        not null,
  dlq_partition     int         not null,
  dlq_offset        bigint      not null,
  namespace         text        not null,
  name              text        not null,
  target_topic      text        not null,
  target_partition  int         not null,
  target_offset     bigint      not null,
  replayed_by       text        not null,
  replayed_at       timestamptz not null default now(),
  primary key (dlq_topic_id, dlq_partition, dlq_offset)
);
create index dlq_replays_stream on dlq_replays (namespace, name);
