const { FatalHookError } = require("plughooks");

const QUOTA_GB = 64;

/** Stops resizes over the quota (FatalHookError stops the call); its post hook is buggy. */
class QuotaGuard {
  pre(_manager, instanceId, size) {
    if (size > QUOTA_GB)
      throw new FatalHookError(`${instanceId}: ${size} GB is over the ${QUOTA_GB} GB quota`);
  }
  post(_ok, _manager, instanceId) {
    // A bug: plughooks logs it and carries on; the caller still gets its result.
    return instanceId.notAMethod();
  }
}

module.exports = { QuotaGuard };
