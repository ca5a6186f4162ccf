#!/usr/bin/env node
// `npx jiceng …` from the checkout: run the TypeScript CLI through tsx in this same process.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
