-- GitOps on top of V3: which apply set owns a stream, and what each git sync last did.

-- apply_set names the set of documents (a directory, a Git repository) that last applied the
-- stream; null for streams made through the REST API or the UI. applied_revision is the revision
-- that apply left current: when the stream's revision moves past it, something else changed the
-- stream since (drift). Both columns go away with the row when the stream is deleted.
alter table streams
  add column apply_set         text,
  add column applied_revision  bigint;
create index streams_apply_set on streams (apply_set) where apply_set is not null;

-- The outcome of each git sync's last attempt, shared by every control plane on the database.
create table git_sync_status (
  name              text        primary key,
  last_commit       text,
  last_synced_at    timestamptz,
  last_attempt_at   timestamptz not null,
  error             text,
  drift             text[]      not null default '{}',
  summary           jsonb       not null default '{}'
);
