package org.jgrub.fs.reiserfs;

/**
 * A leaf's item header ({@code struct item_head}, 24 bytes): the item's key, where its body lies
 * in the block and, for directory items, how many entries it holds.
 *
 * @param key the item's key
 * @param entryCount ih_entry_count (directory items) or ih_free_space (3.5 indirect items)
 * @param length ih_item_len
 * @param location ih_item_location: byte offset of the body within the block
 * @param format ih_version: {@link ReiserKey#FORMAT_35} or {@link ReiserKey#FORMAT_36}
 */
record ReiserItemHeader(ReiserKey key, int entryCount, int length, int location, int format) {
  static final int SIZE = 24;
  static final int IH_KEY = 0;
  static final int IH_ENTRY_COUNT = 16;
  static final int IH_ITEM_LEN = 18;
  static final int IH_ITEM_LOCATION = 20;
  static final int IH_VERSION = 22;
}
