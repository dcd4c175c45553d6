package org.jgrub.boot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jgrub.config.Discovery;
import org.jgrub.config.bls.EspFormat;
import org.jgrub.io.BudgetExceededException;
import org.jgrub.io.JgrubException;
import org.jgrub.volume.Volume;

/**
 * Where systemd-boot finds its menu, found by partition type as the Boot Loader Specification
 * says ("The boot partition"): the EFI system partition (GPT type c12a7328-f81f-11d2-ba4b-
 * 00a0c93ec93b, MBR type 0xef) holds loader.conf and entries, and the Extended Boot Loader
 * partition (XBOOTLDR: GPT type bc13c2ff-59e6-4262-a352-b275fd6f7172, MBR type 0xea) more
 * entries, merged into one menu. Without an ESP, an XBOOTLDR partition alone is read the same way
 * (an MBR disk's "boot partition"). It is looked at before the search over every volume when
 * systemd-boot is installed on the ESP (bootctl install writes /loader/loader.conf and
 * /EFI/systemd/).
 */
final class EspBoot {
  static final String ESP_GPT = "c12a7328-f81f-11d2-ba4b-00a0c93ec93b";
  static final String ESP_MBR = "0xef";
  static final String XBOOTLDR_GPT = "bc13c2ff-59e6-4262-a352-b275fd6f7172";
  static final String XBOOTLDR_MBR = "0xea";

  private EspBoot() {}

  /** The place to look for systemd-boot's menu, when the disk has an ESP or XBOOTLDR partition. */
  static List<ConfigSearch.Place> places(DeviceMap map, Log log) throws IOException {
    try {
      return find(map, log);
    } catch (BudgetExceededException e) {
      throw e;
    } catch (JgrubException e) {
      // A damaged ESP is not the end of the search: the other volumes may hold a configuration,
      // and the search over every volume reports this one's damage again.
      log.debug("systemd-boot: ESP or XBOOTLDR not usable: " + e.getMessage());
      return List.of();
    }
  }

  private static List<ConfigSearch.Place> find(DeviceMap map, Log log) throws IOException {
    Volume esp = first(map, ESP_GPT, ESP_MBR);
    Volume xbootldr = first(map, XBOOTLDR_GPT, XBOOTLDR_MBR);
    if (esp == null && xbootldr == null) {
      return List.of();
    }
    Volume home = esp != null ? esp : xbootldr;
    Probed p = map.probe(home);
    List<String> partners = new ArrayList<>();
    if (esp != null && xbootldr != null) {
      if (map.probe(xbootldr).fs().isPresent()) {
        partners.add(xbootldr.grubName());
      } else {
        log.info("XBOOTLDR " + xbootldr.description() + " has no filesystem jgrub can read ("
            + map.probe(xbootldr).failure() + "); its entries are left out");
      }
    }
    String role = esp != null ? "ESP " : "XBOOTLDR ";
    if (p.fs().isEmpty()) {
      log.debug(role + home.description()
          + " has no filesystem jgrub can read: " + p.failure());
      return List.of();
    }
    if (!exists(p, EspFormat.LOADER_CONF) && !exists(p, "/EFI/systemd")
        && !(esp == null && exists(p, "/loader/entries"))) {
      // An ESP without systemd-boot (GRUB's, or unified kernel images alone) is left to the
      // search over every volume, which finds its configuration among the others.
      log.debug(role + home.grubName() + " has no /loader/loader.conf or /EFI/systemd:"
          + " systemd-boot is not installed there");
      return List.of();
    }
    log.debug("systemd-boot: " + role + home.grubName()
        + (partners.isEmpty() ? "" : ", XBOOTLDR " + partners.get(0)));
    log.debug("systemd-boot: the EFI variables LoaderEntryDefault, LoaderEntryOneShot and"
        + " LoaderEntryLastBooted (@saved) are not readable from dom0 (a Xen guest has none);"
        + " loader.conf's default decides, else the first entry");
    return List.of(new ConfigSearch.Place(p, "",
        List.of(new Discovery.Candidate(EspFormat.LOADER_CONF, new EspFormat(partners)))));
  }

  private static boolean exists(Probed p, String path) throws IOException {
    try {
      GuestPaths.resolve(p.fs().get(), path);
      return true;
    } catch (org.jgrub.io.NotFoundException e) {
      return false; // Damage other than absence is reported by places().
    }
  }

  /** The first volume whose partition type is one of {@code types}. */
  private static Volume first(DeviceMap map, String gpt, String mbr) {
    for (Volume v : map.volumes()) {
      if (v.partition().isPresent()) {
        String t = v.partition().get().type();
        if (t.equalsIgnoreCase(gpt) || t.equalsIgnoreCase(mbr)) {
          return v;
        }
      }
    }
    return null;
  }
}
