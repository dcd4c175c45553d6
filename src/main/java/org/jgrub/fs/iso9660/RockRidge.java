package org.jgrub.fs.iso9660;

/**
 * What the Rock Ridge entries of one directory record say (RRIP 1.12): the name (NM), the POSIX
 * mode (PX, -1 when absent), the symbolic link target (SL) or why it is unreadable, relocation
 * (RE, CL), zisofs compression (ZF), and the features jgrub does not read (SF sparse files,
 * zisofs2).
 */
record RockRidge(
    String name,
    long mode,
    String linkTarget,
    String linkError,
    boolean relocated,
    long childLink,
    boolean rripSeen,
    Zisofs.Params zisofs,
    String unsupported) {

  static final RockRidge NONE = new RockRidge(null, -1, null, null, false, -1, false, null, null);

  private static final long S_IFMT = 0170000;
  static final long S_IFDIR = 0040000;
  static final long S_IFREG = 0100000;
  static final long S_IFLNK = 0120000;

  long fileType() {
    return mode < 0 ? -1 : mode & S_IFMT;
  }
}
