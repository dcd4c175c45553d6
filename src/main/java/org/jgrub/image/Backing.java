package org.jgrub.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;
import org.jgrub.io.NotFoundException;
import org.jgrub.io.UnsupportedFeatureException;
import org.jgrub.io.UsageException;

/**
 * Which other host files an image may make jgrub open. A backing file, a VHD parent or a VMDK
 * extent is a host path chosen by whoever wrote the image — on a host where guests' images are
 * uploaded or converted, that is not the administrator. So none is opened unless the
 * administrator names a directory ({@code --backing-dir}); then only files whose real path lies
 * under it, named without "..", through a chain no deeper than {@link Limits#treeDepth} and
 * without loops.
 */
public final class Backing {
  static final String NO_DIR = "jgrub opens backing files only under --backing-dir";
  static final String NO_FILES =
      "with --runas, images that need other files are not supported yet (the sandboxed parser"
          + " receives only the disk)";

  /** The real path of --backing-dir, or null when no file may be opened. */
  private final Path dir;
  /** --backing-dir as given (absolute), through which names may reach it before links resolve. */
  private final Path given;
  private final String refusal;
  /** Real paths of the images above in the chain, the disk first. */
  private final List<Path> chain;

  /** The run's bounds on every image structure (tables, chain length, descriptors). */
  private final Limits limits;

  private Backing(Path dir, Path given, String refusal, List<Path> chain, Limits limits) {
    this.limits = limits;
    this.dir = dir;
    this.given = given;
    this.refusal = refusal;
    this.chain = chain;
  }

  /** No other file may be opened; {@code refusal} says why, in the error. */
  static Backing none(String refusal, Limits limits) {
    return new Backing(null, null, refusal, List.of(), limits);
  }

  /** Files may be opened under {@code dir}, which must be an existing directory. */
  static Backing under(Path dir, Limits limits) throws IOException {
    Path real;
    try {
      real = dir.toRealPath();
    } catch (IOException e) {
      throw new UsageException("--backing-dir " + dir + " is not an existing directory");
    }
    if (!Files.isDirectory(real)) {
      throw new UsageException("--backing-dir " + dir + " is not an existing directory");
    }
    return new Backing(real, dir.toAbsolutePath().normalize(), null, List.of(), limits);
  }

  /** The bounds every image opened under this policy keeps to. */
  public Limits limits() {
    return limits;
  }

  /** The policy for the images one level down the chain from {@code image} (its real path). */
  public Backing below(Path image) {
    if (image == null) {
      return this;
    }
    List<Path> c = new ArrayList<>(chain);
    c.add(image);
    return new Backing(dir, given, refusal, List.copyOf(c), limits);
  }

  /**
   * Resolves the file that image {@code image} (a {@code kind}, e.g. "qcow2 image") names as its
   * {@code what} ("backing file", "parent", "extent file"): {@code name} as recorded, relative to
   * {@code base} (the directory of the image as given, as qemu resolves it) unless absolute.
   * Returns the path as named and its real path, checked against the directory, the chain and its
   * depth.
   */
  public Resolved resolve(String kind, String image, String what, String name, Path base) throws IOException {
    String article = "aeiou".indexOf(what.charAt(0)) >= 0 ? " has an " : " has a ";
    String says = kind + " " + image + article + what + " '" + name + "'";
    if (dir == null) {
      throw new UnsupportedFeatureException(says + "; " + refusal);
    }
    if (name.isEmpty() || name.indexOf('\0') >= 0) {
      throw new CorruptDataException(says + ": not a file name");
    }
    for (String part : name.split("/", -1)) {
      if (part.equals("..")) {
        throw new UnsupportedFeatureException(says + ", which contains '..'; jgrub opens backing"
            + " files only under --backing-dir " + dir + ", named without '..'");
      }
    }
    Path p;
    try {
      p = Paths.get(name);
    } catch (InvalidPathException e) {
      throw new CorruptDataException(says + ": not a file name");
    }
    if (!p.isAbsolute()) {
      if (base == null) {
        throw new UnsupportedFeatureException(says + ", relative to a disk given without a path");
      }
      p = base.resolve(p);
    }
    // A name outside the directory is refused before the file system is asked about it: whether
    // a host file exists is not the image's business.
    if (!p.startsWith(dir) && !p.startsWith(given)) {
      throw new UnsupportedFeatureException(says + ", outside --backing-dir " + given
          + "; jgrub opens backing files only under --backing-dir");
    }
    Path real;
    try {
      // The real path has every symbolic link resolved: a link that leaves the directory fails the
      // prefix check below.
      real = p.toRealPath();
    } catch (NoSuchFileException e) {
      throw new NotFoundException(says + ", which does not exist (looked for " + p + ")");
    }
    if (!real.startsWith(dir) || real.equals(dir)) {
      throw new UnsupportedFeatureException(says + ", which is " + real + ", outside --backing-dir "
          + dir + "; jgrub opens backing files only under --backing-dir");
    }
    if (!Files.isRegularFile(real)) {
      throw new UnsupportedFeatureException(says + ", which is " + real + ", not a regular file");
    }
    if (chain.contains(real)) {
      throw new CorruptDataException(says + ", which is " + real + ", already in the chain of"
          + " images (a loop)");
    }
    Limits.check(chain.size() + 1L, limits.treeDepth, says + ": images in the chain");
    return new Resolved(p, real);
  }

  /** A named file: the path as named (whose directory anchors its own relative names), and real. */
  public record Resolved(Path given, Path real) {}

  /**
   * Opens what {@link #resolve} allows, in {@code format} ("raw", "qcow2", "vpc", "vmdk"; null:
   * detected by content).
   */
  public BlockDevice open(String kind, String image, String what, String name, Path base, String format)
      throws IOException {
    Resolved r = resolve(kind, image, what, name, base);
    return Images.open(r.real(), r.given(), below(r.real()), format);
  }
}
