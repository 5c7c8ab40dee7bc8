package dev.sluice.dataplane.worker;

import io.grpc.ChannelCredentials;
import io.grpc.TlsChannelCredentials;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * TLS to the control plane's worker registry.
 *
 * @param trustedCa PEM certificates that sign the control plane's certificate
 * @param certChain the worker's PEM certificate chain for mutual TLS, or {@code null}
 * @param privateKey the worker's PEM private key for mutual TLS, or {@code null}
 */
public record RegistryTls(Path trustedCa, Path certChain, Path privateKey) {

  public RegistryTls {
    if ((certChain == null) != (privateKey == null)) {
      throw new IllegalArgumentException("a client certificate needs its private key and the other way round; "
          + "give both (mutual TLS) or neither");
    }
  }

  ChannelCredentials credentials() {
    try {
      TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder().trustManager(file(trustedCa));
      if (certChain != null) {
        builder.keyManager(file(certChain), file(privateKey));
      }
      return builder.build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the TLS files for the control plane: " + e.getMessage(), e);
    }
  }

  private static File file(Path path) {
    if (!Files.isReadable(path)) {
      throw new IllegalArgumentException("TLS file " + path + " does not exist or cannot be read");
    }
    return path.toFile();
  }
}
