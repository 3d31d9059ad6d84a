import { after } from "node:test";
import { indexSettings } from "../../src/entry-points/index-cache.js";

/**
 * Turns off the discovery index's guard against changes racing a scan (100 ms: a stamped
 * path modified that recently is not trusted) for the calling test file, and restores it
 * after: tests wait a little instead. Returns the real window, for a test of the guard itself.
 */
export function withoutRacyWindow(): number {
  const racyMs = indexSettings.racyMs;
  indexSettings.racyMs = 0;
  after(() => {
    indexSettings.racyMs = racyMs;
  });
  return racyMs;
}
