package org.jgrub.volume;

import org.jgrub.io.BlockDevice;

/**
 * A place on the disk that may hold a filesystem.
 *
 * @param grubName the name GRUB gives it, without parentheses: "hd0" (whole disk), "hd0,msdos1",
 *     "hd0,gpt2", "hd0,msdos1,sunpc1"
 * @param description how messages name it: "partition 1", "whole disk", "GPT partition 2 (Linux
 *     filesystem)"
 * @param device its bytes
 */
public record Volume(String grubName, String description, BlockDevice device) {}
