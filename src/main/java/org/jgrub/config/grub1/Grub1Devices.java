package org.jgrub.config.grub1;

import java.util.List;
import java.util.Optional;
import org.jgrub.config.DeviceName;

/**
 * GRUB legacy device names ("hd0,0": disk 0, first partition, counted from 0) and their GRUB 2
 * spelling ("hd0,msdos1", counted from 1), which is what {@code GuestFiles} speaks.
 */
public final class Grub1Devices {
  private Grub1Devices() {}

  /**
   * The GRUB 2 name of a GRUB legacy device among {@code devices}: "hd0" stays "hd0"; "hd0,0"
   * becomes the first "hd0,&lt;scheme&gt;1" (for a Solaris partition, its first slice: the root
   * slice); "hd0,0,a" the first slice of it ("hd0,msdos1,sunpc1").
   */
  public static Optional<String> toGuestDevice(String legacy, List<String> devices) {
    Optional<DeviceName> n = DeviceName.parseLegacy(legacy);
    if (n.isEmpty()) {
      return Optional.empty();
    }
    if (n.get().whole()) {
      return devices.contains(n.get().toString()) ? Optional.of(n.get().toString()) : Optional.empty();
    }
    for (String d : devices) {
      Optional<DeviceName> v = DeviceName.parse(d);
      if (v.isPresent() && n.get().denotes(v.get())) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** The GRUB legacy name of a GRUB 2 device name: "hd0,msdos2" gives "hd0,1". */
  public static String toLegacy(String grub2) {
    Optional<DeviceName> n = DeviceName.parse(grub2);
    return n.isPresent() ? n.get().toLegacy() : grub2;
  }
}
