/**
 * The server's Content-Security-Policy allows no `eval`: zod must not probe `new Function` (a
 * caught probe is still reported as a CSP violation). Imported first by every entry point.
 */
import { z } from 'zod';

z.config({ jitless: true });
