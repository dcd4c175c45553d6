package org.jgrub.volume.md;

import java.io.IOException;
import org.jgrub.io.BlockDevice;
import org.jgrub.volume.Volume;

/** The oracle checks of {@link MdTest}, for the LVM tests that read the same VM's fixtures. */
public final class MdTestAccess {
  private MdTestAccess() {}

  public static String sha256(BlockDevice d) throws IOException {
    return MdTest.sha256(d);
  }

  public static int assertFilesAsLinuxRead(String image, String label, Volume v)
      throws IOException {
    return MdTest.assertFilesAsLinuxRead(image, label, v);
  }
}
