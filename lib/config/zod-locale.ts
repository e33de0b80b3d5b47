import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/*
 * zod/mini loads no locale (classic registers English on its first schema), so without this
 * every issue that carries no message of its own would read "Invalid input". Imported for its
 * effect by every module that parses (config, lib/http validation, lib/model); an English or
 * other locale a caller installed first is kept.
 */
if (!z.config().localeError) z.config(en());
