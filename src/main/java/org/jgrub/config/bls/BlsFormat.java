package org.jgrub.config.bls;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.ConfigFile;
import org.jgrub.config.ConfigFormat;
import org.jgrub.config.ConfigParser;
import org.jgrub.config.DeviceNames;
import org.jgrub.config.Entry;
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
    String loader = path.substring(0, path.length() - "/entries".length()) + "/loader.conf";
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

  @Override
  public String deviceName(String written) {
    return DeviceNames.canonical(written);
  }

  /** Paths in an entry are on the entry's own volume, the configuration's. */
  @Override
  public boolean rootLocatesPaths() {
    return false;
  }

  @Override
  public boolean namedUsers() {
    return false;
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

  @Override
  public String toString() {
    return name();
  }
}
