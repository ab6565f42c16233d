import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { Password } from '@ballast/contracts';
import { checked } from './parse-options.js';
import { UsageError } from './usage-error.js';

/**
 * A new password, checked against the contract: the first line of stdin with `--password-stdin`
 * (for scripts), otherwise typed twice at the terminal without echo. Never printed, never logged.
 */
export async function readNewPassword(
  fromStdin: boolean,
  input: NodeJS.ReadStream = process.stdin,
  prompts: NodeJS.WritableStream = process.stderr,
): Promise<string> {
  if (fromStdin) return checked(Password, await firstLine(input), 'the password from --password-stdin');
  if (!input.isTTY)
    throw new UsageError('stdin is not a terminal to type the password at: pipe it in with --password-stdin');
  const password = checked(Password, await askHidden('New password: ', input, prompts), 'the password');
  if ((await askHidden('Repeat it: ', input, prompts)) !== password)
    throw new UsageError('the two passwords differ; nothing was changed');
  return password;
}

/**
 * One line (without its line ending); an empty stdin gives an empty password, which the check refuses.
 * Stdin is then closed: a writer that keeps its end open must not keep the command running.
 */
function firstLine(input: NodeJS.ReadStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input, terminal: false });
    let line = '';
    lines.once('line', (text) => {
      line = text;
      lines.close();
    });
    lines.once('close', () => {
      input.destroy();
      resolve(line);
    });
    input.once('error', reject);
  });
}

/** Reads a line in raw mode with readline's echo sent nowhere; Ctrl-C or Ctrl-D cancels. */
function askHidden(
  prompt: string,
  input: NodeJS.ReadStream,
  prompts: NodeJS.WritableStream,
): Promise<string> {
  const nowhere = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input, output: nowhere, terminal: true });
  prompts.write(prompt);
  return new Promise((resolve, reject) => {
    let answer: string | null = null;
    rl.once('line', (line) => {
      answer = line;
      rl.close();
    });
    rl.once('SIGINT', () => rl.close());
    rl.once('close', () => {
      prompts.write('\n');
      if (answer === null) reject(new Error('cancelled; nothing was changed'));
      else resolve(answer);
    });
  });
}
