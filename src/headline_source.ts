/**
 * The pipeline's headline.json (Fingertips life expectancy, IoD summaries), fetched once per
 * page and validated where it enters; a failure is a sentence saying why, not an exception.
 */
import { HeadlineSchema, type Headline, type Manifest } from '../contracts/manifest.ts';
import { FetchDataSource } from './data_source.ts';

let loaded: Promise<Headline | string> | null = null;

export function loadHeadline(manifest: Manifest): Promise<Headline | string> {
  loaded ??= new FetchDataSource(import.meta.env.VITE_DATA_URL ?? './data/')
    .json(manifest.headline.file)
    .then((raw) => {
      const parsed = HeadlineSchema.safeParse(raw);
      return parsed.success
        ? parsed.data
        : `${manifest.headline.file} is not valid (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''})`;
    })
    .catch((err: unknown) => (err as Error).message);
  return loaded;
}
