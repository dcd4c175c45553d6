package org.jgrub.config.bls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.jgrub.config.uki.OsRelease;
import org.jgrub.config.uki.UnifiedImage;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.NotFoundException;
import org.jgrub.pe.PeFile;

/**
 * The systemd-boot layout of the Boot Loader Specification: {@code /loader/loader.conf}
 * ({@code default} pattern, {@code timeout}) and Type #1 entries in {@code /loader/entries/*.conf}
 * and Type #2 unified kernel images in {@code /EFI/Linux/*.efi} on the same volume, sorted
 * together as systemd-boot sorts them.
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

    List<BlsEntry> found = new ArrayList<>(BlsScan.read(files, device, dir, warnings).orElse(List.of()));
    readUnifiedImages(files, device, found, warnings);
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
    // systemd-boot tells equal titles apart by the version, then, if still equal, by the id.
    Map<String, Integer> titles = count(sorted, false);
    Map<String, Integer> versioned = count(sorted, true);
    List<String> ids = new ArrayList<>();
    for (BlsEntry e : sorted) {
      String title = baseTitle(e);
      if (titles.get(title) > 1 && e.version() != null) {
        title = title + " (" + e.version() + ")";
      }
      if (titles.get(baseTitle(e)) > 1 && versioned.get(versionedTitle(e)) > 1) {
        title = title + " (" + stripEfi(stripConf(BlsScan.bootId(e.fileName()))) + ")";
      }
      String id = BlsScan.bootId(e.fileName());
      ids.add(id);
      Optional<String> root = Optional.ofNullable(device);
      List<String> lines = e.lines();
      if (e.linux() != null) {
        items.add(new Entry(title, stripConf(id), List.of(), e.linux(), e.initrds(), e.options(),
            root, Entry.Kind.LINUX, Optional.empty(), false, lines));
      } else if (e.efi() != null && isUnified(e.fileName())) {
        items.add(new Entry(title, stripEfi(id), List.of(), e.efi(), List.of(), e.options(), root,
            Entry.Kind.UKI, Optional.empty(), false, lines));
      } else if (e.efi() != null) {
        items.add(new Entry(title, stripConf(id), List.of(), e.efi(), List.of(), e.options(), root,
            Entry.Kind.OTHER, Optional.empty(), false, lines));
      } else {
        warnings.add(new Warning(dir + "/" + e.fileName(), 0, "no linux or efi key; entry left out"));
        ids.remove(ids.size() - 1);
      }
    }
    if (items.isEmpty()) {
      String why = "";
      if (!warnings.isEmpty()) {
        Warning w = warnings.get(0);
        why = " (" + (w.message().startsWith(w.file()) ? "" : w.file() + ": ") + w.message() + ")";
      }
      throw new NotFoundException(file.path() + " on " + device + ": no boot entries in " + dir
          + " or " + UKI_DIR + why);
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
    if (loaderConf.equals(UKI_DIR)) {
      return "/loader/entries";
    }
    int slash = loaderConf.lastIndexOf('/');
    String base = slash <= 0 ? "/loader" : loaderConf.substring(0, slash);
    return base + "/entries";
  }

  private static Map<String, Integer> count(List<BlsEntry> entries, boolean withVersion) {
    Map<String, Integer> n = new HashMap<>();
    for (BlsEntry e : entries) {
      String t = withVersion ? versionedTitle(e) : baseTitle(e);
      Integer seen = n.get(t);
      n.put(t, seen == null ? 1 : seen + 1);
    }
    return n;
  }

  private static String versionedTitle(BlsEntry e) {
    return e.version() == null ? baseTitle(e) : baseTitle(e) + " (" + e.version() + ")";
  }

  private static String baseTitle(BlsEntry e) {
    if (e.title() != null) {
      return e.title();
    }
    return e.version() != null ? e.version() : stripConf(BlsScan.bootId(e.fileName()));
  }

  static String stripEfi(String s) {
    return isUnified(s) ? s.substring(0, s.length() - 4) : s;
  }

  static String stripConf(String s) {
    return s.endsWith(".conf") ? s.substring(0, s.length() - 5) : s;
  }

  /**
   * Type #2 entries: the unified kernel images in {@code /EFI/Linux}, each read (headers and text
   * sections only) into an entry as systemd-boot makes one: the title from {@code .osrel}
   * (PRETTY_NAME, else IMAGE_ID, NAME, ID), the version (IMAGE_VERSION, else VERSION, VERSION_ID),
   * the sort key (IMAGE_ID, else ID) and the options from {@code .cmdline}. A broken image becomes
   * a warning; the rest still boot.
   */
  private static void readUnifiedImages(
      GuestFiles files, String device, List<BlsEntry> out, List<Warning> warnings)
      throws IOException {
    Optional<List<String>> names = files.list(device, UKI_DIR);
    if (names.isEmpty()) {
      return;
    }
    int max = files.bounds().limits().menuEntries;
    for (String name : names.get()) {
      if (name.startsWith(".") || !isUnified(name)) {
        continue;
      }
      if (out.size() >= max) {
        warnings.add(new Warning(UKI_DIR, 0, "more than " + max + " entries; the rest are ignored"));
        break;
      }
      String path = UKI_DIR + "/" + name;
      UnifiedImage uki;
      try {
        uki = UnifiedImage.read(source(files, device, path), path);
      } catch (org.jgrub.io.JgrubException e) {
        warnings.add(new Warning(path, 0, e.getMessage() + "; entry left out"));
        continue;
      }
      OsRelease os = uki.osRelease();
      String title = first(os.prettyName(), os.imageId(), os.name(), os.id());
      String version = first(os.imageVersion(), os.version(), os.versionId(), null);
      String sortKey = first(os.imageId(), os.id(), null, null);
      StringBuilder text = new StringBuilder();
      line(text, "title", title);
      line(text, "version", version);
      line(text, "sort-key", sortKey);
      line(text, "efi", path);
      line(text, "options", uki.cmdline().isEmpty() ? null : uki.cmdline());
      out.add(BlsEntry.parse(name, text.toString().getBytes(StandardCharsets.UTF_8)));
    }
  }

  static final String UKI_DIR = "/EFI/Linux";

  static boolean isUnified(String name) {
    return name.length() > 4 && name.regionMatches(true, name.length() - 4, ".efi", 0, 4);
  }

  private static PeFile.Source source(GuestFiles files, String device, String path)
      throws IOException {
    Optional<GuestFiles.Stat> st = files.stat(device, path);
    long size = st.isPresent() && !st.get().directory() ? st.get().size() : 0;
    return new PeFile.Source() {
      @Override
      public long size() {
        return size;
      }

      @Override
      public byte[] read(long offset, int length) throws IOException {
        byte[] b = files.readAt(device, path, offset, length).orElse(new byte[0]);
        if (b.length != length) {
          throw new CorruptDataException(path + ": read of " + length + " bytes at " + offset
              + " returned " + b.length);
        }
        return b;
      }
    };
  }

  private static String first(String a, String b, String c, String d) {
    return a != null && !a.isEmpty() ? a : b != null && !b.isEmpty() ? b
        : c != null && !c.isEmpty() ? c : d;
  }

  private static void line(StringBuilder sb, String key, String value) {
    if (value != null) {
      // One line each: a newline inside a guest's value must not make a second key.
      sb.append(key).append(' ').append(value.replace('\n', ' ').replace('\r', ' ')).append('\n');
    }
  }
}
