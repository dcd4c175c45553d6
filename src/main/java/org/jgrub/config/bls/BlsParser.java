package org.jgrub.config.bls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.ConfigFile;
import org.jgrub.config.ConfigParser;
import org.jgrub.config.Entry;
import org.jgrub.config.GuestFiles;
import org.jgrub.config.Menu;
import org.jgrub.config.MenuItem;
import org.jgrub.config.Warning;
import org.jgrub.config.uki.GuestPe;
import org.jgrub.config.uki.OsRelease;
import org.jgrub.config.uki.UnifiedImage;
import org.jgrub.io.BudgetExceededException;
import org.jgrub.io.JgrubException;
import org.jgrub.io.NotFoundException;
import org.jgrub.pe.PeFile;

/**
 * The systemd-boot layout of the Boot Loader Specification: {@code /loader/loader.conf}
 * ({@code default} pattern, {@code timeout}), Type #2 unified kernel images in {@code
 * /EFI/Linux/*.efi} (one entry per profile) and Type #1 entries in {@code /loader/entries/*.conf}
 * on the configuration's partition and then on each partner partition (the XBOOTLDR partition
 * beside an ESP), sorted and titled together as systemd-boot does.
 *
 * <p>Entries: the id is the file name without ".conf"/".efi" and without a boot counter (with
 * "@PROFILE" for a profile after the first), paths are as written, relative to the partition the
 * entry was found on, which is {@link Entry#root()}.
 */
public final class BlsParser implements ConfigParser {
  /** The architecture a Xen PV x86 guest runs; entries for another one are left out. */
  static final String ARCH = "x64";

  static final String UKI_DIR = "/EFI/Linux";

  /** The line jgrub adds to a Type #2 profile's lines: which profile of the image boots. */
  public static final String PROFILE_KEY = "profile";

  private final List<String> partners;

  public BlsParser() {
    this(List.of());
  }

  /** A parser that also reads the entries of {@code partners} (XBOOTLDR partitions). */
  public BlsParser(List<String> partners) {
    this.partners = List.copyOf(partners);
  }

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

