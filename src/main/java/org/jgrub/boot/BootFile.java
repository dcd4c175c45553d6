package org.jgrub.boot;

import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;

/** A kernel or initrd located in the guest: where it is and what it was called. */
record BootFile(String guestPath, Probed volume, GuestFs fs, Node node) {
  String describe() {
    return guestPath + " on " + volume.describe();
  }
}
