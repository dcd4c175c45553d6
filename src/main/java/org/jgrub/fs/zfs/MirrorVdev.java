package org.jgrub.fs.zfs;

import java.io.IOException;
import java.util.List;
import org.jgrub.io.CorruptDataException;

/** A mirror (also a replacing or spare vdev): every child holds a full copy; the first good wins. */
final class MirrorVdev extends Vdev {
  private final List<Vdev> children;
  private final String name;

  MirrorVdev(List<Vdev> children, String name) {
    this.children = children;
    this.name = name;
  }

  @Override
  byte[] read(long offset, int size, BlockCheck check) throws IOException {
    CorruptDataException last = null;
    for (Vdev c : children) {
      try {
        byte[] b = c.read(offset, size, check);
        if (b != null) {
          return b;
        }
      } catch (CorruptDataException e) {
        last = e; // a damaged side: the next copy may be fine
      }
    }
    if (last != null) {
      throw last;
    }
    return null;
  }

  @Override
  byte[] readRaw(long offset, int size) throws IOException {
    for (Vdev c : children) {
      byte[] b = c.readRaw(offset, size);
      if (b != null) {
        return b;
      }
    }
    return null;
  }

  @Override
  String describe() {
    return name + " of " + children.size();
  }
}
