/** The domain model: pure zod schemas and their types, shared by main, the window and the contract. */
export * from './common';
export * from './settings';
export * from './models';
export * from './generation';
export * from './jobs';
export * from './library';
export * from './chat';
export * from './usage';
export * from './updates';
export * from './compare';
export * from './references';
export * from './credentials';
export * from './batchFile';
export * from './finding';
export * from './elements';
export * from './prompts';
export * from './smartCollections';
