package org.jgrub.boot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.ConfigParser;
import org.jgrub.config.Discovery;
import org.jgrub.config.Menu;
import org.jgrub.fs.GuestFs;
import org.jgrub.io.JgrubException;
import org.jgrub.io.NotFoundException;
import org.jgrub.volume.Volume;

/**
 * The search for the guest's configuration, built as a value: a list of {@link Place}s in the
 * order to look (where the installed GRUB's prefix points, then pygrub's list over every volume's
 * top level and its subvolumes, then the places pygrub never looks), and one {@link Attempt} per
 * place looked at. The first place whose configuration parses with entries wins; the attempts say
 * in --debug and in the final error what was searched and why nothing was used.
 */
final class ConfigSearch {
  /** The most other views of one volume searched (each costs a few directory lookups). */
  static final int MAX_VIEWS = 64;

  private ConfigSearch() {}

  /**
   * One place to look: a volume seen through one view of its filesystem, and the files to look
   * for there. {@code view} names the view in messages ("" for the top level).
   */
  record Place(Probed site, String view, List<Discovery.Candidate> candidates) {
    String describe() {
      return view.isEmpty() ? site.describe() : site.describe() + " " + view;
    }
  }

  /** What looking at one place gave: the files tried, and the failures (unreadable, no entries). */
  record Attempt(Place place, List<String> tried, List<String> failures) {
    Attempt {
      tried = List.copyOf(tried);
      failures = List.copyOf(failures);
    }
  }

  /** The configuration found, or every attempt when there is none. */
  record Result(Optional<LoadedConfig> config, List<Attempt> attempts) {}

  /**
   * Searches {@code first} (the installed GRUB's place, when there is one), then each volume for
   * pygrub's list and then for the rest: its top level, and when that has no configuration file,
   * its subvolumes.
   */
  static Result run(DeviceMap map, List<Place> first, Log log) throws IOException {
    List<Attempt> attempts = new ArrayList<>();
    for (Place p : first) {
      Optional<LoadedConfig> c = look(map, p, attempts, log);
      if (c.isPresent()) {
        return new Result(c, attempts);
      }
    }
    for (int pass = 0; pass < 2; pass++) {
      List<Discovery.Candidate> candidates =
          pass == 0 ? Discovery.PYGRUB_ORDER : Discovery.BEYOND_PYGRUB;
      for (Volume v : map.volumes()) {
        Probed p = map.probe(v);
        if (p.fs().isEmpty()) {
          continue;
        }
        int before = attempts.size();
        Optional<LoadedConfig> c = look(map, new Place(p, "", candidates), attempts, log);
        if (c.isPresent()) {
          return new Result(c, attempts);
        }
        if (!attempts.get(before).failures().isEmpty()) {
          continue; // A damaged top level: its subvolumes are not reachable reliably either.
        }
        for (GuestFs.View view : views(map, p, attempts, log)) {
          Probed site = new Probed(v, Optional.of(view.fs()), "");
          c = look(map, new Place(site, view.name(), candidates), attempts, log);
          if (c.isPresent()) {
            return new Result(c, attempts);
          }
        }
      }
    }
    return new Result(Optional.empty(), attempts);
  }

  /**
   * The other views of a volume whose top has no configuration (btrfs subvolumes), as the
   * filesystem offers them.
   */
  private static List<GuestFs.View> views(
      DeviceMap map, Probed p, List<Attempt> attempts, Log log) throws IOException {
    try {
      return p.fs().get().bootViews(MAX_VIEWS);
    } catch (JgrubException e) {
      map.bounds().budget().rethrow();
      log.debug(p.describe() + ": subvolumes not listed: " + e.getMessage());
      attempts.add(
          new Attempt(new Place(p, "subvolumes", List.of()), List.of(), List.of(e.getMessage())));
      return List.of();
    }
  }

  /** Looks at one place; records the attempt; the parsed configuration if one was found. */
  private static Optional<LoadedConfig> look(
      DeviceMap disk, Place place, List<Attempt> attempts, Log log) throws IOException {
    List<String> tried = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    DeviceMap map = disk.at(place.site());
    String device = place.site().volume().grubName();
    if (!place.view().isEmpty()) {
      log.debug("searching " + place.describe());
    }
    Optional<Discovery.Found> found = Optional.empty();
    try {
      found = Discovery.find(map, device, place.candidates(), tried);
    } catch (JgrubException e) {
      map.bounds().budget().rethrow();
      failures.add(e.getMessage());
    }
    if (found.isPresent()) {
      Discovery.Found f = found.get();
      log.info("using " + f.file().path() + " (" + f.format().name() + ") on " + place.describe());
      try {
        ConfigParser parser = f.format().parser();
        Menu menu = parser.parse(f.file(), map);
        for (var w : menu.warnings()) {
          log.info("warning: " + w);
        }
        if (!menu.items().isEmpty()) {
          attempts.add(new Attempt(place, tried, failures));
          return Optional.of(new LoadedConfig(menu, place.site(), map));
        }
        failures.add(f.file().path() + " has no menu entries");
      } catch (JgrubException e) {
        map.bounds().budget().rethrow();
        failures.add(f.file().path() + ": " + e.getMessage());
      }
    }
    attempts.add(new Attempt(place, tried, failures));
    return Optional.empty();
  }

  /** The final error: per volume, what was searched and why nothing was used. */
  static String noConfigMessage(DeviceMap map, List<String> notes, List<Attempt> attempts, Log log)
      throws IOException {
    StringBuilder sb = new StringBuilder("no bootloader configuration found; tried ");
    boolean firstVolume = true;
    for (Volume v : map.volumes()) {
      Probed p = map.probe(v);
      sb.append(firstVolume ? "" : "; ");
      firstVolume = false;
      if (p.fs().isEmpty()) {
        sb.append(v.description()).append(": ").append(p.failure());
        continue;
      }
      List<String> failures = new ArrayList<>();
      List<String> views = new ArrayList<>();
      for (Attempt a : attempts) {
        if (!a.place().site().volume().grubName().equals(v.grubName())) {
          continue;
        }
        failures.addAll(a.failures());
        if (!a.place().view().isEmpty() && !views.contains(a.place().view())) {
          views.add(a.place().view());
        }
        for (String t : a.tried()) {
          log.debug(a.place().describe() + ": " + t);
        }
      }
      sb.append(p.describe()).append(": ");
      sb.append(failures.isEmpty() ? "none of the known configuration files" : String.join("; ", failures));
      if (!views.isEmpty()) {
        sb.append(" (also searched ").append(String.join(", ", views)).append(')');
      }
    }
    // Why the partition table was not used (a refused GPT, a looping EBR chain) is often the
    // real cause: the last line must say it, not only the info lines before it.
    if (!notes.isEmpty()) {
      sb.append("; partition table: ").append(String.join("; ", notes));
    }
    return sb.toString();
  }

  /** Fails with {@link #noConfigMessage} when {@code r} found nothing. */
  static LoadedConfig require(Result r, DeviceMap map, List<String> notes, Log log)
      throws IOException {
    if (r.config().isPresent()) {
      return r.config().get();
    }
    throw new NotFoundException(noConfigMessage(map, notes, r.attempts(), log));
  }
}
