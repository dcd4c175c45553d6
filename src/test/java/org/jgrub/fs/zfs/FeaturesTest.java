package org.jgrub.fs.zfs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jgrub.io.UnsupportedFeatureException;
import org.junit.jupiter.api.Test;

/**
 * The features_for_read rule: active (reference count above zero) features jgrub does not know
 * refuse the pool, naming the feature; enabled but inactive ones do not matter. The real rpool
 * fixture has sha512, skein, edonr and draid enabled but inactive and opens (ZfsRpoolTest).
 */
class FeaturesTest {
  private static Zap.Value count(long n) {
    return new Zap.Value(8, new long[] {n});
  }

  @Test
  void unknownActiveReadFeatureRefused() {
    Map<String, Zap.Value> m = new LinkedHashMap<>();
    m.put("org.illumos:lz4_compress", count(1));
    m.put("com.example:future_format", count(3));
    UnsupportedFeatureException e =
        assertThrows(UnsupportedFeatureException.class, () -> Features.check("tank", m));
    assertTrue(e.getMessage().contains("'com.example:future_format'"), e.getMessage());
    assertTrue(e.getMessage().contains("'tank'"), e.getMessage());
  }

  @Test
  void inactiveFeaturesIgnored() {
    Map<String, Zap.Value> m = new LinkedHashMap<>();
    m.put("org.illumos:skein", count(0));
    m.put("org.openzfs:draid", count(0));
    m.put("com.delphix:embedded_data", count(5));
    assertDoesNotThrow(() -> Features.check("tank", m));
  }

  @Test
  void draidActiveRefused() {
    assertThrows(UnsupportedFeatureException.class,
        () -> Features.check("tank", Map.of("org.openzfs:draid", count(1))));
  }
}
