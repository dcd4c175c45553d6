/**
 * Partition tables and volume managers: MBR with the EBR chain, GPT, the Solaris VTOC, hybrid ISO
 * layouts; each turns a device into the volumes it holds.
 *
 * <p>May import io only.
 */
package org.jgrub.volume;
