import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryRoot } from '../../bundling/bundle-lambda';

/**
 * `node offline/run-command.js <command>` (npm start and the other offline
 * scripts) in a copy of the sources, so that a test can change them: it builds
 * the bundle when there is none, reuses it while nothing changed, builds again
 * when a source did, and refuses what does not compile.
 */
const checkout = mkdtempSync(join(tmpdir(), 'run-command-'));
afterAll(() => rmSync(checkout, { recursive: true, force: true }));

beforeAll(() => {
  for (const entry of ['offline', 'openapi', 'package.json', 'tsconfig.json']) cpSync(join(repositoryRoot, entry), join(checkout, entry), { recursive: true });
  symlinkSync(join(repositoryRoot, 'node_modules'), join(checkout, 'node_modules'));
});

const run = (...args: string[]) => spawnSync(process.execPath, [join(checkout, 'offline', 'run-command.js'), ...args], { cwd: checkout, encoding: 'utf8' });
const bundle = join(checkout, 'dist', 'offline', 'main.js');
const built = () => statSync(bundle).mtimeMs;

describe('node offline/run-command.js', () => {
  it('builds the bundles when there are none, runs the command with its arguments, and reuses them while nothing changed', () => {
    const first = run('main', '--help');
    expect([first.status, first.stderr]).toEqual([0, '']);
    expect(first.stdout).toContain('Usage: npm start');
    const record = JSON.parse(readFileSync(join(checkout, 'dist', 'offline', 'build.json'), 'utf8')) as { inputs: string[] };
    expect(record.inputs).toEqual(expect.arrayContaining(['offline/main.ts', 'offline/runtime.ts', 'openapi/document.ts']));
    expect(record.inputs.filter((input) => input.includes('node_modules'))).toEqual([]);

    const builtAt = built();
    const again = run('main', '--bogus');
    expect(again.status).toBe(2);
    expect(again.stderr).toContain("Unknown option '--bogus'");
    expect(built()).toBe(builtAt);
  });

  it('builds again when a source changed, and runs the changed code', () => {
    const main = join(checkout, 'offline', 'main.ts');
    writeFileSync(main, readFileSync(main, 'utf8').replace('--explain       list what', '--explain       list (changed) what'));
    const changed = run('main', '--help');
    expect(changed.status).toBe(0);
    expect(changed.stdout).toContain('--explain       list (changed) what');
  });

  it('refuses a source that does not compile, naming the file and line, with exit code 1', () => {
    const banner = join(checkout, 'offline', 'banner.ts');
    const original = readFileSync(banner, 'utf8');
    writeFileSync(banner, `${original}\nexport const broken = ;\n`);
    try {
      const refused = run('call-command', '--help');
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/\[ERROR\] Unexpected ";"\s+offline\/banner\.ts:\d+:\d+:/);
    } finally {
      writeFileSync(banner, original);
    }
  });

  it('refuses a command it does not have', () => {
    const refused = run('deploy');
    expect([refused.status, refused.stderr.trim()]).toEqual([1, "Unknown offline command 'deploy': one of main, creds-command, call-command, aggregates-command"]);
  });
});
