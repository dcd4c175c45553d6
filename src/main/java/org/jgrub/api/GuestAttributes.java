package org.jgrub.api;

import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jgrub.fs.Node;

/**
 * The basic attributes of a guest file: its kind and size. jgrub's filesystem interface carries no
 * times, modes or owners yet, so the three times read as the epoch and there is no POSIX view.
 */
final class GuestAttributes implements BasicFileAttributes {
  private static final FileTime UNKNOWN = FileTime.fromMillis(0);
  private final Node.Kind kind;
  private final long size;

  GuestAttributes(Node node) {
    this.kind = node.kind();
    this.size = node.size();
  }

  @Override
  public FileTime lastModifiedTime() {
    return UNKNOWN;
  }

  @Override
  public FileTime lastAccessTime() {
    return UNKNOWN;
  }

  @Override
  public FileTime creationTime() {
    return UNKNOWN;
  }

  @Override
  public boolean isRegularFile() {
    return kind == Node.Kind.FILE;
  }

  @Override
  public boolean isDirectory() {
    return kind == Node.Kind.DIRECTORY;
  }

  @Override
  public boolean isSymbolicLink() {
    return kind == Node.Kind.SYMLINK;
  }

  @Override
  public boolean isOther() {
    return kind == Node.Kind.OTHER;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public Object fileKey() {
    return null;
  }

  /** The attributes {@code Files.readAttributes(path, "basic:a,b")} asks for ("*" for all). */
  Map<String, Object> asMap(String names) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("lastModifiedTime", lastModifiedTime());
    all.put("lastAccessTime", lastAccessTime());
    all.put("creationTime", creationTime());
    all.put("size", size());
    all.put("isRegularFile", isRegularFile());
    all.put("isDirectory", isDirectory());
    all.put("isSymbolicLink", isSymbolicLink());
    all.put("isOther", isOther());
    all.put("fileKey", fileKey());
    Map<String, Object> out = new LinkedHashMap<>();
    for (String n : names.split(",", -1)) {
      if (n.equals("*")) {
        out.putAll(all);
      } else if (all.containsKey(n)) {
        out.put(n, all.get(n));
      } else {
        throw new IllegalArgumentException("no attribute '" + n + "' in the basic view");
      }
    }
    return out;
  }
}
