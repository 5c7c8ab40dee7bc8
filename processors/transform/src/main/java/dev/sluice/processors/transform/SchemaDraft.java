package dev.sluice.processors.transform;

import com.networknt.schema.SpecificationVersion;
import java.util.Arrays;
import java.util.Optional;

/** The JSON Schema versions the {@code json_schema} processor reads, as users name them. */
enum SchemaDraft {
  DRAFT_2020_12("2020-12", SpecificationVersion.DRAFT_2020_12),
  DRAFT_2019_09("2019-09", SpecificationVersion.DRAFT_2019_09),
  DRAFT_7("draft-07", SpecificationVersion.DRAFT_7),
  DRAFT_6("draft-06", SpecificationVersion.DRAFT_6),
  DRAFT_4("draft-04", SpecificationVersion.DRAFT_4);

  /** The version of a schema that says nothing: the current one. */
  static final SchemaDraft DEFAULT = DRAFT_2020_12;

  private final String word;
  private final SpecificationVersion version;

  SchemaDraft(String word, SpecificationVersion version) {
    this.word = word;
    this.version = version;
  }

  /** How the {@code draft} field names it. */
  String word() {
    return word;
  }

  SpecificationVersion version() {
    return version;
  }

  /** The {@code $schema} URI of this version's meta-schema. */
  String metaSchema() {
    return version.getDialectId();
  }

  static String[] words() {
    return Arrays.stream(values()).map(SchemaDraft::word).toArray(String[]::new);
  }

  static Optional<SchemaDraft> ofWord(String word) {
    return Arrays.stream(values()).filter(d -> d.word.equals(word)).findFirst();
  }

  /** The version whose meta-schema is {@code uri}, with or without a trailing {@code #}. */
  static Optional<SchemaDraft> ofMetaSchema(String uri) {
    String bare = uri.endsWith("#") ? uri.substring(0, uri.length() - 1) : uri;
    return Arrays.stream(values())
        .filter(d -> d.metaSchema().equals(bare) || d.metaSchema().equals(bare + "#"))
        .findFirst();
  }
}
