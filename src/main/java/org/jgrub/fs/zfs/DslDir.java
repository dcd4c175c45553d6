package org.jgrub.fs.zfs;

import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/** A DSL directory (dsl_dir_phys_t in the bonus of a MOS object): one node of the dataset tree. */
record DslDir(long obj, long headDataset, long parent, long childDirZap) {
  private static final int HEAD_DATASET = 8;
  private static final int PARENT = 16;
  private static final int CHILD_DIR_ZAP = 32;

  static DslDir of(Dnode dn) throws CorruptDataException {
    ByteView v = dn.bonusView("ZFS DSL directory " + dn.objnum());
    boolean be = dn.bigEndian();
    return new DslDir(dn.objnum(), v.u64(HEAD_DATASET, be), v.u64(PARENT, be),
        v.u64(CHILD_DIR_ZAP, be));
  }
}
