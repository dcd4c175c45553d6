package org.jgrub.config.grub2;

import java.util.ArrayList;
import java.util.List;
import org.jgrub.config.Entry;

/**
 * What an entry's body loads while it runs: the loader command, its file and arguments, the
 * initrds or multiboot modules, and the root device in effect when the kernel was loaded.
 */
final class EntryRecorder {
  Entry.Kind kind;
  String kernel = "";
  String args = "";
  List<String> initrds = new ArrayList<>();
  String root;
  /** True once {@code configfile}, {@code chainloader} or similar made the entry non-Linux. */
  boolean other;

  void loader(Entry.Kind k, String path, String arguments, String rootNow) {
    kind = k;
    kernel = path;
    args = arguments;
    root = rootNow;
    initrds = new ArrayList<>();
  }
}
