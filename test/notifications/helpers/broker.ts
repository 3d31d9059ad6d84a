import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: the folder that holds scripts/rabbitmq-test-broker.sh. */
export function repoRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "scripts", "rabbitmq-test-broker.sh"))) return dir;
    if (dirname(dir) === dir)
      throw new Error("cannot find the repository root from the test helper");
  }
}

/** A RabbitMQ broker this test file started, on 127.0.0.1 with free ports. */
export interface TestBroker {
  readonly url: string;
  /** The URL with other credentials, for auth-failure tests. */
  urlWith(user: string, password: string): string;
  /** SIGKILL the broker (a crash): data and epmd stay. */
  kill(): void;
  /** Starts it again on the same port and data; resolves when it listens. */
  restart(): Promise<void>;
  /** Runs rabbitmqctl against it. */
  ctl(...args: string[]): string;
  /** Stops the broker and epmd by the process ids the script recorded, and removes its data. */
  stop(): void;
}

/**
 * Installs RabbitMQ if missing (scripts/ensure-rabbitmq.sh) and starts a broker for one test
 * file. Fails with a clear message, never skips: a broker test that cannot run is a failure.
 */
export function startBroker(): TestBroker {
  const root = repoRoot();
  const script = join(root, "scripts", "rabbitmq-test-broker.sh");
  try {
    execFileSync("bash", [join(root, "scripts", "ensure-rabbitmq.sh")], {
      stdio: ["ignore", "ignore", "pipe"],
    });
  } catch (error) {
    throw new Error(
      `RabbitMQ is needed by the notification broker tests and could not be installed by scripts/ensure-rabbitmq.sh (needs apt-get and root): ${(error as { stderr?: Buffer }).stderr?.toString() ?? error}`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), "plughooks-rabbitmq-"));
  const run = (...args: string[]) =>
    execFileSync("bash", [script, ...args], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    }).trim();
  let url: string;
  try {
    url = run("start", dir);
  } catch (error) {
    run("stop", dir);
    throw new Error(
      `the test broker did not start: ${(error as { stderr?: string }).stderr ?? error}`,
    );
  }
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run("stop", dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  // A test file that dies early still stops what it started.
  process.once("exit", stop);
  return {
    url,
    urlWith: (user, password) =>
      url.replace("guest:guest@", `${encodeURIComponent(user)}:${encodeURIComponent(password)}@`),
    kill: () => void run("kill", dir),
    // Async: the test process (the emitter) keeps running while the broker boots.
    restart: () =>
      new Promise<void>((resolve, reject) =>
        execFile("bash", [script, "restart", dir], (error) => (error ? reject(error) : resolve())),
      ),
    ctl: (...args) => run("ctl", dir, ...args),
    stop,
  };
}

/** A TCP port on 127.0.0.1 with nothing listening (closed right after it was found). */
export async function closedPort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
