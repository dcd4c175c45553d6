package org.jgrub.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library on a whole guest disk made by sfdisk and mke2fs (fixtures/make-guests.sh
 * split-boot: three ext4 partitions): the layout, reads, paths, URIs, and the read-only guard on
 * every mutator.
 */
class GuestFileSystemTest {
  @TempDir Path tmp;

  static Disk splitBoot() throws IOException {
    return Disk.open(Fixtures.image("guests/split-boot.img.xz"));
  }

  @Test
  void layoutAsSfdiskMadeIt() throws IOException {
    try (Disk d = splitBoot()) {
      assertEquals("raw", d.format());
      assertEquals("msdos", d.partitionTable());
      List<String> names = new ArrayList<>();
      for (Volume v : d.volumes()) {
        names.add(v.name() + "@" + v.offset() + "+" + v.size() + ":" + v.partition().get().type());
      }
      assertEquals(
          List.of("hd0,msdos1@1048576+12582912:0x83", "hd0,msdos2@13631488+8388608:0x83",
              "hd0,msdos3@22020096+45088768:0x83"),
          names);
      GuestFileSystem kern = d.volume("hd0,msdos3").fileSystem().orElseThrow();
      assertEquals("ext4", kern.type());
      assertEquals("3c5e0c4e-3333-4c55-9a64-5f3c0e9d2a11", kern.uuid().orElseThrow());
    }
  }

