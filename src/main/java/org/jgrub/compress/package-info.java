/**
 * Decompressors no dependency provides well (LZJB, ZLE) and {@code Codecs}: the decoders one
 * filesystem reuses from block to block, and the one zlib loop (inflate exactly N bytes).
 *
 * <p>May import io (its exception types) only.
 */
package org.jgrub.compress;
