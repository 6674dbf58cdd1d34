// Lambdas import YAML as text (esbuild's text loader); jest does the same.
module.exports = {
  process(source) {
    return { code: `module.exports = ${JSON.stringify(source)};` };
  },
};
