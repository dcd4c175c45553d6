package org.jgrub.volume;

import java.util.Optional;

/**
 * What the partition table says about one partition, for operators ({@code jgrub inspect}): where
 * it lies on the disk and how the table types and names it.
 *
 * @param number the partition's number as GRUB and Linux count it (MBR slot 1–4, logical from 5,
 *     GPT entry index from 1, Solaris slice index from 1 as GRUB's {@code sunpc} counts)
 * @param offset byte offset of its first byte on the disk
 * @param length its size in bytes, as the table states it (clipped to the disk's end)
 * @param type the type as stored: "0x83" for MBR, the type GUID for GPT, "tag 2" for a VTOC
 * @param typeName a known name for the type ("Linux filesystem"), or empty
 * @param uuid GPT's unique partition GUID (Linux's PARTUUID), or empty
 * @param name GPT's partition name (PARTLABEL), or empty
 * @param active the MBR boot flag
 */
public record PartitionInfo(
    int number,
    long offset,
    long length,
    String type,
    Optional<String> typeName,
    Optional<String> uuid,
    Optional<String> name,
    boolean active) {}
