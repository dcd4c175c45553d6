package org.jgrub.image;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
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
   * Inflates {@code in[0, inLen)} with {@code inf} (raw deflate or zlib, as the caller made it)
   * into {@code out}; returns the bytes produced. Bytes after the end of the stream are ignored
   * (compressed clusters are padded to a sector with whatever follows).
   */
  public static int inflate(Inflater inf, byte[] in, int inLen, byte[] out, String what)
      throws CorruptDataException {
    try {
      inf.setInput(in, 0, inLen);
      int done = 0;
      // Each pass either produces bytes, or the stream ended or needs input it will not get.
      while (done < out.length && !inf.finished()) {
        int n = inf.inflate(out, done, out.length - done);
        if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
          break;
        }
        done += n;
      }
      if (done == out.length && !inf.finished() && inf.inflate(new byte[1]) > 0) {
        throw new CorruptDataException(what + ": deflate data inflates to more than "
            + out.length + " bytes, the cluster size");
      }
      return done;
    } catch (DataFormatException e) {
      throw new CorruptDataException(what + ": bad deflate data (" + e.getMessage() + ")", e);
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
