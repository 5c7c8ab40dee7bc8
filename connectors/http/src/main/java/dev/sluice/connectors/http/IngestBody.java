package dev.sluice.connectors.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of one request to {@code http_server}: a JSON object (or any other non-null JSON
 * value) is one record, a JSON array one record per element, and an NDJSON body ({@code
 * Content-Type: application/x-ndjson}) one record per non-blank line.
 */
final class IngestBody {

  /** The media type of newline-delimited JSON. */
  static final String NDJSON = "application/x-ndjson";

  private IngestBody() {}

  /** A body that does not parse, with a message that says where and why. */
  static final class MalformedBodyException extends Exception {
    MalformedBodyException(String message) {
      super(message);
    }
  }

  /**
   * The record values in the first {@code length} bytes of {@code body}.
   *
   * @param contentType the request's Content-Type, or null
   * @throws MalformedBodyException naming the line and column of the first mistake
   */
  static List<Object> parse(byte[] body, int length, String contentType)
      throws MalformedBodyException {
    return isNdjson(contentType) ? lines(body, length) : document(body, length);
  }

  private static boolean isNdjson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    return type.equalsIgnoreCase(NDJSON);
  }

  private static List<Object> document(byte[] body, int length) throws MalformedBodyException {
    if (isBlank(body, 0, length)) {
      throw new MalformedBodyException("the body is empty; send a JSON object, a JSON array of "
          + "records, or NDJSON with Content-Type: " + NDJSON);
    }
    Object value = parse(body, 0, length, 0);
    if (value instanceof List<?> list) {
      List<Object> records = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i) == null) {
          throw new MalformedBodyException("element " + i + " of the array is null; a record "
              + "needs a value, such as {\"id\": 1}");
        }
        records.add(list.get(i));
      }
      return records;
    }
    if (value == null) {
      throw new MalformedBodyException("the body is null; a record needs a value, such as "
          + "{\"id\": 1}");
    }
    return List.of(value);
  }

  private static List<Object> lines(byte[] body, int length) throws MalformedBodyException {
    List<Object> records = new ArrayList<>();
    int line = 0;
    for (int start = 0; start < length; line++) {
      int end = start;
      while (end < length && body[end] != '\n') {
        end++;
      }
      if (!isBlank(body, start, end)) {
        Object value = parse(body, start, end - start, line);
        if (value == null) {
          throw new MalformedBodyException("line " + (line + 1) + " is null; a record needs a "
              + "value, such as {\"id\": 1}");
        }
        records.add(value);
      }
      start = end + 1;
    }
    return records;
  }

  private static Object parse(byte[] body, int offset, int length, int line)
      throws MalformedBodyException {
    try {
      return Json.read(body, offset, length);
    } catch (JsonProcessingException e) {
      throw new MalformedBodyException("malformed JSON at " + Json.describe(e, line));
    } catch (IOException e) {
      throw new MalformedBodyException("unreadable body: " + e.getMessage());
    }
  }

  private static boolean isBlank(byte[] body, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = body[i];
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }
}
