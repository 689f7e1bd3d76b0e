// `node --import <this file>`: records the URL of every module the process resolves, one a line,
// to the file named by RECORD_IMPORTS_TO (tests read it to see which packages a command loaded).
import { register } from 'node:module';

register(new URL('./hooks.mjs', import.meta.url));
