/** The schema: data only. Name maps that the logic and the generator use derive from it in names.ts. */
export * from './numeric';
export * from './media-apis';
export * from './attributes';
export * from './constants';
export * from './options';
export * from './bridge-apis';
export * from './local-apis';
export * from './builders';
export * from './names';
export * from './tracking';
export * from './dataplan';
