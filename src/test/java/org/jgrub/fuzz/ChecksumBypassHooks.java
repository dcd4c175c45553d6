package org.jgrub.fuzz;

import com.code_intelligence.jazzer.api.HookType;
import com.code_intelligence.jazzer.api.MethodHook;
import java.lang.invoke.MethodHandle;

/**
 * Fuzzing only: makes every btrfs tree-block checksum, XFS v5 CRC, ZFS block-pointer checksum,
 * ext4 superblock checksum (metadata_csum) and MD superblock checksum pass, so that mutated images reach the parsers behind them instead of dying at the check. An
 * attacker computes valid checksums anyway; the bypass only saves the fuzzer from having to.
 * Loaded by campaigns that ask for it ({@code -Djazzer.custom_hooks=org.jgrub.fuzz.ChecksumBypassHooks},
 * see docs/fuzzing.md); the regression runs of {@code mvn test} never load it.
 */
public final class ChecksumBypassHooks {
  private ChecksumBypassHooks() {}

  @MethodHook(type = HookType.REPLACE, targetClassName = "org.jgrub.fs.btrfs.BtrfsChecksum",
      targetMethod = "verify")
  public static void btrfs(MethodHandle method, Object self, Object[] args, int hookId) {}

  @MethodHook(type = HookType.REPLACE, targetClassName = "org.jgrub.fs.xfs.XfsCrc",
      targetMethod = "verify")
  public static void xfs(MethodHandle method, Object self, Object[] args, int hookId) {}

  @MethodHook(type = HookType.REPLACE, targetClassName = "org.jgrub.fs.ext.Superblock",
      targetMethod = "checkCrc")
  public static void ext(MethodHandle method, Object self, Object[] args, int hookId) {}

  @MethodHook(type = HookType.REPLACE, targetClassName = "org.jgrub.volume.md.Superblock",
      targetMethod = "checksum1")
  public static void md1(MethodHandle method, Object self, Object[] args, int hookId) {}

  @MethodHook(type = HookType.REPLACE, targetClassName = "org.jgrub.volume.md.Superblock",
      targetMethod = "checksum090")
  public static void md090(MethodHandle method, Object self, Object[] args, int hookId) {}

  @MethodHook(type = HookType.REPLACE, targetClassName = "org.jgrub.fs.zfs.BlockReader$BpCheck",
      targetMethod = "ok")
  public static boolean zfs(MethodHandle method, Object self, Object[] args, int hookId) {
    return true;
  }
}
