/** bundles fuzz/<entry>.ts into `outdir`, returning the file's path */
export function bundleFuzz(entry: 'main' | 'worker', outdir: string): Promise<string>;
