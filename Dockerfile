# syntax=docker/dockerfile:1
# One image for every role: `docker run IMAGE coordinator ...` or `docker run IMAGE worker ...`
# (and `dev`, `lint`...). It holds the unpacked distribution, cli/target/sluice-<version>.tar.gz,
# under /opt/sluice. See docs/deployment.md.

# --- build: the distribution, with the Maven wrapper on a JDK 21 ------------------------------
# A Maven image because ./mvnw fetches its Maven 3.9.11 through the machine's own mvn (ADR 0001).
FROM maven:3.9-eclipse-temurin-21 AS build
# The web UI (ui/, docs/web-ui.md) builds with Node.js 20.19+ and npm, taken from Node's own image.
COPY --from=node:22-bookworm-slim /usr/local/bin/node /usr/local/bin/node
COPY --from=node:22-bookworm-slim /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm
WORKDIR /src
COPY . .
# Tests run in CI, not in the image build; the Maven repository is cached between builds.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -Dmaven.test.skip=true -pl cli -am package \
 && mkdir /dist \
 && tar -xzf cli/target/sluice-*.tar.gz -C /dist --strip-components=1

# --- runtime: a JRE 21, the distribution, a user without privileges --------------------------
FROM eclipse-temurin:21-jre
# The base image's curl serves the health checks of compose/compose.yaml.
RUN groupadd --system --gid 10001 sluice \
 && useradd --system --uid 10001 --gid sluice --home-dir /var/lib/sluice --shell /usr/sbin/nologin sluice \
 && mkdir -p /var/lib/sluice/state \
 && chown -R sluice:sluice /var/lib/sluice
COPY --from=build /dist /opt/sluice
# bin/sluice sets SLUICE_HOME and SLUICE_PLUGINS from where it lies.
ENV PATH=/opt/sluice/bin:$PATH
# The working directory holds what a role writes by default (a worker's --state-dir, sluice dev's
# data); mount a volume there, or on /var/lib/sluice/state for a worker's state alone.
WORKDIR /var/lib/sluice
USER 10001:10001
# REST API, worker registry (gRPC), http_server inputs, worker metrics.
EXPOSE 8080 7070 8081 9400
ENTRYPOINT ["/opt/sluice/bin/sluice"]
CMD ["--help"]
