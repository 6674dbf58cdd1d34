/** The offline commands package.json's scripts run (see run-command.js). */
export declare const commands: readonly string[];
/** Builds the commands' bundles in dist/offline/ unless they are current; returns the path of the named command's bundle. */
export declare function commandBundle(command: string): string;
