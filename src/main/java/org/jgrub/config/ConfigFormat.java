package org.jgrub.config;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * One configuration format and everything that differs about it: which parser reads it, how a
 * found candidate is read, how {@code --isconfig} recognises a host file, how device names in its
 * paths are written, which password rules its menu has, and what lines the menu's editor shows.
 * Each sub-package of {@code config} has one implementation, registered in {@link
 * Discovery#FORMATS}; {@code boot}, {@code menu} and {@code cli} ask the format, never its name.
 */
public interface ConfigFormat {
  /** The name shown in --debug and messages: "grub2", "grub1", "bls", "syslinux", "lilo". */
  String name();

  /** A parser for this format (parsers hold no state between parses). */
  ConfigParser parser();

  /**
   * The config at {@code path} on {@code device}, when there is one: by default the file's first
   * {@code maxBytes} bytes; a format whose configuration is a directory (BLS) overrides this.
   */
  default Optional<ConfigFile> read(GuestFiles files, String device, String path, int maxBytes)
      throws IOException {
    Optional<byte[]> b = files.read(device, path, maxBytes);
    return b.isPresent() ? Optional.of(new ConfigFile(device, path, b.get())) : Optional.empty();
  }

  /** --isconfig: whether a host file's name (lower case) says it is this format. */
  boolean namedLike(String lowerCaseName);

  /** --isconfig, when no name matched: whether the file's text says it is this format. */
  boolean readsLike(String text);

  /**
   * A device as written in this format's paths or root ("(hd0,0)" counts partitions from 0 in
   * GRUB legacy, from 1 everywhere else); empty when it is no device name.
   */
  default Optional<DeviceName> device(String written) {
    return DeviceName.parse(written);
  }

  /**
   * Whether {@link Entry#root()} names the device plain paths are on (GRUB's {@code root}); the
   * other formats read paths on the configuration's own volume (the default).
   */
  default boolean rootLocatesPaths() {
    return false;
  }

  /**
   * GRUB 2's password rules: users by name, {@code superusers}, {@code --users} and {@code
   * --unrestricted}, and nothing locked until superusers is set. Otherwise one password guards
   * editing and the restricted entries (GRUB legacy's {@code password} and {@code lock},
   * syslinux's {@code MENU MASTER PASSWD}, LILO's {@code password}; the default).
   */
  default boolean namedUsers() {
    return false;
  }

  /** The editor's lines for an entry whose parser kept no body: what it boots, in this syntax. */
  List<String> synthesize(Entry e);

  /**
   * Runs an entry's (edited) lines as this format's parser runs a stanza, in the place {@code
   * entry} has in {@code menu} (its variables, its config's folder); {@code entry} may be one the
   * menu does not hold (the command line's), which runs in the menu's own context.
   */
  Loaded load(Menu menu, Entry entry, List<String> lines, GuestFiles files);

  /**
   * Whether the bootloader has a command line of its own (GRUB); the menu's 'c' screen speaks
   * {@link Discovery#commandLine} otherwise.
   */
  boolean hasCommandLine();

  /**
   * Why {@code menu}'s default is the default, in the format's words, for operators ({@code jgrub
   * inspect}, {@code -l --json}). The default reads it as GRUB reads its {@code default} variable.
   */
  default String defaultReason(Menu menu) {
    String s = menu.defaultSpec();
    if (s.isEmpty()) {
      return "no default is set: the first entry";
    }
    if (!s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return "default=" + s + ": item " + s + " of the top-level menu (counted from 0)";
    }
    if (s.indexOf('>') >= 0) {
      return "default='" + s + "': a path through submenus, each step an id, title or number";
    }
    return "default='" + s + "': the entry with that id, else that title";
  }
}
