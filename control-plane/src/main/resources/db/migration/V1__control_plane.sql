-- The control plane's source of truth. Kafka's compacted topics are a projection of these tables,
-- fed through the outbox in the same transactions.

-- One row per stream: its current revision. resource_version equals the current revision number
-- and is what clients send back for optimistic concurrency.
create table streams (
  namespace        text        not null,
  name             text        not null,
  revision         bigint      not null,
  state            text        not null check (state in ('active', 'paused')),
  valid            boolean     not null,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  primary key (namespace, name)
);

-- Immutable history. document is the text as submitted (YAML or JSON); definition_json the
-- validated, normalised definition (null when the revision was saved paused and invalid).
create table stream_revisions (
  namespace        text        not null,
  name             text        not null,
  revision         bigint      not null,
  document         text        not null,
  definition_json  text,
  state            text        not null check (state in ('active', 'paused')),
  created_by       text        not null,
  created_at       timestamptz not null default now(),
  primary key (namespace, name, revision)
);

-- Events to relay to Kafka, in id order. value null = tombstone.
create table outbox (
  id               bigserial   primary key,
  topic            text        not null,
  key              text        not null,
  value            bytea,
  created_at       timestamptz not null default now(),
  published_at     timestamptz
);
create index outbox_unpublished on outbox (id) where published_at is null;

-- Workers, identified by a stable name; id survives restarts of the same name.
create table workers (
  id                 text        primary key,
  name               text        not null unique,
  host               text        not null,
  version            text        not null,
  capacity           int         not null,
  components         text[]      not null default '{}',
  registered_at      timestamptz not null default now(),
  last_heartbeat_at  timestamptz not null default now(),
  lease_expires_at   timestamptz not null,
  cpu_load           double precision,
  memory_used_bytes  bigint,
  memory_max_bytes   bigint
);

-- The one current assignment of each stream instance. epoch grows whenever the instance moves.
create table assignments (
  namespace        text        not null,
  name             text        not null,
  instance         int         not null,
  worker_id        text        not null references workers (id),
  epoch            bigint      not null,
  revision         bigint      not null,
  assigned_at      timestamptz not null default now(),
  primary key (namespace, name, instance)
);

-- Observed state of each instance, as its worker last reported it.
create table instance_status (
  namespace        text        not null,
  name             text        not null,
  instance         int         not null,
  worker_id        text        not null,
  epoch            bigint      not null,
  revision         bigint      not null,
  state            text        not null,
  records_in       bigint      not null default 0,
  records_out      bigint      not null default 0,
  errors           bigint      not null default 0,
  dead_lettered    bigint      not null default 0,
  dropped          bigint      not null default 0,
  lag              bigint      not null default -1,
  error            text,
  updated_at       timestamptz not null default now(),
  primary key (namespace, name, instance)
);

-- Who changed what, when. detail never holds a secret value.
create table audit_log (
  id               bigserial   primary key,
  at               timestamptz not null default now(),
  actor            text        not null,
  action           text        not null,
  namespace        text,
  name             text,
  detail           jsonb       not null default '{}'
);

-- Secret values, encrypted with AES-GCM; the key is not in the database.
create table secrets (
  namespace        text        not null,
  name             text        not null,
  nonce            bytea       not null,
  ciphertext       bytea       not null,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  primary key (namespace, name)
);

-- API tokens, stored as SHA-256 hashes. namespaces '{*}' means all.
create table api_tokens (
  id               text        primary key,
  name             text        not null unique,
  token_hash       bytea       not null unique,
  role             text        not null check (role in ('viewer', 'editor', 'admin')),
  namespaces       text[]      not null,
  created_at       timestamptz not null default now(),
  last_used_at     timestamptz
);
