// Imported first by every entry point, before anything can start libuv's thread pool (see ./thread-pool.ts).
import { sizeThreadPool } from './thread-pool';

sizeThreadPool();
