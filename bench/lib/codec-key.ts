/** The payload key of every benchmark and soak stack (histories kept from them decrypt with it). */
export const BENCH_CODEC_KEY = Buffer.alloc(32, 11).toString('base64');
