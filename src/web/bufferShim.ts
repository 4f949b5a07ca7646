// The web extension host has no `Buffer`. gray-matter only uses it to keep a
// copy of the input (`file.orig`) and to test for buffers; strings do for both.
export const Buffer = {
  from: (input: string): string => input,
  isBuffer: (_value: unknown): boolean => false,
};
