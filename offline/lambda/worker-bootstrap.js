// Runs inside a worker thread: one Lambda sandbox. Plain JavaScript because the
// worker loads the deployment package's code directly, as the Lambda runtime does.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { parentPort, workerData } = require('node:worker_threads');

let handler;

/** `index.handler` → the module `index` (.js, .cjs or .mjs) in the package, its export `handler`. */
async function loadHandler() {
  if (handler) return handler;
  // Module load is the function's init phase (a cold start).
  const separator = workerData.handler.lastIndexOf('.');
  const modulePath = workerData.handler.slice(0, separator);
  const exportName = workerData.handler.slice(separator + 1);
  const file = ['.js', '.cjs', '.mjs']
    .map((extension) => join(workerData.codeDirectory, `${modulePath}${extension}`))
    .find((candidate) => existsSync(candidate));
  if (!file) {
    throw Object.assign(new Error(`Cannot find module '${modulePath}' in the deployment package`), { name: 'Runtime.ImportModuleError' });
  }
  const loaded = file.endsWith('.mjs') ? await import(pathToFileURL(file).href) : require(file);
  const exported = loaded[exportName];
  if (typeof exported !== 'function') {
    throw Object.assign(new Error(`${modulePath}.${exportName} is undefined or not exported`), { name: 'Runtime.HandlerNotFound' });
  }
  handler = exported;
  return handler;
}

function describeError(error) {
  if (error instanceof Error) {
    return { errorType: error.name || 'Error', errorMessage: error.message, stack: (error.stack || '').split('\n') };
  }
  return { errorType: 'Error', errorMessage: String(error), stack: [] };
}

// The init phase runs when the runtime says so (its turn on this machine's
// cores), before any invocation and outside its timeout, as on Lambda; its
// outcome is reported once.
parentPort.on('message', async (message) => {
  if (message.kind === 'init') {
    loadHandler().then(
      () => parentPort.postMessage({ kind: 'initialized' }),
      (error) => parentPort.postMessage({ kind: 'init-failed', error: describeError(error) }),
    );
    return;
  }
  const { id, event, context } = message;
  const lambdaContext = {
    ...context,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, context.deadline - Date.now()),
  };
  try {
    const result = await (await loadHandler())(event, lambdaContext);
    // Lambda serialises the result as JSON; so does this sandbox.
    parentPort.postMessage({ kind: 'result', id, ok: true, result: result === undefined ? null : JSON.parse(JSON.stringify(result)) });
  } catch (error) {
    parentPort.postMessage({ kind: 'result', id, ok: false, error: describeError(error) });
  }
});
