const { FatalHookError } = require("plughooks");

const QUOTA_GB = 64;

/** Stops resizes over the quota (FatalHookError stops the call); its post hook fails on purpose. */
class QuotaGuard {
  pre(_manager, instanceId, size) {
    if (size > QUOTA_GB)
      throw new FatalHookError(`${instanceId}: ${size} GB is over the ${QUOTA_GB} GB quota`);
  }
  post(_ok, _manager, instanceId) {
    // A deliberate failure, to show that plughooks logs it and carries on: the caller still
    // gets its result.
    throw new Error(
      `deliberate failure in the demo (not a bug in plughooks): the post hook of ${instanceId}'s resize fails on purpose to show that the call still returns`,
    );
  }
}

module.exports = { QuotaGuard };
