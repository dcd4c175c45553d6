package org.jgrub.config.grub1;

import java.io.IOException;
import java.util.Optional;
import org.jgrub.config.GuestFiles;
import org.jgrub.config.text.ConfigText;
import org.jgrub.config.text.GuestPath;
import org.jgrub.config.text.ParseContext;

/**
 * {@code default saved}: the Debian/Red Hat GRUB legacy patch keeps the saved entry in a file
 * named "default" beside the config (grub-set-default writes "N\n" and '#' padding lines so that
 * stage2 can rewrite it in place). Stage2 reads 10 bytes, keeps 9, and parses the number at the
 * start; no file or no number means entry 0.
 */
final class SavedDefault {
  /** Bytes stage2 reads from the default file ({@code char buf[10]}). */
  static final int READ_BYTES = 10;

  private SavedDefault() {}

  static int read(ParseContext ctx, String device, String configPath, int line)
      throws IOException {
    String path = GuestPath.resolve(GuestPath.dirname(configPath), "default");
    GuestFiles files = ctx.files();
    Optional<byte[]> got = files.read(device, path, READ_BYTES);
    if (got.isEmpty()) {
      ctx.warn(configPath, line, "default saved: " + path + " does not exist; using entry 0");
      return 0;
    }
    byte[] b = got.get();
    String text = ConfigText.decode(b, Math.min(b.length, READ_BYTES - 1));
    int n = Grub1Numbers.parse(text);
    if (n < 0) {
      ctx.warn(configPath, line, "default saved: " + path + " holds no entry number; using entry 0");
      return 0;
    }
    return n;
  }
}
