package dev.sluice.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PgTextTest {

  private static final Table.Column TEXT = new Table.Column("c", "text", false, false);
  private static final Table.Column ARRAY = new Table.Column("c", "text[]", true, false);

  @Test
  void numbersArePlainWithoutATrailingFraction() {
    assertThat(List.of(3.0, 1.5, 1e21, 1e-7, -0.0, 42, 7L, new BigDecimal("1.50"),
        new BigInteger("123456789012345678901234567890"), Double.NaN,
        Double.NEGATIVE_INFINITY)).map(PgText::scalar).containsExactly("3", "1.5",
            "1000000000000000000000", "0.0000001", "0", "42", "7", "1.5",
            "123456789012345678901234567890", "NaN", "-Infinity");
  }

  @Test
  void objectsAreJsonAndListsAreArrayLiteralsOnlyForArrayColumns() throws RefusedRecord {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("q\"uote", "line\nbreak\u0001");
    doc.put("n", Arrays.asList(1.0, null, true));
    List<Object> list = Arrays.asList("a\"b", "c\\d", null, List.of(1, 2), doc);

    assertThat(PgText.render(doc, TEXT))
        .isEqualTo("{\"q\\\"uote\":\"line\\nbreak\\u0001\",\"n\":[1,null,true]}");
    assertThat(PgText.render(list, TEXT))
        .startsWith("[\"a\\\"b\",\"c\\\\d\",null,[1,2],{");
    assertThat(PgText.render(list, ARRAY)).isEqualTo("{\"a\\\"b\",\"c\\\\d\",NULL,{\"1\",\"2\"},"
        + "\"{\\\"q\\\\\\\"uote\\\":\\\"line\\\\nbreak\\\\u0001\\\",\\\"n\\\":[1,null,true]}\"}");
  }

  @Test
  void bytesAreAByteaHexLiteralAndNullIsNull() throws RefusedRecord {
    assertThat(PgText.render(new byte[] {0, (byte) 0xff}, TEXT)).isEqualTo("\\x00ff");
    assertThat(PgText.render(null, ARRAY)).isNull();
  }

  @Test
  void textForAByteaColumnIsBase64UnlessItIsAHexLiteral() throws RefusedRecord {
    Table.Column bytea = new Table.Column("data", "bytea", false, false);

    assertThat(PgText.render("AP8=", bytea)).isEqualTo("\\x00ff");
    assertThat(PgText.render("\\x00ff", bytea)).isEqualTo("\\x00ff");
    assertThat(PgText.render("AP8=", TEXT)).isEqualTo("AP8=");
    assertThatThrownBy(() -> PgText.render("not base64!", bytea))
        .isInstanceOf(RefusedRecord.class)
        .hasMessageContaining("column data (bytea) takes base64 text")
        .hasMessageContaining("\"not base64!\"");
  }
}