    // systemd-boot's order of reading (config_load_all_entries): the ESP's /EFI/Linux and
    // /loader/entries, then the XBOOTLDR partition's. Equal entries keep it.
    List<SdEntry> found = new ArrayList<>();
    readUnifiedImages(files, device, found, warnings);
    readEntries(files, device, dir, found, warnings);
    for (String p : partners) {
      readUnifiedImages(files, p, found, warnings);
      readEntries(files, p, "/loader/entries", found, warnings);
    }
    List<SdEntry> usable = new ArrayList<>();
    for (SdEntry e : found) {
      String arch = e.entry().architecture();
      if (arch != null && !arch.equalsIgnoreCase(ARCH)) {
        warnings.add(new Warning(e.path(), 0,
            "architecture " + arch + " is not " + ARCH + "; entry left out"));
      } else if (e.entry().linux() == null && e.entry().efi() == null) {
        warnings.add(new Warning(e.path(), 0, "no linux or efi key; entry left out"));
      } else {
        usable.add(e);
      }
    }
    usable.sort(SdOrder.ORDER);
    List<String> titles = SdOrder.titles(usable);
    List<MenuItem> items = new ArrayList<>();
    for (int k = 0; k < usable.size(); k++) {
      items.add(entry(usable.get(k), titles.get(k)));
    }
    if (items.isEmpty()) {
      String why = "";
      if (!warnings.isEmpty()) {
        Warning w = warnings.get(0);
        why = " (" + (w.message().startsWith(w.file()) ? "" : w.file() + ": ") + w.message() + ")";
      }
      String where = partners.isEmpty() ? "" : " (nor on " + String.join(", ", partners) + ")";
      throw new NotFoundException(file.path() + " on " + device + ": no boot entries in " + dir
          + " or " + UKI_DIR + where + why);
    }
    String defaultSpec = "";
    if (conf.defaultPattern != null) {
      String pattern = SdEntry.fold(conf.defaultPattern);
      int hit = -1;
      for (int k = 0; k < usable.size() && hit < 0; k++) {
        if (Glob.matches(pattern, usable.get(k).id())) {
          hit = k;
        }
      }
      if (hit >= 0) {
        defaultSpec = ((Entry) items.get(hit)).id();
      } else {
        warnings.add(new Warning(file.path(), conf.defaultLine,
            "default '" + conf.defaultPattern + "' matches no entry; the first entry is used"));
      }
    }
    return new Menu(BlsFormat.INSTANCE, file.path(), items, defaultSpec, Optional.empty(),
        conf.timeout, conf.hidden, Optional.empty(), warnings);
  }

  private static Entry entry(SdEntry s, String title) {
    BlsEntry e = s.entry();
    Optional<String> root = Optional.ofNullable(s.device());
    String id = s.idWithoutProfile() == null ? strip(e)
        : strip(e) + s.id().substring(s.idWithoutProfile().length());
    if (e.linux() != null) {
      return new Entry(title, id, List.of(), e.linux(), e.initrds(), e.options(), root,
          Entry.Kind.LINUX, Optional.empty(), false, e.lines());
    }
    Entry.Kind kind = s.path().startsWith(UKI_DIR + "/") && isUnified(s.path())
        ? Entry.Kind.UKI : Entry.Kind.OTHER;
    return new Entry(title, id, List.of(), e.efi(), List.of(), e.options(), root, kind,
        Optional.empty(), false, e.lines());
  }

  /**
   * jgrub's id for an entry: the file name as written, without the boot counter and the ".conf" or
   * ".efi" suffix (systemd's id is the same name in lower case, with the suffix).
   */
  private static String strip(BlsEntry e) {
    String name = e.fileName();
    SdEntry.Counter c = SdEntry.counter(name, suffix(name));
    String base = c == null ? name : c.base();
    return stripEfi(stripConf(base));
  }

  private static String suffix(String name) {
    return name.endsWith(".conf") ? ".conf" : isUnified(name) ? name.substring(name.length() - 4)
        : "";
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

  static String stripEfi(String s) {
    return isUnified(s) ? s.substring(0, s.length() - 4) : s;
  }

  static String stripConf(String s) {
    return s.endsWith(".conf") ? s.substring(0, s.length() - 5) : s;
  }

  /** Type #1 entries of {@code dir} on {@code device}; "auto-*" names are systemd-boot's own. */
  private static void readEntries(GuestFiles files, String device, String dir, List<SdEntry> out,
      List<Warning> warnings) throws IOException {
    for (BlsEntry e : BlsScan.read(files, device, dir, warnings).orElse(List.of())) {
      String name = e.fileName();
      if (name.regionMatches(true, 0, "auto-", 0, 5)) {
        continue;
      }
      SdEntry.Counter c = SdEntry.counter(name, ".conf");
      String id = SdEntry.fold(c == null ? name : c.base());
      out.add(new SdEntry(e, device, dir + "/" + name, id, null, 0, e.title(),
          c == null ? -1 : c.left(), c == null ? -1 : c.done()));
    }
  }

  /**
   * Type #2 entries: the unified kernel images in {@code /EFI/Linux}, each profile read (headers
   * and text sections only) into an entry as systemd-boot makes one (boot_entry_add_type2): the
   * title from {@code .osrel} (PRETTY_NAME, else IMAGE_ID, NAME, ID) with the profile's TITLE or
   * ID, the version (IMAGE_VERSION, else VERSION, VERSION_ID), the sort key (IMAGE_ID, else ID) and
   * the options from {@code .cmdline}. An image without a name or a version is not listed, as
   * systemd-boot lists none. A broken image becomes a warning; the rest still boot.
   */
  private static void readUnifiedImages(
      GuestFiles files, String device, List<SdEntry> out, List<Warning> warnings)
      throws IOException {
    Optional<List<String>> names = files.list(device, UKI_DIR);
    if (names.isEmpty()) {
      return;
    }
    int max = files.bounds().limits().menuEntries;
    for (String name : names.get()) {
      if (name.startsWith(".") || !isUnified(name)
          || name.regionMatches(true, 0, "auto-", 0, 5)) {
        continue;
      }
      if (out.size() >= max) {
        warnings.add(new Warning(UKI_DIR, 0, "more than " + max + " entries; the rest are ignored"));
        break;
      }
      String path = UKI_DIR + "/" + name;
      PeFile.Source src = source(files, device, path);
      int count;
      try {
        count = UnifiedImage.profiles(src, path);
      } catch (BudgetExceededException e) {
        throw e;
      } catch (JgrubException e) {
        warnings.add(new Warning(path, 0, e.getMessage() + "; entry left out"));
        continue;
      }
      SdEntry.Counter c = SdEntry.counter(name, name.substring(name.length() - 4));
      String base = SdEntry.fold(c == null ? name : c.base());
      for (int p0 = 0; p0 < count; p0++) {
        UnifiedImage uki;
        try {
          uki = UnifiedImage.read(src, path, p0);
        } catch (BudgetExceededException e) {
          throw e;
        } catch (JgrubException e) {
          // One damaged profile hides none of the others.
          warnings.add(new Warning(path, 0, e.getMessage() + "; entry left out"));
          continue;
        }
        OsRelease os = uki.osRelease();
        String title = first(os.prettyName(), os.imageId(), os.name(), os.id());
        String version = first(os.imageVersion(), os.version(), os.versionId(), null);
        if (title == null || version == null) {
          warnings.add(new Warning(path, 0, ".osrel has no " + (title == null ? "name" : "version")
              + " (PRETTY_NAME, NAME, ID; IMAGE_VERSION, VERSION, VERSION_ID); systemd-boot does"
              + " not list the image"));
          break;
        }
        int p = uki.profile();
        String id = base;
        if (p > 0) {
          id = base + "@" + SdEntry.fold(uki.profileId() != null ? uki.profileId()
              : Integer.toString(p));
        }
        if (uki.profileTitle() != null) {
          title = title + " (" + uki.profileTitle() + ")";
        } else if (p > 0) {
          title = title + " (" + (uki.profileId() != null ? uki.profileId()
              : "Profile #" + (p + 1)) + ")";
        }
        StringBuilder text = new StringBuilder();
        line(text, "title", title);
        line(text, "version", version);
        line(text, "sort-key", first(os.imageId(), os.id(), null, null));
        line(text, "efi", path);
        line(text, "options", uki.cmdline().isEmpty() ? null : uki.cmdline());
        if (p > 0) {
          line(text, PROFILE_KEY, Integer.toString(p));
        }
        BlsEntry e = BlsEntry.parse(name, text.toString().getBytes(StandardCharsets.UTF_8));
        out.add(new SdEntry(e, device, path, id, p > 0 ? base : null, p, title,
            c == null ? -1 : c.left(), c == null ? -1 : c.done()));
        if (uki.cmdline().isEmpty()) {
          // systemd-boot stops at a profile without a .cmdline (boot_entry_add_type2 returns).
          break;
        }
      }
    }
  }

  static boolean isUnified(String name) {
    return name.length() > 4 && name.regionMatches(true, name.length() - 4, ".efi", 0, 4);
  }

  private static PeFile.Source source(GuestFiles files, String device, String path)
      throws IOException {
    Optional<GuestFiles.Stat> st = files.stat(device, path);
    long size = st.isPresent() && !st.get().directory() ? st.get().size() : 0;
    return GuestPe.of(files, device, path, size, path);
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
