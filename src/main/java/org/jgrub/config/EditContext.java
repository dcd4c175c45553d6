package org.jgrub.config;

/**
 * What a parser leaves behind so that an entry's edited lines can later run where the entry ran
 * (GRUB 2: the variables and functions the script defined, per menu). Formats whose entries
 * depend on nothing outside their own lines use {@link #NONE}.
 */
public interface EditContext {
  EditContext NONE = new EditContext() {};
}
