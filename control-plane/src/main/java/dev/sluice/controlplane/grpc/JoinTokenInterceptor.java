package dev.sluice.controlplane.grpc;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a call through only when it carries the join token as {@code authorization: Bearer
 * <token>}; otherwise closes it with {@code UNAUTHENTICATED}. The comparison takes the same time
 * whatever the token sent: both sides are hashed with SHA-256 and compared with {@link
 * MessageDigest#isEqual}. The token sent is never logged. Thread-safe.
 */
public final class JoinTokenInterceptor implements ServerInterceptor {

  private static final Logger log = LoggerFactory.getLogger(JoinTokenInterceptor.class);
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final String BEARER = "Bearer ";

  private final byte[] expected;

  /** Accepts calls that carry {@code joinToken}. */
  public JoinTokenInterceptor(String joinToken) {
    this.expected = sha256(joinToken);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String header = headers.get(AUTHORIZATION);
    String problem;
    if (header == null || !header.startsWith(BEARER)) {
      problem = "no join token: send the metadata 'authorization: Bearer <join token>' "
          + "with the join token the control plane was started with";
    } else if (!MessageDigest.isEqual(expected, sha256(header.substring(BEARER.length())))) {
      problem = "wrong join token: start the worker with the join token the control plane "
          + "was started with";
    } else {
      return next.startCall(call, headers);
    }
    log.warn("Refused {} from {}: {}", call.getMethodDescriptor().getFullMethodName(),
        call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR), problem);
    call.close(Status.UNAUTHENTICATED.withDescription(problem), new Metadata());
    return new ServerCall.Listener<>() {};
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
