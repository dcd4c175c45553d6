package org.jgrub.boot;

import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;

/** A kernel or initrd located in the guest: the path it was named by, its volume and node. */
public record BootFile(String guestPath, Probed volume, GuestFs fs, Node node) {
  public String describe() {
    return guestPath + " on " + volume.describe();
  }

  public long size() {
    return node.size();
  }
}
