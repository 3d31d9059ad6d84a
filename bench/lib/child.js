// The protocol between the orchestrator and a group process: the group sends one message
// with its results over the IPC channel (or prints them as JSON when run by hand).
export function sendResult(result) {
  if (process.send) {
    process.send(result, () => process.exit(0));
  } else {
    console.log(JSON.stringify(result, null, 2));
  }
}