  @Test
  void readsWithTheFilesApi() throws IOException {
    try (Disk d = splitBoot()) {
      FileSystem root = d.volume("hd0,msdos1").fileSystem().orElseThrow();
      Path host = root.getPath("/etc/hostname");
      assertEquals("root filesystem\n", Files.readString(host));
      assertTrue(Files.isRegularFile(host));
      assertEquals(16, Files.size(host));
      Path copy = tmp.resolve("hostname");
      Files.copy(host, copy);
      assertEquals("root filesystem\n", Files.readString(copy));
      try (SeekableByteChannel ch = Files.newByteChannel(host)) {
        ch.position(5);
        ByteBuffer b = ByteBuffer.allocate(100);
        assertEquals(11, ch.read(b));
        assertEquals(-1, ch.read(b.clear()));
      }
      List<String> names = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(root.getPath("/etc"))) {
        ds.forEach(p -> names.add(p.toString()));
      }
      assertEquals(List.of("/etc/hostname"), names);
      assertThrows(NoSuchFileException.class, () -> Files.readString(root.getPath("/etc/nothing")));
      assertFalse(Files.exists(root.getPath("/etc/nothing")));
      assertTrue(Files.notExists(root.getPath("/etc/nothing")));
      assertThrows(IOException.class, () -> Files.readAllBytes(root.getPath("/etc")));
    }
  }

  @Test
  void pathsBehaveAsPosixPaths() throws IOException {
    try (Disk d = splitBoot()) {
      FileSystem fs = d.volume("hd0,msdos1").fileSystem().orElseThrow();
      Path p = fs.getPath("/boot//grub/", "grub.cfg");
      assertEquals("/boot/grub/grub.cfg", p.toString());
      assertEquals("grub.cfg", p.getFileName().toString());
      assertEquals("/boot/grub", p.getParent().toString());
      assertEquals(3, p.getNameCount());
      assertEquals("grub/grub.cfg", p.subpath(1, 3).toString());
      assertTrue(p.startsWith(fs.getPath("/boot")));
      assertFalse(p.startsWith(fs.getPath("/bo")));
      assertTrue(p.endsWith(fs.getPath("grub/grub.cfg")));
      assertEquals("/a/c", fs.getPath("/a/./b/../c").normalize().toString());
      assertEquals("/", fs.getPath("/..").normalize().toString());
      assertEquals("../../x", fs.getPath("/a/b").relativize(fs.getPath("/x")).toString());
      assertEquals("/a/b/c", fs.getPath("/a/b").resolve("c").toString());
      assertNull(fs.getPath("/").getFileName());
      assertNull(fs.getPath("/").getParent());
      assertTrue(fs.getPathMatcher("glob:/etc/*").matches(fs.getPath("/etc/hostname")));
      assertFalse(fs.getPathMatcher("glob:/*").matches(fs.getPath("/etc/hostname")));
    }
  }

  @Test
  void urisOpenTheSameFileSystemAndNewOnes() throws IOException {
    Path img = Fixtures.image("guests/split-boot.img.xz");
    try (Disk d = splitBoot()) {
      GuestFileSystem fs = d.volume("hd0,msdos1").fileSystem().orElseThrow();
      URI u = fs.getPath("/etc/hostname").toUri();
      assertEquals("jgrub", u.getScheme());
      assertEquals(img.toAbsolutePath().toUri() + "!hd0,msdos1!/etc/hostname",
          u.getSchemeSpecificPart());
      assertSame(fs, FileSystems.getFileSystem(u));
      assertEquals("root filesystem\n", Files.readString(Path.of(u)));
    }
    URI kern = URI.create("jgrub:" + img.toAbsolutePath().toUri() + "!hd0,msdos3!/");
    try (FileSystem fs = FileSystems.newFileSystem(kern, Map.of())) {
      assertTrue(Files.isRegularFile(fs.getPath("/vmlinuz-6.1.0-56-amd64")));
    }
  }

  @Test
  void everyMutatorIsRefused() throws IOException {
    try (Disk d = splitBoot()) {
      FileSystem fs = d.volume("hd0,msdos1").fileSystem().orElseThrow();
      Path f = fs.getPath("/etc/hostname");
      Path n = fs.getPath("/etc/new");
      List<Runnable> writes = List.of(
          () -> call(() -> Files.createDirectory(n)),
          () -> call(() -> Files.createFile(n)),
          () -> call(() -> {
            Files.delete(f);
            return null;
          }),
          () -> call(() -> Files.write(f, new byte[1])),
          () -> call(() -> Files.newOutputStream(f)),
          () -> call(() -> Files.newByteChannel(f, StandardOpenOption.APPEND)),
          () -> call(() -> Files.copy(f, n)),
          () -> call(() -> Files.move(f, n)),
          () -> call(() -> Files.createSymbolicLink(n, f)),
          () -> call(() -> Files.createLink(n, f)),
          () -> call(() -> Files.setLastModifiedTime(f, FileTime.fromMillis(1))),
          () -> call(() -> {
            Files.getFileAttributeView(f, BasicFileAttributeView.class).setTimes(null, null, null);
            return null;
          }),
          () -> call(() -> Files.setAttribute(f, "basic:lastModifiedTime", FileTime.fromMillis(1))));
      for (Runnable w : writes) {
        assertThrows(ReadOnlyFileSystemException.class, w::run);
      }
      assertFalse(Files.isWritable(f));
      assertTrue(Files.isReadable(f));
      assertThrows(java.nio.file.AccessDeniedException.class,
          () -> fs.provider().checkAccess(f, AccessMode.READ, AccessMode.WRITE));
      // POSIX attributes read; their view's setters are mutators like any other.
      assertTrue(Files.readAttributes(f, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .permissions().contains(java.nio.file.attribute.PosixFilePermission.OWNER_READ));
      assertThrows(ReadOnlyFileSystemException.class, () -> Files.setPosixFilePermissions(f,
          java.util.Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ)));
      assertThrows(ReadOnlyFileSystemException.class, () -> Files.setOwner(f,
          Files.getOwner(f)));
      assertThrows(ReadOnlyFileSystemException.class,
          () -> Files.setAttribute(f, "unix:mode", 0644));
      assertEquals(16L, Files.getAttribute(f, "basic:size"));
    }
  }

  interface Io {
    Object run() throws IOException;
  }

  private static void call(Io io) {
    try {
      io.run();
    } catch (IOException e) {
      throw new AssertionError("IOException instead of ReadOnlyFileSystemException", e);
    }
  }
}
