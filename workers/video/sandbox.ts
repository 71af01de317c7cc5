// Runs ffmpeg or ffprobe on hostile input: a child process with no stdin, a wall-clock limit, an address-space and
// CPU-time limit (prlimit, when the machine has it), a cap on what it may write to stdout, and only the tail of its
// stderr kept. Network access is refused by the callers' arguments (-protocol_whitelist file).
import { spawn } from 'node:child_process';
import { findOnPath } from './limits.ts';

export type SandboxLimits = { timeoutMs: number; memoryBytes: number; maxStdoutBytes: number };

export type SandboxReason = 'timeout' | 'output-limit' | 'memory' | 'failed' | 'missing-tool';

/** An ffmpeg run that did not end well: why, and the last lines it wrote. */
export class SandboxError extends Error {
  constructor(
    readonly reason: SandboxReason,
    message: string,
    readonly stderr = '',
  ) {
    super(message);
  }
}

const STDERR_TAIL = 16 * 1024;
const PRLIMIT = findOnPath('prlimit', '/usr/bin:/bin:/usr/sbin:/sbin');

/** The command line: through prlimit where present (Node itself has no rlimit API). */
function wrap(tool: string, args: string[], limits: SandboxLimits): [string, string[]] {
  if (!PRLIMIT) return [tool, args];
  const cpuSeconds = Math.max(1, Math.ceil(limits.timeoutMs / 1000));
  return [PRLIMIT, [`--as=${limits.memoryBytes}`, `--cpu=${cpuSeconds}`, '--core=0', '--', tool, ...args]];
}

export type SandboxRun = {
  /** Called with each chunk of stdout, in order; a throw stops the child. */
  onStdout?: (chunk: Buffer) => void;
  /** Called with each complete stderr line (showinfo's frame times come this way). */
  onStderrLine?: (line: string) => void;
};

function classify(code: number | null, signal: string | null, stderr: string): SandboxError {
  const tail = stderr.trim().split('\n').slice(-3).join(' | ').slice(0, 400);
  // prlimit could not start the tool (not there, or not executable): an installation fault, not a bad video.
  if (PRLIMIT && (code === 126 || code === 127) && /prlimit: failed to execute/.test(stderr))
    return new SandboxError('missing-tool', `cannot run the video tool: ${tail}`, stderr);
  if (/Cannot allocate memory|out of memory|std::bad_alloc|failed to allocate/i.test(stderr) || signal === 'SIGXCPU')
    return new SandboxError('memory', `the decoder ran out of its memory or CPU limit (${tail})`, stderr);
  return new SandboxError('failed', `ffmpeg stopped (${signal ?? `exit ${code}`}): ${tail || 'no message'}`, stderr);
}

/** Runs the tool to its end; resolves with its stderr tail, rejects with a SandboxError. */
export function runSandboxed(tool: string, args: string[], limits: SandboxLimits, run: SandboxRun = {}) {
  const [command, argv] = wrap(tool, args, limits);
  return new Promise<{ stderr: string }>((resolve, reject) => {
    const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: '/usr/bin:/bin' } });
    let stderr = '';
    let partial = '';
    let written = 0;
    let failure: SandboxError | null = null;
    const stop = (error: SandboxError) => {
      failure ??= error;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(
      () => stop(new SandboxError('timeout', `ffmpeg took longer than ${Math.round(limits.timeoutMs / 1000)} s`)),
      limits.timeoutMs,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      written += chunk.length;
      if (written > limits.maxStdoutBytes)
        return stop(new SandboxError('output-limit', `ffmpeg wrote more than ${limits.maxStdoutBytes} bytes`));
      try {
        run.onStdout?.(chunk);
      } catch (error) {
        stop(error instanceof SandboxError ? error : new SandboxError('failed', (error as Error).message));
      }
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr = (stderr + text).slice(-STDERR_TAIL);
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) run.onStderrLine?.(line);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const missing = error.code === 'ENOENT';
      reject(new SandboxError(missing ? 'missing-tool' : 'failed', `cannot run ${tool}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (failure) return reject(failure);
      if (code !== 0) return reject(classify(code, signal, stderr));
      resolve({ stderr });
    });
  });
}
