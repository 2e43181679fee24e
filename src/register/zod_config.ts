import { z } from 'zod';

// zod's compiled validators use new Function, which the Content-Security-Policy forbids.
// Imported first by the register's entry points, before any schema is built.
z.config({ jitless: true });
