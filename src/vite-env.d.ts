/// <reference types="vite/client" />
interface ImportMetaEnv {
  /** Base URL of the pipeline output; default ./data/ beside the app. */
  readonly VITE_DATA_URL?: string;
}
