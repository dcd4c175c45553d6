package org.jgrub.testutil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jgrub.fs.DirEntry;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.fs.PathWalker;
import org.jgrub.fs.Run;
import org.jgrub.image.RawImage;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.JgrubException;
import org.jgrub.io.NotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every filesystem driver promises, checked the same way for each on an image made by the
 * real tools: lookup finds what list lists, files read as the manifest says, symbolic links read
 * and resolve, holes read as zeros, {@link GuestFs#layout} names the bytes {@link GuestFs#read}
 * returns, and damage behind a valid magic ends in a {@link CorruptDataException} that says what
 * and where. One small subclass per driver names the image, how to open it and one damage.
 */
public abstract class GuestFsContract {
  /** Bytes compared per file by the layout and hole checks (the fixtures' kernels are larger). */
  private static final int COMPARE_BYTES = 4 << 20;

  /** The real-tool image, a path under the fixtures root ("ext/ext4-4k.img.xz"). */
  protected abstract String image();

  /** The image's manifest (what the real implementation reads from it). */
  protected abstract Manifest manifest() throws IOException;

  /** The driver under test on {@code dev}; empty when the bytes are not its. */
  protected abstract Optional<? extends GuestFs> open(BlockDevice dev) throws IOException;

  /** Manifest paths the driver is not asked about (e.g. lost+found). */
  protected Set<String> ignored() {
    return Set.of();
  }

  /**
   * A file of the image that has holes, or null when the driver reports no layout (ZFS) or the
   * filesystem cannot have holes (FAT, ISO 9660).
   */
  protected abstract String sparseFile();

  /** Whether the driver reports file layouts at all (ZFS reads through its block pointers). */
  protected boolean hasLayout() {
    return true;
  }

  /**
   * Damages {@code img} (a copy of the image) behind a valid magic, using {@code clean} (the
   * undamaged volume) to find the structure; returns what the message must contain.
   */
  protected abstract String damage(MemoryImage img, GuestFs clean) throws IOException;

  private RawImage dev;

  private GuestFs fs() throws IOException {
    dev = RawImage.open(Fixtures.image(image()));
    return open(dev).orElseThrow(() -> new AssertionError(image() + " is not the driver's"));
  }

  @AfterEach
  void closeImage() throws IOException {
    if (dev != null) {
      dev.close();
    }
  }

  private List<Manifest.Item> items(char type) throws IOException {
    List<Manifest.Item> out = new ArrayList<>();
    for (Manifest.Item i : manifest().items()) {
      if (i.type() == type && !ignored().contains(i.path())) {
        out.add(i);
      }
    }
    return out;
  }

  @Test
  void lookupFindsWhatListListsAndNothingElse() throws IOException {
    GuestFs fs = fs();
    Deque<Node> dirs = new ArrayDeque<>(List.of(fs.root()));
    Deque<String> paths = new ArrayDeque<>(List.of(""));
    int looked = 0;
    while (!dirs.isEmpty() && looked < 2_000) {
      Node dir = dirs.poll();
      String prefix = paths.poll();
      for (DirEntry e : fs.list(dir)) {
        if (ignored().contains(prefix + e.name()) || looked++ >= 2_000) {
          continue;
        }
        Optional<DirEntry> found = fs.lookup(dir, e.name());
        assertTrue(found.isPresent(), "lookup of listed name " + e.name());
        Node a = fs.open(e);
        Node b = fs.open(found.get());
        assertEquals(a.kind(), b.kind(), e.name());
        assertEquals(a.size(), b.size(), e.name());
        if (a.kind() == Node.Kind.DIRECTORY) {
          dirs.add(a);
          paths.add(prefix + e.name() + "/");
        }
      }
      assertEquals(Optional.empty(), fs.lookup(dir, "no such name \u00e9\u0001"));
    }
    assertTrue(looked > 10, "only " + looked + " names looked up");
  }

  @Test
  void filesReadAsTheManifestSays() throws IOException {
    GuestFs fs = fs();
    int read = 0;
    for (Manifest.Item i : items('f')) {
      if (i.size() <= COMPARE_BYTES && !i.sha256().equals("SKIPPED-LARGE")) {
        Node n = PathWalker.resolve(fs, "/" + i.path(), false);
        assertEquals(i.size(), n.size(), i.path());
        assertEquals(i.sha256(), TreeCheck.sha256(fs, n), i.path());
        read++;
      }
    }
    assertTrue(read > 0, "no file compared");
  }

  @Test
  void symlinksReadAndResolveLikeTheirTargets() throws IOException {
    GuestFs fs = fs();
    List<Manifest.Item> links = items('l');
    for (Manifest.Item l : links) {
      Node n = PathWalker.resolve(fs, "/" + l.path(), false);
      assertEquals(Node.Kind.SYMLINK, n.kind(), l.path());
      assertEquals(l.target(), fs.readLink(n), l.path());
      String dir = l.path().contains("/") ? l.path().substring(0, l.path().lastIndexOf('/')) : "";
      String target = l.target().startsWith("/") ? l.target() : "/" + dir + "/" + l.target();
      Optional<Node> viaLink = resolve(fs, "/" + l.path());
      Optional<Node> viaTarget = resolve(fs, target);
      assertEquals(viaTarget.isPresent(), viaLink.isPresent(), l.path());
      if (viaLink.isPresent()) {
        assertEquals(viaTarget.get().kind(), viaLink.get().kind(), l.path());
        assertEquals(viaTarget.get().size(), viaLink.get().size(), l.path());
      }
    }
    if (links.isEmpty()) {
      // The filesystem has none (FAT): the driver must not invent any either.
      for (Manifest.Item f : items('f')) {
        assertNotEquals(Node.Kind.SYMLINK, PathWalker.resolve(fs, "/" + f.path(), false).kind());
      }
    }
  }

  private static Optional<Node> resolve(GuestFs fs, String path) throws IOException {
    try {
      return Optional.of(PathWalker.resolve(fs, path));
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (JgrubException e) {
      // a hop limit or a link through a file: both ways must agree, so report it as absent
      return Optional.empty();
    }
  }

  @Test
  void holesReadAsZerosAndReadsEndAtTheSize() throws IOException {
    GuestFs fs = fs();
    for (Manifest.Item i : items('f')) {
      Node n = PathWalker.resolve(fs, "/" + i.path(), false);
      assertEquals(-1, fs.read(n, n.size(), ByteBuffer.allocate(1)), i.path());
      List<Run> runs = fs.layout(n);
      for (Run r : runs == null ? List.<Run>of() : runs) {
        if (r.isHole() && r.fileOffset() < n.size()) {
          long len = Math.min(r.length(), n.size() - r.fileOffset());
          byte[] got = read(fs, n, r.fileOffset(), (int) Math.min(len, COMPARE_BYTES));
          assertTrue(isZero(got), i.path() + ": hole at " + r.fileOffset());
        }
      }
    }
    String sparse = sparseFile();
    if (sparse != null) {
      Node n = PathWalker.resolve(fs, sparse);
      List<Run> runs = fs.layout(n);
      assertNotNull(runs, sparse + " has no layout");
      assertTrue(runs.stream().anyMatch(Run::isHole), sparse + " has no hole: " + runs);
    }
  }

  @Test
  void layoutNamesTheBytesReadReturns() throws IOException {
    GuestFs fs = fs();
    int checked = 0;
    for (Manifest.Item i : items('f')) {
      Node n = PathWalker.resolve(fs, "/" + i.path(), false);
      List<Run> runs = fs.layout(n);
      if (runs == null) {
        continue; // compressed, inline or journalled: read() is the only way, checked above
      }
      // Runs may end on a block or cluster boundary past the size; the copy cuts the last one.
      long pos = 0;
      for (Run r : runs) {
        assertTrue(pos < n.size(), i.path() + ": a run past the end of the file");
        assertEquals(pos, r.fileOffset(), i.path() + ": runs leave a gap or overlap");
        assertTrue(r.length() > 0, i.path() + ": empty run");
        if (!r.isHole() && pos < COMPARE_BYTES) {
          int len = (int) Math.min(Math.min(r.length(), n.size() - pos), COMPARE_BYTES - pos);
          assertTrue(Arrays.equals(dev.read(r.deviceOffset(), len), read(fs, n, pos, len)),
              i.path() + ": run at file offset " + pos + " differs from read()");
        }
        pos += r.length();
      }
      assertTrue(pos >= n.size(), i.path() + ": runs end at " + pos + ", before the size");
      checked++;
    }
    assertEquals(hasLayout(), checked > 0, checked + " files have a layout");
  }

  @Test
  void damageEndsInCorruptDataExceptionThatSaysWhatAndWhere() throws IOException {
    MemoryImage img = MemoryImage.of(image());
    String message = damage(img, fs());
    List<JgrubException> seen = new ArrayList<>();
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      try {
        Optional<? extends GuestFs> fs = open(img);
        if (fs.isPresent()) {
          TreeWalk.DEFAULT.walk(fs.get(), seen::add);
        }
      } catch (JgrubException e) {
        seen.add(e);
      }
    });
    for (JgrubException e : seen) {
      if (e instanceof CorruptDataException && e.getMessage().contains(message)) {
        return;
      }
    }
    throw new AssertionError("no CorruptDataException saying \"" + message + "\"; saw " + seen);
  }

  private static byte[] read(GuestFs fs, Node n, long pos, int len) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(len);
    while (b.hasRemaining()) {
      int got = fs.read(n, pos + b.position(), b);
      assertTrue(got > 0, "read ended early at " + (pos + b.position()));
    }
    return b.array();
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }
}
