// Module loader hooks (registered with node:module's register) that report every module URL
// loaded, so the startup bench can add up the JavaScript on the runtime path.
let port;

export function initialize(data) {
  port = data.port;
}

export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  port.postMessage(url);
  return result;
}
