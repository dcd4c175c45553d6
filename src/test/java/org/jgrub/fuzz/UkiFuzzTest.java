package org.jgrub.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.jgrub.pe.PeFile;
import org.jgrub.config.uki.UnifiedImage;
import org.jgrub.io.JgrubException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the unified kernel image reader (PE section table, profiles, text sections). The input
 * is the head of an image file: the file is 2 MiB longer, those bytes read as zeros, so that the
 * payload sections a real header names lie inside it. The property: every profile reads or ends
 * in a {@link JgrubException}, and every range returned lies inside the file.
 */
class UkiFuzzTest {
  static final long TAIL = 2L << 20;

  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  @FuzzTest
  void fuzz(byte[] input) throws IOException {
    run(input);
  }

  /** The number of profiles read, or -1 when the image was refused. */
  static int run(byte[] input) throws IOException {
    PeFile.Source src = new PeFile.Source() {
      @Override
      public long size() {
        return input.length + TAIL;
      }

      @Override
      public byte[] read(long offset, int length) {
        byte[] b = new byte[length];
        if (offset < input.length) {
          int n = (int) Math.min(length, input.length - offset);
          System.arraycopy(input, (int) offset, b, 0, n);
        }
        return b;
      }
    };
    try {
      int n = UnifiedImage.profiles(src, "fuzz.efi");
      int ok = 0;
      for (int p = 0; p < n; p++) {
        try {
          UnifiedImage u = UnifiedImage.read(src, "fuzz.efi", p);
          check(u.kernel(), src.size());
          for (UnifiedImage.Range r : u.initrds()) {
            check(r, src.size());
          }
          ok++;
        } catch (JgrubException e) {
          // A refused profile: the property holds.
        }
      }
      return ok;
    } catch (JgrubException e) {
      return -1;
    }
  }

  private static void check(UnifiedImage.Range r, long size) {
    if (r.offset() < 0 || r.length() < 0 || r.offset() + r.length() > size) {
      throw new IllegalStateException(r + " lies outside the " + size + "-byte file");
    }
  }

  @Test
  void theSeedIsTheHeadOfUkifysThreeProfileImage() throws IOException {
    Path dir = Paths.get("src/test/resources/org/jgrub/fuzz/UkiFuzzTestInputs/fuzz");
    byte[] seed = Files.readAllBytes(dir.resolve("multi-profile-head.seed"));
    assertEquals(3, run(seed), "all three profiles read");
    assertEquals(-1, run(Arrays.copyOf(seed, 63)), "too short for a PE file");
  }
}
