package org.jgrub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jgrub.config.ConfigFile;
import org.jgrub.config.GuestFiles;
import org.jgrub.config.Menu;
import org.jgrub.config.grub2.Grub2Parser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Lexing, parsing and running a real grub-mkconfig output (src/test/resources/configs/grub2, the
 * largest ones) with {@link Grub2Parser} over an in-memory disk that holds only the config: every
 * {@code search} finds the config's own volume, every other file is missing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Grub2ScriptBench {
  static final String DEV = "hd0,msdos1";
  static final String PATH = "/boot/grub/grub.cfg";

  @Param({"opensuse-leap-15.5.cfg", "ubuntu-22.04.cfg", "debian12-xen-host.cfg"})
  public String config;

  private byte[] text;
  private GuestFiles files;

  @Setup(Level.Trial)
  public void load() throws IOException {
    text = Files.readAllBytes(Path.of("src/test/resources/configs/grub2", config));
    files = new OneFile(text);
    int items = parse().items().size();
    if (items == 0) {
      throw new IOException(config + " gave no menu entries");
    }
  }

  @Benchmark
  public Menu parse() throws IOException {
    return new Grub2Parser().parse(new ConfigFile(DEV, PATH, text), files);
  }

  /** A disk with one volume that holds only the config. */
  private static final class OneFile implements GuestFiles {
    private final byte[] cfg;

    OneFile(byte[] cfg) {
      this.cfg = cfg;
    }

    @Override
    public org.jgrub.io.Bounds bounds() {
      return org.jgrub.io.Bounds.DEFAULT;
    }

    @Override
    public String configDevice() {
      return DEV;
    }

    @Override
    public Optional<byte[]> read(String device, String path, int maxBytes) {
      return PATH.equals(path) && cfg.length <= maxBytes ? Optional.of(cfg) : Optional.empty();
    }

    @Override
    public Optional<List<String>> list(String device, String path) {
      return Optional.empty();
    }

    @Override
    public Optional<Stat> stat(String device, String path) {
      return PATH.equals(path) ? Optional.of(new Stat(false, cfg.length)) : Optional.empty();
    }

    @Override
    public Optional<String> search(SearchBy by, String key) {
      return Optional.of(DEV);
    }

    @Override
    public List<String> devices() {
      return List.of("hd0", DEV);
    }
  }
}
