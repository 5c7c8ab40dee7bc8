package dev.sluice.connectors.http;

import static dev.sluice.connectors.http.IngestQueue.Offer.FULL;
import static dev.sluice.connectors.http.IngestQueue.Offer.QUEUED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.component.SourceRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestQueueTest {

  private final IngestQueue queue = new IngestQueue(100, 1000);

  @Test
  void recordsAreNumberedInRequestOrderWithTheirPositions() throws Exception {
    queue.offer(request(List.of("a", "b"), null, 0, 10));
    queue.offer(request(List.of("c", "d"), "key-1", 3, 10));

    List<SourceRecord> polled = queue.poll(Duration.ZERO, 10);

    assertThat(polled).extracting(r -> r.record().value()).containsExactly("a", "b", "c", "d");
    assertThat(polled).extracting(SourceRecord::position).containsExactly(
        Map.of("seq", 100L), Map.of("seq", 101L),
        Map.of("seq", 102L, "request", "key-1", "index", 3),
        Map.of("seq", 103L, "request", "key-1", "index", 4));
  }

  @Test
  void aPollHandsOutAtMostTheMaximumAndGoesOnWhereItStopped() throws Exception {
    queue.offer(request(List.of("a", "b", "c"), null, 0, 10));

    assertThat(queue.poll(Duration.ZERO, 2)).hasSize(2);
    assertThat(queue.poll(Duration.ZERO, 2)).extracting(r -> r.record().value())
        .containsExactly("c");
    assertThat(queue.poll(Duration.ZERO, 2)).isEmpty();
  }

  @Test
  void aRequestIsAnsweredOnlyOnceAllItsRecordsAreDurable() throws Exception {
    queue.offer(request(List.of("a", "b"), null, 0, 10));
    queue.offer(request(List.of("c"), null, 0, 10));
    queue.poll(Duration.ZERO, 10);

    assertThat(queue.acknowledge(100)).as("a is durable, b is not").isEmpty();
    assertThat(queue.acknowledge(101)).extracting(IngestQueue.Answer::records)
        .containsExactly(2);
    assertThat(queue.acknowledge(102)).extracting(IngestQueue.Answer::records)
        .containsExactly(1);
  }

  @Test
  void aFullQueueRefusesRequestsUntilPolledButAlwaysTakesOneRequest() throws Exception {
    assertThat(queue.offer(request(List.of("big"), null, 0, 5000)))
        .as("larger than the capacity, into an empty queue").isEqualTo(QUEUED);
    assertThat(queue.offer(request(List.of("x"), null, 0, 10))).isEqualTo(FULL);

    queue.poll(Duration.ZERO, 10);

    assertThat(queue.offer(request(List.of("x"), null, 0, 600))).isEqualTo(QUEUED);
    assertThat(queue.offer(request(List.of("y"), null, 0, 400))).isEqualTo(QUEUED);
    assertThat(queue.offer(request(List.of("z"), null, 0, 1))).isEqualTo(FULL);
  }

  @Test
  void closingHandsBackEveryUnansweredRequestAndRefusesMore() throws Exception {
    queue.offer(request(List.of("a"), null, 0, 10));
    queue.offer(request(List.of("b"), null, 0, 10));
    queue.poll(Duration.ZERO, 1);

    assertThat(queue.close()).hasSize(2);
    assertThat(queue.offer(request(List.of("c"), null, 0, 10)))
        .isEqualTo(IngestQueue.Offer.CLOSED);
    assertThat(queue.poll(Duration.ofSeconds(5), 10)).as("returns at once, empty").isEmpty();
  }

  private static IngestRequest request(List<Object> values, String key, int skipped, long bytes) {
    return new IngestRequest(null, values, key, skipped, bytes, 0L);
  }
}
