package org.jgrub.fs;

/**
 * One name in a directory. {@code name} is decoded for display and comparison; {@code ref} is the
 * driver's own handle, opened with {@link GuestFs#open(DirEntry)}.
 */
public record DirEntry(String name, NodeRef ref) {}
