package org.jgrub.config.grub1;

import java.util.Optional;
import org.jgrub.config.text.ConfigText;

/**
 * The commands Solaris's GRUB 0.97 added and its bootadm writes into menu.lst: {@code kernel$} and
 * {@code module$} (kernel and module after expanding {@code $ISADIR} and {@code $ZFS-BOOTFS}),
 * {@code findroot (SIGNATURE,P[,S])} (the root is the partition, or slice, holding
 * /boot/grub/bootsign/SIGNATURE) and {@code bootfs POOL/DATASET}.
 */
final class SolarisGrub {
  /** A PV guest runs on 64-bit Xen: $ISADIR is the 64-bit instruction set directory. */
  static final String ISADIR = "amd64";

  private SolarisGrub() {}

  /**
   * {@code kernel$}/{@code module$} as {@code kernel}/{@code module}: {@code $ISADIR} becomes
   * "amd64"; {@code $ZFS-BOOTFS} becomes {@code zfs-bootfs=DATASET} (the entry's bootfs, or empty),
   * which the boot step replaces with the pool's boot string as pygrub does.
   */
  static Grub1Command expand(Grub1Command c, String bootfs) {
    String arg = c.arg().replace("$ISADIR", ISADIR).replace("$ZFS-BOOTFS", "zfs-bootfs=" + bootfs);
    String name = c.name().substring(0, c.name().length() - 1);
    return new Grub1Command(c.line(), name, arg, c.text());
  }

  /**
   * The GRUB legacy device {@code findroot} names: "(rootfs0,0,a)" gives "hd0,0,a". A PV guest's
   * boot disk is hd0; the signature file is not searched for (a default install puts it on the
   * slice that holds this menu.lst).
   */
  static Optional<String> findroot(String arg) {
    String a = ConfigText.firstWord(arg);
    if (!a.startsWith("(") || !a.endsWith(")")) {
      return Optional.empty();
    }
    String[] parts = a.substring(1, a.length() - 1).split(",", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty()
        || Grub1Numbers.parse(parts[1]) < 0) {
      return Optional.empty();
    }
    return Optional.of("hd0," + parts[1] + (parts.length == 3 ? "," + parts[2] : ""));
  }
}
