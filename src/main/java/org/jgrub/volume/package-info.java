/**
 * Partition tables and volume managers: MBR with the EBR chain, GPT, the Solaris VTOC, hybrid ISO
 * layouts, LVM2 (volume.lvm) and the recognition of LUKS; each turns a device into the volumes it
 * holds.
 *
 * <p>May import io and its own sub-packages (volume.lvm).
 */
package org.jgrub.volume;
