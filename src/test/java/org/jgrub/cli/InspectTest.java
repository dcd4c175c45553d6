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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code jgrub inspect --json} on the whole-disk guests (made by sfdisk, sgdisk, mke2fs, mkfs.xfs,
 * mkfs.vfat, makefs): valid against docs/schema/inspect-v2.json, its partitions as {@code sfdisk
 * --json} reads the same image, its filesystems as {@code blkid -p} probes each volume, and its
 * entries as {@code -l} lists them.
 */
class InspectTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Schema schema() throws IOException {
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(Files.readString(Path.of("docs/schema/inspect-v2.json")), InputFormat.JSON);
  }

  @ParameterizedTest
  @ValueSource(strings = {"guests/split-boot.img.xz", "guests/logical.img.xz",
      "guests/grub1-gpt.img.xz", "guests/extlinux-raw.img.xz", "guests/fat-extlinux.img.xz",
      "guests/rhel-xfs-bls.img.xz", "guests/solaris-ufs.img.xz", "iso9660/hybrid-gpt.img.xz",
      "uki/uki-esp.img.xz"})
  void jsonIsValidAndAgreesWithSfdiskBlkidAndList(String fixture) throws Exception {
    Path img = Fixtures.image(fixture);
    ToolsTest.Run r = ToolsTest.run("jgrub", "inspect", img.toString(), "--json");
    System.clearProperty(Tools.PROG_PROPERTY);
    assertEquals(0, r.status(), r.err());
    String text = r.text();
    List<Error> errors = schema().validate(text, InputFormat.JSON);
    assertTrue(errors.isEmpty(), errors + "\n" + text);
    JsonNode doc = JSON.readTree(text);
    assertEquals(Files.size(img), doc.get("image").get("size").asLong());

    JsonNode sf = sfdisk(img);
    String table = doc.get("partition_table").get("type").asText();
    if (sf == null) {
      assertEquals("none", table);
    } else {
      String label = sf.get("label").asText();
      assertTrue(table.equals(label.equals("dos") ? "msdos" : label)
          || (table.equals("hybrid-iso") && label.equals("dos")), table + " vs " + label);
      checkPartitions(doc, sf);
    }
    for (JsonNode v : doc.get("volumes")) {
      if (v.get("filesystem").isNull()) {
        continue;
      }
      Map<String, String> b = blkid(img, v.get("offset").asLong(), v.get("size").asLong());
      JsonNode fs = v.get("filesystem");
      String type = fs.get("type").asText();
      assertEquals(b.get("TYPE"), type.startsWith("ufs") ? "ufs" : type, v.get("name").asText());
      assertEquals(b.get("UUID"), text(fs.get("uuid")), v.get("name") + " UUID");
      assertEquals(b.get("LABEL"), text(fs.get("label")), v.get("name") + " LABEL");
    }
    ToolsTest.Run list = ToolsTest.run("pygrub", "-l", img.toString());
    List<String> titles = new ArrayList<>();
    for (String line : list.text().split("\n")) {
      if (line.startsWith("title: ")) {
        titles.add(line.substring(7));
      }
    }
    List<String> got = new ArrayList<>();
    for (JsonNode e : doc.get("boot").get("entries")) {
      got.add(e.get("title").asText());
    }
    assertEquals(titles, got, "entries as -l lists them");
    if (!titles.isEmpty()) {
      assertTrue(doc.get("boot").get("default").get("index").asInt() < titles.size());
    }
  }

  private static void checkPartitions(JsonNode doc, JsonNode sf) {
    Map<Integer, JsonNode> ours = new HashMap<>();
    for (JsonNode v : doc.get("volumes")) {
      // Solaris slices live inside partition 1: sfdisk does not list them.
      if (!v.get("partition").isNull() && v.get("name").asText().split(",").length == 2) {
        ours.put(v.get("number").asInt(), v);
      }
    }
    int seen = 0;
    long sector = sf.get("sectorsize").asLong();
    for (JsonNode p : sf.get("partitions")) {
      String node = p.get("node").asText();
      int n = Integer.parseInt(node.substring(node.lastIndexOf(".img") + 4));
      String type = p.get("type").asText().toLowerCase(Locale.ROOT);
      if (type.equals("5") || type.equals("f") || type.equals("85") || type.equals("bf")) {
        continue; // extended and Solaris partitions are containers: their contents are the volumes
      }
      JsonNode v = ours.get(n);
      assertTrue(v != null, "partition " + n + " missing");
      seen++;
      assertEquals(p.get("start").asLong() * sector, v.get("offset").asLong(), node);
      assertEquals(p.get("size").asLong() * sector, v.get("size").asLong(), node);
      JsonNode part = v.get("partition");
      String ourType = part.get("type").asText();
      assertEquals(type, ourType.startsWith("0x") ? ourType.substring(2).replaceFirst("^0", "") : ourType, node);
      assertEquals(p.has("bootable") && p.get("bootable").asBoolean(), part.get("bootable").asBoolean());
      if (p.has("uuid")) {
        assertEquals(p.get("uuid").asText().toLowerCase(Locale.ROOT), part.get("uuid").asText(), node);
      }
      assertEquals(p.has("name") ? p.get("name").asText() : null, text(part.get("name")), node);
    }
    assertEquals(seen, ours.size(), "partitions jgrub found that sfdisk does not list");
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }

  /**
   * The operator commands read image files through the same detection as booting: the sample
   * converted by qemu-img (fixtures/make-images.sh) shows its format and, below it, the same
   * partitions, filesystems, entries and file bytes as the raw sample.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sample-v3.qcow2:qcow2", "sample-zstd.qcow2:qcow2",
      "sample-dynamic.vhd:vpc", "sample-stream.vmdk:vmdk"})
  void imageFilesShowTheirFormatAndTheSameGuestAsRaw(String fixtureAndFormat) throws Exception {
    String[] f = fixtureAndFormat.split(":");
    Path img = Fixtures.image("images/" + f[0] + ".xz");
    Path raw = Fixtures.sample();
    JsonNode doc = inspect(img);
    JsonNode rawDoc = inspect(raw);
    assertEquals(f[1], doc.get("image").get("format").asText());
    assertEquals("raw", rawDoc.get("image").get("format").asText());
    assertEquals(rawDoc.get("partition_table"), doc.get("partition_table"));
    assertEquals(rawDoc.get("volumes"), doc.get("volumes"));
    assertEquals(rawDoc.get("boot"), doc.get("boot"));
    ToolsTest.Run cat = ToolsTest.run("jgrub", "cat", img.toString(), "/boot/grub/grub.cfg");
    ToolsTest.Run rawCat = ToolsTest.run("jgrub", "cat", raw.toString(), "/boot/grub/grub.cfg");
    System.clearProperty(Tools.PROG_PROPERTY);
    assertEquals(0, cat.status(), cat.err());
    assertTrue(cat.out().length > 0);
    assertTrue(java.util.Arrays.equals(rawCat.out(), cat.out()));
  }

  private static JsonNode inspect(Path img) throws Exception {
    ToolsTest.Run r = ToolsTest.run("jgrub", "inspect", img.toString(), "--json");
    System.clearProperty(Tools.PROG_PROPERTY);
    assertEquals(0, r.status(), r.err());
    List<Error> errors = schema().validate(r.text(), InputFormat.JSON);
    assertTrue(errors.isEmpty(), errors + "\n" + r.text());
    return JSON.readTree(r.text());
  }

  static JsonNode sfdisk(Path img) throws Exception {
    Process p = new ProcessBuilder("sfdisk", "--json", img.toString()).redirectErrorStream(false).start();
    byte[] out = p.getInputStream().readAllBytes();
    p.getErrorStream().readAllBytes();
    if (p.waitFor() != 0) {
      return null;
    }
    return JSON.readTree(out).get("partitiontable");
  }

  static Map<String, String> blkid(Path img, long offset, long size) throws Exception {
    Process p = new ProcessBuilder("blkid", "-p", "-o", "export", "-O", Long.toString(offset),
        "-S", Long.toString(size), img.toString()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    Map<String, String> m = new HashMap<>();
    for (String line : out.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        m.put(line.substring(0, eq), line.substring(eq + 1).replace("\\", ""));
      }
    }
    return m;
  }
}
