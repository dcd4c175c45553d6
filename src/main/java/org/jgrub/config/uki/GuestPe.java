package org.jgrub.config.uki;

import java.io.IOException;
import org.jgrub.config.GuestFiles;
import org.jgrub.io.CorruptDataException;
import org.jgrub.pe.PeFile;

/**
 * A guest file as the PE reader sees it: each range read through {@link GuestFiles#readAt}, so
 * only the headers and the sections asked for are read. A range that the file does not hold is
 * corruption, named after the file.
 */
public final class GuestPe {
  private GuestPe() {}

  /**
   * The {@code size} bytes of {@code path} on {@code device}; {@code what} names the file in
   * messages ("ESP /EFI/debian/grubx64.efi").
   */
  public static PeFile.Source of(
      GuestFiles files, String device, String path, long size, String what) {
    return new PeFile.Source() {
      @Override
      public long size() {
        return size;
      }

      @Override
      public byte[] read(long offset, int length) throws IOException {
        byte[] b = files.readAt(device, path, offset, length).orElse(new byte[0]);
        if (b.length != length) {
          throw new CorruptDataException(what + ": " + length + " bytes at byte " + offset
              + " lie past the end of the file (" + size + " bytes)");
        }
        return b;
      }
    };
  }
}
