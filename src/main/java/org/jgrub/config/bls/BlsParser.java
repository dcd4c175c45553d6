package org.jgrub.config.bls;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jgrub.config.ConfigFile;
import org.jgrub.config.ConfigParser;
import org.jgrub.config.Entry;
import org.jgrub.config.GuestFiles;
import org.jgrub.config.Menu;
import org.jgrub.config.MenuItem;
import org.jgrub.config.Warning;
import org.jgrub.io.NotFoundException;

/**
 * The systemd-boot layout of the Boot Loader Specification: {@code /loader/loader.conf}
 * ({@code default} pattern, {@code timeout}) and Type #1 entries in {@code /loader/entries/*.conf}
 * on the same volume, sorted as systemd-boot sorts them; Type #2 unified kernel images in
 * {@code /EFI/Linux/*.efi} are listed but not opened.
 *
 * <p>Entries: the id is the file name without ".conf" (and without a boot counter), paths are
 * as written, relative to the entry's volume, which is {@link Entry#root()}.
 */
public final class BlsParser implements ConfigParser {
  /** The architecture a Xen PV x86 guest runs; entries for another one are left out. */
  static final String ARCH = "x64";

  @Override
  public String format() {
    return BlsFormat.INSTANCE.name();
  }

  @Override
  public Menu parse(ConfigFile file, GuestFiles files) throws IOException {
    List<Warning> warnings = new ArrayList<>();
    String device = file.device();
    String dir = entriesDir(file.path());
    LoaderConf conf = LoaderConf.parse(BlsEntry.decode(file.content()), file.path(), warnings);

    List<BlsEntry> found = BlsScan.read(files, device, dir, warnings).orElse(List.of());
    List<BlsEntry> usable = new ArrayList<>();
    for (BlsEntry e : found) {
      if (e.architecture() != null && !e.architecture().equalsIgnoreCase(ARCH)) {
        warnings.add(new Warning(dir + "/" + e.fileName(), 0,
            "architecture " + e.architecture() + " is not " + ARCH + "; entry left out"));
        continue;
      }
      usable.add(e);
    }
    List<BlsEntry> sorted = BlsScan.sortForSystemdBoot(usable);
    List<MenuItem> items = new ArrayList<>();
    Map<String, Integer> titles = new HashMap<>();
    for (BlsEntry e : sorted) {
      Integer seen = titles.get(baseTitle(e));
      titles.put(baseTitle(e), seen == null ? 1 : seen + 1);
    }
    List<String> ids = new ArrayList<>();
    for (BlsEntry e : sorted) {
      String title = baseTitle(e);
      if (titles.get(title) > 1 && e.version() != null) {
        title = title + " (" + e.version() + ")"; // systemd-boot tells equal titles apart
      }
      String id = BlsScan.bootId(e.fileName());
      ids.add(id);
      Optional<String> root = Optional.ofNullable(device);
      List<String> lines = e.lines();
      if (e.linux() != null) {
        items.add(new Entry(title, stripConf(id), List.of(), e.linux(), e.initrds(), e.options(),
            root, Entry.Kind.LINUX, Optional.empty(), false, lines));
      } else if (e.efi() != null) {
        items.add(new Entry(title, stripConf(id), List.of(), e.efi(), List.of(), e.options(), root,
            Entry.Kind.OTHER, Optional.empty(), false, lines));
      } else {
        warnings.add(new Warning(dir + "/" + e.fileName(), 0, "no linux or efi key; entry left out"));
        ids.remove(ids.size() - 1);
      }
    }
    addUnifiedImages(files, device, items, ids, warnings);
    if (items.isEmpty()) {
      throw new NotFoundException(file.path() + " on " + device + ": no boot entries in " + dir
          + " or /EFI/Linux");
    }
    String defaultSpec = "";
    if (conf.defaultPattern != null) {
      int hit = -1;
      for (int k = 0; k < ids.size() && hit < 0; k++) {
        if (Glob.matches(conf.defaultPattern, ids.get(k))
            || Glob.matches(conf.defaultPattern, stripConf(ids.get(k)))) {
          hit = k;
        }
      }
      if (hit >= 0) {
        defaultSpec = items.get(hit).id();
      } else {
        warnings.add(new Warning(file.path(), conf.defaultLine,
            "default '" + conf.defaultPattern + "' matches no entry; the first entry is used"));
      }
    }
    return new Menu(BlsFormat.INSTANCE, file.path(), items, defaultSpec, Optional.empty(), conf.timeout,
        conf.hidden, Optional.empty(), warnings);
  }

  /** "/loader/loader.conf" gives "/loader/entries"; "/boot/loader/loader.conf" the same below /boot. */
  static String entriesDir(String loaderConf) {
    int slash = loaderConf.lastIndexOf('/');
    String base = slash <= 0 ? "/loader" : loaderConf.substring(0, slash);
    return base + "/entries";
  }

  private static String baseTitle(BlsEntry e) {
    if (e.title() != null) {
      return e.title();
    }
    return e.version() != null ? e.version() : stripConf(BlsScan.bootId(e.fileName()));
  }

  static String stripConf(String s) {
    return s.endsWith(".conf") ? s.substring(0, s.length() - 5) : s;
  }

  /**
   * Type #2 entries: unified kernel images, PE files whose .linux, .initrd and .cmdline sections
   * hold the boot files. Reading those sections is not implemented, so they are listed as
   * non-bootable entries with a warning.
   */
  private static void addUnifiedImages(
      GuestFiles files, String device, List<MenuItem> items, List<String> ids,
      List<Warning> warnings) throws IOException {
    Optional<List<String>> names = files.list(device, "/EFI/Linux");
    if (names.isEmpty()) {
      return;
    }
    for (String name : names.get()) {
      if (name.length() <= 4 || !name.toLowerCase(java.util.Locale.ROOT).endsWith(".efi")) {
        continue;
      }
      String id = name.substring(0, name.length() - 4);
      items.add(new Entry(id, id, List.of(), "/EFI/Linux/" + name, List.of(), "",
          Optional.ofNullable(device), Entry.Kind.OTHER, Optional.empty(), false, List.of()));
      ids.add(name);
      warnings.add(new Warning("/EFI/Linux/" + name, 0,
          "unified kernel image (BLS Type #2): extracting its .linux/.initrd/.cmdline sections is"
              + " not implemented; listed but not bootable"));
    }
  }
}
