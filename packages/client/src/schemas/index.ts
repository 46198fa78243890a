export * from './common';
export * from './reports';
export * from './routes';
