export { Shell as App } from './app/Shell';
