import type { DocumentStore } from '../state/document-store';
import { documents } from '../state/documents';
import { StateError } from '../state/errors';
import { expectRecord, expectString, type StoredRecord } from '../state/shape';

type Generated = Record<string, Record<string, string>>;

/**
 * The data directory's stand-in for Terraform state: per resource address, the
 * values AWS generated when it was created (ids, ARN suffixes, `sub`s), and a
 * fingerprint of what was applied (items put, functions invoked), so a restart
 * re-applies only what changed in the stacks.
 */
export class DeploymentState {
  private readonly generatedValues: Generated;
  private readonly appliedFingerprints: Record<string, string>;
  private changed = false;
  private region: string | undefined;

  constructor(private readonly store: DocumentStore) {
    const stored = store.read(documents.deployment);
    const where = `${store.location}/${documents.deployment.name}`;
    if (stored === undefined) {
      this.generatedValues = {};
      this.appliedFingerprints = {};
      return;
    }
    const record = expectRecord(stored, where);
    this.region = expectString(record, 'region', where);
    this.generatedValues = {};
    for (const [address, values] of Object.entries(expectRecord(record.generated, `${where}.generated`))) {
      this.generatedValues[address] = stringRecord(values, `${where}.generated.${address}`);
    }
    this.appliedFingerprints = stringRecord(record.applied, `${where}.applied`);
  }

  /** Ids embed the region; reusing them in another would give tokens an issuer that names the wrong region. */
  checkRegion(region: string): void {
    if (this.region !== undefined && this.region !== region) {
      throw new StateError(
        `The data directory ${this.store.location} was created for region ${this.region}, but the stacks deploy to ${region}; synthesize for ${this.region} (AWS_REGION=${this.region}) or use another data directory`,
      );
    }
    if (this.region === undefined) {
      this.region = region;
      this.changed = true;
    }
  }

  /** The value AWS generated for `key` of a resource, generated now (and kept) on first use. */
  generated(address: string, key: string, make: () => string): string {
    const values = (this.generatedValues[address] ??= {});
    const existing = values[key];
    if (existing !== undefined) return existing;
    const value = make();
    values[key] = value;
    this.changed = true;
    return value;
  }

  /** Records a value generated elsewhere (a migrated data directory) before anything asks for it. */
  adopt(address: string, key: string, value: string): void {
    const values = (this.generatedValues[address] ??= {});
    if (values[key] === undefined) {
      values[key] = value;
      this.changed = true;
    }
  }

  isApplied(address: string, fingerprint: string): boolean {
    return this.appliedFingerprints[address] === fingerprint;
  }

  wasEverApplied(address: string): boolean {
    return this.appliedFingerprints[address] !== undefined;
  }

  markApplied(address: string, fingerprint: string): void {
    this.appliedFingerprints[address] = fingerprint;
    this.changed = true;
    this.save();
  }

  /** After a reset: every resource is to be applied again, with the ids generated before. */
  forgetApplied(): void {
    for (const address of Object.keys(this.appliedFingerprints)) delete this.appliedFingerprints[address];
    this.changed = true;
  }

  save(): void {
    if (!this.changed) return;
    this.store.write(documents.deployment, { region: this.region, generated: this.generatedValues, applied: this.appliedFingerprints });
    this.changed = false;
  }
}

function stringRecord(value: unknown, where: string): Record<string, string> {
  const record: StoredRecord = expectRecord(value ?? {}, where);
  const result: Record<string, string> = {};
  for (const [key, item] of Object.entries(record)) {
    if (typeof item !== 'string') throw new StateError(`${where}.${key} must be a string`);
    result[key] = item;
  }
  return result;
}
