package dev.sluice.controlplane.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.controlplane.secrets.SecretCipher.Sealed;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

  private static final byte[] VALUE = "hunter2".getBytes(StandardCharsets.UTF_8);

  @Test
  void sealsWithAFreshNonceAndOpensOnlyWithTheSameKeyAndName() {
    SecretCipher cipher = SecretCipher.fromBase64(SecretCipher.newKeyBase64());
    SecretCipher otherKey = SecretCipher.fromBase64(SecretCipher.newKeyBase64());

    Sealed first = cipher.seal(VALUE, "shop/db");
    Sealed second = cipher.seal(VALUE, "shop/db");

    assertThat(first.nonce()).hasSize(12).isNotEqualTo(second.nonce());
    assertThat(first.ciphertext()).hasSize(VALUE.length + 16).isNotEqualTo(second.ciphertext());
    assertThat(cipher.open(first, "shop/db")).isEqualTo(VALUE);
    assertThatThrownBy(() -> otherKey.open(first, "shop/db"))
        .isInstanceOf(SecretDecryptionException.class)
        .hasMessageContaining("secret shop/db cannot be decrypted with the configured key");
    assertThatThrownBy(() -> cipher.open(first, "shop/other"))
        .isInstanceOf(SecretDecryptionException.class);
  }

  @Test
  void keysAreThirtyTwoBytesOfBase64AndErrorsNeverRepeatThem() {
    String urlSafe = Base64.getUrlEncoder().encodeToString(new byte[32]);
    String short16 = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    assertThat(SecretCipher.fromBase64(urlSafe)).isNotNull();
    assertThatThrownBy(() -> SecretCipher.fromBase64(short16))
        .hasMessageContaining("has 16 bytes, not 32")
        .hasMessageContaining("SLUICE_SECRET_KEY")
        .hasMessageNotContaining(short16);
    assertThatThrownBy(() -> SecretCipher.fromBase64("not*base64!"))
        .hasMessageContaining("not valid base64")
        .hasMessageNotContaining("not*base64!");
    assertThatThrownBy(() -> SecretCipher.fromBase64(null))
        .hasMessageContaining("no secret key is configured");
  }
}
