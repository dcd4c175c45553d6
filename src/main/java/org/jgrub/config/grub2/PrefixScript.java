package org.jgrub.config.grub2;

import java.io.IOException;
import java.util.List;
import org.jgrub.config.GuestFiles;
import org.jgrub.config.Warning;
import org.jgrub.io.Limits;

/**
 * A short script GRUB runs before it reads {@code $prefix/grub.cfg}, run by the same interpreter
 * as grub.cfg for the variables it leaves: the configuration embedded in a core image (load.cfg:
 * {@code search.fs_uuid UUID root}, {@code set prefix=($root)'/boot/grub'}) and the stub {@code
 * grub.cfg} grub-install --uefi-secure-boot writes beside a signed {@code grubx64.efi} (the same
 * lines; Ubuntu's adds {@code configfile $prefix/grub.cfg}). The script runs with the variables
 * GRUB has when it starts ($root the device it booted from, $prefix the image's prefix);
 * {@code configfile} and {@code source} read what they name, bounded as in grub.cfg.
 */
public final class PrefixScript {
  private PrefixScript() {}

  /**
   * What the script left.
   *
   * @param root $root without parentheses ("hd0,gpt2")
   * @param prefix $prefix ("(hd0,gpt2)/@rootfs/boot/grub")
   * @param warnings what went wrong on the way (a search that found nothing, a file not read)
   */
  public record Result(String root, String prefix, List<Warning> warnings) {}

  /**
   * Runs {@code bytes} (named {@code name} in messages) on {@code device} with $prefix {@code
   * prefix}; {@code limits} bounds the text, its steps and what it reads.
   */
  public static Result run(
      byte[] bytes, String name, GuestFiles files, String device, String prefix, Limits limits)
      throws IOException {
    Interp in = new Interp(files, limits, device);
    Scope top = new Scope(null);
    Grub2Parser.platform(top, device, name);
    String p = Text.latin1View(prefix);
    top.set("prefix", p);
    top.set("cmdpath", p);
    in.ctx = new MenuContext(top);
    in.scope = top;
    if (bytes.length > limits.configFileBytes) {
      in.warn(0, name + " is larger than " + limits.configFileBytes + " bytes; not run");
    } else {
      in.runText(Text.latin1(bytes, bytes.length), name);
    }
    in.budget.rethrow();
    String root = top.get("root");
    String pre = top.get("prefix");
    return new Result(root == null ? "" : Text.stripParens(Text.display(root)),
        pre == null ? "" : Text.display(pre), in.warnings());
  }
}
