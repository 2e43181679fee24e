import { PipelineError } from '../../data/errors.ts';

/** The PipelineError `fn` throws; any other outcome fails the test. */
export function pipelineErrorOf(fn: () => unknown): PipelineError {
  try {
    fn();
  } catch (err) {
    if (err instanceof PipelineError) return err;
    throw err;
  }
  throw new Error('expected a PipelineError');
}
