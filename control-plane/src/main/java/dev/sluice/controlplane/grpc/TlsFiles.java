package dev.sluice.controlplane.grpc;

import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * PEM files that put the worker registry behind TLS, and optionally mutual TLS.
 *
 * @param certChain the control plane's certificate chain (PEM)
 * @param privateKey its private key (PEM, PKCS#8, unencrypted)
 * @param clientCa when not {@code null}, workers must present a certificate signed by one of
 *     these CA certificates (PEM): mutual TLS
 */
public record TlsFiles(Path certChain, Path privateKey, Path clientCa) {

  /** Server credentials from the files. */
  ServerCredentials credentials() {
    requireFile("certChain", certChain, "the PEM certificate chain of the control plane");
    requireFile("privateKey", privateKey, "the PEM private key of that certificate");
    TlsServerCredentials.Builder builder = TlsServerCredentials.newBuilder();
    try {
      builder.keyManager(certChain.toFile(), privateKey.toFile());
      if (clientCa != null) {
        requireFile("clientCa", clientCa, "the PEM certificates of the CA that signs workers");
        builder.trustManager(clientCa.toFile())
            .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("registry TLS: cannot load " + certChain + ", " + privateKey
          + (clientCa == null ? "" : " or " + clientCa) + ": " + e.getMessage()
          + "; give PEM files (the key as unencrypted PKCS#8)", e);
    }
    return builder.build();
  }

  private static void requireFile(String field, Path file, String what) {
    if (file == null || !Files.isReadable(file)) {
      throw new IllegalStateException("registry TLS " + field + ": " + file
          + " is not a readable file; point it at " + what);
    }
  }
}
