package org.jgrub.fs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The drivers' bounded cache of directory names (ext and XFS lookups). */
class DirNamesTest {
  private static Map<String, DirEntry> names(String prefix, int n) {
    Map<String, DirEntry> m = new HashMap<>();
    for (int i = 0; i < n; i++) {
      m.put(prefix + i, new DirEntry(prefix + i, new NodeRef() {}));
    }
    return m;
  }

  @Test
  void keepsTheLastDirectoriesAndDropsTheLeastRecentlyUsed() {
    DirNames c = new DirNames();
    for (long d = 0; d < DirNames.DIRS; d++) {
      c.put(d, names("d" + d + "-", 3));
    }
    assertNotNull(c.get(0)); // used again: now the most recent
    c.put(100, names("new-", 3));
    assertNotNull(c.get(0));
    assertNull(c.get(1), "the least recently used directory is dropped");
    assertNotNull(c.get(100));
  }

  @Test
  void boundsTheNamesOfAllDirectoriesTogether() {
    DirNames c = new DirNames();
    c.put(1, names("a", DirNames.NAMES / 2 + 1));
    c.put(2, names("b", DirNames.NAMES / 2 + 1));
    assertNull(c.get(1), "together they pass the bound: the older goes");
    assertNotNull(c.get(2));
  }

  @Test
  void aDirectoryTooLargeToKeepStillAnswersMissesFromTheHashesOfItsNames() {
    DirNames c = new DirNames();
    c.put(7, names("n", DirNames.NAMES + 1));
    assertNull(c.get(7), "its names are not kept");
    assertTrue(c.surelyAbsent(7, "missing-name"));
    assertFalse(c.surelyAbsent(7, "n12345"), "a present name must be looked up");
    assertFalse(c.surelyAbsent(8, "missing-name"), "another directory is not known");
  }
}
