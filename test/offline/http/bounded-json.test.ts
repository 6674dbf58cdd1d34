import { jsonDepthExceeds, parseBoundedJson } from '../../../offline/http/bounded-json';

const nested = (depth: number, open = '[', close = ']') => Buffer.from(open.repeat(depth) + close.repeat(depth));

describe('parseBoundedJson', () => {
  it('parses JSON up to the depth limit', () => {
    expect(parseBoundedJson(nested(100))).toMatchObject({ ok: true });
    expect(parseBoundedJson(Buffer.from('{"a":{"b":[1,"x"]}}'))).toEqual({ ok: true, value: { a: { b: [1, 'x'] } } });
  });

  it('refuses one level more, and 100,000 levels, without parsing', () => {
    expect(parseBoundedJson(nested(101))).toEqual({ ok: false, reason: 'it nests objects and arrays more than 100 deep', tooDeep: true });
    expect(parseBoundedJson(Buffer.from(`{"ClientId":${'['.repeat(100_000)}`))).toEqual({ ok: false, reason: 'it nests objects and arrays more than 100 deep', tooDeep: true });
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = `{"a":"${'['.repeat(500)}\\"${'{'.repeat(500)}"}`;
    expect(jsonDepthExceeds(Buffer.from(text), 2)).toBe(false);
    expect(parseBoundedJson(Buffer.from(text))).toMatchObject({ ok: true });
  });

  it('reports invalid JSON with the parser message', () => {
    expect(parseBoundedJson(Buffer.from('{"a":'))).toMatchObject({ ok: false, reason: expect.stringMatching(/JSON/), tooDeep: false });
  });
});
