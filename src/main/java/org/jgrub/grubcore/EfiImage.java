package org.jgrub.grubcore;

import java.io.IOException;
import java.util.Optional;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.pe.PeFile;

/**
 * A GRUB 2 EFI image ({@code grubx64.efi}, {@code BOOTX64.EFI}, {@code grubia32.efi}, {@code
 * grubaa64.efi}): a PE file in which grub-mkimage puts the module area, uncompressed, in a section
 * named {@code mods} (util/mkimage.c), where grub_efi_modules_addr finds it at run time: {@code
 * struct grub_module_info64} (or {@code 32} on ia32) at the section's first byte, then the module
 * headers. The prefix ({@code OBJ_TYPE_PREFIX}) is {@code (,gpt2)/boot/grub} from grub-install,
 * or a path without a device ({@code /EFI/debian} in Debian's signed image), which GRUB takes on
 * the device it was loaded from; the embedded config ({@code OBJ_TYPE_CONFIG}) is grub-install's
 * load.cfg or, in signed images, {@code normal (memdisk)/grub.cfg}.
 */
public final class EfiImage {
  /**
   * The most bytes of a mods section read: it holds the modules (and in signed images a memdisk);
   * Debian's signed grubx64.efi has 4 MiB.
   */
  static final int MAX_MODS = 32 * 1024 * 1024;

  private EfiImage() {}

  /**
   * The prefix and embedded config of a GRUB EFI image; empty when the PE file has no {@code
   * mods} section or no module area at its start (not GRUB: shim, systemd-boot, a kernel). A PE
   * file whose headers or module area are damaged throws.
   */
  public static Optional<Embedded> read(PeFile.Source src, String what) throws IOException {
    PeFile pe = PeFile.read(src, what);
    Optional<PeFile.Section> mods = pe.section("mods");
    if (mods.isEmpty()) {
      return Optional.empty();
    }
    PeFile.Section s = mods.get();
    long len = s.dataSize();
    if (len > MAX_MODS) {
      throw new CorruptDataException(what + ": mods section of " + len + " bytes (at most "
          + MAX_MODS + " read for a GRUB image)");
    }
    if (s.rawOffset() < pe.headerEnd() && len > 0) {
      throw new CorruptDataException(what + ": mods section at byte " + s.rawOffset()
          + " overlaps the PE headers (which end at byte " + pe.headerEnd() + ")");
    }
    int pointer = pe.machine() == PeFile.I386 ? 4 : 8;
    String where = what + " (GRUB EFI image)";
    ByteView area = ByteView.of(src.read(s.rawOffset(), (int) len), what + " mods section", -1);
    return ModuleArea.at(area, pointer, where);
  }
}
