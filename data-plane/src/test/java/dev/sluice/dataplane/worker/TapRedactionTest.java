package dev.sluice.dataplane.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TapRedactionTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void hidesEverySecretValueAsItsReference() {
    TapRedaction redaction = new TapRedaction(Map.of("token", "s3cr3t", "db", "pa\"ss-wörd"));
    assertThat(text(redaction.hide(utf8("{\"note\":\"my token is s3cr3t, again s3cr3t\"}"))))
        .isEqualTo("{\"note\":\"my token is ${secret:token}, again ${secret:token}\"}");
    // As Jackson writes it inside a JSON string, and as plain text.
    assertThat(text(redaction.hide(utf8("{\"p\":\"pa\\\"ss-wörd\"}")))).isEqualTo("{\"p\":\"${secret:db}\"}");
    assertThat(text(redaction.hide(utf8("pa\"ss-wörd")))).isEqualTo("${secret:db}");
    assertThat(text(redaction.hide(utf8("nothing secret")))).isEqualTo("nothing secret");
    assertThat(redaction.hide(null)).isNull();
  }

  @Test
  void keepsBytesThatAreNotTextExactlyAndHidesASecretInsideThem() {
    TapRedaction redaction = new TapRedaction(Map.of("k", "key"));
    byte[] raw = {(byte) 0xff, 0, 'k', 'e', 'y', (byte) 0x80};
    assertThat(redaction.hide(raw)).containsExactly(0xff, 0, '$', '{', 's', 'e', 'c', 'r', 'e', 't', ':', 'k', '}',
        0x80);
    assertThat(redaction.hide(new byte[] {(byte) 0xc3, (byte) 0x28})).containsExactly(0xc3, 0x28);
  }

  @Test
  void aLongerSecretIsHiddenWholeAndCredentialHeadersNeverShow() {
    TapRedaction redaction = new TapRedaction(Map.of("short", "abc", "long", "abcdef", "empty", ""));
    assertThat(text(redaction.hide(utf8("abcdef abc")))).isEqualTo("${secret:long} ${secret:short}");
    assertThat(text(redaction.header("Authorization", utf8("Bearer xyz")))).isEqualTo(TapRedaction.HIDDEN);
    assertThat(text(redaction.header("x-request-id", utf8("id abc")))).isEqualTo("id ${secret:short}");
  }
}
