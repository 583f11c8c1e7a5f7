/**
 * The device's registry as the harness models it (patch "registry-is-bounded" of patches.ts).
 *
 * A Roku gives all channels of one developer ID one registry of a fixed size (32 KB on current
 * firmware, 16 KB in older docs), and `roRegistrySection.Write` returns false when the value
 * does not fit. brs-engine counts `GetSpaceAvailable()` down from a 32 KB constant and accepts
 * every write. The model: the size is a setting of the run (`registryModel()` below, passed as
 * `runChannel({deviceInfo})`), `GetSpaceAvailable()` is that size minus the bytes of every
 * "section.key" and value of the developer ID (as the engine counts them: UTF-8, uncompressed,
 * where a device counts its compressed form, so the model is the stricter), a `Write` (or
 * `WriteMulti`) that would go past the end is refused and stores nothing, and a fault can
 * refuse writes to some sections (a full or failing flash), with the `Flush` that follows.
 *
 * The worker side is REGISTRY_MODEL_SCRIPT, prepended to the engine's worker (assets.ts).
 */

/** The engine's own registry size, and a current device's. */
export const DEVICE_REGISTRY_BYTES = 32768;

/** Settings of the modelled registry; every field optional. */
export interface RegistryModelSettings {
  /** Registry size in bytes (default {@link DEVICE_REGISTRY_BYTES}). */
  sizeBytes?: number;
  /**
   * A fault: writes to sections whose name starts with `sectionPrefix` are refused (Write
   * returns false and stores nothing), the first `writes` of them on each thread (-1: all), and
   * a Flush that follows a refused write on that thread returns false too.
   */
  refuse?: { sectionPrefix: string; writes: number };
}

/** The `deviceInfo` fields that carry the settings to every interpreter thread. */
export function registryModel(settings: RegistryModelSettings): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (settings.sizeBytes !== undefined) {
    if (!Number.isInteger(settings.sizeBytes) || settings.sizeBytes <= 0) throw new Error(`registryModel: sizeBytes must be a positive integer, got ${settings.sizeBytes}`);
    out.mpRegistryBytes = settings.sizeBytes;
  }
  if (settings.refuse) out.mpRegistryRefuse = { sectionPrefix: settings.refuse.sectionPrefix, writes: settings.refuse.writes };
  return out;
}

/** What the patched engine calls: `device` is the thread's deviceInfo, `current` its registry map. */
export interface RegistryModelHooks {
  space(device: unknown, current: Map<string, string>, devId: string): number;
  /** Whether `entries` ([full key "<devId>.<section>.<key>", value]) may be written now. */
  mayWrite(device: unknown, current: Map<string, string>, devId: string, entries: [string, string][]): boolean;
  mayFlush(device: unknown): boolean;
}

/**
 * The worker side, as the text prepended to the engine's worker (assets.ts): it defines
 * `globalThis.__mpRegistry` (RegistryModelHooks) once per thread. Plain JavaScript in a string,
 * so that no compiler helper can slip into a worker that lacks it.
 */
export const REGISTRY_MODEL_SCRIPT = `(function (g) {
  var encoder = new TextEncoder();
  // Per thread: refused writes so far, and whether the last write was refused by the fault.
  var thread = { refused: 0, faulted: false };
  function bytes(text) { return encoder.encode(text).length; }
  function sizeOf(device) {
    var v = device && device.mpRegistryBytes;
    return typeof v === 'number' && v > 0 ? v : ${DEVICE_REGISTRY_BYTES};
  }
  function entryBytes(devId, key, value) { return bytes(key.substring(devId.length + 1)) + bytes(value); }
  function used(current, devId) {
    var total = 0;
    current.forEach(function (value, key) { if (key.split('.')[0] === devId) total += entryBytes(devId, key, value); });
    return total;
  }
  function faultRefuses(device, devId, key) {
    var fault = device && device.mpRegistryRefuse;
    if (!fault || typeof fault.sectionPrefix !== 'string' || typeof fault.writes !== 'number') return false;
    if (key.substring(devId.length + 1).indexOf(fault.sectionPrefix) !== 0) return false;
    return fault.writes < 0 || thread.refused < fault.writes;
  }
  g.__mpRegistry = {
    space: function (device, current, devId) { return sizeOf(device) - used(current, devId); },
    mayWrite: function (device, current, devId, entries) {
      for (var i = 0; i < entries.length; i++) {
        if (faultRefuses(device, devId, entries[i][0])) {
          thread.refused++;
          thread.faulted = true;
          return false;
        }
      }
      var after = used(current, devId);
      for (var j = 0; j < entries.length; j++) {
        var old = current.get(entries[j][0]);
        if (old !== undefined) after -= entryBytes(devId, entries[j][0], old);
        after += entryBytes(devId, entries[j][0], entries[j][1]);
      }
      return after <= sizeOf(device);
    },
    mayFlush: function () {
      var ok = !thread.faulted;
      thread.faulted = false;
      return ok;
    },
  };
})(globalThis);
`;

/** Runs the worker side on `g` (tests of the model in Node). */
export function installRegistryModel(g: { __mpRegistry?: RegistryModelHooks }): RegistryModelHooks {
  new Function('globalThis', REGISTRY_MODEL_SCRIPT)(g);
  return g.__mpRegistry!;
}
