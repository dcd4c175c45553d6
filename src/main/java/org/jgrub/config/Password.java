package org.jgrub.config;

import java.util.List;

/**
 * A menu password as the config sets it.
 *
 * @param scheme "plain", "md5" (GRUB legacy {@code --md5}), "pbkdf2" (GRUB 2 {@code
 *     password_pbkdf2})
 * @param value the password or its hash as written
 * @param users the GRUB 2 user it belongs to ("" for GRUB legacy)
 * @param superusers GRUB 2 {@code superusers}; empty for GRUB legacy
 */
public record Password(String scheme, String value, String users, List<String> superusers) {
  public Password {
    superusers = List.copyOf(superusers);
  }
}
