package org.jgrub.volume;

/** Names of the partition types that messages mention. */
final class PartitionTypes {
  private PartitionTypes() {}

  /** A GPT type GUID (on-disk mixed-endian bytes) as a short name, or the GUID itself. */
  static String gptName(byte[] g) {
    String guid = guid(g);
    switch (guid) {
      case "0fc63daf-8483-4772-8e79-3d69d8477de4":
        return "Linux filesystem";
      case "c12a7328-f81f-11d2-ba4b-00a0c93ec93b":
        return "EFI system";
      case "21686148-6449-6e6f-744e-656564454649":
        return "BIOS boot";
      case "e6d6d379-f507-44c2-a23c-238f2a3df928":
        return "Linux LVM";
      case "0657fd6d-a4ab-43c4-84e5-0933c84b4f4f":
        return "Linux swap";
      case "bc13c2ff-59e6-4262-a352-b275fd6f7172":
        return "Linux extended boot";
      case "4f68bce3-e8cd-4db1-96e7-fbcaf984b709":
        return "Linux root (x86-64)";
      case "a19d880f-05fc-4d3b-a006-743f0f84911e":
        return "Linux RAID";
      case "6a898cc3-1dd2-11b2-99a6-080020736631":
        return "Solaris /usr or ZFS";
      case "6a82cb45-1dd2-11b2-99a6-080020736631":
        return "Solaris boot";
      case "516e7cb6-6ecf-11d6-8ff8-00022d09712b":
        return "FreeBSD UFS";
      case "516e7cba-6ecf-11d6-8ff8-00022d09712b":
        return "FreeBSD ZFS";
      case "83bd6b9d-7f41-11dc-be0b-001560b84f0f":
        return "FreeBSD boot";
      case "ebd0a0a2-b9e5-4433-87c0-68b6b72699c7":
        return "Microsoft basic data";
      default:
        return guid;
    }
  }

  /** The textual form of a GUID stored with its first three fields little-endian. */
  static String guid(byte[] g) {
    StringBuilder sb = new StringBuilder(36);
    int[] order = {3, 2, 1, 0, -1, 5, 4, -1, 7, 6, -1, 8, 9, -1, 10, 11, 12, 13, 14, 15};
    for (int i : order) {
      if (i < 0) {
        sb.append('-');
      } else {
        sb.append(Character.forDigit((g[i] >> 4) & 0xf, 16));
        sb.append(Character.forDigit(g[i] & 0xf, 16));
      }
    }
    return sb.toString();
  }
}
