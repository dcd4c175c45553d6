package org.jgrub.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * The disk as one run sees it: every byte read is charged to the run's {@link Budget} (and the
 * deadline checked) before the read is issued, so a guest that makes jgrub read the same sectors
 * again and again runs out of budget, and a disk that stalls is noticed at its next read.
 */
public final class BudgetedDevice implements BlockDevice {
  private final BlockDevice dev;
  private final Budget budget;

  public BudgetedDevice(BlockDevice dev, Budget budget) {
    this.dev = dev;
    this.budget = budget;
  }

  @Override
  public long size() {
    return dev.size();
  }

  @Override
  public void read(long offset, ByteBuffer dst) throws IOException {
    budget.charge(Budget.Kind.DISK_BYTES, dst.remaining());
    budget.checkDeadline();
    dev.read(offset, dst);
  }

  /** Charges the copy like a read of its bytes, then lets the device copy them its fastest way. */
  @Override
  public void transferTo(long offset, long length, WritableByteChannel dst) throws IOException {
    budget.charge(Budget.Kind.DISK_BYTES, length);
    budget.checkDeadline();
    dev.transferTo(offset, length, dst);
  }

  @Override
  public String describe() {
    return dev.describe();
  }

  @Override
  public RawLocation rawLocation() {
    return dev.rawLocation();
  }

  @Override
  public void close() throws IOException {
    dev.close();
  }
}
