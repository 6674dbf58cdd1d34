import { namedResources, prefixLimit } from '../../platform/resource-names';

describe('resource names derived from the prefix', () => {
  const { maxLength } = prefixLimit();
  const longestPrefix = 'x'.repeat(maxLength);

  it('all fit their service limits at the longest prefix the settings accept', () => {
    const tooLong = namedResources(longestPrefix).filter((resource) => resource.name.length > resource.maxLength);
    expect(tooLong).toEqual([]);
  });

  it('one character more makes exactly the bounding names too long', () => {
    const tooLong = namedResources(`${longestPrefix}y`).filter((resource) => resource.name.length > resource.maxLength);
    expect(tooLong.map((resource) => resource.name)).toEqual([`${longestPrefix}y-IdentityPool-AuthenticatedDefaultRole`]);
  });

  it('every name holds the prefix exactly once, at its start or after a path', () => {
    for (const resource of namedResources('prefixprobe')) {
      expect(resource.name.split('prefixprobe')).toHaveLength(2);
    }
  });
});
