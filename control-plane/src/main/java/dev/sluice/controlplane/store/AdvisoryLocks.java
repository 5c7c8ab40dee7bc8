package dev.sluice.controlplane.store;

/**
 * Keys of the Postgres advisory locks the control plane takes. Advisory locks share one key space
 * per database, so every key is listed here, each distinct; all start with the bytes of "sluice".
 */
public final class AdvisoryLocks {

  /**
   * Session lock held by the one active outbox publisher of a database; the others wait as
   * standbys.
   */
  public static final long OUTBOX_PUBLISHER = 0x736c_7569_6365_0001L;

  /**
   * Transaction lock taken before a row is appended to the outbox and held until commit, so outbox
   * rows become visible in id order.
   */
  public static final long OUTBOX_APPEND = 0x736c_7569_6365_0002L;

  /**
   * Transaction lock taken (with try) by a scheduling pass, so that only one control plane
   * schedules at a time; the others skip their pass.
   */
  public static final long SCHEDULER = 0x736c_7569_6365_0003L;

  /**
   * Transaction lock taken by a DLQ replay from before it reads which dead letters were replayed
   * until it has recorded the ones it wrote, so two replays of one record cannot both write it.
   */
  public static final long DLQ_REPLAY = 0x736c_7569_6365_0004L;

  /**
   * Transaction lock taken by a declarative apply before it locks the streams it plans for, so that
   * two applies (say, a git sync and a person running {@code sluice apply}) plan one after the
   * other and never lock overlapping streams in different orders.
   */
  public static final long APPLY = 0x736c_7569_6365_0005L;

  private AdvisoryLocks() {}
}
