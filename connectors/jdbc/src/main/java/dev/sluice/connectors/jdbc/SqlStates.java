package dev.sluice.connectors.jdbc;

import java.sql.SQLException;
import java.util.Set;

/**
 * Sorts SQL failures into those that may pass (retry the batch on a new connection) and those a
 * record causes (find it, refuse it), by SQLSTATE. Failures to connect that only the user can fix
 * (a wrong password, a missing database) are a third kind.
 *
 * <p>Transient: 08 connection exceptions, 40 transaction rollbacks (serialization failure 40001,
 * deadlock 40P01, completion unknown 40003; not 40002, a constraint), 53 insufficient resources
 * (disk full, out of memory, too many connections), 55 object not in prerequisite state (lock not
 * available), 57 operator intervention (admin shutdown 57P01, crash 57P02, cannot connect now
 * 57P03, canceled 57014), 58 system errors (I/O), XX internal errors, and failures without a
 * state. Everything else, such as 22 data exceptions, 23 integrity constraint violations, 42
 * undefined or inaccessible objects, is something a record or the table causes; retrying would
 * not help.
 */
final class SqlStates {

  private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53", "55", "57", "58", "XX");
  private static final Set<String> TRANSIENT_ROLLBACKS = Set.of("40000", "40001", "40003", "40P01");
  private static final Set<String> LOGIN_STATES = Set.of("08004", "3D000", "42501");

  private SqlStates() {}

  /**
   * The exception that says what went wrong: for a failed JDBC batch, the database's error about
   * the statement that failed rather than the driver's summary.
   */
  static SQLException cause(SQLException e) {
    SQLException next = e.getNextException();
    return next != null && next.getSQLState() != null ? next : e;
  }

  /** The SQLSTATE of {@code e}'s {@link #cause}, or {@code null}. */
  static String state(SQLException e) {
    return cause(e).getSQLState();
  }

  /** Whether trying again, on a new connection, may succeed. */
  static boolean isTransient(SQLException e) {
    String state = state(e);
    if (state == null || state.length() != 5) {
      return true;
    }
    return TRANSIENT_CLASSES.contains(state.substring(0, 2)) || TRANSIENT_ROLLBACKS.contains(state);
  }

  /**
   * Whether a failure to connect needs the user to change the config or the database: a refused
   * login (class 28, 08004), a database that does not exist (3D000), no permission to connect.
   */
  static boolean isLoginRefused(SQLException e) {
    String state = state(e);
    return state != null && (state.startsWith("28") || LOGIN_STATES.contains(state));
  }
}
