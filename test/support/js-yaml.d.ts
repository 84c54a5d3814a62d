// js-yaml 4 (installed with electron-builder, which writes its update files with it) ships no types.
declare module 'js-yaml' {
  export function load(text: string): unknown;
  export function dump(value: unknown, options?: { lineWidth?: number }): string;
  const yaml: { load: typeof load; dump: typeof dump };
  export default yaml;
}
