// The Nova rules every hand-written contender (limit, loop) follows, so that they do the same
// work as plughooks: errors in a hook are reported and swallowed unless fatal, a promise
// returned by a hook of a sync call is reported, and posts of a sync function that returns a
// promise run when it settles. All of this is off the measured path (no hook throws).

class FatalError extends Error {}

/** Called from a hook's catch block. */
export function failed(error) {
  if (error instanceof FatalError) throw error;
  console.error("hook failed:", error);
}

/** A sync call's hook returned something: a promise would be reported, never left unhandled. */
export function stray(value) {
  if (value !== null && typeof value === "object" && typeof value.then === "function") {
    value.then(undefined, failed);
  }
}

/** A sync function returned a promise: run its posts when it settles (cold path). */
export function settleThen(result, posts, args) {
  return result.then((value) => {
    for (const h of posts) {
      try {
        stray(h.post(value, ...args));
      } catch (error) {
        failed(error);
      }
    }
    return value;
  });
}

export const isThenable = (v) =>
  v !== null && typeof v === "object" && typeof v.then === "function";
