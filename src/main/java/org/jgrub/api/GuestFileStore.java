package org.jgrub.api;

import java.nio.file.FileStore;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileStoreAttributeView;

/**
 * The one store of a guest filesystem, read-only: its total and unallocated space are what the
 * superblock records where the driver reads it (else the volume's size and 0); usable space is 0,
 * since nothing can be written.
 */
final class GuestFileStore extends FileStore {
  private final GuestFileSystem fs;

  GuestFileStore(GuestFileSystem fs) {
    this.fs = fs;
  }

  @Override
  public String name() {
    return fs.volume().name();
  }

  @Override
  public String type() {
    return fs.type();
  }

  @Override
  public boolean isReadOnly() {
    return true;
  }

  @Override
  public long getTotalSpace() throws java.io.IOException {
    return fs.space().map(SpaceInfo::size).orElse(fs.volume().size());
  }

  @Override
  public long getUsableSpace() {
    return 0;
  }

  @Override
  public long getUnallocatedSpace() throws java.io.IOException {
    return fs.space().map(SpaceInfo::free).orElse(0L);
  }

  @Override
  public boolean supportsFileAttributeView(Class<? extends FileAttributeView> type) {
    return type == BasicFileAttributeView.class
        || (type == java.nio.file.attribute.PosixFileAttributeView.class && fs.posix());
  }

  @Override
  public boolean supportsFileAttributeView(String name) {
    return fs.supportedFileAttributeViews().contains(name);
  }

  @Override
  public <V extends FileStoreAttributeView> V getFileStoreAttributeView(Class<V> type) {
    return null;
  }

  @Override
  public Object getAttribute(String attribute) {
    throw new UnsupportedOperationException("no file store attribute " + attribute);
  }
}
