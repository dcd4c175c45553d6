package org.jgrub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code -l --json} on guests made by the real tools: valid against docs/schema/list-v1.json,
 * entry for entry what the pygrub-compatible {@code -l} lists (title, kernel, args, initrd), with
 * exactly one default, the one {@code jgrub inspect --json} names and {@code -n} boots.
 */
class ListJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Schema schema() throws IOException {
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(Files.readString(Path.of("docs/schema/list-v1.json")), InputFormat.JSON);
  }

  @ParameterizedTest
  @ValueSource(strings = {"guests/split-boot.img.xz", "guests/logical.img.xz",
      "guests/grub1-gpt.img.xz", "guests/extlinux-raw.img.xz", "guests/fat-extlinux.img.xz",
      "guests/rhel-xfs-bls.img.xz", "guests/solaris-ufs.img.xz", "iso9660/hybrid-gpt.img.xz",
      "uki/uki-esp.img.xz"})
  void jsonIsValidAndSaysWhatTheListingSays(String fixture) throws Exception {
    Path img = Fixtures.image(fixture);
    ToolsTest.Run r = ToolsTest.run("pygrub", "-l", "--json", img.toString());
    assertEquals(0, r.status(), r.err());
    List<Error> errors = schema().validate(r.text(), InputFormat.JSON);
    assertTrue(errors.isEmpty(), errors + "\n" + r.text());
    JsonNode doc = JSON.readTree(r.text());

    ToolsTest.Run l = ToolsTest.run("pygrub", "-l", img.toString());
    assertEquals(0, l.status(), l.err());
    List<String> fromText = new ArrayList<>();
    for (String line : l.text().split("\n")) {
      if (!line.startsWith("  root: ")) {
        fromText.add(line);
      }
    }
    List<String> fromJson = new ArrayList<>();
    int defaults = 0;
    for (JsonNode e : doc.get("entries")) {
      fromJson.add("title: " + e.get("title").asText());
      fromJson.add("  kernel: " + (e.get("kernel").isNull() ? "None" : e.get("kernel").asText()));
      String args = e.get("args").asText();
      fromJson.add("  args: " + (args.isEmpty() ? "None" : args));
      List<String> initrds = new ArrayList<>();
      e.get("initrds").forEach(i -> initrds.add(i.asText()));
      fromJson.add("  initrd: " + (initrds.isEmpty() ? "None" : String.join(" ", initrds)));
      if (e.get("default").asBoolean()) {
        defaults++;
        assertEquals(doc.get("default").get("index").asInt(), e.get("index").asInt());
      }
    }
    assertEquals(fromText, fromJson, "the entries -l lists");
    assertEquals(1, defaults, "exactly one default entry");
    assertTrue(!doc.get("default").get("reason").isNull());

    ToolsTest.Run inspect = ToolsTest.run("jgrub", "inspect", "--json", img.toString());
    System.clearProperty(Tools.PROG_PROPERTY);
    JsonNode boot = JSON.readTree(inspect.text()).get("boot");
    assertEquals(boot.get("default").get("index"), doc.get("default").get("index"));
    assertEquals(boot.get("config"), doc.get("config"));
  }

  @Test
  void jsonWithoutListIsAUsageError() throws IOException {
    ToolsTest.Run r = ToolsTest.run("pygrub", "--json", Fixtures.sample().toString());
    assertEquals(1, r.status());
    assertTrue(r.err().contains("--json goes with -l"), r.err());
  }
}
