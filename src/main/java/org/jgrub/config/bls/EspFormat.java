package org.jgrub.config.bls;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.ConfigFile;
import org.jgrub.config.ConfigFormat;
import org.jgrub.config.ConfigParser;
import org.jgrub.config.Entry;
import org.jgrub.config.GuestFiles;
import org.jgrub.config.Loaded;
import org.jgrub.config.Menu;

/**
 * systemd-boot as it runs from an EFI system partition: {@code /loader/loader.conf} on the ESP,
 * and the entries of the ESP and of the XBOOTLDR partition ({@code partners}) in one menu. The
 * candidate is present when either partition holds Type #1 entries or Type #2 images, or the ESP a
 * loader.conf; the menu it gives is a {@link BlsFormat} menu.
 */
public final class EspFormat implements ConfigFormat {
  /** Where systemd-boot reads its configuration, on the partition it was started from. */
  public static final String LOADER_CONF = "/loader/loader.conf";

  private final List<String> partners;

  /** The format for an ESP whose XBOOTLDR partitions are {@code partners} (none, or one). */
  public EspFormat(List<String> partners) {
    this.partners = List.copyOf(partners);
  }

  @Override
  public String name() {
    return BlsFormat.INSTANCE.name();
  }

  @Override
  public ConfigParser parser() {
    return new BlsParser(partners);
  }

  @Override
  public Optional<ConfigFile> read(GuestFiles files, String device, String path, int maxBytes)
      throws IOException {
    boolean any = isDir(files, device, "/loader/entries") || isDir(files, device, BlsParser.UKI_DIR)
        || files.stat(device, LOADER_CONF).isPresent();
    for (String p : partners) {
      any = any || isDir(files, p, "/loader/entries") || isDir(files, p, BlsParser.UKI_DIR);
    }
    if (!any) {
      return Optional.empty();
    }
    byte[] conf = files.read(device, LOADER_CONF, maxBytes).orElse(new byte[0]);
    return Optional.of(new ConfigFile(device, LOADER_CONF, conf));
  }

  private static boolean isDir(GuestFiles files, String device, String path) throws IOException {
    Optional<GuestFiles.Stat> st = files.stat(device, path);
    return st.isPresent() && st.get().directory();
  }

  @Override
  public boolean namedLike(String lowerCaseName) {
    return false;
  }

  @Override
  public boolean readsLike(String text) {
    return false;
  }

  @Override
  public boolean rootLocatesPaths() {
    return true;
  }

  @Override
  public List<String> synthesize(Entry e) {
    return BlsFormat.INSTANCE.synthesize(e);
  }

  @Override
  public Loaded load(Menu menu, Entry entry, List<String> lines, GuestFiles files) {
    return BlsFormat.INSTANCE.load(menu, entry, lines, files);
  }

  @Override
  public boolean hasCommandLine() {
    return false;
  }

  @Override
  public String toString() {
    return "systemd-boot (ESP" + (partners.isEmpty() ? "" : " + XBOOTLDR " + partners) + ")";
  }
}
