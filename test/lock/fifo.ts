import { execFileSync } from "node:child_process";

/** Makes a FIFO (Node has no mkfifo): the `mkfifo` command, present on Linux and macOS. */
export function mkfifoSync(path: string): void {
  execFileSync("mkfifo", [path]);
}
