package org.jgrub.config.bls;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.ConfigFile;
import org.jgrub.config.ConfigFormat;
import org.jgrub.config.ConfigParser;
import org.jgrub.config.Entry;
import org.jgrub.config.GuestFiles;
import org.jgrub.config.Loaded;
import org.jgrub.config.Menu;
import java.nio.charset.StandardCharsets;
import org.jgrub.config.GuestFiles;

/**
 * The Boot Loader Specification's systemd-boot layout: the candidate is the entries directory,
 * and the config file read is {@code loader.conf} beside it (empty when absent).
 */
public final class BlsFormat implements ConfigFormat {
  public static final BlsFormat INSTANCE = new BlsFormat();

  private BlsFormat() {}

  @Override
  public String name() {
    return "bls";
  }

  /** systemd-boot: loader.conf's default pattern, else the first entry of its sort order. */
  @Override
  public String defaultReason(Menu menu) {
    if (menu.defaultSpec().isEmpty()) {
      return "loader.conf sets no default that matches an entry: the first entry in systemd-boot's"
          + " order (sort-key, machine-id, version; newest first)";
    }
    return "loader.conf's default matches the entry with id '" + menu.defaultSpec() + "'";
  }

  @Override
  public ConfigParser parser() {
    return new BlsParser();
  }

  @Override
  public Optional<ConfigFile> read(GuestFiles files, String device, String path, int maxBytes)
      throws IOException {
    Optional<GuestFiles.Stat> st = files.stat(device, path);
    if (st.isEmpty() || !st.get().directory()) {
      return Optional.empty();
    }
    String loader = path.endsWith("/entries")
        ? path.substring(0, path.length() - "/entries".length()) + "/loader.conf"
        : "/loader/loader.conf"; // "/EFI/Linux": loader.conf is at the partition's root

    byte[] conf = files.read(device, loader, maxBytes).orElse(new byte[0]);
    return Optional.of(new ConfigFile(device, path, conf));
  }

  /** A BLS layout is a directory, never one host file. */
  @Override
  public boolean namedLike(String n) {
    return false;
  }

  @Override
  public boolean readsLike(String text) {
    return false;
  }


  /**
   * Paths in an entry are on the partition the entry was found on, its {@link Entry#root()}: the
   * configuration's, or the XBOOTLDR partition's for an entry found there.
   */
  @Override
  public boolean rootLocatesPaths() {
    return true;
  }

  @Override
  public List<String> synthesize(Entry e) {
    List<String> out = new ArrayList<>();
    out.add("linux " + e.kernel());
    for (String i : e.initrds()) {
      out.add("initrd " + i);
    }
    if (!e.args().isEmpty()) {
      out.add("options " + e.args());
    }
    return out;
  }

  /** The lines as one entry file, read as BLS entries are; paths stay on the entry's volume. */
  @Override
  public Loaded load(Menu menu, Entry entry, List<String> lines, GuestFiles files) {
    StringBuilder text = new StringBuilder();
    for (String l : lines) {
      text.append(l).append('\n');
    }
    BlsEntry b = BlsEntry.parse("edited.conf", text.toString().getBytes(StandardCharsets.UTF_8));
    Optional<String> root = entry == null ? Optional.empty() : entry.root();
    if (b.linux() != null) {
      return new Loaded(Entry.Kind.LINUX, b.linux(), b.options(), b.initrds(), root, List.of());
    }
    if (b.efi() != null && entry != null && entry.kind() == Entry.Kind.UKI) {
      return new Loaded(Entry.Kind.UKI, b.efi(), b.options(), List.of(), root, List.of());
    }
    if (b.efi() != null) {
      return new Loaded(Entry.Kind.OTHER, b.efi(), b.options(), List.of(), root, List.of());
    }
    return new Loaded(null, "", "", List.of(), root, List.of("no linux or efi key"));
  }

  @Override
  public boolean hasCommandLine() {
    return false;
  }

  @Override
  public String toString() {
    return name();
  }
}
