package org.jgrub.fs.zfs;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A decoded name-value list (libnvpair) as found in a vdev label: values are {@code Long} (every
 * integer type), {@code String}, {@code NvList}, {@code List<NvList>} or {@code Boolean.TRUE} for a
 * bare boolean flag; other types are kept as their raw bytes.
 */
public record NvList(Map<String, Object> values) {
  public NvList {
    values = Collections.unmodifiableMap(values);
  }

  public Long number(String name) {
    Object o = values.get(name);
    return o instanceof Long l ? l : null;
  }

  public long number(String name, long dflt) {
    Long l = number(name);
    return l == null ? dflt : l;
  }

  public String string(String name) {
    Object o = values.get(name);
    return o instanceof String s ? s : null;
  }

  public NvList list(String name) {
    Object o = values.get(name);
    return o instanceof NvList n ? n : null;
  }

  @SuppressWarnings("unchecked")
  public List<NvList> lists(String name) {
    Object o = values.get(name);
    return o instanceof List<?> l ? (List<NvList>) l : List.of();
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }
}
