package org.jgrub.image;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.zstd.ZstdDecompressor;
import org.jgrub.compress.Codecs;
import org.jgrub.compress.ZstdFrame;
import org.jgrub.io.CorruptDataException;

/**
 * Decompresses one compressed cluster or grain into a buffer of the cluster's size. The output
 * buffer bounds the work: a stream that would yield more is corrupt (a decompression bomb stops
 * one byte past the cluster), and the input is at most a cluster or two read from the image.
 */
public final class Decode {
  private Decode() {}

  /**
   * Inflates {@code in[0, inLen)} (raw deflate when {@code raw}, zlib otherwise) into {@code out}
   * with the shared loop of {@link Codecs}; returns the bytes produced, naming {@code what} in
   * any error.
   */
  public static int inflate(Codecs codecs, boolean raw, byte[] in, int inLen, byte[] out,
      String what) throws CorruptDataException {
    try {
      return raw
          ? codecs.inflateRaw(in, 0, inLen, out, out.length)
          : codecs.inflate(in, 0, inLen, out, out.length);
    } catch (CorruptDataException e) {
      throw new CorruptDataException(what + ": " + e.getMessage(), e);
    }
  }

  /** Decodes the zstd frame at the start of {@code in[0, inLen)} into {@code out}. */
  public static int zstd(ZstdDecompressor zstd, byte[] in, int inLen, byte[] out, String what)
      throws CorruptDataException {
    int frame = ZstdFrame.length(in, 0, inLen, what);
    long declared = ZstdDecompressor.getDecompressedSize(in, 0, frame);
    if (declared > out.length) {
      throw new CorruptDataException(what + ": zstd frame declares " + declared
          + " bytes, more than the " + out.length + "-byte cluster");
    }
    try {
      return zstd.decompress(in, 0, frame, out, 0, out.length);
    } catch (MalformedInputException | IndexOutOfBoundsException e) {
      // A frame without a content size that runs on (a decompression bomb) ends here too.
      throw new CorruptDataException(what + ": bad zstd data or more than " + out.length
          + " bytes (" + e.getMessage() + ")", e);
    }
  }
}
