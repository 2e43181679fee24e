import { PipelineError } from '../../data/errors.ts';
import { errorOf } from './error_of.ts';

/** The PipelineError `fn` throws; any other outcome fails the test. */
export function pipelineErrorOf(fn: () => unknown): PipelineError {
  return errorOf(fn, PipelineError);
}
