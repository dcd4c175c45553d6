package org.jgrub.config.uki;

/**
 * The text of a {@code .profile} section: os-release-style {@code KEY=VALUE} lines of which
 * systemd-boot reads {@code ID=} (the entry id's suffix) and {@code TITLE=} (the title's).
 */
record ProfileText(String id, String title) {
  static ProfileText parse(String text) {
    OsRelease.Fields f = OsRelease.fields(text, "ID", "TITLE");
    return new ProfileText(f.get("ID"), f.get("TITLE"));
  }
}
