// Runs inside a worker thread: one Lambda sandbox. Plain JavaScript because the
// worker loads the esbuild bundle directly, exactly as the Lambda runtime would.
'use strict';
const { parentPort, workerData } = require('node:worker_threads');

let handler;
function loadHandler() {
  if (!handler) {
    // Module load is the function's init phase (a cold start).
    const exported = require(workerData.bundlePath)[workerData.handlerExport];
    if (typeof exported !== 'function') {
      throw new Error(`${workerData.bundlePath} does not export a function named ${workerData.handlerExport}`);
    }
    handler = exported;
  }
  return handler;
}

function describeError(error) {
  if (error instanceof Error) {
    return { errorType: error.name || 'Error', errorMessage: error.message, stack: (error.stack || '').split('\n') };
  }
  return { errorType: 'Error', errorMessage: String(error), stack: [] };
}

parentPort.on('message', async ({ id, event, context }) => {
  const lambdaContext = {
    ...context,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, context.deadline - Date.now()),
  };
  try {
    const result = await loadHandler()(event, lambdaContext);
    // Lambda serialises the result as JSON; so does this sandbox.
    parentPort.postMessage({ id, ok: true, result: result === undefined ? null : JSON.parse(JSON.stringify(result)) });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: describeError(error) });
  }
});
