/** YAML files are imported as text: esbuild's `text` loader in bundles, a jest transform in tests. */
declare module '*.yaml' {
  const text: string;
  export default text;
}
