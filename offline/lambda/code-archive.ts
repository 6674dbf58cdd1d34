import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { unzipSync } from 'fflate';
import { repositoryRoot } from '../repository-root';

/**
 * The deployment package Terraform uploads, unpacked where a local sandbox can
 * load it. Unpacked copies are kept by content hash, so restarts and parallel
 * test workers reuse one copy and never see a half-written one.
 *
 * They live under the repository's node_modules: a package that leaves the
 * AWS SDK to the Lambda runtime finds it there, as on AWS it finds the
 * runtime's copy.
 */
export const unpackedCodeRoot = join(repositoryRoot, 'node_modules', '.cache', 'shop-platform-lambda-code');

export interface CodeArchive {
  /** Base64 SHA-256 of the zip, as Lambda's `source_code_hash` states it. */
  sha256: string;
  directory: string;
}

export class CodeArchiveError extends Error {
  override readonly name = 'CodeArchiveError';
}

export function unpackCodeArchive(zipFile: string, root: string = unpackedCodeRoot): CodeArchive {
  let archive: Buffer;
  try {
    archive = readFileSync(zipFile);
  } catch {
    throw new CodeArchiveError(`the deployment package ${zipFile} cannot be read`);
  }
  const digest = createHash('sha256').update(archive).digest();
  const sha256 = digest.toString('base64');
  const directory = join(root, digest.toString('hex'));
  if (existsSync(join(directory, '.unpacked'))) {
    // Marks the copy as in use, so pruning leaves it.
    const now = new Date();
    utimesSync(directory, now, now);
    return { sha256, directory };
  }

  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(archive);
  } catch {
    throw new CodeArchiveError(`the deployment package ${zipFile} is not a zip archive`);
  }
  const staging = `${directory}.${randomBytes(6).toString('hex')}.tmp`;
  mkdirSync(staging, { recursive: true });
  try {
    for (const [name, contents] of Object.entries(files)) {
      if (name.endsWith('/')) continue;
      const target = normalize(join(staging, name));
      // A zip entry like ../../x must not write outside the unpacked directory.
      if (!target.startsWith(staging + sep)) throw new CodeArchiveError(`the deployment package ${zipFile} holds the unsafe path ${name}`);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, contents);
    }
    writeFileSync(join(staging, '.unpacked'), '');
    mkdirSync(root, { recursive: true });
    try {
      renameSync(staging, directory);
    } catch (error) {
      // Another process unpacked the same archive first; its copy is identical.
      if (!existsSync(join(directory, '.unpacked'))) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return { sha256, directory };
}

/** Unpacked copies no start has used for this long are removed (every code change leaves one behind). */
const unusedFor = 14 * 24 * 60 * 60 * 1000;

export function pruneUnpackedArchives(root: string = unpackedCodeRoot, now: number = Date.now()): void {
  if (!existsSync(root)) return;
  for (const entry of readdirSync(root)) {
    const path = join(root, entry);
    try {
      if (now - statSync(path).mtimeMs > unusedFor) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another process removed or replaced it meanwhile.
    }
  }
}
