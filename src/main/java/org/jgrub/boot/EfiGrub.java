package org.jgrub.boot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jgrub.config.GuestFiles;
import org.jgrub.config.uki.GuestPe;
import org.jgrub.grubcore.EfiImage;
import org.jgrub.grubcore.Embedded;
import org.jgrub.io.JgrubException;
import org.jgrub.volume.PartitionInfo;
import org.jgrub.volume.Volume;

/**
 * The GRUB EFI image on the disk's EFI system partition (GPT type C12A7328-F81F-11D2-BA4B-
 * 00A0C93EC93B, MBR type 0xef), in the order firmware without boot variables reaches it: the
 * removable path {@code /EFI/BOOT/BOOTX64.EFI} (also BOOTIA32, BOOTAA64) when it is GRUB, else
 * the {@code grubx64.efi} shim loads beside it; then each vendor folder's {@code grubx64.efi}
 * ({@code grubia32.efi}, {@code grubaa64.efi}), which shim's fallback (fbx64.efi) boots through
 * the folder's BOOTX64.CSV, in name order. An image that is damaged is skipped with a warning.
 */
final class EfiGrub {
  static final String ESP_GUID = "c12a7328-f81f-11d2-ba4b-00a0c93ec93b";
  /** The most vendor folders under /EFI looked at. */
  static final int MAX_FOLDERS = 64;

  private static final List<String> REMOVABLE = List.of("bootx64.efi", "bootia32.efi", "bootaa64.efi");
  private static final List<String> GRUB = List.of("grubx64.efi", "grubia32.efi", "grubaa64.efi");

  /** A GRUB EFI image found: the ESP's device, the image's path on it, what it embeds. */
  record Found(Probed esp, String path, Embedded embedded) {}

  private EfiGrub() {}

  static boolean isEsp(Volume v) {
    Optional<PartitionInfo> p = v.partition();
    if (p.isEmpty()) {
      return false;
    }
    String t = p.get().type();
    return t.equalsIgnoreCase(ESP_GUID) || t.equalsIgnoreCase("0xef");
  }

  /** The first GRUB EFI image on an EFI system partition; empty when there is none. */
  static Optional<Found> find(DeviceMap map, Log log) throws IOException {
    for (Volume v : map.volumes()) {
      if (!isEsp(v)) {
        continue;
      }
      Probed p = map.probe(v);
      if (p.fs().isEmpty()) {
        log.debug(p.describe() + ": EFI system partition without a filesystem jgrub reads ("
            + p.failure() + ")");
        continue;
      }
      Optional<Found> f = onEsp(map, p, log);
      if (f.isPresent()) {
        return f;
      }
    }
    return Optional.empty();
  }

  private static Optional<Found> onEsp(DeviceMap map, Probed esp, Log log) throws IOException {
    String dev = esp.volume().grubName();
    Optional<String> efi = child(map, dev, "/", "efi");
    if (efi.isEmpty()) {
      log.debug(esp.describe() + ": EFI system partition without /EFI");
      return Optional.empty();
    }
    String top = "/" + efi.get();
    List<String> folders = map.list(dev, top).orElse(List.of());
    List<String> order = new ArrayList<>();
    String removable = null;
    for (String f : folders) {
      if (f.equalsIgnoreCase("boot")) {
        removable = f;
      } else if (!f.equals(".") && !f.equals("..") && order.size() < MAX_FOLDERS) {
        order.add(f);
      }
    }
    if (removable != null) {
      String dir = top + "/" + removable;
      for (String name : REMOVABLE) {
        Optional<Found> f = image(map, esp, dir, name, log);
        if (f.isPresent()) {
          return f;
        }
      }
      order.add(0, removable); // shim as BOOTX64.EFI loads grubx64.efi from its own folder
    }
    for (String folder : order) {
      for (String name : GRUB) {
        Optional<Found> f = image(map, esp, top + "/" + folder, name, log);
        if (f.isPresent()) {
          return f;
        }
      }
    }
    log.debug(esp.describe() + ": no GRUB EFI image under " + top);
    return Optional.empty();
  }

  /** The image {@code dir/name} (any case) when it is a GRUB image; empty otherwise. */
  private static Optional<Found> image(DeviceMap map, Probed esp, String dir, String name, Log log)
      throws IOException {
    String dev = esp.volume().grubName();
    Optional<String> real = child(map, dev, dir, name);
    if (real.isEmpty()) {
      return Optional.empty();
    }
    String path = dir + "/" + real.get();
    String what = esp.describe() + " " + path;
    Optional<GuestFiles.Stat> st = map.stat(dev, path);
    if (st.isEmpty() || st.get().directory()) {
      return Optional.empty();
    }
    long size = st.get().size();
    try {
      Optional<Embedded> e = EfiImage.read(GuestPe.of(map, dev, path, size, what), what);
      if (e.isEmpty()) {
        log.debug(what + ": not a GRUB image (no module area in a mods section)");
        return Optional.empty();
      }
      return Optional.of(new Found(esp, path, e.get()));
    } catch (JgrubException ex) {
      map.bounds().budget().rethrow();
      log.info("warning: " + what + ": GRUB EFI image unreadable (" + ex.getMessage() + ")");
      return Optional.empty();
    }
  }

  /** The entry of {@code dir} named {@code name} ignoring case, as FAT and the firmware match. */
  private static Optional<String> child(DeviceMap map, String dev, String dir, String name)
      throws IOException {
    for (String n : map.list(dev, dir).orElse(List.of())) {
      if (n.toLowerCase(Locale.ROOT).equals(name)) {
        return Optional.of(n);
      }
    }
    return Optional.empty();
  }
}
