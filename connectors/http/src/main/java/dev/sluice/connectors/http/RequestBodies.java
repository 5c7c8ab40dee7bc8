package dev.sluice.connectors.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sluice.api.error.PermanentException;
import dev.sluice.api.record.Record;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A batch's record values, each encoded as JSON once, cut into request bodies: consecutive slices
 * of at most a count of records and a number of bytes. Bodies of any slice can be built again,
 * smaller, when a server refuses a request and the refused record has to be found.
 */
final class RequestBodies {

  /** How a request body holds its records. */
  enum Format {
    /** {@code [v1,v2,...]}, application/json. */
    JSON_ARRAY("application/json"),
    /** One value per line, each line ending in a newline, application/x-ndjson. */
    NDJSON(IngestBody.NDJSON);

    private final String contentType;

    Format(String contentType) {
      this.contentType = contentType;
    }

    String contentType() {
      return contentType;
    }

    /** The format a config names: {@code json-array} or {@code ndjson}. */
    static Format of(String name) {
      return valueOf(name.replace('-', '_').toUpperCase(Locale.ROOT));
    }
  }

  /** Records {@code from} (inclusive) to {@code to} (exclusive) of the batch. */
  record Slice(int from, int to) {

    int size() {
      return to - from;
    }

    Slice firstHalf() {
      return new Slice(from, from + size() / 2);
    }

    Slice secondHalf() {
      return new Slice(from + size() / 2, to);
    }
  }

  private final List<byte[]> values;
  private final Format format;

  private RequestBodies(List<byte[]> values, Format format) {
    this.values = values;
    this.format = format;
  }

  /**
   * Encodes the value of every record of {@code batch}.
   *
   * @throws PermanentException naming the first record whose value is not JSON-like
   */
  static RequestBodies encode(List<Record> batch, Format format) throws PermanentException {
    List<byte[]> values = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      try {
        values.add(Json.write(batch.get(i).value()));
      } catch (JsonProcessingException e) {
        throw new PermanentException("record " + i + " of the batch cannot be written as JSON: "
            + e.getOriginalMessage(), e, i);
      }
    }
    return new RequestBodies(values, format);
  }

  /**
   * The batch cut into consecutive slices of at most {@code maxCount} records whose body is at
   * most {@code maxBytes}; a record whose body alone is larger gets a slice of its own.
   */
  List<Slice> split(int maxCount, long maxBytes) {
    List<Slice> slices = new ArrayList<>();
    int from = 0;
    long bytes = 0;
    for (int i = 0; i < values.size(); i++) {
      long added = values.get(i).length + separator(i - from);
      if (i > from && (i - from == maxCount || bytes + added > maxBytes)) {
        slices.add(new Slice(from, i));
        from = i;
        added = values.get(i).length + separator(0);
        bytes = 0;
      }
      bytes += added;
    }
    if (from < values.size()) {
      slices.add(new Slice(from, values.size()));
    }
    return slices;
  }

  /** The request body of {@code slice}. */
  byte[] body(Slice slice) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (format == Format.JSON_ARRAY) {
      out.write('[');
    }
    for (int i = slice.from(); i < slice.to(); i++) {
      if (format == Format.JSON_ARRAY && i > slice.from()) {
        out.write(',');
      }
      out.writeBytes(values.get(i));
      if (format == Format.NDJSON) {
        out.write('\n');
      }
    }
    if (format == Format.JSON_ARRAY) {
      out.write(']');
    }
    return out.toByteArray();
  }

  /** The bytes a record adds besides its value, as the {@code index}-th of its body. */
  private long separator(int index) {
    if (format == Format.NDJSON) {
      return 1;
    }
    return index == 0 ? 2 : 1; // brackets, or a comma
  }
}
