// comlink ships types for its Node adapter beside the .mjs file under a .d.ts name that
// TypeScript does not pair with an .mjs import; this points the import at them.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  export { default } from 'comlink/dist/esm/node-adapter';
}
