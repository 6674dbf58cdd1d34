import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const offline = join(__dirname, '..', '..', '..', 'offline');

function sources(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    return statSync(path).isDirectory() ? sources(path) : /\.(ts|js)$/.test(entry) ? [path] : [];
  });
}

describe('the offline runtime', () => {
  it('takes no deployment fact from platform/, stacks/ or bundling/: it reads them from the synthesized stacks', () => {
    const imports = sources(offline).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'|require\('([^']+)'\)/g)]
        .map((match) => match[1] ?? match[2])
        .filter((target) => /(^|\/)(platform|stacks|bundling)(\/|$)/.test(target) || target.endsWith('openapi/load'))
        .map((target) => `${relative(offline, file)} → ${target}`),
    );
    expect(imports).toEqual([]);
  });
});
