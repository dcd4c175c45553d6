package org.jgrub.config;

import java.util.List;
import java.util.Optional;
import org.jgrub.io.Bounds;

/** {@link GuestFiles#none}: every lookup finds nothing. */
final class NoGuestFiles implements GuestFiles {
  private final String device;

  private final Bounds bounds;

  NoGuestFiles(String device, Bounds bounds) {
    this.device = device;
    this.bounds = bounds;
  }

  @Override
  public Bounds bounds() {
    return bounds;
  }

  @Override
  public String configDevice() {
    return device;
  }

  @Override
  public Optional<byte[]> read(String dev, String path, int maxBytes) {
    return Optional.empty();
  }

  @Override
  public Optional<List<String>> list(String dev, String path) {
    return Optional.empty();
  }

  @Override
  public Optional<Stat> stat(String dev, String path) {
    return Optional.empty();
  }

  @Override
  public Optional<String> search(SearchBy by, String key) {
    return Optional.empty();
  }

  @Override
  public List<String> devices() {
    return List.of(device);
  }
}
