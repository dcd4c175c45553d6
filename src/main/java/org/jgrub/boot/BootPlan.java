package org.jgrub.boot;

import java.util.List;
import java.util.Optional;
import org.jgrub.config.Entry;

/**
 * What will be booted, located but not yet copied: the kernel, the initrds (concatenated in order
 * into one ramdisk), the arguments, and the entry they came from (empty with --kernel).
 */
public record BootPlan(BootFile kernel, List<BootFile> initrds, String args, Optional<Entry> entry) {
  public BootPlan {
    initrds = List.copyOf(initrds);
  }

  /** The result of -n: the guest paths, nothing copied. */
  public BootResult notReally() {
    Optional<String> rd = Optional.empty();
    if (!initrds.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      for (BootFile f : initrds) {
        sb.append(sb.length() == 0 ? "" : " ").append(f.guestPath());
      }
      rd = Optional.of(sb.toString());
    }
    return new BootResult(kernel.guestPath(), rd, args, entry);
  }

  /** Total bytes of the ramdisk. */
  public long ramdiskSize() {
    long n = 0;
    for (BootFile f : initrds) {
      n += f.size();
    }
    return n;
  }
}
