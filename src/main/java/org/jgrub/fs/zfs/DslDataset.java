package org.jgrub.fs.zfs;

import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * A DSL dataset (dsl_dataset_phys_t in the bonus of a MOS object): a filesystem head or a
 * snapshot, with the block pointer of its object set.
 */
record DslDataset(long obj, long dirObj, long snapnamesZap, BlockPtr bp) {
  private static final int DIR_OBJ = 0;
  private static final int SNAPNAMES_ZAP = 32;
  private static final int BP = 128;

  static DslDataset of(Dnode dn) throws CorruptDataException {
    ByteView v = dn.bonusView("ZFS DSL dataset " + dn.objnum());
    boolean be = dn.bigEndian();
    return new DslDataset(dn.objnum(), v.u64(DIR_OBJ, be), v.u64(SNAPNAMES_ZAP, be),
        BlockPtr.parse(v, BP, be));
  }
}
