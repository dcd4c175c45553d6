package org.jgrub.boot;

import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.io.CorruptDataException;

/**
 * A kernel or initrd located in the guest: the path it was named by, its volume and node, and the
 * bytes of that file it is: the whole file, or one section of a unified kernel image ({@code
 * section} names it, else null).
 */
public record BootFile(
    String guestPath, Probed volume, GuestFs fs, Node node, String section, long offset,
    long length) {
  /** The whole file. */
  public BootFile(String guestPath, Probed volume, GuestFs fs, Node node) {
    this(guestPath, volume, fs, node, null, 0, node.size());
  }

  /** Bytes {@code [at, at + len)} of these bytes, checked to lie inside them. */
  public BootFile slice(String sectionName, long at, long len) throws CorruptDataException {
    if (at < 0 || len < 0 || at > length || len > length - at) {
      throw new CorruptDataException(describe() + ": section " + sectionName + " (bytes " + at
          + "+" + len + ") lies outside the file (" + length + " bytes)");
    }
    return new BootFile(guestPath, volume, fs, node, sectionName, offset + at, len);
  }

  public String describe() {
    return (section == null ? "" : "section " + section + " of ") + guestPath + " on "
        + volume.describe();
  }

  public long size() {
    return length;
  }
}
